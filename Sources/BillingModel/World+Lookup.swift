import BillingSupport

/// A scope as named in a command: resolved against the world by `resolve(_:)`.
package enum ScopeRef: Sendable, Equatable {
  case org(String)
  case workspace(String)
  case team(String, org: String?)
}

/// Names → ids, failing `not-found` with close names or `ambiguous`.
extension World {
  /// A scope by its names, as a refusal keeps it (a team by its own name, as it is shown).
  package func byName(_ scope: Scope) -> ScopeRef {
    switch scope {
    case .space(let s):
      // NB: field by field, so the space's tables are not copied for its name.
      let name = spaces[s.index].name
      return spaces[s.index].kind == .org ? .org(name) : .workspace(name)
    case .team(let t): return .team(teams[t.index].name, org: nil)
    }
  }

  package func resolveUser(_ handle: String) throws(Failure) -> UserID {
    if let id = userID(handle) { return id }
    throw Failure(.unknownUser(handle, suggestions: suggestions(for: handle, among: allHandles)))
  }

  /// A scope by its names, or nil when they name none. NB: no failure is made (its suggestions
  /// look through every name): for callers that only need the scope when there is one, such as
  /// the timelines of a refused command.
  package func find(_ ref: ScopeRef) -> Scope? {
    switch ref {
    case .org(let n): return findSpace(.org, n).map { .space($0) }
    case .workspace(let n): return findSpace(.workspace, n).map { .space($0) }
    case .team(let n, let o): return findTeam(n, org: o).map { .team($0) }
    }
  }

  /// The space of that kind and name, as `resolveSpace` finds it.
  func findSpace(_ kind: SpaceKind, _ name: String) -> SpaceID? {
    guard let id = spacesByName[name], spaces[id.index].kind == kind else { return nil }
    return id
  }

  /// The team of that name (in that organization, when given), as `resolveTeam` finds it.
  func findTeam(_ name: String, org: String?) -> TeamID? {
    if let org {
      guard let o = findSpace(.org, org) else { return nil }
      return spaces[o.index].teamsByName[name]
    }
    guard let found = teamsByName[name], found.count == 1 else { return nil }
    return found[0]
  }

  package func resolveSpace(_ kind: SpaceKind, _ name: String) throws(Failure) -> SpaceID {
    if let id = findSpace(kind, name) { return id }
    if let id = spacesByName[name] {
      throw Failure(
        .wrongSpaceKind(name, is: spaces[id.index].kind, wanted: kind, use: byName(.space(id))))
    }
    let names = spacesByName.pairs.filter { spaces[$0.value.index].kind == kind }.map(\.name)
    throw Failure(.unknownSpace(kind, name, suggestions: suggestions(for: name, among: names)))
  }

  package func resolveTeam(_ name: String, org: String?) throws(Failure) -> TeamID {
    if let t = findTeam(name, org: org) { return t }
    if let org {
      let o = try resolveSpace(.org, org)
      throw Failure(
        .noSuchTeamInOrg(
          name, org: org,
          suggestions: suggestions(for: name, among: spaces[o.index].teamsByName.keys)))
    }
    let found = teamsByName[name] ?? []
    if found.isEmpty {
      throw Failure(
        .unknownTeam(name, suggestions: suggestions(for: name, among: teamsByName.keys)))
    }
    let orgs = found.sorted().map { spaces[teams[$0.index].org.index].name }
    throw Failure(.ambiguousTeam(name, orgs: orgs))
  }

  package func resolve(_ ref: ScopeRef) throws(Failure) -> Scope {
    switch ref {
    case .org(let n): return .space(try resolveSpace(.org, n))
    case .workspace(let n): return .space(try resolveSpace(.workspace, n))
    case .team(let n, let o): return .team(try resolveTeam(n, org: o))
    }
  }

  /// Parses `INV-0007`.
  package func resolveInvoice(_ text: String) throws(Failure) -> InvoiceID {
    let upper = text.uppercased()
    if upper.hasPrefix("INV-"), let n = Int(upper.dropFirst(4)), n >= 1, n <= invoices.count {
      return InvoiceID(index: n - 1)
    }
    throw Failure(.unknownInvoice(text, issued: invoices.count))
  }

  /// Parses `P3`.
  package func resolvePlan(_ text: String) throws(Failure) -> PlanID {
    if text.uppercased().hasPrefix("P"), let n = Int(text.dropFirst()), n >= 1, n <= plans.count {
      return PlanID(index: n - 1)
    }
    throw Failure(.unknownPlan(text, made: plans.count))
  }

  /// R1–R22 need someone acting for actions.
  func requireActor(_ actor: UserID?, _ what: String) throws(Failure) -> UserID {
    guard let actor else {
      throw Failure(.noActor(what))
    }
    return actor
  }

  /// Admins of a space, or if it has none a few of its members: who to ask instead.
  func someMembers(_ s: SpaceID) -> SomePeople {
    if !spaces[s.index].admins.isEmpty { return somePeople(spaces[s.index].admins) }
    // NB: the three earliest users, not dictionary order, so output is the same on every run.
    var found: [UserID] = []
    for (u, m) in spaces[s.index].people where !m.guest {
      if found.count < 3 {
        found.append(u)
        found.sort()
      } else if u < found[2] {
        found[2] = u
        found.sort()
      }
    }
    return somePeople(found)
  }

  /// The first three handles in id order, and how many more.
  func somePeople(_ ids: some Collection<UserID>) -> SomePeople {
    let sorted = ids.sorted()
    return SomePeople(
      handles: sorted.prefix(3).map { handle($0) }, more: max(0, sorted.count - 3))
  }

  /// P2: who may upgrade a team, to ask instead: its organization's admins, or if it has none
  /// a few of the team's people who are members of the organization.
  func someWhoMayUpgrade(_ t: TeamID) -> SomePeople {
    let org = teams[t.index].org
    if !spaces[org.index].admins.isEmpty { return somePeople(spaces[org.index].admins) }
    return somePeople(teams[t.index].people.keys.filter { isMember($0, of: org) })
  }

  /// A plan by its names, as a refusal keeps it (its summary's facts).
  package func byName(_ id: PlanID) -> NamedPlan {
    let i = id.index
    return NamedPlan(
      plan: id, scope: byName(plans[i].scope), tier: plans[i].tier, cycle: plans[i].cycle,
      seats: plans[i].seats, trial: plans[i].isTrial)
  }

  /// The first `limit` handles in id order, and how many more: a refusal's list of admins.
  package func someHandles(_ ids: some Collection<UserID>, limit: Int = 5) -> SomePeople {
    // NB: one person (an organization's one admin, its owner) is the usual case: nothing sorted.
    if ids.count == 1, limit >= 1, let only = ids.first {
      return SomePeople(handles: [handle(only)], more: 0)
    }
    let sorted = ids.sorted()
    return SomePeople(
      handles: sorted.prefix(limit).map { handle($0) }, more: max(0, sorted.count - limit))
  }
}
