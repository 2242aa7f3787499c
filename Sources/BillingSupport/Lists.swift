/// Words in a readable list: `listed(["a", "b", "c"], "or")` is "a, b or c".
/// NB: the one list joiner of billsh's messages, help and command-line errors.
package func listed(_ words: [String], _ conjunction: String) -> String {
  guard let last = words.last, words.count > 1 else { return words.joined() }
  return words.dropLast().joined(separator: ", ") + " \(conjunction) " + last
}

/// A value in double quotes even when it needs none (`"Acme"`), escaped like `quoted`.
package func quotedAlways(_ s: String) -> String {
  let q = quoted(s)
  return q.hasPrefix("\"") ? q : "\"" + s + "\""
}
