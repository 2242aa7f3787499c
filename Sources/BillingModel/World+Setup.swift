import BillingSupport

/// Where `add` and `remove` put people.
package enum PlaceTarget: Sendable, Equatable {
  case space(SpaceKind, String)
  case team(String, org: String?)
}

/// What a plan-making command did, for rendering.
package struct PlanOutcome: Sendable {
  package var plan: PlanID
  package var invoice: InvoiceID?
  /// What else happened, in order (team plans absorbed, a trial ended or converted).
  package var notes: [Fact]
}

/// A plan sold by sales (`create plan`): any tier, no P1 or R12 limits.
package struct SalesPlanRequest: Sendable {
  package var scope: ScopeRef
  package var tier: Tier
  package var seats: Int?
  package var cycle: Cycle?
  package var owner: String
  package var payment: Payment?
  package var unitCents: Int?
  /// `--since`: the day the plan was bought, on or before today (SPEC §8).
  package var since: Day?
  package init(
    scope: ScopeRef, tier: Tier, seats: Int?, cycle: Cycle?, owner: String, payment: Payment?,
    unitCents: Int?, since: Day? = nil
  ) {
    self.scope = scope; self.tier = tier; self.seats = seats; self.cycle = cycle
    self.owner = owner; self.payment = payment; self.unitCents = unitCents; self.since = since
  }
}

/// Setup commands: facts about the world, no actor and no permission check, every invariant kept.
extension World {
  /// SPEC §1: handles are `[A-Za-z0-9][A-Za-z0-9._-]*`, 1 to 100 characters.
  package static func checkHandle(_ h: String) throws(Failure) {
    func ok(_ b: UInt8, first: Bool) -> Bool {
      (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122)
        || (!first && (b == 46 || b == 95 || b == 45))
    }
    // NB: over the string's own bytes, not the generic UTF-8 view.
    var copy = h
    let valid = copy.withUTF8 { bytes in
      guard let head = bytes.first, bytes.count <= 100, ok(head, first: true) else { return false }
      return bytes.dropFirst().allSatisfy { ok($0, first: false) }
    }
    guard valid else { throw Failure(.badHandle(h)) }
  }

  package func createUsers(_ handles: [String]) throws(Failure) -> [UserID] {
    var seen = Set<String>()
    for h in handles {
      try World.checkHandle(h)
      if userID(h) != nil || seen.contains(h) {
        throw Failure(.userExists(h))
      }
      seen.insert(h)
    }
    return handles.map { newUser($0) }
  }

  package func createSpace(_ kind: SpaceKind, _ name: String) throws(Failure) -> SpaceID {
    try World.checkShownText(name, .name(of: kind))
    if let other = spacesByName[name] {
      throw Failure(.spaceExists(byName(.space(other))))
    }
    return newSpace(kind, name)
  }

  package func createTeam(_ name: String, in container: PlaceTarget) throws(Failure) -> TeamID {
    try World.checkShownText(name, .teamName)
    guard case .space(let kind, let spaceName) = container else {
      throw Failure(.missingPlace(command: "create team", orWorkspace: false))
    }
    if kind == .org, let w = spacesByName[spaceName], spaces[w.index].kind == .workspace {
      throw Failure(.workspaceNamedAsOrg(byName(.space(w)), team: name))
    }
    let s = try resolveSpace(kind, spaceName)
    if kind == .workspace {
      throw Failure(.workspaceHasNoTeams(byName(.space(s)), team: name))
    }
    if spaces[s.index].teamsByName[name] != nil {
      throw Failure(.teamExists(name, in: byName(.space(s))))
    }
    return newTeam(name, in: s)
  }

