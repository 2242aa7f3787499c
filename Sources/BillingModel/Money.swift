/// Money is integer cents; these helpers do the one rounding the rules allow.
public enum Money {
  /// `round_half_up(value × numerator / denominator)` in integer arithmetic.
  /// NB: half up means towards +∞ at exactly .5, also for negative values.
  public static func prorate(_ value: Int, _ numerator: Int, _ denominator: Int) -> Int {
    precondition(denominator > 0)
    let (p, o) = value.multipliedReportingOverflow(by: numerator)
    if o { return Int((Double(value) * Double(numerator) / Double(denominator)).rounded()) }
    return floorDiv(2 * p + denominator, 2 * denominator)
  }

  static func floorDiv(_ a: Int, _ b: Int) -> Int {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
  }

  /// `$1,349.00`, or `-$3.10`.
  public static func format(_ cents: Int) -> String {
    // NB: written right to left into bytes; the magnitude keeps Int.min whole.
    var c = cents.magnitude
    var tmp: (UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0)
    return withUnsafeMutableBytes(of: &tmp) { raw in
      var i = raw.count
      func put(_ byte: UInt8) { i -= 1; raw[i] = byte }
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
      // NB: built at its own length, so short amounts are small strings (no allocation).
      return String(decoding: UnsafeRawBufferPointer(rebasing: raw[i...]), as: UTF8.self)
    }
  }
}
