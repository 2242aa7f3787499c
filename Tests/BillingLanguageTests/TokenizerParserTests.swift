import BillingModel
import Testing

@testable import BillingLanguage

// SPEC §3 (values in double quotes), §4 (`usage`: unknown command or flag, missing value, bad
// number; suggest the closest command), §5 (`#` comments, unterminated quote).

private func words(_ line: String) throws(Failure) -> [Token] {
  try Tokenizer.split(line[...])
}

private func parseFailure(_ line: String) -> Failure? {
  do {
    _ = try parse(line: line[...])
    return nil
  } catch {
    return error
  }
}

private func parsed(_ line: String) throws -> Command {
  guard let c = try parse(line: line[...]) else { throw Failure(.usage, nil, "empty line") }
  return c
}

@Suite("Tokenizer: words, quotes, escapes and comments")
struct TokenizerTests {
  @Test("one list of words for many lines: each line's words, a list kept elsewhere untouched")
  func wordsIntoOneList() throws {
    var list: [Token] = []
    let lines = [
      "as ann upgrade team \"Design Ops\" --tier starter", "", "café Ü x", "add   a#b", "x",
    ]
    var kept: [[Token]] = []
    for line in lines {
      let length = try Tokenizer.words(line[...], into: &list)
      let (alone, aloneLength) = try Tokenizer.words(line[...])
      #expect(list == alone)
      #expect(length == aloneLength)
      kept.append(list)
    }
    #expect(kept == (try lines.map { line throws(Failure) in try Tokenizer.split(line[...]) }))
  }

  @Test("a scope word is read as its raw value reads it")
  func scopeWords() {
    for word in [
      "org", "team", "workspace", "Org", "orgs", "tea", "workspaces", "", "user", "--org",
    ] {
      #expect(ScopeKind(word: word) == ScopeKind(rawValue: word))
    }
  }

  struct Split: Sendable, CustomTestStringConvertible {
    let line: String
    let texts: [String]
    let quoted: [Bool]
    var testDescription: String { line }
  }

