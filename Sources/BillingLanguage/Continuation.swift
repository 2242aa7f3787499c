/// A line ending in ` \` goes on with the next one (SPEC §5). Scripts, piped input and the shell
/// all decide and join continuations here.
/// NB: the mark is read from the bytes as written: a ` \` inside quotes or after `#` continues too.
package enum Continuation {
  /// Whether a physical line (without its newline or carriage return) continues: it ends in
  /// ` \`, or it is a lone `\`.
  package static func continues(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let end = bytes.count
    return end > 0 && bytes[end - 1] == 92 && (end == 1 || bytes[end - 2] == 32)
  }

  /// The same over a line's text.
  package static func continues(_ line: String) -> Bool {
    let u = line.utf8
    guard u.last == 92 else { return false }
    return u.count == 1 || u[u.index(u.endIndex, offsetBy: -2)] == 32
  }

  /// Adds the next physical line to the text so far: one space, then the line without its
  /// leading blanks.
  /// NB: `text` is appended to in place; keep it the only reference (no quadratic copies).
  package static func join(_ text: inout String, _ next: Substring) {
    text.append(" ")
    text.append(contentsOf: next.drop { $0 == " " || $0 == "\t" })
  }

  /// Takes the mark (` \`, or a lone `\`) off a line that continues.
  package static func removeMark(_ text: inout String) {
    text.removeLast(text.utf8.count == 1 ? 1 : 2)
  }

  /// Joins typed lines one at a time (the shell): each line either completes a command or
  /// leaves one open.
  package struct Joiner: Sendable {
    /// The command so far, when the last line continued.
    package private(set) var pending: String?

    package init() {}

    /// Adds a physical line; returns the whole command when this line ends it.
    package mutating func feed(_ raw: String) -> String? {
      var line = raw
      if var p = pending.take() {
        Continuation.join(&p, raw[...])
        line = p
      }
      guard Continuation.continues(raw) else { return line }
      Continuation.removeMark(&line)
      pending = line
      return nil
    }

    /// Forgets an open command (Ctrl-C).
    package mutating func reset() { pending = nil }
  }
}
