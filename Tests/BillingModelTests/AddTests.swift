import Testing

@testable import BillingModel

/// `add` of one person (its own path) and a person's teams (a small sorted list).
@Suite struct AddTests {
  @Test("an add of one person makes the same world as an add of several")
  func oneLikeMany() throws {
    let one = World()
    let many = World()
    for w in [one, many] {
      _ = try w.createSpace(.org, "Acme")
      _ = try w.createSpace(.workspace, "Lab")
    }
    for h in ["ann", "bob"] {
      _ = try one.add([h], to: .space(.org, "Acme"), guest: false, admin: false)
    }
    _ = try many.add(["ann", "bob"], to: .space(.org, "Acme"), guest: false, admin: false)
    _ = try one.add(["cy"], to: .space(.workspace, "Lab"), guest: false, admin: true)
    _ = try many.add(["cy"], to: .space(.workspace, "Lab"), guest: false, admin: true)
    for w in [one, many] {
      let acme = try #require(w.spaceID("Acme")), lab = try #require(w.spaceID("Lab"))
      expectEqual(w.billable(.space(acme)), 2)
      expectEqual(w.billable(.space(lab)), 1)
      let cy = try #require(w.userID("cy"))
      expectEqual(w.isAdmin(cy, of: lab), true)
      expectEqual(w.membership(try #require(w.userID("bob")), in: acme)?.seq, 1)
    }
    // Refusals come in the same order: a bad handle, then an unknown space.
    #expect(throws: Failure.self) {
      try one.add(["-x"], to: .space(.org, "Acme"), guest: false, admin: false)
    }
    #expect(throws: Failure.self) {
      try one.add(["ann"], to: .space(.org, "Acme"), guest: false, admin: false)
    }
    #expect(one.userID("-x") == nil)
  }

  @Test("a person's teams stay in id order, whatever the order they join and leave them")
  func teamsInOrder() throws {
    let w = World()
    _ = try w.createSpace(.org, "Acme")
    let t1 = try w.createTeam("T1", in: .space(.org, "Acme"))
    let t2 = try w.createTeam("T2", in: .space(.org, "Acme"))
    let t3 = try w.createTeam("T3", in: .space(.org, "Acme"))
    _ = try w.add(["ann"], to: .space(.org, "Acme"), guest: false, admin: false)
    for t in ["T3", "T1", "T2"] {
      _ = try w.add(["ann"], to: .team(t, org: nil), guest: false, admin: false)
    }
    let ann = try #require(w.userID("ann"))
    expectEqual(w.user(ann).teams, [t1, t2, t3])
    try w.remove("ann", from: .team("T2", org: nil))
    expectEqual(w.user(ann).teams, [t1, t3])
    expectEqual(w.team(t2).billable, 0)
    expectEqual(w.team(t3).billable, 1)
  }

  @Test("a person's spaces keep their join order when they leave the first (kept apart) or another")
  func spacesInOrder() throws {
    let w = World()
    for name in ["A", "B", "C"] { _ = try w.createSpace(.org, name) }
    for name in ["C", "A", "B"] {
      _ = try w.add(["ann"], to: .space(.org, name), guest: false, admin: false)
    }
    let ann = try #require(w.userID("ann"))
    let (a, b, c) = (w.spaceID("A")!, w.spaceID("B")!, w.spaceID("C")!)
    expectEqual(w.user(ann).spaces, [c, a, b])
    try w.remove("ann", from: .space(.org, "C"))
    expectEqual(w.user(ann).spaces, [a, b])
    expectEqual(w.membership(ann, in: c), nil)
    expectEqual(w.membership(ann, in: a)?.seq, 0)
    _ = try w.add(["ann"], to: .space(.org, "B"), guest: false, admin: true)
    expectEqual(w.isAdmin(ann, of: b), true)
    try w.remove("ann", from: .space(.org, "B"))
    expectEqual(w.user(ann).spaces, [a])
    expectEqual(w.billable(.space(b)), 0)
  }
}
