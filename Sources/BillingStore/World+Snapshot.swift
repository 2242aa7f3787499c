import BillingModel
import BillingSupport

/// The whole world as JSON (`.save`, `.load`, `--state`), and back.
extension World {
  package func snapshot() -> [(String, JSON)] {
    func scopeJSON(_ s: Scope) -> JSON {
      switch s {
      case .space(let id):
        return .object([
          ("kind", .string(spaces[id.index].kind.rawValue)),
          ("name", .string(spaces[id.index].name)),
        ])
      case .team(let t):
        return .object([
          ("kind", .string("team")), ("name", .string(teams[t.index].name)),
          ("org", .string(spaces[teams[t.index].org.index].name)),
        ])
      }
    }
    let usersJ: [JSON] = self.users.map {
      .object([("handle", .string($0.handle)), ("inbox", .array($0.inbox.map { .string($0) }))])
    }
    let spacesJ: [JSON] = self.spaces.map { sp in
      let people = sp.people.sorted { $0.value.seq < $1.value.seq }.map { (u, m) -> JSON in
        .object([
          ("user", .string(handle(u))), ("role", .string(m.guest ? "guest" : "member")),
          ("admin", .bool(m.admin)),
        ])
      }
      return .object([
        ("kind", .string(sp.kind.rawValue)), ("name", .string(sp.name)), ("people", .array(people)),
      ])
    }
    let teamsJ: [JSON] = self.teams.map { t in
      .object([
        ("org", .string(self.spaces[t.org.index].name)), ("name", .string(t.name)),
        ("people", .array(t.people.sorted { $0.value < $1.value }.map { .string(handle($0.key)) })),
      ])
    }
    let plansJ: [JSON] = self.plans.map { p in
      .object([
        ("id", .string(p.id.description)), ("scope", scopeJSON(p.scope)),
        ("tier", .string(p.tier.name)),
        ("cycle", .string(p.cycle.rawValue)), ("seats", .int(p.seats)),
        ("owner", .string(handle(p.owner))),
        ("payment", .str(p.payment?.rawValue)), ("address", .string(p.address)),
        ("status", .string(p.status.rawValue)),
        ("anchor", .string(p.anchor.description)), ("period_index", .int(p.periodIndex)),
        ("period_start", .string(p.periodStart.description)),
        ("period_end", .string(p.periodEnd.description)),
        (
          "scheduled",
          p.scheduled.map { c in
            .object([
              ("tier", .str(c.tier?.name)), ("seats", .num(c.seats)),
              ("cycle", .str(c.cycle?.rawValue)),
            ])
          } ?? .null
        ),
        ("unit_cents", .num(p.unitCents)), ("ended_on", .str(p.endedOn?.description)),
        ("end_reason", .str(p.endReason)),
      ])
    }
    let invoicesJ: [JSON] = self.invoices.map { i in
      .object([
        ("id", .string(i.id.description)), ("plan", .string(i.plan.description)),
        ("date", .string(i.date.description)),
        ("amount_cents", .int(i.amountCents)), ("payment", .string(i.payment.rawValue)),
        ("sent_to", .string(handle(i.sentTo))),
        ("label", .string(i.label)),
        ("lines", i.lines.map { .array($0.map(lineJSON)) } ?? .null),
      ])
    }
    let trials = trialsUsed.sorted { a, b in
      switch (a, b) {
      case (.space(let x), .space(let y)): return x < y
      case (.space, .team): return true
      case (.team, .space): return false
      case (.team(let x), .team(let y)): return x < y
      }
    }.map(scopeJSON)
    let logJ: [JSON] = self.log.map { e in
      .object([
        ("date", .string(e.date.description)), ("actor", .str(e.actor)),
        ("command", .string(e.command)), ("outcome", .string(e.outcome)),
      ])
    }
    // NB: the journal behind `timeline`; saves made before it had none, and load without one.
    let journalJ: [JSON] = journal.entries.map { h in
      .object([
        ("date", .string(h.date.description)), ("kind", .string(h.kind.rawValue)),
        ("scope", scopeJSON(h.scope)), ("plan", .str(h.plan?.description)),
        ("invoice", .str(h.invoice?.description)), ("user", .str(h.user.map { handle($0) })),
        ("log", .num(h.log)), ("note", .string(h.note)),
      ])
    }
    let deedsJ: [JSON] = journal.ofUser.enumerated().compactMap { i, deeds in
      deeds.isEmpty
        ? nil
        : .object([
          ("user", .string(self.users[i].handle)),
          (
            "deeds",
            .array(
              deeds.map {
                switch $0 {
                case .action(let n): .string("log \(n)")
                case .message(let n): .string("inbox \(n)")
                }
              })
          ),
        ])
    }
    return [
      ("format", .string("billsh-world")), ("version", .int(1)),
      ("date", .string(today.description)),
      ("catalog", catalogJSON(catalog)), ("users", .array(usersJ)), ("spaces", .array(spacesJ)),
      ("teams", .array(teamsJ)),
      ("plans", .array(plansJ)), ("invoices", .array(invoicesJ)), ("trials_used", .array(trials)),
      ("log", .array(logJ)), ("journal", .array(journalJ)), ("timelines", .array(deedsJ)),
    ]
  }

