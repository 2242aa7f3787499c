import BillingLanguage
import BillingModel
import BillingSupport
import Testing

@testable import BillingRuntime
@testable import BillingShell

/// Rebuilding a dated case (SPEC §8): `clock <date>`, `advance to <date>`,
/// `create plan ... --since <date>`.
@Suite struct DatedCaseTests {

  @Test("clock <date> sets today, forward or back, while no plan has ever existed")
  func clockSetsTheDate() {
    let s = played(["clock 2030-06-15"])
    expectEqual(s.world.today.description, "2030-06-15")
    expectEqual(s.perform("clock 2001-02-03").text, "2001-02-03")
    expectEqual(s.perform("clock").text, "2001-02-03")
    // Logged like advance, dated the day it was given.
    expectEqual(s.world.log.map(\.command), ["clock 2030-06-15", "clock 2001-02-03"])
    expectEqual(s.world.log.last?.date.description, "2030-06-15")
  }

  @Test("clock <date> is logged, refused ones too; clock alone and rules are not")
  func clockLogging() {
    let s = Session()
    _ = s.perform("clock")
    _ = s.perform("clock 2026-13-01")
    _ = s.perform("rules R1")
    _ = s.perform("advance to 2025-01-01")
    expectEqual(s.world.log.map(\.command), ["clock 2026-13-01", "advance to 2025-01-01"])
    expectEqual(s.world.log.map(\.outcome), ["error[usage]", "error[invalid]"])
  }

  @Test(
    "once a plan has existed (trials and ended plans too) clock <date> is conflict",
    arguments: [
      [
        "create org Acme", "add ann bob --org Acme",
        "create plan org Acme --tier starter --owner ann",
      ],
      ["create org Acme", "add ann --org Acme", "as ann trial org Acme --tier starter"],
      [
        "create org Acme", "add ann --org Acme", "as ann trial org Acme --tier starter",
        "as ann cancel org Acme",
      ],
    ])
  func clockFixedOnceAPlanExists(_ setup: [String]) {
    let s = played(setup)
    let f = s.perform("clock 2026-06-01").failure
    expectEqual(f?.code, .conflict)
    expectEqual(f?.rule, nil)
    expectEqual(f?.message.contains("advance"), true)
    expectEqual(s.world.today, Day.start)
  }

  @Test(
    "dates are strictly YYYY-MM-DD inside 2000-01-01…9999-12-31; anything else is usage",
    arguments: [
      "clock 2026-1-01", "clock 2026-02-30", "clock 1999-12-31", "clock +026-01-01",
      "clock 2026-01-01x", "clock 2026-01-01 2026-01-02", "advance to 1999-12-31",
      "advance to 10000-01-01", "advance 2026-13-01", "advance to", "advance to 30d",
      "advance 1d 2026-01-01", "create plan org Acme --tier starter --owner ann --since 26-01-01",
      "create plan org Acme --tier starter --owner ann --since 1999-01-01",
    ])
  func badDates(_ line: String) {
    let s = played(["create org Acme", "add ann --org Acme"])
    let f = s.perform(line).failure
    expectEqual(f?.code, .usage, "\(line): \(f?.line ?? "ok")")
  }

  @Test("advance to <date> moves with every event on the way; today is a no-op")
  func advanceTo() {
    let s = played([
      "create org Acme", "add ann bob --org Acme",
      "create plan org Acme --tier starter --owner ann --monthly",
    ])
    let o = s.perform("advance to 2026-03-01")
    expectTrue(o.text.hasPrefix("2026-03-01\n"))
    expectTrue(o.text.contains("2026-02-01 renewal P1"))
    expectTrue(o.text.contains("2026-03-01 renewal P1"))
    expectEqual(s.world.invoices.count, 3)
    expectEqual(s.perform("advance 2026-03-01").text, "2026-03-01 (no events)")
    expectEqual(s.perform("advance 2026-03-02").text, "2026-03-02 (no events)")
    let back = s.perform("advance to 2026-02-01").failure
    expectEqual(back?.code, .invalid)
    expectEqual(back?.message.contains(".back"), true)
    expectEqual(s.world.today.description, "2026-03-02")
    expectEqual(s.world.log.suffix(4).map(\.outcome), ["ok", "ok", "ok", "error[invalid]"])
  }

  @Test("advance to <date> gives the same events as advance <n>d")
  func sameAsDays() {
    let setup = [
      "create org Acme", "add ann bob --org Acme",
      "create plan org Acme --tier starter --owner ann --monthly",
    ]
    let a = played(setup), b = played(setup)
    expectEqual(a.perform("advance to 2026-04-10").text, b.perform("advance 99d").text)
  }

