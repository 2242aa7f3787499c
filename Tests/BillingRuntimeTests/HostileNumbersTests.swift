import Foundation
import Testing

@testable import BillingModel
@testable import BillingRuntime
@testable import BillingStore

/// Issue 13: arithmetic that cannot trap. Each case runs the built `billsh` (a trap would kill
/// the test process); before the fix each of the first ones died of SIGILL (exit 132).
extension HostileInputTests {
  /// `n` teams of org Acme, each with an enterprise plan of `seats` at `cents` a month, owned by
  /// ann (an admin); then `advance 26d` (5 of 31 days left) and ann upgrades the organization.
  static func absorbed(
    teams n: Int, seats: Int, cents: Int, cycle: String = "monthly", advance: String? = "26d"
  ) -> [UInt8] {
    var s = "create org Acme\nadd ann --org Acme --admin\n"
    for i in 1...n {
      s += "create team T\(i) --org Acme\nadd ann --team T\(i)\n"
      s +=
        "create plan team T\(i) --tier enterprise --seats \(seats) --unit-cents \(cents) --owner ann --\(cycle)\n"
    }
    if let advance { s += "advance \(advance)\n" }
    return text(s + "as ann upgrade org Acme --tier starter\n")
  }

  static let numberCases: [Case] = [
    Case(
      name: "999,999,975 seats at 999,999,999 cents, then an org upgrade (2*p)", feed: .file,
      bytes: absorbed(teams: 1, seats: 999_999_975, cents: 999_999_999), code: 1,
      expect: [
        "$FILE:5: error[invalid]: 999999975 seats is more than billsh models: a plan has at most 1000000 seats"
      ]),
    Case(
      name: "ten such team plans absorbed (the credit sum)", feed: .file,
      bytes: absorbed(teams: 10, seats: 999_999_975, cents: 999_999_999), code: 1,
      expect: ["$FILE:5: error[invalid]: ", "$FILE:32: error[invalid]: ", "P1 org Acme: starter"]),
    Case(
      name: "ten plans at the bounds absorbed: no trap, credits add up", feed: .file,
      bytes: absorbed(teams: 10, seats: 1_000_000, cents: 100_000_000), code: 0,
      expect: [
        "P1 (team T1) ended: absorbed by the organization plan, $161,290,322,580.65 credited (P6)",
        "first period less $1,612,903,225,806.50 credited for team plans",
      ]),
    Case(
      name: "credits of 1,001 team plans pass the largest sum", feed: .file,
      bytes: absorbed(
        teams: 1_001, seats: 1_000_000, cents: 1_000_000_000, cycle: "annual", advance: nil)
        + text("as ann edit org Acme --tier advanced\n"),
      code: 1,
      expect: [
        "$FILE:3006: error[invalid]: the credits for the team plans of org Acme would pass $10,000,000,000,000,000.00, the largest sum billsh computes",
        "$FILE:3007: error[unavailable]",
      ]),
    Case(
      name: "a monthly price per seat over $1,000,000.00", feed: .file,
      bytes: text(
        "create org A\nadd ann --org A\ncreate plan org A --tier enterprise --seats 2 --owner ann --unit-cents 100000001 --monthly\n"
      ), code: 1,
      expect: [
        "$FILE:3: error[invalid]: 100000001 cents per seat is more than billsh models: a price per seat is at most 100000000 cents ($1,000,000.00) a month"
      ]),
    Case(
      name: "the largest monthly price, made annual at a renewal, saves and loads", feed: .file,
      bytes: text(
        "create org A\nadd ann --org A\ncreate plan org A --tier starter --seats 1000000 --owner ann --unit-cents 100000000 --monthly\nas ann edit org A --annual\nadvance 1m\nas ann plan org A\n.save w.json\n.load w.json\nadvance 1y\n"
      ), code: 0,
      expect: ["$10,000,000,000,000.00 a year", "loaded w.json"]),
    Case(
      name: "a higher tier that costs less than the price sales set charges nothing", feed: .file,
      bytes: text(
        "create org A\nadd ann --org A\ncreate plan org A --tier starter --seats 2 --owner ann --unit-cents 99999 --monthly\nas ann edit org A --tier advanced\n"
      ), code: 0,
      expect: ["charged $0.00 pro rata"]),
  ]

  @Test(arguments: numberCases)
  func hostileNumbers(_ c: Case) throws { try hostile(c) }

