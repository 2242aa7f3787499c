import BillingModel
import BillingSupport

/// What `.save` guarantees across a saved world, checked once everything is read (issue 24):
/// dates in order, invoices and their lines that agree, log entries as billsh writes them, and
/// each timeline holding only its own person's actions. Each error names the JSON path.
extension World {
  /// A log entry's command is one command line (SPEC §5: at most 64 KiB).
  static let maxLogCommandBytes = 64 * 1024

  /// Runs every cross-check; the first failure names the JSON path of what is wrong.
  func checkConsistency() throws(Failure) {
    try checkLogOrder()
    try checkInvoiceDates()
    for i in invoices.indices { try checkLines(of: invoices[i], "invoices[\(i)]") }
    try checkJournalDates()
    try checkTimelines()
  }

  /// Whether a log entry is a `clock <date>` that moved the clock (the only way back in time).
  private func setsClock(_ e: LogEntry) -> Bool {
    e.outcome == "ok" && e.command.hasPrefix("clock ")
  }

  /// The log as billsh writes it: commands of one line, outcomes `ok` or `error[<code>]`
  /// with a known rule; dates never after today and never going back, except across a
  /// `clock <date>` (SPEC §8: the clock may move back while no plan ever existed).
  private func checkLogOrder() throws(Failure) {
    let lastClock = log.lastIndex(where: setsClock)
    var previous: Day?
    for (i, e) in log.enumerated() {
      let r = Reader(json: .null, path: "log[\(i)]")
      if e.command.utf8.count > World.maxLogCommandBytes {
        throw r.fail("command", "longer than a command line (64 KiB)")
      }
      if e.command.isEmpty || e.command.utf8.contains(10) || e.command.utf8.contains(0) {
        throw r.fail("command", "expected one command line")
      }
      if !World.isLogOutcome(e.outcome) {
        throw r.fail("outcome", "expected ok or error[<code>] with an optional (<rule>)")
      }
      if let previous, e.date < previous, i == 0 || !setsClock(log[i - 1]) {
        throw r.fail("date", "before the entry above it (\(previous)), with no clock set between")
      }
      if e.date > today, lastClock.map({ i > $0 }) ?? true {
        throw r.fail("date", "after today (\(today))")
      }
      previous = e.date
    }
  }

  /// `ok`, `error[<code>]` or `error[<code>] (<rule>)`, with a code and rule billsh knows.
  static func isLogOutcome(_ text: String) -> Bool {
    if text == "ok" { return true }
    guard text.hasPrefix("error["), let close = text.firstIndex(of: "]") else { return false }
    let code = text[text.index(text.startIndex, offsetBy: 6)..<close]
    guard ErrorCode(rawValue: String(code)) != nil else { return false }
    let rest = text[text.index(after: close)...]
    if rest.isEmpty { return true }
    guard rest.hasPrefix(" ("), rest.hasSuffix(")"), rest.count > 3 else { return false }
    return Rule(id: String(rest.dropFirst(2).dropLast())) != nil
  }

  /// A plan's invoices are dated in the order they were issued, none before the plan started
  /// (its `plan-started` or `trial-started` entry in the journal, when the save has one).
  private func checkInvoiceDates() throws(Failure) {
    var started: [Day?] = Array(repeating: nil, count: plans.count)
    for h in journal.entries where h.kind == .started || h.kind == .trialStarted {
      guard let p = h.plan else { continue }
      if started[p.index].map({ h.date < $0 }) ?? true { started[p.index] = h.date }
    }
    var last: [Day?] = Array(repeating: nil, count: plans.count)
    for (i, inv) in invoices.enumerated() {
      let r = Reader(json: .null, path: "invoices[\(i)]")
      let p = inv.plan.index
      if let start = started[p], inv.date < start {
        throw r.fail("date", "before its plan \(inv.plan) started (\(start))")
      }
      if let before = last[p], inv.date < before {
        throw r.fail("date", "before the plan's invoice issued ahead of it (\(before))")
      }
      last[p] = inv.date
    }
  }

