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
  /// The words, where they are not made from the facts (for people: the role, or "").
  package var note: String

  package var plan: PlanID? { planIndex < 0 ? nil : PlanID(index: Int(planIndex)) }
  package var invoice: InvoiceID? { invoiceIndex < 0 ? nil : InvoiceID(index: Int(invoiceIndex)) }
  /// The person added, removed or appointed, or who was refused.
  package var user: UserID? { userIndex < 0 ? nil : UserID(index: Int(userIndex)) }
  /// The log entry of a refusal.
  package var log: Int? { logIndex < 0 ? nil : Int(logIndex) }

  package init(
    date: Day, kind: Kind, scope: Scope, plan: PlanID? = nil, invoice: InvoiceID? = nil,
    user: UserID? = nil, log: Int? = nil, note: String = ""
  ) {
    self.date = date
    self.kind = kind
    self.scope = scope
    self.planIndex = Int32(truncatingIfNeeded: plan?.index ?? -1)
    self.invoiceIndex = Int32(truncatingIfNeeded: invoice?.index ?? -1)
    self.userIndex = Int32(truncatingIfNeeded: user?.index ?? -1)
    self.logIndex = Int32(truncatingIfNeeded: log ?? -1)
    self.note = note
  }
}

/// What one person did and was told, in order (`timeline <user>`).
package enum Deed: Sendable, Equatable {
  /// A log entry made while they acted.
  case action(Int)
  /// A message of their inbox.
  case message(Int)
}

/// NB: an `add` of many people is one `added` entry, its note the role then the handles
/// ("guest ann bob"), so a world of many members keeps a few bytes a member for it; timelines
/// list one line a person.
/// What happened, appended as it happens and indexed by scope and by person, so a timeline
/// costs what it lists, not the size of the world.
/// NB: `.save` writes it; a save made before it existed loads with an empty one.
package struct Journal: Sendable {
  package private(set) var entries: [Happening] = []
  // NB: lists by dense space and team index, not a dictionary by scope: no hashing on the way.
  var ofSpace: [[Int]] = []
  var ofTeam: [[Int]] = []
  /// By user index; grown as people act or are told something.
  package private(set) var ofUser: [[Deed]] = []

  mutating func append(_ h: Happening, to scope: Scope) {
    let n = entries.count
    entries.append(h)
    switch scope {
    case .space(let s): Journal.add(n, at: s.index, in: &ofSpace)
    case .team(let t): Journal.add(n, at: t.index, in: &ofTeam)
    }
  }

  private static func add(_ n: Int, at index: Int, in lists: inout [[Int]]) {
    if index >= lists.count {
      lists.append(contentsOf: repeatElement([], count: index + 1 - lists.count))
    }
    lists[index].append(n)
  }

  /// Indexes of the scope's entries, oldest first.
  package func entries(of scope: Scope) -> [Int] {
    switch scope {
    case .space(let s): s.index < ofSpace.count ? ofSpace[s.index] : []
    case .team(let t): t.index < ofTeam.count ? ofTeam[t.index] : []
    }
  }

  package func deeds(of user: UserID) -> [Deed] {
    user.index < ofUser.count ? ofUser[user.index] : []
  }

  package func deedCount(of user: UserID) -> Int {
    user.index < ofUser.count ? ofUser[user.index].count : 0
  }

  /// Adds a deed; `at` puts it before those added since (an action before the messages it sent).
  mutating func note(_ deed: Deed, of user: UserID, at position: Int? = nil) {
    if user.index >= ofUser.count {
      ofUser.append(contentsOf: repeatElement([], count: user.index + 1 - ofUser.count))
    }
    if let position, position < ofUser[user.index].count {
      ofUser[user.index].insert(deed, at: position)
    } else {
      ofUser[user.index].append(deed)
    }
  }
}

