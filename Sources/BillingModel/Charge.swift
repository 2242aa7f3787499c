/// One line of an invoice's arithmetic: a charge or a credit, in cents.
package struct InvoiceLine: Sendable, Equatable {
  /// What the line bills; its words are made when it is shown.
  package enum Kind: Sendable, Equatable {
    /// A whole period: seats × unit price.
    case period
    /// Seats added during the period (P3 `edit`, P5 resize), pro rata.
    case addedSeats(from: Int, to: Int)
    /// A tier step on the seats held (P3), pro rata.
    case tierStep(from: Tier, to: Tier)
    /// Unused time of an absorbed team plan (P6), negative.
    case credit(PlanID)
    /// Credits above the price, not paid out (P6): brings the total to 0.
    case notPaidOut
    /// A tier step that costs less than a price sales set is not refunded (P3): total to 0.
    case noRefund
    /// An invoice kept without its lines (saved before invoices kept them): the whole amount.
    case unitemized
  }

  package var kind: Kind
  package var cents: Int
  package var seats: Int?
  package var unitCents: Int?
  /// Days billed of the period and the days of the period; nil for a whole period.
  package var days: Int?
  package var periodDays: Int?
  /// `seats × unit × days`, before the division by the period and the rounding.
  package var value: Int? { seats.flatMap { s in unitCents.map { s * $0 } } }

  package init(
    kind: Kind, cents: Int, seats: Int? = nil, unitCents: Int? = nil, days: Int? = nil,
    periodDays: Int? = nil
  ) {
    self.kind = kind
    self.cents = cents
    self.seats = seats
    self.unitCents = unitCents
    self.days = days
    self.periodDays = periodDays
  }
}

/// What an invoice bills, line by line: the one place an invoice's amount is worked out, so its
/// lines and its amount cannot disagree (the amount is the sum of the lines).
package struct Charge: Sendable {
  package private(set) var lines: [InvoiceLine] = []

  package var total: Int {
    var sum = 0
    for l in lines { sum += l.cents }
    return sum
  }

  /// A whole period: one line, seats × unit price.
  package static func period(seats: Int, unitCents: Int) -> Charge {
    var c = Charge()
    c.lines = [
      InvoiceLine(kind: .period, cents: seats * unitCents, seats: seats, unitCents: unitCents)
    ]
    return c
  }

  /// Pro rata parts of one period, rounded once (§2): the sum of `seats × unit` over the parts,
  /// × days ÷ period days. Each line shows its own rounding; the last carries the remainder.
  package static func prorata(
    _ parts: [(kind: InvoiceLine.Kind, seats: Int, unitCents: Int)], days: Int, periodDays: Int
  ) -> Charge {
    var value = 0
    for p in parts { value += p.seats * p.unitCents }
    let total = Money.prorate(value, days, periodDays)
    var c = Charge()
    c.lines.reserveCapacity(parts.count)
    var sofar = 0
    for (i, p) in parts.enumerated() {
      let cents =
        i == parts.count - 1
        ? total - sofar : Money.prorate(p.seats * p.unitCents, days, periodDays)
      sofar += cents
      c.lines.append(
        InvoiceLine(
          kind: p.kind, cents: cents, seats: p.seats, unitCents: p.unitCents, days: days,
          periodDays: periodDays))
    }
    return c
  }

  /// P6: unused time of an absorbed plan, credited (each credit rounded on its own).
  /// A trial is credited nothing.
  package mutating func credit(
    _ plan: PlanID, seats: Int, unitCents: Int, days: Int, periodDays: Int
  ) {
    let cents = Money.prorate(seats * unitCents, days, periodDays)
    lines.append(
      InvoiceLine(
        kind: .credit(plan), cents: -cents, seats: seats, unitCents: unitCents, days: days,
        periodDays: periodDays))
  }

  /// P6: an absorbed trial is credited nothing: its line has no seats, price or days (SPEC §8).
  package mutating func creditTrial(_ plan: PlanID) {
    lines.append(InvoiceLine(kind: .credit(plan), cents: 0))
  }

  /// The credits of this charge, as a positive amount.
  package var credited: Int {
    var sum = 0
    for l in lines { if case .credit = l.kind { sum -= l.cents } }
    return sum
  }

  /// Never below 0: a last line of this kind brings a negative total to 0 (P6's credits above
  /// the price are not paid out; P3's step to a cheaper price is not refunded).
  package mutating func capAtZero(_ kind: InvoiceLine.Kind = .notPaidOut) {
    let t = total
    if t < 0 { lines.append(InvoiceLine(kind: kind, cents: -t)) }
  }
}
