/// What `sales` asks for (SPEC §8 "remedies are commands").
package struct SalesChangeRequest: Sendable, Equatable {
  package var scope: ScopeRef
  package var tier: Tier?
  package var seats: Int?
  package var cycle: Cycle?
  package var payment: Payment?
  package var unitCents: Int?
  package init(
    scope: ScopeRef, tier: Tier? = nil, seats: Int? = nil, cycle: Cycle? = nil,
    payment: Payment? = nil, unitCents: Int? = nil
  ) {
    self.scope = scope
    self.tier = tier
    self.seats = seats
    self.cycle = cycle
    self.payment = payment
    self.unitCents = unitCents
  }
}

/// A `sales` change checked against the world: what changes now and what at renewal.
package struct SalesChange: Sendable {
  package var plan: PlanID
  package var tier: Tier
  package var seats: Int
  /// The unit price from now on (nil: the catalog's).
  package var unitCents: Int?
  package var scheduled: PlanChange?
  package var payment: Payment?
}

/// What sales and support do where a refusal sends the customer to them (SPEC §8): setup
/// commands, with no acting user.
extension World {
  /// `sales`: changes the scope's plan as sales may: any tier (R9's enterprise tiers with a
  /// price), sizes past P1's self-serve limit, invoice payment (R22: annual, 20 seats or more),
  /// and plans `edit` refuses for R9 or R19. Increases now, pro rata (P3); decreases and cycle
  /// changes at renewal; the payment method now. Changes nothing.
  package func checkSales(_ r: SalesChangeRequest) throws(Failure) -> SalesChange {
    let scope = try resolve(r.scope)
    let id = try requirePlan(scope, .changePlan)
    let p = plans[id.index]
    if p.isTrial {
      throw Failure(.salesOnTrial(byName(id)))
    }
    if p.status == .canceling {
      throw Failure(.cancelingNotEditable(byName(id), ends: p.periodEnd))
    }
    if r.tier == nil && r.seats == nil && r.cycle == nil && r.payment == nil
      && r.unitCents == nil
    {
      throw Failure(.salesNothingToChange)
    }
    if let t = r.tier { try checkTier(t, salesAllowed: true) }
    let seats = try r.seats.map { (n: Int) throws(Failure) -> Int in
      try checkSeats(n, for: p.scope, selfServe: false)
    }
    let cycleNow = p.cycle
    if let unit = r.unitCents, unit < 0 { throw Failure(.negativeUnitCents) }
    if let unit = r.unitCents, unit > Money.maxUnitCents(cycleNow) {
      throw Failure(.unitCentsTooHigh(unit, cycle: cycleNow))
    }
    let tier = r.tier ?? p.tier
    // P3: increases now, decreases and cycle changes at renewal.
    var later = p.scheduled ?? PlanChange()
    var nowTier = p.tier, nowSeats = p.seats
    var unit = p.unitCents
    if tier > p.tier || (tier == p.tier && r.unitCents != nil) {
      nowTier = tier
      later.tier = nil
      // NB: a new tier is at its list price unless sales names one (an enterprise tier must).
      unit = r.unitCents ?? (tier == p.tier ? p.unitCents : nil)
    } else if tier < p.tier {
      if tier.isSalesOnly {
        throw Failure(.salesDownToSalesTier(tier))
      }
      if r.unitCents != nil {
        throw Failure(.salesPriceAtRenewal(tier))
      }
      later.tier = tier
    }
    if nowTier.isSalesOnly && unit == nil { throw Failure(.noListPrice(nowTier)) }
    if let s = seats {
      if s > p.seats {
        nowSeats = s
        later.seats = nil
      } else {
        later.seats = s == p.seats ? nil : s
      }
    }
    // NB: a price sales set follows a cycle change at renewal (× 10 a year, ÷ 10 a month).
    if let c = r.cycle { later.cycle = c == p.cycle ? nil : c }
    // R22: invoice payment only for annual plans of 20 or more seats, now and after renewal.
    let payment = r.payment ?? p.payment
    if payment == .invoice {
      let cycles = [cycleNow, later.cycle ?? cycleNow]
      let sizes = [nowSeats, later.seats ?? nowSeats]
      if let bad = zip(cycles, sizes).first(where: { $0.0 != .annual || $0.1 < 20 }) {
        throw Failure(.invoicePaymentNotOffered(cycle: bad.0, seats: bad.1))
      }
    }
    let newScheduled: PlanChange? = later.isEmpty ? nil : later
    if nowTier == p.tier && nowSeats == p.seats && newScheduled == p.scheduled
      && payment == p.payment && unit == p.unitCents
    {
      throw Failure(
        .nothingToChange(
          byName(id), tier: p.tier, cycle: p.cycle, seats: p.seats,
          scheduled: p.scheduled, renewal: p.periodEnd))
    }
    return SalesChange(
      plan: id, tier: nowTier, seats: nowSeats, unitCents: unit, scheduled: newScheduled,
      payment: payment == p.payment ? nil : payment)
  }

