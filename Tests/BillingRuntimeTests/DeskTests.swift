import Foundation
import BillingLanguage
import BillingModel
import BillingStore
import BillingSupport
import Testing

@testable import BillingRuntime
@testable import BillingShell

/// The support desk's views (SPEC §8, "Seeing everything" and "Timelines"): `show <what>` and
/// `timeline <what>`, through `Session.perform` on the rule tables' base world.
@Suite struct DeskTests {
  /// Design's starter monthly team plan (P1, 5 seats, ann), a sixth member ten days in (INV-0002,
  /// P5), then advanced and 15 seats at once (INV-0003, P3).
  static let charged = [
    "create org Globex",
    "add ana ben cy dee eve fay --org Globex",
    "add gus --org Globex --guest",
    "create team Design --org Globex",
    "add ana ben cy dee eve --team Design",
    "as ana upgrade team Design --tier starter --monthly",
    "advance 10d",
    "add fay --team Design",
    "as ana edit team Design --tier advanced --seats 15",
  ]

  func lines(_ o: Outcome) -> [JSON] { o.result["lines"]?.asArray ?? [] }
  func cents(_ o: Outcome) -> [Int] { lines(o).compactMap { $0["cents"]?.asInt } }

  // MARK: show <invoice-id>

  @Test func aWholePeriodIsOneLine() {
    let s = makeSession(Self.charged, base: false)
    let o = ok(s, "show INV-0001")
    expectEqual(o.result["amount_cents"]?.asInt, 6745)
    expectEqual(cents(o), [6745])
    let l = lines(o)[0]
    expectEqual(l["seats"]?.asInt, 5)
    expectEqual(l["unit_cents"]?.asInt, 1349)
    expectEqual(l["days"], .null)
    expectEqual(l["period_days"], .null)
  }

  @Test func aResizeShowsTheExactFractionAndTheRounding() {  // P5
    let s = makeSession(Self.charged, base: false)
    let o = ok(s, "show inv-0002")
    expectEqual(cents(o), [4569])
    expectEqual(lines(o)[0]["days"]?.asInt, 21)
    expectEqual(lines(o)[0]["period_days"]?.asInt, 31)
    expectTrue(o.text.contains("6745 × 21/31 = 4569.19… → $45.69"))
  }

  @Test func aTierAndSeatChangeIsTwoLinesAddingUpToTheTotal() {  // P3
    let s = makeSession(Self.charged, base: false)
    let o = ok(s, "show INV-0003")
    // The tier step on the 10 seats held (+1700 a seat), then 5 added seats at 3049.
    expectEqual(lines(o).map { $0["seats"]?.asInt }, [10, 5])
    expectEqual(lines(o).map { $0["unit_cents"]?.asInt }, [1700, 3049])
    expectEqual(cents(o).reduce(0, +), o.result["amount_cents"]?.asInt)
    expectEqual(Money.prorate(10 * 1700 + 5 * 3049, 21, 31), o.result["amount_cents"]?.asInt)
  }

  @Test func theLastProRataLineCarriesTheRoundingRemainder() {  // §2: rounded once
    let c = Charge.prorata(
      [(.tierStep(from: .starter, to: .advanced), 1, 5), (.addedSeats(from: 1, to: 2), 1, 5)],
      days: 1, periodDays: 10)
    // 0.5 + 0.5 = 1 cent in all; each alone would round to 1.
    expectEqual(c.total, Money.prorate(10, 1, 10))
    expectEqual(c.lines.map(\.cents), [1, 0])
  }

