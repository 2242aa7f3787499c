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

  /// Plays this world forward to `target` as `advance` does and keeps what concerns `scope`.
  /// Call it on a copy: it changes the world. Invoices from index `first` on count, so a
  /// comparison includes what its command charged today.
  package func forecast(
    _ scope: Scope, to target: Day, invoicesFrom first: Int, shouldStop: () -> Bool = { false }
  ) -> Forecast {
    let from = today
    let followed = forecastPlans(scope)
    let (all, stopped) = advance(to: target, shouldStop: shouldStop)
    let events = all.filter { followed.contains($0.plan) }
    var ids: [InvoiceID] = []
    var total = 0
    if first < invoices.count {
      for i in invoices[first...] where followed.contains(i.plan) {
        ids.append(i.id)
        total += i.amountCents
      }
    }
    return Forecast(
      from: from, to: today, events: events, invoices: ids, totalCents: total, world: self,
      stopped: stopped)
  }
}
