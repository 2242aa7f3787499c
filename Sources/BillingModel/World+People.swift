import BillingSupport

/// Low-level changes to who is where, keeping every maintained count right.
/// NB: callers validate first; these never fail.
extension World {
  package func newUser(_ handle: String) -> UserID {
    let id = UserID(index: users.count)
    users.append(User(handle: handle))
    handleSlots.add(id.index, NameSlots.hash(handle), count: users.count) { users[$0].handle }
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
    } else {
      let seq = spaces[space.index].nextSeq
      spaces[space.index].nextSeq += 1
      setMembership(user, in: space, Membership(guest: guest, admin: admin, seq: seq))
      if !guest { spaces[space.index].memberCount += 1 }
      if admin { spaces[space.index].admins.insert(user) }
      if !guest || spaces[space.index].kind == .workspace { grew(.space(space)) }
    }
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
    users[user.index].joined.removeAll { $0.space == space }
  }

  /// Returns whether the team's billable count grew.
  package func joinTeam(_ user: UserID, _ team: TeamID) -> Bool {
    let seq = teams[team.index].nextSeq
    teams[team.index].nextSeq += 1
    teams[team.index].people[user] = seq
    users[user.index].teams.insert(team)
    if isMember(user, of: teams[team.index].org) {
      teams[team.index].billable += 1
      return true
    }
    return false
  }

  func leaveTeam(_ user: UserID, _ team: TeamID) {
    guard teams[team.index].people.removeValue(forKey: user) != nil else { return }
    users[user.index].teams.remove(team)
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
      let p = plans[pid.index]
      let need = billable(scope)
      guard !p.isTrial, need > p.seats else { continue }
      let size = catalog.size(atLeast: need)
      if p.payment == .invoice || size > max(catalog.selfServeLimit, p.seats) {
        let cause: OverSizeCause =
          p.payment == .invoice
          ? .invoicePaid : .pastSelfServeLimit(size: size, limit: catalog.selfServeLimit)
        let fact = Fact.overSize(shape(pid), billable: need, seats: p.seats, cause: cause)
        notes.append(fact)
        happened(.overSize, scope, plan: pid, fact)
        tell(p.owner, fact)
        continue
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
    return notes
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
