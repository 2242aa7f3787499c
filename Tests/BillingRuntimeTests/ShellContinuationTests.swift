import Glibc
import LineEditing
import Testing

@testable import BillingPlayback
@testable import BillingRuntime
@testable import BillingShell

/// The shell joins continued lines exactly as a script does (SPEC §5, §7).
@Suite struct ShellContinuationTests {
  /// The lines the shell performs (as its history keeps them) for the given typed lines.
  private func shellLines(_ typed: [String]) -> [String] {
    let source = ArrayLineSource(typed)
    let out = Output(fd: open("/dev/null", O_WRONLY))
    defer { close(out.fd) }
    _ = ShellLoop(session: Session(), source: source, out: out, colour: false).run()
    return source.historyLines
  }

  private func scriptLines(_ typed: [String]) -> [String] {
    ScriptReader.lines(of: Array(typed.joined(separator: "\n").utf8)).map(\.text)
  }

  @Test(arguments: [
    ["create org Acme \\", "   --x", "clock"],
    ["create org \"A \\", "    B\"", "show"],
    ["\\", "clock"],
    ["log \\", "\\", "x"],
    ["clock\\", "log \\ x", "whoami"],
  ])
  func sameAsScripts(_ typed: [String]) {
    expectEqual(shellLines(typed), scriptLines(typed))
  }

  @Test func aContinuedLineShowsTheContinuationPrompt() {
    let source = ArrayLineSource(["clock \\", "log"])
    let out = Output(fd: open("/dev/null", O_WRONLY))
    defer { close(out.fd) }
    _ = ShellLoop(session: Session(), source: source, out: out, colour: false).run()
    expectEqual(source.prompts.map(\.plain), ["billsh (nobody)> ", "...> ", "billsh (nobody)> "])
  }
}
