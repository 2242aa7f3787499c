import Testing

@testable import BillingLanguage

// SPEC §5: a line ending in ` \` continues. Scripts, piped input and the shell share this rule.

/// Joins physical lines as the script reader and the shell do, with `Continuation` alone.
private func joined(_ lines: [String]) -> (lines: [String], open: String?) {
  var out: [String] = []
  var joiner = Continuation.Joiner()
  for raw in lines {
    if let line = joiner.feed(raw) { out.append(line) }
  }
  return (out, joiner.pending)
}

@Suite("Continuation: a line ending in ` \\` goes on")
struct ContinuationTests {
  @Test(
    "which lines continue",
    arguments: [
      ("upgrade org Acme \\", true), ("\\", true), (" \\", true), ("a \\ \\", true),
      ("upgrade org Acme\\", false), ("a\t\\", false), ("a \\ ", false), ("", false), ("a", false),
      ("a \\\\", false), ("create org \"A \\", true), ("# a comment \\", true), ("é \\", true),
      ("é\\", false),
    ])
  func continues(_ line: String, _ expected: Bool) {
    expectEqual(Continuation.continues(line), expected)
    let bytes = Array(line.utf8)
    expectEqual(bytes.withUnsafeBufferPointer { Continuation.continues($0) }, expected)
  }

  @Test("joining: one space, the next line's leading blanks dropped, the mark taken off")
  func joining() {
    #expect(
      joined(["upgrade org Acme \\", "  --tier starter"]).lines == [
        "upgrade org Acme --tier starter"
      ])
    expectEqual(joined(["create org \"A \\", " \t B\""]).lines, ["create org \"A B\""])
    expectEqual(joined(["a \\", "b \\", "c"]).lines, ["a b c"])
    expectEqual(joined(["a \\", "\\", "b"]).lines, ["a b"])
    expectEqual(joined(["\\", "show"]).lines, [" show"])
    expectEqual(joined(["a \\", ""]).lines, ["a "])
    expectEqual(joined(["a \\"]).open, "a")
    expectEqual(joined(["a\\", "b"]).lines, ["a\\", "b"])
  }

  @Test("joining appends in place")
  func inPlace() {
    var text = "x"
    for _ in 0..<10_000 { Continuation.join(&text, "y"[...]) }
    expectEqual(text.utf8.count, 1 + 10_000 * 2)
  }
}