  package func add(_ handles: [String], to target: PlaceTarget, guest: Bool, admin: Bool)
    throws(Failure) -> [Fact]
  {
    // SPEC §4: syntax first (a handle named twice, a handle that cannot be one), then names.
    // NB: one handle is the usual case; a table is made only for more (names hashed cheaply,
    // as the world's own: an `add` of 500 people is common when a large world is set up).
    // NB: a few dozen are compared pairwise (no table to build: most `add`s name a handful).
    if handles.count > 1 && handles.count <= 32 {
      for j in 1..<handles.count {
        let h = handles[j]
        for i in 0..<j where handles[i] == h { throw Failure(.namedTwice(h)) }
      }
    } else if handles.count > 1 {
      var seen = NameMap<Bool>()
      for h in handles {
        if seen[h] != nil { throw Failure(.namedTwice(h)) }
        seen[h] = true
      }
    }
    switch target {
    case .space(let kind, let name) where handles.count == 1:
      return try addOne(handles[0], to: kind, name, guest: guest, admin: admin)
    case .space(let kind, let name):
      // NB: each handle is looked up once.
      let known = handles.map { userID($0) }
      let s = try checkAdd(handles, known: known, to: kind, name, guest: guest, admin: admin)
      var grown: [Scope] = []
      // NB: one journal entry for everyone the command adds (see `Journal`), not one each.
      var joined: [UserID] = []
      for (h, known) in zip(handles, known) {
        let u = known ?? newUser(h)
        let old = known == nil ? nil : membership(u, in: s)
        place(u, in: s, guest: guest, admin: admin, grown: &grown)
        if old == nil {
          joined.append(u)
        } else {
          happened(.role, .space(s), user: u, .roleChanged(admin: admin))
        }
      }
      if !joined.isEmpty {
        happened(.added, .space(s), .joined(guest ? .guest : admin ? .admin : .member, joined))
      }
      return settleSeats(after: grown)
    case .team(let name, let org):
      let t = try resolveTeam(name, org: org)
      let o = teams[t.index].org
      // SPEC §4: every name is checked before the state of any of them.
      var users: [UserID] = []
      users.reserveCapacity(handles.count)
      for h in handles { users.append(try resolveUser(h)) }
      for (h, u) in zip(handles, users) {
        guard membership(u, in: o) != nil else {
          throw Failure(
            .teamNeedsOrgMember(h, org: byName(.space(o)), orgName: spaces[o.index].name))
        }
        if teams[t.index].people[u] != nil {
          throw Failure(.alreadyInTeam(h, team: name))
        }
      }
      // NB: only this team can grow; no list of grown scopes is made.
      var grew = false
      for u in users where joinTeam(u, t) { grew = true }
      happened(.added, .team(t), .joined(.member, users))
      return grew ? settleSeats(after: .team(t)) : []
    }
  }

  /// `add` of one person to a space, the usual case: the same checks (`checkAdd`), but no lists
  /// are made and a new person's handle is hashed once.
  private func addOne(
    _ h: String, to kind: SpaceKind, _ name: String, guest: Bool, admin: Bool
  ) throws(Failure) -> [Fact] {
    let hash = NameSlots.hash(h)
    let known = userID(h, hash: hash)
    let s = try checkAdd(
      CollectionOfOne(h), known: CollectionOfOne(known), to: kind, name, guest: guest,
      admin: admin)
    if let known, membership(known, in: s) != nil {
      var grown: [Scope] = []
      place(known, in: s, guest: guest, admin: admin, grown: &grown)
      happened(.role, .space(s), user: known, .roleChanged(admin: admin))
      return settleSeats(after: grown)
    }
    let u = known ?? newUser(h, hash: hash)
    let grew = join(u, s, guest: guest, admin: admin)
    happened(.added, .space(s), .joined(guest ? .guest : admin ? .admin : .member, [u]))
    return grew ? settleSeats(after: .space(s)) : []
  }

  /// SPEC §4: what an `add` to a space checks before it changes anything, in this order:
  /// handles that cannot be one (of people not known yet, `known` nil), the space, guests in a
  /// workspace, a guest who would be admin, and people already in the space with the same role
  /// or a higher one. One person or many, an `add` goes through these same checks.
  private func checkAdd(
    _ handles: some Sequence<String>, known: some Sequence<UserID?>, to kind: SpaceKind,
    _ name: String, guest: Bool, admin: Bool
  ) throws(Failure) -> SpaceID {
    for (h, u) in zip(handles, known) where u == nil { try World.checkHandle(h) }
    let s = try resolveSpace(kind, name)
    if kind == .workspace && guest {
      throw Failure(.workspaceHasNoGuests(byName(.space(s))))
    }
    if guest && admin { throw Failure(.guestAndAdmin) }
    let rank = { (g: Bool, a: Bool) in g ? 0 : (a ? 2 : 1) }
    for (h, u) in zip(handles, known) {
      guard let u, let m = membership(u, in: s) else { continue }
      if rank(guest, admin) <= rank(m.guest, m.admin) {
        throw Failure(.alreadyInSpace(h, space: byName(.space(s)), as: m, askedGuest: guest))
      }
    }
    return s
  }

