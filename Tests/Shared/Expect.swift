import Testing

// Shared by the test targets (each links it from its Support folder).
// Plain checks as functions rather than `#expect` macros: each `#expect` costs about 20 ms of
// type checking in its expansion, and this target has about a thousand checks (a fresh
// clone's CI builds them all). `#expect` stays where its captured subexpressions help most:
// checks spanning several lines, `try`, `throws:`.

/// Records an issue at the caller's line when `condition` is false.
func expectTrue(
  _ condition: Bool, _ comment: @autoclosure () -> Comment? = nil,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  if !condition { Issue.record(comment() ?? "expected true", sourceLocation: sourceLocation) }
}

/// Records an issue showing both values at the caller's line when they differ.
func expectEqual<T: Equatable>(
  _ actual: T, _ expected: T, _ comment: @autoclosure () -> Comment? = nil,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  guard actual != expected else { return }
  let note = comment().map { ": \($0)" } ?? ""
  Issue.record(
    "\(String(reflecting: actual)) is not \(String(reflecting: expected))\(note)",
    sourceLocation: sourceLocation)
}
