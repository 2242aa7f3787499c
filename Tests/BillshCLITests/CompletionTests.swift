import Foundation
import Testing

@testable import BillshCLI

// The completion scripts: written from the command-line table, and each one loads in its shell
// (when that shell is installed).

private func shellPath(_ shell: CompletionShell) -> String? {
  ["/usr/bin/", "/bin/", "/usr/local/bin/", "/opt/homebrew/bin/"].map { $0 + shell.rawValue }
    .first { FileManager.default.isExecutableFile(atPath: $0) }
}

@Test(arguments: CompletionShell.allCases)
func completionNamesEverySubcommandAndOption(_ shell: CompletionShell) {
  let script = Completion.script(for: shell)
  for c in cliCommands {
    #expect(script.contains(c.name))
    for o in Completion.options(c) {
      #expect(script.contains(shell == .fish ? "-l " + o.name : o.dashed), "\(shell) \(o.dashed)")
    }
  }
  #expect(!script.contains(shell == .fish ? "-l man " : "--man"))
}

@Test func completionScriptsHaveTheirShellsHeaders() {
  #expect(Completion.script(for: .bash).contains("complete -F _billsh billsh"))
  #expect(Completion.script(for: .zsh).hasPrefix("#compdef billsh\n"))
  #expect(Completion.script(for: .zsh).contains("_arguments"))
  #expect(Completion.script(for: .fish).contains("complete -c billsh"))
}

@Test(arguments: CompletionShell.allCases)
func completionScriptLoadsInItsShell(_ shell: CompletionShell) throws {
  // NB: `Scripts/setup` installs zsh and fish; a missing shell is a failure, not a pass.
  guard let path = shellPath(shell) else {
    Issue.record("\(shell.rawValue) is not installed: run Scripts/setup")
    return
  }
  let file = FileManager.default.temporaryDirectory.appendingPathComponent(
    "billsh-completion-\(getpid()).\(shell.rawValue)")
  defer { try? FileManager.default.removeItem(at: file) }
  try Completion.script(for: shell).write(to: file, atomically: true, encoding: .utf8)
  let p = Process()
  p.executableURL = URL(fileURLWithPath: path)
  p.arguments = ["-n", file.path]
  try p.run()
  p.waitUntilExit()
  #expect(p.terminationStatus == 0, "\(shell) -n")
}

/// Runs the bash completion for the words typed so far in a folder holding scripts,
/// transcripts, another file and a subfolder; returns what it offers, sorted.
private func bashOffers(_ words: [String]) throws -> [String]? {
  guard let bash = shellPath(.bash) else { return nil }
  let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
    "billsh-completion-files-\(UUID().uuidString)")
  try FileManager.default.createDirectory(
    at: dir.appendingPathComponent("cases"), withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: dir) }
  for name in ["a.bill", "b.transcript", "notes.txt"] {
    FileManager.default.createFile(atPath: dir.appendingPathComponent(name).path, contents: nil)
  }
  let script = dir.appendingPathComponent("completion.bash")
  try Completion.script(for: .bash).write(to: script, atomically: true, encoding: .utf8)
  let quoted = words.map { "'\($0)'" }.joined(separator: " ")
  let p = Process()
  p.executableURL = URL(fileURLWithPath: bash)
  p.currentDirectoryURL = dir
  p.arguments = [
    "-c",
    "source completion.bash; COMP_WORDS=(\(quoted)); COMP_CWORD=\(words.count - 1); _billsh; "
      + "printf '%s\\n' \"${COMPREPLY[@]}\"",
  ]
  let out = Pipe()
  p.standardOutput = out
  try p.run()
  let data = out.fileHandleForReading.readDataToEndOfFile()
  p.waitUntilExit()
  return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init).sorted()
}

@Test func bashOffersScriptsAfterRunAndTranscriptsAfterTest() throws {
  guard let run = try bashOffers(["billsh", "run", ""]) else { return }
  #expect(run == ["a.bill", "cases"])
  #expect(try bashOffers(["billsh", "test", ""]) == ["b.transcript", "cases"])
  #expect(
    try bashOffers(["billsh", "run", "--catalog", ""]) == [
      "a.bill", "b.transcript", "cases", "completion.bash", "notes.txt",
    ])
}
