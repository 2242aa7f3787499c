import BillingModel
import BillingSupport

/// A saved world read back (`.load`, `--state`): as strict as `.save`. Every invariant of SPEC
/// §1–2 is checked with the functions the commands use, unknown keys are refused (the JSON
/// reader refuses duplicate ones), and each error names the JSON path of what was wrong.
extension World {
  /// Rebuilds a world from `snapshot()`; a bad snapshot fails naming the field, and nothing is kept.
  package static func restore(_ json: JSON) throws(Failure) -> World {
    let r = try Reader.object(json, "", keys: topKeys, optional: ["actor", "journal", "timelines"])
    guard try r.string("format") == "billsh-world" else {
      throw r.fail("format", "not a billsh world file")
    }
    guard try r.int("version") == 1 else { throw r.fail("version", "unsupported version") }
    let w = World(catalog: try parseCatalog(r.value("catalog"), base: .standard))
    w.today = try r.day("date")
    for (i, u) in try r.array("users").enumerated() {
      let ur = try Reader.object(u, "users[\(i)]", keys: ["handle", "inbox"])
      let h = try ur.string("handle")
      do { try checkHandle(h) } catch { throw ur.fail("handle", error.message) }
      if w.userID(h) != nil { throw ur.fail("handle", "duplicate user \(quoted(h))") }
      let id = w.newUser(h)
      w.restoreInbox(
        of: id,
        try ur.array("inbox").enumerated().map { (j, m) throws(Failure) in
          guard case .string(let s) = m else { throw ur.fail("inbox[\(j)]", "expected a string") }
          return s
        })
    }
    if let actor = try r.optionalString("actor"), w.userID(actor) == nil {
      throw r.fail("actor", "unknown user \(quoted(actor))")
    }
    try w.loadSpaces(try r.array("spaces"))
    try w.loadTeams(try r.array("teams"))
    for (i, p) in try r.array("plans").enumerated() { try w.loadPlan(p, i) }
    for (i, inv) in try r.array("invoices").enumerated() { try w.loadInvoice(inv, i) }
    var trials = Set<Scope>()
    for (i, t) in try r.array("trials_used").enumerated() {
      let tr = Reader(json: .object([("scope", t)]), path: "trials_used[\(i)]")
      let scope = try tr.scope("scope", in: w)
      if !trials.insert(scope).inserted { throw tr.fail("scope", "listed twice") }
      w.restoreTrialUsed(scope)
    }
    for (i, e) in try r.array("log").enumerated() {
      let er = try Reader.object(e, "log[\(i)]", keys: ["date", "actor", "command", "outcome"])
      let actor = try er.optionalString("actor")
      if let actor, w.userID(actor) == nil {
        throw er.fail("actor", "unknown user \(quoted(actor))")
      }
      w.log.append(
        LogEntry(
          // NB: not bounded by today: `clock <date>` may move back while no plan ever existed.
          date: try er.day("date"), actor: actor,
          command: try er.string("command"), outcome: try er.string("outcome")))
    }
    try w.loadJournal(r)
    try w.checkConsistency()
    return w
  }

  /// Every key a saved world has, at any depth (the JSON reader refuses others at once).
  package static let savedKeys: Set<String> = Set(
    topKeys + planKeys + [
      "prices", "starter", "advanced", "enterprise", "enterprise-plus", "monthly", "annual",
      "sizes", "self_serve_limit", "handle", "inbox", "kind", "name", "people", "user", "role",
      "admin", "org", "date", "amount_cents", "sent_to", "label", "plan", "command", "outcome",
      "trial_days", "lines", "cents", "unit_cents", "days", "period_days", "from", "to", "scope",
      "invoice", "note", "deeds", "journal", "timelines",
    ])

  static let topKeys = [
    "format", "version", "date", "actor", "catalog", "users", "spaces", "teams", "plans",
    "invoices", "trials_used", "log", "journal", "timelines",
  ]

  func loadSpaces(_ list: [JSON]) throws(Failure) {
    for (i, s) in list.enumerated() {
      let sr = try Reader.object(s, "spaces[\(i)]", keys: ["kind", "name", "people"])
      guard let kind = SpaceKind(rawValue: try sr.string("kind")) else {
        throw sr.fail("kind", "expected org or workspace")
      }
      let name = try sr.string("name")
      do { try World.checkShownText(name, .name(of: kind)) } catch {
        throw sr.fail("name", error.message)
      }
      if spaceID(name) != nil { throw sr.fail("name", "duplicate space \(quoted(name))") }
      let id = newSpace(kind, name)
      for (j, p) in try sr.array("people").enumerated() {
        let pr = try Reader.object(p, sr.path + ".people[\(j)]", keys: ["user", "role", "admin"])
        let u = try pr.user("user", in: self)
        let role = try pr.string("role")
        guard role == "member" || (role == "guest" && kind == .org) else {
          throw pr.fail("role", "expected member\(kind == .org ? " or guest" : "")")
        }
        if spaces[id.index].people[u] != nil { throw pr.fail("user", "listed twice") }
        let admin = try pr.bool("admin")
        if admin && role == "guest" { throw pr.fail("admin", "a guest cannot be an admin") }
        _ = place(u, in: id, guest: role == "guest", admin: admin)
      }
    }
  }

