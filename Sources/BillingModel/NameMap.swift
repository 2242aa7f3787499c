/// A map keyed by names (handles, space and team names) with a cheap hash; names are only ever
/// added, never removed.
/// NB: an ASCII name hashes its bytes (FNV-1a, then mixed); any other name uses the standard
/// hash, because Swift compares strings by canonical equivalence (`é` written two ways is one
/// name) and only the standard hash agrees with that.
/// NB: laid out for a large world: names and values sit together in one array, and the probe
/// table holds only a tag of the hash and an entry number, so a lookup reads two places (the
/// table, then the entry), where a Dictionary reads three (its bitmap, keys and values).
public struct NameMap<Value>: Sendable where Value: Sendable {
  /// Names and values, in the order the names were first set.
  private var entries: [(name: String, value: Value)] = []
  /// Open addressing with linear probing, at most half full: 0 is an empty slot; otherwise the
  /// high 32 bits are the name's hash tag and the low 32 its entry number plus one.
  private var slots: [UInt64] = []

  public init() {}

  public subscript(_ name: String) -> Value? {
    get {
      guard let e = find(name, NameMap.hash(name)).entry else { return nil }
      return entries[e].value
    }
    set {
      guard let newValue else { preconditionFailure("a NameMap never removes a name") }
      let h = NameMap.hash(name)
      if let e = find(name, h).entry {
        entries[e].value = newValue
      } else {
        insert(name, newValue, h)
      }
    }
  }

  public subscript(_ name: String, default value: @autoclosure () -> Value) -> Value {
    get { self[name] ?? value() }
    _modify {
      let h = NameMap.hash(name)
      let e = find(name, h).entry ?? insert(name, value(), h)
      yield &entries[e].value
    }
  }

  /// The names, in the order they were first set.
  public var keys: [String] { entries.map(\.name) }
  /// Names and values, in the order the names were first set.
  public var pairs: [(name: String, value: Value)] { entries }
  public var count: Int { entries.count }
  public var isEmpty: Bool { entries.isEmpty }

  /// The slot where `name` is or would go, and its entry if it is there.
  private func find(_ name: String, _ h: UInt64) -> (slot: Int, entry: Int?) {
    guard !slots.isEmpty else { return (0, nil) }
    let mask = slots.count - 1
    let tag = h >> 32
    var i = Int(truncatingIfNeeded: h) & mask
    while true {
      let s = slots[i]
      if s == 0 { return (i, nil) }
      if s >> 32 == tag {
        let e = Int(truncatingIfNeeded: s & 0xFFFF_FFFF) - 1
        if entries[e].name == name { return (i, e) }
      }
      i = (i + 1) & mask
    }
  }

  @discardableResult
  private mutating func insert(_ name: String, _ value: Value, _ h: UInt64) -> Int {
    if (entries.count + 1) * 2 > slots.count { grow() }
    let e = entries.count
    entries.append((name, value))
    place(e, h)
    return e
  }

  private mutating func place(_ e: Int, _ h: UInt64) {
    let mask = slots.count - 1
    var i = Int(truncatingIfNeeded: h) & mask
    while slots[i] != 0 { i = (i + 1) & mask }
    slots[i] = (h >> 32) << 32 | UInt64(e + 1)
  }

  /// Twice the slots (at least 16), every entry placed again.
  private mutating func grow() {
    slots = [UInt64](repeating: 0, count: max(16, slots.count * 2))
    for e in entries.indices { place(e, NameMap.hash(entries[e].name)) }
  }

  static func hash(_ name: String) -> UInt64 {
    var copy = name
    let fnv: UInt64? = copy.withUTF8 { bytes -> UInt64? in
      var h: UInt64 = 0xCBF2_9CE4_8422_2325
      for b in bytes {
        if b >= 0x80 { return nil }
        h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3
      }
      return h
    }
    var h = fnv ?? UInt64(bitPattern: Int64(name.hashValue))
    // NB: mixed so the low bits (the slot) and the high bits (the tag) both depend on every byte.
    h ^= h >> 33
    h &*= 0xFF51_AFD7_ED55_8CCD
    h ^= h >> 33
    return h
  }
}
