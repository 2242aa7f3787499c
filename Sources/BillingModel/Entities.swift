import BillingSupport

package struct UserID: DenseID, Comparable, Sendable {
  package let index: Int
  package static func < (a: Self, b: Self) -> Bool { a.index < b.index }
}
package struct SpaceID: DenseID, Comparable, Sendable {
  package let index: Int
  package static func < (a: Self, b: Self) -> Bool { a.index < b.index }
}
package struct TeamID: DenseID, Comparable, Sendable {
  package let index: Int
  package static func < (a: Self, b: Self) -> Bool { a.index < b.index }
}
package struct PlanID: DenseID, Comparable, Sendable, CustomStringConvertible {
  package let index: Int
  package init(index: Int) { self.index = index }
  package static func < (a: Self, b: Self) -> Bool { a.index < b.index }
  package var description: String {
    var scratch = DigitScratch()
    return scratch.decimal(index + 1, prefix: "P") { String(decoding: $0, as: UTF8.self) }
  }
}
package struct InvoiceID: DenseID, Comparable, Sendable, CustomStringConvertible {
  package let index: Int
  package init(index: Int) { self.index = index }
  package static func < (a: Self, b: Self) -> Bool { a.index < b.index }
  package var description: String {
    var scratch = DigitScratch()
    return scratch.decimal(index + 1, prefix: "INV-", width: 4) {
      String(decoding: $0, as: UTF8.self)
    }
  }
}

/// What a plan covers (R1).
package enum Scope: Hashable, Sendable {
  case space(SpaceID)
  case team(TeamID)

  package func _rawHashValue(seed: Int) -> Int {
    switch self {
    case .space(let s): return mixHash(s.index << 1, seed)
    case .team(let t): return mixHash(t.index << 1 | 1, seed)
    }
  }
}

/// Ids: dense indexes the world hands out in order.
package protocol DenseID: Hashable {
  var index: Int { get }
}

extension DenseID {
  /// NB: a cheap mix of the index, not the standard hasher (see `mixHash`).
  package func _rawHashValue(seed: Int) -> Int { mixHash(index, seed) }
}

/// The hash sets and dictionaries use for ids: a multiply-xorshift mix of the index and the
/// table's seed (the standard SipHash costs more than the lookups it serves on the hot path;
/// ids are small dense numbers the program makes itself, so there is no flooding to resist).
@inline(__always)
func mixHash(_ value: Int, _ seed: Int) -> Int {
  var x =
    UInt64(truncatingIfNeeded: value) &+ UInt64(truncatingIfNeeded: seed) &* 0x9E37_79B9_7F4A_7C15
  x = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
  x = (x ^ (x >> 27)) &* 0x94D0_49BB_1331_11EB
  return Int(truncatingIfNeeded: x ^ (x >> 31))
}

package struct User: Sendable {
  package var handle: String
  /// Spaces the user is in, in the order they joined, with their membership there.
  /// NB: not a dictionary: most people are in one or two spaces. Each space's `people` holds the
  /// same memberships (for listing and counting); `place`, `setAdmin` and `unplace` change both.
  /// Lookups read this copy: it sits with the user, not in a table as big as the organization,
  /// so a command on a large world touches no more memory than on a small.
  var joined = JoinedSpaces()
  package var spaces: [SpaceID] { joined.spaces }
  /// Teams the user is in, in id order.
  /// NB: a small sorted array, not a set: a set's storage is larger and costs more to make,
  /// and most people are in a team or two.
  package var teams: [TeamID] = []
  /// Live plans (trial, active, canceling) this user is the billing owner of.
  package var ownedPlans: Set<PlanID> = []
  package var inbox: [Message] = []
}

/// The spaces a user is in, in the order they joined, with their membership there.
/// NB: the first is kept inline, the others in an array: most people are in one space, and then
/// joining it allocates nothing (an array of one costs more memory than the inline entry).
struct JoinedSpaces: Sendable {
  /// nil only when `rest` is empty.
  private var first: (space: SpaceID, membership: Membership)?
  private var rest: [(space: SpaceID, membership: Membership)] = []

  func membership(in space: SpaceID) -> Membership? {
    if let first, first.space == space { return first.membership }
    for j in rest where j.space == space { return j.membership }
    return nil
  }

  /// Sets the membership in a space, appending the space when the user is not in it.
  mutating func set(_ space: SpaceID, _ m: Membership) {
    if let f = first, f.space == space {
      first = (space, m)
    } else if let i = rest.firstIndex(where: { $0.space == space }) {
      rest[i].membership = m
    } else {
      append(space, m)
    }
  }