  /// A catalog price of 2^63−1 trapped at start-up (monthly × 10); now an `io` error, exit 2.
  @Test func catalogOfIntMax() throws {
    let dir = try HostileInputTests.tempDir()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/c.json"
    _ = FileManager.default.createFile(
      atPath: path,
      contents: Data(#"{"prices": {"starter": {"monthly": 9223372036854775807}}}"#.utf8))
    let r = try HostileInputTests.billsh(
      ["--catalog", path], stdin: HostileInputTests.text("show\n"))
    expectTrue(!r.signaled)
    expectTrue(!r.timedOut)
    expectEqual(r.code, 2, "\(r.stdout)")
    #expect(
      r.stdout.contains(
        "catalog.prices.starter.monthly: expected a whole number of cents from 0 to 100000000 ($1,000,000.00 per seat)"
      ), "\(r.stdout)")
  }

  /// Catalog files with extreme numbers: refused with `io` naming the key, never a trap.
  @Test(arguments: [
    (
      #"{"prices": {"starter": {"monthly": 9223372036854775807}}}"#,
      "catalog.prices.starter.monthly"
    ),
    (#"{"prices": {"advanced": {"annual": 1000000001}}}"#, "catalog.prices.advanced.annual"),
    (#"{"prices": {"starter": {"monthly": -1}}}"#, "catalog.prices.starter.monthly"),
    (#"{"prices": {"starter": {"monthly": 9223372036854775808}}}"#, "bad JSON"),
    (#"{"sizes": [2, 9007199254740992]}"#, "catalog.sizes"),
    (#"{"sizes": [2, 1000001]}"#, "catalog.sizes"),
    (#"{"self_serve_limit": 2147483648}"#, "catalog.self_serve_limit"),
    (#"{"trial_days": 9223372036854775807}"#, "catalog.trial_days"),
    (#"{"trial_days": 30, "trial_days": 31}"#, "duplicate key \"trial_days\""),
  ])
  func extremeCatalogs(_ json: String, _ named: String) {
    #expect(throws: Failure.self) {
      _ = try parseCatalog(try parseJSON(json), base: .standard)
    }
    do { _ = try parseCatalog(try parseJSON(json), base: .standard) } catch {
      expectEqual(error.code, .io)
      expectTrue(error.message.contains(named), "\(error.message)")
    }
  }

  /// The catalog's largest prices and sizes: every amount still fits, and pro rata is exact.
  @Test func largestCatalogPrices() throws {
    let c = try parseCatalog(
      try parseJSON(
        #"{"prices": {"starter": {"monthly": 100000000}}, "self_serve_limit": 1000000}"#),
      base: .standard)
    expectEqual(c.annual[.starter], 1_000_000_000)
    let s = Session(catalog: c)
    s.perform("create org A", file: nil, line: nil, expectation: nil)
    let o = s.perform(
      "quote org A --tier starter --seats 1000000", file: nil, line: nil, expectation: nil)
    expectTrue(o.failure == nil)
    expectEqual(Money.prorate(Money.maxAmount, 365, 366), 997_267_759_562_842)
    expectEqual(Money.prorate(Int.max, Int.max, Int.max), Int.max)
    expectEqual(Money.prorate(-5, 1, 10), 0)
    expectTrue(Money.add(Money.maxTotal, 1) == nil)
    expectTrue(Money.add(Int.max, Int.max) == nil)
  }

  /// Issue 13's `.load` cases through the real binary: each refused with `io` naming the JSON
  /// path, and the world stays (see loadOfBrokenJSONLeavesTheWorld).
  @Test(arguments: [
    ("a plan of 7 seats", "SAVED:\"seats\": 2=>\"seats\": 7"),
    (
      "a change scheduled to tier bogus",
      "SAVED:\"scheduled\": null=>\"scheduled\": {\"tier\": \"bogus\", \"seats\": null, \"cycle\": null}"
    ),
    (
      "a duplicate key",
      "SAVED:\"tier\": \"starter\",=>\"tier\": \"starter\", \"tier\": \"advanced\","
    ),
    ("a negative invoice amount", "SAVED:\"amount_cents\": 2698=>\"amount_cents\": -2698"),
    ("an unknown key", "SAVED:\"version\": 1,=>\"version\": 1, \"junk\": \"x\","),
    ("seats of 2^63-1", "SAVED:\"seats\": 2=>\"seats\": 9223372036854775807"),
  ])
  func loadOfAStricterKindOfBrokenJSON(_ name: String, _ content: String) throws {
    try loadOfBrokenJSONLeavesTheWorld(name, content)
  }
}
