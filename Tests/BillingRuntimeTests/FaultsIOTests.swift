import Foundation
import LineEditing
import Testing

@testable import BillingModel
@testable import BillingPlayback
@testable import BillingRuntime
@testable import BillingShell
import BillingSupport

/// Files, streams, signals and exit statuses (issue 13): writes land only in regular files,
/// endless input ends, failed writes exit 2, Ctrl-C exits 130, one writer per state file.
/// Each test runs the built binary in a fresh folder.
@Suite(.serialized) struct FaultsIOTests {
  typealias Run = EndToEndTests.Run
  static let binary = EndToEndTests.binary

  /// A fresh folder, removed by nobody (the system's temporary folder).
  func folder() throws -> String {
    let dir = NSTemporaryDirectory() + "billsh-faults-io-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
  }

  func write(_ text: String, to path: String) throws {
    try text.write(toFile: path, atomically: false, encoding: .utf8)
  }

  func read(_ path: String) -> String? {
    try? String(contentsOfFile: path, encoding: .utf8)
  }

  /// Starts billsh with stdin and stdout as given (pipes by default); stderr is captured.
  func start(
    _ args: [String], cwd: String, stdin: Any? = nil, stdout: Any? = nil
  ) throws -> (Process, Pipe, Pipe, Pipe) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: FaultsIOTests.binary)
    p.arguments = args
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    p.environment = env
    p.currentDirectoryURL = URL(fileURLWithPath: cwd)
    let inp = Pipe(), out = Pipe(), err = Pipe()
    p.standardInput = stdin ?? inp
    p.standardOutput = stdout ?? out
    p.standardError = err
    try p.run()
    return (p, inp, out, err)
  }

  /// Runs billsh to its end (killed only by the hang guard: a hang fails the test).
  /// NB: billsh may exit before reading its input: the write tolerates EPIPE.
  func billsh(
    _ args: [String], cwd: String, stdin: Any? = nil, stdout: Any? = nil, input: String = ""
  ) throws -> Run {
    let (p, inp, out, err) = try start(args, cwd: cwd, stdin: stdin, stdout: stdout)
    if stdin == nil { HangGuard.feed(inp.fileHandleForWriting, Array(input.utf8)) }
    finish(p, args)
    let o = stdout == nil ? HangGuard.readAll(out.fileHandleForReading) : Data()
    let e = HangGuard.readAll(err.fileHandleForReading)
    return Run(
      code: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
      stderr: String(decoding: e, as: UTF8.self))
  }

  /// Waits for `p` to end (killed by the hang guard only: a hang fails the test).
  func finish(_ p: Process, _ args: [String] = []) {
    let ended = HangGuard.waitUntil { !p.isRunning }
    expectTrue(ended, "billsh \(args) did not end within \(HangGuard.seconds) s")
    if p.isRunning { kill(p.processIdentifier, SIGKILL) }
    p.waitUntilExit()
  }

  func kind(_ path: String) -> mode_t {
    var info = stat()
    return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : 0
  }

  // MARK: - Writes that respect their target

  @Test func saveWritesThroughLinksAndRefusesWhatIsNotARegularFile() throws {
    let dir = try folder()
    try write("{}\n", to: dir + "/target.json")
    symlink("target.json", dir + "/link.json")
    try FileManager.default.createDirectory(
      atPath: dir + "/sub", withIntermediateDirectories: true)
    symlink("sub/new.json", dir + "/dangling.json")
    mkfifo(dir + "/fifo", 0o644)
    try FileManager.default.createDirectory(
      atPath: dir + "/folder", withIntermediateDirectories: true)
    try write("keep me\n", to: dir + "/ro.json")
    chmod(dir + "/ro.json", 0o444)
    try write(
      """
      create user a
      .save link.json
      .save dangling.json
      !io .save /dev/null
      !io .save fifo
      !io .save folder
      !io .save ro.json

      """, to: dir + "/s.bill")
    let r = try billsh(["run", "s.bill"], cwd: dir)
    expectEqual(r.code, 0, "\(r.stdout)")
    expectTrue(r.stdout.contains("/dev/null: not a regular file (a device, FIFO or socket)"))
    expectTrue(r.stdout.contains("fifo: not a regular file"))
    expectTrue(r.stdout.contains("folder: is a folder"))
    expectTrue(r.stdout.contains("ro.json: is read-only"))
    // The links stay links; their targets hold the world.
    expectEqual(kind(dir + "/link.json"), S_IFLNK)
    expectEqual(kind(dir + "/dangling.json"), S_IFLNK)
    expectEqual(read(dir + "/target.json")?.contains("\"billsh-world\""), true)
    expectEqual(read(dir + "/sub/new.json")?.contains("\"billsh-world\""), true)
    expectEqual(kind("/dev/null"), S_IFCHR)
    expectEqual(kind(dir + "/fifo"), S_IFIFO)
    expectEqual(read(dir + "/ro.json"), "keep me\n")
    // No temporary file is left behind.
    let left =
      try FileManager.default.contentsOfDirectory(atPath: dir)
      + FileManager.default.contentsOfDirectory(atPath: dir + "/sub")
    expectTrue(!left.contains { $0.contains(".tmp-") }, "\(left)")
  }

  @Test func recordReplacesTheOldFileOnlyWhenTheNewOneIsComplete() throws {
    let dir = try folder()
    try write("old recording\n", to: dir + "/ro.transcript")
    chmod(dir + "/ro.transcript", 0o444)
    try write("old\n", to: dir + "/real.transcript")
    symlink("real.transcript", dir + "/link.transcript")
    try write(
      """
      create user a
      !io .record ro.transcript
      !io .record /dev/null
      .record link.transcript
      create user b

      """, to: dir + "/s.bill")
    let r = try billsh(["run", "s.bill"], cwd: dir)
    expectEqual(r.code, 0, "\(r.stdout)")
    expectEqual(read(dir + "/ro.transcript"), "old recording\n")
    expectEqual(kind("/dev/null"), S_IFCHR)
    expectEqual(kind(dir + "/link.transcript"), S_IFLNK)
    let recorded = read(dir + "/real.transcript") ?? ""
    expectTrue(recorded.contains("  > create user a\n"))
    expectTrue(recorded.contains("  > create user b\n"))
  }

  @Test func aStateFileThatCannotBeWrittenIsRefusedBeforeAnythingRuns() throws {
    let dir = try folder()
    try FileManager.default.createDirectory(
      atPath: dir + "/folder", withIntermediateDirectories: true)
    for state in ["/dev/null", "folder"] {
      let r = try billsh(["--state", state], cwd: dir, input: "create user a\n")
      expectEqual(r.code, 2)
      expectTrue(r.stdout.isEmpty, "\(r.stdout)")
      expectTrue(r.stderr.hasPrefix("error[io]: \(state): "), "\(r.stderr)")
    }
  }

  @Test func updateWritesThroughALinkedTranscript() throws {
    let dir = try folder()
    try write("  > create user a\n  wrong\n", to: dir + "/real.txt")
    symlink("real.txt", dir + "/a.transcript")
    let r = try billsh(["test", "--update", "a.transcript"], cwd: dir)
    expectTrue(r.stdout.contains("updated a.transcript"), "\(r.stdout)")
    expectEqual(kind(dir + "/a.transcript"), S_IFLNK)
    expectEqual(read(dir + "/real.txt"), "  > create user a\n  created user a\n")
  }

  // MARK: - Endless and odd inputs

  @Test func endlessInputEndsWithAnError() throws {
    let dir = try folder()
    let zero = try billsh([], cwd: dir, stdin: FileHandle(forReadingAtPath: "/dev/zero"))
    expectEqual(zero.code, 2)
    expectTrue(zero.stdout.contains("<stdin>:1: error[usage]: the line is longer than 64 KiB"))
    expectTrue(zero.stdout.contains("no end of line"), "\(zero.stdout)")
    // A file of NULs without a newline: the line limit, then the end.
    _ = FileManager.default.createFile(
      atPath: dir + "/nul.bill", contents: Data(repeating: 0, count: 3 << 20))
    let nul = try billsh(["run", "nul.bill"], cwd: dir)
    expectEqual(nul.code, 2)
    expectTrue(nul.stdout.contains("nul.bill:1: error[usage]: the line is longer than 64 KiB"))
    // A long line with an end: refused, and the lines after it still run.
    try write(
      "create user a\n" + String(repeating: "x", count: 200_000) + "\ncreate user b\n",
      to: dir + "/long.bill")
    let long = try billsh(["run", "long.bill"], cwd: dir)
    expectEqual(long.code, 2)
    expectTrue(long.stdout.contains("long.bill:2: error[usage]: the line is longer than 64 KiB"))
    expectTrue(long.stdout.hasSuffix("created user b\n"), "\(long.stdout)")
  }

  @Test func fifosAndDevicesAreRefusedWithoutWaiting() throws {
    let dir = try folder()
    mkfifo(dir + "/fifo", 0o644)
    // NB: a script may be a FIFO (SPEC §5), so `.read fifo` would wait for a writer; saved
    // worlds and transcripts stay regular files.
    try write("!io .load fifo\n!io .load /dev/zero\n", to: dir + "/s.bill")
    let r = try billsh(["run", "s.bill"], cwd: dir)
    expectEqual(r.code, 0, "\(r.stdout)")
    let state = try billsh(["--state", "fifo"], cwd: dir)
    expectEqual(state.code, 2)
    expectTrue(state.stderr.contains("fifo: not a regular file"))
    let test = try billsh(["test", "fifo", "/dev/zero"], cwd: dir)
    expectEqual(test.code, 1)
    expectTrue(test.stdout.contains("fifo: error[io]: not a regular file"), "\(test.stdout)")
    expectTrue(test.stdout.contains("/dev/zero: error[io]: not a regular file"))
    let catalog = try billsh(["--catalog", "/dev/zero"], cwd: dir)
    expectEqual(catalog.code, 2)
    expectTrue(catalog.stderr.contains("not a regular file"))
  }

  // MARK: - Exit status tells the truth

  @Test func aFullDiskOnStdoutExits2() throws {
    guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
    let dir = try folder()
    try write("create user a\nshow\n", to: dir + "/s.bill")
    let full = FileHandle(forWritingAtPath: "/dev/full")
    let r = try billsh(["run", "s.bill"], cwd: dir, stdout: full)
    expectEqual(r.code, 2)
    expectTrue(r.stderr.contains("error[io]: cannot write the output: No space left on device"))
    let piped = try billsh([], cwd: dir, stdout: full, input: "create user a\n")
    expectEqual(piped.code, 2)
  }

  @Test func aClosedPipeOnStdoutExits2() throws {
    let dir = try folder()
    try write(String(repeating: "clock\n", count: 100_000), to: dir + "/s.bill")
    let out = Pipe()
    try out.fileHandleForReading.close()
    let r = try billsh(["run", "s.bill"], cwd: dir, stdout: out)
    expectEqual(r.code, 2)
    expectTrue(r.stderr.contains("cannot write the output: Broken pipe"), "\(r.stderr)")
  }

  @Test func ctrlCMidPlaybackSavesTheStateAndExits130() throws {
    let dir = try folder()
    let (p, inp, _, _) = try start(["--state", "s.json"], cwd: dir)
    HangGuard.send(inp.fileHandleForWriting, "create user early\n.save ran.json\n")
    // Wait until the lines ran: the save is the sign, whatever the machine's load.
    expectTrue(HangGuard.waitUntil { read(dir + "/ran.json") != nil })
    p.interrupt()
    finish(p)
    expectEqual(p.terminationStatus, 130)
    expectEqual(read(dir + "/s.json")?.contains("\"early\""), true)
  }

  @Test func aFailedRecordingEndsTheSessionWith2() throws {
    let dir = try folder()
    let s = Session(files: LocalFiles())
    s.keepsTranscript = true
    expectTrue(s.perform(".record \(dir)/r.transcript").isOK)
    s.keeping.recording?.close()
    expectTrue(s.perform("create user a").isOK)
    expectTrue(s.recordingFailed)
    expectEqual(Runner.exitCode(s), 2)
  }

  // MARK: - One writer per state file

  @Test func aSecondProcessOnTheSameStateFails() throws {
    let dir = try folder()
    let (first, inp, _, _) = try start(["--state", "s.json"], cwd: dir)
    HangGuard.send(inp.fileHandleForWriting, "create user one\n.save ran.json\n")
    // The first holds the lock once its lines ran.
    expectTrue(HangGuard.waitUntil { read(dir + "/ran.json") != nil })
    let second = try billsh(["--state", "s.json"], cwd: dir, input: "create user two\n")
    expectEqual(second.code, 2)
    #expect(
      second.stderr.contains("s.json: in use by billsh process \(first.processIdentifier)"),
      "\(second.stderr)")
    try? inp.fileHandleForWriting.close()
    finish(first)
    expectEqual(first.terminationStatus, 0)
    // The first one's world is saved; the second one changed nothing.
    let saved = read(dir + "/s.json") ?? ""
    expectTrue(saved.contains("\"one\""))
    expectTrue(!saved.contains("\"two\""))
    // Once the first has ended, the next one may write.
    let third = try billsh(["--state", "s.json"], cwd: dir, input: "create user three\n")
    expectEqual(third.code, 0)
    expectEqual(read(dir + "/s.json")?.contains("\"one\""), true)
  }

  @Test func aFifoAsHistoryFileIsRefusedAndTheShellStarts() throws {
    let dir = try folder()
    try FileManager.default.createDirectory(
      atPath: dir + "/state/billsh", withIntermediateDirectories: true)
    mkfifo(dir + "/state/billsh/history", 0o644)
    let pty = try PseudoTerminal(
      executable: FaultsIOTests.binary, arguments: [],
      environment: [
        "PATH": "/usr/bin:/bin", "HOME": dir, "XDG_STATE_HOME": dir + "/state", "TERM": "xterm",
        "NO_COLOR": "1",
      ], inheritEnvironment: false, columns: 120, rows: 40)
    expectTrue(pty.waitFor("billsh (nobody)> "), "\(pty.text)")
    expectTrue(pty.text.contains("not a regular file (a device, FIFO or socket)"), "\(pty.text)")
    pty.send("\u{04}")
    expectEqual(pty.waitForExit(), 0)
    expectEqual(kind(dir + "/state/billsh/history"), S_IFIFO)
  }

  // MARK: - Hangups of the interactive shell

  @Test(arguments: [(SIGHUP, "the terminal closed (SIGHUP)"), (SIGTERM, "terminated (SIGTERM)")])
  func aHangupSavesTheInteractiveWorld(_ signal: Int32, _ words: String) throws {
    let dir = try folder()
    let pty = try PseudoTerminal(
      executable: FaultsIOTests.binary, arguments: ["--state", dir + "/s.json"],
      environment: [
        "PATH": "/usr/bin:/bin", "HOME": dir, "XDG_STATE_HOME": dir + "/state", "TERM": "xterm",
        "NO_COLOR": "1",
      ], inheritEnvironment: false, columns: 120, rows: 40)
    expectTrue(pty.waitFor("billsh (nobody)> "), "\(pty.text)")
    pty.send("create user kept\r")
    expectTrue(pty.waitFor("created user kept"), "\(pty.text)")
    pty.signal(signal)
    expectEqual(pty.waitForExit(), 128 + signal)
    expectTrue(
      pty.text.contains("billsh: \(words): saved the world to \(dir)/s.json"), "\(pty.text)")
    expectEqual(read(dir + "/s.json")?.contains("\"kept\""), true)
  }

  /// A hangup whose save fails keeps the old file, and the next start on that file says so.
  @Test func aHangupThatCannotSaveIsToldOnTheNextStart() throws {
    let dir = try folder()
    let env = [
      "PATH": "/usr/bin:/bin", "HOME": dir, "XDG_STATE_HOME": dir + "/state", "TERM": "xterm",
      "NO_COLOR": "1",
    ]
    let state = dir + "/s.json"
    let pty = try PseudoTerminal(
      executable: FaultsIOTests.binary, arguments: ["--state", state], environment: env,
      inheritEnvironment: false, columns: 120, rows: 40)
    expectTrue(pty.waitFor("billsh (nobody)> "), "\(pty.text)")
    // The state file's place becomes a folder: the save at the hangup cannot be made.
    try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
    pty.signal(SIGHUP)
    expectEqual(pty.waitForExit(), 128 + SIGHUP)
    expectTrue(
      pty.text.contains("is a folder: not written; the old file is unchanged"), "\(pty.text)")
    try FileManager.default.removeItem(atPath: state)
    let next = try billsh(["--state", state], cwd: dir, input: "clock\n")
    expectEqual(next.code, 0)
    #expect(
      next.stderr.contains("billsh: the last session on \(state) ended without saving"),
      "\(next.stderr)")
    // Said once: the start after that is quiet.
    let quiet = try billsh(["--state", state], cwd: dir, input: "clock\n")
    expectTrue(quiet.stderr.isEmpty, "\(quiet.stderr)")
  }
}