  /// Appends a space the user is not in.
  mutating func append(_ space: SpaceID, _ m: Membership) {
    if first == nil { first = (space, m) } else { rest.append((space, m)) }
  }

  mutating func remove(_ space: SpaceID) {
    if let f = first, f.space == space {
      first = rest.isEmpty ? nil : rest.removeFirst()
    } else {
      rest.removeAll { $0.space == space }
    }
  }

  var spaces: [SpaceID] {
    guard let first else { return [] }
    return [first.space] + rest.map(\.space)
  }
}

/// A person's place in a space.
package struct Membership: Sendable, Equatable {
  package var guest: Bool
  package var admin: Bool
  /// Join order, for stable listings.
  package var seq: Int
}

package struct Space: Sendable {
  package let kind: SpaceKind
  package let name: String
  package var people = IDMap<UserID, Membership>()
  /// Members who are not guests, kept up to date (the billable count of an org).
  package var memberCount = 0
  package var admins: Set<UserID> = []
  package var teams: [TeamID] = []
  package var teamsByName = NameMap<TeamID>()
  /// Live team plans of this organization (P6).
  package var teamPlans: Set<PlanID> = []
  package var nextSeq = 0

  package var guestCount: Int { people.count - memberCount }
}

package struct Team: Sendable {
  package let name: String
  package let org: SpaceID
  package var people: [UserID: Int] = [:]
  /// People of the team who are members (not guests) of the organization (R4), kept up to date.
  package var billable = 0
  package var nextSeq = 0
}

/// A requested change that waits for the next renewal (P3).
package struct PlanChange: Sendable, Equatable {
  package var tier: Tier?
  package var seats: Int?
  package var cycle: Cycle?
  package init(tier: Tier? = nil, seats: Int? = nil, cycle: Cycle? = nil) {
    self.tier = tier
    self.seats = seats
    self.cycle = cycle
  }
  package var isEmpty: Bool { tier == nil && seats == nil && cycle == nil }
}

package struct Plan: Sendable {
  package var id: PlanID
  package var scope: Scope
  package var tier: Tier
  package var cycle: Cycle
  /// 0 for a trial (P4: no seats).
  package var seats: Int
  package var owner: UserID
  /// nil for a trial.
  package var payment: Payment?
  package var address: String = ""
  package var status: PlanStatus
  /// Renewals count from here (start, or the day a cycle change took effect).
  package var anchor: Day
  package var periodIndex = 0
  package var periodStart: Day
  package var periodEnd: Day
  package var scheduled: PlanChange?
  /// A price per seat per period set by sales; nil means the catalog's.
  package var unitCents: Int?
  package var endedOn: Day?
  /// Why the plan ended.
  package var endReason: EndReason?

  package var isLive: Bool { status != .ended }
  package var isTrial: Bool { status == .trial }
  /// A trial, live or ended: it never had a payment method (a converted trial has one).
  package var wasTrial: Bool { payment == nil }
}

package struct Invoice: Sendable {
  package var id: InvoiceID
  package var plan: PlanID
  package var date: Day
  package var amountCents: Int
  package var payment: Payment
  package var sentTo: UserID
  /// What it bills: the first period, a renewal, a change pro rata.
  package var label: InvoiceLabel
  /// Its arithmetic, line by line (the lines add up to the amount); nil for an invoice loaded
  /// from a save made before invoices kept their lines.
  package var lines: [InvoiceLine]?

  /// Card and PayPal are charged at once; invoice payment stays open.
  package var status: String { payment == .invoice ? "open" : "paid" }
}

package struct LogEntry: Sendable, Equatable {
  package var date: Day
  package var actor: String?
  package var command: String
  package var outcome: String
  package init(date: Day, actor: String?, command: String, outcome: String) {
    self.date = date
    self.actor = actor
    self.command = command
    self.outcome = outcome
  }
}

/// Something `advance` did (SPEC §2, events of one day by plan id).
package struct Event: Sendable, Equatable {
  package enum Kind: String, Sendable {
    case renewal, change, cancellation, trialEnd = "trial-end", resize
  }
  package var date: Day
  package var kind: Kind
  package var plan: PlanID
  package var scope: Scope
  package var invoice: InvoiceID?
  /// What happened, in order (a renewal: the change it made, the new period).
  package var facts: [Fact]
}
