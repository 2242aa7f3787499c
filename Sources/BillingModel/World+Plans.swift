import BillingSupport

/// Plan bookkeeping shared by every command that starts, converts or ends a plan.
extension World {
  /// Period end for the plan's current period: anchored, so month-end days clamp without drifting.
  package func periodBounds(anchor: Day, index: Int, cycle: Cycle) -> (Day, Day) {
    (anchor.adding(months: index * cycle.months), anchor.adding(months: (index + 1) * cycle.months))
  }

  func addPlan(_ plan: Plan) -> PlanID {
    var p = plan
    p.id = PlanID(index: plans.count)
    plans.append(p)
    invoicesOfPlan.append([])
    attach(p.id)
    return p.id
  }

  /// Records a live plan in the indexes: scope, owner, team plans of the org, agenda.
  package func attach(_ id: PlanID) {
    let p = plans[id.index]
    planOfScope[p.scope] = id
    users[p.owner.index].ownedPlans.insert(id)
    if case .team(let t) = p.scope { spaces[teams[t.index].org.index].teamPlans.insert(id) }
    agenda.push(p.periodEnd, id)
    if case .space(let s) = p.scope { setAdmin(p.owner, of: s, true) }  // R13
  }

  func endPlan(_ id: PlanID, _ reason: EndReason) {
    let p = plans[id.index]
    plans[id.index].status = .ended
    plans[id.index].endedOn = today
    plans[id.index].endReason = reason
    plans[id.index].scheduled = nil
    if planOfScope[p.scope] == id { planOfScope.removeValue(forKey: p.scope) }
    users[p.owner.index].ownedPlans.remove(id)
    if case .team(let t) = p.scope { spaces[teams[t.index].org.index].teamPlans.remove(id) }
  }

  /// What a plan started with, for the journal.
  func terms(_ id: PlanID) -> PlanTerms {
    let p = plans[id.index]
    return PlanTerms(
      plan: id, tier: p.tier, cycle: p.cycle, seats: p.seats, payment: p.payment, owner: p.owner)
  }

  func setOwner(_ id: PlanID, _ owner: UserID) {
    let old = plans[id.index].owner
    users[old.index].ownedPlans.remove(id)
    plans[id.index].owner = owner
    users[owner.index].ownedPlans.insert(id)
    if case .space(let s) = plans[id.index].scope { setAdmin(owner, of: s, true) }  // R13
  }

  /// Starts a paid period today: new plan, or a trial converted in place (P4 keeps the id).
  /// A new plan bought earlier (`create plan --since`) gives its anchor and current period.
  func startPaid(
    scope: Scope, tier: Tier, cycle: Cycle, seats: Int, owner: UserID, payment: Payment,
    address: String, unitCents: Int?, converting trial: PlanID?, anchor: Day? = nil,
    period: AnchoredPeriod? = nil
  ) -> PlanID {
    let (start, end) =
      period.map { ($0.start, $0.end) }
      ?? periodBounds(anchor: today, index: 0, cycle: cycle)
    if let trial {
      setOwner(trial, owner)
      plans[trial.index].tier = tier
      plans[trial.index].cycle = cycle
      plans[trial.index].seats = seats
      plans[trial.index].payment = payment
      plans[trial.index].address = address
      plans[trial.index].status = .active
      plans[trial.index].anchor = start
      plans[trial.index].periodIndex = 0
      plans[trial.index].periodStart = start
      plans[trial.index].periodEnd = end
      plans[trial.index].unitCents = unitCents
      agenda.push(end, trial)
      return trial
    }
    var plan = Plan(
      id: PlanID(index: 0), scope: scope, tier: tier, cycle: cycle, seats: seats, owner: owner,
      payment: payment, address: address, status: .active, anchor: anchor ?? start,
      periodStart: start, periodEnd: end, unitCents: unitCents)
    plan.periodIndex = period?.index ?? 0
    return addPlan(plan)
  }

  /// Value checks on seats, in the spec's order: size (R5), coverage (R3/R4), self-serve limit (P1),
  /// then billsh's own bound (`Money.maxSeats`).
  /// With no seats given, the smallest size covering the billable members.
  func checkSeats(_ seats: Int?, for scope: Scope, selfServe: Bool) throws(Failure) -> Int {
    let need = billable(scope)
    let n: Int
    if let seats {
      guard catalog.isSize(seats) else {
        var near = [catalog.size(below: seats), catalog.size(atLeast: seats)].compactMap { $0 }
          .filter { $0 != seats }
        if seats < 2 { near = [catalog.size(atLeast: 2)] }
        throw Failure(.notASize(seats, nearest: near))
      }
      guard seats >= need else {
        throw Failure(
          .seatsDoNotCover(
            seats, billable: need, of: byName(scope), isTeam: scope.isTeam,
            smallest: catalog.size(atLeast: need)))
      }
      n = seats
    } else {
      n = catalog.size(atLeast: max(need, 1))
    }
    if selfServe && n > catalog.selfServeLimit {
      throw Failure(.pastSelfServeLimit(n, limit: catalog.selfServeLimit))
    }
    // NB: past P1 for self-serve plans (the catalog's limit is at most this), so only plans sold
    // by sales meet it; it keeps every price billsh computes inside `Money`'s bounds.
    if n > Money.maxSeats { throw Failure(.tooManySeats(n)) }
    return n
  }

  /// R9 on a requested tier: basic is not a plan, enterprise tiers go through sales.
  func checkTier(_ tier: Tier, salesAllowed: Bool = false) throws(Failure) {
    if tier == .basic {
      throw Failure(.basicIsNotAPlan)
    }
    if tier.isSalesOnly && !salesAllowed {
      throw Failure(.salesOnlyTier(tier))
    }
  }

  /// R11, R15: the billing owner must be a member (not a guest) of the space that holds the scope.
  package func checkOwner(
    _ owner: UserID, for scope: Scope, rule: Rule
  ) throws(Failure) {
    let holder = holder(scope)
    guard let m = membership(owner, in: holder) else {
      throw Failure(
        .ownerNotInSpace(handle(owner), space: byName(.space(holder)), rule: rule))
    }
    if m.guest {
      throw Failure(
        .ownerIsGuest(handle(owner), space: byName(.space(holder)), rule: rule))
    }
  }
}

extension Scope {
  /// A team rather than a whole space (R4 rather than R3).
  package var isTeam: Bool {
    if case .team = self { return true }
    return false
  }
}
