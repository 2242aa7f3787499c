import Foundation
import Testing

/// Scripts from pipes, FIFOs and process substitution (SPEC §5): `billsh run` and `.read` read
/// any readable stream to its end, refuse a folder, and give up an endless line. Each test runs
/// the built binary from bash, as a person types these forms.
@Suite(.serialized) struct ScriptStreamTests {
  typealias Run = EndToEndTests.Run

  func folder() throws -> String {
    let dir = NSTemporaryDirectory() + "billsh-streams-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
  }

  /// Runs `command` with bash in `dir`, `$BILLSH` naming the built binary.
  /// NB: killed after 60 s, a guard only: every case ends in well under a second.
  func bash(_ command: String, in dir: String) throws -> Run {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/bash")
    p.arguments = ["-c", command]
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    env["BILLSH"] =
      EndToEndTests.binary.hasPrefix("/")
      ? EndToEndTests.binary
      : FileManager.default.currentDirectoryPath + "/" + EndToEndTests.binary
    p.environment = env
    p.currentDirectoryURL = URL(fileURLWithPath: dir)
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    p.standardInput = FileHandle(forReadingAtPath: "/dev/null")
    try p.run()
    let timer = DispatchWorkItem { if p.isRunning { kill(p.processIdentifier, SIGKILL) } }
    DispatchQueue.global().asyncAfter(deadline: .now() + 60, execute: timer)
    // NB: stderr holds a summary line a file, far less than a pipe's buffer, so it is read last.
    let o = HangGuard.readAll(out.fileHandleForReading)
    let e = HangGuard.readAll(err.fileHandleForReading)
    p.waitUntilExit()
    timer.cancel()
    return Run(
      code: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
      stderr: String(decoding: e, as: UTF8.self))
  }

  @Test func processSubstitutionIsAScript() throws {
    let r = try bash(#"exec "$BILLSH" run <(printf 'whoami\ncreate org A\n')"#, in: try folder())
    expectEqual(r.code, 0, "\(r.stdout)\(r.stderr)")
    expectTrue(r.stdout.contains("created org A"), "\(r.stdout)")
    expectTrue(r.stderr.contains(": 2 commands, 2 met, 0 unmet"), "\(r.stderr)")
  }

  @Test func devStdinFromAHereStringIsAScript() throws {
    let r = try bash(#"exec "$BILLSH" run /dev/stdin <<< 'rules'"#, in: try folder())
    expectEqual(r.code, 0, "\(r.stdout)\(r.stderr)")
    expectTrue(r.stdout.contains("R14"), "\(r.stdout)")
    expectTrue(r.stderr.hasPrefix("/dev/stdin: 1 command, 1 met, 0 unmet"), "\(r.stderr)")
  }

  @Test func devStdinFromAPipeIsAScript() throws {
    let r = try bash(
      #"printf 'create org A\n!conflict create org A\n' | "$BILLSH" run --json /dev/stdin"#,
      in: try folder())
    expectEqual(r.code, 0, "\(r.stdout)\(r.stderr)")
    expectEqual(r.records.count, 2)
    expectTrue(r.stdout.contains(#""file": "/dev/stdin""#), "\(r.stdout)")
  }

  @Test func namedFifoIsReadOnceItsWriterComes() throws {
    let dir = try folder()
    expectEqual(mkfifo(dir + "/case.fifo", 0o644), 0)
    let r = try bash(
      #"""
      "$BILLSH" run case.fifo & billsh=$!
      printf 'create org A\nadd ana --org A\n' > case.fifo
      wait $billsh
      """#, in: dir)
    expectEqual(r.code, 0, "\(r.stdout)\(r.stderr)")
    expectTrue(r.stdout.contains("added ana to org A"), "\(r.stdout)")
    expectTrue(r.stderr.contains("case.fifo: 2 commands, 2 met, 0 unmet"), "\(r.stderr)")
  }

  @Test func readOfAFifoAndOfAProcessSubstitution() throws {
    let dir = try folder()
    expectEqual(mkfifo(dir + "/more.fifo", 0o644), 0)
    try "create org A\n.read more.fifo\nshow org A\n".write(
      toFile: dir + "/main.bill", atomically: true, encoding: .utf8)
    let r = try bash(
      #"""
      printf 'add ana bo --org A\n' > more.fifo &
      "$BILLSH" run main.bill
      """#, in: dir)
    expectEqual(r.code, 0, "\(r.stdout)\(r.stderr)")
    expectTrue(r.stdout.contains("read more.fifo"), "\(r.stdout)")
    expectTrue(r.stdout.contains("added ana, bo to org A"), "\(r.stdout)")
    // NB: a stream handed to billsh itself (fd 3), read by a line of the script.
    let sub = try bash(
      #"printf '.read /dev/fd/3\nshow org B\n' | "$BILLSH" 3< <(printf 'create org B\n')"#,
      in: dir)
    expectEqual(sub.code, 0, "\(sub.stdout)\(sub.stderr)")
    expectTrue(sub.stdout.contains("created org B"), "\(sub.stdout)")
  }

  @Test func aFolderIsAnIOError() throws {
    let dir = try folder()
    try FileManager.default.createDirectory(
      atPath: dir + "/cases", withIntermediateDirectories: true)
    let r = try bash(#"exec "$BILLSH" run cases"#, in: dir)
    expectEqual(r.code, 2)
    expectTrue(r.stdout.contains("error[io]: cases: is a directory"), "\(r.stdout)")
    let read = try bash(#"printf '.read cases\n' | "$BILLSH""#, in: dir)
    expectEqual(read.code, 2)
    expectTrue(
      read.stdout.contains("<stdin>:1: error[io]: cases: is a directory"), "\(read.stdout)")
  }

  @Test func anEndlessStreamIsGivenUpAsUsage() throws {
    let dir = try folder()
    let r = try bash(#"exec "$BILLSH" run <(exec cat /dev/zero)"#, in: dir)
    expectEqual(r.code, 2)
    expectTrue(r.stdout.contains(":1: error[usage]: the line is longer than 64 KiB"), "\(r.stdout)")
    expectTrue(r.stdout.contains("error[usage]: no end of line"), "\(r.stdout)")
    let zero = try bash(#"exec "$BILLSH" run /dev/zero"#, in: dir)
    expectEqual(zero.code, 2)
    expectTrue(
      zero.stdout.contains("/dev/zero:1: error[usage]: the line is longer"), "\(zero.stdout)")
  }
}
