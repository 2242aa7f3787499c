import BillingSupport

/// One line of `features`: the tier a user gets in a space or team and from which plan.
package struct Access: Sendable {
  package var scope: Scope
  package var tier: Tier
  package var plan: PlanID?
}

/// A user's roles in one space (`whoami`).
package struct Roles: Sendable {
  package var space: SpaceID
  package var roles: [String]
}

/// Admins (R13, P7) and the views of a person's place in the world.
extension World {
  package func appoint(_ handle: String, in target: PlaceTarget, by actorID: UserID?, dryRun: Bool = false) throws(Failure) -> String {
    let (u, s, actor) = try adminCommand(handle, target, actorID, "appoint")
    _ = actor
    guard let m = membership(u, in: s) else {
      throw Failure(.invalid, nil, "\(quoted(handle)) is not in \(describe(.space(s))): only its members can be admins")
    }
    if m.guest { throw Failure(.invalid, nil, "\(quoted(handle)) is a guest of \(describe(.space(s))): guests cannot be admins") }
    if m.admin { throw Failure(.conflict, nil, "\(quoted(handle)) is already an admin of \(describe(.space(s)))") }
    if dryRun { return "" }
    setAdmin(u, of: s, true)
    return "\(quoted(handle)) is now an admin of \(describe(.space(s)))"
  }

  package func revoke(_ handle: String, in target: PlaceTarget, by actorID: UserID?, dryRun: Bool = false) throws(Failure) -> String {
    let (u, s, _) = try adminCommand(handle, target, actorID, "revoke")
    guard membership(u, in: s)?.admin == true else {
      throw Failure(.conflict, nil, "\(quoted(handle)) is not an admin of \(describe(.space(s)))")
    }
    if let p = planOfScope[.space(s)], plans[p.index].owner == u {
      throw Failure(.conflict, "P7", "\(quoted(handle)) is the billing owner of \(summary(p)) and stays an admin while they own it: transfer billing ownership first")
    }
    if dryRun { return "" }
    setAdmin(u, of: s, false)
    return "\(quoted(handle)) is no longer an admin of \(describe(.space(s)))"
  }

  private func adminCommand(_ handle: String, _ target: PlaceTarget, _ actorID: UserID?, _ verb: String) throws(Failure) -> (UserID, SpaceID, UserID) {
    let u = try resolveUser(handle)
    guard case .space(let kind, let name) = target else {
      throw Failure(.usage, nil, "\(verb) needs --org <Org> or --workspace <Name>")
    }
    let s = try resolveSpace(kind, name)
    let actor = try requireActor(actorID, verb)
    guard isAdmin(actor, of: s) else {
      throw Failure(.permissionDenied, "R13", "\(quoted(self.handle(actor))) is not an admin of \(describe(.space(s))): only its admins (\(handles(spaces[s.index].admins))) appoint and revoke admins")
    }
    return (u, s, actor)
  }

  /// The tier a user gets in each space and team they are in, and from which plan.
  package func features(_ handle: String) throws(Failure) -> (UserID, [Access]) {
    let u = try resolveUser(handle)
    var rows: [Access] = []
    let myTeams = users[u.index].teams
    for s in spacesOf(u) {
      let p = planOfScope[.space(s)]
      rows.append(Access(scope: .space(s), tier: p.map { plans[$0.index].tier } ?? .basic, plan: p))
      for t in myTeams.filter({ teams[$0.index].org == s }).sorted() {
        let tp = coveringPlan(.team(t))
        rows.append(Access(scope: .team(t), tier: tp.map { plans[$0.index].tier } ?? .basic, plan: tp))
      }
    }
    return (u, rows)
  }

  /// Roles of a user in each space: member, guest, admin, billing-owner.
  package func roles(of u: UserID) -> [Roles] {
    var owned: [SpaceID: Bool] = [:]
    for p in users[u.index].ownedPlans { owned[holder(plans[p.index].scope)] = true }
    return spacesOf(u).map { s in
      let m = membership(u, in: s)!
      var r = [m.guest ? "guest" : "member"]
      if m.admin { r.append("admin") }
      if owned[s] == true { r.append("billing-owner") }
      return Roles(space: s, roles: r)
    }
  }
}
