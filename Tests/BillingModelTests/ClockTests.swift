import Testing

@testable import BillingModel

/// The clock of a dated case (SPEC §8): setting it, moving it to a date, anchored periods.
@Suite("Clock: setting the date, advancing to a date, periods from a past purchase")
struct ClockTests {
  func day(_ s: String) -> Day {
    guard let d = Day(s) else { fatalError("bad test date \(s)") }
    return d
  }

  @Test("checkSetClock decides, apply sets; once a plan exists it is refused")
  func setClock() throws {
    let w = World()
    let change = try w.checkSetClock(day("2024-02-29"))
    expectEqual(w.today, Day.start)
    w.apply(change)
    expectEqual(w.today, day("2024-02-29"))
    _ = try w.createSpace(.org, "Acme")
    _ = try w.add(["ann", "bob"], to: .space(.org, "Acme"), guest: false, admin: false)
    _ = try w.createPlan(
      SalesPlanRequest(
        scope: .org("Acme"), tier: .starter, seats: nil, cycle: .monthly, owner: "ann",
        payment: nil, unitCents: nil))
    #expect(
      throws: Failure(
        .clockFixed(today: w.today, firstPlan: PlanID(index: 0), asked: day("2030-01-01")))
    ) {
      try w.checkSetClock(day("2030-01-01"))
    }
  }

  @Test("checkAdvance refuses a date before today, not today")
  func advanceTo() throws {
    let w = World()
    #expect(throws: Failure.self) { try w.checkAdvance(to: day("2025-12-31")) }
    try w.checkAdvance(to: Day.start)
    try w.checkAdvance(to: day("2026-01-02"))
  }

  @Test(
    "the period holding a day, anchored with month ends clamped",
    arguments: [
      ("2025-01-31", Cycle.monthly, "2025-01-31", 0, "2025-01-31", "2025-02-28"),
      ("2025-01-31", .monthly, "2025-02-27", 0, "2025-01-31", "2025-02-28"),
      ("2025-01-31", .monthly, "2025-02-28", 1, "2025-02-28", "2025-03-31"),
      ("2025-01-31", .monthly, "2025-03-30", 1, "2025-02-28", "2025-03-31"),
      ("2025-01-31", .monthly, "2025-03-31", 2, "2025-03-31", "2025-04-30"),
      ("2024-02-29", .annual, "2028-02-28", 3, "2027-02-28", "2028-02-29"),
      ("2024-02-29", .annual, "2028-02-29", 4, "2028-02-29", "2029-02-28"),
      ("2000-01-01", .monthly, "9999-11-15", 95_998, "9999-11-01", "9999-12-01"),
    ])
  func period(
    _ anchor: String, _ cycle: Cycle, _ today: String, _ index: Int, _ start: String,
    _ end: String
  ) {
    let p = World().period(anchor: day(anchor), cycle: cycle, holding: day(today))
    expectEqual(p.index, index)
    expectEqual(p.start, day(start))
    expectEqual(p.end, day(end))
  }
}
