import BillingPlayback
import BillingRuntime
import LineEditing
import Platform

let version = "0.1.0"

/// The `billsh` command: reads its arguments against the command-line table and runs them.
package enum Billsh {
  package static let abstract = "A shell that simulates paid-plan upgrade and billing rules."

  package static func main() {
    keepFreedMemory()
    // NB: a closed pipe on stdout is then a write error (EPIPE), reported with exit 2, rather
    // than a silent death.
    _ = signal(SIGPIPE, SIG_IGN)
    Hangups.unblock()
    let invocation: Invocation
    do {
      invocation = try Invocation.parse(Array(CommandLine.arguments.dropFirst()))
    } catch {
      // SPEC §5: misuse exits 2 with an `error[usage]` line, like every other usage error.
      Entry.fail("error[usage]: \(error.message) (billsh --help lists the options)")
    }
    switch invocation {
    case .shell(let options): Entry.shell(options)
    case .run(let options): Entry.run(options)
    case .test(let options): Entry.test(options)
    case .fuzz(let options): Entry.fuzz(options)
    case .help(let name): show(UsageHelp.page(for: name, width: UsageHelp.width))
    case .version: show(version + "\n")
    case .manual: show(Manual.page)
    case .completion(let shell): show(Completion.script(for: shell))
    }
  }

  /// Writes `text` to stdout and exits 0 (2 if the write failed).
  static func show(_ text: String) -> Never {
    let out = Output()
    out.write(text)
    exit(Entry.finish(out, 0, interruptible: false))
  }
}
