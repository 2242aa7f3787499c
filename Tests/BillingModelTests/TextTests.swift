import Testing

@testable import BillingModel
@testable import BillingSupport
import BillingWords

// `Text`, the byte builder behind messages and output: it must write exactly what String
// interpolation and the old formatters wrote, and behave as a value.

@Suite("Text: messages built as bytes")
struct TextTests {
  @Test("interpolated pieces come out as String interpolation writes them")
  func interpolation() {
    let name = "Design Team"
    let n = -42
    let t: Text = "a \(name), \(n), \(Substring("sub")), \(3.5), \(true) z"
    expectEqual(t.string, "a Design Team, -42, sub, 3.5, true z")
    let empty: Text = ""
    expectTrue(empty.isEmpty)
    expectEqual(empty.string, "")
    expectEqual(Text("héllo ✓").string, "héllo ✓")
  }

  @Test(
    "numbers, amounts, dates and ids as digits",
    arguments: [0, 1, 9, 10, 99, 100, 999, 1000, 12345, 1_000_000, -1, -1000, Int.max, Int.min])
  func digits(_ n: Int) {
    var t = Text()
    t.append(n)
    expectEqual(t.string, String(n))
    var scratch = DigitScratch()
    #expect(
      scratch.decimal(n, prefix: "#", width: 4) { String(decoding: $0, as: UTF8.self) }
        == "#" + (n < 0 ? "-" : "")
        + String(repeating: "0", count: max(0, 4 - String(n.magnitude).count)) + String(n.magnitude)
    )
  }

  @Test("amounts: grouping, cents, sign, extremes")
  func money() {
    let cases: [(Int, String)] = [
      (0, "$0.00"), (5, "$0.05"), (134_900, "$1,349.00"), (100_000_000, "$1,000,000.00"),
      (-310, "-$3.10"),
      (Int.min, "-$92,233,720,368,547,758.08"), (Int.max, "$92,233,720,368,547,758.07"),
    ]
    for (cents, text) in cases {
      expectEqual(Money.format(cents), text)
      let t: Text = "\(money: cents)"
      expectEqual(t.string, text)
    }
  }

  @Test("dates and ids")
  func datesAndIDs() {
    let d = Day(year: 2026, month: 3, day: 9)!
    let t: Text =
      "\(d) \(PlanID(index: 0)) \(PlanID(index: 122)) \(InvoiceID(index: 6)) \(InvoiceID(index: 12344))"
    expectEqual(t.string, "2026-03-09 P1 P123 INV-0007 INV-12345")
    expectEqual(d.description, "2026-03-09")
    expectEqual(PlanID(index: 9).description, "P10")
    expectEqual(InvoiceID(index: 0).description, "INV-0001")
    expectEqual(Day(year: 12345, month: 1, day: 2)!.description, "12345-01-02")
    expectEqual(Day(year: 0, month: 1, day: 2)!.description, "0000-01-02")
    expectEqual(
      Day(number: Day(year: 0, month: 3, day: 1)!.number - 366).description, "-0001-03-01")
  }

  @Test("quoting: only values that need it, every quote and backslash escaped")
  func quoting() {
    let cases: [(String, String)] = [
      ("ann", "ann"), ("", "\"\""), ("Design Team", "\"Design Team\""), ("a\"b", "\"a\\\"b\""),
      ("back\\slash", "\"back\\\\slash\""), ("tab\there", "\"tab\there\""), ("#1", "\"#1\""),
      ("é", "é"),
    ]
    for (raw, shown) in cases {
      expectEqual(quoted(raw), shown)
      let t: Text = "\(quoted: raw)"
      expectEqual(t.string, shown)
    }
  }

  @Test("copies are values: changing one leaves the other")
  func valueSemantics() {
    var a: Text = "one"
    let b = a
    a += " two \(2)"
    var c = a
    c.append(byte: 33)
    expectEqual(a.string, "one two 2")
    expectEqual(b.string, "one")
    expectEqual(c.string, "one two 2!")
    var big = Text(capacity: 1)
    for i in 0..<1000 { big.append(i % 10) }
    expectEqual(big.count, 1000)
    expectEqual(big.string, String(repeating: "0123456789", count: 100))
  }

  @Test("lines, lists and failures")
  func linesAndLists() {
    var t = Text()
    t.appendLine("first")
    t.appendLine("second \(2)")
    expectEqual(t.string, "first\nsecond 2")
    var list = Text()
    list.append(["a", "b c", "d"], separator: ", ") { $0.append(quoted: $1) }
    expectEqual(list.string, "a, \"b c\", d")
    let f = Failure(.permissionDenied, .r14, "only \(quoted: "the owner") can")
    expectEqual(f.line, "error[permission-denied]: only \"the owner\" can (R14)")
    #expect(
      Failure(.conflict, nil, "x" + "; did you mean y?").line
        == "error[conflict]: x; did you mean y?")
  }
}

