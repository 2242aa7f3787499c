/// Prices, plan sizes, the self-serve limit and the trial length.
package struct Catalog: Sendable, Equatable {
  /// Cents per seat per period, by tier then cycle.
  package var monthly: [Tier: Int]
  package var annual: [Tier: Int]
  /// R5: listed sizes, ascending; above the last, sizes continue by the last step.
  package var sizes: [Int]
  /// P1: largest self-serve plan.
  package var selfServeLimit: Int
  /// P4: trial length.
  package var trialDays: Int

  package static let standard = Catalog(
    monthly: [.starter: 1349, .advanced: 3049],
    annual: [.starter: 13490, .advanced: 30490],
    sizes: [2, 3, 4, 5, 10, 15, 20, 25, 30, 40, 50, 60, 70, 80, 90, 100, 125],
    selfServeLimit: 500, trialDays: 30)

  package init(
    monthly: [Tier: Int], annual: [Tier: Int], sizes: [Int], selfServeLimit: Int, trialDays: Int
  ) {
    self.monthly = monthly
    self.annual = annual
    self.sizes = sizes
    self.selfServeLimit = selfServeLimit
    self.trialDays = trialDays
  }

  /// List price per seat per period; nil for tiers sold only through sales (R9).
  package func unitCents(_ tier: Tier, _ cycle: Cycle) -> Int? {
    cycle == .monthly ? monthly[tier] : annual[tier]
  }

  var step: Int {
    sizes.count >= 2 ? sizes[sizes.count - 1] - sizes[sizes.count - 2] : 25
  }

  /// R5: whether `n` seats is a size that is sold.
  package func isSize(_ n: Int) -> Bool {
    guard let last = sizes.last else { return n >= 2 }
    if n <= last { return sizes.contains(n) }
    return (n - last) % step == 0
  }

  /// R5: the smallest size of at least `n` seats (and at least the smallest size).
  package func size(atLeast n: Int) -> Int {
    guard let last = sizes.last else { return max(n, 2) }
    if n <= last { return sizes.first { $0 >= n } ?? last }
    let k = (n - last + step - 1) / step
    return last + k * step
  }

  /// R5: the largest size below `n`, if any.
  package func size(below n: Int) -> Int? {
    guard let last = sizes.last else { return nil }
    if n > last {
      let k = (n - last - 1) / step
      return last + k * step
    }
    return sizes.last { $0 < n }
  }
}
