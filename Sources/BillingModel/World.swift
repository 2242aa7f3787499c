/// The whole simulated world: people, spaces, teams, plans, invoices, inboxes, log and clock.
/// NB: counts (billable members, admins) are maintained on every change, never recounted,
/// so a command costs what it touches, not the size of the world.
package final class World {
  package var catalog: Catalog
  package var today: Day = .start
  package internal(set) var users: ChunkedArray<User> = []
  package internal(set) var spaces: ChunkedArray<Space> = []
  package internal(set) var teams: ChunkedArray<Team> = []
  package internal(set) var plans: ChunkedArray<Plan> = []
  package internal(set) var invoices: ChunkedArray<Invoice> = []
  package var log = Log()
  /// How many entries the log holds.
  /// NB: read in place: `world.log.count` from another module copies the log value (a retain
  /// and a release of each of its tables) to read one number, on every logged command.
  package var logCount: Int { log.count }
  /// What happened to each scope and person, for timelines.
  package internal(set) var journal = Journal()
  /// Who was sent a message during the current command (see `beginCommand`).
  var sentThisCommand: [UserID] = []
  /// Who acts in the current command, for the journal (see `beginCommand`).
  var commandActor: UserID?

  /// Users by handle: a probe table over `users` itself (the handle compared is the user's own),
  /// so finding a user and then reading them touches the same memory.
  var handleSlots = NameSlots()
  var spacesByName = NameMap<SpaceID>()
  var teamsByName = NameMap<[TeamID]>()
  /// The live plan (trial, active or canceling) of each scope.
  var planOfScope: [Scope: PlanID] = [:]
  /// Scopes that have had a trial (P4: once per scope).
  package internal(set) var trialsUsed: Set<Scope> = []
  var agenda = Agenda()
  /// Each plan's invoices, by plan index.
  /// NB: kept apart from `Plan`, so appending never copies a list that a `Plan` value shares.
  var invoicesOfPlan: ChunkedArray<[InvoiceID]> = []
  /// Set while a forecast plays this world (a copy; see `ForecastPlay`).
  var forecastPlay: ForecastPlay?

  package init(catalog: Catalog = .standard) { self.catalog = catalog }

  // MARK: Reading

  package func user(_ id: UserID) -> User { users[id.index] }
  package func space(_ id: SpaceID) -> Space { spaces[id.index] }
  package func team(_ id: TeamID) -> Team { teams[id.index] }
  package func plan(_ id: PlanID) -> Plan { plans[id.index] }
  package func invoice(_ id: InvoiceID) -> Invoice {
    if id.index < invoices.count { return invoices[id.index] }
    // A forecast's invoice (see `ForecastPlay`): they are in the order of their ids.
    let kept = forecastPlay?.invoices ?? []
    var (low, high) = (0, kept.count - 1)
    while low < high {
      let mid = (low + high) / 2
      if kept[mid].id.index < id.index { low = mid + 1 } else { high = mid }
    }
    return kept[low]
  }

  /// The id the next invoice gets.
  var nextInvoiceID: InvoiceID { InvoiceID(index: invoices.count + (forecastPlay?.issued ?? 0)) }

  /// What a forecast plays on its copy of the world: every live plan renews as it would, so
  /// invoices get the ids they would get, but the plans it does not follow keep no journal
  /// entries, messages or invoices and make no events (see `advance`): a forecast's memory grows
  /// with what it shows, not with the world.
  struct ForecastPlay {
    /// The plans it follows.
    var follows: Set<PlanID>
    /// Whether the plan renewing now is one it does not follow: what it does is not recorded.
    var muted = false
    /// How many invoices it issued, numbered on from `invoices` without joining it, and those
    /// of the plans it follows, in order (the others are only counted).
    var issued = 0
    var invoices: [Invoice] = []
  }

  /// Whether what happens now is not recorded (a plan a forecast does not follow renews).
  var muted: Bool { forecastPlay?.muted ?? false }
  package func handle(_ id: UserID) -> String { users[id.index].handle }
  package func userID(_ handle: String) -> UserID? { userID(handle, hash: NameSlots.hash(handle)) }
  /// The same, with the handle's hash (`NameSlots.hash`) already made: `add` hashes a new
  /// person's handle once, to look for them and then to index them.
  func userID(_ handle: String, hash: UInt64) -> UserID? {
    handleSlots.find(handle, hash, { users[$0].handle }).map { UserID(index: $0) }
  }
  package func spaceID(_ name: String) -> SpaceID? { spacesByName[name] }
  package func teamIDs(named name: String) -> [TeamID] { teamsByName[name] ?? [] }
  package func livePlan(_ scope: Scope) -> PlanID? { planOfScope[scope] }
  package func trialUsed(_ scope: Scope) -> Bool { trialsUsed.contains(scope) }
  package func invoices(of plan: PlanID) -> [InvoiceID] { invoicesOfPlan[plan.index] }

  /// The space that holds a scope (a team's organization).
  package func holder(_ scope: Scope) -> SpaceID {
    switch scope {
    case .space(let s): return s
    case .team(let t): return teams[t.index].org
    }
  }

  /// Billable members of a scope (R3, R4): maintained counts.
  package func billable(_ scope: Scope) -> Int {
    switch scope {
    case .space(let s):
      let sp = spaces[s.index]
      return sp.kind == .workspace ? sp.people.count : sp.memberCount
    case .team(let t): return teams[t.index].billable
    }
  }

  package func membership(_ user: UserID, in space: SpaceID) -> Membership? {
    users[user.index].joined.membership(in: space)
  }

  package func isMember(_ user: UserID, of space: SpaceID) -> Bool {
    membership(user, in: space).map { !$0.guest } ?? false
  }

  package func isAdmin(_ user: UserID, of space: SpaceID) -> Bool {
    membership(user, in: space)?.admin ?? false
  }

  /// The plan whose paid features a scope gets: its own, or for a team its organization's (R6).
  package func coveringPlan(_ scope: Scope) -> PlanID? {
    if case .team(let t) = scope, let p = planOfScope[.space(teams[t.index].org)] { return p }
    return planOfScope[scope]
  }

  /// Price of one period of a plan with these values.
  package func periodCents(tier: Tier, cycle: Cycle, seats: Int, unitCents: Int?) -> Int? {
    guard let unit = unitCents ?? catalog.unitCents(tier, cycle) else { return nil }
    return unit * seats
  }

  package func unitCents(of plan: Plan) -> Int {
    plan.unitCents ?? catalog.unitCents(plan.tier, plan.cycle) ?? 0
  }

  package func periodCents(of plan: Plan) -> Int {
    plan.isTrial ? 0 : unitCents(of: plan) * plan.seats
  }

  /// One whole period of a plan, as an invoice bills it (the same amount as `periodCents`).
  func periodCharge(of plan: Plan) -> Charge {
    Charge.period(seats: plan.isTrial ? 0 : plan.seats, unitCents: unitCents(of: plan))
  }

  /// P5: a plan paid by invoice (or past the self-serve limit) below its billable members.
  package func isOver(_ plan: Plan) -> Bool {
    !plan.isTrial && plan.isLive && plan.seats < billable(plan.scope)
  }

  /// Sorted live plans owned by a user.
  package func plansOwned(by user: UserID) -> [PlanID] { users[user.index].ownedPlans.sorted() }

  /// Spaces a user is in, by join order of the world (space id).
  package func spacesOf(_ user: UserID) -> [SpaceID] { users[user.index].spaces.sorted() }

  /// Sets a user's membership in a space, in both places it is kept (see `User.joined`).
  func setMembership(_ user: UserID, in space: SpaceID, _ m: Membership) {
    spaces[space.index].people[user] = m
    users[user.index].joined.set(space, m)
  }

  package var userCount: Int { users.count }
  package var spaceIDs: [SpaceID] { spaces.indices.map(SpaceID.init) }
  package var allHandles: some Sequence<String> { users.lazy.map(\.handle) }
  package var allTeamNames: some Sequence<String> { teamsByName.keys }
}