/// Recording into the journal as things happen.
extension World {
  func happened(
    _ kind: Happening.Kind, _ scope: Scope, plan: PlanID? = nil, invoice: InvoiceID? = nil,
    user: UserID? = nil, on date: Day? = nil, _ note: String = ""
  ) {
    journal.append(
      Happening(
        date: date ?? today, kind: kind, scope: scope, plan: plan, invoice: invoice, user: user,
        note: note),
      to: scope)
  }

  /// Starts a command: messages sent from here on are its own (see `appendLog`).
  package func beginCommand() {
    if !sentThisCommand.isEmpty { sentThisCommand.removeAll(keepingCapacity: true) }
  }

  /// Puts a message in a user's inbox, and in their timeline.
  func deliver(_ user: UserID, _ message: String) {
    journal.note(.message(users[user.index].inbox.count), of: user)
    users[user.index].inbox.append(message)
    sentThisCommand.append(user)
  }

  /// Appends to the log; an entry with an actor goes in their timeline before the messages the
  /// command sent them, and a refused action in the timeline of each scope it named.
  package func appendLog(_ entry: LogEntry, by actor: UserID?, refusedIn scopes: [Scope] = []) {
    let index = log.count
    log.append(entry)
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

  /// The words of an entry: its note, or for people and invoices, made from the facts.
  package func words(_ h: Happening) -> String {
    switch h.kind {
    case .added, .removed, .role:
      let who = h.user.map { quoted(handle($0)) } ?? "someone"
      if h.kind == .role {
        return
          "\(who) is now \(h.note == "admin" ? "an admin" : "a member") of \(describe(h.scope))"
      }
      let verb = h.kind == .added ? "added to" : "removed from"
      let text = "\(who) \(verb) \(describe(h.scope))"
      return h.note.isEmpty ? text : "\(text) \(h.note)"
    case .invoice:
      guard let id = h.invoice else { return h.note }
      let i = invoices[id.index]
      return "\(id) \(Money.format(i.amountCents)) for \(i.plan), \(i.status): \(i.label)"
    case .renewed where h.note.isEmpty:
      guard let id = h.invoice, let plan = h.plan else { return h.note }
      return "\(plan) renewed: \(invoices[id.index].label)"
    case .refused:
      guard let n = h.log, n < log.count else { return h.note }
      let e = log[n]
      return "\(e.actor.map(quoted) ?? "-") \(e.command) → \(e.outcome)"
    default:
      return h.note
    }
  }
}

/// Reading the journal: timelines (SPEC §8).
extension World {
  /// A scope's entries, oldest first (same-day entries in the order they happened): an
  /// organization's with its teams'; a team's with the events of its organization's plans.
  package func timeline(of scope: Scope) -> [Happening] {
    var lists = [journal.entries(of: scope)]
    switch scope {
    case .space(let s):
      for t in spaces[s.index].teams { lists.append(journal.entries(of: .team(t))) }
    case .team(let t):
      let org = journal.entries(of: .space(teams[t.index].org))
      lists.append(org.filter { journal.entries[$0].plan != nil })
    }
    var out: [Happening] = []
    for i in merged(lists) { expand(journal.entries[i], into: &out) }
    return oldestFirst(out) { $0.date }
  }

  /// An entry as timelines list it: an `add` of several people, one entry a person.
  private func expand(_ h: Happening, into out: inout [Happening]) {
    guard h.kind == .added, h.user == nil, !h.note.isEmpty else {
      out.append(h)
      return
    }
    let words = h.note.split(separator: " ")
    let role = words.first.map(String.init) ?? "member"
    let note = role == "member" ? "" : "as " + role
    for w in words.dropFirst() {
      guard let u = userID(String(w)) else { continue }
      out.append(Happening(date: h.date, kind: .added, scope: h.scope, user: u, note: note))
    }
  }

  /// A plan's own entries, oldest first.
  package func timeline(of plan: PlanID) -> [Happening] {
    oldestFirst(
      journal.entries(of: plans[plan.index].scope).lazy.map { self.journal.entries[$0] }
        .filter { $0.plan == plan }
    ) { $0.date }
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
