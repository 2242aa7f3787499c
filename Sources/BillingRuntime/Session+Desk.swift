import BillingLanguage
import BillingModel
import BillingSupport

/// The support desk's views (SPEC §8): `show <what>` and `timeline <what>`. They need nobody
/// acting, check no permission and change nothing.
extension Session {
  func show(_ subject: Subject) throws(Failure) -> Outcome {
    switch subject {
    case .scope(let ref): return showScope(try world.resolve(ref))
    case .user(let handle): return showUser(try resolveShown(handle))
    case .plan(let text): return showPlan(try world.resolvePlan(text))
    case .invoice(let text): return showInvoice(try world.resolveInvoice(text))
    }
  }

  func timeline(_ subject: Subject) throws(Failure) -> Outcome {
    let world = self.world
    switch subject {
    case .scope(let ref):
      let scope = try world.resolve(ref)
      return timelineOutcome(world.timeline(of: scope), of: world.describe(scope))
    case .plan(let text):
      let id = try world.resolvePlan(text)
      return timelineOutcome(world.timeline(of: id), of: id.description)
    case .user(let handle):
      return userTimeline(try world.resolveUser(handle))
    case .invoice(let text):
      throw Failure(
        .usage, nil,
        "timeline takes a scope, a user or a plan, not an invoice (\(quoted(text))); show \(text) explains an invoice"
      )
    }
  }

  /// A user for `show`; a word that is no user but names a space or team points there (SPEC §8).
  private func resolveShown(_ handle: String) throws(Failure) -> UserID {
    let world = self.world
    if let id = world.userID(handle) { return id }
    var places: [String] = []
    if let s = world.spaceID(handle) { places.append(world.describe(.space(s))) }
    for t in world.teamIDs(named: handle) {
      places.append("team \(quoted(handle)) --org \(quoted(world.space(world.team(t).org).name))")
    }
    guard !places.isEmpty else { return try world.resolveUser(handle) }
    throw Failure(
      .notFound, nil,
      "unknown user \(quoted(handle)): did you mean "
        + places.map { "show \($0)" }.joined(separator: " or ") + "?")
  }

  // MARK: show <scope>

