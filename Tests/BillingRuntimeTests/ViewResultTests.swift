import BillingModel
import BillingSupport
import Testing

@testable import BillingRuntime

/// A view command's result is one value (`ViewResult`); its text and its JSON are two views of
/// it, so a fact found once shows in both.
@Suite struct ViewResultTests {

  @Test func whoamiShowsTheSameRolesInTextAndJSON() throws {
    let s = played(["create org Acme", "add ann --org Acme --admin", "login ann"])
    let ann = try #require(s.world.userID("ann"))
    let v = ViewResult.whoami(ann, s.world.roles(of: ann))
    let text = v.text(in: s.world).string
    let json = v.json(in: s.world)
    #expect(text.hasPrefix("ann\n  org Acme: "))
    #expect(text.contains("admin"))
    #expect(json["user"] == .string("ann"))
    guard case .array(let spaces)? = json["spaces"], let first = spaces.first else {
      Issue.record("no spaces in \(json.text)")
      return
    }
    #expect(first["space"] == .string("org Acme"))
    guard case .array(let roles)? = first["roles"] else {
      Issue.record("no roles in \(json.text)")
      return
    }
    #expect(roles.contains(.string("admin")))
    // The command renders the same value.
    let o = s.perform("whoami")
    #expect(o.text == text)
    #expect(o.result == json)
  }

  @Test func nobodyActingIsNullInJSONAndSaidInText() {
    let s = played([])
    let v = ViewResult.whoami(nil, [])
    #expect(v.text(in: s.world).string == "nobody is acting: login <user>")
    #expect(v.json(in: s.world)["user"] == .null)
  }

  @Test func theClockDayIsTheSameInBothViews() {
    let s = played(["clock 2031-05-06"])
    let v = ViewResult.clock(s.world.today)
    #expect(v.text(in: s.world).string == "2031-05-06")
    #expect(v.json(in: s.world)["date"] == .string("2031-05-06"))
  }

  @Test func historyListsTheSameLinesInBothViews() {
    let s = played([])
    let v = ViewResult.history(["clock", "whoami"])
    #expect(v.text(in: s.world).string == "1  clock\n2  whoami")
    #expect(v.json(in: s.world)["history"] == .array([.string("clock"), .string("whoami")]))
    #expect(ViewResult.history([]).text(in: s.world).string == "no history yet")
  }

  @Test func textPlaybackBuildsNoJSON() {
    let s = played(["create org Acme", "add ann --org Acme", "login ann"])
    s.keepsResults = false
    let o = s.perform("whoami")
    #expect(o.text.hasPrefix("ann\n  org Acme: member"))
    #expect(o.result == .null)
  }

  // The support person's views.

  /// The elements of a JSON array (none, recorded as an issue, when it is not one).
  func items(_ json: JSON?) -> [JSON] {
    guard case .array(let a)? = json else {
      Issue.record("not an array: \(json?.text ?? "nil")")
      return []
    }
    return a
  }

  @Test func logEntriesAreTheSameInBothViews() throws {
    let s = played([
      "create org Acme", "add ann --org Acme --admin",
      "as ann upgrade org Acme --tier starter --monthly",
    ])
    let v = ViewResult.log(s.world.log)
    let lines = v.text(in: s.world).string.split(separator: "\n")
    #expect(lines.first == "2026-01-01 - create org Acme → ok")
    #expect(lines.last?.hasPrefix("2026-01-01 ann upgrade org Acme --tier starter") == true)
    let entries = items(v.json(in: s.world)["entries"])
    #expect(entries.count == lines.count)
    let first = try #require(entries.first)
    #expect(first["command"] == .string("create org Acme"))
    #expect(first["actor"] == .null)
    #expect(first["outcome"] == .string("ok"))
    #expect(entries.last?["actor"] == .string("ann"))
    let o = s.perform("log")
    #expect(o.text == v.text(in: s.world).string)
    #expect(o.result == v.json(in: s.world))
    #expect(ViewResult.log(Log()).text(in: s.world).string == "the log is empty")
  }

