import BillingLanguage
import BillingModel
import BillingSupport

extension Session {
  /// One command against the world: the text and JSON result of SPEC §5.
  func dispatch(_ command: Command) throws(Failure) -> Outcome {
    let world = self.world
    switch command {
    case .createUsers(let handles):
      return outcome(.usersCreated(try world.createUsers(handles)))
    case .createSpace(let kind, let name):
      return outcome(.spaceCreated(try world.createSpace(kind, name)))
    case .createTeam(let name, let place):
      return outcome(.teamCreated(try world.createTeam(name, in: place), name: name))
    case .createPlan(let request):
      return outcome(.plan(.createdFor, try world.createPlan(request)))
    case .sales(let request):
      return outcome(.plan(.changedBySales, world.apply(try world.checkSales(request))))
    case .supportTransfer(let ref, let to):
      let change = try world.checkSupportTransfer(ref, to: to)
      let fact = world.apply(change)
      touch(world.plan(change.plan).scope)
      return outcome(.billing(fact, plan: change.plan))
    case .add(let handles, let place, let guest, let admin):
      let facts = try world.add(handles, to: place, guest: guest, admin: admin)
      return outcome(
        .added(
          handles, to: placeText(place), as: guest ? .guest : admin ? .admin : .member,
          notes: facts))
    case .remove(let handle, let place):
      try world.remove(handle, from: place)
      let withTeams = if case .space(.org, _) = place { true } else { false }
      return outcome(.removed(handle, from: placeText(place), withTeams: withTeams))
    case .login(let handle):
      let u = try world.resolveUser(handle)
      actor = u
      focus = world.spacesOf(u).first
      return outcome(.loggedIn(u, as: handle))
    case .logout:
      let was = actor
      actor = nil
      focus = nil
      return outcome(.loggedOut(was))
    case .whoami:
      return whoami()
    case .runAs(_, let inner, let text):
      return run(inner, text: text)
    case .can(let handle, let inner, _):
      let u = try world.resolveUser(handle)
      let saved = (actor, focus)
      actor = u
      defer { (actor, focus) = saved }
      do {
        try check(inner)
        return outcome(.can(handle, refusal: nil))
      } catch {
        // NB: the refusal's text view is made when printed (`Outcome(refusal:)`), not here.
        let v = ViewResult.can(handle, refusal: error)
        return Outcome(refusal: error, result: keepsResults ? v.json(in: world) : .null)
      }
    case .clock:
      return clockOutcome()
    case .setClock(let day):
      world.apply(try world.checkSetClock(day))
      return clockOutcome()
    case .advance(let duration):
      return advance(duration)
    case .advanceTo(let day):
      try world.checkAdvance(to: day)
      try world.checkCalendarEnd(upTo: day, "advance to \(day)")
      return advance(to: day)
    case .rules(let id, let lang):
      return try rules(id, lang: lang)
    case .explain(let what, let lang):
      return try explain(what, lang: lang)
    case .quote(let ref, let tier, let seats, let cycle):
      let q = try world.quote(ref, tier: tier, seats: seats, cycle: cycle)
      return outcome(.quote(q, for: try world.resolve(ref)))
    case .features(let handle):
      let (u, rows) = try world.features(handle)
      return outcome(.features(u, rows))
    case .inbox(let handle):
      let u = try world.resolveUser(handle)
      return outcome(.inbox(handle, world.user(u).inbox))
    case .log:
      return outcome(.log(world.log))
    case .show(nil):
      return outcome(.shownWorld(acting: actor))
    case .show(let subject?):
      return try show(subject)
    case .timeline(let subject):
      return try timeline(subject)
    case .help(let topic):
      // SPEC §8: `.help R14` is `rules R14`.
      if let topic, Help.isRuleTopic(topic) { return try rules(topic) }
      return outcome(.help(try Help.spec(topic)))
    case .read(let path):
      return readScript(path)
    case .save(let path):
      return try save(path)
    case .load(let path):
      return try load(path)
    case .demo:
      return demo()
    case .reset:
      self.world = World(catalog: catalog)
      actor = nil
      focus = nil
      return outcome(.reset(self.world.today))
    case .history:
      return outcome(.history(historyLines()))
    case .pager(let on):
      if let on { pager = on }
      return outcome(.pager(pager))
    case .record(let path):
      return try record(path)
    case .quit:
      return quitting()
    case .mark(let name):
      return mark(name)
    case .back(let name):
      return try back(name)
    case .marks:
      return listMarks()
    case .undo(let n):
      return try undo(n)
    case .forecast(let ref, let span):
      return try forecast(ref, span)
    case .compare(let ref, let span, let alternatives):
      if alternatives.count == 1, let only = alternatives.first, only.steps.count == 1,
        !Session.isAdvance(only.steps[0].command)
      {
        return try compare(ref, span, only.steps[0].command, only.steps[0].text)
      }
      return try compare(ref, span, alternatives)
    default:
      return try action(command)
    }
  }

