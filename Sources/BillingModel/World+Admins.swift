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

/// An appointment or revocation checked against the world, ready to apply.
package struct AdminChange: Sendable {
  package var user: UserID
  package var space: SpaceID
  /// As the command named the user, for the words of the result.
  package var handle: String
  package var admin: Bool
}

/// Admins (R13, P7) and the views of a person's place in the world.
extension World {
  /// `appoint`: R13 and the member's role; changes nothing.
  package func checkAppoint(_ handle: String, in target: PlaceTarget, by actorID: UserID?)
    throws(Failure) -> AdminChange
  {
    let (u, s, _) = try adminCommand(handle, target, actorID, "appoint")
    guard let m = membership(u, in: s) else {
      throw Failure(.adminMustBeMember(handle, space: byName(.space(s))))
    }
    if m.guest { throw Failure(.guestCannotBeAdmin(handle, space: byName(.space(s)))) }
    if m.admin { throw Failure(.alreadyAdmin(handle, space: byName(.space(s)))) }
    return AdminChange(user: u, space: s, handle: handle, admin: true)
  }

  /// `revoke`: R13, P7; changes nothing.
  package func checkRevoke(_ handle: String, in target: PlaceTarget, by actorID: UserID?)
    throws(Failure) -> AdminChange
  {
    let (u, s, _) = try adminCommand(handle, target, actorID, "revoke")
    guard membership(u, in: s)?.admin == true else {
      throw Failure(.notAdmin(handle, space: byName(.space(s))))
    }
    if let p = planOfScope[.space(s)], plans[p.index].owner == u {
      throw Failure(.ownerStaysAdmin(handle, plan: byName(p)))
    }
    return AdminChange(user: u, space: s, handle: handle, admin: false)
  }

  /// Makes a checked appointment or revocation; returns what happened.
  package func apply(_ c: AdminChange) -> Fact {
    setAdmin(c.user, of: c.space, c.admin)
    let fact = Fact.adminChanged(name: c.handle, space: c.space, admin: c.admin)
    happened(c.admin ? .appointed : .revoked, .space(c.space), user: c.user, fact)
    return fact
  }

  private func adminCommand(
    _ handle: String, _ target: PlaceTarget, _ actorID: UserID?, _ verb: String
  ) throws(Failure) -> (UserID, SpaceID, UserID) {
    guard case .space(let kind, let name) = target else {
      throw Failure(.missingPlace(command: verb, orWorkspace: true))
    }
    let u = try resolveUser(handle)
    let s = try resolveSpace(kind, name)
    let actor = try requireActor(actorID, verb)
    guard isAdmin(actor, of: s) else {
      throw Failure(
        .adminsOnly(
          self.handle(actor), space: byName(.space(s)), admins: someHandles(spaces[s.index].admins))
      )
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
        rows.append(
          Access(scope: .team(t), tier: tp.map { plans[$0.index].tier } ?? .basic, plan: tp))
      }
    }
    return (u, rows)
  }

  /// Roles of a user in each space: member, guest, admin, billing-owner.
  package func roles(of u: UserID) -> [Roles] {
    var owned: [SpaceID: Bool] = [:]
    for p in users[u.index].ownedPlans { owned[holder(plans[p.index].scope)] = true }
    return spacesOf(u).map { s in
      // NB: `spacesOf` lists only spaces the user is in, so the membership is there.
      let m = membership(u, in: s) ?? Membership(guest: false, admin: false, seq: 0)
      var r = [m.guest ? "guest" : "member"]
      if m.admin { r.append("admin") }
      if owned[s] == true { r.append("billing-owner") }
      return Roles(space: s, roles: r)
    }
  }
}
