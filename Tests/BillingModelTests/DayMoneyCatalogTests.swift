import Testing

@testable import BillingModel

// Model-level checks of SPEC §2 "Money and dates" and of the catalog (R2, R5, R9, P1, P4).

private func day(_ s: String) -> Day {
  guard let d = Day(s) else { fatalError("bad test date \(s)") }
  return d
}

// MARK: - Day

@Suite("Day: calendar dates and renewal arithmetic")
struct DayTests {
  struct Parse: Sendable, CustomTestStringConvertible {
    let text: String
    let valid: Bool
    var testDescription: String { "\(text) \(valid ? "valid" : "invalid")" }
  }

  @Test(
    "parsing YYYY-MM-DD, leap years included",
    arguments: [
      Parse(text: "2026-01-01", valid: true),
      Parse(text: "2028-02-29", valid: true),  // leap year
      Parse(text: "2000-02-29", valid: true),  // divisible by 400
      Parse(text: "2026-02-29", valid: false),
      Parse(text: "2100-02-29", valid: false),  // divisible by 100, not 400
      Parse(text: "2026-04-31", valid: false),
      Parse(text: "2026-13-01", valid: false),
      Parse(text: "2026-00-10", valid: false),
      Parse(text: "2026-1-01", valid: false),
      Parse(text: "26-01-01", valid: false),
      Parse(text: "2026/01/01", valid: false),
      Parse(text: "+026-01-01", valid: false),  // strictly digits (SPEC §8)
      Parse(text: "2026-+1-01", valid: false),
      Parse(text: "2026-01-0١", valid: false),  // not an ASCII digit
      Parse(text: "", valid: false),
    ])
  func parse(_ c: Parse) {
    let d = Day(c.text)
    expectEqual((d != nil), c.valid)
    if let d { #expect(d.description == c.text) }
  }

  @Test("the start date and the calendar's range")
  func range() {
    expectEqual(Day.start.description, "2026-01-01")
    expectEqual(Day.earliest.description, "2000-01-01")
    expectEqual(Day.latest.description, "9999-12-31")
    expectTrue(Day.earliest.isInRange)
    expectTrue(Day.latest.isInRange)
    expectTrue(!Day.earliest.adding(days: -1).isInRange)
    expectTrue(!Day.latest.adding(days: 1).isInRange)
  }

  struct MonthCase: Sendable, CustomTestStringConvertible {
    let start: String
    let months: Int
    let expected: String
    var testDescription: String { "\(start) + \(months) months = \(expected)" }
  }

  // SPEC: "Renewal dates are the start date plus whole months (or years), the day clamped to
  // the month's length: Jan 31 → Feb 28 → Mar 31."
  @Test(
    "adding whole months clamps the day and stays anchored",
    arguments: [
      MonthCase(start: "2026-01-31", months: 1, expected: "2026-02-28"),
      MonthCase(start: "2026-01-31", months: 2, expected: "2026-03-31"),
      MonthCase(start: "2026-01-31", months: 3, expected: "2026-04-30"),
      MonthCase(start: "2026-01-31", months: 4, expected: "2026-05-31"),
      MonthCase(start: "2028-01-31", months: 1, expected: "2028-02-29"),  // leap year
      MonthCase(start: "2026-01-30", months: 1, expected: "2026-02-28"),
      MonthCase(start: "2026-03-31", months: -1, expected: "2026-02-28"),
      MonthCase(start: "2026-12-15", months: 1, expected: "2027-01-15"),
      MonthCase(start: "2028-02-29", months: 12, expected: "2029-02-28"),  // annual from Feb 29
      MonthCase(start: "2028-02-29", months: 24, expected: "2030-02-28"),
      MonthCase(start: "2028-02-29", months: 48, expected: "2032-02-29"),
      MonthCase(start: "2026-01-01", months: 12, expected: "2027-01-01"),
      MonthCase(start: "2026-05-31", months: 0, expected: "2026-05-31"),
    ])
  func addingMonths(_ c: MonthCase) {
    expectEqual(day(c.start).adding(months: c.months).description, c.expected)
  }

  @Test("chaining would drift; anchoring does not (Jan 31 → Feb 28 → Mar 31)")
  func anchoredVersusChained() {
    let jan31 = day("2026-01-31")
    let chained = jan31.adding(months: 1).adding(months: 1)
    expectEqual(chained.description, "2026-03-28")
    expectEqual(jan31.adding(months: 2).description, "2026-03-31")
  }

  @Test("day differences count leap days")
  func differences() {
    expectEqual(day("2027-01-01") - day("2026-01-01"), 365)
    expectEqual(day("2029-01-01") - day("2028-01-01"), 366)
    expectEqual(day("2026-03-01") - day("2026-02-01"), 28)
    expectEqual(day("2028-03-01") - day("2028-02-01"), 29)
    expectEqual(day("2026-01-01").adding(days: 30).description, "2026-01-31")  // P4: 30-day trial
    expectTrue(day("2026-01-01") < day("2026-01-02"))
  }

  @Test("day numbers round-trip through fields for every day of 1999–2033")
  func roundTrip() {
    var d = day("1999-12-31")
    var previous = d.number - 1
    while d < day("2034-01-01") {
      let f = d.fields
      expectEqual(Day(year: f.year, month: f.month, day: f.day), d)
      expectEqual(d.number, previous + 1)
      previous = d.number
      d = d.adding(days: 1)
    }
  }
}

// MARK: - Money

@Suite("Money: one rounding, half up")
struct MoneyTests {
  struct Prorate: Sendable, CustomTestStringConvertible {
    let value: Int
    let numerator: Int
    let denominator: Int
    let expected: Int
    let note: String
    var testDescription: String { "\(value)×\(numerator)/\(denominator) = \(expected) (\(note))" }
  }

