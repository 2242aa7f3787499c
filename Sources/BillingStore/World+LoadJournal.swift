import BillingModel
import BillingSupport

/// The parts of a saved world behind `show <invoice-id>` and `timeline`: invoice lines, the
/// journal and the people's timelines. Saves made before them have none, and load without.
extension World {
  /// One invoice line as `.save` writes it (`lineJSON`), checked like the rest of the file.
  func invoiceLine(_ json: JSON, _ path: String) throws(Failure) -> InvoiceLine {
    var kindText = ""
    if case .string(let k)? = json["kind"] { kindText = k }
    let extra: [String] =
      switch kindText {
      case "added-seats", "tier-step": ["from", "to"]
      case "credit": ["plan"]
      default: []
      }
    let lr = try Reader.object(
      json, path, keys: ["kind", "cents", "seats", "unit_cents", "days", "period_days"] + extra)
    let kind: InvoiceLine.Kind
    switch try lr.string("kind") {
    case "period": kind = .period
    case "added-seats":
      let from = try lr.int("from"), to = try lr.int("to")
      guard from >= 0, from < to, to <= Money.maxSeats else {
        throw lr.fail("to", "expected more seats than from, at most \(Money.maxSeats)")
      }
      kind = .addedSeats(from: from, to: to)
    case "tier-step": kind = .tierStep(from: try lr.tier("from"), to: try lr.tier("to"))
    case "credit":
      let text = try lr.string("plan")
      guard let plan = planID(text) else { throw lr.fail("plan", "unknown plan \(quoted(text))") }
      kind = .credit(plan)
    case "not-paid-out": kind = .notPaidOut
    case "no-refund": kind = .noRefund
    case "unitemized": kind = .unitemized
    default: throw lr.fail("kind", "unknown kind of invoice line")
    }
    let cents = try lr.int("cents")
    guard cents >= -Money.maxAmount, cents <= Money.maxAmount else {
      throw lr.fail("cents", "expected -\(Money.maxAmount) to \(Money.maxAmount) cents")
    }
    let seats = try lr.optionalInt("seats"), unit = try lr.optionalInt("unit_cents")
    if let seats, seats < 0 || seats > Money.maxSeats {
      throw lr.fail("seats", "expected 0 to \(Money.maxSeats)")
    }
    if let unit, abs(unit) > Money.maxUnitCents(.annual) {
      throw lr.fail("unit_cents", "expected at most \(Money.maxUnitCents(.annual)) cents")
    }
    let days = try lr.optionalInt("days"), period = try lr.optionalInt("period_days")
    if let period, period <= 0 || period > 366 { throw lr.fail("period_days", "expected 1 to 366") }
    if let days, days < 0 || days > (period ?? 366) {
      throw lr.fail("days", "expected 0 to the days of the period")
    }
    return InvoiceLine(
      kind: kind, cents: cents, seats: seats, unitCents: unit, days: days, periodDays: period)
  }

  /// The fact of a saved journal entry: the people an `add` named and a role as values, the rest
  /// as the words saved (none where the words are made from the ids: invoices, refusals, renewals).
  private func savedFact(_ h: Happening, note: String) -> Fact? {
    switch h.kind {
    case .added where h.user == nil && !note.isEmpty:
      let words = note.split(separator: " ")
      let role: JoinRole =
        switch words.first {
        case "guest": .guest
        case "admin": .admin
        default: .member
        }
      return .joined(role, words.dropFirst().compactMap { userID(String($0)) })
    case .role: return .roleChanged(admin: note == "admin")
    case .removed where note.isEmpty: return .removed
    default: return note.isEmpty ? nil : .said(note)
    }
  }

  /// The journal and the people's timelines, when the save has them.
  func loadJournal(_ r: Reader) throws(Failure) {
    if let j = r.json["journal"], j != .null {
      for (i, e) in try r.array("journal").enumerated() {
        let er = try Reader.object(
          e, "journal[\(i)]",
          keys: ["date", "kind", "scope", "plan", "invoice", "user", "log", "actor", "note"])
        guard let kind = Happening.Kind(rawValue: try er.string("kind")) else {
          throw er.fail("kind", "unknown kind")
        }
        let plan = try er.optionalString("plan").map { (t: String) throws(Failure) -> PlanID in
          guard let p = planID(t) else { throw er.fail("plan", "unknown plan \(quoted(t))") }
          return p
        }
        let invoice = try er.optionalString("invoice").map {
          (t: String) throws(Failure) -> InvoiceID in
          guard let i = invoiceID(t) else {
            throw er.fail("invoice", "unknown invoice \(quoted(t))")
          }
          return i
        }
        let log = try er.optionalInt("log")
        if let log, log < 0 || log >= self.log.count { throw er.fail("log", "no such log entry") }
        let user = try er.optionalString("user").map { (h: String) throws(Failure) -> UserID in
          guard let u = userID(h) else { throw er.fail("user", "unknown user \(quoted(h))") }
          return u
        }
        let actor = try er.optionalString("actor").map { (h: String) throws(Failure) -> UserID in
          guard let u = userID(h) else { throw er.fail("actor", "unknown user \(quoted(h))") }
          return u
        }
        let h = Happening(
          date: try er.day("date"), kind: kind, scope: try er.scope("scope", in: self),
          plan: plan, invoice: invoice, user: user, log: log, actor: actor)
        restoreHappening(h, fact: savedFact(h, note: try er.string("note")))
      }
    }
    if let t = r.json["timelines"], t != .null {
      for (i, e) in try r.array("timelines").enumerated() {
        let tr = try Reader.object(e, "timelines[\(i)]", keys: ["user", "deeds"])
        let u = try tr.user("user", in: self)
        let deeds = try tr.array("deeds").enumerated().map { (j, d) throws(Failure) -> Deed in
          let bad = tr.fail("deeds[\(j)]", "expected \"log <n>\" or \"inbox <n>\"")
          guard case .string(let text) = d else { throw bad }
          let parts = text.split(separator: " ")
          guard parts.count == 2, let n = Int(parts[1]), n >= 0 else { throw bad }
          if parts[0] == "log", n < self.log.count { return .action(n) }
          if parts[0] == "inbox", n < user(u).inbox.count { return .message(n) }
          throw bad
        }
        restoreDeeds(of: u, deeds)
      }
    }
  }
}
