import BillingLanguage
import BillingModel
import BillingPlayback
import BillingRuntime
import LineEditing

/// Where the interactive shell's output goes when stdout is a terminal: wrapped to its width,
/// and paged when one command's output is longer than the screen (`.pager`).
package protocol ShellScreen: AnyObject {
  /// `text` wrapped to the screen's width (`Wrapping.wrap`).
  func wrap(_ text: String) -> String
  /// One command's output (whole lines, each ending in a newline), through the pager when
  /// `paging` and it is longer than the screen.
  /// NB: one command's, as psql pages each query's result: the lines a `.read` plays still
  /// show as they run, and only a long one among them is paged.
  func show(_ text: String, paging: Bool)
}

/// The interactive loop: prompt, read, run, print. The terminal sits behind `LineSource`,
/// so tests drive it with an `ArrayLineSource`.
package final class ShellLoop {
  let session: Session
  let source: LineSource
  let out: Output
  let colour: Bool
  /// Runs before each command (the shell puts its Ctrl-C handler back here).
  let beforeCommand: () -> Void
  /// Runs each command (the shell holds a lock meanwhile, so a hangup waits for it).
  package var runCommand: (() -> Void) -> Void = { $0() }
  /// The terminal's screen, when stdout is one; nil prints output as it is.
  package var screen: ShellScreen?

  package init(
    session: Session, source: LineSource, out: Output, colour: Bool,
    beforeCommand: @escaping () -> Void = {}
  ) {
    self.session = session
    self.source = source
    self.out = out
    self.colour = colour
    self.beforeCommand = beforeCommand
  }

  /// The acting user and their roles; after `.back`, until the world changes again, the mark the
  /// session went back to (it is not at its newest state).
  package var prompt: Prompt {
    let (user, roles) = session.promptParts
    let back = session.backAt.map { " (back at \($0))" } ?? ""
    let styledBack = back.isEmpty ? "" : "\u{1b}[33m\(back)\u{1b}[0m"
    guard let user else {
      return Prompt(
        plain: "billsh (nobody)\(back)> ",
        styled: "\u{1b}[2mbillsh (nobody)\u{1b}[0m\(styledBack)> ")
    }
    let r = roles.map { " [\($0)]" } ?? ""
    return Prompt(
      plain: "\(user)\(r)\(back)> ",
      styled: "\u{1b}[1;32m\(user)\u{1b}[0m\u{1b}[2m\(r)\u{1b}[0m\(styledBack)> ")
  }

  /// Runs until `.quit` or end of input; returns the exit code (0).
  package func run() -> Int32 {
    let printer = RecordPrinter(json: false)
    session.keepsTranscript = true
    session.sink = { [out, colour, screen, unowned session] r in
      var t = printer.text(r, prefixed: r.file != nil)
      if let screen { t = screen.wrap(t) }
      if colour, r.outcome.failure != nil, !t.isEmpty {
        t = "\u{1b}[31m" + t + "\u{1b}[0m\n"
      } else {
        t += "\n"
      }
      if let screen {
        screen.show(t, paging: session.pager)
      } else {
        out.write(t)
        out.flush()
      }
    }
    session.historyLines = { [source] in source.historyLines }
    // NB: continuations as in scripts (SPEC §5): the mark is read on the line as typed.
    var joiner = Continuation.Joiner()
    while true {
      let p = joiner.pending == nil ? prompt : Prompt(plain: "...> ", styled: "...> ")
      switch source.readLine(prompt: p) {
      case .end:
        return 0
      case .interrupted:
        joiner.reset()
        continue
      case .line(let raw):
        guard let line = joiner.feed(raw) else { continue }
        if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
        // SPEC §5's line limit, as in scripts: the line is refused, not run, and the shell goes on.
        if line.utf8.count > ScriptReader.maxBytes {
          session.reject(
            Failure(
              .usage, nil, "the line is longer than \(ScriptReader.maxBytes / 1024) KiB; not run"),
            input: "", file: nil, line: nil)
          continue
        }
        source.addHistory(line)
        beforeCommand()
        var quit = false
        runCommand { quit = session.perform(line).quit }
        if quit { return 0 }
      }
    }
  }
}