  private func showScope(_ scope: Scope) -> Outcome {
    let world = self.world
    let own = world.livePlan(scope)
    let covering = world.coveringPlan(scope)
    let coveredBy = own == nil ? covering : nil
    let billable = world.billable(scope)
    var text: Text = "\(world.describe(scope)): "
    var seats: Int?
    var used: Int?
    var over = false
    if let p = covering {
      let plan = world.plan(p)
      if coveredBy != nil { text += "covered by the organization plan " }
      text.append(world.summary(p))
      if coveredBy != nil { text += " (R6)" }
      if plan.isTrial {
        text += " until \(plan.periodEnd); \(counted(billable, "billable member"))"
      } else {
        let u = world.billable(plan.scope)
        (seats, used, over) = (plan.seats, u, world.isOver(plan))
        text += "; \(u) of \(plan.seats) seats used"
        text.append(over ? ", over its size (P5)" : "")
        if coveredBy != nil { text += "; \(counted(billable, "billable member")) in the team" }
      }
    } else {
      text += "Basic (free); \(counted(billable, "billable member"))"
    }
    let tier = covering.map { world.plan($0).tier } ?? .basic
    let owner = covering.map { world.plan($0).owner }
    // SPEC §8 "one glance": the plan in effect as `plan` prints it, the next invoice, the last
    // billing action.
    let next = covering.flatMap { nextInvoice(of: $0, scope: scope) }
    let last = covering.flatMap { lastAction(of: $0) }
    if let p = covering {
      text += "\n  plan: "
      var block = Text()
      world.writePlan(p, to: &block, indent: true)
      text += "\(String(block.string.dropFirst(2)))"
      if let next {
        text += "\n  next invoice: \(next.date) \(money: next.cents)"
      } else {
        let plan = world.plan(p)
        text +=
          plan.status == .canceling
          ? "\n  next invoice: none (canceling, ends \(plan.periodEnd))"
          : "\n  next invoice: none (\(plan.isTrial ? "a trial ends on \(plan.periodEnd)" : "none due"))"
      }
      if let last {
        text += "\n  last billing action: \(last.date) \(last.command)"
        if let a = last.actor { text += " by \(quoted: world.handle(a))" }
      }
    }
    let people = peopleRows(scope, owner: owner)
    text += "\n  people:"
    if people.isEmpty { text += " nobody yet" }
    for r in people {
      text += "\n    \(quoted: world.handle(r.user)): \(r.roles.joined(separator: ", "))"
      text.append(r.billable ? "; billable" : "; not billable")
    }
    var teams: [TeamID] = []
    if case .space(let s) = scope { teams = world.space(s).teams }
    if !teams.isEmpty { text += "\n  teams:" }
    for t in teams {
      let team = world.team(t)
      text += "\n    \(world.describe(.team(t))): \(count(team.people.count, "person", "people"))"
      if let tp = world.livePlan(.team(t)) {
        text += "; plan \(world.summary(tp))"
      } else if let op = world.livePlan(scope) {
        text += "; covered by \(op)"
      } else {
        text += "; Basic"
      }
    }
    let invoices = covering.map { world.invoices(of: $0) } ?? []
    if let p = covering {
      text += invoices.isEmpty ? "\n  no invoices for \(p)" : "\n  invoices of \(p):"
    }
    for i in invoices { text += "\n    \(world.invoiceLine(i))" }
    return ok(
      text,
      .object([
        ("scope", .string(world.describe(scope))), ("tier", .string(tier.name)),
        // SPEC §8: the plan in effect, whole (for a covered team, the organization's; see
        // covered_by).
        ("plan", covering.map { world.planJSON($0) } ?? .null),
        ("covered_by", .str(coveredBy?.description)),
        (
          "next_invoice",
          next.map {
            .object([("date", .string($0.date.description)), ("amount_cents", .int($0.cents))])
          }
            ?? .null
        ),
        (
          "last_action",
          last.map {
            .object([
              ("date", .string($0.date.description)),
              ("actor", .str($0.actor.map { world.handle($0) })), ("command", .string($0.command)),
            ])
          } ?? .null
        ),
        ("seats", .num(seats)), ("used", .num(used)), ("over", .bool(over)),
        ("billable", .int(billable)),
        (
          "people",
          .array(
            people.map { r in
              .object([
                ("user", .string(world.handle(r.user))),
                ("roles", .array(r.roles.map { .string($0) })), ("billable", .bool(r.billable)),
              ])
            })
        ),
        (
          "teams",
          .array(
            teams.map { t in
              let tp = world.livePlan(.team(t))
              return .object([
                ("team", .string(world.describe(.team(t)))),
                ("people", .int(world.team(t).people.count)), ("plan", .str(tp?.description)),
                ("covered_by", .str(tp == nil ? world.livePlan(scope)?.description : nil)),
              ])
            })
        ),
        ("invoices", .array(invoices.map { world.invoiceJSON($0) })),
      ]))
  }

  /// The invoice a plan's renewal would issue, played on a copy (nil when it ends or is a trial).
  private func nextInvoice(of id: PlanID, scope: Scope) -> (date: Day, cents: Int)? {
    let plan = world.plan(id)
    guard !plan.isTrial, plan.status == .active, plan.periodEnd <= Day.latest else { return nil }
    let copy = world.copy()
    let f = copy.forecast(scope, to: plan.periodEnd, invoicesFrom: world.invoices.count)
    for i in f.invoices {
      let inv = f.world.invoice(i)
      if inv.plan == id { return (inv.date, inv.amountCents) }
    }
    return nil
  }

