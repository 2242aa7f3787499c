import BillingModel

/// What one command did: text for people, a JSON result for tools, or one failure.
/// NB: a class, so passing an outcome through the layers costs one reference, not its fields.
public final class Outcome {
  /// NB: a failure's line is built only when asked for; printers write its parts directly.
  public var text: String { failure?.line ?? okText.string }
  /// NB: kept as bytes; printers write them as they are, without making a String.
  let okText: Text
  /// The JSON result; `null` when the session does not keep results (text output).
  public let result: JSON
  public let failure: Failure?
  /// The shell should stop (`.quit`).
  public private(set) var quit = false

  init(okText: Text, result: JSON, failure: Failure?, quit: Bool = false) {
    self.okText = okText
    self.result = result
    self.failure = failure
    self.quit = quit
  }

  public static func fail(_ f: Failure) -> Outcome { Outcome(okText: "", result: .null, failure: f) }
  static func bye() -> Outcome { Outcome(okText: "bye", result: .object([]), failure: nil, quit: true) }

  public var isOK: Bool { failure == nil }
}

/// `!` (must fail) or `!code` (must fail with that code) before a script line.
public struct Expectation: Sendable, Equatable {
  public var code: ErrorCode?
  public func isMet(by outcome: Outcome) -> Bool {
    guard let f = outcome.failure else { return false }
    return code.map { $0 == f.code } ?? true
  }
  public var text: String { code.map { "!" + $0.rawValue } ?? "!" }
}

/// One command line's outcome, with where it came from.
public struct Record {
  public var file: String?
  public var line: Int?
  public var input: String
  public var outcome: Outcome
  public var expectation: Expectation?
  /// Whether the line met its expectation (success, or the expected failure).
  public var met: Bool {
    if let e = expectation { return e.isMet(by: outcome) }
    return outcome.isOK
  }
}
