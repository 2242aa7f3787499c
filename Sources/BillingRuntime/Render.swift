import BillingModel
import BillingSupport

/// Text and JSON views of model values, in one place.
extension World {
  func planJSON(_ id: PlanID) -> JSON {
    let p = plan(id)
    return .object([
      ("id", .string(id.description)), ("scope", .string(describe(p.scope))),
      ("tier", .string(p.tier.name)),
      ("cycle", p.wasTrial ? .null : .string(p.cycle.rawValue)),
      ("seats", p.wasTrial ? .null : .int(p.seats)),
      ("billing_owner", .string(handle(p.owner))), ("payment", .str(p.payment?.rawValue)),
      ("status", .string(p.status.rawValue)), ("period_start", .string(p.periodStart.description)),
      ("period_end", .string(p.periodEnd.description)), ("period_cents", .int(periodCents(of: p))),
      (
        "scheduled",
        p.scheduled.map { c in
          .object([
            ("tier", .str(c.tier?.name)), ("seats", .num(c.seats)),
            ("cycle", .str(c.cycle?.rawValue)), ("date", .string(p.periodEnd.description)),
          ])
        } ?? .null
      ),
      ("over", .bool(isOver(p))), ("address", .string(p.address)),
    ])
  }

  func invoiceJSON(_ id: InvoiceID) -> JSON {
    let i = invoice(id)
    return .object([
      ("id", .string(id.description)), ("plan", .string(i.plan.description)),
      ("date", .string(i.date.description)),
      ("amount_cents", .int(i.amountCents)), ("payment", .string(i.payment.rawValue)),
      ("status", .string(i.status)),
      ("sent_to", .string(handle(i.sentTo))),
    ])
  }

  func invoiceLine(_ id: InvoiceID) -> Text {
    let i = invoice(id)
    return
      "\(id) \(i.date) \(i.plan) \(money: i.amountCents) \(i.payment.rawValue) \(i.status), sent to \(quoted: handle(i.sentTo)): \(i.label)"
  }

  /// A plan as `plan` shows it: its lines, each after the first indented two more when `indent`.
  func writePlan(_ id: PlanID, to t: inout Text, indent: Bool = false) {
    let p = plan(id)
    let owner = handle(p.owner)
    let lead: Text = indent ? "\n    " : "\n  "
    if indent { t.append("  ") }
    if p.isTrial {
      t +=
        "\(id) \(describe(p.scope)): \(p.tier.name) trial, \(p.periodStart) to \(p.periodEnd), billing owner \(quoted: owner)"
      return
    }
    t +=
      "\(id) \(describe(p.scope)): \(p.tier.name), \(p.cycle.rawValue), \(p.seats) seats, \(p.payment?.rawValue ?? "-"), \(p.status.rawValue)"
    t +=
      "\(lead)period \(p.periodStart) to \(p.periodEnd), \(money: periodCents(of: p)) a \(p.cycle.unitWord), billing owner \(quoted: owner)"
    let used = billable(p.scope)
    t += "\(lead)\(used) billable member\(used == 1 ? "" : "s") on \(p.seats) seats"
    if isOver(p) { t.append(": over its size (P5)") }
    if let c = p.scheduled { t += "\(lead)on \(p.periodEnd): \(describe(c)) (scheduled, P3)" }
    if p.status == .canceling {
      t += "\(lead)ends on \(p.periodEnd): canceling, resume keeps it (R20)"
    }
    if p.status == .ended {
      t += "\(lead)ended on \(p.endedOn?.description ?? "?"): \(p.endReason ?? "ended")"
    }
    if !p.address.isEmpty { t += "\(lead)billing address \(quoted: p.address)" }
  }

  func eventJSON(_ e: Event) -> JSON {
    .object([
      ("date", .string(e.date.description)), ("type", .string(e.kind.rawValue)),
      ("plan", .string(e.plan.description)),
      ("scope", .string(e.scope)), ("invoice", .str(e.invoice?.description)),
    ])
  }

  func eventLine(_ e: Event) -> Text {
    var t: Text = "  \(e.date) \(e.kind.rawValue) \(e.plan) \(e.scope): \(e.detail)"
    if let inv = e.invoice { t += "; \(inv) \(money: invoice(inv).amountCents)" }
    return t
  }
}

extension Failure {
  /// ERROR of SPEC §5: `{"code", "rule", "message"}`.
  var json: JSON {
    .object([
      ("code", .string(code.rawValue)), ("rule", .str(rule?.id)), ("message", .string(message)),
    ])
  }
}

/// "1 space", "2 spaces".
func counted(_ n: Int, _ noun: String) -> String { n == 1 ? "1 \(noun)" : "\(n) \(noun)s" }
