/// A date for the clock, checked: `clock <date>` sets it with `World.apply`.
package struct ClockChange: Sendable, Equatable {
  package let from: Day
  package let to: Day
}

/// A plan's current period as numbered from its anchor: start ≤ day < end.
package struct AnchoredPeriod: Sendable, Equatable {
  package let index: Int
  package let start: Day
  package let end: Day
}

/// The simulated clock: renewals, scheduled changes, cancellations and trial ends (SPEC §2).
extension World {
  /// `clock <date>`: any date in range, forward or back, while no plan has ever existed (trials
  /// and ended plans count); after that, time only moves forward, with `advance`.
  /// NB: the range (SPEC §1) is syntax, checked by the parser before this.
  package func checkSetClock(_ day: Day) throws(Failure) -> ClockChange {
    if let first = plans.first {
      throw Failure(.clockFixed(today: today, firstPlan: first.id, asked: day))
    }
    return ClockChange(from: today, to: day)
  }

  package func apply(_ change: ClockChange) { today = change.to }

  /// `advance to <date>`: a date before today is refused (the clock only moves forward).
  package func checkAdvance(to target: Day) throws(Failure) {
    if target < today { throw Failure(.dateBeforeToday(target, today: today)) }
  }

  /// The period of a plan anchored on `anchor` that holds `day` (half-open: on a renewal day
  /// the new period is current); periods are anchored, so month ends clamp without drifting.
  /// NB: worked out from the months between the dates, not by stepping through the periods.
  package func period(anchor: Day, cycle: Cycle, holding day: Day) -> AnchoredPeriod {
    var index = max(0, anchor.months(to: day) / cycle.months)
    while index > 0 && anchor.adding(months: index * cycle.months) > day { index -= 1 }
    while anchor.adding(months: (index + 1) * cycle.months) <= day { index += 1 }
    let (start, end) = periodBounds(anchor: anchor, index: index, cycle: cycle)
    return AnchoredPeriod(index: index, start: start, end: end)
  }

  /// Moves the date forward, handling every event dated on or before the new date, in date
  /// order and by plan id within a day. `shouldStop` is asked between days; when it says yes
  /// the clock stays on the last finished day.
  package func advance(to target: Day, shouldStop: () -> Bool = { false }) -> (
    events: [Event], stopped: Bool
  ) {
    var events: [Event] = []
    while let next = agenda.next, next.day <= target {
      if shouldStop() { return (events, true) }
      let day = next.day
      var due: [PlanID] = []
      while let e = agenda.next, e.day == day {
        _ = agenda.pop()
        let p = plans[e.plan.index]
        if p.isLive && p.periodEnd == day { due.append(e.plan) }
      }
      today = max(today, day)
      // NB: sorted, then each plan once (the agenda may hold one twice): not a search of the
      // list for each plan, which grew as the square of the plans renewing that day.
      due.sort()
      var last: PlanID?
      for id in due where id != last {
        last = id
        // NB: only a Bool taken out of the forecast's state: a copy of it held across `renew`
        // would make each invoice it appends copy the list.
        if let followed = forecastPlay?.follows.contains(id) {
          forecastPlay?.muted = !followed
          let event = renew(id, on: day)
          if followed { events.append(event) }
        } else {
          events.append(renew(id, on: day))
        }
      }
    }
    today = max(today, target)
    forecastPlay?.muted = false
    return (events, false)
  }

  private func renew(_ id: PlanID, on day: Day) -> Event {
    let p = plans[id.index]
    if p.isTrial {
      let fact = Fact.trialExpired(shape(id))
      endPlan(id, .trialEnded)
      happened(.trialEnded, p.scope, plan: id, fact)
      tell(p.owner, fact)
      return Event(
        date: day, kind: .trialEnd, plan: id, scope: p.scope, invoice: nil, facts: [fact])
    }
    var kind = Event.Kind.renewal
    var facts: [Fact] = []
    if let change = p.scheduled {
      kind = .change
      if let t = change.tier {
        plans[id.index].tier = t
        plans[id.index].unitCents = nil
      }
      if let s = change.seats { plans[id.index].seats = s }
      if let c = change.cycle {
        if let u = plans[id.index].unitCents {
          plans[id.index].unitCents = c == .annual ? u * 10 : Money.prorate(u, 1, 10)
        }
        plans[id.index].cycle = c
        plans[id.index].anchor = day  // renewals count from the day a cycle change took effect
        plans[id.index].periodIndex = -1
      }
      plans[id.index].scheduled = nil
      facts.append(.changedAtRenewal(id, change))
    }
    if p.status == .canceling {
      let ended = Fact.endedCanceled(shape(id))
      endPlan(id, .canceled)
      if let change = p.scheduled {
        happened(.changed, p.scope, plan: id, .changedAtRenewal(id, change))
      }
      happened(.ended, p.scope, plan: id, ended)
      tell(p.owner, ended)
      return Event(
        date: day, kind: .cancellation, plan: id, scope: p.scope, invoice: nil, facts: [ended])
    }
    let need = billable(p.scope)
    var raised: (from: Int, to: Int)?
    if plans[id.index].seats < need {
      let size = catalog.size(atLeast: need)
      if size <= max(catalog.selfServeLimit, plans[id.index].seats)
        || p.payment == .invoice && size <= catalog.selfServeLimit
      {
        raised = (plans[id.index].seats, size)
        plans[id.index].seats = size
        kind = .resize
      }
    }
    plans[id.index].periodIndex += 1
    let (start, end) = periodBounds(
      anchor: plans[id.index].anchor, index: plans[id.index].periodIndex,
      cycle: plans[id.index].cycle)
    plans[id.index].periodStart = start
    plans[id.index].periodEnd = end
    agenda.push(end, id)
    let q = plans[id.index]
    if let change = p.scheduled {
      happened(.changed, p.scope, plan: id, .changedAtRenewal(id, change))
    }
    let renewed: Fact
    if let raised {
      renewed = .renewedResized(
        id, start: start, end: end, from: raised.from, to: raised.to, billable: need)
      happened(.resized, p.scope, plan: id, renewed)
    } else {
      renewed = .renewed(id, invoice: nextInvoiceID, start: start, end: end)
      happened(.renewed, p.scope, plan: id, invoice: nextInvoiceID, renewed)
    }
    facts.append(renewed)
    let inv = issueInvoice(
      id, periodCharge(of: q),
      .renewal(tier: q.tier, cycle: q.cycle, seats: q.seats, start: start, end: end), on: day)
    return Event(date: day, kind: kind, plan: id, scope: p.scope, invoice: inv, facts: facts)
  }
}
