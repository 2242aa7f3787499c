import BillingSupport

/// What `edit` asks for.
package struct EditRequest: Sendable, Equatable {
  package var tier: Tier?
  package var seats: Int?
  package var cycle: Cycle?
  package init(tier: Tier? = nil, seats: Int? = nil, cycle: Cycle? = nil) {
    self.tier = tier; self.seats = seats; self.cycle = cycle
  }
}

/// One row of the billing tab (`billing`).
package struct BillingAction: Sendable {
  /// Why an action of the billing tab is not open to the actor.
  package enum Block: Sendable, Equatable {
    /// R14: only the billing owner, named.
    case notOwner(String)
    /// P4: not on a trial.
    case trial
    /// R19: paid by invoice, so through sales.
    case paidByInvoice
    /// R9: a plan sold by sales (an enterprise tier) changes only through sales.
    case salesOnly
    /// R20: a canceling plan is resumed before it is changed.
    case canceling
    /// R15: nobody else in the space could own it.
    case noOtherOwner
  }
  package var name: String
  package var block: Block?
  package var allowed: Bool { block == nil }
}

/// Seat usage (`seats`).
package struct SeatUsage: Sendable {
  package var plan: PlanID
  package var seats: Int
  package var used: Int
  package var over: Bool
}

/// An `edit` checked against the world: what changes now (P3) and what waits for renewal.
package struct EditChange: Sendable {
  package var plan: PlanID
  package var tier: Tier
  package var seats: Int
  package var scheduled: PlanChange?
}

/// A billing-tab change other than `edit`, checked against the world and ready to apply.
package enum BillingChange: Sendable {
  case cancel(PlanID, by: UserID)
  case resume(PlanID, by: UserID)
  /// `handle` as the command named it, for the words of the result.
  /// `by` is nil when support moves it (`support transfer`, SPEC §8).
  case transfer(PlanID, to: UserID, handle: String, by: UserID?)
  case pay(PlanID, Payment, by: UserID)
  case address(PlanID, String, by: UserID)

  /// The plan the change is made to.
  package var plan: PlanID {
    switch self {
    case .cancel(let id, _), .resume(let id, _), .transfer(let id, _, _, _), .pay(let id, _, _),
      .address(let id, _, _):
      id
    }
  }
}

/// The billing tab's actions: R14 (only the billing owner), R17–R20, R22.
extension World {
  /// R17, R6: the scope's own live plan, for commands that need one.
  func requirePlan(_ scope: Scope, _ what: Attempt) throws(Failure) -> PlanID {
    try checkCovering(scope)
    guard let id = planOfScope[scope] else {
      throw Failure(.onBasic(byName(scope), what: what))
    }
    return id
  }

  /// R14: only the current billing owner.
  func requireOwner(_ id: PlanID, _ actor: UserID, _ what: Attempt) throws(Failure) {
    let owner = plans[id.index].owner
    guard actor != owner else { return }
    if !plans[id.index].isLive {
      throw Failure(.endedPlanOwnerOnly(id, owner: handle(owner), what: what))
    }
    var admin = false
    if case .space(let s) = plans[id.index].scope { admin = isAdmin(actor, of: s) }
    throw Failure(
      .billingOwnerOnly(byName(id), owner: handle(owner), what: what, actorIsAdmin: admin))
  }

  /// The common opening of billing-tab commands: names, actor, plan, owner.
  func ownedPlan(_ ref: ScopeRef, _ actorID: UserID?, verb: String, what: Attempt) throws(Failure)
    -> (PlanID, UserID)
  {
    let scope = try resolve(ref)
    let actor = try requireActor(actorID, verb)
    let id = try requirePlan(scope, what)
    try requireOwner(id, actor, what)
    return (id, actor)
  }

  /// R19: invoice-paid plans change only through sales.
  func checkSelfServe(_ id: PlanID, _ what: Attempt) throws(Failure) {
    if plans[id.index].payment == .invoice {
      throw Failure(.paidByInvoice(byName(id), what: what))
    }
  }

