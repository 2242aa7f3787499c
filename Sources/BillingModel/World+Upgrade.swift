import BillingSupport

/// What `upgrade` asks for; nil fields take the defaults of SPEC §3.
package struct UpgradeRequest: Sendable {
  package var scope: ScopeRef
  package var tier: Tier
  package var seats: Int?
  package var cycle: Cycle?
  package var billingOwner: String?
  package var payment: Payment?
  package var address: String?
  package init(
    scope: ScopeRef, tier: Tier, seats: Int? = nil, cycle: Cycle? = nil,
    billingOwner: String? = nil, payment: Payment? = nil, address: String? = nil
  ) {
    self.scope = scope; self.tier = tier; self.seats = seats; self.cycle = cycle
    self.billingOwner = billingOwner; self.payment = payment; self.address = address
  }
}

/// A price (`quote`).
package struct Quote: Sendable {
  package var tier: Tier
  package var cycle: Cycle
  package var seats: Int
  package var unitCents: Int
  package var periodCents: Int
}

/// An upgrade checked against the world, ready to apply.
package struct UpgradeChange: Sendable {
  package var scope: Scope
  package var tier: Tier
  package var seats: Int
  package var cycle: Cycle
  package var owner: UserID
  package var payment: Payment
  package var address: String
  /// P4: the scope's trial, converted in place.
  package var trial: PlanID?
  /// P6: the sum of the credits for the team plans it absorbs.
  package var credits = 0
}

/// A trial checked against the world, ready to apply.
package struct TrialChange: Sendable {
  package var scope: Scope
  package var tier: Tier
  package var actor: UserID
}

/// Upgrades, trials and quotes.
extension World {
  /// R10, P2: who may upgrade or trial a scope.
  func checkMayUpgrade(_ actor: UserID, _ scope: Scope, _ verb: Attempt) throws(Failure) {
    let a = handle(actor)
    switch scope {
    case .space(let s):
      guard let m = membership(actor, in: s) else {
        throw Failure(.notInSpace(a, space: byName(scope), verb: verb, ask: someMembers(s)))
      }
      if m.guest {
        throw Failure(.guestOfSpace(a, space: byName(scope), verb: verb, ask: someMembers(s)))
      }
    case .team(let t):
      let org = teams[t.index].org
      let m = membership(actor, in: org)
      if m?.admin == true { return }
      // SPEC §4: "a guest gets R10", whether or not they are in the team.
      if m?.guest == true || teams[t.index].people[actor] != nil {
        if m?.guest == true {
          throw Failure(
            .guestOfTeamOrg(
              a, org: byName(.space(org)), verb: verb, team: teams[t.index].name,
              admins: someWhoMayUpgrade(t)))
        }
        return
      }
      throw Failure(
        .neitherInTeamNorAdmin(
          a, team: teams[t.index].name, org: byName(.space(org)),
          admins: someWhoMayUpgrade(t)))
    }
  }

  /// `upgrade`: every check of SPEC §3–4 in order; changes nothing.
  package func checkUpgrade(_ r: UpgradeRequest, by actorID: UserID?) throws(Failure)
    -> UpgradeChange
  {
    if let address = r.address { try World.checkShownText(address, .billingAddress) }
    let scope = try resolve(r.scope)
    let named = try r.billingOwner.map { (h: String) throws(Failure) -> UserID in try resolveUser(h)
    }
    let actor = try requireActor(actorID, "upgrade")
    try checkMayUpgrade(actor, scope, .upgrade)
    if case .space(let s) = scope, !spaces[s.index].teamPlans.isEmpty, !isAdmin(actor, of: s) {
      let tps = spaces[s.index].teamPlans.sorted().map { $0.description }
      throw Failure(
        .onlyAdminsAbsorbTeamPlans(
          space: byName(scope), teamPlans: tps, admins: someHandles(spaces[s.index].admins)))
    }
    try checkCovering(scope)
    var trial: PlanID?
    if let existing = planOfScope[scope] {
      guard plans[existing.index].isTrial else { throw alreadyPaid(existing) }
      trial = existing
    }
    try checkTier(r.tier)
    let seats = try checkSeats(r.seats, for: scope, selfServe: true)
    let cycle = r.cycle ?? .annual
    let owner = named ?? actor
    try checkOwner(owner, for: scope, rule: .r11)
    let payment = r.payment ?? .card
    if payment == .invoice && (cycle != .annual || seats < 20) {
      throw Failure(.invoicePaymentNotOffered(cycle: cycle, seats: seats))
    }
    try checkNewPeriodFits(cycle: cycle)  // the calendar's end (SPEC §8)
    var credits = 0
    if case .space(let s) = scope {
      for tp in spaces[s.index].teamPlans {
        guard let sum = Money.add(credits, unusedCredit(plans[tp.index])) else {
          throw Failure(.creditsTooLarge(space: byName(scope)))
        }
        credits = sum
      }
    }
    return UpgradeChange(
      scope: scope, tier: r.tier, seats: seats, cycle: cycle, owner: owner, payment: payment,
      address: r.address ?? "", trial: trial, credits: credits)
  }

