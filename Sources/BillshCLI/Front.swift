import BillingRuntime
import LineEditing
import Platform

/// Chooses the shell (terminal on stdin) or script reading (anything else), and saves `--state`.
enum Front {
  static func start(session: Session, json: Bool, bail: Bool, state: String?) -> Int32 {
    session.keepsResults = json
    Interrupts.install()
    session.shouldStop = Interrupts.take
    let out = Output()
    var code: Int32
    if Terminal.isTerminal(0) && !json {
      Terminal.ensureUTF8Locale()
      let noColor = getenv("NO_COLOR").map { String(cString: $0).isEmpty == false } ?? false
      let colourOut = !noColor && Terminal.isTerminal(1)
      let colourPrompt = !noColor && Terminal.isTerminal(2)
      out.flushEachWrite = true
      let source = LibEditLineSource(
        program: "billsh", historyFile: historyPath(), historyLimit: 1000, colour: colourPrompt,
        completer: { [session] text in
          Completer(world: session.world, marks: session.markNames).complete(text)
        })
      if let warning = source.historyWarning {
        let err = Output(fd: 2)
        err.write("billsh: \(warning)\n")
        err.flush()
      }
      let banner = Output(fd: 2)
      banner.write(
        "billsh — simulated date \(session.world.today). .help lists commands, Tab completes, Ctrl-D leaves.\n"
      )
      banner.flush()
      // NB: libedit swaps signal handlers in and out around each line it reads; put ours back
      // for the command, so Ctrl-C stops it between steps.
      let loop = ShellLoop(session: session, source: source, out: out, colour: colourOut) {
        Interrupts.install()
        _ = Interrupts.take()
      }
      code = loop.run()
      source.save()
    } else {
      code = Runner.runStream(
        fd: 0, name: "<stdin>", session: session, json: json, bail: bail, out: out)
    }
    if let state {
      do { try session.saveWorld(to: state) } catch {
        out.write("error[io]: \(error.message)\n")
        code = 2
      }
    }
    out.flush()
    return code
  }

  /// `$XDG_STATE_HOME/billsh/history`, default `~/.local/state/billsh/history`.
  static func historyPath() -> String? {
    if let x = getenv("XDG_STATE_HOME"), !String(cString: x).isEmpty {
      return String(cString: x) + "/billsh/history"
    }
    guard let home = getenv("HOME"), !String(cString: home).isEmpty else { return nil }
    return String(cString: home) + "/.local/state/billsh/history"
  }
}