  /// Rebuilds a world from `snapshot()`; a bad snapshot fails naming the field, and nothing is kept.
  package static func restore(_ json: JSON) throws(Failure) -> World {
    let r = Reader(json: json, path: "")
    guard try r.string("format") == "billsh-world" else {
      throw r.fail("format", "not a billsh world file")
    }
    guard try r.int("version") == 1 else { throw r.fail("version", "unsupported version") }
    let w = World(catalog: try parseCatalog(r.value("catalog"), base: .standard))
    w.today = try r.day("date")
    for (i, u) in try r.array("users").enumerated() {
      let ur = Reader(json: u, path: "users[\(i)]")
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
    for (i, s) in try r.array("spaces").enumerated() {
      let sr = Reader(json: s, path: "spaces[\(i)]")
      guard let kind = SpaceKind(rawValue: try sr.string("kind")) else {
        throw sr.fail("kind", "expected org or workspace")
      }
      let name = try sr.string("name")
      if w.spaceID(name) != nil { throw sr.fail("name", "duplicate space \(quoted(name))") }
      let id = w.newSpace(kind, name)
      for (j, p) in try sr.array("people").enumerated() {
        let pr = Reader(json: p, path: sr.path + ".people[\(j)]")
        let u = try pr.user("user", in: w)
        let role = try pr.string("role")
        guard role == "member" || (role == "guest" && kind == .org) else {
          throw pr.fail("role", "expected member\(kind == .org ? " or guest" : "")")
        }
        if w.spaces[id.index].people[u] != nil { throw pr.fail("user", "listed twice") }
        let admin = try pr.bool("admin")
        if admin && role == "guest" { throw pr.fail("admin", "a guest cannot be an admin") }
        _ = w.place(u, in: id, guest: role == "guest", admin: admin)
      }
    }
    for (i, t) in try r.array("teams").enumerated() {
      let tr = Reader(json: t, path: "teams[\(i)]")
      let orgName = try tr.string("org")
      guard let org = w.spaceID(orgName), w.spaces[org.index].kind == .org else {
        throw tr.fail("org", "unknown org \(quoted(orgName))")
      }
      let name = try tr.string("name")
      if w.spaces[org.index].teamsByName[name] != nil { throw tr.fail("name", "duplicate team") }
      let id = w.newTeam(name, in: org)
      for (j, p) in try tr.array("people").enumerated() {
        guard case .string(let h) = p, let u = w.userID(h), w.spaces[org.index].people[u] != nil,
          w.teams[id.index].people[u] == nil
        else {
          throw tr.fail("people[\(j)]", "expected a person of org \(quoted(orgName)), once")
        }
        _ = w.joinTeam(u, id)
      }
    }
    let planList = try r.array("plans")
    for (i, p) in planList.enumerated() {
      let pr = Reader(json: p, path: "plans[\(i)]")
      guard try pr.string("id") == "P\(i + 1)" else { throw pr.fail("id", "expected P\(i + 1)") }
      let scope = try pr.scope("scope", in: w)
      guard let tier = Tier(word: try pr.string("tier")) else {
        throw pr.fail("tier", "unknown tier")
      }
      guard let cycle = Cycle(rawValue: try pr.string("cycle")) else {
        throw pr.fail("cycle", "expected monthly or annual")
      }
      guard let status = PlanStatus(rawValue: try pr.string("status")) else {
        throw pr.fail("status", "unknown status")
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
      let owner = try pr.user("owner", in: w)
      var scheduled: PlanChange?
      if let sj = pr.json["scheduled"], sj != .null {
        let cr = Reader(json: sj, path: pr.path + ".scheduled")
        scheduled = PlanChange(
          tier: try cr.optionalString("tier").flatMap { Tier(word: $0) },
          seats: try cr.optionalInt("seats"),
          cycle: try cr.optionalString("cycle").flatMap { Cycle(rawValue: $0) })
      }
      let seats = try pr.int("seats")
      if seats < 0 { throw pr.fail("seats", "must not be negative") }
      var plan = Plan.restored(
        id: PlanID(index: i), scope: scope, tier: tier, cycle: cycle, seats: seats, owner: owner,
        payment: payment,
        address: try pr.string("address"), status: status, anchor: try pr.day("anchor"),
        periodIndex: try pr.int("period_index"),
        periodStart: try pr.day("period_start"), periodEnd: try pr.day("period_end"),
        scheduled: scheduled,
        unitCents: try pr.optionalInt("unit_cents"))
      plan.endedOn = try pr.optionalString("ended_on").flatMap { Day($0) }
      plan.endReason = try pr.optionalString("end_reason")
      if plan.periodEnd <= plan.periodStart {
        throw pr.fail("period_end", "must be after period_start")
      }
      w.restorePlan(plan)
      if plan.isLive {
        if w.livePlan(scope) != nil {
          throw pr.fail("scope", "\(w.describe(scope)) has two live plans")
        }
        if case .team(let t) = scope, w.livePlan(.space(w.teams[t.index].org)) != nil {
          throw pr.fail("scope", "a team of a paid organization cannot have its own plan (R6)")
        }
        do { try w.checkOwner(owner, for: scope, rule: .r11) } catch {
          throw pr.fail("owner", error.message)
        }
        w.attach(plan.id)
      }
    }
    for (i, inv) in try r.array("invoices").enumerated() {
      let ir = Reader(json: inv, path: "invoices[\(i)]")
      guard try ir.string("id") == InvoiceID(index: i).description else {
        throw ir.fail("id", "expected \(InvoiceID(index: i))")
      }
      let planText = try ir.string("plan")
      guard let pid = try? w.resolvePlan(planText) else {
        throw ir.fail("plan", "unknown plan \(quoted(planText))")
      }
      guard let payment = Payment(rawValue: try ir.string("payment")) else {
        throw ir.fail("payment", "unknown payment")
      }
      let id = InvoiceID(index: i)
      let amount = try ir.int("amount_cents")
      // NB: saves made before invoices kept their lines have none; `show` says so.
      var lines: [InvoiceLine]?
      if let lj = ir.json["lines"], lj != .null {
        guard case .array(let list) = lj else { throw ir.fail("lines", "expected a list or null") }
        lines = try list.enumerated().map { (j, l) throws(Failure) in
          try Reader(json: l, path: ir.path + ".lines[\(j)]").invoiceLine(plans: w.plans.count)
        }
        if lines?.reduce(0, { $0 + $1.cents }) != amount {
          throw ir.fail("lines", "the lines do not add up to amount_cents")
        }
      }
      w.restoreInvoice(
        Invoice.restored(
          id: id, plan: pid, date: try ir.day("date"), amountCents: amount,
          payment: payment, sentTo: try ir.user("sent_to", in: w), label: try ir.string("label"),
          lines: lines))
    }
    for (i, t) in try r.array("trials_used").enumerated() {
      let tr = Reader(json: .object([("scope", t)]), path: "trials_used[\(i)]")
      w.restoreTrialUsed(try tr.scope("scope", in: w))
    }
    for (i, e) in try r.array("log").enumerated() {
      let er = Reader(json: e, path: "log[\(i)]")
      w.log.append(
        LogEntry(
          date: try er.day("date"), actor: try er.optionalString("actor"),
          command: try er.string("command"), outcome: try er.string("outcome")))
    }
    try restoreJournal(r, into: w)
    return w
  }

  /// The journal and the people's timelines, when the save has them (older ones do not).
  private static func restoreJournal(_ r: Reader, into w: World) throws(Failure) {
    if let j = r.json["journal"], j != .null {
      for (i, e) in try r.array("journal").enumerated() {
        let er = Reader(json: e, path: "journal[\(i)]")
        guard let kind = Happening.Kind(rawValue: try er.string("kind")) else {
          throw er.fail("kind", "unknown kind")
        }
        func index(_ key: String, prefix: String, below n: Int) throws(Failure) -> Int? {
          guard let text = try er.optionalString(key) else { return nil }
          let digits = text.dropFirst(prefix.count)
          guard text.hasPrefix(prefix), let k = Int(digits), k >= 1, k <= n else {
            throw er.fail(key, "unknown \(key) \(quoted(text))")
          }
          return k - 1
        }
        let log = try er.optionalInt("log")
        if let log, log < 0 || log >= w.log.count { throw er.fail("log", "no such log entry") }
        w.restoreHappening(
          Happening(
            date: try er.day("date"), kind: kind, scope: try er.scope("scope", in: w),
            plan: try index("plan", prefix: "P", below: w.plans.count).map(w.planID(at:)),
            invoice: try index("invoice", prefix: "INV-", below: w.invoices.count).map(
              w.invoiceID(at:)),
            user: try er.optionalString("user").map { (h: String) throws(Failure) -> UserID in
              guard let u = w.userID(h) else { throw er.fail("user", "unknown user \(quoted(h))") }
              return u
            }, log: log, note: try er.string("note")))
      }
    }
    if let t = r.json["timelines"], t != .null {
      for (i, e) in try r.array("timelines").enumerated() {
        let tr = Reader(json: e, path: "timelines[\(i)]")
        let u = try tr.user("user", in: w)
        let deeds = try tr.array("deeds").enumerated().map { (j, d) throws(Failure) -> Deed in
          let bad = tr.fail("deeds[\(j)]", "expected \"log <n>\" or \"inbox <n>\"")
          guard case .string(let text) = d else { throw bad }
          let parts = text.split(separator: " ")
          guard parts.count == 2, let n = Int(parts[1]), n >= 0 else { throw bad }
          if parts[0] == "log", n < w.log.count { return .action(n) }
          if parts[0] == "inbox", n < w.user(u).inbox.count { return .message(n) }
          throw bad
        }
        w.restoreDeeds(of: u, deeds)
      }
    }
  }
}

/// An invoice line as saved: its kind and facts (its words are made when shown).
private func lineJSON(_ l: InvoiceLine) -> JSON {
  var kind = "period"
  var extra: [(String, JSON)] = []
  switch l.kind {
  case .period: break
  case .addedSeats(let from, let to):
    kind = "added-seats"
    extra = [("from", .int(from)), ("to", .int(to))]
  case .tierStep(let from, let to):
    kind = "tier-step"
    extra = [("from", .string(from.name)), ("to", .string(to.name))]
  case .credit(let plan):
    kind = "credit"
    extra = [("plan", .string(plan.description))]
  case .notPaidOut: kind = "not-paid-out"
  case .unitemized: kind = "unitemized"
  }
  return .object(
    [
      ("kind", .string(kind)), ("cents", .int(l.cents)), ("seats", .num(l.seats)),
      ("unit_cents", .num(l.unitCents)), ("days", .num(l.days)),
      ("period_days", .num(l.periodDays)),
    ] + extra)
}

extension Reader {
  func invoiceLine(plans: Int) throws(Failure) -> InvoiceLine {
    func tier(_ key: String) throws(Failure) -> Tier {
      guard let t = Tier(word: try string(key)) else { throw fail(key, "unknown tier") }
      return t
    }
    let kind: InvoiceLine.Kind
    switch try string("kind") {
    case "period": kind = .period
    case "added-seats": kind = .addedSeats(from: try int("from"), to: try int("to"))
    case "tier-step": kind = .tierStep(from: try tier("from"), to: try tier("to"))
    case "credit":
      let text = try string("plan")
      guard text.hasPrefix("P"), let n = Int(text.dropFirst()), n >= 1, n <= plans else {
        throw fail("plan", "unknown plan \(quoted(text))")
      }
      kind = .credit(PlanID(index: n - 1))
    case "not-paid-out": kind = .notPaidOut
    case "unitemized": kind = .unitemized
    default: throw fail("kind", "unknown kind of invoice line")
    }
    let days = try optionalInt("days"), period = try optionalInt("period_days")
    if let period, period <= 0 { throw fail("period_days", "must be above 0") }
    if let days, days < 0 { throw fail("days", "must not be negative") }
    return InvoiceLine(
      kind: kind, cents: try int("cents"), seats: try optionalInt("seats"),
      unitCents: try optionalInt("unit_cents"), days: days, periodDays: period)
  }
}

/// Field access with errors that name the path.
struct Reader {
  let json: JSON
  let path: String

  func fail(_ key: String, _ m: String) -> Failure {
    Failure(.io, nil, "\(path.isEmpty ? key : path + "." + key): \(m)")
  }
  func value(_ key: String) throws(Failure) -> JSON {
    guard case .object = json else {
      throw Failure(.io, nil, "\(path.isEmpty ? "top level" : path): expected an object")
    }
    guard let v = json[key] else { throw fail(key, "missing") }
    return v
  }
  func string(_ key: String) throws(Failure) -> String {
    guard case .string(let s) = try value(key) else { throw fail(key, "expected a string") }
    return s
  }
  func optionalString(_ key: String) throws(Failure) -> String? {
    let v = try value(key)
    if v == .null { return nil }
    guard case .string(let s) = v else { throw fail(key, "expected a string or null") }
    return s
  }
  func int(_ key: String) throws(Failure) -> Int {
    guard case .int(let n) = try value(key) else { throw fail(key, "expected a whole number") }
    return n
  }
  func optionalInt(_ key: String) throws(Failure) -> Int? {
    let v = try value(key)
    if v == .null { return nil }
    guard case .int(let n) = v else { throw fail(key, "expected a whole number or null") }
    return n
  }
  func bool(_ key: String) throws(Failure) -> Bool {
    guard case .bool(let b) = try value(key) else { throw fail(key, "expected true or false") }
    return b
  }
  func array(_ key: String) throws(Failure) -> [JSON] {
    guard case .array(let a) = try value(key) else { throw fail(key, "expected a list") }
    return a
  }
  func day(_ key: String) throws(Failure) -> Day {
    let s = try string(key)
    guard let d = Day(s), d.isInRange else {
      throw fail(key, "expected a date YYYY-MM-DD between 2000-01-01 and 9999-12-31")
    }
    return d
  }
  func user(_ key: String, in w: World) throws(Failure) -> UserID {
    let h = try string(key)
    guard let u = w.userID(h) else { throw fail(key, "unknown user \(quoted(h))") }
    return u
  }
  func scope(_ key: String, in w: World) throws(Failure) -> Scope {
    let sr = Reader(json: try value(key), path: path.isEmpty ? key : path + "." + key)
    let kind = try sr.string("kind"), name = try sr.string("name")
    switch kind {
    case "org", "workspace":
      guard let s = w.spaceID(name), w.spaces[s.index].kind.rawValue == kind else {
        throw sr.fail("name", "unknown \(kind) \(quoted(name))")
      }
      return .space(s)
    case "team":
      let org = try sr.string("org")
      guard let o = w.spaceID(org), let t = w.spaces[o.index].teamsByName[name] else {
        throw sr.fail("name", "unknown team \(quoted(name)) of \(quoted(org))")
      }
      return .team(t)
    default: throw sr.fail("kind", "expected org, workspace or team")
    }
  }
}
