import Platform

/// Text built as UTF-8 bytes in one buffer: messages and output lines.
///
/// `"… \(x) …"` written where a `Text` is expected appends each literal piece and each value
/// straight to the buffer (numbers, dates, amounts and ids as digits), with no String made per
/// piece; `string` makes the one String at the end.
/// NB: String interpolation was the largest single cost of playback (per piece: a String, a
/// uniqueness and capacity check, often a reallocation); this does one capacity check and a copy.
package struct Text: ExpressibleByStringInterpolation, CustomStringConvertible, Equatable,
  @unchecked Sendable
{
  package typealias StringLiteralType = StaticString
  /// NB: one allocation holds the count, the capacity and the bytes; copies share it until one
  /// of them changes (copy on write, like Array, without Array's generic append).
  private var storage: TextStorage

  package init(capacity: Int = 96) {
    storage = TextStorage.make(capacity)
  }

  private init(storage: TextStorage) { self.storage = storage }

  package init(_ s: String) {
    self.init(capacity: s.utf8.count)
    append(s)
  }

  package init(stringLiteral s: StaticString) {
    // NB: the empty text (a failed outcome's) shares one buffer; a text begun from a literal
    // is usually appended to, so it starts with room for that.
    if s.utf8CodeUnitCount == 0 {
      self.init(storage: TextStorage.empty)
      return
    }
    self.init(capacity: max(64, s.utf8CodeUnitCount))
    append(s)
  }

  package init(stringInterpolation i: Interpolation) { self = i.text }

  package var count: Int { storage.header.count }
  package var isEmpty: Bool { count == 0 }

  /// The bytes, valid while `body` runs.
  package func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
    try storage.withUnsafeMutablePointers { h, b in
      try body(UnsafeBufferPointer(start: b, count: h.pointee.count))
    }
  }

  /// The text as a String (bytes are valid UTF-8: only strings and ASCII go in).
  package var string: String { withBytes { String(decoding: $0, as: UTF8.self) } }
  package var description: String { string }

  package static func == (a: Text, b: Text) -> Bool {
    a.withBytes { x in
      b.withBytes { y in
        guard x.count == y.count, let xa = x.baseAddress, let ya = y.baseAddress else {
          return x.count == y.count
        }
        return memcmp(xa, ya, x.count) == 0
      }
    }
  }

  /// Appends `n` bytes from `p`.
  @inline(__always)
  package mutating func append(_ p: UnsafePointer<UInt8>, count n: Int) {
    let c = storage.header.count
    if c + n > storage.header.capacity || !isKnownUniquelyReferenced(&storage) { grow(c + n) }
    storage.withUnsafeMutablePointers { h, b in
      (b + c).update(from: p, count: n)
      h.pointee.count = c + n
    }
  }

  @inline(__always)
  package mutating func append(_ b: UnsafeBufferPointer<UInt8>) {
    if let p = b.baseAddress { append(p, count: b.count) }
  }

  /// Empties the text, keeping its room when nothing else shares it.
  package mutating func removeAll() {
    if isKnownUniquelyReferenced(&storage) {
      storage.header.count = 0
    } else {
      storage = TextStorage.make(storage.header.capacity)
    }
  }

  /// Drops the bytes from `start` on.
  package mutating func removeSuffix(from start: Int) {
    precondition(start >= 0 && start <= count)
    if !isKnownUniquelyReferenced(&storage) { grow(count) }
    storage.header.count = start
  }

  /// A new buffer of at least `needed` bytes (twice as much, so appends stay amortized).
  @inline(never)
  private mutating func grow(_ needed: Int) {
    let c = storage.header.count
    let bigger = TextStorage.make(max(needed, storage.header.capacity * 2, 32))
    storage.withUnsafeMutablePointerToElements { old in
      bigger.withUnsafeMutablePointers { h, b in
        b.update(from: old, count: c)
        h.pointee.count = c
      }
    }
    storage = bigger
  }

  @inline(__always)
  package mutating func append(_ s: StaticString) {
    s.withUTF8Buffer { append($0) }
  }

  @inline(__always)
  package mutating func append(_ s: String) {
    if s.utf8.withContiguousStorageIfAvailable({ append($0) }) == nil {
      for b in s.utf8 { append(byte: b) }
    }
  }

  package mutating func append(_ s: Substring) {
    if s.utf8.withContiguousStorageIfAvailable({ append($0) }) == nil {
      for b in s.utf8 { append(byte: b) }
    }
  }

  package mutating func append(_ t: Text) { t.withBytes { append($0) } }

  @inline(__always)
  package mutating func append(byte: UInt8) {
    withUnsafePointer(to: byte) { append($0, count: 1) }
  }

  /// A whole number in decimal.
  package mutating func append(_ n: Int) {
    var scratch = DigitScratch()
    scratch.putDigits(n, 1)
    scratch.written { append($0) }
  }

  /// `n` in decimal after `prefix`, at least `width` digits (zero-padded): ids (`P3`,
  /// `INV-0007`).
  /// NB: not generic, so other modules call it specialized (the generic `DigitScratch.decimal`
  /// was called unspecialized from BillingModel, at ~350 instructions an id).
  package mutating func append(_ n: Int, prefix: StaticString, width: Int = 1) {
    var scratch = DigitScratch()
    scratch.putDigits(n, width)
    scratch.putPrefix(prefix)
    scratch.written { append($0) }
  }

  /// A user value as `quoted(_:)` shows it.
  package mutating func append(quoted s: String) {
    guard needsQuotes(s) else { return append(s) }
    append(byte: 34)
    for b in s.utf8 {
      if b == 34 || b == 92 { append(byte: 92) }
      append(byte: b)
    }
    append(byte: 34)
  }

  /// `$1,349.00` (see `Money.format`).
  package mutating func append(money cents: Int) {
    var scratch = DigitScratch()
    scratch.putMoney(cents)
    scratch.written { append($0) }
  }

  /// Words joined by `separator`, each written by `item`.
  /// NB: for a list of strings, not any collection: the generic form was not specialized
  /// across modules, and every step of its loop went through the collection's protocol.
  package mutating func append(
    _ items: [String], separator: StaticString, _ item: (inout Text, String) -> Void
  ) {
    for i in items.indices {
      if i > 0 { append(separator) }
      item(&self, items[i])
    }
  }

  package static func + (a: Text, b: String) -> Text {
    var t = a
    t.append(b)
    return t
  }

  /// NB: only `Text` on the right, so `t += "… \(x) …"` is built as bytes too.
  package static func += (a: inout Text, b: Text) { a.append(b) }

  /// `line` on a line of its own: after a newline unless this is still empty.
  package mutating func appendLine(_ line: Text) {
    if !isEmpty { append(byte: 10) }
    append(line)
  }

  /// Where `"… \(x) …"` puts its pieces.
  package struct Interpolation: StringInterpolationProtocol {
    package typealias StringLiteralType = StaticString
    package var text: Text

    package init(literalCapacity: Int, interpolationCount: Int) {
      text = Text(capacity: max(64, literalCapacity + 16 * interpolationCount))
    }

    @inline(__always) package mutating func appendLiteral(_ s: StaticString) { text.append(s) }
    @inline(__always) package mutating func appendInterpolation(_ s: String) { text.append(s) }
    package mutating func appendInterpolation(_ s: Substring) { text.append(s) }
    package mutating func appendInterpolation(_ t: Text) { text.append(t) }
    package mutating func appendInterpolation(_ s: StaticString) { text.append(s) }
    package mutating func appendInterpolation(_ n: Int) { text.append(n) }
    package mutating func appendInterpolation(quoted s: String) { text.append(quoted: s) }
    package mutating func appendInterpolation(money cents: Int) { text.append(money: cents) }
    /// Anything else, as String interpolation would show it.
    package mutating func appendInterpolation<T>(_ x: T) { text.append(String(describing: x)) }
  }
}