  /// Makes a checked `sales` change: the increases charged pro rata now (as P3 charges an
  /// edit's), the rest scheduled, the payment method set.
  package func apply(_ s: SalesChange) -> PlanOutcome {
    let id = s.plan
    let p = plans[id.index]
    var outcome = PlanOutcome(plan: id, invoice: nil, notes: [])
    if let method = s.payment {
      plans[id.index].payment = method
      let fact = Fact.paymentChanged(shape(id), method, by: nil)
      happened(.payment, p.scope, plan: id, fact)
      tell(p.owner, fact)
      outcome.notes.append(fact)
    }
    let unitBefore = unitCents(of: p)
    let unitAfter = s.unitCents ?? catalog.unitCents(s.tier, p.cycle) ?? unitBefore
    if s.tier != p.tier || s.seats != p.seats || unitAfter != unitBefore {
      var parts: [(kind: InvoiceLine.Kind, seats: Int, unitCents: Int)] = []
      if s.tier != p.tier || unitAfter != unitBefore {
        parts.append((.tierStep(from: p.tier, to: s.tier), p.seats, unitAfter - unitBefore))
      }
      if s.seats != p.seats {
        parts.append((.addedSeats(from: p.seats, to: s.seats), s.seats - p.seats, unitAfter))
      }
      var charge = Charge.prorata(
        parts, days: p.periodEnd - today, periodDays: p.periodEnd - p.periodStart)
      // NB: a new price below the old one is not refunded (never < 0), as for an edit.
      charge.capAtZero(.noRefund)
      plans[id.index].tier = s.tier
      plans[id.index].seats = s.seats
      plans[id.index].unitCents = s.unitCents
      let step = PlanStep(fromTier: p.tier, toTier: s.tier, fromSeats: p.seats, toSeats: s.seats)
      let fact = Fact.changedNow(
        id, step, chargedCents: charge.total, days: p.periodEnd - today,
        periodDays: p.periodEnd - p.periodStart)
      happened(.changed, p.scope, plan: id, fact)
      // NB: a lower price alone charges nothing: no invoice of $0.00 for it.
      if charge.total > 0 || s.tier != p.tier || s.seats != p.seats {
        outcome.invoice = issueInvoice(id, charge, .proRata(step, until: p.periodEnd))
      }
      outcome.notes.append(fact)
    }
    plans[id.index].scheduled = s.scheduled
    if let c = s.scheduled, s.scheduled != p.scheduled {
      let fact = Fact.scheduled(id, c, on: p.periodEnd)
      happened(.scheduled, p.scope, plan: id, fact)
      outcome.notes.append(fact)
    } else if s.scheduled == nil && p.scheduled != nil {
      let fact = Fact.scheduleDropped(id, on: p.periodEnd)
      outcome.notes.append(fact)
      happened(.scheduled, p.scope, plan: id, fact)
    }
    return outcome
  }

  /// `support transfer`: moves billing ownership when the owner cannot (gone, or unreachable),
  /// with R15's conditions on the new owner. Changes nothing.
  package func checkSupportTransfer(_ ref: ScopeRef, to handle: String) throws(Failure)
    -> BillingChange
  {
    let scope = try resolve(ref)
    let to = try resolveUser(handle)
    let id = try requirePlan(scope, .transferOwnership)
    if to == plans[id.index].owner {
      throw Failure(.alreadyOwner(handle, byName(id)))
    }
    try checkOwner(to, for: scope, rule: .r15)
    return .transfer(id, to: to, handle: handle, by: nil)
  }
}
