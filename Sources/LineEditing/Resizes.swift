import CLibEdit
import Synchronization

/// Set by the SIGWINCH handler, read and cleared by `Resizes.take()`.
/// NB: a lock-free atomic, so setting it is safe inside a signal handler.
private let resized = Atomic<Bool>(false)

/// SIGWINCH as a flag, so the line being edited is drawn again for the new width.
///
/// While a line is edited libedit's own handler runs first (it calls `el_resize`), then puts
/// this one back and raises the signal again, so this flag is set either way.
package enum Resizes {
  /// Installs the SIGWINCH handler (idempotent).
  package static func install() {
    _ = billsh_install_sigwinch { _ in resized.store(true, ordering: .relaxed) }
  }

  /// True if the window changed size since the last call; clears the flag.
  static func take() -> Bool {
    resized.exchange(false, ordering: .relaxed)
  }
}
