import Testing

@testable import BillingRuntime

/// A session after `lines`, each of which must succeed: a failing set-up line is recorded at
/// the caller's line with the session's answer, so a broken story names the line that broke.
func played(_ lines: [String], sourceLocation: SourceLocation = #_sourceLocation) -> Session {
  let s = Session()
  for line in lines {
    let o = s.perform(line)
    expectTrue(o.isOK, "\(line) → \(o.text)", sourceLocation: sourceLocation)
  }
  return s
}
