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
  package var name: String
  package var allowed: Bool
  package var note: String
}

/// Seat usage (`seats`).
package struct SeatUsage: Sendable {
  package var plan: PlanID
  package var seats: Int
  package var used: Int
  package var over: Bool
}

/// The billing tab's actions: R14 (only the billing owner), R17–R20, R22.
extension World {
  /// R17, R6: the scope's own live plan, for commands that need one.
  func requirePlan(_ scope: Scope, _ what: String) throws(Failure) -> PlanID {
    try checkCovering(scope)
    guard let id = planOfScope[scope] else {
      throw Failure(.unavailable, "R17", "\(describe(scope)) is on Basic, which has no billing tab: nobody can \(what) there; upgrade it first")
    }
    return id
  }

  /// R14: only the current billing owner.
  func requireOwner(_ id: PlanID, _ actor: UserID, _ what: String) throws(Failure) {
    let owner = plans[id.index].owner
    guard actor != owner else { return }
    if !plans[id.index].isLive {
      throw Failure(.permissionDenied, "R14", "\(id) has ended; only its last billing owner, \(quoted(handle(owner))), can \(what)")
    }
    let adminNote: String
    if case .space(let s) = plans[id.index].scope, isAdmin(actor, of: s) {
      adminNote = " (being an admin is not enough)"
    } else {
      adminNote = ""
    }
    throw Failure(.permissionDenied, "R14", "only the billing owner of \(summary(id)), \(quoted(handle(owner))), can \(what)\(adminNote); ask \(quoted(handle(owner))) or have them transfer billing ownership")
  }

  /// The common opening of billing-tab commands: names, actor, plan, owner.
  func ownedPlan(_ ref: ScopeRef, _ actorID: UserID?, verb: String, what: String) throws(Failure) -> (PlanID, UserID) {
    let scope = try resolve(ref)
    let actor = try requireActor(actorID, verb)
    let id = try requirePlan(scope, what)
    try requireOwner(id, actor, what)
    return (id, actor)
  }

  /// R19: invoice-paid plans change only through sales.
  func checkSelfServe(_ id: PlanID, _ what: String) throws(Failure) {
    if plans[id.index].payment == .invoice {
      throw Failure(.contactSales, "R19", "\(summary(id)) is paid by invoice: to \(what), contact sales from the billing tab")
    }
  }

  package func edit(_ ref: ScopeRef, _ r: EditRequest, by actorID: UserID?, dryRun: Bool = false) throws(Failure) -> PlanOutcome {
    let (id, _) = try ownedPlan(ref, actorID, verb: "edit", what: "change the plan")
    let p = plans[id.index]
    if p.isTrial {
      throw Failure(.conflict, "P4", "\(summary(id)) is a trial: upgrade it to choose tier, cycle and seats")
    }
    try checkSelfServe(id, "change the plan")
    if p.status == .canceling {
      throw Failure(.conflict, "R20", "\(summary(id)) is canceling on \(p.periodEnd): resume it first")
    }
    if let t = r.tier { try checkTier(t) }
    let seats = try r.seats.map { (n: Int) throws(Failure) -> Int in try checkSeats(n, for: p.scope, selfServe: true) }
    // P3: increases now, decreases and cycle changes at renewal.
    var later = p.scheduled ?? PlanChange()
    var nowTier = p.tier, nowSeats = p.seats
    if let t = r.tier {
      if t > p.tier { nowTier = t; later.tier = nil } else { later.tier = t == p.tier ? nil : t }
    }
    if let s = seats {
      if s > p.seats { nowSeats = s; later.seats = nil } else { later.seats = s == p.seats ? nil : s }
    }
    if let c = r.cycle { later.cycle = c == p.cycle ? nil : c }
    let newScheduled: PlanChange? = later.isEmpty ? nil : later
    if nowTier == p.tier && nowSeats == p.seats && newScheduled == p.scheduled {
      throw Failure(.conflict, nil, "nothing to change: \(summary(id)) is already \(p.tier.name), \(p.cycle.rawValue), \(p.seats) seats" + (p.scheduled.map { "; \(describe($0)) is scheduled for \(p.periodEnd)" } ?? ""))
    }
    if dryRun { return PlanOutcome(plan: id, invoice: nil, notes: []) }
    var notes: [String] = []
    var inv: InvoiceID?
    if nowTier != p.tier || nowSeats != p.seats {
      let unitAfter = nowTier == p.tier ? unitCents(of: p) : (catalog.unitCents(nowTier, p.cycle) ?? 0)
      let delta = unitAfter * nowSeats - periodCents(of: p)
      let amount = Money.prorate(delta, p.periodEnd - today, p.periodEnd - p.periodStart)
      if nowTier != p.tier { plans[id.index].unitCents = nil }
      plans[id.index].tier = nowTier
      plans[id.index].seats = nowSeats
      var what: [String] = []
      if nowTier != p.tier { what.append("\(p.tier.name) → \(nowTier.name)") }
      if nowSeats != p.seats { what.append("\(p.seats) → \(nowSeats) seats") }
      inv = issueInvoice(id, amount, "pro rata for \(what.joined(separator: ", ")) until \(p.periodEnd)")
      notes.append("now: \(what.joined(separator: ", ")), charged \(Money.format(amount)) pro rata for \(p.periodEnd - today) of \(p.periodEnd - p.periodStart) days (P3)")
    }
    plans[id.index].scheduled = newScheduled
    if newScheduled != nil && newScheduled != p.scheduled {
      // NB: the plan lines show the scheduled change itself.
    } else if newScheduled == nil && p.scheduled != nil {
      notes.append("the change scheduled for \(p.periodEnd) is dropped")
    }
    return PlanOutcome(plan: id, invoice: inv, notes: notes)
  }