  @Test func absorbedTeamPlansAreNegativeCreditsAndTheExcessIsNotPaidOut() {  // P6
    let s = makeSession([
      "as ann upgrade team Design --tier advanced --seats 5",
      "as bob upgrade team Ops --tier starter --seats 2 --monthly",
      "advance 20d",
      "as adam upgrade org Acme --tier starter --seats 5 --monthly",
    ])
    let o = ok(s, "show INV-0003")
    let kinds = lines(o).map { $0["text"]?.asString ?? "" }
    expectEqual(kinds.count, 4)
    expectTrue(kinds[1].hasPrefix("credit for P1 (team Design)"))
    expectTrue(kinds[2].hasPrefix("credit for P2 (team Ops)"))
    expectTrue(kinds[3].hasPrefix("credits above the price are not paid out"))
    expectTrue(cents(o)[1] < 0)
    expectTrue(cents(o)[2] < 0)
    expectTrue(cents(o)[3] > 0)
    expectEqual(o.result["amount_cents"]?.asInt, 0)
    expectEqual(cents(o).reduce(0, +), 0)
  }

  @Test func linesSurviveSaveAndLoad() throws {
    let s = makeSession(Self.charged, base: false)
    let saved = s.savedText()
    let w = try World.restore(try parseJSON(saved))
    expectEqual(w.invoice(InvoiceID(index: 2)).lines, s.world.invoice(InvoiceID(index: 2)).lines)
  }

  @Test func anOlderSaveWithoutLinesLoadsAndSaysSo() throws {
    let s = makeSession(Self.charged, base: false)
    // An older save: the same world, its invoices without "lines".
    var text = ""
    stripLines(try parseJSON(s.savedText())).writePretty(to: &text)
    let w = try World.restore(try parseJSON(text))
    expectTrue(w.invoice(InvoiceID(index: 1)).lines == nil)
    let fresh = Session()
    fresh.world = w
    let o = ok(fresh, "show INV-0002")
    expectEqual(cents(o), [4569])
    expectTrue(o.text.contains("not itemized"))
  }

  func stripLines(_ j: JSON) -> JSON {
    switch j {
    case .object(let pairs):
      return .object(pairs.filter { $0.0 != "lines" }.map { ($0.0, stripLines($0.1)) })
    case .array(let a): return .array(a.map(stripLines))
    default: return j
    }
  }

  @Test func timelinesSurviveSaveAndLoad() throws {
    let s = makeSession(Self.charged, base: false)
    s.perform("as ben cancel team Design")
    let fresh = Session()
    fresh.world = try World.restore(try parseJSON(s.savedText()))
    for line in ["timeline org Globex", "timeline ana", "timeline ben", "show P1"] {
      expectEqual(ok(fresh, line).text, ok(s, line).text, "\(line)")
    }
    // The same world saved again is the same text.
    expectEqual(fresh.savedText(), s.savedText())
  }

  @Test func anOlderSaveWithoutAJournalLoadsWithEmptyTimelines() throws {
    let s = makeSession(Self.charged, base: false)
    guard case .object(let pairs) = try parseJSON(s.savedText()) else {
      Issue.record("a saved world is not a JSON object")
      return
    }
    let old = JSON.object(pairs.filter { $0.0 != "journal" && $0.0 != "timelines" })
    var text = ""
    old.writePretty(to: &text)
    let fresh = Session()
    fresh.world = try World.restore(try parseJSON(text))
    expectEqual(ok(fresh, "timeline org Globex").text, "nothing has happened to org Globex yet")
    expectEqual(ok(fresh, "show INV-0003").text, ok(s, "show INV-0003").text)
  }

  @Test func whoDidItSurvivesASaveAndNamesNobodyForTheClock() throws {
    let s = makeSession(acmePaid + ["as ann cancel org Acme", "advance 13m"])
    let before = ok(s, "timeline org Acme").text
    expectTrue(before.contains("P1 canceled by ann: active until"), "\(before)")
    let json = ok(s, "timeline org Acme").result["entries"]?.asArray ?? []
    expectTrue(
      json.contains { $0["kind"]?.asString == "canceled" && $0["actor"]?.asString == "ann" })
    // The clock's doings (the plan ending at renewal) are nobody's.
    expectTrue(json.contains { $0["kind"]?.asString == "ended" && $0["actor"] == .null })
    let fresh = Session()
    fresh.world = try World.restore(try parseJSON(s.savedText()))
    expectEqual(ok(fresh, "timeline org Acme").text, before)
  }

