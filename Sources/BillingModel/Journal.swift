import BillingSupport

/// Something that happened to a scope, as `timeline` lists it (SPEC §8).
package struct Happening: Sendable {
  package enum Kind: String, Sendable, CaseIterable {
    case added, removed, role, appointed, revoked
    case started = "plan-started", trialStarted = "trial-started", trialEnded = "trial-ended"
    case changed, scheduled, renewed, resized, overSize = "over-size", canceled, resumed, ended
    case transferred, payment, address, invoice, refused
  }
  package var date: Day
  /// The scope it happened to.
  package var scope: Scope
  package var kind: Kind
  // NB: ids as 32-bit indexes (-1: none), so an entry is half the size of one of optionals:
  // a long playback keeps one for every refusal.
  private var planIndex: Int32
  private var invoiceIndex: Int32
  private var userIndex: Int32
  private var logIndex: Int32
  /// Who caused it (-1: nobody, for clock events and setup commands).
  private var actorIndex: Int32 = -1
  /// Its fact in the journal's `facts` (-1: none, for a refusal or an invoice).
  fileprivate var factIndex: Int32 = -1

  package var plan: PlanID? { planIndex < 0 ? nil : PlanID(index: Int(planIndex)) }
  package var invoice: InvoiceID? { invoiceIndex < 0 ? nil : InvoiceID(index: Int(invoiceIndex)) }
  /// The person added, removed or appointed, or who was refused.
  package var user: UserID? { userIndex < 0 ? nil : UserID(index: Int(userIndex)) }
  /// The log entry of a refusal.
  package var log: Int? { logIndex < 0 ? nil : Int(logIndex) }
  /// Who caused it: the user acting in the action that made it (SPEC §8 "who did it"); nil for
  /// clock events and setup commands.
  package var actor: UserID? { actorIndex < 0 ? nil : UserID(index: Int(actorIndex)) }

  package init(
    date: Day, kind: Kind, scope: Scope, plan: PlanID? = nil, invoice: InvoiceID? = nil,
    user: UserID? = nil, log: Int? = nil, actor: UserID? = nil
  ) {
    self.date = date
    self.kind = kind
    self.scope = scope
    self.planIndex = Int32(truncatingIfNeeded: plan?.index ?? -1)
    self.invoiceIndex = Int32(truncatingIfNeeded: invoice?.index ?? -1)
    self.userIndex = Int32(truncatingIfNeeded: user?.index ?? -1)
    self.logIndex = Int32(truncatingIfNeeded: log ?? -1)
    self.actorIndex = Int32(truncatingIfNeeded: actor?.index ?? -1)
  }
}

/// A journal entry as a timeline lists it, with its fact.
package struct TimelineEntry: Sendable {
  package var happening: Happening
  package var fact: Fact?
}

/// What one person did and was told, in order (`timeline <user>`).
package enum Deed: Sendable, Equatable {
  /// A log entry made while they acted.
  case action(Int)
  /// A message of their inbox.
  case message(Int)
}

