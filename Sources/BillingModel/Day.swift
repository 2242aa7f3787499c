import BillingSupport

/// A calendar date without time of day, kept as a day number for cheap arithmetic.
package struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// Days since 0000-03-01 in the proleptic Gregorian calendar.
  package let number: Int

  package static let earliest = Day(known: 2000, 1, 1)
  package static let latest = Day(known: 9999, 12, 31)
  package static let start = Day(known: 2026, 1, 1)

  package init(number: Int) { self.number = number }

  /// Builds a date; nil when the fields are not a real date.
  package init?(year: Int, month: Int, day: Int) {
    guard (1...12).contains(month), year >= 0, year <= 99_999,
      day >= 1, day <= Day.daysIn(year: year, month: month)
    else { return nil }
    self.init(known: year, month, day)
  }

  /// A date whose fields are known to be real (see the failable init).
  private init(known year: Int, _ month: Int, _ day: Int) {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    number = era * 146_097 + doe
  }

  /// Parses `YYYY-MM-DD`, strictly: four, two and two ASCII digits (no sign, no spaces).
  package init?(_ text: String) {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].utf8.count == 4, parts[1].utf8.count == 2,
      parts[2].utf8.count == 2,
      parts.allSatisfy({ $0.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }),
      let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
    else { return nil }
    self.init(year: y, month: m, day: d)
  }

  package var fields: (year: Int, month: Int, day: Int) {
    let era = (number >= 0 ? number : number - 146_096) / 146_097
    let doe = number - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
    return (y, m, d)
  }

  package static func isLeap(_ year: Int) -> Bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
  }

  package static func daysIn(year: Int, month: Int) -> Int {
    switch month {
    case 2: return isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// This date plus whole months, the day clamped to the target month's length.
  /// NB: always add from the anchor (start + n months), never chain: Jan 31 → Feb 28 → Mar 31.
  package func adding(months: Int) -> Day {
    let f = fields
    let total = f.year * 12 + (f.month - 1) + months
    let y = total / 12
    let m = total % 12 + 1
    let d = min(f.day, Day.daysIn(year: y, month: m))
    // NB: past the years a Day can hold, a day just outside the calendar, so callers see it
    // leave the range (SPEC §1) instead of a date that did not move.
    return Day(year: y, month: m, day: d)
      ?? Day(number: months < 0 ? Day.earliest.number - 1 : Day.latest.number + 1)
  }

  package func adding(days: Int) -> Day { Day(number: number + days) }

  /// Whole months from this date's month to `other`'s, ignoring the days.
  package func months(to other: Day) -> Int {
    let a = fields, b = other.fields
    return (b.year * 12 + b.month) - (a.year * 12 + a.month)
  }

  package var isInRange: Bool { self >= Day.earliest && self <= Day.latest }

  package static func < (a: Day, b: Day) -> Bool { a.number < b.number }
  package static func - (a: Day, b: Day) -> Int { a.number - b.number }

  /// `YYYY-MM-DD`, written as bytes (ten of them: a small string, no allocation).
  package var description: String {
    var scratch = DigitScratch()
    return scratch.day(self) { String(decoding: $0, as: UTF8.self) }
  }
}
