import BillingModel
import BillingSupport
import BillingWords

/// The whole world as JSON (`.save`, `.load`, `--state`), and back.
extension World {
  /// `history: false` leaves out the log, the journal and the timelines (what a refused command
  /// or `can` may add to), for comparing the rest cheaply. `words` words the facts kept as words.
  package func snapshot(history: Bool = true, words: some SavedWords) -> [(String, JSON)] {
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
      .object([
        ("handle", .string($0.handle)),
        ("inbox", .array($0.inbox.map { .string(words.message($0, in: self)) })),
      ])
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
        ("end_reason", .str(p.endReason.map { words.endReason($0) })),
      ])
    }
    let invoicesJ: [JSON] = self.invoices.map { i in
      .object([
        ("id", .string(i.id.description)), ("plan", .string(i.plan.description)),
        ("date", .string(i.date.description)),
        ("amount_cents", .int(i.amountCents)), ("payment", .string(i.payment.rawValue)),
        ("sent_to", .string(handle(i.sentTo))),
        ("label", .string(words.label(i.label, in: self))),
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
    let all: [(String, JSON)] = [
      ("format", .string("billsh-world")), ("version", .int(1)),
      ("date", .string(today.description)),
      ("catalog", catalogJSON(catalog)), ("users", .array(usersJ)), ("spaces", .array(spacesJ)),
      ("teams", .array(teamsJ)),
      ("plans", .array(plansJ)), ("invoices", .array(invoicesJ)), ("trials_used", .array(trials)),
    ]
    guard history else { return all }
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
        ("log", .num(h.log)), ("actor", .str(h.actor.map { handle($0) })),
        ("note", .string(words.note(h, journal.fact(of: h), in: self))),
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
    return all + [
      ("log", .array(logJ)), ("journal", .array(journalJ)), ("timelines", .array(deedsJ)),
    ]
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
  case .noRefund: kind = "no-refund"
  case .unitemized: kind = "unitemized"
  }
  return .object(
    [
      ("kind", .string(kind)), ("cents", .int(l.cents)), ("seats", .num(l.seats)),
      ("unit_cents", .num(l.unitCents)), ("days", .num(l.days)),
      ("period_days", .num(l.periodDays)),
    ] + extra)
}
