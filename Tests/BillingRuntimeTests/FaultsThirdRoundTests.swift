import Foundation
import Testing

@testable import BillingModel
@testable import BillingPlayback
@testable import BillingRuntime
import BillingSupport

/// Faults, third round (issue 24): a byte order mark never changes what a file means, a
/// `--state` file changed by another program is not overwritten, and Ctrl-C ends `advance`,
/// `forecast` and `compare` at once, listing nothing more.
@Suite(.serialized) struct FaultsThirdRoundTests {
  typealias Run = EndToEndTests.Run

  func folder() throws -> String {
    let dir = NSTemporaryDirectory() + "billsh-faults-3-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
  }

  func read(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }

  // MARK: - Byte order marks

  @Test func aByteOrderMarkIsNotPartOfAScriptsFirstLine() {
    let lines = ScriptReader.lines(
      of: [0xEF, 0xBB, 0xBF] + Array("create org A\n# c\nshow\n".utf8))
    expectEqual(lines.map(\.text), ["create org A", "show"])
    expectEqual(lines.first?.number, 1)
    // Only at the very start: elsewhere it stays, and is refused as a command.
    let later = ScriptReader.lines(of: Array("clock\n\u{FEFF}create org A\n".utf8))
    expectEqual(later.last?.text, "\u{FEFF}create org A")
  }

  /// The reproduction: a BOM before the first `  > ` line made that command
  /// commentary, so its wrong output passed and `--update` "updated" nothing.
  @Test func aByteOrderMarkDoesNotHideATranscriptsFirstCommand() throws {
    let dir = try folder()
    let path = dir + "/bom.transcript"
    let text = "\u{FEFF}  > create user a\n  wrong\n  > create user b\n  created user b\n"
    try text.write(toFile: path, atomically: false, encoding: .utf8)
    let replay: TranscriptRunner.ReplayAt = { commands, at in
      Runner.replay(commands, at: at)
    }
    var report = ""
    let failed = TranscriptRunner(jobs: 1, update: false, replay: replay).run(
      paths: [path], output: &report)
    expectEqual(failed.failed, 1, "\(report)")
    expectTrue(report.contains("-  wrong\n+  created user a"), "\(report)")
    var updated = ""
    _ = TranscriptRunner(jobs: 1, update: true, replay: replay).run(paths: [path], output: &updated)
    // The mark stays where it was; the first command's output is recorded.
    // NB: read as bytes: Foundation drops a byte order mark when it reads text.
    let bytes = FileManager.default.contents(atPath: path).map { [UInt8]($0) } ?? []
    expectEqual(
      bytes,
      Array(
        "\u{FEFF}  > create user a\n  created user a\n  > create user b\n  created user b\n".utf8))
  }

  // MARK: - A state file changed by another program

  @Test func aStateFileReplacedWhileBillshRunsIsNotOverwritten() throws {
    let dir = try folder()
    let state = dir + "/s.json"
    let p = Process()
    p.executableURL = URL(fileURLWithPath: EndToEndTests.binary)
    p.arguments = ["--state", state]
    p.currentDirectoryURL = URL(fileURLWithPath: dir)
    let inp = Pipe(), out = Pipe(), err = Pipe()
    p.standardInput = inp
    p.standardOutput = out
    p.standardError = err
    try p.run()
    HangGuard.send(inp.fileHandleForWriting, "create user mine\n.save ran.json\n")
    expectTrue(HangGuard.waitUntil { read(dir + "/ran.json") != nil })
    // Another program puts its own file in place.
    try "{\"theirs\": true}\n".write(toFile: dir + "/new", atomically: false, encoding: .utf8)
    expectEqual(rename(dir + "/new", state), 0)
    HangGuard.feed(inp.fileHandleForWriting, [])
    let o = String(decoding: HangGuard.readAll(out.fileHandleForReading), as: UTF8.self)
    _ = HangGuard.readAll(err.fileHandleForReading)
    p.waitUntilExit()
    expectEqual(p.terminationStatus, 2)
    expectTrue(o.contains("error[io]: \(state): changed by another program"), "\(o)")
    expectTrue(o.contains("saved in \(dir)/s.conflict.json"), "\(o)")
    expectEqual(read(state), "{\"theirs\": true}\n")
    expectEqual(read(dir + "/s.conflict.json")?.contains("\"mine\""), true)
  }