/// Whether a user value needs quotes in messages: empty, or holding spaces, tabs, quotes, `#` or `\`.
@inline(__always)
func needsQuotes(_ s: String) -> Bool {
  func special(_ b: UInt8) -> Bool { b == 32 || b == 34 || b == 35 || b == 92 || b == 9 }
  if s.isEmpty { return true }
  // NB: over the contiguous bytes (every native string), not the generic UTF-8 view.
  if let found = s.utf8.withContiguousStorageIfAvailable({ $0.contains(where: special) }) {
    return found
  }
  return s.utf8.contains(where: special)
}

/// Quotes a user value for messages and rendering when it holds spaces or quotes.
/// NB: every `"` and `\` is escaped, byte by byte (see `Text.append(quoted:)`).
package func quoted(_ name: String) -> String {
  guard needsQuotes(name) else { return name }
  var t = Text(capacity: name.utf8.count + 4)
  t.append(quoted: name)
  return t.string
}

/// Room for one number's digits, written right to left; `body` gets the written bytes.
/// NB: shared by `Text`, `Money.format`, `Day.description`, the ids and the runtime's output,
/// so every number is written by the same few lines (dates and ids: BillingModel's Text+Model.swift).
/// Each byte is put by a plain store at a falling index: no closure is called per byte (a
/// closure per byte cost ~400 instructions a number, most of the cost of writing one).
package struct DigitScratch {
  var raw: (UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0)
  /// Where the written bytes start (they run to the end of `raw`).
  var start = 40
  package init() {}

  /// A whole number in decimal, at least `width` digits (zero-padded), after `prefix`.
  @inline(__always)
  package mutating func decimal<R>(
    _ n: Int, prefix: StaticString = "", width: Int = 1, _ body: (UnsafeBufferPointer<UInt8>) -> R
  ) -> R {
    putDigits(n, width)
    putPrefix(prefix)
    return written(body)
  }

  /// `$1,349.00`, or `-$3.10`.
  @inline(__always)
  package mutating func money<R>(_ cents: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    putMoney(cents)
    return written(body)
  }

  /// Puts `$1,349.00` or `-$3.10`, last byte first.
  package mutating func putMoney(_ cents: Int) {
    // NB: the magnitude keeps Int.min whole.
    var c = cents.magnitude
    put(48 + UInt8(c % 10)); c /= 10
    put(48 + UInt8(c % 10)); c /= 10
    put(46)  // '.'
    var digits = 0
    repeat {
      if digits > 0 && digits % 3 == 0 { put(44) }  // ','
      put(48 + UInt8(c % 10))
      c /= 10
      digits += 1
    } while c > 0
    put(36)  // '$'
    if cents < 0 { put(45) }
  }

  /// Puts `n`'s digits, last first, at least `width` of them, then its sign.
  @inline(__always)
  package mutating func putDigits(_ n: Int, _ width: Int) {
    var v = n.magnitude
    var written = 0
    repeat {
      put(48 + UInt8(v % 10))
      v /= 10
      written += 1
    } while v > 0 || written < width
    if n < 0 { put(45) }
  }

  /// Puts `prefix`, last byte first.
  @inline(__always)
  package mutating func putPrefix(_ prefix: StaticString) {
    let n = prefix.utf8CodeUnitCount
    guard n > 0 else { return }
    let p = prefix.utf8Start
    var i = n
    while i > 0 {
      i -= 1
      put(p[i])
    }
  }

  /// Puts one byte before those put so far.
  @inline(__always)
  package mutating func put(_ byte: UInt8) {
    precondition(start > 0, "a number longer than its scratch")
    start -= 1
    let i = start
    withUnsafeMutableBytes(of: &raw) { $0[i] = byte }
  }

  /// `body` on the bytes put so far.
  @inline(__always)
  package mutating func written<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    let s = start
    return withUnsafeBytes(of: &raw) { buffer in
      body(UnsafeRawBufferPointer(rebasing: buffer[s...]).assumingMemoryBound(to: UInt8.self))
    }
  }
}

/// The bytes of a `Text`, after a header of their count and the room there is.
/// NB: shared only while no one changes it (a change copies first), so a `Text` may cross threads.
final class TextStorage: ManagedBuffer<(count: Int, capacity: Int), UInt8> {
  /// Shared by empty texts made from `""`; never changed (appending to it makes a new buffer).
  nonisolated(unsafe) static let empty = make(0)

  static func make(_ capacity: Int) -> TextStorage {
    let made = TextStorage.create(minimumCapacity: capacity) { _ in (0, capacity) }
    return unsafeDowncast(made, to: TextStorage.self)
  }
}
