import BillingModel

/// Text and JSON views of model values, in one place.
extension World {
  func planJSON(_ id: PlanID) -> JSON {
    let p = plan(id)
    return .object([
      ("id", .string(id.description)), ("scope", .string(describe(p.scope))), ("tier", .string(p.tier.name)),
      ("cycle", p.isTrial ? .null : .string(p.cycle.rawValue)), ("seats", p.isTrial ? .null : .int(p.seats)),
      ("billing_owner", .string(handle(p.owner))), ("payment", .str(p.payment?.rawValue)),
      ("status", .string(p.status.rawValue)), ("period_start", .string(p.periodStart.description)),
      ("period_end", .string(p.periodEnd.description)), ("period_cents", .int(periodCents(of: p))),
      ("scheduled", p.scheduled.map { c in
        .object([("tier", .str(c.tier?.name)), ("seats", .num(c.seats)), ("cycle", .str(c.cycle?.rawValue)), ("date", .string(p.periodEnd.description))])
      } ?? .null),
      ("over", .bool(isOver(p))), ("address", .string(p.address)),
    ])
  }

  func invoiceJSON(_ id: InvoiceID) -> JSON {
    let i = invoice(id)
    return .object([
      ("id", .string(id.description)), ("plan", .string(i.plan.description)), ("date", .string(i.date.description)),
      ("amount_cents", .int(i.amountCents)), ("payment", .string(i.payment.rawValue)), ("status", .string(i.status)),
      ("sent_to", .string(handle(i.sentTo))),
    ])
  }

  func invoiceLine(_ id: InvoiceID) -> String {
    let i = invoice(id)
    return "\(id) \(i.date) \(i.plan) \(Money.format(i.amountCents)) \(i.payment.rawValue) \(i.status), sent to \(quoted(handle(i.sentTo))): \(i.label)"
  }

  func planLines(_ id: PlanID) -> [String] {
    let p = plan(id)
    let owner = quoted(handle(p.owner))
    if p.isTrial {
      return ["\(id) \(describe(p.scope)): \(p.tier.name) trial, \(p.periodStart) to \(p.periodEnd), billing owner \(owner)"]
    }
    var lines = [
      "\(id) \(describe(p.scope)): \(p.tier.name), \(p.cycle.rawValue), \(p.seats) seats, \(p.payment?.rawValue ?? "-"), \(p.status.rawValue)",
      "  period \(p.periodStart) to \(p.periodEnd), \(Money.format(periodCents(of: p))) a \(p.cycle.unitWord), billing owner \(owner)",
    ]
    let used = billable(p.scope)
    lines.append("  \(used) billable member\(used == 1 ? "" : "s") on \(p.seats) seats" + (isOver(p) ? ": over its size (P5)" : ""))
    if let c = p.scheduled { lines.append("  on \(p.periodEnd): \(describe(c)) (scheduled, P3)") }
    if p.status == .canceling { lines.append("  ends on \(p.periodEnd): canceling, resume keeps it (R20)") }
    if p.status == .ended { lines.append("  ended on \(p.endedOn?.description ?? "?"): \(p.endReason ?? "ended")") }
    if !p.address.isEmpty { lines.append("  billing address \(quoted(p.address))") }
    return lines
  }

  func eventJSON(_ e: Event) -> JSON {
    .object([
      ("date", .string(e.date.description)), ("type", .string(e.kind.rawValue)), ("plan", .string(e.plan.description)),
      ("scope", .string(e.scope)), ("invoice", .str(e.invoice?.description)),
    ])
  }

  func eventLine(_ e: Event) -> String {
    var s = "  \(e.date) \(e.kind.rawValue) \(e.plan) \(e.scope): \(e.detail)"
    if let inv = e.invoice { s += "; \(inv) \(Money.format(invoice(inv).amountCents))" }
    return s
  }

  func failureJSON(_ f: Failure) -> JSON {
    .object([("code", .string(f.code.rawValue)), ("rule", .str(f.rule)), ("message", .string(f.message))])
  }
}
