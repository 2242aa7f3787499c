/// The result of asking a line source for one line.
package enum LineReadResult: Equatable, Sendable {
  /// A line, without its trailing newline.
  case line(String)
  /// Ctrl-C while editing (on an empty or half-typed line): the caller
  /// forgets the line and prompts again.
  case interrupted
  /// End of input (Ctrl-D on an empty line, or end of piped input).
  case end
}

/// A prompt: `plain` is shown without colour; `styled` may hold ANSI colour
/// sequences; the source picks one.
package struct Prompt: Sendable {
  package var plain: String
  package var styled: String
  package init(plain: String, styled: String) {
    self.plain = plain
    self.styled = styled
  }
}

/// What Tab completion returns for the text before the cursor:
/// `wordLength` is how many Characters at the end of that text are the word
/// being completed; `candidates` are full replacements for that word
/// (e.g. for "upg" -> ["upgrade"]). Candidates that need quoting come
/// already quoted.
package struct TabCompletion: Sendable {
  package var wordLength: Int
  package var candidates: [String]
  package init(wordLength: Int, candidates: [String]) {
    self.wordLength = wordLength
    self.candidates = candidates
  }
}

/// Where the shell gets its lines from.
/// NB: declared here, not beside the libedit source, so the runtime does not link libedit;
/// LineEditing's `LibEditLineSource` conforms to it.
package protocol LineSource: AnyObject {
  func readLine(prompt: Prompt) -> LineReadResult
  func addHistory(_ line: String)
  var historyLines: [String] { get }
}

/// A line source for tests: returns the given lines, then `.end`.
/// `addHistory` records lines (trimmed, no empty lines, no consecutive
/// duplicates).
package final class ArrayLineSource: LineSource {
  private var lines: [String]
  private var index = 0
  package private(set) var historyLines: [String] = []
  /// The prompts passed to `readLine`, in order (for tests).
  package private(set) var prompts: [Prompt] = []

  package init(_ lines: [String]) {
    self.lines = lines
  }

  package func readLine(prompt: Prompt) -> LineReadResult {
    prompts.append(prompt)
    guard index < lines.count else { return .end }
    defer { index += 1 }
    return .line(lines[index])
  }

  package func addHistory(_ line: String) {
    let trimmed = HistoryText.trim(line)
    guard !trimmed.isEmpty, historyLines.last != trimmed else { return }
    historyLines.append(trimmed)
  }
}

/// History lines as both line sources keep them.
package enum HistoryText {
  /// Trims spaces, tabs and newlines at both ends.
  package static func trim(_ line: String) -> String {
    var s = Substring(line)
    while let f = s.first, f.isWhitespace { s.removeFirst() }
    while let l = s.last, l.isWhitespace { s.removeLast() }
    return String(s)
  }
}
