import CLibEdit

/// SIGINT as a flag. `install()` sets a handler without SA_RESTART, so a
/// blocking call in a running command returns EINTR instead of resuming.
///
/// Keep every use of the C flag in this one file: the flag is a `static`
/// variable of the shim header, so each object file that uses it would get
/// its own copy.
public enum Interrupts {
  /// Installs the SIGINT handler (idempotent).
  public static func install() {
    _ = billsh_install_sigint()
  }

  /// True if SIGINT arrived since the last call; clears the flag.
  public static func take() -> Bool {
    billsh_take_sigint() != 0
  }
}
