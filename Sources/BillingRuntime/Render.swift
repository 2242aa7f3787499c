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
      ("scheduled", scheduledJSON(id)),
      ("over", .bool(isOver(p))), ("address", .string(p.address)),
    ])
  }

  /// A plan's scheduled change, dated its renewal, or null.
  func scheduledJSON(_ id: PlanID) -> JSON {
    let p = plan(id)
    return p.scheduled.map { c in
      .object([
        ("tier", .str(c.tier?.name)), ("seats", .num(c.seats)),
        ("cycle", .str(c.cycle?.rawValue)), ("date", .string(p.periodEnd.description)),
      ])
    } ?? .null
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
    var t = Text(capacity: 128)
    writeInvoiceLine(id, to: &t)
    return t
  }

  /// Appends `invoiceLine(id)` to `t`, piece by piece.
  func writeInvoiceLine(_ id: InvoiceID, to t: inout Text) {
    let i = invoice(id)
    t.append(id)
    t.append(" " as StaticString)
    t.append(i.date)
    t.append(" " as StaticString)
    t.append(i.plan)
    t.append(" " as StaticString)
    t.append(money: i.amountCents)
    t.append(" " as StaticString)
    t.append(i.payment.rawValue)
    t.append(" " as StaticString)
    t.append(i.status)
    t.append(", sent to " as StaticString)
    t.append(quoted: handle(i.sentTo))
    t.append(": " as StaticString)
    Words().appendLabel(i.label, to: &t)
  }

  /// A plan as `plan` shows it: its lines, each after the first indented two more when `indent`.
  func writePlan(_ id: PlanID, to t: inout Text, indent: Bool = false) {
    // NB: each piece is appended to `t` as it is: no Text is made per line and copied in (one
    // allocation and copy a line was most of a plan's cost to show).
    let p = plan(id)
    let owner = handle(p.owner)
    let lead: StaticString = indent ? "\n    " : "\n  "
    if indent { t.append("  ") }
    t.append(id)
    t.append(" " as StaticString)
    t.append(byName(p.scope))
    t.append(": " as StaticString)
    t.append(p.tier.name)
    if p.isTrial {
      t.append(" trial, " as StaticString)
      t.append(p.periodStart)
      t.append(" to " as StaticString)
      t.append(p.periodEnd)
      t.append(", billing owner " as StaticString)
      t.append(quoted: owner)
      return
    }
    t.append(", " as StaticString)
    t.append(p.cycle.rawValue)
    t.append(", " as StaticString)
    t.append(p.seats)
    t.append(" seats, " as StaticString)
    t.append(p.payment?.rawValue ?? "-")
    t.append(", " as StaticString)
    t.append(p.status.rawValue)
    t.append(lead)
    t.append("period " as StaticString)
    t.append(p.periodStart)
    t.append(" to " as StaticString)
    t.append(p.periodEnd)
    t.append(", " as StaticString)
    t.append(money: periodCents(of: p))
    t.append(" a " as StaticString)
    t.append(p.cycle.unitWord)
    t.append(", billing owner " as StaticString)
    t.append(quoted: owner)
    let used = billable(p.scope)
    t.append(lead)
    t.append(used)
    t.append(used == 1 ? " billable member on " as StaticString : " billable members on ")
    t.append(p.seats)
    t.append(" seats" as StaticString)
    if isOver(p) { t.append(": over its size (P5)" as StaticString) }
    if let c = p.scheduled { t += "\(lead)on \(p.periodEnd): \(describe(c)) (scheduled, P3)" }
    if p.status == .canceling {
      t += "\(lead)ends on \(p.periodEnd): canceling, resume keeps it (R20)"
    }
    if p.status == .ended {
      t +=
        "\(lead)ended on \(p.endedOn?.description ?? "?"): \(p.endReason.map { Words().endReason($0) } ?? "ended")"
    }
    if !p.address.isEmpty { t += "\(lead)billing address \(quoted: p.address)" }
  }

  func eventJSON(_ e: Event) -> JSON {
    .object([
      ("date", .string(e.date.description)), ("type", .string(e.kind.rawValue)),
      ("plan", .string(e.plan.description)),
      ("scope", .string(describe(e.scope))), ("invoice", .str(e.invoice?.description)),
    ])
  }

  func eventLine(_ e: Event) -> Text {
    var t: Text =
      "  \(e.date) \(e.kind.rawValue) \(e.plan) \(describe(e.scope)): \(Words().detail(e, in: self))"
    if let inv = e.invoice { t += "; \(inv) \(money: invoice(inv).amountCents)" }
    return t
  }
}