// `NameMap`, the index behind handles and space and team names: exact names, canonical
// equivalence for non-ASCII names, growth, order of first setting.
@Suite("NameMap: names to values")
struct NameMapTests {
  @Test("thousands of names found again, in the order first set")
  func growth() {
    var map = NameMap<Int>()
    for i in 0..<5000 { map["u\(i)"] = i }
    expectEqual(map.count, 5000)
    for i in stride(from: 0, to: 5000, by: 7) { #expect(map["u\(i)"] == i) }
    expectEqual(map["u5000"], nil)
    expectEqual(map["U1"], nil)
    expectEqual(map[""], nil)
    map["u42"] = -1
    expectEqual(map["u42"], -1)
    expectEqual(map.count, 5000)
    expectEqual(Array(map.keys.prefix(3)), ["u0", "u1", "u2"])
  }

  @Test("non-ASCII names: the same name written two ways is one name")
  func canonical() {
    var map = NameMap<Int>()
    map["caf\u{E9}"] = 1  // é, one scalar
    expectEqual(map["cafe\u{301}"], 1)  // e and a combining accent
    map["Zo\u{eb} Team"] = 2
    expectEqual(map["Zo\u{eb} Team"], 2)
    expectEqual(map["Zoe Team"], nil)
  }

  @Test("a default value is added once, then changed in place")
  func defaults() {
    var map = NameMap<[Int]>()
    map["T1", default: []].append(1)
    map["T1", default: []].append(2)
    map["T2", default: []].append(3)
    expectEqual(map["T1"], [1, 2])
    expectEqual(map["T2"], [3])
    expectEqual(map.count, 2)
    expectEqual(map.pairs.map(\.name), ["T1", "T2"])
  }

  @Test("terminal controls are shown escaped; tab, newline and other text pass as they are")
  func visible() {
    expectEqual(Text("A\u{1B}]2;PWNED\u{07}B").visible.string, "A\\x1b]2;PWNED\\x07B")
    expectEqual(Text("a\tb\nc é ü 💳").visible.string, "a\tb\nc é ü 💳")
    expectEqual(Text("x\u{7F}y\u{9B}z\r").visible.string, "x\\x7fy\\u{9b}z\\x0d")
    expectEqual("plain".visible, "plain")
    expectEqual("bell\u{07}".visible, "bell\\x07")
  }

  @Test("the control-byte scan agrees with a byte-by-byte look at every byte in every place")
  func controlScanEveryByte() {
    func byBytes(_ b: [UInt8]) -> Bool {
      for i in b.indices {
        let x = b[i]
        if (x < 0x20 && x != 9 && x != 10) || x == 0x7F { return true }
        if x == 0xC2, i + 1 < b.count, b[i + 1] >= 0x80, b[i + 1] <= 0x9F { return true }
      }
      return false
    }
    var disagree = 0
    for place in 0..<20 {
      for v in 0...255 {
        for next in [UInt8(0x61), 0x85, 0xA9, 0x0A] {
          var bytes = Array("a\nb\tcdefgh\nijklmnopqrstuv".utf8)
          bytes[place] = UInt8(v)
          bytes[place + 1] = next
          let found = bytes.withUnsafeBufferPointer { Text.findsControl($0) }
          if found != byBytes(bytes) { disagree += 1 }
        }
      }
    }
    expectEqual(disagree, 0)
  }

  @Test("a control character refusal keeps the field as a fact; the words are made in BillingWords")
  func controlCharacterKeepsFacts() {
    do {
      try World.checkShownText("Acme\u{07}", .teamName)
      Issue.record("a control character was accepted")
    } catch {
      expectEqual(error.reason, .controlCharacter(.teamName, "Acme\\x07", scalar: 7))
      #expect(error.line.contains("the team name \"Acme\\x07\" holds a control character (U+0007)"))
    }
    expectEqual(
      [ShownText.orgName, .workspaceName, .teamName, .billingAddress].map(\.field),
      ["org name", "workspace name", "team name", "billing address"])
  }

  @Test("a scope and a plan kept by name are worded the same as a string and straight into a text")
  func scopesAndPlansByName() {
    let scopes: [(ScopeRef, String)] = [
      (.org("Acme"), "org Acme"), (.workspace("Side Project"), "workspace \"Side Project\""),
      (.team("Design", org: nil), "team Design"),
      (.team("Design", org: "Acme Co"), "team Design --org \"Acme Co\""),
      (.org("A very long organization name"), "org \"A very long organization name\""),
    ]
    for (scope, words) in scopes {
      expectEqual(scope.text, words)
      let written: Text = "\(scope)"
      expectEqual(written.string, words)
    }
    let plan = NamedPlan(
      plan: PlanID(index: 2), scope: .workspace("Side Project"), tier: .advanced, cycle: .annual,
      seats: 12, trial: false)
    expectEqual(plan.summary.string, "P3 (workspace \"Side Project\", advanced annual, 12 seats)")
    var trial = plan
    trial.trial = true
    let written: Text = "\(trial)"
    expectEqual(written.string, "P3 (workspace \"Side Project\", advanced trial)")
  }

  @Test("a name of the wrong length keeps which name it is as a fact, worded in BillingWords")
  func badNameKeepsFacts() {
    let cases: [(ShownText, String)] = [
      (.orgName, "org"), (.workspaceName, "workspace"), (.teamName, "team"),
    ]
    for (kind, word) in cases {
      do {
        try World.checkShownText("", kind)
        Issue.record("an empty \(word) name was accepted")
      } catch {
        expectEqual(error.reason, .badName("", kind))
        expectEqual(
          error.line,
          "error[usage]: \"\" is not a valid \(word) name: use 1 to 100 characters, without control characters"
        )
      }
    }
    do {
      try World.checkShownText("", .billingAddress)
      Issue.record("an empty billing address was accepted")
    } catch {
      expectEqual(error.reason, .badAddress)
    }
  }
}
