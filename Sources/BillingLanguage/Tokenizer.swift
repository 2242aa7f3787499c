import BillingModel

/// One word of a command line.
package struct Token: Sendable, Equatable {
  package var text: String
  /// Written in double quotes: never a flag, may be empty or hold spaces.
  package var quoted: Bool
  /// Where the word starts in its line, in UTF-8 bytes (-1 when made up).
  package var offset: Int
  /// `--something` written without quotes (worked out once, when the token is made).
  package let isFlag: Bool
  package init(_ text: String, quoted: Bool = false, offset: Int = -1) {
    var it = text.utf8.makeIterator()
    self.init(
      text, quoted: quoted, offset: offset,
      isFlag: !quoted && it.next() == 45 && it.next() == 45 && it.next() != nil)
  }

  /// NB: the tokenizer already knows whether its bytes start with `--`.
  init(_ text: String, quoted: Bool, offset: Int, isFlag: Bool) {
    self.text = text
    self.quoted = quoted
    self.offset = offset
    self.isFlag = isFlag
  }
}

/// Splits a line into words: spaces separate, double quotes group (with `\"` and `\\` inside),
/// and `#` outside quotes starts a comment.
/// NB: works on UTF-8 bytes; every delimiter is ASCII, so multi-byte characters pass through whole.
package enum Tokenizer {
  package static func split(_ line: Substring) throws(Failure) -> [Token] {
    try words(line).tokens
  }

  /// The words, and how many UTF-8 bytes of the line come before a comment (the command text).
  package static func words(_ line: Substring) throws(Failure) -> (tokens: [Token], length: Int) {
    var tokens: [Token] = []
    let length = try words(line, into: &tokens)
    return (tokens, length)
  }

  /// The same into `tokens`, emptied first: a reader of many lines keeps one list for them all,
  /// so a line allocates none (a list kept elsewhere is left alone: the next line gets a new one).
  package static func words(_ line: Substring, into tokens: inout [Token]) throws(Failure) -> Int {
    tokens.removeAll(keepingCapacity: true)
    if tokens.capacity < 16 { tokens.reserveCapacity(16) }
    var length = line.utf8.count
    // NB: a Substring's own bytes, in place (a copy only for a Substring of a non-native string).
    var sub = line
    let failure: Failure? = sub.withUTF8 { buf -> Failure? in scan(buf, &tokens, &length) }
    if let failure { throw failure }
    return length
  }

  /// A line still being typed (tab completion): never fails, an open quote runs to the end.
  package static func splitPartial(_ line: Substring) -> PartialLine {
    var tokens: [Token] = []
    let n = line.utf8.count
    var length = n
    var sub = line
    let (open, endsInBlank) = sub.withUTF8 { buf -> (Bool, Bool) in
      let open = scan(buf, &tokens, &length) != nil
      return (open, n > 0 && (buf[n - 1] == 32 || buf[n - 1] == 9 || buf[n - 1] == 13))
    }
    let none = Token("", quoted: false, offset: n, isFlag: false)
    if length < n {
      return PartialLine(words: tokens, current: none, currentLength: 0, inComment: true)
    }
    guard open || (!tokens.isEmpty && !endsInBlank) else {
      return PartialLine(words: tokens, current: none, currentLength: 0, inComment: false)
    }
    let current = tokens.removeLast()
    let start = line.utf8.index(line.utf8.startIndex, offsetBy: current.offset)
    return PartialLine(
      words: tokens, current: current, currentLength: line[start...].count, inComment: false)
  }

  private static func scan(
    _ buf: UnsafeBufferPointer<UInt8>, _ tokens: inout [Token], _ length: inout Int
  ) -> Failure? {
    let n = buf.count
    var i = 0
    while i < n {
      let b = buf[i]
      if b == 32 || b == 9 || b == 13 { i += 1; continue }
      if b == 35 { length = i; return nil }  // '#'
      // A word: plain runs and quoted runs glue together until a space.
      var start = i
      let wordStart = i
      var bytes: [UInt8]?
      var quoted = false
      while i < n {
        let c = buf[i]
        if c == 32 || c == 9 || c == 13 || c == 35 { break }
        if c == 34 {  // '"'
          quoted = true
          // NB: taken out and put back, so appending never copies.
          var acc = bytes.take() ?? []
          defer { bytes = acc }
          acc.append(contentsOf: UnsafeBufferPointer(rebasing: buf[start..<i]))
          i += 1
          var closed = false
          while i < n {
            let q = buf[i]
            if q == 92, i + 1 < n {  // backslash escapes the next byte
              acc.append(buf[i + 1])
              i += 2
              continue
            }
            if q == 34 { closed = true; i += 1; break }
            acc.append(q)
            i += 1
          }
          if !closed {
            // NB: the open word is kept for `splitPartial`; `words` throws it away with the failure.
            tokens.append(
              Token(String(decoding: acc, as: UTF8.self), quoted: true, offset: wordStart))
            return Failure(.usage, nil, "unterminated quote: close it with \"")
          }
          start = i
          continue
        }
        i += 1
      }
      if var b = bytes {
        b.append(contentsOf: UnsafeBufferPointer(rebasing: buf[start..<i]))
        tokens.append(Token(String(decoding: b, as: UTF8.self), quoted: quoted, offset: wordStart))
      } else {
        let word = UnsafeBufferPointer(rebasing: buf[start..<i])
        let isFlag = word.count > 2 && word[0] == 45 && word[1] == 45
        tokens.append(Token(string(word), quoted: false, offset: wordStart, isFlag: isFlag))
      }
      if i < n && buf[i] == 35 { length = i; return nil }
    }
    return nil
  }

  /// The string of a word's bytes, as `String(decoding:as:)` makes it (invalid UTF-8 repaired).
  /// NB: a short word (most are) is copied straight into a small string, ASCII checked a word at a
  /// time; decoding would check and copy it byte by byte.
  @inline(__always)
  static func string(_ word: UnsafeBufferPointer<UInt8>) -> String {
    guard let base = word.baseAddress else { return "" }
    return String(unsafeUninitializedCapacity: word.count) { into in
      guard let to = into.baseAddress else { return 0 }
      to.initialize(from: base, count: word.count)
      return word.count
    }
  }
}

/// A line cut at the cursor, as the completer sees it.
package struct PartialLine: Sendable, Equatable {
  /// The words before the one under the cursor.
  package var words: [Token]
  /// The word under the cursor: empty after a blank; an open quote keeps it going.
  package var current: Token
  /// How many characters of the line the current word takes, its quotes and escapes included.
  package var currentLength: Int
  /// Whether the cursor is in a comment (nothing to complete there).
  package var inComment: Bool
}