  /// The session's own `.save` of its state file is no change by someone else.
  @Test func aSaveOfTheStateFileFromInsideIsNoConflict() throws {
    let dir = try folder()
    try "create user a\n.save s.json\ncreate user b\n".write(
      toFile: dir + "/x.bill", atomically: false, encoding: .utf8)
    let r = try EndToEndTests().billsh(["run", "--state", dir + "/s.json", dir + "/x.bill"])
    expectEqual(r.code, 0, "\(r.stdout)")
    expectEqual(read(dir + "/s.json")?.contains("\"b\""), true)
    expectEqual(FileManager.default.fileExists(atPath: dir + "/s.conflict.json"), false)
  }

  // MARK: - Ctrl-C during long commands

  /// A world of 300 monthly plans renewing on the same days.
  func busyWorld() -> Session {
    let s = Session()
    for i in 0..<300 {
      s.perform("create workspace W\(i)")
      s.perform("add u\(i) --workspace W\(i)")
      s.perform("create plan workspace W\(i) --tier starter --owner u\(i) --monthly")
    }
    return s
  }

  @Test func ctrlCDuringAdvanceRenewsNothingMoreAndListsNothing() {
    let s = busyWorld()
    var asked = 0
    var invoicesAtStop = -1
    s.shouldStop = {
      asked += 1
      if asked == 4 { invoicesAtStop = s.world.invoices.count }
      return asked >= 4
    }
    let o = s.perform("advance 50y")
    expectTrue(o.isOK)
    // Three days of renewals were decided before the stop; none after it.
    expectEqual(s.world.invoices.count, invoicesAtStop)
    expectEqual(s.world.invoices.count, 300 * 4)
    expectEqual(o.text.split(separator: "\n").count, 2, "\(o.text.prefix(300))")
    expectTrue(
      o.text.hasSuffix("; 900 events on the way not listed (log, timeline and show have them)"))
    expectTrue(o.text.contains("interrupted: the clock stopped on 2026-04-01"), "\(o.text)")
    // JSON says the same: no events listed, how many were not.
    expectEqual(o.result["events"], .array([]))
    expectEqual(o.result["interrupted"], .bool(true))
    expectEqual(o.result["events_not_listed"], .int(900))
  }

  @Test func ctrlCWhileEventsAreListedStopsTheListing() {
    let s = busyWorld()
    var asked = 0
    // Two renewal days in the window, asked before each; then the listing asks.
    s.shouldStop = {
      asked += 1
      return asked > 2
    }
    let o = s.perform("advance 2m")
    expectEqual(s.world.today, Day("2026-03-01"))
    expectEqual(
      o.text,
      "2026-03-01\ninterrupted: 600 events on the way not listed (log, timeline and show have them)"
    )
  }

  @Test func ctrlCDuringForecastAndCompareListsNothingMore() {
    let s = busyWorld()
    var asked = 0
    s.shouldStop = {
      asked += 1
      return asked > 2
    }
    let f = s.perform("forecast workspace W0 5y")
    expectTrue(f.text.contains("interrupted: the forecast stopped on 2026-03-01"), "\(f.text)")
    expectEqual(f.text.split(separator: "\n").count, 3, "\(f.text)")
    asked = 0
    let c = s.perform("compare workspace W0 5y --with \"create user z\"")
    expectTrue(c.text.contains("interrupted"), "\(c.text)")
    expectTrue(c.text.split(separator: "\n").count < 12, "\(c.text)")
  }
}
