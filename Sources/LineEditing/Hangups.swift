import CLibEdit
import Platform

/// The terminal settings of stdin when the shell started, if it is a terminal.
nonisolated(unsafe) private var savedTerminal: termios?

/// SIGHUP (the terminal closed) and SIGTERM, received by one waiting thread instead of a
/// handler, so that what they trigger (saving the world) runs as ordinary code.
package enum Hangups {
  /// Blocks both signals; call before any thread starts, so every thread inherits the block.
  package static func block() {
    _ = billsh_block_hangups()
  }

  /// Lets both end the process again (the default), whatever the parent blocked.
  package static func unblock() {
    _ = billsh_unblock_hangups()
  }

  /// Waits for one of them; returns its number (SIGHUP or SIGTERM).
  package static func wait() -> Int32 {
    billsh_wait_hangup()
  }

  /// Remembers the terminal's settings, for `restoreTerminal`.
  package static func saveTerminal() {
    var settings = termios()
    if tcgetattr(0, &settings) == 0 { savedTerminal = settings }
  }

  /// Puts the terminal back as it was before line editing changed it.
  package static func restoreTerminal() {
    guard var settings = savedTerminal else { return }
    _ = tcsetattr(0, TCSANOW, &settings)
  }
}