  /// Lines that agree with their seats, prices and days, as `Charge` makes them: a period is
  /// seats × price; added seats are `to − from`; the pro rata lines of an invoice share their
  /// days and are rounded once (each line on its own, the last carrying the remainder); a
  /// credit is its own rounding, negative; a line bringing the total to 0 comes last.
  func checkLines(of inv: Invoice, _ path: String) throws(Failure) {
    guard let lines = inv.lines else { return }
    var prorata: [Int] = []
    for (j, l) in lines.enumerated() {
      let r = Reader(json: .null, path: "\(path).lines[\(j)]")
      let timed = l.days != nil && l.periodDays != nil
      if (l.days == nil) != (l.periodDays == nil) {
        throw r.fail("days", "days and period_days go together")
      }
      switch l.kind {
      case .period:
        guard let seats = l.seats, let unit = l.unitCents, !timed else {
          throw r.fail("seats", "a whole period has seats and unit_cents, and no days")
        }
        let (product, overflow) = seats.multipliedReportingOverflow(by: unit)
        if overflow || product != l.cents {
          throw r.fail("cents", "\(seats) seats × \(unit) cents is not \(l.cents)")
        }
      case .addedSeats(let from, let to):
        guard l.seats == to - from else {
          throw r.fail(
            "seats",
            "\(to) − \(from) seats added is \(to - from), not \(l.seats.map(String.init) ?? "null")"
          )
        }
        guard l.unitCents != nil, timed else {
          throw r.fail("days", "added seats are charged pro rata: unit_cents, days and period_days")
        }
        prorata.append(j)
      case .tierStep:
        guard l.seats != nil, l.unitCents != nil, timed else {
          throw r.fail("days", "a tier step is charged pro rata: seats, unit_cents and days")
        }
        prorata.append(j)
      case .credit:
        if let seats = l.seats, let unit = l.unitCents, let days = l.days, let pd = l.periodDays {
          if -Money.prorate(seats * unit, days, pd) != l.cents {
            throw r.fail("cents", "the credit for \(days) of \(pd) days is not \(l.cents)")
          }
        } else if l.cents != 0 || l.seats != nil || l.unitCents != nil || timed {
          throw r.fail("cents", "a trial's credit is 0, without seats, price or days")
        }
      case .notPaidOut, .noRefund:
        if j != lines.count - 1 || l.cents <= 0 || l.seats != nil || timed {
          throw r.fail("kind", "a line bringing the total to 0 comes last, positive, alone")
        }
      case .unitemized:
        if lines.count != 1 || l.seats != nil || timed {
          throw r.fail("kind", "an unitemized invoice has that one line")
        }
      }
    }
    guard let first = prorata.first else { return }
    let f = lines[first]
    var value = 0
    var sofar = 0
    for (n, j) in prorata.enumerated() {
      let l = lines[j]
      let r = Reader(json: .null, path: "\(path).lines[\(j)]")
      guard l.days == f.days, l.periodDays == f.periodDays, let v = l.value,
        let days = l.days, let pd = l.periodDays
      else { throw r.fail("days", "the pro rata lines of an invoice share their days") }
      value += v
      if n < prorata.count - 1 {
        if Money.prorate(v, days, pd) != l.cents {
          throw r.fail(
            "cents", "\(v) × \(days)/\(pd) rounds to \(Money.prorate(v, days, pd)), not \(l.cents)")
        }
        sofar += l.cents
      } else if Money.prorate(value, days, pd) - sofar != l.cents {
        throw r.fail(
          "cents", "the pro rata lines round to \(Money.prorate(value, days, pd)) in all")
      }
    }
  }

  /// Journal entries are never dated after today, except those made before a `clock <date>`
  /// moved the clock back.
  private func checkJournalDates() throws(Failure) {
    var horizon = today
    if let lastClock = log.lastIndex(where: setsClock) {
      for e in log[...lastClock] where e.date > horizon { horizon = e.date }
    }
    for (i, h) in journal.entries.enumerated() where h.date > horizon {
      throw Reader(json: .null, path: "journal[\(i)]").fail("date", "after today (\(today))")
    }
  }

  /// A person's timeline holds only the log entries they made (the entry's actor is them).
  private func checkTimelines() throws(Failure) {
    for (u, deeds) in journal.ofUser.enumerated() {
      let who = users[u].handle
      for (j, d) in deeds.enumerated() {
        guard case .action(let n) = d, log[n].actor != who else { continue }
        throw Reader(json: .null, path: "timelines").fail(
          "deeds[\(j)] of \(quoted(who))",
          "log \(n) was made by \(log[n].actor.map { quoted($0) } ?? "nobody"), not \(quoted(who))")
      }
    }
  }
}
