import BillingSupport

/// Where two records of one command line part: the field (`ok`, `error.rule`,
/// `result.invoice.amount_cents`), and its value on each side (nil: the field is missing).
package struct FieldDifference: Sendable, Equatable {
  package var field: String
  package var expected: JSON?
  package var actual: JSON?

  /// `result.plan.seats: billsh 5, CMD 10`, or `… CMD leaves it out`.
  package var description: String {
    let ours = expected.map(\.text) ?? "nothing"
    let theirs = actual.map(\.text) ?? "leaves it out (missing)"
    return "\(field): billsh \(ours), CMD \(theirs)"
  }
}

/// Compares a program's record for a command line with billsh's (SPEC §9): `ok`, the error's
/// `code` and `rule`, and the fields of `result`; with `text`, the output text too.
/// NB: a field the program leaves out is a difference; a field billsh does not write is
/// ignored; prose meant for people (messages, help, rule texts) is not compared.
package enum RecordComparer {
  /// Keys whose values are sentences for people, which another implementation words its own way.
  package static let proseKeys: Set<String> = [
    "message", "text", "help", "summary", "source", "example", "notes",
  ]

  /// The first difference between billsh's record and the program's, or nil when they agree.
  package static func compare(expected: JSON, actual: JSON, text: Bool = false)
    -> FieldDifference?
  {
    if let d = field("ok", expected, actual) { return d }
    if expected["ok"] == .bool(false) {
      for key in ["code", "rule"] {
        let e = expected["error"]?[key] ?? .null
        let a = actual["error"]?[key]
        if a != e { return FieldDifference(field: "error." + key, expected: e, actual: a) }
      }
      return nil
    }
    if text, let d = field("output", expected, actual) { return d }
    guard let result = expected["result"] else { return nil }
    return value(result, actual["result"], at: "result")
  }

  private static func field(_ key: String, _ expected: JSON, _ actual: JSON) -> FieldDifference? {
    let e = expected[key]
    let a = actual[key]
    return e == a ? nil : FieldDifference(field: key, expected: e, actual: a)
  }

  /// The first difference inside one value, depth first, in billsh's key order.
  static func value(_ expected: JSON, _ actual: JSON?, at path: String) -> FieldDifference? {
    guard let actual else { return FieldDifference(field: path, expected: expected, actual: nil) }
    switch (expected, actual) {
    case (.object(let pairs), .object):
      for (key, e) in pairs where !proseKeys.contains(key) {
        if let d = value(e, actual[key], at: path + "." + key) { return d }
      }
      return nil
    case (.array(let es), .array(let as_)):
      for (i, e) in es.enumerated() {
        let a: JSON? = i < as_.count ? as_[i] : nil
        if let d = value(e, a, at: "\(path)[\(i)]") { return d }
      }
      if as_.count > es.count {
        return FieldDifference(field: "\(path)[\(es.count)]", expected: nil, actual: as_[es.count])
      }
      return nil
    default:
      return expected == actual
        ? nil : FieldDifference(field: path, expected: expected, actual: actual)
    }
  }
}
