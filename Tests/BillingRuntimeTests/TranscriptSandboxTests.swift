import Foundation
import Testing

@testable import BillingModel
@testable import BillingPlayback
@testable import BillingRuntime

/// Transcripts are data (issue 24, SPEC §8): `billsh test` replays a transcript in a sandbox.
/// Reads stay inside its folder, writes go to a private folder removed afterwards, and a
/// signal removes the temporary files too.
@Suite(.serialized) struct TranscriptSandboxTests {
  typealias Run = EndToEndTests.Run

  func folder() throws -> String {
    let dir = NSTemporaryDirectory() + "billsh-sandbox-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
  }

  func write(_ text: String, to path: String) throws {
    try text.write(toFile: path, atomically: false, encoding: .utf8)
  }

  func entries(_ dir: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted()
  }

  /// billsh with `env` added; stdin closed; waits by the hang guard only.
  func billsh(_ args: [String], cwd: String, env: [String: String] = [:]) throws -> Run {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: EndToEndTests.binary)
    p.arguments = args
    p.environment = ProcessInfo.processInfo.environment.merging(env) { $1 }
    p.currentDirectoryURL = URL(fileURLWithPath: cwd)
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    p.standardInput = FileHandle.nullDevice
    try p.run()
    let o = HangGuard.readAll(out.fileHandleForReading)
    let e = HangGuard.readAll(err.fileHandleForReading)
    p.waitUntilExit()
    return Run(
      code: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
      stderr: String(decoding: e, as: UTF8.self))
  }

  /// The reproductions: a transcript that writes outside its folder, pulls a file from
  /// elsewhere (`/etc/passwd`, through `..` or a symbolic link) into its output, or leaves files.
  @Test func aReplayedTranscriptReadsOnlyItsFolderAndWritesNothing() throws {
    let dir = try folder()
    let outside = try folder()
    try write("secret\n", to: outside + "/secret.bill")
    symlink(outside, dir + "/out")
    try FileManager.default.createDirectory(
      atPath: dir + "/t/sub", withIntermediateDirectories: true)
    try write("create user fixture\n", to: dir + "/t/sub/fixture.bill")
    let commands = [
      "create user a", ".save w.json", ".load w.json", ".read sub/fixture.bill",
      ".load /etc/passwd", ".read /etc/passwd", ".save \(outside)/w.json",
      ".record \(outside)/r.transcript", ".read ../out/secret.bill", ".load ../../etc/passwd",
      ".save sub/../w2.json", ".load w2.json",
    ]
    symlink(outside, dir + "/t/link")
    let withLink = commands + [".read link/secret.bill", ".save link/x.json", ".load link/x.json"]
    let before = entries(dir + "/t")
    let outputs = Runner.replay(withLink, at: dir + "/t/a.transcript")
    let text = outputs.map { $0.joined(separator: "\n") }
    expectEqual(text[1], "saved the world to w.json")
    expectTrue(text[2].hasPrefix("loaded w.json: 1 user"), "\(text[2])")
    expectEqual(text[3], "created user fixture\nread sub/fixture.bill")
    for i in [4, 5, 6, 7, 8, 9, 12] {
      expectTrue(
        text[i].hasPrefix("error[io]: ") && text[i].hasSuffix(": outside the transcript's folder"),
        "\(withLink[i]): \(text[i])")
    }
    expectTrue(text[11].hasPrefix("loaded w2.json"), "\(text[11])")
    // A write through a link lands in the private folder, so it reads back from there.
    expectEqual(text[13], "saved the world to link/x.json")
    expectTrue(text[14].hasPrefix("loaded link/x.json"), "\(text[14])")
    // Nothing was written anywhere: the folders are as they were, no path of this machine shown.
    expectEqual(entries(dir + "/t"), before)
    expectEqual(entries(outside), ["secret.bill"])
    expectTrue(!text.joined().contains("secret\n") && !text.joined().contains(dir), "\(text)")
  }

  @Test func thePrivateFolderIsRemovedAfterTheReplay() throws {
    let dir = try folder()
    // NB: the private folder mirrors the transcript's own folders on the way.
    try FileManager.default.createDirectory(
      atPath: dir + "/deep/er", withIntermediateDirectories: true)
    let sandbox = TranscriptSandbox(transcript: dir + "/a.transcript")
    let place = try sandbox.place("deep/er/w.json", from: sandbox.transcript, writing: true)
    try write("{}\n", to: place)
    expectTrue(!place.hasPrefix(dir) && TemporaryFiles.shared.contains(sandbox.scratch))
    sandbox.remove()
    expectTrue(!FileManager.default.fileExists(atPath: sandbox.scratch))
    expectTrue(!TemporaryFiles.shared.contains(sandbox.scratch))
  }

  @Test func anAtomicWriteIsTemporaryUntilItIsInPlace() throws {
    let dir = try folder()
    let file = try AtomicFile(dir + "/w.json")
    expectTrue(TemporaryFiles.shared.contains(file.temp))
    try file.commit()
    file.close()
    expectTrue(!TemporaryFiles.shared.contains(file.temp))
    let abandoned = try AtomicFile(dir + "/v.json")
    abandoned.abandon()
    expectTrue(!TemporaryFiles.shared.contains(abandoned.temp))
    expectEqual(entries(dir), ["w.json"])
  }

  /// `--update` that cannot write a transcript exits 2, as the README says (it was 1).
  @Test func anUpdateThatCannotWriteExits2() throws {
    let dir = try folder()
    try write("  > create user a\n  wrong\n", to: dir + "/a.transcript")
    chmod(dir + "/a.transcript", 0o444)
    let r = try billsh(["test", "--update", "a.transcript"], cwd: dir)
    expectEqual(r.code, 2, "\(r.stdout)")
    expectTrue(r.stdout.contains("a.transcript: error[io]: is read-only"), "\(r.stdout)")
    expectEqual(
      try String(contentsOfFile: dir + "/a.transcript", encoding: .utf8),
      "  > create user a\n  wrong\n")
    // Without --update the same file is a plain failed test.
    expectEqual(try billsh(["test", "a.transcript"], cwd: dir).code, 1)
  }

  /// SIGTERM, SIGINT or SIGHUP during `billsh test` removes its private folders (and an
  /// update's temporary files), then ends billsh as the signal does.
  @Test(arguments: [SIGTERM, SIGINT, SIGHUP])
  func aSignalDuringTestLeavesNoTemporaryFiles(_ signal: Int32) throws {
    let dir = try folder()
    let tmp = dir + "/tmp"
    try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: true)
    try write(String(repeating: "clock\n", count: 2_000_000), to: dir + "/long.bill")
    try write("  > .save w.json\n  > .read long.bill\n", to: dir + "/a.transcript")
    let p = Process()
    p.executableURL = URL(fileURLWithPath: EndToEndTests.binary)
    p.arguments = ["test", "a.transcript"]
    p.environment = ProcessInfo.processInfo.environment.merging(["TMPDIR": tmp]) { $1 }
    p.currentDirectoryURL = URL(fileURLWithPath: dir)
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    p.standardInput = FileHandle.nullDevice
    try p.run()
    // The replay has started once its save is in the private folder.
    let started = HangGuard.waitUntil {
      entries(tmp).contains { entries(tmp + "/" + $0).contains("w.json") } || !p.isRunning
    }
    expectTrue(started)
    kill(p.processIdentifier, signal)
    expectTrue(HangGuard.waitUntil { !p.isRunning })
    p.waitUntilExit()
    // NB: on a machine fast enough to finish first, the replay's own end removed them.
    if p.terminationReason == .uncaughtSignal { expectEqual(p.terminationStatus, signal) }
    expectEqual(entries(tmp), [])
    expectEqual(entries(dir), ["a.transcript", "long.bill", "tmp"])
  }
}