/// NB: an `add` of many people is one `added` entry, its fact the role and the people's ids, so
/// a world of many members keeps a few bytes a member for it; timelines list one line a person.
/// NB: facts are kept apart from the entries (`facts`), so an entry stays small: a long
/// playback keeps one for every refusal, and a refusal has none.
/// What happened, appended as it happens and indexed by scope and by person, so a timeline
/// costs what it lists, not the size of the world.
/// NB: `.save` writes it; a save made before it existed loads with an empty one.
package struct Journal: Sendable {
  package private(set) var entries: ChunkedArray<Happening> = []
  private var facts: ChunkedArray<Fact> = []
  // NB: lists by dense space and team index, not a dictionary by scope: no hashing on the way.
  var ofSpace: ChunkedArray<[Int]> = []
  var ofTeam: ChunkedArray<[Int]> = []
  /// By user index; grown as people act or are told something.
  /// NB: a deed is kept as 4 bytes (an action's log index, or the complement of a message's
  /// inbox index), since a long playback keeps one for every action with an actor.
  private var deedsOfUser: ChunkedArray<[Int32]> = []

  private static func deed(_ raw: Int32) -> Deed {
    raw >= 0 ? .action(Int(raw)) : .message(Int(~raw))
  }

  /// Every user's deeds, by user index (for `.save` and the checks of a load).
  package var ofUser: [[Deed]] { deedsOfUser.map { $0.map(Journal.deed) } }

  /// NB: the fact is taken, not borrowed (no copy of it to keep: see `ChunkedArray.append`).
  mutating func append(_ h: Happening, to scope: Scope, fact: consuming Fact? = nil) {
    let n = entries.count
    var h = h
    if let fact = consume fact {
      h.factIndex = Int32(truncatingIfNeeded: facts.count)
      facts.append(fact)
    }
    entries.append(h)
    switch scope {
    case .space(let s): Journal.add(n, at: s.index, in: &ofSpace)
    case .team(let t): Journal.add(n, at: t.index, in: &ofTeam)
    }
  }

  private static func add(_ n: Int, at index: Int, in lists: inout ChunkedArray<[Int]>) {
    if index >= lists.count {
      lists.append(contentsOf: repeatElement([], count: index + 1 - lists.count))
    }
    lists[index].append(n)
  }

  /// The fact of an entry (nil for a refusal or an invoice, worded from the log or the invoice).
  package func fact(of h: Happening) -> Fact? {
    h.factIndex < 0 ? nil : facts[Int(h.factIndex)]
  }

  /// Indexes of the scope's entries, oldest first.
  package func entries(of scope: Scope) -> [Int] {
    switch scope {
    case .space(let s): s.index < ofSpace.count ? ofSpace[s.index] : []
    case .team(let t): t.index < ofTeam.count ? ofTeam[t.index] : []
    }
  }

  package func deeds(of user: UserID) -> [Deed] {
    user.index < deedsOfUser.count ? deedsOfUser[user.index].map(Journal.deed) : []
  }

  package func deedCount(of user: UserID) -> Int {
    user.index < deedsOfUser.count ? deedsOfUser[user.index].count : 0
  }

  /// Adds a deed; `at` puts it before those added since (an action before the messages it sent).
  mutating func note(_ deed: Deed, of user: UserID, at position: Int? = nil) {
    if user.index >= deedsOfUser.count {
      deedsOfUser.append(contentsOf: repeatElement([], count: user.index + 1 - deedsOfUser.count))
    }
    let raw: Int32 =
      switch deed {
      case .action(let n): Int32(truncatingIfNeeded: n)
      case .message(let n): ~Int32(truncatingIfNeeded: n)
      }
    if let position, position < deedsOfUser[user.index].count {
      deedsOfUser[user.index].insert(raw, at: position)
    } else {
      deedsOfUser[user.index].append(raw)
    }
  }
}

/// Recording into the journal as things happen.
extension World {
  func happened(
    _ kind: Happening.Kind, _ scope: Scope, plan: PlanID? = nil, invoice: InvoiceID? = nil,
    user: UserID? = nil, on date: Day? = nil, _ fact: consuming Fact
  ) {
    if muted { return }
    journal.append(
      Happening(
        date: date ?? today, kind: kind, scope: scope, plan: plan, invoice: invoice, user: user,
        actor: commandActor),
      to: scope, fact: fact)
  }

  /// Starts a command: messages sent from here on are its own (see `appendLog`), and what it
  /// makes happen is `actor`'s doing (nil for setup commands and the clock).
  package func beginCommand(actor: UserID? = nil) {
    if !sentThisCommand.isEmpty { sentThisCommand.removeAll(keepingCapacity: true) }
    commandActor = actor
  }

  /// Puts a message in a user's inbox, and in their timeline.
  func deliver(_ message: Message) {
    if muted { return }
    let user = message.to
    journal.note(.message(users[user.index].inbox.count), of: user)
    users[user.index].inbox.append(message)
    sentThisCommand.append(user)
  }