  // SPEC: "amount = round_half_up(delta_period_price × days_left / period_days), in integer
  // cents ... One rounding only."
  @Test(
    "round_half_up(value × days_left / period_days)",
    arguments: [
      Prorate(
        value: 6745, numerator: 14, denominator: 28, expected: 3373,
        note: "exactly half a cent rounds up"),
      Prorate(value: 5, numerator: 1, denominator: 2, expected: 3, note: "2.5 → 3, not banker's 2"),
      Prorate(value: 1, numerator: 1, denominator: 2, expected: 1, note: "0.5 → 1"),
      Prorate(value: 3, numerator: 1, denominator: 2, expected: 2, note: "1.5 → 2"),
      Prorate(value: 100, numerator: 1, denominator: 3, expected: 33, note: "33.33 → 33"),
      Prorate(value: 200, numerator: 1, denominator: 3, expected: 67, note: "66.67 → 67"),
      Prorate(
        value: 67450, numerator: 265, denominator: 365, expected: 48971, note: "48970.55 → 48971"),
      Prorate(
        value: 85000, numerator: 265, denominator: 365, expected: 61712, note: "61712.33 → 61712"),
      Prorate(value: 40470, numerator: 265, denominator: 365, expected: 29382, note: "P6 credit"),
      Prorate(
        value: 134900, numerator: 265, denominator: 365, expected: 97941,
        note: "P5 resize 5 → 15: 97941.10"),
      Prorate(
        value: 6745, numerator: 28, denominator: 28, expected: 6745, note: "the whole period"),
      Prorate(value: 6745, numerator: 0, denominator: 28, expected: 0, note: "nothing left"),
      Prorate(value: -5, numerator: 1, denominator: 2, expected: -2, note: "half up is towards +∞"),
      Prorate(value: -3, numerator: 1, denominator: 2, expected: -1, note: "-1.5 → -1"),
      Prorate(value: -100, numerator: 1, denominator: 3, expected: -33, note: "-33.33 → -33"),
    ])
  func prorate(_ c: Prorate) {
    expectEqual(Money.prorate(c.value, c.numerator, c.denominator), c.expected)
  }

  @Test("one rounding: prorating the total differs from summing rounded per-seat amounts")
  func oneRounding() {
    // 5 seats × 1349 for 14 of 28 days: per seat 674.5 → 675, ×5 = 3375; the total once = 3373.
    let perSeat = Money.prorate(1349, 14, 28) * 5
    let once = Money.prorate(1349 * 5, 14, 28)
    expectEqual(perSeat, 3375)
    expectEqual(once, 3373)
  }