  /// "advanced → starter, 10 → 5 seats, annual → monthly".
  package func describe(_ c: PlanChange) -> String {
    var parts: [String] = []
    if let t = c.tier { parts.append(t.name) }
    if let s = c.seats { parts.append("\(s) seats") }
    if let cy = c.cycle { parts.append(cy.rawValue) }
    return parts.joined(separator: ", ")
  }

  package func cancel(_ ref: ScopeRef, by actorID: UserID?, dryRun: Bool = false) throws(Failure) -> String {
    let (id, _) = try ownedPlan(ref, actorID, verb: "cancel", what: "cancel the plan")
    let p = plans[id.index]
    try checkSelfServe(id, "cancel")
    if p.status == .canceling {
      throw Failure(.conflict, "R20", "\(summary(id)) is already canceling: it ends on \(p.periodEnd); resume keeps it")
    }
    if dryRun { return "" }
    if p.isTrial {
      endPlan(id, "trial canceled")
      tell(p.owner, "trial \(id) of \(describe(p.scope)) canceled; back on Basic")
      return "\(p.tier.name) trial \(id) of \(describe(p.scope)) canceled at once; \(describe(p.scope)) is back on Basic (R20)"
    }
    plans[id.index].status = .canceling
    tell(p.owner, "\(summary(id)) will end on \(p.periodEnd); resume it before then to keep it")
    return "\(summary(id)) is canceling: it stays active until \(p.periodEnd), then \(describe(p.scope)) returns to Basic; resume undoes this (R20)"
  }

  package func resume(_ ref: ScopeRef, by actorID: UserID?, dryRun: Bool = false) throws(Failure) -> String {
    let (id, _) = try ownedPlan(ref, actorID, verb: "resume", what: "resume the plan")
    let p = plans[id.index]
    guard p.status == .canceling else {
      throw Failure(.conflict, nil, "\(summary(id)) is \(p.status.rawValue), not canceling: nothing to resume")
    }
    if dryRun { return "" }
    plans[id.index].status = .active
    tell(p.owner, "\(summary(id)) resumed; it renews on \(p.periodEnd)")
    return "\(summary(id)) resumed: it renews on \(p.periodEnd)"
  }

  package func transfer(_ ref: ScopeRef, to handle: String, by actorID: UserID?, dryRun: Bool = false) throws(Failure) -> String {
    let scope = try resolve(ref)
    let to = try resolveUser(handle)
    let actor = try requireActor(actorID, "transfer")
    let id = try requirePlan(scope, "transfer billing ownership")
    try requireOwner(id, actor, "transfer billing ownership")
    if to == plans[id.index].owner {
      throw Failure(.invalid, "R15", "\(quoted(handle)) already owns \(summary(id)): transfer to another member")
    }
    try checkOwner(to, for: scope, rule: "R15", role: "a new billing owner")
    if dryRun { return "" }
    let old = plans[id.index].owner
    setOwner(id, to)
    tell(old, "you passed billing ownership of \(summary(id)) to \(quoted(handle))")
    tell(to, "you are now the billing owner of \(summary(id))")
    var text = "billing ownership of \(summary(id)) passed from \(quoted(self.handle(old))) to \(quoted(handle))"
    if case .space = scope { text += "; \(quoted(handle)) is now an admin of \(describe(scope)) (R13)" }
    return text
  }

  package func pay(_ ref: ScopeRef, method: Payment, by actorID: UserID?, dryRun: Bool = false) throws(Failure) -> String {
    let (id, _) = try ownedPlan(ref, actorID, verb: "pay", what: "change the payment method")
    let p = plans[id.index]
    if p.isTrial {
      throw Failure(.conflict, "P4", "\(summary(id)) is a trial and has no payment method: choose one when upgrading")
    }
    try checkSelfServe(id, "change the payment method")
    if method == .invoice {
      throw Failure(.invalid, "R22", "the payment method switches between card and paypal only; invoice payment is arranged with sales for annual plans of 20 or more seats")
    }
    if p.payment == method { throw Failure(.conflict, nil, "\(summary(id)) is already paid by \(method.rawValue)") }
    if dryRun { return "" }
    plans[id.index].payment = method
    return "\(summary(id)) is now paid by \(method.rawValue)"
  }

