import Foundation
import Testing

@testable import BillshCLI

// Scripts/install with the debug build (BILLSH_BINARY) into a temporary DESTDIR, and the
// completion scripts it installs; the release build itself is too slow for the test run.

private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent().path
private let binary = root + "/.build/debug/billsh"

private func run(_ path: String, _ args: [String], env: [String: String] = [:]) throws -> (
  Int32, String
) {
  let p = Process()
  p.executableURL = URL(fileURLWithPath: path)
  p.arguments = args
  p.environment = ProcessInfo.processInfo.environment.merging(env) { $1 }
  let out = Pipe()
  p.standardOutput = out
  try p.run()
  let data = out.fileHandleForReading.readDataToEndOfFile()
  p.waitUntilExit()
  return (p.terminationStatus, String(decoding: data, as: UTF8.self))
}

@Test func fastPathLeavesCompletionAndManualToTheirHandlers() {
  #expect(FastPath.decide(["--generate-completion-script", "bash"]) == nil)
  #expect(FastPath.decide(["--man"]) == nil)
}

@Test func helpListsTheShellOptions() {
  let help = Billsh.helpMessage(columns: 80)
  for option in ["--demo", "--json", "--bail", "--catalog", "--state"] {
    #expect(help.contains(option))
  }
}

@Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary)))
func completionScriptNamesTheSubcommands() throws {
  let (code, script) = try run(binary, ["--generate-completion-script", "bash"])
  #expect(code == 0)
  for sub in ["run", "test", "shell"] { #expect(script.contains(sub)) }
}

@Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary)))
func installPutsFiveFilesUnderDestdirAndPrefix() throws {
  let dest = FileManager.default.temporaryDirectory.appendingPathComponent(
    "billsh-install-\(getpid())"
  ).path
  defer { try? FileManager.default.removeItem(atPath: dest) }
  for _ in 0..<2 {  // twice: installing again is fine
    let (code, _) = try run(
      root + "/Scripts/install", ["/opt/billsh"], env: ["DESTDIR": dest, "BILLSH_BINARY": binary])
    #expect(code == 0)
  }
  let files: [(String, Int)] = [
    ("bin/billsh", 0o755), ("share/man/man1/billsh.1", 0o644),
    ("share/bash-completion/completions/billsh", 0o644),
    ("share/zsh/site-functions/_billsh", 0o644),
    ("share/fish/vendor_completions.d/billsh.fish", 0o644),
  ]
  for (file, mode) in files {
    let path = dest + "/opt/billsh/" + file
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    #expect((attributes[.posixPermissions] as? Int) == mode, "\(file)")
  }
  let man = try String(
    contentsOfFile: dest + "/opt/billsh/share/man/man1/billsh.1", encoding: .utf8)
  #expect(man == Manual.page)
}
