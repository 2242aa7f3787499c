import BillingSupport

/// Money is integer cents; these helpers do the one rounding the rules allow.
/// NB: the bounds below keep every amount billsh computes far inside `Int`: a period price is at
/// most `maxSeats × maxUnitCents(.annual)` = 10^15 cents, so one invoice, credit or pro rata
/// amount fits; sums over many plans are taken with `add`, which refuses past `maxTotal`.
package enum Money {
  /// The most seats a plan may have (commands, catalogs, loaded files).
  package static let maxSeats = 1_000_000
  /// The most cents per seat per period: $1,000,000.00 a month, $10,000,000.00 a year.
  package static func maxUnitCents(_ cycle: Cycle) -> Int {
    cycle == .monthly ? 100_000_000 : 1_000_000_000
  }
  /// The largest amount of one invoice: a period of the largest plan at the highest price.
  package static let maxAmount = 1_000_000_000_000_000
  /// The largest sum billsh adds up (credits of many plans, totals): 10^18 cents.
  package static let maxTotal = 1_000_000_000_000_000_000

  /// `round_half_up(value × numerator / denominator)` in integer arithmetic.
  /// NB: half up means towards +∞ at exactly .5, also for negative values. The product is taken
  /// in 128 bits, so it cannot overflow; the result is clamped to `Int` (with the bounds above it
  /// is always far inside).
  package static func prorate(_ value: Int, _ numerator: Int, _ denominator: Int) -> Int {
    precondition(denominator > 0)
    let p = Int128(value) * Int128(numerator)
    let d = Int128(denominator)
    return Int(clamping: floorDiv(2 * p + d, 2 * d))
  }

  static func floorDiv(_ a: Int128, _ b: Int128) -> Int128 {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
  }

  /// `a + b` when the sum stays within ±`maxTotal`; nil past it (the caller refuses).
  package static func add(_ a: Int, _ b: Int) -> Int? {
    let (s, o) = a.addingReportingOverflow(b)
    return o || s > maxTotal || s < -maxTotal ? nil : s
  }

  /// `$1,349.00`, or `-$3.10`.
  package static func format(_ cents: Int) -> String {
    // NB: built at its own length, so short amounts are small strings (no allocation).
    var scratch = DigitScratch()
    return scratch.money(cents) { String(decoding: $0, as: UTF8.self) }
  }
}