  func loadTeams(_ list: [JSON]) throws(Failure) {
    for (i, t) in list.enumerated() {
      let tr = try Reader.object(t, "teams[\(i)]", keys: ["org", "name", "people"])
      let orgName = try tr.string("org")
      guard let org = spaceID(orgName), spaces[org.index].kind == .org else {
        throw tr.fail("org", "unknown org \(quoted(orgName))")
      }
      let name = try tr.string("name")
      do { try World.checkShownText(name, .teamName) } catch {
        throw tr.fail("name", error.message)
      }
      if spaces[org.index].teamsByName[name] != nil { throw tr.fail("name", "duplicate team") }
      let id = newTeam(name, in: org)
      for (j, p) in try tr.array("people").enumerated() {
        guard case .string(let h) = p, let u = userID(h), spaces[org.index].people[u] != nil,
          teams[id.index].people[u] == nil
        else {
          throw tr.fail("people[\(j)]", "expected a person of org \(quoted(orgName)), once")
        }
        _ = joinTeam(u, id)
      }
    }
  }

  static let planKeys = [
    "id", "scope", "tier", "cycle", "seats", "owner", "payment", "address", "status", "anchor",
    "period_index", "period_start", "period_end", "scheduled", "unit_cents", "ended_on",
    "end_reason",
  ]

  func loadPlan(_ json: JSON, _ i: Int) throws(Failure) {
    let pr = try Reader.object(json, "plans[\(i)]", keys: World.planKeys)
    guard try pr.string("id") == PlanID(index: i).description else {
      throw pr.fail("id", "expected \(PlanID(index: i))")
    }
    let scope = try pr.scope("scope", in: self)
    let tier = try pr.tier("tier")
    guard let cycle = Cycle(rawValue: try pr.string("cycle")) else {
      throw pr.fail("cycle", "expected monthly or annual")
    }
    guard let status = PlanStatus(rawValue: try pr.string("status")) else {
      throw pr.fail("status", "expected trial, active, canceling or ended")
    }
    let payment = try pr.optionalString("payment").map { (s: String) throws(Failure) -> Payment in
      guard let m = Payment(rawValue: s) else {
        throw pr.fail("payment", "expected card, paypal or invoice")
      }
      return m
    }
    // NB: a trial has no payment method, and keeps none once it has ended.
    if (status == .active || status == .canceling) && payment == nil {
      throw pr.fail("payment", "a paid plan needs a payment method")
    }
    if status == .trial && payment != nil { throw pr.fail("payment", "a trial has none (P4)") }
    let owner = try pr.user("owner", in: self)
    let seats = try pr.int("seats")
    let unitCents = try pr.optionalInt("unit_cents")
    if payment == nil {
      // P4: a trial (live or ended) is Starter or Advanced, monthly, without seats or a price.
      if seats != 0 { throw pr.fail("seats", "a trial has no seats (P4): expected 0") }
      if tier != .starter && tier != .advanced {
        throw pr.fail("tier", "a trial is starter or advanced (P4)")
      }
      if unitCents != nil { throw pr.fail("unit_cents", "a trial has no price: expected null") }
    } else {
      try pr.checkSeats(seats, "seats", catalog)
      if let unitCents, unitCents < 0 || unitCents > Money.maxUnitCents(cycle) {
        throw pr.fail(
          "unit_cents",
          "expected null or 0 to \(Money.maxUnitCents(cycle)) cents per seat a \(cycle.unitWord)")
      }
      if tier.isSalesOnly && unitCents == nil {
        throw pr.fail("unit_cents", "an \(tier.name) plan has no list price: expected its price")
      }
    }
    let address = try pr.string("address")
    if !address.isEmpty {
      do { try World.checkShownText(address, .billingAddress) } catch {
        throw pr.fail("address", error.message)
      }
    }
    var plan = Plan.restored(
      id: PlanID(index: i), scope: scope, tier: tier, cycle: cycle, seats: seats, owner: owner,
      payment: payment, address: address, status: status,
      anchor: try pr.day("anchor", notAfter: today), periodIndex: try pr.int("period_index"),
      periodStart: try pr.day("period_start"), periodEnd: try pr.day("period_end"),
      scheduled: try pr.scheduled("scheduled", catalog), unitCents: unitCents)
    try checkPeriod(plan, pr)
    plan.endedOn = try pr.optionalString("ended_on").map { (_: String) throws(Failure) in
      try pr.day("ended_on", notAfter: today)
    }
    plan.endReason = try pr.optionalString("end_reason").map { .said($0) }
    if (status == .ended) != (plan.endedOn != nil) || (status == .ended) != (plan.endReason != nil)
    {
      throw pr.fail(
        "ended_on", "an ended plan has ended_on and end_reason, and only an ended plan has them")
    }
    if plan.scheduled != nil && (status == .trial || status == .ended) {
      throw pr.fail("scheduled", "only a paid live plan has a scheduled change: expected null")
    }
    restorePlan(plan)
    guard plan.isLive else { return }
    if livePlan(scope) != nil {
      throw pr.fail("scope", "\(describe(scope)) has two live plans")
    }
    switch scope {
    case .team(let t):
      if livePlan(.space(teams[t.index].org)) != nil {
        throw pr.fail("scope", "a team of a paid organization cannot have its own plan (R6)")
      }
    case .space(let s):
      if let tp = spaces[s.index].teamPlans.min() {
        throw pr.fail(
          "scope", "\(describe(scope)) has team plans (\(tp)) and an organization plan (R6)")
      }
      if !isAdmin(owner, of: s) {
        throw pr.fail("owner", "the billing owner of a space plan is one of its admins (R13)")
      }
    }
    do { try checkOwner(owner, for: scope, rule: .r11) } catch {
      throw pr.fail("owner", error.message)
    }
    attach(plan.id)
  }