  @Test(
    "formatting cents",
    arguments: [
      (134900, "$1,349.00"), (-310, "-$3.10"), (5, "$0.05"), (0, "$0.00"),
      (123_456_789, "$1,234,567.89"), (100_000, "$1,000.00"), (99_999, "$999.99"),
    ])
  func format(_ cents: Int, _ text: String) {
    expectEqual(Money.format(cents), text)
  }
}

// MARK: - Catalog

/// An independent statement of R5: 2, 3, 4, 5, then 10 to 30 by 5, 40 to 100 by 10, 125 and up by 25.
func specSizes(upTo limit: Int) -> [Int] {
  var s = [2, 3, 4, 5]
  s += Array(stride(from: 10, through: 30, by: 5))
  s += Array(stride(from: 40, through: 100, by: 10))
  s += Array(stride(from: 125, through: limit, by: 25))
  return s
}

@Suite("Catalog: prices, sizes, limits (R2, R5, R9, P1, P4)")
struct CatalogTests {
  let c = Catalog.standard

  @Test("default prices: Starter 1349, Advanced 3049 a month; annual = 10 × monthly (R2)")
  func prices() {
    expectEqual(c.unitCents(.starter, .monthly), 1349)
    expectEqual(c.unitCents(.advanced, .monthly), 3049)
    expectEqual(c.unitCents(.starter, .annual), 13490)
    expectEqual(c.unitCents(.advanced, .annual), 30490)
    for t in [Tier.starter, .advanced] {
      expectEqual(c.unitCents(t, .annual), 10 * c.unitCents(t, .monthly)!, "R2 for \(t.name)")
    }
  }

  @Test(
    "enterprise tiers have no list price and are sales-only (R9)",
    arguments: [Tier.enterprise, .enterprisePlus])
  func enterpriseHasNoPrice(_ t: Tier) {
    expectTrue(c.unitCents(t, .monthly) == nil)
    expectTrue(c.unitCents(t, .annual) == nil)
    expectTrue(t.isSalesOnly)
  }

  @Test("tier words and aliases (personal, enterprise+), in order basic < … < enterprise-plus (R9)")
  func tiers() {
    expectEqual(Tier(word: "personal"), .basic)
    expectEqual(Tier(word: "enterprise+"), .enterprisePlus)
    expectEqual(Tier(word: "Enterprise-Plus"), .enterprisePlus)
    expectTrue(Tier(word: "gold") == nil)
    expectTrue(Tier.basic < .starter)
    expectTrue(Tier.starter < .advanced)
    expectTrue(Tier.advanced < .enterprise)
    expectTrue(Tier.enterprise < .enterprisePlus)
    expectTrue(!Tier.starter.isSalesOnly)
    expectTrue(!Tier.advanced.isSalesOnly)
  }

  @Test("self-serve limit is 500 (P1) and trials last 30 days (P4)")
  func limits() {
    expectEqual(c.selfServeLimit, 500)
    expectEqual(c.trialDays, 30)
  }

  @Test("R5: exactly the listed sizes are sold, from 0 to 1000")
  func everySize() {
    let valid = Set(specSizes(upTo: 1000))
    for n in 0...1000 {
      expectEqual(c.isSize(n), valid.contains(n), "R5 size \(n)")
    }
  }

  @Test(
    "R5 boundaries",
    arguments: [
      (1, false), (2, true), (3, true), (4, true), (5, true), (6, false), (9, false), (10, true),
      (11, false), (15, true), (20, true), (25, true), (30, true), (35, false), (40, true),
      (45, false),
      (90, true), (100, true), (101, false), (110, false), (125, true), (130, false), (150, true),
      (175, true), (200, true), (500, true), (510, false), (525, true),
    ])
  func boundary(_ n: Int, _ valid: Bool) {
    expectEqual(c.isSize(n), valid)
  }

  @Test(
    "R5: the next size up and down (the hints of an invalid size)",
    arguments: [
      (1, 2, nil), (6, 10, 5), (7, 10, 5), (11, 15, 10), (31, 40, 30), (99, 100, 90),
      (101, 125, 100), (126, 150, 125), (151, 175, 150), (501, 525, 500), (19, 20, 15),
    ] as [(Int, Int, Int?)])
  func neighbours(_ n: Int, _ up: Int, _ down: Int?) {
    expectEqual(c.size(atLeast: n), up)
    if n > 2 { #expect(c.size(below: n) == down) } else { #expect(c.size(below: n) == nil) }
  }

  @Test("R5: the smallest size covering n people, for every n up to 1000")
  func smallestCovering() {
    let sizes = specSizes(upTo: 1100)
    for n in 1...1000 {
      expectEqual(c.size(atLeast: n), sizes.first { $0 >= n }!, "covering \(n)")
    }
  }
}
