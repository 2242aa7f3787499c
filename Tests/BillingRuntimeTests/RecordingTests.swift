import BillingPlayback
import Foundation
import Testing

/// `.record` outside the shell and recordings of sessions that did not start empty (SPEC §6, §8):
/// each recording passes `billsh test` on its own.
extension EndToEndTests {
  /// The recording's lines after its header (the session itself).
  func session(_ path: String) throws -> String {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    return text.split(separator: "\n", omittingEmptySubsequences: false).drop {
      !$0.hasPrefix("  ")
    }.joined(separator: "\n")
  }

  func expectReplays(_ path: String, cwd: String? = nil) throws {
    let check = try billsh(["test", path], cwd: cwd)
    expectEqual(check.code, 0, "\(check.stdout)")
    expectTrue(check.stdout.hasSuffix("1 passed, 0 failed\n"), "\(check.stdout)")
  }

  static let story =
    EndToEndTests.acme + """
      ! login zed
      ! whoami
      as carl upgrade team Design --tier starter --monthly
      !permission-denied as ann invoices team Design
      quote org Acme --tier advanced
      .read parts/more.bill

      """

  @Test func recordFromPipedInputAndScriptsWritesTheWholeSession() throws {
    let (dir, path) = try script(
      ".record early.transcript\n" + EndToEndTests.story
        + ".record late.transcript\nadvance 40d\nshow\n")
    try FileManager.default.createDirectory(
      atPath: dir + "/parts", withIntermediateDirectories: true)
    try "login ann\nnope\nwhoami\n".write(
      toFile: dir + "/parts/more.bill", atomically: true, encoding: .utf8)
    let piped = try billsh([], stdinFile: path, cwd: dir)
    expectTrue(piped.stdout.contains("recording to late.transcript: 12 earlier commands written"))
    let early = try session(dir + "/early.transcript")
    expectTrue(early.hasPrefix("  > create org Acme\n  created org Acme\n"))
    // Output as the shell shows it: no <stdin>:line prefix, no note about the unmet `!`.
    expectTrue(early.contains("  > login zed\n  error[not-found]: unknown user zed\n  > whoami\n"))
    expectTrue(early.contains("  parts/more.bill:2: error[usage]"))
    // `.record late.transcript` ends the first recording and writes everything again.
    let late = try session(dir + "/late.transcript")
    expectTrue(late.hasPrefix(early))
    expectTrue(late.contains("\n  > advance 40d\n"))
    try expectReplays("early.transcript", cwd: dir)
    try expectReplays("late.transcript", cwd: dir)

    let run = try billsh(["run", "story.bill"], cwd: dir)
    expectEqual(run.code, 2)
    #expect(try session(dir + "/late.transcript") == late)
    try expectReplays("late.transcript", cwd: dir)
  }

  /// The session so far outgrows the spool's buffer and goes to its temporary file.
  @Test func recordAfterALongPlayback() throws {
    let quotes = String(repeating: "quote org Acme --tier starter --seats 10\n", count: 15_000)
    let (dir, path) = try script(
      EndToEndTests.acme + quotes + ".record long.transcript\nwhoami\n")
    let r = try billsh(["run", path])
    expectEqual(r.code, 0)
    expectTrue(r.stdout.contains("recording to \(dir)/long.transcript: 15006 earlier commands"))
    let text = try session(dir + "/long.transcript")
    expectEqual(text.components(separatedBy: "  > quote").count, 15_001)
    try expectReplays(dir + "/long.transcript")
  }

  @Test func recordFromTheDemoStartsWithDemo() throws {
    let (dir, _) = try script("")
    let r = try billsh(
      ["--demo"], stdin: "as carl edit team Design --seats 4\n.record d.transcript\nshow\n",
      cwd: dir)
    expectEqual(r.code, 0, "\(r.stdout)")
    let text = try session(dir + "/d.transcript")
    expectTrue(text.hasPrefix("  > .demo\n  loaded the demo world: 8 users, 2 spaces, 2 plans"))
    expectTrue(text.contains("  > as carl edit team Design --seats 4\n"))
    try expectReplays(dir + "/d.transcript")
  }

