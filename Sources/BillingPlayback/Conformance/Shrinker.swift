/// Makes a failing scenario small (SPEC §9): drops lines while it still fails, in halves, then
/// quarters, down to single lines, then simplifies what is left: a `login` folded into the line
/// after it (`as <user> …`), smaller numbers and spans, fewer optional flags, fewer names in a
/// list. Deterministic: the same scenario and test give the same result.
package struct Shrinker {
  /// Whether a candidate still shows the failure.
  package var fails: ([String]) -> Bool
  /// The most candidates tried (each is one run of the program).
  package var budget: Int
  package private(set) var tried = 0

  package init(budget: Int = 600, fails: @escaping ([String]) -> Bool) {
    self.budget = budget
    self.fails = fails
  }

  private mutating func test(_ lines: [String]) -> Bool {
    guard tried < budget else { return false }
    tried += 1
    return fails(lines)
  }

  /// The smallest version of `lines` found; `lines` itself if nothing smaller fails.
  package mutating func shrink(_ lines: [String]) -> [String] {
    var current = dropLines(lines)
    current = foldLogins(current)
    current = simplify(current)
    // NB: a simpler line may leave another line with nothing to do.
    return dropLines(current)
  }

  /// Removes chunks of lines, halving the chunk size whenever none can go, until no single
  /// line can go.
  mutating func dropLines(_ lines: [String]) -> [String] {
    var current = lines
    var size = max(1, current.count / 2)
    while true {
      var removed = false
      var start = 0
      while start < current.count {
        var candidate = current
        candidate.removeSubrange(start..<min(start + size, current.count))
        if !candidate.isEmpty && test(candidate) {
          current = candidate
          removed = true
        } else {
          start += size
        }
      }
      if size == 1 && !removed { return current }
      if !removed { size = max(1, size / 2) }
      if tried >= budget { return current }
    }
  }

  /// Tries `login <user>` followed by a line as one line, `as <user> <line>`, where the
  /// scenario still fails so.
  mutating func foldLogins(_ lines: [String]) -> [String] {
    var current = lines
    var i = 0
    while i + 1 < current.count && tried < budget {
      let words = current[i].split(separator: " ")
      if words.count == 2, words[0] == "login" || words[0] == "as",
        !current[i + 1].hasPrefix("as "), !current[i + 1].hasPrefix(".")
      {
        var candidate = current
        candidate[i + 1] = "as \(words[1]) \(current[i + 1])"
        candidate.remove(at: i)
        if test(candidate) {
          current = candidate
          continue
        }
      }
      i += 1
    }
    return current
  }

  /// Tries simpler words in each line: a smaller number or span, an optional flag or a name of
  /// a list left out.
  mutating func simplify(_ lines: [String]) -> [String] {
    var current = lines
    for i in current.indices {
      var changed = true
      while changed && tried < budget {
        changed = false
        for candidate in Self.simpler(current[i]) {
          var next = current
          next[i] = candidate
          if test(next) {
            current = next
            changed = true
            break
          }
        }
      }
    }
    return current
  }

  /// Simpler versions of one line, simplest first.
  static func simpler(_ line: String) -> [String] {
    let words = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
    var out: [String] = []
    // NB: words inside quotes are left alone: a name or an address is not a number to shrink.
    var quoted = Array(repeating: false, count: words.count)
    var inside = false
    for (i, w) in words.enumerated() {
      let quotes = w.filter { $0 == "\"" }.count
      quoted[i] = inside || quotes > 0
      if quotes % 2 == 1 { inside.toggle() }
    }
    // NB: where the list of people starts, after `as <user>` and the command's words.
    let command = words.first == "as" && words.count > 2 ? 2 : 0
    let listStart: Int
    if words.count > command + 1, words[command] == "add" {
      listStart = command
    } else if words.count > command + 2, words[command] == "create", words[command + 1] == "user" {
      listStart = command + 1
    } else {
      listStart = words.count
    }
    for (i, w) in words.enumerated() where !quoted[i] {
      // An optional flag (not the first words of the command), with its value if it has one.
      if i >= 2, w.hasPrefix("--") {
        var candidate = words
        let takesValue = i + 1 < words.count && !words[i + 1].hasPrefix("--")
        candidate.removeSubrange(i..<(takesValue ? i + 2 : i + 1))
        out.append(candidate.joined(separator: " "))
      }
      // A name of a list of people (`add ann bob carl …`, `create user ann bob`): one fewer.
      if i > listStart, !w.hasPrefix("--"), !words[i - 1].hasPrefix("--"),
        i + 1 < words.count && !words[i + 1].hasPrefix("--") || i > listStart + 1
      {
        var candidate = words
        candidate.remove(at: i)
        out.append(candidate.joined(separator: " "))
      }
      for smaller in smallerNumbers(w) {
        var candidate = words
        candidate[i] = smaller
        out.append(candidate.joined(separator: " "))
      }
    }
    return out
  }

  /// `600` → `2`, `5`, `300`; `6m` → `1m`, `3m`, `1d`: smaller values of a number or a span.
  static func smallerNumbers(_ word: String) -> [String] {
    var digits = Substring(word)
    var unit = ""
    if let last = word.last, "dmy".contains(last), word.count > 1 {
      digits = word.dropLast()
      unit = String(last)
    }
    guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(digits)
    else { return [] }
    var values = unit.isEmpty ? [2, 5, n / 2] : [1, n / 2]
    values = values.filter { $0 >= 1 && $0 < n }
    var seen = Set<Int>()
    var out = values.filter { seen.insert($0).inserted }.map { "\($0)\(unit)" }
    if unit == "m" || unit == "y" { out.append("1d") }
    return out
  }
}
