import BillingLanguage
import BillingModel
import BillingSupport
import BillingWords

/// One command line of a script, after comments, continuations and expectations.
package struct ScriptLine: Sendable {
  package var number: Int
  package var text: String
  package var expectation: Expectation?
  /// Set when the line could not be read at all.
  package var failure: Failure?
}

/// Splits script bytes into command lines (SPEC §5): UTF-8 checked per line, NUL refused,
/// ` \` continues a line, `!`/`!code`/`!R14` expectations, blank and comment-only lines skipped.
package struct ScriptReader {
  package static let maxBytes = 64 * 1024

  /// A whole file. Fails when the file is too large.
  package static func lines(of bytes: [UInt8]) -> [ScriptLine] {
    var out: [ScriptLine] = []
    var reader = ScriptReader()
    var start = 0
    var number = 0
    for i in 0...bytes.count {
      if i == bytes.count || bytes[i] == 10 {
        if i == bytes.count && start == i { break }
        number += 1
        if let l = reader.feed(bytes[start..<i], number: number) { out.append(l) }
        start = i + 1
      }
    }
    if let l = reader.finish() { out.append(l) }
    return out
  }

  package var pending: String?
  var pendingLine = 0
  var skipping = false

  package init() {}

  /// Feeds one physical line (without its newline); returns a finished command line, if any.
  package mutating func feed(_ raw: ArraySlice<UInt8>, number: Int) -> ScriptLine? {
    raw.withUnsafeBufferPointer { feed($0, number: number) }
  }

  /// The same over bytes in place (the playback path: no copy of the line before its String).
  /// `known` may give the String of a plain command line's bytes, when one is already at hand
  /// (a line met before), so that no new one is made.
  package mutating func feed(
    _ raw: UnsafeBufferPointer<UInt8>, number: Int,
    known: (UnsafeBufferPointer<UInt8>) -> String? = { _ in nil }
  ) -> ScriptLine? {
    // A byte order mark (EF BB BF) starting the file marks it as UTF-8; it is not part of the
    // first command.
    if number == 1 && raw.count >= 3 && raw[0] == 0xEF && raw[1] == 0xBB && raw[2] == 0xBF {
      return feedLine(UnsafeBufferPointer(rebasing: raw[3...]), number: number, known: known)
    }
    return feedLine(raw, number: number, known: known)
  }

  private mutating func feedLine(
    _ raw: UnsafeBufferPointer<UInt8>, number: Int,
    known: (UnsafeBufferPointer<UInt8>) -> String?
  ) -> ScriptLine? {
    var end = raw.count
    if end > 0 && raw[end - 1] == 13 { end -= 1 }
    let bytes = UnsafeBufferPointer(rebasing: raw[0..<end])
    let (high, nul) = ScriptReader.scanBytes(bytes)
    if nul {
      pending = nil
      return ScriptLine(
        number: number, text: "", failure: Failure(.usage, nil, "NUL byte in the line"))
    }
    // NB: ASCII needs no validation; anything else is checked whole before it is used.
    let ascii = high < 0x80
    if !ascii && String(validating: bytes, as: UTF8.self) == nil {
      pending = nil
      return ScriptLine(
        number: number, text: "", failure: Failure(.usage, nil, "the line is not valid UTF-8"))
    }
    let continues = Continuation.continues(bytes)
    if skipping {
      // The rest of a command already refused for its length.
      skipping = continues
      return nil
    }
    if pending == nil && !continues {
      // NB: the common case, a whole line without a continuation: one String, of the command only.
      var start = 0
      while start < end, bytes[start] == 32 || bytes[start] == 9 { start += 1 }
      if start == end || bytes[start] == 35 { return nil }
      let command = UnsafeBufferPointer(rebasing: bytes[start..<end])
      if bytes[start] != 33 {
        let text = known(command) ?? String(decoding: command, as: UTF8.self)
        return ScriptLine(number: number, text: text)
      }
      return ScriptReader.command(String(decoding: command, as: UTF8.self), number: number)
    }
    let text = String(decoding: bytes, as: UTF8.self)
    var joined: String
    let first: Int
    if var p = pending {
      pending = nil  // NB: so `p` is the only reference and appends in place (no quadratic copies)
      Continuation.join(&p, text[...])
      joined = p
      first = pendingLine
    } else {
      joined = text
      first = number
    }
    if joined.utf8.count > ScriptReader.maxBytes {
      pending = nil
      pendingLine = 0
      skipping = continues
      return ScriptLine(
        number: first, text: "",
        failure: Failure(
          .usage, nil,
          "the line is longer than \(ScriptReader.maxBytes / 1024) KiB, continuations included"))
    }
    if continues {
      Continuation.removeMark(&joined)
      pending = joined
      pendingLine = first
      return nil
    }
    pendingLine = 0
    return ScriptReader.command(joined, number: first)
  }

  /// Whether any byte has its high bit set (not ASCII), and whether any is NUL.
  /// NB: eight bytes at a time (a zero byte shows in `(w - 0x01…01) & ~w & 0x80…80`).
  static func scanBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> (high: UInt8, nul: Bool) {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    var orWords: UInt64 = 0
    var zero: UInt64 = 0
    var i = 0
    let n = bytes.count
    if let base = bytes.baseAddress {
      let raw = UnsafeRawPointer(base)
      while i + 8 <= n {
        let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        orWords |= w
        zero |= (w &- ones) & ~w & highs
        i += 8
      }
    }
    var high: UInt8 = (orWords & highs) != 0 ? 0x80 : 0
    var nul = zero != 0
    while i < n {
      high |= bytes[i]
      nul = nul || bytes[i] == 0
      i += 1
    }
    return (high, nul)
  }

  /// End of input: a continuation left open is an error.
  package mutating func finish() -> ScriptLine? {
    guard pending != nil else { return nil }
    let line = pendingLine
    pending = nil
    pendingLine = 0
    return ScriptLine(
      number: line, text: "",
      failure: Failure(.usage, nil, "the line ends in a continuation (\\) but the file ends"))
  }

  static func command(_ text: String, number: Int) -> ScriptLine? {
    let u = text.utf8
    var start = u.startIndex
    while start != u.endIndex, u[start] == 32 || u[start] == 9 { start = u.index(after: start) }
    if start == u.endIndex || u[start] == 35 { return nil }
    if u[start] != 33 {  // no `!`: the line as it is
      return ScriptLine(number: number, text: start == u.startIndex ? text : String(text[start...]))
    }
    var body = Substring(text)
    while let f = body.first, f == " " || f == "\t" { body = body.dropFirst() }
    var expectation: Expectation?
    if body.first == "!" {
      let word = body.prefix { $0 != " " && $0 != "\t" }
      let code = word.dropFirst()
      if code.isEmpty {
        expectation = Expectation(code: nil)
      } else if let c = ErrorCode(rawValue: String(code)) {
        expectation = Expectation(code: c)
      } else if Help.looksLikeRuleID(String(code)) {
        // SPEC §8: `!R14` (any case) expects a failure citing that rule.
        guard let rule = Rule(id: String(code)) else {
          return ScriptLine(
            number: number, text: String(body),
            failure: Failure(
              .usage, nil,
              "unknown rule \(quoted(String(code))) after !"
                + didYouMean(
                  suggestions(for: String(code), among: Rule.allCases.map(\.id)), quote: { $0 })
                + " (rules are R1 to R22 and P1 to P8)"))
        }
        expectation = Expectation(rule: rule)
      } else {
        return ScriptLine(
          number: number, text: String(body),
          failure: Failure(
            .usage, nil,
            "unknown error code \(quoted(String(code))) after !"
              + didYouMean(
                suggestions(for: String(code), among: ErrorCode.allCases.map(\.rawValue)))
              + " (a code such as invalid, or a rule id such as R14)"))
      }
      body = body.dropFirst(word.count)
      while let f = body.first, f == " " || f == "\t" { body = body.dropFirst() }
      if body.isEmpty {
        return ScriptLine(
          number: number, text: String(word),
          failure: Failure(.usage, nil, "\(word) needs a command after it"))
      }
    }
    return ScriptLine(number: number, text: String(body), expectation: expectation)
  }
}