  /// `edit`: R14, P4, R19, R20, the values, then P3's split into now and later; changes nothing.
  package func checkEdit(_ ref: ScopeRef, _ r: EditRequest, by actorID: UserID?) throws(Failure)
    -> EditChange
  {
    let (id, _) = try ownedPlan(ref, actorID, verb: "edit", what: .changePlan)
    let p = plans[id.index]
    if p.isTrial {
      throw Failure(.trialNotEditable(byName(id)))
    }
    try checkSelfServe(id, .changePlan)
    if p.tier.isSalesOnly {
      throw Failure(.salesOnlyPlan(byName(id)))
    }
    if p.status == .canceling {
      throw Failure(.cancelingNotEditable(byName(id), ends: p.periodEnd))
    }
    if let t = r.tier { try checkTier(t) }
    let seats = try r.seats.map { (n: Int) throws(Failure) -> Int in
      try checkSeats(n, for: p.scope, selfServe: true)
    }
    // P3: increases now, decreases and cycle changes at renewal.
    var later = p.scheduled ?? PlanChange()
    var nowTier = p.tier, nowSeats = p.seats
    if let t = r.tier {
      if t > p.tier { nowTier = t; later.tier = nil } else { later.tier = t == p.tier ? nil : t }
    }
    if let s = seats {
      if s > p.seats {
        nowSeats = s; later.seats = nil
      } else {
        later.seats = s == p.seats ? nil : s
      }
    }
    if let c = r.cycle { later.cycle = c == p.cycle ? nil : c }
    let newScheduled: PlanChange? = later.isEmpty ? nil : later
    if nowTier == p.tier && nowSeats == p.seats && newScheduled == p.scheduled {
      throw Failure(
        .nothingToChange(
          byName(id), tier: p.tier, cycle: p.cycle, seats: p.seats,
          scheduled: p.scheduled, renewal: p.periodEnd))
    }
    return EditChange(plan: id, tier: nowTier, seats: nowSeats, scheduled: newScheduled)
  }

  /// Makes a checked edit: P3's increases charged pro rata now, the rest scheduled.
  package func apply(_ e: EditChange) -> PlanOutcome {
    let id = e.plan
    let p = plans[id.index]
    let (nowTier, nowSeats, newScheduled) = (e.tier, e.seats, e.scheduled)
    var notes: [Fact] = []
    var inv: InvoiceID?
    if nowTier != p.tier || nowSeats != p.seats {
      let unitBefore = unitCents(of: p)
      let unitAfter = nowTier == p.tier ? unitBefore : (catalog.unitCents(nowTier, p.cycle) ?? 0)
      // P3: the tier step on the seats held, then the added seats at the new price.
      var parts: [(kind: InvoiceLine.Kind, seats: Int, unitCents: Int)] = []
      if nowTier != p.tier {
        parts.append((.tierStep(from: p.tier, to: nowTier), p.seats, unitAfter - unitBefore))
      }
      if nowSeats != p.seats {
        parts.append((.addedSeats(from: p.seats, to: nowSeats), nowSeats - p.seats, unitAfter))
      }
      var charge = Charge.prorata(
        parts, days: p.periodEnd - today, periodDays: p.periodEnd - p.periodStart)
      // NB: a higher tier can cost less than a price sales set; nothing is refunded (never < 0).
      charge.capAtZero(.noRefund)
      let amount = charge.total
      if nowTier != p.tier { plans[id.index].unitCents = nil }
      plans[id.index].tier = nowTier
      plans[id.index].seats = nowSeats
      let step = PlanStep(fromTier: p.tier, toTier: nowTier, fromSeats: p.seats, toSeats: nowSeats)
      let fact = Fact.changedNow(
        id, step, chargedCents: amount, days: p.periodEnd - today,
        periodDays: p.periodEnd - p.periodStart)
      happened(.changed, p.scope, plan: id, fact)
      inv = issueInvoice(id, charge, .proRata(step, until: p.periodEnd))
      notes.append(fact)
    }
    plans[id.index].scheduled = newScheduled
    if let c = newScheduled, newScheduled != p.scheduled {
      // NB: the plan lines show the scheduled change itself.
      happened(.scheduled, p.scope, plan: id, .scheduled(id, c, on: p.periodEnd))
    } else if newScheduled == nil && p.scheduled != nil {
      let fact = Fact.scheduleDropped(id, on: p.periodEnd)
      notes.append(fact)
      happened(.scheduled, p.scope, plan: id, fact)
    }
    return PlanOutcome(plan: id, invoice: inv, notes: notes)
  }

  /// `cancel`: R14, R19, R20; changes nothing.
  package func checkCancel(_ ref: ScopeRef, by actorID: UserID?) throws(Failure) -> BillingChange {
    let (id, actor) = try ownedPlan(ref, actorID, verb: "cancel", what: .cancelPlan)
    let p = plans[id.index]
    try checkSelfServe(id, .cancel)
    if p.status == .canceling {
      throw Failure(.alreadyCanceling(byName(id), ends: p.periodEnd))
    }
    return .cancel(id, by: actor)
  }