  package func setAddress(_ ref: ScopeRef, _ text: String, by actorID: UserID?, dryRun: Bool = false) throws(Failure) -> String {
    let (id, _) = try ownedPlan(ref, actorID, verb: "address", what: "update billing info")
    if text.isEmpty || text.count > 500 || text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
      throw Failure(.usage, nil, "the billing address must be 1 to 500 characters, without control characters")
    }
    if dryRun { return "" }
    plans[id.index].address = text
    return "billing address of \(summary(id)) set to \(quoted(text))"
  }

  package func seats(_ ref: ScopeRef, by actorID: UserID?) throws(Failure) -> SeatUsage {
    let (id, _) = try ownedPlan(ref, actorID, verb: "seats", what: "view seat usage")
    let p = plans[id.index]
    if p.isTrial { throw Failure(.conflict, "P4", "\(summary(id)) is a trial and has no seats") }
    return SeatUsage(plan: id, seats: p.seats, used: billable(p.scope), over: isOver(p))
  }

  package func listInvoices(_ ref: ScopeRef, by actorID: UserID?) throws(Failure) -> (PlanID, [InvoiceID]) {
    let (id, _) = try ownedPlan(ref, actorID, verb: "invoices", what: "list invoices")
    return (id, invoicesOfPlan[id.index])
  }

  /// R14, R21: invoices stay; one of an ended plan is open to its last billing owner.
  package func showInvoice(_ text: String, by actorID: UserID?) throws(Failure) -> InvoiceID {
    let inv = try resolveInvoice(text)
    let actor = try requireActor(actorID, "invoice")
    try requireOwner(invoices[inv.index].plan, actor, "download \(inv)")
    return inv
  }

  package func move(_ from: ScopeRef, to: ScopeRef, by actorID: UserID?) throws(Failure) {
    let scope = try resolve(from)
    let target = try resolve(to)
    let actor = try requireActor(actorID, "move")
    let id = try requirePlan(scope, "move a plan")
    try requireOwner(id, actor, "move the plan")
    throw Failure(.invalid, "R7", "a plan cannot move to another workspace or organization: cancel \(id) on \(describe(scope)), then upgrade \(describe(target))")
  }

  /// R17, R18: the billing tab and what the actor may do in it.
  package func billingTab(_ ref: ScopeRef, by actorID: UserID?) throws(Failure) -> (PlanID, [BillingAction]) {
    let scope = try resolve(ref)
    let actor = try requireActor(actorID, "billing")
    let id = try requirePlan(scope, "open the billing tab")
    let p = plans[id.index]
    switch scope {
    case .team(let t):
      if actor != p.owner {
        throw Failure(.permissionDenied, "R18", "the billing tab of \(summary(id)) is in team \(quoted(teams[t.index].name))'s settings and only its billing owner, \(quoted(handle(p.owner))), may open it; the admin console never shows a team plan")
      }
    case .space(let s):
      if !isAdmin(actor, of: s) {
        throw Failure(.permissionDenied, "R18", "the billing tab of \(summary(id)) is in the admin console of \(describe(scope)): only its admins (\(handles(spaces[s.index].admins))) may open it")
      }
    }
    let owner = actor == p.owner
    let invoicePaid = p.payment == .invoice
    let notOwner = "only the billing owner \(quoted(handle(p.owner))) (R14)"
    func row(_ name: String, selfServe: Bool, trialOK: Bool = true) -> BillingAction {
      if !owner { return BillingAction(name: name, allowed: false, note: notOwner) }
      if !trialOK && p.isTrial { return BillingAction(name: name, allowed: false, note: "not on a trial (P4)") }
      if selfServe && invoicePaid { return BillingAction(name: name, allowed: false, note: "contact sales: paid by invoice (R19)") }
      return BillingAction(name: name, allowed: true, note: "")
    }
    var rows = [
      row("edit", selfServe: true, trialOK: false),
      p.status == .canceling ? row("resume", selfServe: false) : row("cancel", selfServe: true),
      row("seats", selfServe: false, trialOK: false),
      row("address", selfServe: false),
      row("pay", selfServe: true, trialOK: false),
      row("transfer", selfServe: false),
      row("invoices", selfServe: false),
    ]
    rows.append(BillingAction(name: "contact support", allowed: true, note: ""))
    return (id, rows)
  }

  /// P8: anyone in the space may view its plans. Returns the covering plan, or nil on Basic.
  package func viewPlan(_ ref: ScopeRef, by actorID: UserID?) throws(Failure) -> (Scope, PlanID?) {
    let scope = try resolve(ref)
    let actor = try requireActor(actorID, "plan")
    let holder = holder(scope)
    guard membership(actor, in: holder) != nil else {
      throw Failure(.permissionDenied, "P8", "\(quoted(handle(actor))) is not in \(describe(.space(holder))): only people in it may view its plans")
    }
    return (scope, coveringPlan(scope))
  }
}
