// Transcript files (`*.transcript`): recorded shell sessions in the style of cram.
//
// Format (spec section 6):
//   * A line that begins with exactly two spaces followed by "> " ("  > ") is a
//     command; the command text is everything after those four bytes.
//   * Lines that begin with two spaces and directly follow a command (or that
//     command's previous output line) are that command's output; the output line
//     is everything after the two spaces. An empty output line is the line "  ".
//   * Everything else is commentary and is kept verbatim: lines not indented,
//     empty lines, lines starting with one space only or with a tab. An indented
//     line that does not follow a command (for example after a commentary line)
//     is also kept as commentary, verbatim.
//
// Rendering writes commentary verbatim, a command as "  > " + text and an output
// line L as "  " + L, each followed by "\n"; a rendered file therefore always
// ends with "\n". For every file that ends with "\n" (or is empty),
// `parse(text).render() == text` byte for byte. A file without a final newline
// renders with one added.
//
// Nothing is escaped. An output line that itself begins with "> " would render
// as "  > ..." and be read back as a command; billsh's own output never starts
// with "> ", so this cannot happen for recorded sessions. Likewise commentary
// lines passed to `renderSession` or `TranscriptRecorder` must not start with
// two spaces, or they would be read back as session lines.
//
// All line handling is done on UTF-8 bytes (not on Swift `Character`s), so
// "\r\n" is not treated as a line break ("\r" stays part of the line) and lines
// that are canonically equivalent but byte-different are never confused.

package struct Transcript: Equatable, Sendable {
  package enum Item: Equatable, Sendable {
    /// One commentary line, verbatim (without its "\n").
    case commentary(String)
    /// A command; `line` is the 1-based line number of its "  > " line,
    /// `output` its output lines without the two-space indent.
    case command(text: String, line: Int, output: [String])
  }

  package var items: [Item]

  package init(items: [Item] = []) {
    self.items = items
  }

  // MARK: Parsing

  package static func parse(_ text: String) -> Transcript {
    var items: [Item] = []
    var pending: (text: String, line: Int, output: [String])? = nil

    func flush() {
      if let p = pending {
        items.append(.command(text: p.text, line: p.line, output: p.output))
        pending = nil
      }
    }

    for (index, line) in transcriptLines(text).enumerated() {
      let bytes = line.utf8
      if bytes.starts(with: commandPrefix) {
        flush()
        pending = (String(decoding: bytes.dropFirst(4), as: UTF8.self), index + 1, [])
      } else if pending != nil, bytes.starts(with: outputPrefix) {
        pending?.output.append(String(decoding: bytes.dropFirst(2), as: UTF8.self))
      } else {
        flush()
        items.append(.commentary(line))
      }
    }
    flush()
    return Transcript(items: items)
  }

  // MARK: Rendering

  /// The file text. Exact inverse of `parse` for files ending in "\n".
  /// Output lines (and commentary) containing "\n" are written as several lines.
  package func render() -> String {
    var out = ""
    for item in items {
      switch item {
      case .commentary(let line):
        out += line
        out += "\n"
      case .command(let text, _, let output):
        out += "  > "
        out += text
        out += "\n"
        for line in output {
          for part in splitOnNewlines(line) {
            out += "  "
            out += part
            out += "\n"
          }
        }
      }
    }
    return out
  }

  /// Renders a freshly recorded session: the commentary lines first, then every
  /// command with its output.
  package static func renderSession(
    commentary: [String], entries: [(command: String, output: [String])]
  ) -> String {
    var items = commentary.map { Item.commentary($0) }
    for entry in entries {
      items.append(.command(text: entry.command, line: 0, output: entry.output))
    }
    return Transcript(items: items).render()
  }

  // MARK: Queries and edits

  /// The command texts, in order.
  package var commands: [String] {
    items.compactMap {
      if case .command(let text, _, _) = $0 { return text }
      return nil
    }
  }

  /// 1-based line numbers of commands that have no output lines.
  package var commandsWithoutOutput: [Int] {
    items.compactMap {
      if case .command(_, let line, let output) = $0, output.isEmpty { return line }
      return nil
    }
  }

  /// Same commentary and commands, with new outputs (one array per command, in
  /// order; missing arrays count as no output, extra arrays are ignored). Output
  /// lines containing "\n" are split into several lines. Line numbers are
  /// recomputed so that they refer to the lines of the rendered result.
  package func replacingOutputs(_ outputs: [[String]]) -> Transcript {
    var index = 0
    var result: [Item] = []
    result.reserveCapacity(items.count)
    for item in items {
      switch item {
      case .commentary:
        result.append(item)
      case .command(let text, let line, _):
        let lines = index < outputs.count ? outputs[index] : []
        index += 1
        result.append(.command(text: text, line: line, output: lines.flatMap(splitOnNewlines)))
      }
    }
    return Transcript(items: result).renumbered()
  }

  /// The transcript with each command's `line` set to where `render()` puts it.
  func renumbered() -> Transcript {
    var next = 1
    var result: [Item] = []
    result.reserveCapacity(items.count)
    for item in items {
      switch item {
      case .commentary(let line):
        result.append(item)
        next += splitOnNewlines(line).count
      case .command(let text, _, let output):
        result.append(.command(text: text, line: next, output: output))
        next += 1
        for line in output { next += splitOnNewlines(line).count }
      }
    }
    return Transcript(items: result)
  }
}

// MARK: - Line helpers (shared by the transcript files)

private let commandPrefix: [UInt8] = Array("  > ".utf8)
private let outputPrefix: [UInt8] = Array("  ".utf8)

/// Splits file text into lines on "\n" bytes. A final "\n" ends the last line
/// rather than starting an empty one; "" has no lines.
func transcriptLines(_ text: String) -> [String] {
  if text.isEmpty { return [] }
  var lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
    .map { String(decoding: $0, as: UTF8.self) }
  if text.utf8.last == UInt8(ascii: "\n") { lines.removeLast() }
  return lines
}

/// Splits a string on "\n" bytes, keeping empty pieces ("" gives [""]).
private func splitOnNewlines(_ s: String) -> [String] {
  if !s.utf8.contains(UInt8(ascii: "\n")) { return [s] }
  return s.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
    .map { String(decoding: $0, as: UTF8.self) }
}

/// Byte-exact equality of two line arrays (Swift `==` on String uses canonical
/// equivalence, which is not what a transcript comparison wants).
func transcriptLinesIdentical(_ a: [String], _ b: [String]) -> Bool {
  a.count == b.count && zip(a, b).allSatisfy { $0.utf8.elementsEqual($1.utf8) }
}