/// The shell's line limit and the one check of names and addresses.
struct HostileTextTests {
  @Test func theShellRefusesALineOverTheLimitAndGoesOn() {
    let session = Session()
    let long = "create org " + String(repeating: "x", count: ScriptReader.maxBytes)
    let source = ArrayLineSource([long, "create org Fine"])
    let out = Output(fd: -1)
    let loop = ShellLoop(session: session, source: source, out: out, colour: false)
    expectEqual(loop.run(), 0)
    expectEqual(session.unmet, 1)
    expectEqual(session.world.spaces.count, 1)
    expectTrue(session.world.spaceID("Fine") != nil)
    expectTrue(!source.historyLines.contains(long))
  }

  @Test(arguments: [
    ("create org \"A\u{1B}]2;PWNED\u{07}B\"", "org name \"A\\x1b]2;PWNED\\x07B\"", "U+001B"),
    ("create workspace \"W\u{7F}\"", "workspace name \"W\\x7f\"", "U+007F"),
    ("create team \"T\u{9B}1\" --org Acme", "team name \"T\\u{9b}1\"", "U+009B"),
    ("as ann address org Acme \"1 Main\u{0D}St\"", "billing address \"1 Main\\x0dSt\"", "U+000D"),
    (
      "as ann upgrade workspace Free --tier starter --address \"x\u{1B}[2J\"",
      "billing address \"x\\x1b[2J\"", "U+001B"
    ),
  ])
  func controlCharactersAreRefusedAndShownEscaped(_ line: String, _ shown: String, _ u: String) {
    let s = Session()
    s.perform("create org Acme")
    s.perform("create workspace Free")
    s.perform("add ann --org Acme --admin")
    s.perform("add ann --workspace Free")
    s.perform("create plan org Acme --tier starter --owner ann")
    var printed = ""
    s.sink = { printed += RecordPrinter(json: false).text($0) }
    let o = s.perform(line)
    let f = o.failure
    expectEqual(f?.code, .invalid, "\(line): \(f?.line ?? "ok")")
    expectEqual(f?.message.contains("the \(shown) holds a control character (\(u))"), true)
    expectTrue(!printed.unicodeScalars.contains { $0.properties.generalCategory == .control })
  }