  @Test func featuresNameTheSamePlanInBothViews() throws {
    let s = played([
      "create org Acme", "add ann carl --org Acme --admin", "create team Design --org Acme",
      "add carl --team Design", "as carl upgrade team Design --tier starter --monthly",
    ])
    let (carl, rows) = try s.world.features("carl")
    let v = ViewResult.features(carl, rows)
    let text = v.text(in: s.world).string
    #expect(text.contains("team Design: starter (P1)"))
    let access = items(v.json(in: s.world)["access"])
    let design = try #require(access.first { $0["scope"] == .string("team Design") })
    #expect(design["tier"] == .string("starter"))
    #expect(design["plan"] == .string("P1"))
    let o = s.perform("features carl")
    #expect(o.text == text)
    #expect(o.result == v.json(in: s.world))
  }

  @Test func aMarkRowIsTheSameInBothViews() throws {
    let s = played([])
    let day = try #require(Day("2030-02-03"))
    let v = ViewResult.marks([
      MarkRow(name: "before", date: day, ago: 2, actor: "ann"),
      MarkRow(name: "after", date: day, ago: 1, actor: nil),
    ])
    #expect(
      v.text(in: s.world).string
        == "before: 2030-02-03, 2 commands ago, ann\nafter: 2030-02-03, 1 command ago, nobody acting"
    )
    let marks = items(v.json(in: s.world)["marks"])
    #expect(marks.count == 2)
    let first = try #require(marks.first)
    #expect(first["name"] == .string("before"))
    #expect(first["date"] == .string("2030-02-03"))
    #expect(first["ago"] == .int(2))
    #expect(first["actor"] == .string("ann"))
    #expect(marks.last?["actor"] == .null)
    #expect(ViewResult.marks([]).text(in: s.world).string.hasPrefix("no marks"))
  }

  @Test func aRuleInIndonesianAddsTheSameTextToBothViews() throws {
    let s = played([])
    let r = try #require(Rule(id: "R14"))
    let en = ViewResult.rule(r, .en)
    let id = ViewResult.rule(r, .id)
    #expect(!en.text(in: s.world).string.contains("in Indonesian:"))
    #expect(id.text(in: s.world).string.contains("in Indonesian:"))
    #expect(id.text(in: s.world).string.hasPrefix(en.text(in: s.world).string + "\n"))
    let enRule = try #require(items(en.json(in: s.world)["rules"]).first)
    let idRule = try #require(items(id.json(in: s.world)["rules"]).first)
    #expect(enRule["indonesian"] == nil)
    #expect(idRule["indonesian"] == .string(r.indonesian))
    #expect(idRule["id"] == .string("R14"))
    let list = ViewResult.rules
    #expect(
      list.text(in: s.world).string.split(separator: "\n").count == Rule.allCases.count + 1)
    #expect(items(list.json(in: s.world)["rules"]).count == Rule.allCases.count)
  }

  /// The glance is the value: its next invoice and last action show in both views as given,
  /// not as the world would work them out again.
  @Test func aScopeGlanceShowsItsNextInvoiceAndLastActionInBothViews() throws {
    let s = played([
      "create org Acme", "add ann --org Acme --admin",
      "as ann upgrade org Acme --tier starter --monthly",
    ])
    let acme = try #require(s.world.spaceID("Acme"))
    let ann = try #require(s.world.userID("ann"))
    let plan = try #require(s.world.livePlan(.space(acme)))
    let day = try #require(Day("2026-03-04"))
    let g = ScopeGlance(
      scope: .space(acme), covering: plan, coveredBy: nil, billable: 1,
      usage: (seats: 7, used: 1, over: false), next: (date: day, cents: 1234),
      last: (date: day, command: "pay", actor: ann),
      people: [(user: ann, roles: ["member", "admin"], billable: true)], teams: [], invoices: [])
    let v = ViewResult.shownScope(g)
    let text = v.text(in: s.world).string
    #expect(text.contains("; 1 of 7 seats used"))
    #expect(text.contains("\n  next invoice: 2026-03-04 $12.34"))
    #expect(text.contains("\n  last billing action: 2026-03-04 pay by ann"))
    #expect(text.contains("\n    ann: member, admin; billable"))
    #expect(text.hasSuffix("\n  no invoices for \(plan)"))
    let json = v.json(in: s.world)
    #expect(json["seats"] == .int(7))
    #expect(json["next_invoice"]?["date"] == .string("2026-03-04"))
    #expect(json["next_invoice"]?["amount_cents"] == .int(1234))
    #expect(json["last_action"]?["command"] == .string("pay"))
    #expect(json["last_action"]?["actor"] == .string("ann"))
    let person = try #require(items(json["people"]).first)
    #expect(person["roles"] == .array([.string("member"), .string("admin")]))
  }

  @Test func showAndTimelineRenderTheirOneValue() throws {
    let s = played([
      "create org Acme", "add ann --org Acme --admin",
      "as ann upgrade org Acme --tier starter --monthly",
    ])
    let acme = try #require(s.world.spaceID("Acme"))
    let plan = try #require(s.world.livePlan(.space(acme)))
    let entries = s.world.timeline(of: .space(acme))
    let v = ViewResult.timeline(entries, of: .space(acme))
    let lines = v.text(in: s.world).string.split(separator: "\n")
    let json = items(v.json(in: s.world)["entries"])
    #expect(!lines.isEmpty)
    #expect(lines.count == json.count)
    for (line, entry) in zip(lines, json) {
      guard case .string(let date)? = entry["date"], case .string(let kind)? = entry["kind"],
        case .string(let words)? = entry["text"]
      else {
        Issue.record("an entry without date, kind or text: \(entry.text)")
        continue
      }
      #expect(line == "\(date) \(kind): \(words)")
    }
    let o = s.perform("timeline org Acme")
    #expect(o.text == v.text(in: s.world).string)
    #expect(o.result == v.json(in: s.world))
    // A plan shown with no events lists none in either view.
    let bare = ViewResult.shownPlan(plan, invoices: [], events: [])
    #expect(!bare.text(in: s.world).string.contains("events:"))
    #expect(bare.json(in: s.world)["events"] == .array([]))
    let ann = try #require(s.world.userID("ann"))
    let nothing = ViewResult.userTimeline(ann, [])
    #expect(nothing.text(in: s.world).string == "nothing has happened to ann yet")
    #expect(nothing.json(in: s.world)["entries"] == .array([]))
  }
}

