import BillingModel
import BillingPlayback
import BillingRuntime
import BillingShell
import BillingSupport
import LineEditing
import Platform
import Synchronization

/// Chooses the shell (terminal on stdin) or script reading (anything else), and saves `--state`.
enum Front {
  static func start(session: Session, json: Bool, bail: Bool, state: String?) -> Int32 {
    session.keepsResults = json
    Interrupts.install()
    let out = Output()
    session.shouldStop = { Interrupts.take() || out.failed }
    var code: Int32
    let interactive = Terminal.isTerminal(0) && !json
    if interactive {
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
      let busy = CommandLock()
      watchHangups(session: session, source: source, state: state, busy: busy)
      let loop = ShellLoop(session: session, source: source, out: out, colour: colourOut) {
        Interrupts.install()
        _ = Interrupts.take()
      }
      loop.runCommand = { command in busy.run(command) }
      // NB: never when stdout is not a terminal (a file, a pipe): output then goes as it is.
      if Terminal.isTerminal(1) {
        loop.screen = TerminalScreen(out: out, pager: getenv("PAGER").map { String(cString: $0) })
      }
      code = loop.run()
      source.save()
    } else {
      code = Runner.runStream(
        fd: 0, name: "<stdin>", session: session, json: json, bail: bail, out: out)
    }
    if let state {
      do { try session.saveState(to: state) } catch {
        out.write("error[io]: \(error.message.visible)\n")
        code = 2
      }
    }
    if session.recordingFailed { code = 2 }
    return Entry.finish(out, code, interruptible: !interactive)
  }

  /// SIGHUP (the terminal closed) and SIGTERM end the shell the way `.quit` would: once the
  /// running command (if any) is done, the world is saved to `--state` and history is kept;
  /// then billsh exits 128 + the signal's number. If the save fails, the old file stays whole
  /// and the reason goes to stderr.
  static func watchHangups(
    session: Session, source: LibEditLineSource, state: String?, busy: CommandLock
  ) {
    Hangups.block()
    Hangups.saveTerminal()
    nonisolated(unsafe) let session = session
    nonisolated(unsafe) let source = source
    _ = WorkerThread(stackSize: 1 << 20) {
      let signal = Hangups.wait()
      busy.run {
        Hangups.restoreTerminal()
        let err = Output(fd: 2)
        let what = signal == SIGHUP ? "the terminal closed (SIGHUP)" : "terminated (SIGTERM)"
        if let state {
          do throws(Failure) {
            try session.saveState(to: state)
            err.write("\nbillsh: \(what): saved the world to \(state.visible)\n")
          } catch {
            err.write(
              "\nbillsh: \(what): error[io]: \(error.message.visible); the old file is unchanged\n")
            // NB: after SIGHUP nobody may read stderr: the next start on this file says it.
            Entry.stateLock?.noteUnsaved("\(what): \(error.message)")
          }
        } else {
          err.write("\nbillsh: \(what)\n")
        }
        err.flush()
        source.save()
        _exit(128 + signal)
      }
    }
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

/// Held while the shell runs a command, so a hangup waits for the command to finish.
final class CommandLock: Sendable {
  private let mutex = Mutex(())

  func run(_ body: () -> Void) {
    mutex.withLock { _ in body() }
  }
}
