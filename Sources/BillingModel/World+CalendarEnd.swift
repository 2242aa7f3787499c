import BillingSupport

/// The calendar's end (SPEC §8, second round): every date billsh holds, saves or prints lies in
/// 2000-01-01…9999-12-31, period ends and renewals included. A command that would need a later
/// date is `invalid` and changes nothing, so whatever `.save` writes, `.load` reads back.
extension World {
  /// The current period of a plan of `cycle` bought `since`: refused when it would end after
  /// the calendar's end.
  package func checkPeriodFits(_ cycle: Cycle, since: Day, start: Day, end: Day) throws(Failure) {
    guard end > Day.latest else { return }
    throw Failure(.periodPastCalendarEnd(cycle, since: since, start: start))
  }

  /// A new plan's first period from today: refused when it would end after the calendar's end,
  /// naming the last day such a plan can start.
  package func checkNewPeriodFits(cycle: Cycle) throws(Failure) {
    let (start, end) = periodBounds(anchor: today, index: 0, cycle: cycle)
    guard end > Day.latest else { return }
    let last = Day.latest.adding(months: -cycle.months)
    throw Failure(.newPlanPastCalendarEnd(cycle, start: start, last: last))
  }

  /// A trial started today: refused when it would end after the calendar's end.
  package func checkTrialFits() throws(Failure) {
    let end = today.adding(days: catalog.trialDays)
    guard end > Day.latest else { return }
    throw Failure(
      .trialPastCalendarEnd(
        days: catalog.trialDays, start: today, last: Day.latest.adding(days: -catalog.trialDays)))
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
  /// need a period ending after the calendar's end, naming the plan and the last reachable day;
  /// `command` is the command as typed (`advance to 9999-12-31`).
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
      .renewalPastCalendarEnd(
        command: command, plan: first.plan, day: first.day, last: first.day.adding(days: -1)))
  }
}