  /// Tells a user what happened, today.
  func tell(_ user: UserID, _ fact: Fact) {
    deliver(Message(date: today, fact: fact, to: user))
  }

  /// Appends to the log; an entry with an actor goes in their timeline before the messages the
  /// command sent them, and a refused action in the timeline of each scope it named.
  package func appendLog(_ entry: LogEntry, by actor: UserID?, refusedIn scopes: [Scope] = []) {
    let index = log.count
    log.append(entry, user: actor?.index)
    if let actor {
      // NB: usually the command sent nothing; then there is nothing to count.
      var sent = 0
      for u in sentThisCommand where u == actor { sent += 1 }
      journal.note(
        .action(index), of: actor, at: sent == 0 ? nil : journal.deedCount(of: actor) - sent)
    }
    for s in scopes {
      journal.append(
        Happening(date: entry.date, kind: .refused, scope: s, user: actor, log: index), to: s)
    }
  }

  /// A plan as it stands now, for a fact about it.
  func shape(_ id: PlanID) -> PlanShape {
    let p = plans[id.index]
    return PlanShape(
      plan: id, scope: p.scope, tier: p.tier, cycle: p.cycle, seats: p.seats, trial: p.isTrial)
  }
}

/// Reading the journal: timelines (SPEC §8).
extension World {
  /// A scope's entries, oldest first (same-day entries in the order they happened): an
  /// organization's with its teams'; a team's with the events of its organization's plans.
  package func timeline(of scope: Scope) -> [TimelineEntry] {
    var lists = [journal.entries(of: scope)]
    switch scope {
    case .space(let s):
      for t in spaces[s.index].teams { lists.append(journal.entries(of: .team(t))) }
    case .team(let t):
      let org = journal.entries(of: .space(teams[t.index].org))
      lists.append(org.filter { journal.entries[$0].plan != nil })
    }
    var out: [TimelineEntry] = []
    for i in merged(lists) { expand(journal.entries[i], into: &out) }
    return oldestFirst(out) { $0.happening.date }
  }

  /// An entry as timelines list it: an `add` of several people, one entry a person.
  private func expand(_ h: Happening, into out: inout [TimelineEntry]) {
    let fact = journal.fact(of: h)
    guard h.kind == .added, h.user == nil, case .joined(let role, let people)? = fact else {
      out.append(TimelineEntry(happening: h, fact: fact))
      return
    }
    for u in people {
      out.append(
        TimelineEntry(
          happening: Happening(date: h.date, kind: .added, scope: h.scope, user: u),
          fact: .joinedAs(role)))
    }
  }

  /// A plan's own entries, oldest first.
  package func timeline(of plan: PlanID) -> [TimelineEntry] {
    oldestFirst(
      journal.entries(of: plans[plan.index].scope).lazy.map { self.journal.entries[$0] }
        .filter { $0.plan == plan }.map {
          TimelineEntry(happening: $0, fact: self.journal.fact(of: $0))
        }
    ) { $0.happening.date }
  }

  /// Ascending lists of entry indexes, merged into one (each entry once).
  private func merged(_ lists: [[Int]]) -> [Int] {
    let nonEmpty = lists.filter { !$0.isEmpty }
    if nonEmpty.count <= 1 { return nonEmpty.first ?? [] }
    var all: [Int] = []
    all.reserveCapacity(nonEmpty.reduce(0) { $0 + $1.count })
    for l in nonEmpty { all.append(contentsOf: l) }
    all.sort()
    return all
  }
}

/// Sorted by date, oldest first; entries of one date keep their order (a stable sort).
/// NB: entries are recorded as they happen, but a plan bought in the past (`--since`) is
/// recorded today with its past dates.
package func oldestFirst<T, D: Comparable>(_ list: [T], _ date: (T) -> D) -> [T] {
  list.indices.sorted { a, b in
    let (x, y) = (date(list[a]), date(list[b]))
    return x < y || (x == y && a < b)
  }.map { list[$0] }
}
