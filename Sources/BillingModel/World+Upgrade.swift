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
  package init(scope: ScopeRef, tier: Tier, seats: Int? = nil, cycle: Cycle? = nil, billingOwner: String? = nil, payment: Payment? = nil, address: String? = nil) {
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

/// Upgrades, trials and quotes.
extension World {
  /// R10, P2: who may upgrade or trial a scope.
  func checkMayUpgrade(_ actor: UserID, _ scope: Scope, _ verb: String) throws(Failure) {
    let a = quoted(handle(actor))
    switch scope {
    case .space(let s):
      guard let m = membership(actor, in: s) else {
        throw Failure(.permissionDenied, "R10", "\(a) is not in \(describe(scope)): only its members can \(verb) there, such as \(someMembers(s))")
      }
      if m.guest {
        throw Failure(.permissionDenied, "R10", "\(a) is a guest of \(describe(scope)): guests cannot \(verb); ask a member such as \(someMembers(s))")
      }
    case .team(let t):
      let org = teams[t.index].org
      let m = membership(actor, in: org)
      if m?.admin == true { return }
      // SPEC §4: "a guest gets R10", whether or not they are in the team.
      if m?.guest == true || teams[t.index].people[actor] != nil {
        if m?.guest == true {
          throw Failure(.permissionDenied, "R10", "\(a) is a guest of \(describe(.space(org))): guests cannot \(verb) for team \(quoted(teams[t.index].name)); ask one of its members or an admin (\(handles(spaces[org.index].admins, limit: 3)))")
        }
        return
      }
      throw Failure(.permissionDenied, "P2", "\(a) is neither in team \(quoted(teams[t.index].name)) nor an admin of \(describe(.space(org))): ask one of its members or an admin (\(handles(spaces[org.index].admins, limit: 3)))")
    }
  }

  package func upgrade(_ r: UpgradeRequest, by actorID: UserID?, dryRun: Bool = false) throws(Failure) -> PlanOutcome {
    let scope = try resolve(r.scope)
    let named = try r.billingOwner.map { (h: String) throws(Failure) -> UserID in try resolveUser(h) }
    let actor = try requireActor(actorID, "upgrade")
    try checkMayUpgrade(actor, scope, "upgrade")
    if case .space(let s) = scope, !spaces[s.index].teamPlans.isEmpty, !isAdmin(actor, of: s) {
      let tps = spaces[s.index].teamPlans.sorted().map { $0.description }
      throw Failure(.permissionDenied, "P6", "\(describe(scope)) has team plans (\(list(tps))): only its admins (\(handles(spaces[s.index].admins))) can upgrade the whole organization")
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
    try checkOwner(owner, for: scope, rule: "R11")
    let payment = r.payment ?? .card
    if payment == .invoice && (cycle != .annual || seats < 20) {
      throw Failure(.unavailable, "R12", "invoice payment is offered only for annual plans of 20 or more seats (this is \(cycle.rawValue), \(seats) seats): pay by card or paypal")
    }
    if dryRun { return PlanOutcome(plan: trial ?? PlanID(index: plans.count), invoice: nil, notes: []) }

    var notes: [String] = []
    var credits = 0
    if case .space(let s) = scope {
      for tp in spaces[s.index].teamPlans.sorted() {
        let p = plans[tp.index]
        let credit = p.isTrial ? 0 : Money.prorate(periodCents(of: p), p.periodEnd - today, p.periodEnd - p.periodStart)
        credits += credit
        endPlan(tp, "absorbed by the organization plan (P6)")
        notes.append("\(tp) (\(describe(p.scope))) ended: absorbed by the organization plan, \(Money.format(credit)) credited (P6)")
        tell(p.owner, "\(tp) (\(describe(p.scope))) ended: \(describe(scope)) was upgraded and now covers the team; \(Money.format(credit)) of unused time credited on its first invoice")
      }
    }
    if let trial { notes.append("trial ended: \(trial) is now paid (P4)") }
    let id = startPaid(scope: scope, tier: r.tier, cycle: cycle, seats: seats, owner: owner, payment: payment, address: r.address ?? "", unitCents: nil, converting: trial)
    let amount = max(0, periodCents(of: plans[id.index]) - credits)
    let inv = issueInvoice(id, amount, credits > 0 ? "first period less \(Money.format(credits)) credited for team plans" : "first period")
    return PlanOutcome(plan: id, invoice: inv, notes: notes)
  }

  /// `upgrade team A,B`: R8, once the names and the actor check out.
  package func upgradeSeveralTeams(_ names: [String], org: String?, by actorID: UserID?) throws(Failure) {
    for n in names { _ = try resolveTeam(n, org: org) }
    _ = try requireActor(actorID, "upgrade")
    throw Failure(.contactSales, "R8", "upgrading several teams at once (\(list(names.map { "team " + quoted($0) }))) goes through sales; or upgrade one team at a time, or the whole organization")
  }

  package func trial(_ ref: ScopeRef, tier: Tier, by actorID: UserID?, dryRun: Bool = false) throws(Failure) -> PlanOutcome {
    let scope = try resolve(ref)
    let actor = try requireActor(actorID, "trial")
    try checkMayUpgrade(actor, scope, "start a trial")
    try checkCovering(scope)
    if let existing = planOfScope[scope] {
      if plans[existing.index].isTrial {
        throw Failure(.conflict, "P4", "\(describe(scope)) is already on trial \(summary(existing)) until \(plans[existing.index].periodEnd)")
      }
      throw alreadyPaid(existing)
    }
    if case .space(let s) = scope, let tp = spaces[s.index].teamPlans.min() {
      throw Failure(.conflict, "P6", "\(describe(scope)) has team plans (\(summary(tp))): it cannot start a trial; an admin can upgrade it instead")
    }
    if trialsUsed.contains(scope) {
      throw Failure(.conflict, "P4", "\(describe(scope)) has already had its trial: a scope gets one trial; upgrade instead")
    }
    if tier == .basic { try checkTier(tier) }
    guard tier == .starter || tier == .advanced else {
      throw Failure(.invalid, "P4", "trials are of starter or advanced, not \(tier.name)")
    }
    if dryRun { return PlanOutcome(plan: PlanID(index: plans.count), invoice: nil, notes: []) }
    let end = today.adding(days: catalog.trialDays)
    let id = addPlan(Plan(
      id: PlanID(index: 0), scope: scope, tier: tier, cycle: .monthly, seats: 0, owner: actor,
      payment: nil, status: .trial, anchor: today, periodStart: today, periodEnd: end))
    trialsUsed.insert(scope)
    tell(actor, "\(tier.name) trial \(id) of \(describe(scope)) started; it ends on \(end) unless upgraded")
    return PlanOutcome(plan: id, invoice: nil, notes: [])
  }

  package func quote(_ ref: ScopeRef, tier: Tier, seats: Int?, cycle: Cycle?) throws(Failure) -> Quote {
    let scope = try resolve(ref)
    try checkTier(tier)
    let n = try checkSeats(seats, for: scope, selfServe: true)
    let c = cycle ?? .annual
    let unit = catalog.unitCents(tier, c) ?? 0
    return Quote(tier: tier, cycle: c, seats: n, unitCents: unit, periodCents: unit * n)
  }
}