// The what-if views and the customer's explanation.
extension ViewResultTests {
  /// A workspace on a monthly starter plan, owned by `u`, who acts.
  func planned() -> Session {
    played([
      "create workspace W", "add u --workspace W",
      "create plan workspace W --tier starter --owner u --monthly", "login u",
    ])
  }

  @Test func advanceListsTheSameEventsInTextAndJSON() throws {
    let s = planned()
    let twin = planned()
    let (events, _) = s.world.advance(to: try #require(Day("2026-04-15")))
    try #require(events.count >= 2, "\(events)")
    // Listing only the first: both views list one, and count the rest.
    let v = ViewResult.advanced(
      s.world.today, EventListing(events: events, listed: 1, stopped: false))
    let lines = v.text(in: s.world).string.split(separator: "\n")
    #expect(lines.count == 3, "\(lines)")
    #expect(lines[1] == Substring(s.world.eventLine(events[0]).string))
    let notListed = " \(events.count - 1) events on the way not listed"
    #expect(lines[2].hasSuffix(notListed + " (log, timeline and show have them)"))
    let json = v.json(in: s.world)
    #expect(json["events"] == .array([s.world.eventJSON(events[0])]))
    #expect(json["events_not_listed"] == .int(events.count - 1))
    #expect(json["interrupted"] == .bool(true))
    // The command renders the same value with every event listed.
    let o = twin.perform("advance to 2026-04-15")
    let all = ViewResult.advanced(
      s.world.today, EventListing(events: events, listed: events.count, stopped: false))
    #expect(o.text == all.text(in: s.world).string)
    #expect(o.result == all.json(in: s.world))
    #expect(o.result["interrupted"] == nil)
  }

  @Test func aForecastShowsTheSameTotalInTextAndJSON() throws {
    let s = planned()
    let o = s.perform("forecast workspace W 3m")
    let scope = try s.world.resolve(.workspace("W"))
    let f = s.world.copy().forecast(
      scope, to: try #require(Day("2026-04-01")), invoicesFrom: s.world.invoices.count,
      shouldStop: { false })
    let v = ViewResult.forecast(scope, ForecastListing(forecast: f, listed: f.events.count))
    #expect(o.text == v.text(in: s.world).string)
    #expect(o.result == v.json(in: s.world))
    #expect(f.totalCents > 0)
    #expect(o.text.contains("total \(Money.format(f.totalCents)) (\(f.invoices.count) invoices)"))
    #expect(o.result["total_cents"] == .int(f.totalCents))
  }

  @Test func comparedPathsNameTheSameCheapestInBothViews() throws {
    let s = planned()
    let o = s.perform(
      "compare workspace W 3m --with \"edit workspace W --seats 5\" --with \"add v --workspace W\"")
    try #require(o.isOK, "\(o.text)")
    guard case .array(let alternatives)? = o.result["alternatives"], alternatives.count == 2 else {
      Issue.record("no alternatives in \(o.result.text)")
      return
    }
    let totals = alternatives.compactMap { a -> Int? in
      if case .int(let cents)? = a["total_cents"] { cents } else { nil }
    }
    try #require(totals.count == 2, "\(o.result.text)")
    #expect(o.result["after"]?["total_cents"] == .int(totals[0]))
    // The text says the same totals.
    for cents in totals { #expect(o.text.contains("total \(Money.format(cents))")) }
    #expect(o.text.contains("\ncheapest: "))
  }

  @Test func anExplainedRefusalIsTheSameTextInBothViews() throws {
    let s = played(["create org Acme"])
    let acme = try s.world.resolve(.org("Acme"))
    let v = ViewResult.refusalExplained(
      Refused(scope: acme, code: .permissionDenied, rule: nil), .id)
    let text = v.text(in: s.world).string
    #expect(
      text.hasPrefix("Halo,\nPermintaan Anda pada organisasi Acme Anda tidak dapat dilakukan."))
    #expect(text.contains(Reply.doOwner.text(.id)))
    #expect(v.json(in: s.world)["text"] == .string(text))
    #expect(v.json(in: s.world)["lang"] == .string("id"))
    let none = ViewResult.refusalExplained(nil, .en)
    #expect(none.text(in: s.world).string == "nothing has been refused in this session yet")
    #expect(s.perform("explain last").text == none.text(in: s.world).string)
  }

  @Test func canSaysTheSameRefusalInTextAndJSON() throws {
    let s = planned()
    s.perform("create user z")
    let o = s.perform("can z cancel workspace W")
    let error = try #require(o.result["error"], "\(o.result.text)")
    guard case .string(let code)? = error["code"], case .string(let message)? = error["message"]
    else {
      Issue.record("no code or message in \(o.result.text)")
      return
    }
    #expect(o.result["allowed"] == .bool(false))
    #expect(o.text.hasPrefix("no: error[\(code)]: \(message)"))
    let yes = ViewResult.can("u", refusal: nil)
    #expect(yes.text(in: s.world).string == "yes: u may do that now")
    #expect(yes.json(in: s.world)["allowed"] == .bool(true))
    #expect(s.perform("can u cancel workspace W").text == yes.text(in: s.world).string)
  }

  @Test func aMarkAndGoingBackToItShowTheSameFactsInTextAndJSON() throws {
    let s = played(["create org Acme", "add ann --org Acme", "login ann"])
    let ann = try #require(s.world.userID("ann"))
    let marked = ViewResult.marked("a", moved: false, date: s.world.today, actor: ann)
    let o = s.perform(".mark a")
    #expect(o.text == marked.text(in: s.world).string)
    #expect(o.result == marked.json(in: s.world))
    #expect(o.text == "marked a at \(s.world.today); ann acts")
    #expect(o.result["actor"] == .string("ann"))
    #expect(o.result["mark"] == .string("a"))
    let moved = ViewResult.marked("a", moved: true, date: s.world.today, actor: ann)
    #expect(s.perform(".mark a").text == moved.text(in: s.world).string)
    #expect(s.perform("logout").text == ViewResult.loggedOut(ann).text(in: s.world).string)
    let back = s.perform(".back a")
    let v = ViewResult.backAt("a", date: s.world.today, actor: ann)
    #expect(back.text == v.text(in: s.world).string)
    #expect(back.result == v.json(in: s.world))
    #expect(back.text.hasSuffix("; ann acts"))
  }

  @Test func theDemoWorldsSizeIsReadFromTheWorldLoaded() {
    let s = played([])
    let o = s.perform(".demo")
    let v = ViewResult.loaded(file: nil)
    #expect(o.text == v.text(in: s.world).string)
    #expect(o.result == v.json(in: s.world))
    #expect(o.result["file"] == .null)
    #expect(o.result["date"] == .string(s.world.today.description))
    #expect(o.text.hasPrefix("loaded the demo world: \(counted(s.world.userCount, "user")), "))
    #expect(s.world.userCount > 1)
  }
}
