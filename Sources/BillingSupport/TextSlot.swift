/// Slots of a direct-mapped table of texts, by a hash of their bytes (playback's recent lines and
/// the commands met after `as` and `can`).
package enum TextSlot {
  /// The slot of `bytes` among `1 << bits`: a multiplicative hash, eight bytes at a time.
  @inlinable package static func of(_ bytes: UnsafeBufferPointer<UInt8>, bits: Int) -> Int {
    let n = bytes.count
    let k: UInt64 = 0x9E37_79B9_7F4A_7C15
    var h = UInt64(n)
    if let base = bytes.baseAddress {
      let raw = UnsafeRawPointer(base)
      var i = 0
      while i + 8 <= n {
        h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* k
        h ^= h &>> 29
        i += 8
      }
      if i < n {
        var w: UInt64 = 0
        for j in i..<n { w |= UInt64(base[j]) &<< UInt64(8 * (j - i)) }
        h = (h ^ w) &* k
        h ^= h &>> 29
      }
    }
    return Int(truncatingIfNeeded: (h &* k) &>> UInt64(64 - bits))
  }

  /// Whether `text` is made of exactly `bytes`.
  @inlinable package static func same(_ text: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard text.utf8.count == bytes.count else { return false }
    var copy = text
    // NB: a kept text is native, so this is its own bytes, in place.
    return copy.withUTF8 { kept in
      guard let a = kept.baseAddress, let b = bytes.baseAddress else { return true }
      let n = kept.count
      var i = 0
      while i + 8 <= n {
        if UnsafeRawPointer(a).loadUnaligned(fromByteOffset: i, as: UInt64.self)
          != UnsafeRawPointer(b).loadUnaligned(fromByteOffset: i, as: UInt64.self)
        {
          return false
        }
        i += 8
      }
      while i < n {
        if a[i] != b[i] { return false }
        i += 1
      }
      return true
    }
  }
}
