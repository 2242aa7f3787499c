import BillingModel

/// What one command did: text for people, a JSON result for tools, or one failure.
/// NB: the JSON result is built only when asked for (JSON output), right after the command;
/// a class, so passing an outcome through the layers costs one reference, not its fields.
public final class Outcome {
  /// NB: a failure's line is built only when asked for; printers write its parts directly.
  public var text: String { failure?.line ?? okText }
  let okText: String
  let makeResult: () -> JSON
  public let failure: Failure?
  /// The shell should stop (`.quit`).
  public private(set) var quit = false

  init(okText: String, makeResult: @escaping () -> JSON, failure: Failure?, quit: Bool = false) {
    self.okText = okText
    self.makeResult = makeResult
    self.failure = failure
    self.quit = quit
  }

  public var result: JSON { makeResult() }

  public static func ok(_ text: String, _ result: @autoclosure @escaping () -> JSON = .object([])) -> Outcome {
    Outcome(okText: text, makeResult: result, failure: nil)
  }
  public static func fail(_ f: Failure) -> Outcome { Outcome(okText: "", makeResult: { .null }, failure: f) }
  static func bye() -> Outcome { Outcome(okText: "bye", makeResult: { .object([]) }, failure: nil, quit: true) }

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
