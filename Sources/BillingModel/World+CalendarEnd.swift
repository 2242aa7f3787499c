import BillingSupport

/// The calendar's end (SPEC §8, second round): every date billsh holds, saves or prints lies in
/// 2000-01-01…9999-12-31, period ends and renewals included. A command that would need a later
/// date is `invalid` and changes nothing, so whatever `.save` writes, `.load` reads back.
extension World {
  /// A plan's current period: refused when it would end after the calendar's end. `what` names
  /// the plan ("a monthly plan bought 9999-12-01").
  package func checkPeriodFits(start: Day, end: Day, _ what: String) throws(Failure) {
    guard end > Day.latest else { return }
    throw Failure(
      .invalid, nil,
      "\(what) would be in a period from \(start) that runs past \(Day.latest), the calendar's end; a period must end by then"
    )
  }

  /// A new plan's first period from today: refused when it would end after the calendar's end,
  /// naming the last day such a plan can start.
  package func checkNewPeriodFits(cycle: Cycle) throws(Failure) {
    let (start, end) = periodBounds(anchor: today, index: 0, cycle: cycle)
    guard end > Day.latest else { return }
    let last = Day.latest.adding(months: -cycle.months)
    throw Failure(
      .invalid, nil,
      "a \(cycle.rawValue) plan starting \(start) would run past \(Day.latest), the calendar's end; the last day one can start is \(last)"
    )
  }

  /// A trial started today: refused when it would end after the calendar's end.
  package func checkTrialFits() throws(Failure) {
    let end = today.adding(days: catalog.trialDays)
    guard end > Day.latest else { return }
    throw Failure(
      .invalid, nil,
      "a \(catalog.trialDays)-day trial starting \(today) would run past \(Day.latest), the calendar's end; the last day one can start is \(Day.latest.adding(days: -catalog.trialDays))"
    )
  }

  /// The day a live plan would renew into a period ending after the calendar's end, if it
  /// renews at all before then (trials and canceling plans end instead of renewing).
  /// NB: worked out from the anchor, not by stepping through the periods.
  package func renewalPastCalendarEnd(_ p: Plan) -> Day? {
    guard p.isLive, !p.isTrial, p.status != .canceling else { return nil }
    // A scheduled cycle change re-anchors on the renewal day (see `renew`).
    let changes = p.scheduled?.cycle != nil
    let cycle = p.scheduled?.cycle ?? p.cycle
    let anchor = changes ? p.periodEnd : p.anchor
    let next = changes ? 0 : p.periodIndex + 1
    let m = cycle.months
    // The last period start inside the calendar: its period would end after it.
    var k = max(0, anchor.months(to: Day.latest) / m)
    while k > 0 && anchor.adding(months: k * m) > Day.latest { k -= 1 }
    while anchor.adding(months: (k + 1) * m) <= Day.latest { k += 1 }
    return anchor.adding(months: max(k, next) * m)
  }

  /// `advance`, `forecast` and `compare` up to `target`: refused when a renewal on the way would
  /// need a period ending after the calendar's end, naming the plan and the last reachable day.
  /// NB: every such renewal falls in the calendar's last 13 months, so any earlier target
  /// costs one comparison; only a target near the end looks at the plans.
  package func checkCalendarEnd(upTo target: Day, _ command: String) throws(Failure) {
    guard target >= Day.latest.adding(days: -400) else { return }
    var first: (day: Day, plan: PlanID)?
    for p in plans {
      guard let day = renewalPastCalendarEnd(p), day <= target else { continue }
      if let f = first, f.day <= day { continue }
      first = (day, p.id)
    }
    guard let first else { return }
    throw Failure(
      .invalid, nil,
      "\(command) would renew \(first.plan) on \(first.day) into a period ending after \(Day.latest), the calendar's end; the clock can go at most to \(first.day.adding(days: -1))"
    )
  }
}
