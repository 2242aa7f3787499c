/// A small, fast generator of random numbers with a fixed sequence per seed (SplitMix64), so a
/// seed names the same scenarios on every machine and in every release.
package struct SeededRandom: Sendable {
  private var state: UInt64

  package init(seed: UInt64) { state = seed }

  package mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A whole number in 0..<n (n > 0).
  package mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }

  /// True with probability `percent` in 100.
  package mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

  package mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}