  /// `resume`: R14, R20; changes nothing.
  package func checkResume(_ ref: ScopeRef, by actorID: UserID?) throws(Failure) -> BillingChange {
    let (id, actor) = try ownedPlan(ref, actorID, verb: "resume", what: .resumePlan)
    let p = plans[id.index]
    guard p.status == .canceling else {
      throw Failure(.nothingToResume(byName(id), status: p.status))
    }
    return .resume(id, by: actor)
  }

  /// `transfer`: R14, R15; changes nothing.
  package func checkTransfer(_ ref: ScopeRef, to handle: String, by actorID: UserID?)
    throws(Failure) -> BillingChange
  {
    let scope = try resolve(ref)
    let to = try resolveUser(handle)
    let actor = try requireActor(actorID, "transfer")
    let id = try requirePlan(scope, .transferOwnership)
    try requireOwner(id, actor, .transferOwnership)
    if to == plans[id.index].owner {
      throw Failure(.alreadyOwner(handle, byName(id)))
    }
    try checkOwner(to, for: scope, rule: .r15)
    return .transfer(id, to: to, handle: handle, by: actor)
  }

  /// `pay`: R14, P4, R19, R22; changes nothing.
  package func checkPay(_ ref: ScopeRef, method: Payment, by actorID: UserID?) throws(Failure)
    -> BillingChange
  {
    let (id, actor) = try ownedPlan(ref, actorID, verb: "pay", what: .changePayment)
    let p = plans[id.index]
    if p.isTrial {
      throw Failure(.trialHasNoPayment(byName(id)))
    }
    try checkSelfServe(id, .changePayment)
    if method == .invoice {
      throw Failure(.invoiceNotAMethod)
    }
    if p.payment == method { throw Failure(.samePayment(byName(id), method)) }
    return .pay(id, method, by: actor)
  }

  /// `address`: R14 and the address itself; changes nothing.
  package func checkAddress(_ ref: ScopeRef, _ text: String, by actorID: UserID?) throws(Failure)
    -> BillingChange
  {
    try World.checkShownText(text, .billingAddress)
    let (id, actor) = try ownedPlan(ref, actorID, verb: "address", what: .updateBillingInfo)
    return .address(id, text, by: actor)
  }

  /// Makes a checked billing-tab change; returns what happened.
  package func apply(_ change: BillingChange) -> Fact {
    switch change {
    case .cancel(let id, let actor):
      let p = plans[id.index]
      if p.isTrial {
        let fact = Fact.trialCanceled(shape(id), by: actor)
        endPlan(id, .trialCanceled)
        happened(.trialEnded, p.scope, plan: id, fact)
        tell(p.owner, fact)
        return fact
      }
      plans[id.index].status = .canceling
      let fact = Fact.canceled(shape(id), by: actor, until: p.periodEnd)
      happened(.canceled, p.scope, plan: id, fact)
      tell(p.owner, fact)
      return fact
    case .resume(let id, let actor):
      let p = plans[id.index]
      plans[id.index].status = .active
      let fact = Fact.resumed(shape(id), by: actor, renews: p.periodEnd)
      happened(.resumed, p.scope, plan: id, fact)
      tell(p.owner, fact)
      return fact
    case .transfer(let id, let to, let handle, let actor):
      let old = plans[id.index].owner
      setOwner(id, to)
      let fact = Fact.transferred(shape(id), from: old, to: to, name: handle, by: actor)
      happened(.transferred, plans[id.index].scope, plan: id, fact)
      tell(old, fact)
      tell(to, fact)
      return fact
    case .pay(let id, let method, let actor):
      plans[id.index].payment = method
      let fact = Fact.paymentChanged(shape(id), method, by: actor)
      happened(.payment, plans[id.index].scope, plan: id, fact)
      return fact
    case .address(let id, let text, let actor):
      plans[id.index].address = text
      let fact = Fact.addressChanged(shape(id), text, by: actor)
      happened(.address, plans[id.index].scope, plan: id, fact)
      return fact
    }
  }

  package func seats(_ ref: ScopeRef, by actorID: UserID?) throws(Failure) -> SeatUsage {
    let (id, _) = try ownedPlan(ref, actorID, verb: "seats", what: .viewSeatUsage)
    let p = plans[id.index]
    if p.isTrial { throw Failure(.trialHasNoSeats(byName(id))) }
    return SeatUsage(plan: id, seats: p.seats, used: billable(p.scope), over: isOver(p))
  }