  @Test func recordFromASavedWorldStartsByLoadingIt() throws {
    let (dir, path) = try script(EndToEndTests.acme + ".save acme.json\n")
    #expect(try billsh(["run", path]).code == 0)
    try FileManager.default.createDirectory(
      atPath: dir + "/cases", withIntermediateDirectories: true)
    let r = try billsh(
      ["--state", "acme.json"],
      stdin: "as carl upgrade team Design --tier starter\n.record cases/s.transcript\nshow\n",
      cwd: dir)
    expectEqual(r.code, 0, "\(r.stdout)")
    // `--state` rewrote acme.json at the end: the recording loads the world it started from.
    let text = try session(dir + "/cases/s.transcript")
    expectTrue(text.hasPrefix("  > .load s.start.json\n  loaded s.start.json: 4 users, 1 space"))
    expectTrue(FileManager.default.fileExists(atPath: dir + "/cases/s.start.json"))
    try expectReplays(dir + "/cases/s.transcript")
    try expectReplays("s.transcript", cwd: dir + "/cases")

    // A `.load` during the session is one of its commands.
    let l = try billsh(
      [], stdin: ".load acme.json\nlogin carl\n.record l.transcript\nplan team Design\n", cwd: dir)
    expectEqual(l.code, 0, "\(l.stdout)")
    #expect(
      try session(dir + "/l.transcript").hasPrefix("  > .load acme.json\n  loaded acme.json:"))
    try expectReplays(dir + "/l.transcript")
  }

  @Test func demoReplacesTheWorld() throws {
    let r = try billsh(
      [], stdin: "create org Other\n.demo\nwhoami\nadd zed --org Other\n.help .demo\n.demo now\n")
    expectEqual(r.code, 2)
    expectTrue(r.stdout.contains("loaded the demo world: 8 users, 2 spaces, 2 plans, today is"))
    expectTrue(r.stdout.contains("ann\n  org Acme: member, admin\n"))
    expectTrue(r.stdout.contains("<stdin>:4: error[not-found]"))
    expectTrue(r.stdout.contains(".demo\n  replace the world with the bundled demo world"))
    expectTrue(r.stdout.contains("<stdin>:6: error[usage]"))
    let json = try billsh(["--json"], stdin: ".demo\n")
    expectEqual(json.records.first?["result"]?["file"], .null)
  }
}

/// `.history` in a played file lists the lines played before it, whether the file names it
/// itself or a file it reads does (a file that can do neither is played without keeping them).
extension EndToEndTests {
  @Test func historyInAPlayedFileListsTheLinesBeforeIt() throws {
    let (dir, path) = try script("create org Acme\nadd ann --org Acme\n.read parts/h.bill\n")
    try FileManager.default.createDirectory(
      atPath: dir + "/parts", withIntermediateDirectories: true)
    try "whoami\n.history\n".write(toFile: dir + "/parts/h.bill", atomically: true, encoding: .utf8)
    for args in [["run", path], ["run", dir + "/parts/h.bill"]] {
      let run = try billsh(args, cwd: dir)
      expectEqual(run.code, 0, "\(run.stdout)")
      if args[1] == path {
        expectTrue(
          run.stdout.contains("1  create org Acme\n2  add ann --org Acme\n3  .read parts/h.bill\n"),
          "\(run.stdout)")
      } else {
        expectTrue(run.stdout.contains("1  whoami\n2  .history\n"), "\(run.stdout)")
      }
    }
    // The same when `.history` is the file's own line.
    let (_, own) = try script("create org Acme\n.history\n")
    let run = try billsh(["run", own], cwd: dir)
    expectTrue(run.stdout.contains("1  create org Acme\n2  .history\n"), "\(run.stdout)")
  }
}
