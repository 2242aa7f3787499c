import CLibEdit
import Synchronization

/// Set by the SIGINT handler, read and cleared by `Interrupts.take()`.
/// NB: a lock-free atomic, so setting it is safe inside a signal handler.
private let interrupted = Atomic<Bool>(false)
/// Set by the SIGINT handler and never cleared: whether playback was interrupted (exit 130).
private let everInterrupted = Atomic<Bool>(false)

/// SIGINT as a flag. `install()` sets a handler without SA_RESTART, so a
/// blocking call in a running command returns EINTR instead of resuming.
package enum Interrupts {
  /// Installs the SIGINT handler (idempotent; the shell calls it again after
  /// each line, since libedit swaps handlers in and out around reading one).
  package static func install() {
    _ = billsh_install_sigint { _ in
      interrupted.store(true, ordering: .relaxed)
      everInterrupted.store(true, ordering: .relaxed)
    }
  }

  /// Whether SIGINT ever arrived since `install()` (`take()` does not clear it).
  package static var seen: Bool {
    everInterrupted.load(ordering: .relaxed)
  }

  /// True if SIGINT arrived since the last call; clears the flag.
  package static func take() -> Bool {
    interrupted.exchange(false, ordering: .relaxed)
  }
}
