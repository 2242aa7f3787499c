import BillingModel
import BillingSupport
import Testing

@testable import BillingRuntime

/// A view command's result is one value (`ViewResult`); its text and its JSON are two views of
/// it, so a fact found once shows in both.
@Suite struct ViewResultTests {
  func session(_ lines: [String]) -> Session {
    let s = Session()
    for line in lines {
      let o = s.perform(line)
      expectTrue(o.isOK, "\(line): \(o.text)")
    }
    return s
  }

  @Test func whoamiShowsTheSameRolesInTextAndJSON() throws {
    let s = session(["create org Acme", "add ann --org Acme --admin", "login ann"])
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
    let s = session([])
    let v = ViewResult.whoami(nil, [])
    #expect(v.text(in: s.world).string == "nobody is acting: login <user>")
    #expect(v.json(in: s.world)["user"] == .null)
  }

  @Test func theClockDayIsTheSameInBothViews() {
    let s = session(["clock 2031-05-06"])
    let v = ViewResult.clock(s.world.today)
    #expect(v.text(in: s.world).string == "2031-05-06")
    #expect(v.json(in: s.world)["date"] == .string("2031-05-06"))
  }

  @Test func historyListsTheSameLinesInBothViews() {
    let s = session([])
    let v = ViewResult.history(["clock", "whoami"])
    #expect(v.text(in: s.world).string == "1  clock\n2  whoami")
    #expect(v.json(in: s.world)["history"] == .array([.string("clock"), .string("whoami")]))
    #expect(ViewResult.history([]).text(in: s.world).string == "no history yet")
  }

  @Test func textPlaybackBuildsNoJSON() {
    let s = session(["create org Acme", "add ann --org Acme", "login ann"])
    s.keepsResults = false
    let o = s.perform("whoami")
    #expect(o.text.hasPrefix("ann\n  org Acme: member"))
    #expect(o.result == .null)
  }
}

// The what-if views and the customer's explanation.
extension ViewResultTests {
  /// A workspace on a monthly starter plan, owned by `u`, who acts.
  func planned() -> Session {
    session([
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
    let s = session(["create org Acme"])
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
}