  /// The last billing action on a plan, from its journal: the command's word, its date and
  /// who acted (nil for a setup command such as `create plan`).
  private func lastAction(of id: PlanID) -> (date: Day, command: String, actor: UserID?)? {
    for e in world.timeline(of: id).reversed() {
      let h = e.happening
      let word: String
      switch h.kind {
      case .started: word = h.actor == nil ? "create plan" : "upgrade"
      case .trialStarted: word = "trial"
      case .changed, .scheduled: word = "edit"
      case .canceled: word = "cancel"
      case .resumed: word = "resume"
      case .transferred: word = "transfer"
      case .payment: word = "pay"
      case .address: word = "address"
      default: continue
      }
      if h.actor == nil {
        // Nobody acting: sales or support (setup commands), or the clock, which is no action.
        switch e.fact {
        case .changedNow?, .scheduled?, .scheduleDropped?, .paymentChanged?:
          return (h.date, "sales", nil)
        case .transferred?: return (h.date, "support transfer", nil)
        case .planStarted?: break
        default: continue
        }
      }
      return (h.date, word, h.actor)
    }
    return nil
  }

  /// Each person of a scope in join order, with their roles and whether they are billable.
  private func peopleRows(_ scope: Scope, owner: UserID?) -> [(
    user: UserID, roles: [String], billable: Bool
  )] {
    let world = self.world
    func roles(_ u: UserID, _ m: Membership) -> [String] {
      var r = [m.guest ? "guest" : "member"]
      if m.admin { r.append("admin") }
      if u == owner { r.append("billing-owner") }
      return r
    }
    switch scope {
    case .space(let s):
      let sp = world.space(s)
      return sp.people.sorted { $0.value.seq < $1.value.seq }.map { u, m in
        (u, roles(u, m), sp.kind == .workspace || !m.guest)
      }
    case .team(let t):
      let team = world.team(t)
      // NB: a team's people are people of its organization, so the membership is there.
      return team.people.sorted { $0.value < $1.value }.compactMap { u, _ in
        world.membership(u, in: team.org).map { m in (u, roles(u, m), !m.guest) }
      }
    }
  }

  // MARK: show <user>

  private func showUser(_ u: UserID) -> Outcome {
    let world = self.world
    let owned = world.plansOwned(by: u)
    let spaces = world.roles(of: u).map { r in
      (r, owned.filter { world.holder(world.plan($0).scope) == r.space })
    }
    let teams = world.user(u).teams.sorted()
    let messages = world.user(u).inbox.count
    var text: Text = "\(quoted: world.handle(u))"
    if actor == u { text.append(" (acting)") }
    if spaces.isEmpty { text += "\n  in no space yet" }
    for (r, plans) in spaces {
      text += "\n  \(world.describe(.space(r.space))): \(r.roles.joined(separator: ", "))"
      if !plans.isEmpty { text += " of \(plans.map(\.description).joined(separator: ", "))" }
    }
    for t in teams {
      let p = world.coveringPlan(.team(t))
      text +=
        "\n  \(world.describe(.team(t))) of \(world.describe(.space(world.team(t).org))): \(p.map { world.plan($0).tier.name } ?? Tier.basic.name)"
      if let p { text += " (\(p))" }
    }
    for p in owned { text += "\n  billing owner of \(world.summary(p))" }
    text += "\n  \(counted(messages, "message")) in the inbox"
    return ok(
      text,
      .object([
        ("user", .string(world.handle(u))), ("acting", .bool(actor == u)),
        (
          "spaces",
          .array(
            spaces.map { r, plans in
              .object([
                ("space", .string(world.describe(.space(r.space)))),
                ("roles", .array(r.roles.map { .string($0) })),
                ("plans", .array(plans.map { .string($0.description) })),
              ])
            })
        ),
        (
          "teams",
          .array(
            teams.map { t in
              let p = world.coveringPlan(.team(t))
              return .object([
                ("team", .string(world.describe(.team(t)))),
                ("org", .string(world.describe(.space(world.team(t).org)))),
                ("plan", .str(p?.description)),
                ("tier", .string((p.map { world.plan($0).tier } ?? .basic).name)),
              ])
            })
        ),
        ("plans", .array(owned.map { world.planJSON($0) })),
        ("messages", .int(messages)),
      ]))
  }

  // MARK: show <plan-id>

