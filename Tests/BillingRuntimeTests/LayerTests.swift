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
  /// holding a known phrase word, or two words with a space between, not allowed by name.
  static func phrases(in lines: [Substring]) -> [String] {
    var found: [String] = []
    for line in lines where !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") {
      for match in line.matches(of: #/"(?:[^"\\]|\\.)*"/#) {
        let literal = String(line[match.range])
        let phrase =
          phraseWords.contains { literal.lowercased().contains($0) }
          || literal.contains(#/[A-Za-z]+ [a-z]+/#)
        if phrase && phraseAllowed[literal] == nil { found.append(literal) }
      }
    }
    return found
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
}