  @Test("--since anchors the periods; the first invoice is the current period's, at its start")
  func sinceAnchorsPeriods() throws {
    let s = played([
      "clock 2025-04-15", "create org Acme", "add ann bob --org Acme",
      "create plan org Acme --tier starter --owner ann --monthly --since 2025-01-31",
    ])
    let p = s.world.plan(PlanID(index: 0))
    // Jan 31 → Feb 28 → Mar 31 → Apr 30: today (Apr 15) falls in Mar 31 – Apr 30.
    expectEqual(p.periodStart.description, "2025-03-31")
    expectEqual(p.periodEnd.description, "2025-04-30")
    expectEqual(p.anchor.description, "2025-01-31")
    let inv = s.world.invoice(InvoiceID(index: 0))
    expectEqual(inv.date.description, "2025-03-31")
    expectEqual(inv.amountCents, 2 * 1349)
    expectEqual(s.world.invoices.count, 1)
    let o = s.perform("advance to 2025-07-01")
    expectTrue(
      o.text.contains("2025-04-30 renewal P1 org Acme: new period 2025-04-30 to 2025-05-31"))
    expectTrue(
      o.text.contains("2025-05-31 renewal P1 org Acme: new period 2025-05-31 to 2025-06-30"))
  }

  @Test(
    "the current period is half-open: on a renewal day the new period is current",
    arguments: [
      ("2025-03-31", "monthly", "2025-03-31", "2025-04-30"),
      ("2025-03-30", "monthly", "2025-02-28", "2025-03-31"),
      ("2025-04-30", "monthly", "2025-04-30", "2025-05-31"),
      ("2024-02-29", "annual", "2024-02-29", "2025-02-28"),
      ("2025-02-28", "annual", "2025-02-28", "2026-02-28"),
    ])
  func halfOpen(_ c: (today: String, cycle: String, start: String, end: String)) {
    let since = c.cycle == "annual" ? "2024-02-29" : "2025-01-31"
    let s = played([
      "clock \(c.today)", "create org Acme", "add ann bob --org Acme",
      "create plan org Acme --tier starter --owner ann --\(c.cycle) --since \(since)",
    ])
    let p = s.world.plan(PlanID(index: 0))
    expectEqual(p.periodStart.description, c.start)
    expectEqual(p.periodEnd.description, c.end)
  }

  @Test("--since today is a plan bought today; after today is invalid, checked last")
  func sinceBounds() {
    let s = played(["create org Acme", "add ann bob --org Acme"])
    let later = s.perform(
      "create plan org Acme --tier starter --owner ann --since 2026-01-02"
    ).failure
    expectEqual(later?.code, .invalid)
    expectEqual(later?.rule, nil)
    // NB: values in the synopsis's order: the size (R5) before the date.
    let size = s.perform(
      "create plan org Acme --tier starter --seats 7 --owner ann --since 2026-01-02"
    ).failure
    expectEqual(size?.rule, .r5)
    let o = s.perform("create plan org Acme --tier starter --owner ann --since 2026-01-01")
    expectTrue(o.isOK)
    expectEqual(s.world.plan(PlanID(index: 0)).periodEnd.description, "2027-01-01")
  }

  @Test("a plan bought --since survives save and load with its anchor")
  func savedAnchor() throws {
    let s = played([
      "clock 2025-04-15", "create org Acme", "add ann bob --org Acme",
      "create plan org Acme --tier starter --owner ann --monthly --since 2025-01-31",
    ])
    let text = s.savedText()
    expectTrue(text.contains("\"anchor\": \"2025-01-31\""))
    expectTrue(text.contains("\"period_index\": 2"))
  }

  @Test("completion: today's date after clock and advance to, and to after advance")
  func completion() {
    let s = played(["clock 2025-04-15"])
    let c = Completer(world: s.world)
    expectEqual(c.complete("clock ").candidates, ["2025-04-15"])
    expectEqual(c.complete("advance ").candidates, ["to"])
    expectEqual(c.complete("advance to ").candidates, ["2025-04-15"])
    expectEqual(c.complete("create plan org Acme --since ").candidates, ["2025-04-15"])
    expectEqual(c.complete("create plan org Acme --si").candidates, ["--since"])
  }

  @Test("JSON: clock <date> and advance to <date> give {date, events}")
  func json() {
    let s = played(["create org Acme", "add ann bob --org Acme"])
    let c = s.perform("clock 2025-12-30").result
    expectEqual(c["date"], .string("2025-12-30"))
    expectEqual(c["events"], .array([]))
    _ = s.perform("create plan org Acme --tier starter --owner ann --monthly --since 2025-11-30")
    let a = s.perform("advance to 2026-02-05").result
    expectEqual(a["date"], .string("2026-02-05"))
    guard case .array(let events)? = a["events"] else {
      Issue.record("no events")
      return
    }
    expectEqual(events.count, 1)
    expectEqual(events[0]["date"], .string("2026-01-30"))
  }
}
