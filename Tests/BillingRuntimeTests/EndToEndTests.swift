import Foundation
import Testing

@testable import BillingModel
import BillingRuntime
import BillingSupport

/// Runs the built `billsh` on `.bill` files and piped input, checking JSON, exit codes and files.
@Suite(.serialized) struct EndToEndTests {
  struct Run {
    var code: Int32
    var stdout: String
    var stderr: String
    var records: [JSON] {
      stdout.split(separator: "\n").compactMap { try? JSON.parse(String($0)) }
    }
  }

  static let binary: String = PseudoTerminal.builtProduct("billsh") ?? ".build/debug/billsh"

  func billsh(
    _ args: [String], stdin: String? = nil, stdinBytes: [UInt8]? = nil, stdinFile: String? = nil,
    cwd: String? = nil
  ) throws -> Run {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: EndToEndTests.binary)
    p.arguments = args
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    p.environment = env
    if let cwd { p.currentDirectoryURL = URL(fileURLWithPath: cwd) }
    let out = Pipe(), err = Pipe(), inp = Pipe()
    p.standardOutput = out
    p.standardError = err
    p.standardInput = inp
    if let stdinFile { p.standardInput = FileHandle(forReadingAtPath: stdinFile) }
    try p.run()
    let bytes = stdinFile != nil ? [] : stdinBytes ?? Array((stdin ?? "").utf8)
    // NB: billsh may exit before reading it all: the write tolerates EPIPE.
    let writer = Thread { HangGuard.feed(inp.fileHandleForWriting, bytes) }
    writer.start()
    let o = HangGuard.readAll(out.fileHandleForReading)
    let e = HangGuard.readAll(err.fileHandleForReading)
    p.waitUntilExit()
    return Run(
      code: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
      stderr: String(decoding: e, as: UTF8.self))
  }

  func script(_ text: String, name: String = "story.bill") throws -> (dir: String, path: String) {
    let dir = NSTemporaryDirectory() + "billsh-e2e-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let path = dir + "/" + name
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return (dir, path)
  }

  /// Stdin from a regular file of 256 KiB or more is read and parsed ahead on a second thread;
  /// from a pipe it is not. Both must print the same bytes and exit the same way.
  @Test(arguments: [
    (
      "long story",
      Array(
        repeating:
          "clock\nas ann upgrade team Design --tier starter\ncan bob cancel team Design\nnope\n",
        count: 300
      ).joined(), [String]()
    ),
    // NB: many batches of 256 lines, printed by one thread or the other as they keep up.
    (
      "many batches",
      Array(
        repeating:
          "as ann upgrade team Design --tier starter\ncan bob cancel team Design\nfeatures gus\n",
        count: 4000
      ).joined(), [String]()
    ),
    ("bail late", String(repeating: "clock\n", count: 5000) + "nope\nclock\n", ["--bail"]),
    ("quit midway", "clock\n.quit\nclock\n", []),
    ("bail", "clock\nnope\nclock\n", ["--bail"]),
    ("json", "clock\n!conflict clock\nas zed plan org Acme\n", ["--json"]),
    ("bad bytes", "clock\n<FF>x\nclo<NUL>ck\nclock \\\n", []),
  ])
  func readAheadMatchesPipe(_ name: String, _ body: String, _ args: [String]) throws {
    // NB: <FF> and <NUL> stand for raw bytes (kept out of the printed test arguments).
    // NB: commentary first, so the file is large enough to be read ahead.
    var bytes = Array(String(repeating: "# padding, so the file is read ahead\n", count: 8000).utf8)
    for (i, part) in (EndToEndTests.acme + "\n" + body).components(separatedBy: "<FF>").enumerated()
    {
      if i > 0 { bytes.append(0xFF) }
      bytes += Array(part.replacingOccurrences(of: "<NUL>", with: "\u{0}").utf8)
    }
    let (_, path) = try script("")
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    let piped = try billsh(args, stdinBytes: bytes)
    let fromFile = try billsh(args, stdinFile: path)
    expectEqual(fromFile.stdout, piped.stdout, "\(name)")
    expectEqual(fromFile.code, piped.code, "\(name)")
    expectTrue(!piped.stdout.isEmpty)
  }

  static let acme = """
    create org Acme
    add ann --org Acme --admin
    add bob carl --org Acme
    add gus --org Acme --guest
    create team Design --org Acme
    add carl gus --team Design

    """

  @Test func jsonRecordsFollowTheSpec() throws {
    let (_, path) = try script(
      EndToEndTests.acme + """
        as carl upgrade team Design --tier starter --monthly
        as bob plan team Design
        as bob plan org Acme
        quote org Acme --tier advanced --seats 10 --monthly
        can ann cancel team Design
        as carl seats team Design
        advance 1m
        features gus
        as ann whoami
        !permission-denied as ann invoices team Design
        log

        """)
    let run = try billsh(["run", "--json", path])
    expectEqual(run.code, 0, "\(run.stdout)")
    let r = run.records
    expectEqual(r.count, 17)
    let up = try #require(
      r.first { $0["input"] == .string("as carl upgrade team Design --tier starter --monthly") })
    expectEqual(up["ok"], .bool(true))
    expectEqual(up["line"], .int(7))
    expectEqual(up["file"], .string(path))
    let plan = try #require(up["result"]?["plan"])
    expectEqual(plan["id"], .string("P1"))
    expectEqual(plan["scope"], .string("team Design"))
    expectEqual(plan["seats"], .int(2))
    expectEqual(plan["period_cents"], .int(2698))
    expectEqual(plan["billing_owner"], .string("carl"))
    expectEqual(plan["period_end"], .string("2026-02-01"))
    expectEqual(up["result"]?["invoice"]?["amount_cents"], .int(2698))
    expectEqual(up["result"]?["invoice"]?["sent_to"], .string("carl"))
    expectEqual(r[7]["result"]?["scope"], .string("team Design"))
    expectEqual(r[8]["result"], .null)
    #expect(
      r[9]["result"]
        == JSON.object([
          ("tier", .string("advanced")), ("cycle", .string("monthly")), ("seats", .int(10)),
          ("unit_cents", .int(3049)), ("period_cents", .int(30490)),
        ]))
    expectEqual(r[10]["result"]?["allowed"], .bool(false))
    expectEqual(r[10]["result"]?["error"]?["rule"], .string("R14"))
    #expect(
      r[11]["result"]
        == JSON.object([
          ("plan", .string("P1")), ("seats", .int(2)), ("used", .int(1)), ("over", .bool(false)),
        ]))
    let events = try #require(r[12]["result"]?["events"])
    #expect(
      events
        == .array([
          .object([
            ("date", .string("2026-02-01")), ("type", .string("renewal")), ("plan", .string("P1")),
            ("scope", .string("team Design")), ("invoice", .string("INV-0002")),
          ])
        ]))
    #expect(
      r[13]["result"]?["access"]
        == .array([
          .object([("scope", .string("org Acme")), ("tier", .string("basic")), ("plan", .null)]),
          .object([
            ("scope", .string("team Design")), ("tier", .string("starter")),
            ("plan", .string("P1")),
          ]),
        ]))
    #expect(
      r[14]["result"]?["spaces"]
        == .array([
          .object([
            ("space", .string("org Acme")),
            ("roles", .array([.string("member"), .string("admin")])),
          ])
        ]))
    expectEqual(r[15]["ok"], .bool(false))
    expectEqual(r[15]["error"]?["code"], .string("permission-denied"))
    expectEqual(r[15]["error"]?["rule"], .string("R14"))
    guard case .array(let entries)? = r.last?["result"]?["entries"] else {
      Issue.record("no log"); return
    }
    expectEqual(entries.count, 12)
    expectEqual(entries.last?["outcome"], .string("error[permission-denied] (R14)"))
    expectEqual(entries.last?["actor"], .string("ann"))
  }

  @Test func exitCodesAndFileLinePrefix() throws {
    let ok = try script("create org Acme\n!not-found add x --team Nope\n")
    #expect(try billsh(["run", ok.path]).code == 0)
    let unmet = try script("create org Acme\nadd x --team Nope\n")
    let r1 = try billsh(["run", unmet.path])
    expectEqual(r1.code, 1)
    expectTrue(r1.stdout.contains("\(unmet.path):2: error[not-found]: unknown team Nope"))
    let typo = try script("create org Acme\nupgrad org Acme --tier starter\n")
    let r2 = try billsh(["run", typo.path])
    expectEqual(r2.code, 2)
    expectTrue(
      r2.stdout.contains(":2: error[usage]: unknown command upgrad; did you mean upgrade?"))
    #expect(try billsh(["run", "/nonexistent/x.bill"]).code == 2)
    // SPEC §5: an unmet line that failed with usage or io gives 2, also when a code was expected.
    let expected = try script("create org Acme\n!conflict bogus\n")
    #expect(try billsh(["run", expected.path]).code == 2)
    #expect(try billsh(["run", "--bail", expected.path]).code == 2)
  }

  @Test(arguments: [
    ["run"], ["run", "--frob", "x.bill"], ["test", "--jobs", "x"], ["--nope"],
    ["test", "--shard", "0/3"], ["test", "--shard", "4/3"], ["test", "--shard", "a/b"],
    ["test", "--shard", "3"], ["test", "--shard"],
  ])
  func misuseIsAUsageErrorWithStatus2(_ args: [String]) throws {
    let r = try billsh(args)
    expectEqual(r.code, 2)
    expectTrue(r.stderr.hasPrefix("error[usage]: "), "\(r.stderr)")
  }

  @Test(arguments: [
    (
      "invalid UTF-8", [UInt8]("create org A\n".utf8) + [0xff, 0xfe, 10],
      ":2: error[usage]: the line is not valid UTF-8"
    ),
    (
      "NUL byte", [UInt8]("create org A\ncreate org B\0\n".utf8),
      ":2: error[usage]: NUL byte in the line"
    ),
    (
      "unterminated quote", [UInt8]("create org \"Acme\n".utf8),
      ":1: error[usage]: unterminated quote"
    ),
    (
      "trailing continuation", [UInt8]("create org A\ncreate \\\n".utf8),
      ":2: error[usage]: the line ends in a continuation"
    ),
    (
      "seats of 10^30",
      [UInt8](
        "create org A\nquote org A --tier starter --seats 1000000000000000000000000000000\n".utf8),
      ":2: error[usage]: --seats 10000000000000000000… is too large"
    ),
    (
      "negative seats", [UInt8]("create org A\nquote org A --tier starter --seats -3\n".utf8),
      ":2: error[usage]: --seats needs a whole number"
    ),
    (
      "date past 9999", [UInt8]("advance 8000y\n".utf8),
      ":1: error[usage]: advance 8000y would leave the calendar"
    ),
  ])
  func hostileScripts(_ name: String, _ bytes: [UInt8], _ expected: String) throws {
    let (dir, _) = try script("")
    let path = dir + "/hostile.bill"
    _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
    let r = try billsh(["run", path])
    expectEqual(r.code, 2, "\(name)")
    expectTrue(r.stdout.contains(path + expected), "\(name): \(r.stdout)")
    let piped = try billsh([], stdinBytes: bytes)
    expectEqual(piped.code, 2, "\(name) piped")
    expectTrue(piped.stdout.contains("<stdin>" + expected), "\(name) piped: \(piped.stdout)")
  }

  @Test func readIsRelativeAndCyclesAreIOErrors() throws {
    let (dir, main) = try script(".read parts/a.bill\nshow\n")
    try FileManager.default.createDirectory(
      atPath: dir + "/parts", withIntermediateDirectories: true)
    try "create org Acme\n.read b.bill\n".write(
      toFile: dir + "/parts/a.bill", atomically: true, encoding: .utf8)
    try ".read a.bill\n".write(toFile: dir + "/parts/b.bill", atomically: true, encoding: .utf8)
    let r = try billsh(["run", "--json", main])
    expectEqual(r.code, 2)
    let cycle = try #require(r.records.first { $0["error"]?["code"] == .string("io") })
    expectEqual(cycle["file"], .string(dir + "/parts/b.bill"))
    expectEqual(cycle["line"], .int(1))
    guard case .string(let m)? = cycle["error"]?["message"] else {
      Issue.record("the .read cycle error has no message")
      return
    }
    expectTrue(m.contains(".read cycle"), "\(m)")
    let created = try #require(r.records.first { $0["input"] == .string("create org Acme") })
    expectEqual(created["file"], .string(dir + "/parts/a.bill"))
  }

  @Test func saveLoadRoundTripAndBadFilesLeaveTheWorld() throws {
    let (dir, path) = try script(
      EndToEndTests.acme + """
        as carl upgrade team Design --tier starter --monthly --address "1 Main St"
        advance 40d
        .save w1.json
        .load w1.json
        .save w2.json
        !io .load broken.json
        !io .save /proc/no/such/place.json
        show

        """)
    try "{\"format\": \"billsh-world\", \"version\": 1, \"date\": ".write(
      toFile: dir + "/broken.json", atomically: true, encoding: .utf8)
    let r = try billsh(["run", path])
    expectEqual(r.code, 0, "\(r.stdout)")
    let a = try String(contentsOfFile: dir + "/w1.json", encoding: .utf8)
    let b = try String(contentsOfFile: dir + "/w2.json", encoding: .utf8)
    expectEqual(a, b)
    expectTrue(r.stdout.contains("the current world is unchanged"))
    expectTrue(r.stdout.contains("team Design: 2 people (1 billable); plan P1"))
  }

  @Test func sameScriptSameBytes() throws {
    let (_, path) = try script(
      EndToEndTests.acme + "as carl upgrade team Design --tier advanced\nadvance 3y\nlog\nshow\n")
    let one = try billsh(["run", "--json", path])
    let two = try billsh(["run", "--json", path])
    expectEqual(one.stdout, two.stdout)
    expectEqual(one.code, 0)
  }

  @Test func transcriptOfAScriptReplaysClean() throws {
    let (dir, path) = try script(
      "# The admin cannot download invoices (R14)\n" + EndToEndTests.acme
        + "as carl upgrade team Design --tier starter\n!permission-denied as ann invoices team Design\n"
    )
    let t = try billsh(["run", "--transcript", path])
    expectEqual(t.code, 0)
    #expect(
      t.stdout.hasPrefix(
        "The admin cannot download invoices (R14)\n  > create org Acme\n  created org Acme\n"))
    try t.stdout.write(toFile: dir + "/story.transcript", atomically: true, encoding: .utf8)
    let check = try billsh(["test", dir + "/story.transcript"])
    expectEqual(check.code, 0)
    expectTrue(check.stdout.hasSuffix("1 passed, 0 failed\n"))
  }

  /// The transcript names in a JUnit file the binary wrote.
  func junitNames(_ path: String) throws -> [String] {
    let doc = try #require(ParsedXML(try String(contentsOfFile: path, encoding: .utf8)))
    return doc.all("testcase").compactMap { $0.attributes["name"] }
  }

  @Test func shardsOfTheCorpusRunEachTranscriptOnceAndWriteJUnit() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().path
    let corpus = root + "/Transcripts"
    let (dir, _) = try script("")
    let whole = try billsh(["test", corpus, "--junit", dir + "/all.xml"])
    expectEqual(whole.code, 0, "\(whole.stdout)")
    let all = try junitNames(dir + "/all.xml")
    expectTrue(all.count > 40)
    expectEqual(whole.stdout, "\(all.count) passed, 0 failed\n")
    for n in 1...4 {
      var seen: [String] = []
      for k in 1...n {
        let file = dir + "/shard-\(k)-of-\(n).xml"
        let r = try billsh(["test", corpus, "--shard", "\(k)/\(n)", "--junit", file])
        expectEqual(r.code, 0)
        let names = try junitNames(file)
        expectEqual(r.stdout, "\(names.count) passed, 0 failed\n")
        seen += names
      }
      expectEqual(seen.sorted(), all.sorted(), "\(n) shards")
    }
  }

  @Test func junitFailureAndUnwritablePath() throws {
    let (dir, _) = try script("")
    try "  > clock\n  not the clock\n".write(
      toFile: dir + "/bad & <odd>.transcript", atomically: true, encoding: .utf8)
    let r = try billsh(["test", dir, "--junit", dir + "/junit.xml"])
    expectEqual(r.code, 1)
    expectTrue(r.stdout.hasPrefix("FAIL \(dir)/bad & <odd>.transcript\n--- expected: "))
    expectTrue(r.stdout.hasSuffix("\n0 passed, 1 failed\n"))
    let doc = try #require(
      ParsedXML(try String(contentsOfFile: dir + "/junit.xml", encoding: .utf8)))
    expectEqual(doc.all("testsuite").first?.attributes["failures"], "1")
    expectEqual(doc.all("testcase").first?.attributes["name"], "\(dir)/bad & <odd>.transcript")
    #expect(
      doc.all("failure").first?.text == String(r.stdout.dropLast("0 passed, 1 failed\n".count)))
    // An unwritable JUnit path: the report as usual, then an io error and status 2.
    let u = try billsh(["test", dir, "--junit", dir + "/no/such/folder/junit.xml"])
    expectEqual(u.code, 2)
    expectEqual(u.stdout, r.stdout)
    expectTrue(u.stderr.hasPrefix("error[io]: \(dir)/no/such/folder/junit.xml: "), "\(u.stderr)")
  }
}

