import BillingModel
import Foundation
import Testing

/// The layers of docs/architecture-notes.md, checked on the sources: a dependency pointing up
/// or a libc call in the interpreter fails here, naming the file and line.
@Suite struct LayerTests {
  /// The repository's `Sources` folder.
  static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources").path

  /// Every Swift file of a module, with its lines.
  static func files(of module: String) throws -> [(path: String, lines: [Substring])] {
    let root = sources + "/" + module
    let names = try FileManager.default.subpathsOfDirectory(atPath: root)
    return try names.filter { $0.hasSuffix(".swift") }.sorted().map { name in
      let text = try String(contentsOfFile: root + "/" + name, encoding: .utf8)
      return (module + "/" + name, text.split(separator: "\n", omittingEmptySubsequences: false))
    }
  }

  /// `file:line: text` of each line of `module` that matches.
  static func lines(of module: String, where matches: (Substring) -> Bool) throws -> [String] {
    var found: [String] = []
    for (path, lines) in try files(of: module) {
      for (i, l) in lines.enumerated() where matches(l) { found.append("\(path):\(i + 1): \(l)") }
    }
    return found
  }

  /// The Swift name of an error code's case (`notFound` for `not-found`).
  static func caseName(_ code: ErrorCode) -> String {
    let parts = code.rawValue.split(separator: "-")
    return parts.enumerated().map { $0.offset == 0 ? String($0.element) : $0.element.capitalized }
      .joined()
  }

  static func imports(_ line: Substring) -> String? {
    let words = line.split(separator: " ")
    guard let i = words.firstIndex(of: "import"), i + 1 < words.count else { return nil }
    guard words[..<i].allSatisfy({ $0.hasPrefix("@") }) else { return nil }
    return String(words[i + 1])
  }

  @Test func theInterpreterCallsNoLibc() throws {
    let libc: Set = ["Platform", "Glibc", "Musl", "Darwin", "Foundation"]
    let found = try Self.lines(of: "BillingRuntime") {
      Self.imports($0).map(libc.contains) ?? false
    }
    expectEqual(found, [])
    expectTrue(try !Self.files(of: "BillingRuntime").isEmpty, "no sources found")
  }

  @Test func theLineEditorKnowsNoBillshModule() throws {
    let found = try Self.lines(of: "LineEditing") {
      Self.imports($0).map { $0.hasPrefix("Billing") || $0.hasPrefix("Billsh") } ?? false
    }
    expectEqual(found, [])
    expectTrue(try !Self.files(of: "LineEditing").isEmpty, "no sources found")
  }

  @Test func theModelLeavesFailuresUnworded() throws {
    // NB: `Failure(.code, rule, "…")` (or `message:`) is a failure worded where it happens; the
    // model throws a `Reason` with its facts instead. Spread over lines, too.
    let codes = ErrorCode.allCases.map(Self.caseName).joined(separator: "|")
    let worded = try NSRegularExpression(
      pattern: "Failure\\(\\s*\\.(\(codes))\\s*,|Failure\\([^)]*message:")
    var found: [String] = []
    for (path, lines) in try Self.files(of: "BillingModel") {
      let text = lines.joined(separator: "\n")
      let all = NSRange(text.startIndex..., in: text)
      for m in worded.matches(in: text, range: all) {
        let before = text[..<Range(m.range, in: text)!.lowerBound]
        found.append("\(path):\(before.filter { $0 == "\n" }.count + 1)")
      }
    }
    expectEqual(found, [])
  }

  @Test func theWordedFailureCheckFindsOne() throws {
    // NB: the check above, on the kind of line it refuses (so it cannot pass by matching nothing).
    let codes = ErrorCode.allCases.map(Self.caseName).joined(separator: "|")
    let worded = try NSRegularExpression(
      pattern: "Failure\\(\\s*\\.(\(codes))\\s*,|Failure\\([^)]*message:")
    let sample = "throw Failure(\n  .invalid, nil,\n  \"a sentence\")"
    expectEqual(
      worded.numberOfMatches(in: sample, range: NSRange(sample.startIndex..., in: sample)), 1)
  }

  @Test func playbackAndTheShellSitAboveTheInterpreter() throws {
    // NB: the interpreter, the model, the language and the store import nothing above them.
    for module in ["BillingRuntime", "BillingModel", "BillingLanguage", "BillingStore"] {
      let found = try Self.lines(of: module) {
        Self.imports($0).map { ["BillingPlayback", "BillingShell", "BillshCLI"].contains($0) }
          ?? false
      }
      expectEqual(found, [], "\(module)")
    }
  }