  package func listInvoices(_ ref: ScopeRef, by actorID: UserID?) throws(Failure) -> (
    PlanID, [InvoiceID]
  ) {
    let (id, _) = try ownedPlan(ref, actorID, verb: "invoices", what: .listInvoices)
    return (id, invoicesOfPlan[id.index])
  }

  /// R14, R21: invoices stay; one of an ended plan is open to its last billing owner.
  package func showInvoice(_ text: String, by actorID: UserID?) throws(Failure) -> InvoiceID {
    let inv = try resolveInvoice(text)
    let actor = try requireActor(actorID, "invoice")
    try requireOwner(invoices[inv.index].plan, actor, .download(inv))
    return inv
  }

  package func move(_ from: ScopeRef, to: ScopeRef, by actorID: UserID?) throws(Failure) {
    let scope = try resolve(from)
    let target = try resolve(to)
    let actor = try requireActor(actorID, "move")
    let id = try requirePlan(scope, .moveAPlan)
    try requireOwner(id, actor, .movePlan)
    throw Failure(
      .planCannotMove(
        id, from: byName(scope), to: byName(target), sameSpace: holder(scope) == holder(target))
    )
  }

  /// R17, R18: the billing tab and what the actor may do in it.
  package func billingTab(_ ref: ScopeRef, by actorID: UserID?) throws(Failure) -> (
    PlanID, [BillingAction]
  ) {
    let scope = try resolve(ref)
    let actor = try requireActor(actorID, "billing")
    let id = try requirePlan(scope, .openBillingTab)
    let p = plans[id.index]
    switch scope {
    case .team(let t):
      if actor != p.owner {
        throw Failure(
          .teamBillingTab(byName(id), team: teams[t.index].name, owner: handle(p.owner)))
      }
    case .space(let s):
      if !isAdmin(actor, of: s) {
        throw Failure(
          .spaceBillingTab(
            byName(id), space: byName(scope), admins: someHandles(spaces[s.index].admins)))
      }
    }
    let owner = actor == p.owner
    let invoicePaid = p.payment == .invoice
    // R14: only the billing owner; P4: not on a trial; R19: through sales when paid by invoice.
    // NB: each row says yes only where `can` allows that action for this actor (SPEC §8).
    func row(_ name: String, selfServe: Bool, trialOK: Bool = true) -> BillingAction {
      if !owner { return BillingAction(name: name, block: .notOwner(handle(p.owner))) }
      if !trialOK && p.isTrial { return BillingAction(name: name, block: .trial) }
      if selfServe && invoicePaid { return BillingAction(name: name, block: .paidByInvoice) }
      return BillingAction(name: name, block: nil)
    }
    var edit = row("edit", selfServe: true, trialOK: false)
    if edit.allowed && p.tier.isSalesOnly { edit.block = .salesOnly }  // R9
    if edit.allowed && p.status == .canceling { edit.block = .canceling }  // R20
    var transfer = row("transfer", selfServe: false)
    if transfer.allowed && !hasOtherPossibleOwner(id) { transfer.block = .noOtherOwner }  // R15
    var rows = [
      edit,
      p.status == .canceling ? row("resume", selfServe: false) : row("cancel", selfServe: true),
      row("seats", selfServe: false, trialOK: false),
      row("address", selfServe: false),
      row("pay", selfServe: true, trialOK: false),
      transfer,
      row("invoices", selfServe: false),
    ]
    rows.append(BillingAction(name: "contact support", block: nil))
    return (id, rows)
  }

  /// R15: whether someone other than the owner could take the plan's billing ownership.
  func hasOtherPossibleOwner(_ id: PlanID) -> Bool {
    let p = plans[id.index]
    for (u, m) in spaces[holder(p.scope).index].people where u != p.owner && !m.guest {
      if (try? checkOwner(u, for: p.scope, rule: .r15)) != nil { return true }
    }
    return false
  }

  /// P8: anyone in the space may view its plans. Returns the covering plan, or nil on Basic.
  package func viewPlan(_ ref: ScopeRef, by actorID: UserID?) throws(Failure) -> (Scope, PlanID?) {
    let scope = try resolve(ref)
    let actor = try requireActor(actorID, "plan")
    let holder = holder(scope)
    guard membership(actor, in: holder) != nil else {
      throw Failure(.notInSpaceToView(handle(actor), space: byName(.space(holder))))
    }
    return (scope, coveringPlan(scope))
  }
}
