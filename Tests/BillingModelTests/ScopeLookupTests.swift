import Testing

@testable import BillingModel

/// `find` (no failure made) and `resolve` (a failure with suggestions) agree on every scope a
/// command can name: found by one, found the same by the other; missed by one, missed by both.
@Suite struct ScopeLookupTests {
  func world() throws -> World {
    let w = World()
    _ = try w.createSpace(.org, "Acme")
    _ = try w.createSpace(.org, "Beta")
    _ = try w.createSpace(.workspace, "Lab")
    _ = try w.createTeam("Core", in: .space(.org, "Acme"))
    _ = try w.createTeam("Ops", in: .space(.org, "Acme"))
    _ = try w.createTeam("Ops", in: .space(.org, "Beta"))
    return w
  }

  @Test("find and resolve agree, for names that resolve and for names that do not")
  func agree() throws {
    let w = try world()
    let refs: [(ScopeRef, found: Bool)] = [
      (.org("Acme"), true), (.workspace("Lab"), true),
      (.org("Lab"), false), (.workspace("Acme"), false), (.org("Nope"), false),
      (.team("Core", org: nil), true), (.team("Core", org: "Acme"), true),
      (.team("Ops", org: nil), false),  // in two organizations: ambiguous
      (.team("Ops", org: "Beta"), true), (.team("Core", org: "Beta"), false),
      (.team("Core", org: "Lab"), false), (.team("Core", org: "Nope"), false),
      (.team("Nope", org: nil), false),
    ]
    for (ref, found) in refs {
      let resolved = try? w.resolve(ref)
      expectEqual(w.find(ref), resolved, "\(ref)")
      expectEqual(resolved != nil, found, "\(ref)")
    }
  }
}