extension Failure {
  /// ERROR of SPEC §5: `{"code", "rule", "message"}`.
  package var json: JSON {
    .object([
      ("code", .string(code.rawValue)), ("rule", .str(rule?.id)), ("message", .string(message)),
    ])
  }
}

/// "1 space", "2 spaces".
func counted(_ n: Int, _ noun: String) -> String { n == 1 ? "1 \(noun)" : "\(n) \(noun)s" }

extension World {
  /// One invoice line in words, with its arithmetic and the days it charges: `5 seats added
  /// (5 → 10) × $13.49 for 21 of 31 days (2026-03-10 to 2026-03-31 of 2026-03-01 to 2026-03-31):
  /// 6745 × 21/31 = 4569.19… → $45.69`. `issued` is the invoice's date, where its pro rata days
  /// start.
  func arithmetic(_ l: InvoiceLine, issued: Day) -> String {
    var t = Text()
    switch l.kind {
    case .period:
      t += "\(counted(l.seats ?? 0, "seat")) × \(money: l.unitCents ?? 0), a whole period"
    case .addedSeats(let from, let to):
      t +=
        "\(l.seats ?? 0) seat\(l.seats == 1 ? "" : "s") added (\(from) → \(to)) × \(money: l.unitCents ?? 0)"
    case .tierStep(let from, let to) where from == to:
      // A new price sales set for the same tier.
      t +=
        "\(to.name) at a new price on the \(counted(l.seats ?? 0, "seat")) held × \(money: l.unitCents ?? 0) more per seat"
    case .tierStep(let from, let to):
      t +=
        "\(from.name) → \(to.name) on the \(counted(l.seats ?? 0, "seat")) held × \(money: l.unitCents ?? 0) more per seat"
    case .credit(let plan):
      let p = self.plan(plan)
      if p.wasTrial {
        // SPEC §8: an absorbed trial is credited nothing; its line says it was a trial.
        t += "credit for \(plan) (\(describe(p.scope))): a trial, nothing to credit, \(money: 0)"
        return t.string
      }
      t +=
        "credit for \(plan) (\(describe(p.scope))), unused time of \(counted(l.seats ?? 0, "seat")) × \(money: l.unitCents ?? 0)"
    case .notPaidOut:
      t += "credits above the price are not paid out: \(money: l.cents), the total is $0.00 (P6)"
      return t.string
    case .noRefund:
      t +=
        "the new tier costs less than the price sales set; nothing is refunded: \(money: l.cents), the total is $0.00 (P3)"
      return t.string
    case .unitemized:
      t +=
        "\(money: l.cents): not itemized (this invoice was loaded from a save made before invoices kept their lines)"
      return t.string
    }
    guard let value = l.value else { return t.string }
    let sign = l.cents < 0 ? -1 : 1
    guard let days = l.days, let period = l.periodDays, period > 0 else {
      t += " = \(money: sign * value)"
      return t.string
    }
    let signed = sign * value
    let (from, to, start) = InvoiceLine.dates(days: days, periodDays: period, issued: issued)
    t +=
      " for \(days) of \(period) days (\(from) to \(to) of \(start) to \(to)): \(signed) × \(days)/\(period) = "
    t.append(exactQuotient(signed * days, period))
    let own = sign * Money.prorate(value, days, period)
    t += " → \(money: own)"
    if own != l.cents {
      t += "; \(money: l.cents) with the rounding of the total (the invoice is rounded once, §2)"
    }
    return t.string
  }
}

/// `n ÷ d` in decimals: whole, or cut after two decimals with "…" when it goes on.
func exactQuotient(_ n: Int, _ d: Int) -> String {
  let negative = n < 0
  let a = negative ? -n : n
  var s = negative ? "-" : ""
  s += String(a / d)
  let rest = a % d
  if rest == 0 { return s }
  let hundredths = rest * 100 / d
  let more = rest * 100 % d != 0
  s += "." + (hundredths < 10 ? "0" : "") + String(hundredths) + (more ? "…" : "")
  return s
}

extension InvoiceLine {
  /// The days a pro rata line charges, `from` (the invoice's date) to `to` (its period's end),
  /// and the start of that period: every pro rata charge runs from the day it is made to the end
  /// of the period.
  static func dates(days: Int, periodDays: Int, issued: Day) -> (from: Day, to: Day, start: Day) {
    let to = issued.adding(days: days)
    return (issued, to, to.adding(days: -periodDays))
  }

  /// `from` and `to` of a pro rata line (SPEC §8), or nil where the line is not pro rata.
  func span(issued: Day) -> (from: Day, to: Day)? {
    guard let days, let periodDays, periodDays > 0 else { return nil }
    let d = InvoiceLine.dates(days: days, periodDays: periodDays, issued: issued)
    return (d.from, d.to)
  }
}