  /// `can`: the inner action's checks, with nothing changed.
  /// NB: a state-changing action is only decided, never applied; an action that only reads
  /// (plan, billing, seats, invoices, invoice, move) runs, which changes nothing in the world.
  func check(_ command: Command) throws(Failure) {
    if try decide(command) == nil { _ = try action(command) }
  }

  /// Actions: need an acting user, permission-checked by the model.
  func action(_ command: Command) throws(Failure) -> Outcome {
    if let decision = try decide(command) { return outcome(apply(decision)) }
    let world = self.world
    switch command {
    case .plan(let ref):
      let (scope, id) = try world.viewPlan(ref, by: actor)
      touch(scope)
      return outcome(.covering(scope, id))
    case .billing(let ref):
      let (id, rows) = try world.billingTab(ref, by: actor)
      touch(world.plan(id).scope)
      return outcome(.billingTab(id, rows))
    case .seats(let ref):
      let s = try world.seats(ref, by: actor)
      touch(world.plan(s.plan).scope)
      return outcome(.seats(s))
    case .invoices(let ref):
      let (id, list) = try world.listInvoices(ref, by: actor)
      touch(world.plan(id).scope)
      return outcome(.invoices(of: id, list))
    case .invoice(let text):
      return outcome(.invoice(try world.showInvoice(text, by: actor)))
    case .move(let from, let to):
      try world.move(from, to: to, by: actor)
      return outcome(.moved)
    default:
      throw Failure(.usage, nil, "not an action")
    }
  }

  /// A state-changing action, checked against the world and ready to apply.
  enum Decision {
    case upgrade(UpgradeChange)
    case trial(TrialChange)
    case edit(EditChange)
    case billing(BillingChange)
    case admin(AdminChange, PlaceTarget)
  }

  /// The model's checks for a state-changing action, in the order of SPEC §4; nil for an
  /// action that only reads. Changes nothing.
  func decide(_ command: Command) throws(Failure) -> Decision? {
    let world = self.world
    switch command {
    case .upgrade(let r):
      // NB: the bytes first: most names have no comma, and looking for one character by
      // character (graphemes) cost more than the rest of the check.
      if case .team(let name, let org) = r.scope, name.utf8.contains(44), name.contains(","),
        world.teamIDs(named: name).isEmpty
      {
        let names = name.split(separator: ",").map { String($0).trimmingSpaces }
        try world.upgradeSeveralTeams(names, org: org, by: actor)
      }
      return .upgrade(try world.checkUpgrade(r, by: actor))
    case .trial(let ref, let tier):
      return .trial(try world.checkTrial(ref, tier: tier, by: actor))
    case .edit(let ref, let r):
      return .edit(try world.checkEdit(ref, r, by: actor))
    case .cancel(let ref):
      return .billing(try world.checkCancel(ref, by: actor))
    case .resume(let ref):
      return .billing(try world.checkResume(ref, by: actor))
    case .transfer(let ref, let to):
      return .billing(try world.checkTransfer(ref, to: to, by: actor))
    case .pay(let ref, let method):
      return .billing(try world.checkPay(ref, method: method, by: actor))
    case .address(let ref, let text):
      return .billing(try world.checkAddress(ref, text, by: actor))
    case .appoint(let handle, let place):
      return .admin(try world.checkAppoint(handle, in: place, by: actor), place)
    case .revoke(let handle, let place):
      return .admin(try world.checkRevoke(handle, in: place, by: actor), place)
    default:
      return nil
    }
  }

