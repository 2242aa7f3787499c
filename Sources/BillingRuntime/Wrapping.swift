/// Text wrapped to a terminal's width between words, as the interactive shell shows it.
///
/// A line wider than the screen breaks at the last space that fits; its continuation lines are
/// indented two spaces more than the line, so they read as part of it. Words are never cut:
/// `INV-0008`, `P12`, `$1,349.00` or a date stay whole, and so does a quoted name when it fits.
/// Only a single word wider than the whole line left for it (a long path) is cut, at the width.
package enum Wrapping {
  /// `text` with every line at most `width` columns wide (a trailing newline is kept).
  package static func wrap(_ text: String, width: Int) -> String {
    // NB: a character takes at most as many columns as it has bytes, so a short text fits.
    guard width >= 8, text.utf8.count > width else { return text }
    var out = ""
    var first = true
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if !first { out += "\n" }
      first = false
      wrapLine(line, width: width, into: &out)
    }
    return out
  }

  /// The columns a character takes on a terminal: 2 for East Asian wide characters and
  /// emoji, 0 for combining marks, else 1.
  package static func columns(_ c: Character) -> Int {
    guard let s = c.unicodeScalars.first, !c.isASCII else { return 1 }
    let v = s.value
    if s.properties.generalCategory == .nonspacingMark
      || s.properties.generalCategory == .enclosingMark
    {
      return 0
    }
    let wide =
      (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v)
      || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v)
      || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
      || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1FAFF).contains(v)
      || (0x20000...0x3FFFD).contains(v)
    return wide ? 2 : 1
  }

  static func columns(_ s: Substring) -> Int {
    s.reduce(0) { $0 + columns($1) }
  }

  private static func wrapLine(_ line: Substring, width: Int, into out: inout String) {
    if line.utf8.count <= width || columns(line) <= width {
      out += line
      return
    }
    let indent = line.prefix { $0 == " " }.count
    let more = String(repeating: " ", count: min(indent + 2, width / 2))
    var lead = String(repeating: " ", count: min(indent, width / 2))
    var rest = line.dropFirst(indent)
    while columns(rest) > width - lead.count {
      let room = width - lead.count
      // The last space at which the line still fits, after some text; else the cut at the width.
      var used = 0
      var space: Substring.Index? = nil
      var hard = rest.startIndex
      var quoted = false
      for i in rest.indices {
        used += columns(rest[i])
        if used > room { break }
        if rest[i] == "\"" { quoted.toggle() }
        // NB: a quoted name (`workspace "Side Project"`) stays on one line when it can.
        if rest[i] == " ", !quoted, i > rest.startIndex, rest[rest.index(before: i)] != " " {
          space = i
        }
        hard = rest.index(after: i)
      }
      if let space {
        var piece = rest[..<space]
        while piece.last == " " { piece = piece.dropLast() }
        out += lead + piece + "\n"
        rest = rest[space...].drop { $0 == " " }
      } else {
        if hard == rest.startIndex { hard = rest.index(after: hard) }
        out += lead + rest[..<hard] + "\n"
        rest = rest[hard...]
      }
      lead = more
    }
    if !rest.isEmpty { out += lead + rest }
  }
}
