import Glibc
import LineEditing
import Testing

@testable import BillingPlayback
@testable import BillingRuntime
@testable import BillingShell

/// The shell's prompt says when the session is not at its newest state (SPEC §8, after `.back`).
@Suite struct ShellWhatIfTests {
  @Test func promptShowsTheMarkAfterBackUntilTheWorldChanges() {
    let source = ArrayLineSource([
      "create org Acme", "add ann --org Acme", ".mark m", "login ann", ".back m", "clock",
      "create user bo", ".undo",
    ])
    let out = Output(fd: open("/dev/null", O_WRONLY))
    defer { close(out.fd) }
    _ = ShellLoop(session: Session(), source: source, out: out, colour: false).run()
    #expect(
      source.prompts.map(\.plain) == [
        "billsh (nobody)> ", "billsh (nobody)> ", "billsh (nobody)> ", "billsh (nobody)> ",
        "ann [org Acme: member]> ", "billsh (nobody) (back at m)> ",
        "billsh (nobody) (back at m)> ", "billsh (nobody)> ", "billsh (nobody)> ",
      ])
  }
}