  @Test(
    "splitting lines into words",
    arguments: [
      Split(
        line: "create user ann bob", texts: ["create", "user", "ann", "bob"],
        quoted: [false, false, false, false]),
      Split(line: "  login   ann  ", texts: ["login", "ann"], quoted: [false, false]),
      Split(line: "login\tann", texts: ["login", "ann"], quoted: [false, false]),
      Split(
        line: "create workspace \"Side Project\"", texts: ["create", "workspace", "Side Project"],
        quoted: [false, false, true]),
      Split(
        line: #"address org Acme "1 \"Main\" St""#,
        texts: ["address", "org", "Acme", #"1 "Main" St"#], quoted: [false, false, false, true]),
      Split(line: #"x "a\\b""#, texts: ["x", #"a\b"#], quoted: [false, true]),
      Split(line: "login ann # who acts", texts: ["login", "ann"], quoted: [false, false]),
      Split(line: "# only a comment", texts: [], quoted: []),
      Split(line: "", texts: [], quoted: []),
      Split(
        line: "create org \"Acme # 1\"", texts: ["create", "org", "Acme # 1"],
        quoted: [false, false, true]),
      Split(line: "x \"\"", texts: ["x", ""], quoted: [false, true]),
      Split(line: "x \"--seats\"", texts: ["x", "--seats"], quoted: [false, true]),
      Split(line: "x ab\"c d\"e", texts: ["x", "abc de"], quoted: [false, true]),
      Split(line: "login ann#comment", texts: ["login", "ann"], quoted: [false, false]),
    ])
  func split(_ c: Split) throws {
    let t = try words(c.line)
    expectEqual(t.map(\.text), c.texts)
    expectEqual(t.map(\.quoted), c.quoted)
  }

  @Test(
    "an unterminated quote is a usage error",
    arguments: [
      "create org \"Acme", "address org Acme \"1 Main St", #"x "a\""#, "\"",
    ])
  func unterminated(_ line: String) {
    #expect(throws: Failure.self) { try words(line) }
    do { _ = try words(line) } catch { #expect(error.code == .usage) }
  }

  @Test("a quoted word is never a flag")
  func quotedIsNotFlag() throws {
    let t = try words("x --tier \"--tier\" --")
    expectTrue(t[1].isFlag)
    expectTrue(!t[2].isFlag)
    expectTrue(!t[3].isFlag)
  }
}

@Suite("Parser: commands, flags and values")
struct ParserTests {
  struct Bad: Sendable, CustomTestStringConvertible {
    let line: String
    let fragment: String?
    var testDescription: String { line }
  }

  @Test(
    "syntax errors are usage errors, with hints",
    arguments: [
      Bad(line: "upgarde org Acme --tier starter", fragment: "did you mean upgrade"),
      Bad(line: "cancle org Acme", fragment: "did you mean cancel"),
      Bad(line: "frobnicate", fragment: "unknown command"),
      Bad(line: "create frob X", fragment: "create what?"),
      Bad(line: "create", fragment: "create needs what to create"),
      Bad(line: "upgrade org Acme --tier starter --seat 5", fragment: "did you mean --seats"),
      Bad(line: "upgrade org Acme --tier starter --colour red", fragment: "unknown flag --colour"),
      Bad(line: "upgrade org Acme --tier starter --seats -3", fragment: "whole number"),
      Bad(line: "upgrade org Acme --tier starter --seats abc", fragment: "whole number"),
      Bad(
        line: "upgrade org Acme --tier starter --seats 1000000000000000000000000000000",
        fragment: "too large"),
      Bad(line: "upgrade org Acme --tier starter --seats 5.5", fragment: "whole number"),
      Bad(line: "upgrade org Acme --tier starter --seats", fragment: "needs a value"),
      Bad(line: "upgrade org Acme --tier starter --seats 5 --seats 10", fragment: "twice"),
      Bad(
        line: "upgrade org Acme --tier starter --monthly --annual",
        fragment: "--monthly or --annual"),
      Bad(
        line: "quote org Acme --tier starter --annual --monthly", fragment: "--monthly or --annual"),
      Bad(line: "edit org Acme --monthly --annual", fragment: "--monthly or --annual"),
      Bad(
        line: "create plan org Acme --tier starter --owner ann --monthly --annual",
        fragment: "--monthly or --annual"),
      Bad(line: "upgrade org Acme --tier gold", fragment: "unknown tier"),
      Bad(line: "upgrade org Acme", fragment: "needs --tier"),
      Bad(line: "upgrade", fragment: "upgrade needs <scope>"),
      Bad(line: "upgrade space Acme --tier starter", fragment: "not a scope"),
      Bad(line: "upgrade org --tier starter", fragment: "org needs a name"),
      Bad(line: "upgrade org Acme --tier starter --pay cash", fragment: "unknown payment method"),
      Bad(line: "pay org Acme", fragment: "needs --method"),
      Bad(line: "transfer org Acme", fragment: "needs --to"),
      Bad(line: "advance 1x", fragment: "advance takes"),
      Bad(line: "advance -1d", fragment: "advance takes"),
      Bad(line: "advance", fragment: "needs"),
      Bad(line: "login", fragment: "needs"),
      Bad(line: "cancel org Acme extra", fragment: "unexpected"),
      Bad(line: "can bob .help", fragment: "can checks actions"),
      Bad(line: "can bob clock", fragment: "can checks actions"),
      Bad(line: "as bob as carl cancel org Acme", fragment: "nested"),
      Bad(line: "as bob .reset", fragment: "shell commands"),
      Bad(line: "create plan org Acme --owner ann", fragment: "needs --tier"),
      Bad(line: "create plan org Acme --tier starter", fragment: "needs --owner"),
      Bad(line: "address org Acme", fragment: "needs"),
      Bad(line: "move org Acme", fragment: "needs --to"),
      Bad(line: "add ann", fragment: "needs --org"),
      Bad(line: "upgrade org Acme --tier \"starter", fragment: "unterminated quote"),
      Bad(line: "logout --now", fragment: "unknown flag"),
    ])
  func usage(_ c: Bad) {
    let f = parseFailure(c.line)
    expectEqual(f?.code, .usage)
    expectTrue(f?.rule == nil)
    if let fragment = c.fragment {
      expectEqual(f?.message.contains(fragment), true, "\(f?.message ?? "no failure")")
    }
  }

  @Test("upgrade parses its flags and defaults")
  func upgradeFlags() throws {
    guard
      case .upgrade(let r) = try parsed(
        "upgrade org Acme --tier enterprise+ --seats 20 --monthly --billing-owner bob --pay invoice --address \"1 Main St\""
      )
    else {
      Issue.record("not an upgrade"); return
    }
    expectEqual(r.scope, .org("Acme"))
    expectEqual(r.tier, .enterprisePlus)
    expectEqual(r.seats, 20)
    expectEqual(r.cycle, .monthly)
    expectEqual(r.billingOwner, "bob")
    expectEqual(r.payment, .invoice)
    expectEqual(r.address, "1 Main St")
    guard case .upgrade(let d) = try parsed("upgrade workspace \"Side Project\" --tier personal")
    else {
      Issue.record("not an upgrade"); return
    }
    expectEqual(d.scope, .workspace("Side Project"))
    expectEqual(d.tier, .basic)
    expectEqual(d.seats, nil)
    expectEqual(d.cycle, nil)
    expectEqual(d.billingOwner, nil)
    expectEqual(d.payment, nil)
  }

  @Test("--seats=5 and --seats 0 are numbers (0 is a value error later, R5)")
  func numbers() throws {
    guard
      case .quote(_, _, let s, let c) = try parsed(
        "quote org Acme --tier starter --seats=5 --annual")
    else {
      Issue.record("not a quote"); return
    }
    expectEqual(s, 5)
    expectEqual(c, .annual)
    guard case .quote(_, _, let z, _) = try parsed("quote org Acme --tier starter --seats 0") else {
      Issue.record("not a quote"); return
    }
    expectEqual(z, 0)
  }

  @Test("team scopes take --org before or after the flags")
  func teamScope() throws {
    guard case .cancel(let a) = try parsed("cancel team Design --org Acme") else {
      Issue.record("not cancel"); return
    }
    expectEqual(a, .team("Design", org: "Acme"))
    guard case .upgrade(let r) = try parsed("upgrade team Design --tier starter --org Acme") else {
      Issue.record("not upgrade"); return
    }
    expectEqual(r.scope, .team("Design", org: "Acme"))
    expectEqual(parseFailure("cancel org Acme --org Beta")?.code, .usage)
  }

  // R8: `upgrade team A,B` parses (no --tier needed); the runtime refuses it with contact-sales.
  @Test("upgrade team A,B parses as one request naming several teams (R8)")
  func severalTeams() throws {
    guard case .upgrade(let r) = try parsed("upgrade team Design,Ops") else {
      Issue.record("not upgrade"); return
    }
    expectEqual(r.scope, .team("Design,Ops", org: nil))
  }

  @Test("aliases: downgrade = edit, as = login, .exit = .quit, tier aliases")
  func aliases() throws {
    guard case .edit(let ref, let r) = try parsed("downgrade org Acme --tier starter --seats 5")
    else { Issue.record("not edit"); return }
    expectEqual(ref, .org("Acme"))
    expectEqual(r, EditRequest(tier: .starter, seats: 5, cycle: nil))
    guard case .login("ann") = try parsed("as ann") else {
      Issue.record("as <user> is login"); return
    }
    guard case .runAs("bob", .cancel(.org("Acme")), _) = try parsed("as bob cancel org Acme") else {
      Issue.record("not runAs"); return
    }
    guard case .quit = try parsed(".exit") else { Issue.record("not quit"); return }
    guard case .trial(_, .enterprisePlus) = try parsed("trial org Acme --tier enterprise+") else {
      Issue.record("not trial"); return
    }
  }

  @Test(
    "durations of advance",
    arguments: [
      ("30d", BillingLanguage.Duration.days(30)), ("1m", .months(1)), ("2y", .years(2)),
      ("0d", .days(0)),
    ])
  func durations(_ text: String, _ d: BillingLanguage.Duration) throws {
    guard case .advance(let got) = try parsed("advance \(text)") else {
      Issue.record("not advance"); return
    }
    expectEqual(got, d)
  }

  @Test("clock <date>, advance [to] <date>, rules [<id>] (SPEC §8)")
  func deskCommands() throws {
    guard case .setClock(let d) = try parsed("clock 2025-03-31") else {
      Issue.record("not clock <date>"); return
    }
    expectEqual(d.description, "2025-03-31")
    guard case .clock = try parsed("clock") else { Issue.record("not clock"); return }
    for line in ["advance to 2026-02-01", "advance 2026-02-01"] {
      guard case .advanceTo(let d) = try parsed(line) else { Issue.record("\(line)"); return }
      expectEqual(d.description, "2026-02-01")
    }
    guard case .rules(nil) = try parsed("rules") else { Issue.record("not rules"); return }
    guard case .rules("r14"?) = try parsed("rules r14") else { Issue.record("rules r14"); return }
    guard
      case .createPlan(let r) = try parsed(
        "create plan org Acme --tier starter --owner ann --since 2025-01-31")
    else { Issue.record("not create plan"); return }
    expectEqual(r.since?.description, "2025-01-31")
    for bad in [
      "clock 2025-3-31", "clock 1999-12-31", "advance to", "advance to 1m", "advance 1m 2d",
      "create plan org Acme --tier starter --owner ann --since yesterday", "rules R1 R2",
    ] {
      expectEqual(parseFailure(bad)?.code, .usage, "\(bad)")
    }
  }

  @Test("comments and blank lines parse to nothing")
  func nothing() throws {
    #expect(try parse(line: "   # nothing here"[...]) == nil)
    #expect(try parse(line: ""[...]) == nil)
  }

  @Test("a quoted command word is not a command")
  func quotedCommand() {
    expectEqual(parseFailure("\"login\" ann")?.code, .usage)
  }

  @Test("render quotes what needs quoting")
  func rendering() throws {
    #expect(
      render(try words("create workspace \"Side Project\"")) == "create workspace \"Side Project\"")
    #expect(render(try words("address org Acme \"x\"")) == "address org Acme \"x\"")
  }
}