/// The bundled demo world and `Scripts/demo.bill` are the same lines.
@Test func demoScriptFileMatchesTheBundledDemo() throws {
  let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path
  let file = try String(contentsOfFile: root + "/Scripts/demo.bill", encoding: .utf8)
  expectEqual(file, BillingRuntime.Demo.script)
}

/// SPEC §5: a script has no size limit and streams (its memory figure is in Scripts/bench).
@Suite struct StreamingScriptTests {
  @Test("billsh run plays a 1,000,000-line script to its last line")
  func millionLines() throws {
    let dir = NSTemporaryDirectory() + "billsh-stream-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/million.bill", outPath = dir + "/out.txt"
    var text = "create org Acme\nadd ann bob --org Acme\n"
    // NB: one command in ten lines (the rest commentary), so the debug build plays it in
    // seconds; Scripts/bench plays a million commands in the release build.
    let views = [
      "clock", "quote org Acme --tier starter", "features ann", "!not-found features zed",
    ]
    let commentary = String(repeating: "# commentary, read and skipped\n", count: 9)
    for i in 0..<99_999 { text += commentary + views[i % views.count] + "\n" }
    text += String(repeating: "# commentary\n", count: 1_000_000 - 3 - 999_990)
    text += "!usage bogus\n"
    try text.write(toFile: path, atomically: false, encoding: .utf8)
    expectTrue(FileManager.default.createFile(atPath: outPath, contents: nil))
    let p = Process()
    p.executableURL = URL(fileURLWithPath: EndToEndTests.binary)
    p.arguments = ["run", path]
    p.standardOutput = FileHandle(forWritingAtPath: outPath)
    p.standardError = FileHandle.nullDevice
    try p.run()
    p.waitUntilExit()
    expectEqual(p.terminationStatus, 0)
    let out = try Data(contentsOf: URL(fileURLWithPath: outPath))
    // NB: the last line's expected failure is the last record printed: the whole script played.
    let lastLine = out.split(separator: 10).last.map { String(decoding: $0, as: UTF8.self) }
    expectEqual(lastLine?.hasPrefix("\(path):1000000: "), true, "\(lastLine ?? "no last line")")
    expectEqual(lastLine?.contains("error[usage]"), true, "\(lastLine ?? "no last line")")
  }
}