  package func remove(_ handle: String, from target: PlaceTarget) throws(Failure) {
    let u = try resolveUser(handle)
    switch target {
    case .space(let kind, let name):
      let s = try resolveSpace(kind, name)
      guard membership(u, in: s) != nil else {
        throw Failure(.notInSpaceToRemove(handle, space: byName(.space(s))))
      }
      if let owned = users[u.index].ownedPlans.sorted().first(where: {
        holder(plans[$0.index].scope) == s
      }) {
        throw Failure(.ownerCannotLeave(handle, plan: byName(owned), space: byName(.space(s))))
      }
      for t in users[u.index].teams.sorted() where teams[t.index].org == s {
        happened(.removed, .team(t), user: u, .leftSpace(s))
      }
      unplace(u, from: s)
      happened(.removed, .space(s), user: u, .removed)
    case .team(let name, let org):
      let t = try resolveTeam(name, org: org)
      guard teams[t.index].people[u] != nil else {
        throw Failure(.notInTeamToRemove(handle, team: name))
      }
      leaveTeam(u, t)
      happened(.removed, .team(t), user: u, .removed)
    }
  }

  /// `create plan`: R1, R3/R4, R5, R6, R11, R13 kept; an open trial on the scope ends.
  package func createPlan(_ r: SalesPlanRequest) throws(Failure) -> PlanOutcome {
    let scope = try resolve(r.scope)
    let owner = try resolveUser(r.owner)
    try checkCovering(scope)
    if case .space(let s) = scope, let tp = spaces[s.index].teamPlans.min() {
      throw Failure(.teamPlansBlockOrgPlan(byName(scope), teamPlan: byName(tp)))
    }
    var endingTrial: PlanID?
    if let existing = planOfScope[scope] {
      guard plans[existing.index].isTrial else { throw alreadyPaid(existing) }
      endingTrial = existing
    }
    try checkTier(r.tier, salesAllowed: true)
    if r.tier.isSalesOnly && r.unitCents == nil {
      throw Failure(.noListPrice(r.tier))
    }
    let seats = try checkSeats(r.seats, for: scope, selfServe: false)
    let cycle = r.cycle ?? .annual
    try checkOwner(owner, for: scope, rule: .r11)
    let payment = r.payment ?? .card
    if let unit = r.unitCents, unit < 0 { throw Failure(.negativeUnitCents) }
    if let unit = r.unitCents, unit > Money.maxUnitCents(cycle) {
      throw Failure(.unitCentsTooHigh(unit, cycle: cycle))
    }
    if let since = r.since, since > today { throw Failure(.sinceAfterToday(since, today: today)) }
    // SPEC §8: bought on `since`, the plan is in the period that holds today; its first
    // invoice is that period's, dated its start, for the whole period.
    let current = r.since.map { period(anchor: $0, cycle: cycle, holding: today) }
    // The calendar's end (SPEC §8): the period holding today must end by 9999-12-31.
    if let current, let since = r.since {
      try checkPeriodFits(cycle, since: since, start: current.start, end: current.end)
    } else {
      try checkNewPeriodFits(cycle: cycle)
    }
    var notes: [Fact] = []
    if let endingTrial {
      endPlan(endingTrial, .replacedBySales)
      notes.append(.trialReplaced(endingTrial))
      happened(.trialEnded, scope, plan: endingTrial, .trialReplaced(endingTrial))
    }
    let id = startPaid(
      scope: scope, tier: r.tier, cycle: cycle, seats: seats, owner: owner, payment: payment,
      address: "", unitCents: r.unitCents, converting: nil, anchor: r.since, period: current)
    // NB: a plan bought in the past (`--since`) started on that day, before its first invoice.
    happened(
      .started, scope, plan: id, on: r.since,
      .planStarted(terms(id), bySales: true, bought: r.since))
    let inv = issueInvoice(
      id, periodCharge(of: plans[id.index]),
      current.map { .bought(start: $0.start, end: $0.end, on: r.since ?? today) }
        ?? .firstPeriod(credits: 0), on: current?.start)
    return PlanOutcome(plan: id, invoice: inv, notes: notes)
  }

  /// R6: a team of an organization with a plan cannot have its own.
  func checkCovering(_ scope: Scope) throws(Failure) {
    if case .team(let t) = scope, let op = planOfScope[.space(teams[t.index].org)] {
      throw Failure(.coveredByOrgPlan(team: teams[t.index].name, plan: byName(op)))
    }
  }

  func alreadyPaid(_ existing: PlanID) -> Failure {
    Failure(.alreadyHasPlan(byName(plans[existing.index].scope), plan: byName(existing)))
  }
}
