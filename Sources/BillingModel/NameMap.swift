/// A map keyed by names (handles, space and team names) with a cheap hash; names are only ever
/// added, never removed.
/// NB: an ASCII name hashes its bytes (FNV-1a, then mixed); any other name uses the standard
/// hash, because Swift compares strings by canonical equivalence (`é` written two ways is one
/// name) and only the standard hash agrees with that.
/// NB: laid out for a large world: names and values sit together in one array, and the probe
/// table holds only a tag of the hash and an entry number, so a lookup reads two places (the
/// table, then the entry), where a Dictionary reads three (its bitmap, keys and values).
package struct NameMap<Value>: Sendable where Value: Sendable {
  /// Names and values, in the order the names were first set.
  private var entries: ChunkedArray<(name: String, value: Value)> = []
  private var slots = NameSlots()

  package init() {}

  package subscript(_ name: String) -> Value? {
    get {
      guard let e = slots.find(name, NameSlots.hash(name), { entries[$0].name }) else { return nil }
      return entries[e].value
    }
    set {
      guard let newValue else { preconditionFailure("a NameMap never removes a name") }
      let h = NameSlots.hash(name)
      if let e = slots.find(name, h, { entries[$0].name }) {
        entries[e].value = newValue
      } else {
        insert(name, newValue, h)
      }
    }
  }

  package subscript(_ name: String, default value: @autoclosure () -> Value) -> Value {
    get { self[name] ?? value() }
    _modify {
      let h = NameSlots.hash(name)
      let e = slots.find(name, h, { entries[$0].name }) ?? insert(name, value(), h)
      yield &entries[e].value
    }
  }

  /// The names, in the order they were first set.
  package var keys: [String] { entries.map(\.name) }
  /// Names and values, in the order the names were first set.
  package var pairs: [(name: String, value: Value)] { entries.array }
  package var count: Int { entries.count }
  package var isEmpty: Bool { entries.isEmpty }

  @discardableResult
  private mutating func insert(_ name: String, _ value: Value, _ h: UInt64) -> Int {
    entries.append((name, value))
    slots.add(entries.count - 1, h, count: entries.count) { entries[$0].name }
    return entries.count - 1
  }
}

/// The probe table behind a name index: entries live elsewhere (a `NameMap`'s pairs, the
/// world's users), numbered from 0; `name(e)` says what name entry `e` has.
/// NB: open addressing with linear probing, at most half full; a slot is 0 (empty) or the
/// name's hash tag (high 32 bits) and its entry number plus one (low 32).
struct NameSlots: Sendable {
  private var slots: ChunkedArray<UInt64> = []

  /// The entry named `name` (whose hash is `h`), if there is one.
  @inline(__always)
  func find(_ name: String, _ h: UInt64, _ nameOf: (Int) -> String) -> Int? {
    guard !slots.isEmpty else { return nil }
    let mask = slots.count - 1
    let tag = h >> 32
    var i = Int(truncatingIfNeeded: h) & mask
    while true {
      let s = slots[i]
      if s == 0 { return nil }
      if s >> 32 == tag {
        let e = Int(truncatingIfNeeded: s & 0xFFFF_FFFF) - 1
        if nameOf(e) == name { return e }
      }
      i = (i + 1) & mask
    }
  }

  /// Indexes entry `e` (hash `h`); `count` is how many entries there are now.
  mutating func add(_ e: Int, _ h: UInt64, count: Int, _ nameOf: (Int) -> String) {
    if count * 2 > slots.count {
      // Twice the slots (at least 16), every entry placed again.
      slots = ChunkedArray(repeating: 0, count: max(16, slots.count * 2))
      for old in 0..<count where old != e { place(old, NameSlots.hash(nameOf(old))) }
    }
    place(e, h)
  }

  private mutating func place(_ e: Int, _ h: UInt64) {
    let mask = slots.count - 1
    var i = Int(truncatingIfNeeded: h) & mask
    while slots[i] != 0 { i = (i + 1) & mask }
    slots[i] = (h >> 32) << 32 | UInt64(e + 1)
  }

  /// NB: an ASCII name is hashed from its bytes in place (no copy of the string, eight bytes at
  /// a time); any other by `hashValue`, which treats canonically equal spellings as equal.
  static func hash(_ name: String) -> UInt64 {
    let inPlace: UInt64?? = name.utf8.withContiguousStorageIfAvailable(asciiHash)
    let ascii: UInt64?
    if let inPlace {
      ascii = inPlace
    } else {
      var copy = name
      ascii = copy.withUTF8(asciiHash)
    }
    var h = ascii ?? UInt64(bitPattern: Int64(name.hashValue))
    // NB: mixed so the low bits (the slot) and the high bits (the tag) both depend on every byte.
    h ^= h >> 33
    h &*= 0xFF51_AFD7_ED55_8CCD
    h ^= h >> 33
    return h
  }

  /// A hash of ASCII bytes; nil when a byte is not ASCII.
  private static func asciiHash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
    var h: UInt64 = 0xCBF2_9CE4_8422_2325
    let n = bytes.count
    var i = 0
    if let base = bytes.baseAddress {
      let raw = UnsafeRawPointer(base)
      while i + 8 <= n {
        let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        if w & 0x8080_8080_8080_8080 != 0 { return nil }
        h = (h ^ w) &* 0x9E37_79B9_7F4A_7C15
        h ^= h >> 29
        i += 8
      }
    }
    while i < n {
      let b = bytes[i]
      if b >= 0x80 { return nil }
      h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3
      i += 1
    }
    return h
  }
}
