import BillingSupport

/// Low-level changes to who is where, keeping every maintained count right.
/// NB: callers validate first; these never fail.
extension World {
  package func newUser(_ handle: String) -> UserID { newUser(handle, hash: NameSlots.hash(handle)) }

  /// The same, with the handle's hash (`NameSlots.hash`) already made.
  func newUser(_ handle: String, hash: UInt64) -> UserID {
    let id = UserID(index: users.count)
    users.append(User(handle: handle))
    handleSlots.add(id.index, hash, count: users.count) { users[$0].handle }
    return id
  }

  package func newSpace(_ kind: SpaceKind, _ name: String) -> SpaceID {
    let id = SpaceID(index: spaces.count)
    spaces.append(Space(kind: kind, name: name))
    spacesByName[name] = id
    return id
  }

  package func newTeam(_ name: String, in org: SpaceID) -> TeamID {
    let id = TeamID(index: teams.count)
    teams.append(Team(name: name, org: org))
    spaces[org.index].teams.append(id)
    spaces[org.index].teamsByName[name] = id
    teamsByName[name, default: []].append(id)
    return id
  }

  /// Puts a user in a space, or changes their role there. Returns the scopes whose billable count grew.
  package func place(_ user: UserID, in space: SpaceID, guest: Bool, admin: Bool) -> [Scope] {
    var grown: [Scope] = []
    place(user, in: space, guest: guest, admin: admin, grown: &grown)
    return grown
  }

  /// The same, adding to `grown` the scopes whose billable count grew that it does not hold yet
  /// (an `add` of many people grows the same few scopes many times).
  package func place(
    _ user: UserID, in space: SpaceID, guest: Bool, admin: Bool, grown: inout [Scope]
  ) {
    func grew(_ scope: Scope) { if !grown.contains(scope) { grown.append(scope) } }
    if let old = membership(user, in: space) {
      var m = old
      if old.guest && !guest {
        m.guest = false
        spaces[space.index].memberCount += 1
        grew(.space(space))
        for t in users[user.index].teams where teams[t.index].org == space {
          teams[t.index].billable += 1
          grew(.team(t))
        }
      }
      if admin && !old.admin {
        m.admin = true
        spaces[space.index].admins.insert(user)
      }
      setMembership(user, in: space, m)
    } else if join(user, space, guest: guest, admin: admin) {
      grew(.space(space))
    }
  }

  /// Puts a user in a space they are not in. Returns whether the space's billable count grew.
  func join(_ user: UserID, _ space: SpaceID, guest: Bool, admin: Bool) -> Bool {
    // NB: the space is changed in one access (each access to an element of a chunked array
    // checks that its chunk is not shared); the user's copy is appended (see `setMembership`).
    let (m, grew) = World.joining(&spaces[space.index], user, guest: guest, admin: admin)
    users[user.index].joined.append(space, m)
    return grew
  }

  private static func joining(_ sp: inout Space, _ user: UserID, guest: Bool, admin: Bool)
    -> (Membership, grew: Bool)
  {
    let m = Membership(guest: guest, admin: admin, seq: sp.nextSeq)
    sp.nextSeq += 1
    sp.people[user] = m
    if !guest { sp.memberCount += 1 }
    if admin { sp.admins.insert(user) }
    return (m, !guest || sp.kind == .workspace)
  }

  func setAdmin(_ user: UserID, of space: SpaceID, _ admin: Bool) {
    guard var m = membership(user, in: space), m.admin != admin else { return }
    m.admin = admin
    setMembership(user, in: space, m)
    if admin {
      spaces[space.index].admins.insert(user)
    } else {
      spaces[space.index].admins.remove(user)
    }
  }

  func unplace(_ user: UserID, from space: SpaceID) {
    guard membership(user, in: space) != nil else { return }
    // NB: leave the teams first, while the membership still counts them as billable.
    for t in users[user.index].teams.sorted() where teams[t.index].org == space {
      leaveTeam(user, t)
    }
    guard let m = spaces[space.index].people.removeValue(forKey: user) else { return }
    if !m.guest { spaces[space.index].memberCount -= 1 }
    if m.admin { spaces[space.index].admins.remove(user) }
    users[user.index].joined.remove(space)
  }

  /// Returns whether the team's billable count grew.
  package func joinTeam(_ user: UserID, _ team: TeamID) -> Bool {
    let member = isMember(user, of: teams[team.index].org)
    // NB: the team and the user are each changed in one access (see `join`).
    World.joining(&teams[team.index], user, member: member)
    World.insert(team, into: &users[user.index].teams)
    return member
  }

