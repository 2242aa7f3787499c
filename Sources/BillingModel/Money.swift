import BillingSupport

/// Money is integer cents; these helpers do the one rounding the rules allow.
package enum Money {
  /// `round_half_up(value × numerator / denominator)` in integer arithmetic.
  /// NB: half up means towards +∞ at exactly .5, also for negative values.
  package static func prorate(_ value: Int, _ numerator: Int, _ denominator: Int) -> Int {
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
  package static func format(_ cents: Int) -> String {
    // NB: built at its own length, so short amounts are small strings (no allocation).
    var scratch = DigitScratch()
    return scratch.money(cents) { String(decoding: $0, as: UTF8.self) }
  }
}