  /// P6: the unused time of a team plan absorbed today (a trial's is 0).
  func unusedCredit(_ p: Plan) -> Int {
    p.isTrial
      ? 0 : Money.prorate(periodCents(of: p), p.periodEnd - today, p.periodEnd - p.periodStart)
  }

  /// Makes a checked upgrade: P6 absorbs team plans, P4 converts a trial, the first invoice.
  package func apply(_ u: UpgradeChange) -> PlanOutcome {
    var notes: [Fact] = []
    let price = Charge.period(seats: u.seats, unitCents: catalog.unitCents(u.tier, u.cycle) ?? 0)
    var charge = price
    if case .space(let s) = u.scope {
      for tp in spaces[s.index].teamPlans.sorted() {
        let p = plans[tp.index]
        if p.isTrial {
          charge.creditTrial(tp)
        } else {
          charge.credit(
            tp, seats: p.seats, unitCents: unitCents(of: p),
            days: p.periodEnd - today, periodDays: p.periodEnd - p.periodStart)
        }
        let credit = -(charge.lines.last?.cents ?? 0)
        let fact = Fact.absorbed(shape(tp), by: u.scope, creditCents: credit)
        endPlan(tp, .absorbed)
        happened(.ended, p.scope, plan: tp, fact)
        notes.append(fact)
        tell(p.owner, fact)
      }
    }
    let credits = charge.credited
    charge.capAtZero()
    if let trial = u.trial {
      notes.append(.trialConverted(trial))
      happened(.trialEnded, u.scope, plan: trial, .trialConverted(trial))
    }
    let id = startPaid(
      scope: u.scope, tier: u.tier, cycle: u.cycle, seats: u.seats, owner: u.owner,
      payment: u.payment, address: u.address, unitCents: nil, converting: u.trial)
    happened(.started, u.scope, plan: id, .planStarted(terms(id), bySales: false, bought: nil))
    let inv = issueInvoice(id, charge, .firstPeriod(credits: credits))
    return PlanOutcome(plan: id, invoice: inv, notes: notes)
  }

  /// `upgrade team A,B`: R8, once the names and the actor check out.
  package func upgradeSeveralTeams(_ names: [String], org: String?, by actorID: UserID?)
    throws(Failure)
  {
    for n in names { _ = try resolveTeam(n, org: org) }
    _ = try requireActor(actorID, "upgrade")
    throw Failure(.severalTeams(names))
  }

  /// `trial`: P4's checks in order; changes nothing.
  package func checkTrial(_ ref: ScopeRef, tier: Tier, by actorID: UserID?) throws(Failure)
    -> TrialChange
  {
    let scope = try resolve(ref)
    let actor = try requireActor(actorID, "trial")
    try checkMayUpgrade(actor, scope, .startTrial)
    try checkCovering(scope)
    if let existing = planOfScope[scope] {
      if plans[existing.index].isTrial {
        throw Failure(
          .alreadyOnTrial(
            space: byName(scope), plan: byName(existing), until: plans[existing.index].periodEnd)
        )
      }
      throw alreadyPaid(existing)
    }
    if case .space(let s) = scope, let tp = spaces[s.index].teamPlans.min() {
      throw Failure(.teamPlansBlockTrial(space: byName(scope), teamPlan: byName(tp)))
    }
    if trialsUsed.contains(scope) {
      throw Failure(.trialUsed(byName(scope)))
    }
    if tier == .basic { try checkTier(tier) }
    guard tier == .starter || tier == .advanced else {
      throw Failure(.trialTier(tier))
    }
    try checkTrialFits()  // the calendar's end (SPEC §8)
    return TrialChange(scope: scope, tier: tier, actor: actor)
  }

  /// Starts a checked trial.
  package func apply(_ c: TrialChange) -> PlanOutcome {
    let end = today.adding(days: catalog.trialDays)
    let id = addPlan(
      Plan(
        id: PlanID(index: 0), scope: c.scope, tier: c.tier, cycle: .monthly, seats: 0,
        owner: c.actor,
        payment: nil, status: .trial, anchor: today, periodStart: today, periodEnd: end))
    trialsUsed.insert(c.scope)
    let fact = Fact.trialStarted(shape(id), by: c.actor, ends: end)
    happened(.trialStarted, c.scope, plan: id, fact)
    tell(c.actor, fact)
    return PlanOutcome(plan: id, invoice: nil, notes: [])
  }

  package func quote(_ ref: ScopeRef, tier: Tier, seats: Int?, cycle: Cycle?) throws(Failure)
    -> Quote
  {
    let scope = try resolve(ref)
    try checkTier(tier)
    let n = try checkSeats(seats, for: scope, selfServe: true)
    let c = cycle ?? .annual
    let unit = catalog.unitCents(tier, c) ?? 0
    return Quote(tier: tier, cycle: c, seats: n, unitCents: unit, periodCents: unit * n)
  }
}