  /// Dates of a plan: `anchor ≤ period_start < period_end`; a live plan's period holds today and,
  /// once paid, is the one its anchor and index give (anchored month clamping).
  func checkPeriod(_ p: Plan, _ pr: Reader) throws(Failure) {
    guard p.anchor <= p.periodStart else {
      throw pr.fail("anchor", "must not be after period_start")
    }
    guard p.periodStart < p.periodEnd else {
      throw pr.fail("period_end", "must be after period_start")
    }
    guard p.periodIndex >= (p.isLive ? 0 : -1), p.periodIndex <= 12 * 10_000 else {
      throw pr.fail("period_index", "expected a period number of 0 or more")
    }
    guard p.isLive else { return }
    guard p.periodStart <= today, today < p.periodEnd else {
      throw pr.fail("period_end", "a live plan's period holds today (\(today))")
    }
    if !p.isTrial
      && periodBounds(anchor: p.anchor, index: p.periodIndex, cycle: p.cycle) != (
        p.periodStart, p.periodEnd
      )
    {
      throw pr.fail(
        "period_start",
        "period \(p.periodIndex) of a \(p.cycle.rawValue) plan anchored on \(p.anchor) is not \(p.periodStart) to \(p.periodEnd)"
      )
    }
  }

  func loadInvoice(_ json: JSON, _ i: Int) throws(Failure) {
    let ir = try Reader.object(
      json, "invoices[\(i)]",
      keys: ["id", "plan", "date", "amount_cents", "payment", "sent_to", "label", "lines"],
      optional: ["lines"])
    let id = InvoiceID(index: i)
    guard try ir.string("id") == id.description else { throw ir.fail("id", "expected \(id)") }
    let planText = try ir.string("plan")
    guard let pid = planID(planText) else {
      throw ir.fail("plan", "unknown plan \(quoted(planText))")
    }
    guard let payment = Payment(rawValue: try ir.string("payment")) else {
      throw ir.fail("payment", "expected card, paypal or invoice")
    }
    let amount = try ir.int("amount_cents")
    guard amount >= 0, amount <= Money.maxAmount else {
      throw ir.fail("amount_cents", "expected 0 to \(Money.maxAmount) cents")
    }
    // NB: saves made before invoices kept their lines have none; `show` says so.
    var lines: [InvoiceLine]?
    if let lj = ir.json["lines"], lj != .null {
      guard case .array(let list) = lj else { throw ir.fail("lines", "expected a list or null") }
      var sum = 0
      lines = try list.enumerated().map { (j, l) throws(Failure) in
        let line = try invoiceLine(l, ir.path + ".lines[\(j)]")
        sum += line.cents
        return line
      }
      if sum != amount { throw ir.fail("lines", "the lines do not add up to amount_cents") }
    }
    restoreInvoice(
      Invoice.restored(
        id: id, plan: pid, date: try ir.day("date", notAfter: today), amountCents: amount,
        payment: payment, sentTo: try ir.user("sent_to", in: self),
        label: .said(try ir.string("label")),
        lines: lines))
  }

  /// A plan id exactly as saved (`P3`), of a plan already read.
  func planID(_ text: String) -> PlanID? {
    guard text.hasPrefix("P"), let n = Int(text.dropFirst()), n >= 1, n <= plans.count,
      PlanID(index: n - 1).description == text
    else { return nil }
    return PlanID(index: n - 1)
  }

  /// An invoice id exactly as saved (`INV-0007`), of an invoice already read.
  func invoiceID(_ text: String) -> InvoiceID? {
    guard text.hasPrefix("INV-"), let n = Int(text.dropFirst(4)), n >= 1, n <= invoices.count,
      InvoiceID(index: n - 1).description == text
    else { return nil }
    return InvoiceID(index: n - 1)
  }
}
