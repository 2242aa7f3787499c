/// Eight bytes at a time: tests on a word of eight bytes read from a buffer, shared by the
/// scans that look for a byte that needs rewriting (`Text.visible`, `JSON.escape`).
/// NB: each test is exact about whether such a byte is in the word (a borrow can mark the byte
/// after a match too, never a word without one); where it is, the caller looks byte by byte.
enum ByteWord {
  static let ones: UInt64 = 0x0101_0101_0101_0101
  static let highs: UInt64 = 0x8080_8080_8080_8080

  /// The eight bytes at `base + i`, in memory order.
  @inline(__always) static func load(_ base: UnsafePointer<UInt8>, _ i: Int) -> UInt64 {
    UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
  }

  /// Whether some byte of `x` is zero.
  @inline(__always) static func hasZero(_ x: UInt64) -> Bool { (x &- ones) & ~x & highs != 0 }

  /// Whether some byte of `x` is `byte`.
  @inline(__always) static func has(_ x: UInt64, _ byte: UInt8) -> Bool {
    hasZero(x ^ (ones &* UInt64(byte)))
  }

  /// Whether some byte of `x` is below `n` (n at most 0x80).
  @inline(__always) static func hasBelow(_ x: UInt64, _ n: UInt8) -> Bool {
    (x &- ones &* UInt64(n)) & ~x & highs != 0
  }

  /// Whether some byte of `x` is 0x7F or above, exactly (DEL, and every byte of a non-ASCII
  /// letter: a lead byte such as 0xC2 among them).
  @inline(__always) static func hasAtLeast7F(_ x: UInt64) -> Bool {
    (((x & ~highs) &+ ones) | x) & highs != 0
  }
}
