/// What the clock would bring to one scope (SPEC §8 `forecast`, `compare`).
package struct Forecast {
  package var from: Day
  package var to: Day
  /// The scope's events in the window, in the order `advance` makes them.
  package var events: [Event]
  /// The scope's invoices in the window (and, for `compare`, those its command issued today).
  package var invoices: [InvoiceID]
  package var totalCents: Int
  /// The world played forward, where the invoices are.
  package let world: World
  /// Whether a stop request ended the play early (the window then ends on `world.today`).
  package var stopped: Bool
}

extension World {
  /// The plans a forecast of a scope follows: the scope's own (for a team covered by its
  /// organization, the organization's), and for an organization its teams' plans too.
  package func forecastPlans(_ scope: Scope) -> Set<PlanID> {
    var plans: Set<PlanID> = []
    if let p = coveringPlan(scope) { plans.insert(p) }
    if case .space(let s) = scope, spaces[s.index].kind == .org {
      plans.formUnion(spaces[s.index].teamPlans)
    }
    return plans
  }

  /// The most renewals a forecast (or each half of a comparison) may show, and may play in
  /// all: every live plan of the world renews on its copy, those it does not follow keeping
  /// nothing (see `ForecastPlay`), so what it shows costs memory and the rest only time.
  package static let forecastShownLimit = 1_000_000
  package static let forecastPlayedLimit = 20_000_000

  /// A forecast of `scope` up to `target`: refused (`invalid`) when the plans it follows would
  /// renew more than `forecastShownLimit` times on the way, or all live plans more than
  /// `forecastPlayedLimit` times, so no span of a large world exhausts memory or runs for
  /// hours. `what` is the command as the message names it ("forecast 7973y").
  /// NB: counted from each plan's period end and its cycle's shortest length, without playing.
  package func checkForecastSize(_ scope: Scope, upTo target: Day, _ what: String)
    throws(Failure)
  {
    let followed = forecastPlans(scope)
    var (shown, played, renewing) = (0, 0, 0)
    for p in plans where p.isLive && p.periodEnd <= target {
      var n = 1
      if !p.isTrial && p.status != .canceling {
        n += (target.number - p.periodEnd.number) / (28 * p.cycle.months)
      }
      renewing += 1
      played += n
      if followed.contains(p.id) { shown += n }
    }
    if shown > World.forecastShownLimit {
      throw Failure(
        .forecastShowsTooMuch(what, renewals: shown, to: target, limit: World.forecastShownLimit))
    }
    if played > World.forecastPlayedLimit {
      throw Failure(
        .forecastPlaysTooMuch(
          what, renewals: played, plans: renewing, to: target, limit: World.forecastPlayedLimit))
    }
  }

  /// Plays this world forward to `target` as `advance` does and keeps what concerns `scope`.
  /// Call it on a copy: it changes the world. Invoices from index `first` on count, so a
  /// comparison includes what its command charged today.
  package func forecast(
    _ scope: Scope, to target: Day, invoicesFrom first: Int, shouldStop: () -> Bool = { false }
  ) -> Forecast {
    let from = today
    let followed = forecastPlans(scope)
    forecastPlay = ForecastPlay(follows: followed)
    let (all, stopped) = advance(to: target, shouldStop: shouldStop)
    let events = all
    var ids: [InvoiceID] = []
    var total = 0
    if first < invoices.count {
      for i in invoices[first...] where followed.contains(i.plan) {
        ids.append(i.id)
        total += i.amountCents
      }
    }
    // The invoices the play issued, past those of `invoices`: only the followed plans'.
    for i in forecastPlay?.invoices ?? [] {
      ids.append(i.id)
      total += i.amountCents
    }
    return Forecast(
      from: from, to: today, events: events, invoices: ids, totalCents: total, world: self,
      stopped: stopped)
  }
}
