import CLibEdit

package enum Terminal {
  /// Whether `fd` is a terminal.
  package static func isTerminal(_ fd: Int32) -> Bool {
    billsh_isatty(fd) != 0
  }

  /// `setlocale(LC_CTYPE, "")`, falling back to C.UTF-8 when the codeset is
  /// not UTF-8 (libedit drops non-ASCII input otherwise). Call before any
  /// line editing starts; LibEditLineSource calls it itself.
  package static func ensureUTF8Locale() {
    _ = billsh_ensure_utf8_locale()
  }

  /// Column width of a string on a terminal (wide characters count 2,
  /// combining marks 0). Needs a UTF-8 LC_CTYPE.
  static func displayWidth(_ text: String) -> Int {
    var width = 0
    for scalar in text.unicodeScalars {
      let w = billsh_wcwidth(scalar.value)
      width += w < 0 ? 1 : Int(w)
    }
    return width
  }

  /// Rows of the terminal on `fd`, or nil if unknown.
  package static func rows(_ fd: Int32) -> Int? {
    let r = Int(billsh_terminal_rows(fd))
    return r > 0 ? r : nil
  }

  /// Columns of the terminal on `fd`, or nil if unknown.
  package static func columns(_ fd: Int32) -> Int? {
    let c = Int(billsh_terminal_columns(fd))
    return c > 0 ? c : nil
  }
}
