import BillingModel
import BillingSupport

/// What one command did: text for people, a JSON result for tools, or one failure.
/// NB: a class, so passing an outcome through the layers costs one reference, not its fields.
package final class Outcome {
  /// NB: a failure's line is built only when asked for; printers write its parts directly.
  package var text: String { failure?.line ?? okText.string }
  /// NB: kept as bytes; printers write them as they are, without making a String.
  package var okText: Text {
    guard let refusal else { return kept }
    return ViewResult.refused(refusal)
  }
  /// Appends `okText` to `t`, with no Text made for it (a refused `can` is written in place).
  package func appendOK(to t: inout Text) {
    guard let refusal else { return t.append(kept) }
    t.append("no: " as StaticString)
    refusal.appendLine(to: &t)
  }
  private let kept: Text
  /// For `can` refused: the text is `no: ` and the failure's line, made when asked (a failure
  /// is a value: it needs no world, and a printer on another thread may make it).
  private let refusal: Failure?
  /// The JSON result; `null` when the session does not keep results (text output).
  package let result: JSON
  package let failure: Failure?
  /// NB: stored, so asking costs no copy of the failure (asked several times per command).
  package let isOK: Bool
  /// The shell should stop (`.quit`).
  package private(set) var quit = false

  init(okText: Text, result: JSON, failure: Failure?, quit: Bool = false) {
    self.kept = okText
    self.refusal = nil
    self.result = result
    self.failure = failure
    self.isOK = failure == nil
    self.quit = quit
  }

  /// A `can` answered no: a success whose text is `no: ` and the refusal's line.
  init(refusal: Failure, result: JSON) {
    self.kept = ""
    self.refusal = refusal
    self.result = result
    self.failure = nil
    self.isOK = true
  }

  package static func fail(_ f: Failure) -> Outcome {
    Outcome(okText: "", result: .null, failure: f)
  }
}

/// `!` (must fail), `!code` (must fail with that code) or `!R14` (must fail citing that rule,
/// whatever the code) before a script line (SPEC §5, §8).
package struct Expectation: Sendable, Equatable {
  package var code: ErrorCode?
  package var rule: Rule?
  package init(code: ErrorCode? = nil, rule: Rule? = nil) {
    self.code = code
    self.rule = rule
  }
  package func isMet(by outcome: Outcome) -> Bool {
    guard let f = outcome.failure else { return false }
    if let rule { return f.rule == rule }
    // SPEC §5: a bare `!` expects the command to run and be refused; a usage error (an unknown
    // command, a typo, a bad flag) does not meet it, `!usage` does.
    return code.map { $0 == f.code } ?? (f.code != .usage)
  }
  /// What followed the `!`: a code, a rule id, or nothing.
  package var word: String? { rule?.id ?? code?.rawValue }
  package var text: String { "!" + (word ?? "") }
}

/// One command line's outcome, with where it came from.
package struct Record {
  package var file: String?
  package var line: Int?
  package var input: String
  package var outcome: Outcome
  package var expectation: Expectation?
  /// Whether the line met its expectation (success, or the expected failure).
  package var met: Bool {
    if let e = expectation { return e.isMet(by: outcome) }
    return outcome.isOK
  }
  /// A `!` line that failed as expected: printed as `file:7: expected error[...]` (SPEC §8).
  package var showsAsExpected: Bool { expectation != nil && met }
}
