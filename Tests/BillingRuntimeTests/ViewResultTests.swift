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
