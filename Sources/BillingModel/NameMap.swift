/// A dictionary keyed by names (handles, space and team names) with a cheap hash.
/// NB: an ASCII name hashes its bytes (FNV-1a, then mixed); any other name uses the standard
/// hash, because Swift compares strings by canonical equivalence (`é` written two ways is one
/// name) and only the standard hash agrees with that. Lookups, not order, are what it is for.
public struct NameMap<Value>: Sendable where Value: Sendable {
  struct Key: Hashable, Sendable {
    let name: String
    static func == (a: Key, b: Key) -> Bool { a.name == b.name }
    func hash(into hasher: inout Hasher) { hasher.combine(name) }
    func _rawHashValue(seed: Int) -> Int {
      var copy = name
      let h: UInt64? = copy.withUTF8 { bytes -> UInt64? in
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in bytes {
          if b >= 0x80 { return nil }
          h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3
        }
        return h
      }
      guard let h else { return mixHash(name.hashValue, seed) }
      return mixHash(Int(truncatingIfNeeded: h), seed)
    }
  }

  var storage: [Key: Value] = [:]

  public init() {}

  public subscript(_ name: String) -> Value? {
    get { storage[Key(name: name)] }
    set { storage[Key(name: name)] = newValue }
  }

  public subscript(_ name: String, default value: @autoclosure () -> Value) -> Value {
    get { storage[Key(name: name), default: value()] }
    _modify { yield &storage[Key(name: name), default: value()] }
  }

  /// The names, in no particular order.
  public var keys: [String] { storage.keys.map(\.name) }
  /// Names and values, in no particular order.
  public var pairs: [(name: String, value: Value)] { storage.map { ($0.key.name, $0.value) } }
  public var count: Int { storage.count }
  public var isEmpty: Bool { storage.isEmpty }
}