  @Test func oneCheckForEveryNameAndAddress() {
    #expect(throws: Failure.self) { try World.checkShownText("a\u{1B}", .orgName) }
    #expect(throws: Failure.self) { try World.checkShownText("", .teamName) }
    #expect(throws: Failure.self) {
      try World.checkShownText(String(repeating: "a", count: 101), .workspaceName)
    }
    #expect(throws: Never.self) { try World.checkShownText("Acme Holdings ü", .orgName) }
    #expect(throws: Never.self) {
      try World.checkShownText(String(repeating: "a", count: 500), .billingAddress)
    }
  }

  @Test func jsonEscapesEveryControlAndReportsEscapeThem() {
    var json = ""
    JSON.string("a\u{9B}b\u{7F}c\u{1B}d").write(to: &json)
    expectEqual(json, "\"a\\u009bb\\u007fc\\u001bd\"")
    var fds: [Int32] = [0, 0]
    expectEqual(pipe(&fds), 0)
    let out = Output(fd: fds[1])
    out.escapesControls = true
    out.write("x\u{1B}]2;t\u{07}\n")
    out.flush()
    close(fds[1])
    var bytes = [UInt8](repeating: 0, count: 64)
    let n = read(fds[0], &bytes, 64)
    close(fds[0])
    expectEqual(String(decoding: bytes[0..<max(n, 0)], as: UTF8.self), "x\\x1b]2;t\\x07\n")
  }

  @Test func outputThatCannotBeWrittenIsKnown() {
    var fds: [Int32] = [0, 0]
    expectEqual(pipe(&fds), 0)
    close(fds[0])
    signal(SIGPIPE, SIG_IGN)
    let out = Output(fd: fds[1])
    out.write("hello\n")
    out.flush()
    expectTrue(out.failed)
    expectEqual(out.failureMessage, "cannot write the output: Broken pipe")
    close(fds[1])
  }
}