  /// Phrase words that belong in BillingWords, never in a model literal (issue 22).
  static let phraseWords = [
    "billing owner", "credited", "resized", "canceled ", "org name", "workspace name",
    "team name", "billing address",
  ]

  /// Model literals that may hold a space between words, each with its reason.
  static let phraseAllowed: [String: String] = [
    "\"a NameMap never removes a name\"": "a programmer's precondition, never shown to a user",
    "\"ChunkedArray index out of range\"": "a programmer's precondition, never shown to a user",
    "\"contact support\"": "the name of a billing action (an id the views word), not a sentence",
    "\"create team\"": "the command's name as typed, a fact of the missing-flag refusal",
  ]

  /// The English phrases among the string literals of `lines` (comments skipped): literals
  /// holding a known phrase word, or two words with a space between, not allowed by name. An
  /// interpolation reads as one word, so `"\(n) seats"` is a phrase and `"\(id) (\(scope))"` is not.
  static func phrases(in lines: [Substring]) -> [String] {
    var found: [String] = []
    for line in lines where !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") {
      for (written, words) in literals(in: Array(line)) {
        let phrase =
          phraseWords.contains { written.lowercased().contains($0) }
          || words.contains(#/[A-Za-z]+ [a-z]+/#)
        if phrase && phraseAllowed[written] == nil { found.append(written) }
      }
    }
    return found
  }

  /// The string literals of a line up to a comment, each as written and as its words, where
  /// each interpolation `\(…)` (literals inside it too) reads as the one word `X`.
  static func literals(in c: [Character]) -> [(written: String, words: String)] {
    var found: [(written: String, words: String)] = []
    var i = 0
    while i < c.count {
      if c[i] == "/" && i + 1 < c.count && c[i + 1] == "/" { break }
      if c[i] == "\"" {
        guard let (end, words) = literal(c, from: i) else { break }
        found.append((String(c[i...end]), words))
        i = end + 1
      } else {
        i += 1
      }
    }
    return found
  }

  /// The literal whose opening quote is at `start`: where its closing quote is, and its words
  /// (nil when the line ends first).
  static func literal(_ c: [Character], from start: Int) -> (end: Int, words: String)? {
    var words = ""
    var i = start + 1
    while i < c.count {
      if c[i] == "\"" { return (i, words) }
      guard c[i] == "\\" else {
        words.append(c[i])
        i += 1
        continue
      }
      guard i + 1 < c.count else { return nil }
      guard c[i + 1] == "(" else {
        words += String(c[i...i + 1])
        i += 2
        continue
      }
      var depth = 1
      var j = i + 2
      while j < c.count && depth > 0 {
        if c[j] == "\"" {
          guard let inner = literal(c, from: j) else { return nil }
          j = inner.end + 1
          continue
        }
        if c[j] == "(" { depth += 1 }
        if c[j] == ")" { depth -= 1 }
        j += 1
      }
      guard depth == 0 else { return nil }
      words += "X"
      i = j
    }
    return nil
  }

  @Test func theModelComposesNoPhrases() throws {
    var found: [String] = []
    for (path, lines) in try Self.files(of: "BillingModel") {
      found += Self.phrases(in: lines).map { "\(path): \($0)" }
    }
    expectEqual(found, [])
    expectTrue(try !Self.files(of: "BillingModel").isEmpty, "no sources found")
  }

  @Test func thePhraseScanCatchesAPlantedPhrase() {
    let planted: [Substring] = [
      #"  let why = "the org name is too long""#,
      #"  case .x: "credited""#,
      #"  // "a comment may say anything""#,
      #"  let id = "T1", flag = "--org""#,
      #"  preconditionFailure("a NameMap never removes a name")"#,
    ]
    expectEqual(Self.phrases(in: planted), [#""the org name is too long""#, #""credited""#])
  }

  @Test func thePhraseScanCatchesAnInterpolatedPhrase() {
    // NB: an interpolation reads as a word, so the words around it still make a phrase.
    let planted: [Substring] = [
      #"  let n = "\(seats) seats""#,
      #"  let s = "\(a ? "x" : "y") credited to \(who)""#,
      #"  let p = "\(id) (\(scope), \(tier.name))", q = "P\(n)""#,
      #"  let t = "\(id)" // "\(n) seats in a comment""#,
    ]
    expectEqual(
      Self.phrases(in: planted),
      [#""\(seats) seats""#, #""\(a ? "x" : "y") credited to \(who)""#])
  }
}
