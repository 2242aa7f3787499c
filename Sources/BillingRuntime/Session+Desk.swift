import BillingLanguage
import BillingModel
import BillingSupport

/// The support desk's views (SPEC §8): `show <what>` and `timeline <what>`. They need nobody
/// acting, check no permission and change nothing. Each gathers what it shows as a `ViewResult`;
/// its words are in `ViewResult+Text.swift` and `ViewResult+JSON.swift`.
extension Session {
  func show(_ subject: Subject) throws(Failure) -> Outcome {
    switch subject {
    case .scope(let ref): return outcome(.shownScope(glance(at: try world.resolve(ref))))
    case .user(let handle): return outcome(.shownUser(glance(at: try resolveShown(handle))))
    case .plan(let text):
      let id = try world.resolvePlan(text)
      return outcome(
        .shownPlan(id, invoices: world.invoices(of: id), events: world.timeline(of: id)))
    case .invoice(let text):
      let id = try world.resolveInvoice(text)
      let inv = world.invoice(id)
      return outcome(
        .shownInvoice(
          id, lines: inv.lines ?? [InvoiceLine(kind: .unitemized, cents: inv.amountCents)]))
    }
  }

  func timeline(_ subject: Subject) throws(Failure) -> Outcome {
    let world = self.world
    switch subject {
    case .scope(let ref):
      let scope = try world.resolve(ref)
      return outcome(.timeline(world.timeline(of: scope), of: scope))
    case .plan(let text):
      let id = try world.resolvePlan(text)
      return outcome(.planTimeline(world.timeline(of: id), of: id))
    case .user(let handle):
      let u = try world.resolveUser(handle)
      return outcome(.userTimeline(u, world.journal.deeds(of: u)))
    case .invoice(let text):
      throw Failure(
        .usage, nil,
        "timeline takes a scope, a user or a plan, not an invoice (\(quoted(text))); show \(text) explains an invoice"
      )
    }
  }

  /// A user for `show`; a word that is no user but names a space or team points there (SPEC §8).
  private func resolveShown(_ handle: String) throws(Failure) -> UserID {
    let world = self.world
    if let id = world.userID(handle) { return id }
    var places: [String] = []
    if let s = world.spaceID(handle) { places.append(world.describe(.space(s))) }
    for t in world.teamIDs(named: handle) {
      places.append("team \(quoted(handle)) --org \(quoted(world.space(world.team(t).org).name))")
    }
    guard !places.isEmpty else { return try world.resolveUser(handle) }
    throw Failure(
      .notFound, nil,
      "unknown user \(quoted(handle)): did you mean "
        + places.map { "show \($0)" }.joined(separator: " or ") + "?")
  }

  // MARK: show <scope>

  /// What `show <scope>` shows: the plan in effect, its next invoice and last action, people,
  /// teams and invoices.
  private func glance(at scope: Scope) -> ScopeGlance {
    let world = self.world
    let own = world.livePlan(scope)
    let covering = world.coveringPlan(scope)
    var usage: (seats: Int, used: Int, over: Bool)?
    if let p = covering, !world.plan(p).isTrial {
      let plan = world.plan(p)
      usage = (plan.seats, world.billable(plan.scope), world.isOver(plan))
    }
    var teams: [TeamID] = []
    if case .space(let s) = scope { teams = world.space(s).teams }
    return ScopeGlance(
      scope: scope, covering: covering, coveredBy: own == nil ? covering : nil,
      billable: world.billable(scope), usage: usage,
      next: covering.flatMap { nextInvoice(of: $0, scope: scope) },
      last: covering.flatMap { lastAction(of: $0) },
      people: peopleRows(scope, owner: covering.map { world.plan($0).owner }),
      teams: teams.map { t in
        let tp = world.livePlan(.team(t))
        return (t, tp, tp == nil ? world.livePlan(scope) : nil)
      },
      invoices: covering.map { world.invoices(of: $0) } ?? [])
  }

  /// The invoice a plan's renewal would issue, played on a copy (nil when it ends or is a trial).
  private func nextInvoice(of id: PlanID, scope: Scope) -> (date: Day, cents: Int)? {
    let plan = world.plan(id)
    guard !plan.isTrial, plan.status == .active, plan.periodEnd <= Day.latest else { return nil }
    let copy = world.copy()
    let f = copy.forecast(scope, to: plan.periodEnd, invoicesFrom: world.invoices.count)
    for i in f.invoices {
      let inv = f.world.invoice(i)
      if inv.plan == id { return (inv.date, inv.amountCents) }
    }
    return nil
  }

  /// The last billing action on a plan, from its journal: the command's word, its date and
  /// who acted (nil for a setup command such as `create plan`).
  private func lastAction(of id: PlanID) -> (date: Day, command: String, actor: UserID?)? {
    for e in world.timeline(of: id).reversed() {
      let h = e.happening
      let word: String
      switch h.kind {
      case .started: word = h.actor == nil ? "create plan" : "upgrade"
      case .trialStarted: word = "trial"
      case .changed, .scheduled: word = "edit"
      case .canceled: word = "cancel"
      case .resumed: word = "resume"
      case .transferred: word = "transfer"
      case .payment: word = "pay"
      case .address: word = "address"
      default: continue
      }
      if h.actor == nil {
        // Nobody acting: sales or support (setup commands), or the clock, which is no action.
        switch e.fact {
        case .changedNow?, .scheduled?, .scheduleDropped?, .paymentChanged?:
          return (h.date, "sales", nil)
        case .transferred?: return (h.date, "support transfer", nil)
        case .planStarted?: break
        default: continue
        }
      }
      return (h.date, word, h.actor)
    }
    return nil
  }

  /// Each person of a scope in join order, with their roles and whether they are billable.
  private func peopleRows(_ scope: Scope, owner: UserID?) -> [(
    user: UserID, roles: [String], billable: Bool
  )] {
    let world = self.world
    func roles(_ u: UserID, _ m: Membership) -> [String] {
      var r = [m.guest ? "guest" : "member"]
      if m.admin { r.append("admin") }
      if u == owner { r.append("billing-owner") }
      return r
    }
    switch scope {
    case .space(let s):
      let sp = world.space(s)
      return sp.people.sorted { $0.value.seq < $1.value.seq }.map { u, m in
        (u, roles(u, m), sp.kind == .workspace || !m.guest)
      }
    case .team(let t):
      let team = world.team(t)
      // NB: a team's people are people of its organization, so the membership is there.
      return team.people.sorted { $0.value < $1.value }.compactMap { u, _ in
        world.membership(u, in: team.org).map { m in (u, roles(u, m), !m.guest) }
      }
    }
  }

  // MARK: show <user>

  private func glance(at u: UserID) -> UserGlance {
    let world = self.world
    let owned = world.plansOwned(by: u)
    return UserGlance(
      user: u, acting: actor == u,
      spaces: world.roles(of: u).map { r in
        (r, owned.filter { world.holder(world.plan($0).scope) == r.space })
      },
      teams: world.user(u).teams.sorted().map { t in (t, world.coveringPlan(.team(t))) },
      owned: owned, messages: world.user(u).inbox.count)
  }
}