  private func showPlan(_ id: PlanID) -> Outcome {
    let world = self.world
    var text = Text(capacity: 256)
    world.writePlan(id, to: &text)
    let invoices = world.invoices(of: id)
    text += invoices.isEmpty ? "\n  no invoices" : "\n  invoices:"
    for i in invoices { text += "\n    \(world.invoiceLine(i))" }
    let events = world.timeline(of: id)
    if !events.isEmpty { text += "\n  events:" }
    for e in events {
      let h = e.happening
      text += "\n    \(h.date) \(h.kind.rawValue): \(Words().entry(h, e.fact, in: world))"
    }
    return ok(
      text,
      .object([
        ("plan", world.planJSON(id)),
        ("scheduled", world.scheduledJSON(id)),
        ("invoices", .array(invoices.map { world.invoiceJSON($0) })),
        ("events", .array(events.map { entryJSON($0) })),
      ]))
  }

  // MARK: show <invoice-id>

  private func showInvoice(_ id: InvoiceID) -> Outcome {
    let world = self.world
    let inv = world.invoice(id)
    let lines =
      inv.lines ?? [InvoiceLine(kind: .unitemized, cents: inv.amountCents)]
    var text: Text = world.invoiceLine(id)
    let words = lines.map { world.arithmetic($0, issued: inv.date) }
    for w in words { text += "\n  \(w)" }
    text += "\n  total \(money: inv.amountCents)"
    guard case .object(var fields) = world.invoiceJSON(id) else { return ok(text) }
    fields.append(
      (
        "lines",
        .array(
          zip(lines, words).map { l, w in
            .object([
              ("text", .string(w)), ("cents", .int(l.cents)), ("seats", .num(l.seats)),
              ("unit_cents", .num(l.unitCents)), ("days", .num(l.days)),
              ("period_days", .num(l.periodDays)),
              ("from", .str(l.span(issued: inv.date)?.from.description)),
              ("to", .str(l.span(issued: inv.date)?.to.description)),
            ])
          })
      ))
    return ok(text, .object(fields))
  }

  // MARK: timelines

  private func entryJSON(_ e: TimelineEntry) -> JSON {
    let h = e.happening
    return .object([
      ("date", .string(h.date.description)), ("kind", .string(h.kind.rawValue)),
      ("text", .string(Words().entry(h, e.fact, in: world))), ("plan", .str(h.plan?.description)),
      ("invoice", .str(h.invoice?.description)),
      ("actor", .str(h.actor.map { world.handle($0) })),
    ])
  }

  private func timelineOutcome(_ entries: [TimelineEntry], of what: String) -> Outcome {
    var text = Text()
    for e in entries {
      let h = e.happening
      text.appendLine("\(h.date) \(h.kind.rawValue): \(Words().entry(h, e.fact, in: world))")
    }
    return ok(
      entries.isEmpty ? "nothing has happened to \(what) yet" : text,
      .object([("entries", .array(entries.map { entryJSON($0) }))]))
  }

  private func userTimeline(_ u: UserID) -> Outcome {
    let world = self.world
    let inbox = world.user(u).inbox
    var rows: [(date: String, kind: String, text: String)] = []
    for d in world.journal.deeds(of: u) {
      switch d {
      case .action(let i):
        let e = world.log[i]
        rows.append((e.date.description, "action", "\(e.command) → \(e.outcome)"))
      case .message(let i):
        guard i < inbox.count else { continue }
        // NB: a message starts with its date ("2026-01-01 invoice INV-0001 …").
        let m = Words().message(inbox[i], in: world)
        let date = String(m.prefix(10))
        rows.append((date, "message", String(m.dropFirst(11))))
      }
    }
    rows = oldestFirst(rows) { $0.date }
    var text = Text()
    for r in rows { text.appendLine("\(r.date) \(r.kind): \(r.text)") }
    return ok(
      rows.isEmpty ? "nothing has happened to \(quoted: world.handle(u)) yet" : text,
      .object([
        (
          "entries",
          .array(
            rows.map {
              .object([
                ("date", .string($0.date)), ("kind", .string($0.kind)), ("text", .string($0.text)),
                ("plan", .null), ("invoice", .null),
                // Their own actions are theirs; a message was caused by someone else.
                ("actor", $0.kind == "action" ? .string(world.handle(u)) : .null),
              ])
            })
        )
      ]))
  }
}
