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
    let negative = cents < 0
    let c = negative ? -cents : cents
    let whole = String(c / 100)
    var grouped = ""
    for (i, ch) in whole.enumerated() {
      if i > 0 && (whole.count - i) % 3 == 0 { grouped.append(",") }
      grouped.append(ch)
    }
    return (negative ? "-$" : "$") + grouped + "." + pad(c % 100, 2)
  }
}