  /// Makes a decided change; returns what it did, one value for every view.
  func apply(_ decision: Decision) -> ActionResult {
    let world = self.world
    switch decision {
    case .upgrade(let u):
      let o = world.apply(u)
      touch(world.plan(o.plan).scope)
      return .plan(.upgraded, o)
    case .trial(let t):
      let o = world.apply(t)
      touch(world.plan(o.plan).scope)
      return .plan(.startedTrial, o)
    case .edit(let e):
      let o = world.apply(e)
      touch(world.plan(o.plan).scope)
      return .plan(.changed, o)
    case .billing(let change):
      let fact = world.apply(change)
      touch(world.plan(change.plan).scope)
      return .billing(fact, plan: change.plan)
    case .admin(let change, let place):
      return .admin(world.apply(change), change, place: placeText(place))
    }
  }

  /// An action's result as an outcome: its text and JSON views.
  func outcome(_ r: ActionResult) -> Outcome {
    ok(r.text(in: world), r.json(in: world))
  }

  func whoami() -> Outcome {
    outcome(.whoami(actor, actor.map { world.roles(of: $0) } ?? []))
  }

  /// `clock`, and `clock <date>` after it set the date: today, with no events.
  func clockOutcome() -> Outcome {
    outcome(.clock(world.today))
  }

  func advance(_ d: Duration) -> Outcome {
    let target = d.apply(to: world.today)
    guard target.isInRange, target.number - world.today.number <= 3_000_000 else {
      return .fail(
        Failure(
          .usage, nil,
          "advance \(d.text) would leave the calendar (2000-01-01 to 9999-12-31); today is \(world.today)"
        ))
    }
    do {
      try world.checkCalendarEnd(upTo: target, "advance \(d.text)")
    } catch {
      return .fail(error)
    }
    return advance(to: target)
  }

  /// Moves the clock to `target` (today or later), listing every event on the way.
  func advance(to target: Day) -> Outcome {
    let (events, stopped) = world.advance(to: target, shouldStop: stopRequested)
    if stopped {
      // NB: kept with the session, which a stopped run never frees: the process ends next, and
      // freeing years of events first would hold Ctrl-C up.
      eventsOnStop = events
    }
    let listing = EventListing(events: events, listed: listable(events.count), stopped: stopped)
    return outcome(.advanced(world.today, listing))
  }

  /// How many of `n` events to list: all, or those before Ctrl-C. Once stopped, no more is
  /// listed (they are counted instead), so a long listing ends at once.
  /// NB: asked every 256 events, as a listing of them asked every 256 lines.
  func listable(_ n: Int) -> Int {
    var listed = 0
    while listed < n {
      if stopRequested() { return listed }
      listed = min(n, listed + 256)
    }
    return n
  }
}

/// `org Acme`, `team Design of org Acme`.
func placeText(_ p: PlaceTarget) -> String {
  switch p {
  case .space(let k, let n): return k.rawValue + " " + quoted(n)
  case .team(let n, let o): return "team " + quoted(n) + (o.map { " of org " + quoted($0) } ?? "")
  }
}

/// "1 member", "3 members".
func count(_ n: Int, _ one: String, _ many: String? = nil) -> String {
  "\(n) " + (n == 1 ? one : many ?? one + "s")
}

extension String {
  var trimmingSpaces: String {
    var s = Substring(self)
    while s.first == " " { s = s.dropFirst() }
    while s.last == " " { s = s.dropLast() }
    return String(s)
  }
}
