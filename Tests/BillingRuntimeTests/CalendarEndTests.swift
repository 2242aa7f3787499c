import Foundation
import Testing

@testable import BillingModel
@testable import BillingPlayback
@testable import BillingRuntime
@testable import BillingStore
@testable import BillingSupport

/// The calendar's end (issue 24, SPEC §8): no date past 9999-12-31 is held, printed or saved;
/// the commands that would need one are `invalid` and change nothing; `.load` reads back
/// whatever `.save` wrote.
@Suite struct CalendarEndTests {
  /// Every date the world holds lies inside the calendar.
  static func datesInRange(_ w: World) -> Bool {
    w.today.isInRange
      && w.plans.allSatisfy {
        $0.periodStart.isInRange && $0.periodEnd.isInRange && $0.anchor.isInRange
      }
      && w.invoices.allSatisfy { $0.date.isInRange }
  }

  /// The issue's reproductions: each is refused and the world saved after it loads back.
  @Test(arguments: [
    ("clock 9999-12-31", "create plan org Acme --tier starter --owner ann --monthly"),
    ("clock 9999-12-31", "create plan org Acme --tier starter --owner ann --annual"),
    ("clock 9999-01-01", "create plan org Acme --tier starter --owner ann --annual"),
    ("clock 9999-12-31", "as ann upgrade org Acme --tier starter --monthly"),
    ("clock 9999-12-10", "as ann trial org Acme --tier advanced"),
    ("clock 9999-12-31", "create plan org Acme --tier starter --owner ann --since 9999-12-30"),
    ("clock 9999-06-01", "create plan org Acme --tier starter --owner ann --since 9998-06-01"),
  ])
  func aPlanThatWouldEndPastTheCalendarIsInvalid(_ clock: String, _ line: String) throws {
    let s = Session()
    for l in [clock, "create org Acme", "add ann --org Acme"] { expectTrue(s.perform(l).isOK) }
    let before = s.savedText()
    let o = s.perform(line)
    expectEqual(o.failure?.code, .invalid, "\(line): \(o.failure?.line ?? "ok")")
    expectEqual(o.failure?.message.contains("the calendar's end"), true)
    // Nothing changed but the log's line for the refusal.
    expectEqual(s.world.plans.count, 0)
    expectEqual(s.world.invoices.count, 0)
    expectTrue(s.savedText().count > before.count)
    _ = try World.restore(try parseJSON(s.savedText()))
  }

  @Test func advancePastTheLastRenewalThatFitsIsInvalidAndChangesNothing() throws {
    let s = Session()
    for l in [
      "clock 9999-01-31", "create org Acme", "add ann --org Acme",
      "create plan org Acme --tier starter --owner ann --monthly",
    ] { expectTrue(s.perform(l).isOK, "\(l)") }
    let invoices = s.world.invoices.count
    for l in ["advance to 9999-12-31", "advance 334d", "advance 11m", "forecast org Acme 11m"] {
      let o = s.perform(l)
      expectEqual(o.failure?.code, .invalid, "\(l): \(o.failure?.line ?? "ok")")
      expectEqual(s.world.today, Day("9999-01-31"))
      expectEqual(s.world.invoices.count, invoices)
    }
    // The last renewal that fits is on 9999-11-30 (period to 9999-12-31); the next one would
    // start 9999-12-31 and end in year 10000.
    expectTrue(s.perform("advance to 9999-12-30").isOK)
    expectEqual(s.world.plans[0].periodEnd, Day("9999-12-31"))
    expectEqual(s.perform("advance 1d").failure?.code, .invalid)
    expectTrue(CalendarEndTests.datesInRange(s.world))
    _ = try World.restore(try parseJSON(s.savedText()))
  }

  /// Random late plans, cycle changes and advances: every date stays in the calendar, every
  /// refusal names its end, and the saved world always loads.
  @Test(arguments: 0..<8)
  func randomLateWorldsStayInsideTheCalendar(_ seed: Int) throws {
    var rng = SeededRandom(seed: UInt64(seed) &+ 2412)
    let s = Session()
    let start = Day.latest.adding(days: -Int.random(in: 0...900, using: &rng))
    expectTrue(s.perform("clock \(start)").isOK)
    expectTrue(s.perform("create org Acme").isOK)
    expectTrue(s.perform("create workspace W").isOK)
    expectTrue(s.perform("add ann bob --org Acme").isOK)
    expectTrue(s.perform("add ann --workspace W").isOK)
    let lines = [
      "create plan org Acme --tier starter --owner ann --monthly",
      "create plan workspace W --tier advanced --owner ann --annual",
      "as ann trial org Acme --tier starter",
      "as ann upgrade workspace W --tier starter --monthly",
      "as ann edit org Acme --annual", "as ann edit workspace W --monthly",
      "as ann cancel workspace W", "as ann resume workspace W",
      "advance 1d", "advance 20d", "advance 1m", "advance 3m", "advance 1y",
      "advance to 9999-12-31", "forecast org Acme 1m", "forecast workspace W 2m",
    ]
    for _ in 0..<40 {
      let line = lines[Int.random(in: 0..<lines.count, using: &rng)]
      let before = (s.world.today, s.world.invoices.count)
      let o = s.perform(line)
      if let f = o.failure, f.message.contains("calendar") {
        expectTrue(f.code == .invalid || f.code == .usage, "\(line): \(f.line)")
        expectTrue(s.world.today == before.0 && s.world.invoices.count == before.1, "\(line)")
      }
      expectTrue(CalendarEndTests.datesInRange(s.world), "seed \(seed): \(line)")
      expectTrue(!o.text.contains("10000-"), "seed \(seed): \(line): \(o.text)")
    }
    _ = try World.restore(try parseJSON(s.savedText()))
  }
}