  @Test func linesThatDoNotAddUpAreRefusedOnLoad() throws {
    let s = makeSession(Self.charged, base: false)
    let text = s.savedText().replacingFirst("\"cents\": 4569", with: "\"cents\": 4570")
    #expect(throws: Failure.self) { try World.restore(try parseJSON(text)) }
  }

  // MARK: show <scope>, <user>, <plan-id>

  @Test func aScopeShowsPlanPeopleTeamsAndInvoices() {
    let s = makeSession(acmePaid)
    let o = ok(s, "show org Acme")
    expectEqual(o.result["scope"]?.asString, "org Acme")
    expectEqual(o.result["tier"]?.asString, "starter")
    // SPEC §8 "one glance": the whole plan, the next invoice and the last billing action.
    expectEqual(o.result["plan"]?["id"]?.asString, "P1")
    expectEqual(o.result["plan"]?["status"]?.asString, "active")
    expectTrue(o.result["next_invoice"]?["amount_cents"]?.asInt != nil)
    expectTrue(o.result["last_action"]?["command"]?.asString != nil)
    expectEqual(o.result["covered_by"], .null)
    expectEqual(o.result["seats"]?.asInt, 5)
    expectEqual(o.result["used"]?.asInt, 5)
    expectEqual(o.result["over"], .bool(false))
    expectEqual(o.result["billable"]?.asInt, 5)
    let people = o.result["people"]?.asArray ?? []
    expectEqual(people.map { $0["user"]?.asString }, ["adam", "ann", "bob", "carl", "dave", "gus"])
    let ann = people[1]
    #expect(
      ann["roles"] == .array([.string("member"), .string("admin"), .string("billing-owner")]))
    expectEqual(people[5]["billable"], .bool(false))
    let teams = o.result["teams"]?.asArray ?? []
    expectEqual(teams.map { $0["team"]?.asString }, ["team Design", "team Ops"])
    expectEqual(teams[0]["covered_by"]?.asString, "P1")
    expectEqual(teams[0]["plan"], .null)
    expectEqual(o.result["invoices"]?.asArray.count, 1)
  }

  @Test func aCoveredTeamNamesTheOrganizationPlan() {  // R6
    let s = makeSession(acmePaid)
    let o = ok(s, "show team Design")
    // The plan in effect is the organization's (SPEC §8 "one glance"), as covered_by says.
    expectEqual(o.result["plan"]?["id"]?.asString, "P1")
    expectEqual(o.result["covered_by"]?.asString, "P1")
    expectEqual(o.result["billable"]?.asInt, 3)
    expectEqual(o.result["used"]?.asInt, 5)
    #expect(
      o.text.contains(
        "covered by the organization plan P1 (org Acme, starter annual, 5 seats) (R6)"))
  }

  @Test func aUserShowsSpacesTeamsPlansAndMessages() {
    let s = makeSession(acmePaid)
    let o = ok(s, "show ann")
    expectEqual(o.result["user"]?.asString, "ann")
    expectEqual(o.result["acting"], .bool(false))
    let spaces = o.result["spaces"]?.asArray ?? []
    expectEqual(spaces.count, 1)
    expectEqual(spaces[0]["plans"], .array([.string("P1")]))
    let teams = o.result["teams"]?.asArray ?? []
    expectEqual(teams.first?["team"]?.asString, "team Design")
    expectEqual(teams.first?["tier"]?.asString, "starter")
    expectEqual(o.result["plans"]?.asArray.count, 1)
    expectEqual(o.result["messages"]?.asInt, 1)
    ok(s, "login ann")
    expectEqual(ok(s, "show user ann").result["acting"], .bool(true))
  }

  @Test func userNamesAHandleThatLooksLikeAnId() {
    let s = makeSession(["create org Beta", "add P1 INV-0001 --org Beta"], base: false)
    expectEqual(s.perform("show P1").failure?.code, .notFound)
    expectEqual(ok(s, "show user P1").result["user"]?.asString, "P1")
    expectEqual(ok(s, "show user INV-0001").result["user"]?.asString, "INV-0001")
    expectEqual(ok(s, "timeline user P1").result["entries"]?.asArray.isEmpty, true)
  }

  @Test func anEndedPlanIsShownWithItsEvents() {
    let s = makeSession(acmeTrial + ["advance 31d"])
    let o = ok(s, "show P1")
    expectEqual(o.result["plan"]?["status"]?.asString, "ended")
    let kinds = (o.result["events"]?.asArray ?? []).map { $0["kind"]?.asString }
    expectEqual(kinds, ["trial-started", "trial-ended"])
    expectEqual(o.result["scheduled"], .null)
    expectEqual(o.result["invoices"], .array([]))
  }

  @Test func showNeedsNobodyActingAndChangesNothing() {
    let s = makeSession(acmePaid)
    ok(s, "logout")
    let before = s.savedText()
    for line in [
      "show", "show org Acme", "show team Design", "show ann", "show P1", "show INV-0001",
      "timeline org Acme", "timeline ann", "timeline P1",
    ] {
      ok(s, line)
    }
    expectEqual(s.savedText(), before)
  }

  @Test(arguments: [
    ("show nobdy", "unknown user"), ("show org Acm", "did you mean Acme"),
    ("show team Desing", "did you mean Design"), ("show P7", "plans run from P1 to P1"),
    ("show INV-0009", "invoices run from INV-0001 to INV-0001"),
    ("timeline workspace Sid", "did you mean Side"), ("timeline user nobdy", "unknown user"),
  ])
  func unknownNamesAreNotFound(line: String, words: String) {
    let s = makeSession(acmePaid)
    let o = s.perform(line)
    expectEqual(o.failure?.code, .notFound, "\(line) → \(o.text)")
    expectTrue(o.text.contains(words), "\(line) → \(o.text)")
  }

  @Test(arguments: ["show user", "timeline", "show org", "timeline INV-0001", "show ann bob"])
  func badShapesAreUsage(line: String) {
    let s = makeSession(acmePaid)
    expectEqual(s.perform(line).failure?.code, .usage, "\(line)")
  }

  // MARK: timelines

  func entries(_ o: Outcome) -> [(String, String)] {
    (o.result["entries"]?.asArray ?? []).map {
      ($0["kind"]?.asString ?? "", $0["text"]?.asString ?? "")
    }
  }

  @Test func aScopeTimelineListsWhatHappenedInOrder() {
    let s = makeSession(Self.charged, base: false)
    s.perform("as ben cancel team Design")
    let e = entries(ok(s, "timeline team Design"))
    #expect(
      e.map(\.0) == [
        "added", "added", "added", "added", "added", "plan-started", "invoice", "added", "resized",
        "invoice", "changed", "invoice", "refused",
      ])
    expectTrue(e[6].1.hasPrefix("INV-0001 $67.45"))
    expectTrue(e[12].1.contains("ben"))
    expectTrue(e[12].1.contains("(R14)"))
    let json = ok(s, "timeline team Design").result["entries"]?.asArray ?? []
    expectEqual(json[6]["plan"]?.asString, "P1")
    expectEqual(json[6]["invoice"]?.asString, "INV-0001")
    expectEqual(json[0]["date"]?.asString, "2026-01-01")
    expectEqual(json[12]["date"]?.asString, "2026-01-11")
  }

  @Test func anOrganizationIncludesItsTeamsAndATeamItsOrganizationPlan() {
    let s = makeSession(designPaid + ["advance 10d", "as adam upgrade org Acme --tier advanced"])
    let org = entries(ok(s, "timeline org Acme"))
    expectTrue(org.contains { $0.0 == "ended" && $0.1.hasPrefix("P1 ended by adam: absorbed") })
    expectTrue(org.contains { $0.0 == "plan-started" && $0.1.hasPrefix("P2 started") })
    let team = entries(ok(s, "timeline team Ops"))
    // Ops had no plan of its own: it sees bob join and the organization plan's events.
    expectEqual(team.map(\.0), ["added", "plan-started", "invoice"])
  }

  @Test func renewalsAndCancellationsAreDated() {
    let s = makeSession(acmePaid + ["as ann cancel org Acme", "advance 13m"])
    let e = entries(ok(s, "timeline org Acme")).map(\.0)
    expectEqual(Array(e.suffix(4)), ["plan-started", "invoice", "canceled", "ended"])
    let r = makeSession(["as ann upgrade team Design --tier starter --monthly", "advance 1m"])
    expectEqual(entries(ok(r, "timeline team Design")).suffix(2).map(\.0), ["renewed", "invoice"])
  }

  @Test func aPlanBoughtInThePastStartsOnThatDay() {
    let s = makeSession(
      [
        "create org Acme", "add ann --org Acme", "clock 2026-03-15",
        "create plan org Acme --tier starter --seats 5 --owner ann --since 2026-01-10",
      ], base: false)
    let dates = (ok(s, "timeline P1").result["entries"]?.asArray ?? []).map {
      $0["date"]?.asString ?? ""
    }
    expectEqual(dates, ["2026-01-10", "2026-01-10"])
  }

  @Test func aPersonsTimelineIsTheirActionsBeforeTheMessagesTheySent() {
    let s = makeSession(designPaid)
    s.perform("as carl cancel team Design")
    let e = entries(ok(s, "timeline ann"))
    expectEqual(e.map(\.0), ["action", "message"])
    expectEqual(e[0].1, "upgrade team Design --tier starter → ok")
    expectTrue(e[1].1.hasPrefix("invoice INV-0001"))
    let carl = entries(ok(s, "timeline carl"))
    expectEqual(carl.map(\.1), ["cancel team Design → error[permission-denied] (R14)"])
  }

  @Test func theJournalCostsWhatATimelineLists() {
    // A big organization and one small team: the team's timeline lists only the team's.
    var lines = ["create org Big", "create team Small --org Big", "add x y --org Big"]
    lines.append("add " + (1...2000).map { "m\($0)" }.joined(separator: " ") + " --org Big")
    lines.append("add x y --team Small")
    let s = makeSession(lines, base: false)
    expectEqual(s.world.journal.entries(of: .team(s.world.teamIDs(named: "Small")[0])).count, 1)
    expectEqual(entries(ok(s, "timeline team Small")).count, 2)
  }

  // MARK: parsing and completion

  @Test func subjectsAreClassified() {
    expectEqual(Subject.classify("P3"), .plan("P3"))
    expectEqual(Subject.classify("p12"), .plan("p12"))
    expectEqual(Subject.classify("INV-0007"), .invoice("INV-0007"))
    expectEqual(Subject.classify("inv-7"), .invoice("inv-7"))
    expectEqual(Subject.classify("Pam"), .user("Pam"))
    expectEqual(Subject.classify("P"), .user("P"))
    expectEqual(Subject.classify("INV-"), .user("INV-"))
  }

  @Test func completionOffersKindsHandlesPlansAndInvoices() {
    let s = makeSession(acmePaid)
    let c = Completer(world: s.world)
    let first = c.complete("show ").candidates
    for w in ["org", "workspace", "team", "user", "ann", "P1", "INV-0001"] {
      expectTrue(first.contains(w), "\(w)")
    }
    expectTrue(c.complete("show org ").candidates.contains("Acme"))
    expectEqual(c.complete("timeline user a").candidates, ["adam", "ann"])
    expectEqual(c.complete("timeline team D").candidates, ["Design"])
    expectEqual(c.complete("show P").candidates, ["P1"])
  }

  @Test func helpNamesTheNewCommands() throws {
    #expect(try Help.text("show").contains("<invoice-id>"))
    #expect(try Help.text("timeline").contains("timeline <scope>"))
  }
}

extension String {
  fileprivate func replacingFirst(_ a: String, with b: String) -> String {
    guard let r = range(of: a) else { return self }
    return replacingCharacters(in: r, with: b)
  }
}