  private static func joining(_ t: inout Team, _ user: UserID, member: Bool) {
    t.people[user] = t.nextSeq
    t.nextSeq += 1
    if member { t.billable += 1 }
  }

  /// Puts a team in a user's sorted list of teams.
  /// NB: most people are in a team or two, and join them in id order: a search from the end.
  private static func insert(_ team: TeamID, into list: inout [TeamID]) {
    var i = list.count
    while i > 0 && list[i - 1] > team { i -= 1 }
    if i > 0 && list[i - 1] == team { return }
    if i == list.count { list.append(team) } else { list.insert(team, at: i) }
  }

  func leaveTeam(_ user: UserID, _ team: TeamID) {
    guard teams[team.index].people.removeValue(forKey: user) != nil else { return }
    users[user.index].teams.removeAll { $0 == team }
    if isMember(user, of: teams[team.index].org) { teams[team.index].billable -= 1 }
  }

  /// P5: after billable members were added, resize each full card/PayPal plan to the smallest
  /// size covering everyone at once (charged pro rata); flag invoice plans, and plans whose
  /// resize would pass the self-serve limit, as over their size. Returns what happened.
  func settleSeats(after grown: [Scope]) -> [Fact] {
    var notes: [Fact] = []
    // NB: usually one scope grew; a set is made only for more.
    var seen = grown.count > 1 ? Set<PlanID>() : []
    for scope in grown {
      guard let pid = planOfScope[scope], !seen.contains(pid) else { continue }
      if grown.count > 1 { seen.insert(pid) }
      settle(scope, pid, notes: &notes)
    }
    return notes
  }

  /// The same after one scope grew (no list of scopes to make: an `add` of one person).
  func settleSeats(after scope: Scope) -> [Fact] {
    // NB: most scopes have no plan; then there is nothing to settle and no list to make.
    guard let pid = planOfScope[scope] else { return [] }
    var notes: [Fact] = []
    settle(scope, pid, notes: &notes)
    return notes
  }

  private func settle(_ scope: Scope, _ pid: PlanID, notes: inout [Fact]) {
    let p = plans[pid.index]
    let need = billable(scope)
    guard !p.isTrial, need > p.seats else { return }
    let size = catalog.size(atLeast: need)
    if p.payment == .invoice || size > max(catalog.selfServeLimit, p.seats) {
      let cause: OverSizeCause =
        p.payment == .invoice
        ? .invoicePaid : .pastSelfServeLimit(size: size, limit: catalog.selfServeLimit)
      let fact = Fact.overSize(shape(pid), billable: need, seats: p.seats, cause: cause)
      notes.append(fact)
      happened(.overSize, scope, plan: pid, fact)
      tell(p.owner, fact)
      return
    }
    let unit = unitCents(of: p)
    let charge = Charge.prorata(
      [(.addedSeats(from: p.seats, to: size), size - p.seats, unit)], days: p.periodEnd - today,
      periodDays: p.periodEnd - p.periodStart)
    let amount = charge.total
    let old = p.seats
    let before = shape(pid)
    plans[pid.index].seats = size
    let fact = Fact.resized(
      before, from: old, to: size, billable: need, invoice: nextInvoiceID,
      cents: amount)
    happened(.resized, scope, plan: pid, fact)
    issueInvoice(pid, charge, .resize(from: old, to: size))
    notes.append(fact)
    tell(p.owner, fact)
  }

  /// R16: every invoice goes to the billing owner, with a copy in their inbox. Its amount is the
  /// sum of the charge's lines, which it keeps.
  @discardableResult
  func issueInvoice(_ pid: PlanID, _ charge: Charge, _ label: InvoiceLabel, on date: Day? = nil)
    -> InvoiceID
  {
    let owner = plans[pid.index].owner, payment = plans[pid.index].payment,
      scope = plans[pid.index].scope
    let id = nextInvoiceID
    let day = date ?? today
    let amount = charge.total
    let invoice = Invoice(
      id: id, plan: pid, date: day, amountCents: amount, payment: payment ?? .card, sentTo: owner,
      label: label, lines: charge.lines)
    if let muted = forecastPlay?.muted {
      // NB: a forecast keeps only its followed plans' invoices (see `ForecastPlay`).
      forecastPlay?.issued += 1
      if muted { return id }
      forecastPlay?.invoices.append(invoice)
    } else {
      invoices.append(invoice)
    }
    invoicesOfPlan[pid.index].append(id)
    journal.append(
      Happening(date: day, kind: .invoice, scope: scope, plan: pid, invoice: id), to: scope)
    deliver(Message(date: day, fact: .invoiceIssued(id), to: owner))
    return id
  }
}
