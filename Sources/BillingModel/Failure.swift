import BillingSupport

/// Error codes of the public interface (SPEC §4).
package enum ErrorCode: String, Sendable, CaseIterable {
  case usage
  case notFound = "not-found"
  case ambiguous
  case noActor = "no-actor"
  case permissionDenied = "permission-denied"
  case conflict
  case unavailable
  case contactSales = "contact-sales"
  case invalid
  case io
}

/// One failed outcome: why (with its facts), and from that its code, rule and words.
package struct Failure: Error, Equatable, Sendable {
  package var reason: Reason

  package init(_ reason: Reason) { self.reason = reason }

  /// A failure whose words were written where it happened (syntax, files, loaded data).
  /// NB: the message is a `Text`, so `"… \(x) …"` messages are built as bytes.
  package init(_ code: ErrorCode, _ rule: Rule? = nil, _ message: Text) {
    self.reason = .said(code, rule, message)
  }

  package init(_ code: ErrorCode, _ rule: Rule? = nil, message: String) {
    self.init(code, rule, Text(message))
  }

  package var code: ErrorCode { reason.classification.0 }
  package var rule: Rule? { reason.classification.1 }
}

/// Close names for "did you mean" hints: edit distance at most a third of the length.
package func suggestions(for word: String, among names: some Sequence<String>, limit: Int = 3)
  -> [String]
{
  let w = Array(word.lowercased().unicodeScalars)
  let maxDistance = max(1, w.count / 3)
  var found: [(Int, String)] = []
  for name in names {
    let n = Array(name.lowercased().unicodeScalars)
    if abs(n.count - w.count) > maxDistance && !name.lowercased().hasPrefix(word.lowercased()) {
      continue
    }
    let d =
      name.lowercased().hasPrefix(word.lowercased()) && !word.isEmpty
      ? 0 : editDistance(w, n, cap: maxDistance)
    if d <= maxDistance { found.append((d, name)) }
  }
  found.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
  return found.prefix(limit).map(\.1)
}

func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], cap: Int) -> Int {
  if a.isEmpty { return b.count }
  if b.isEmpty { return a.count }
  var prev = Array(0...b.count)
  var cur = [Int](repeating: 0, count: b.count + 1)
  for i in 1...a.count {
    cur[0] = i
    var rowMin = i
    for j in 1...b.count {
      let cost = a[i - 1] == b[j - 1] ? 0 : 1
      cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
      rowMin = min(rowMin, cur[j])
    }
    if rowMin > cap { return cap + 1 }
    swap(&prev, &cur)
  }
  return prev[b.count]
}
