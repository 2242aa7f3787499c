public struct UserID: DenseID, Comparable, Sendable {
  public let index: Int
  public static func < (a: Self, b: Self) -> Bool { a.index < b.index }
}
public struct SpaceID: DenseID, Comparable, Sendable {
  public let index: Int
  public static func < (a: Self, b: Self) -> Bool { a.index < b.index }
}
public struct TeamID: DenseID, Comparable, Sendable {
  public let index: Int
  public static func < (a: Self, b: Self) -> Bool { a.index < b.index }
}
public struct PlanID: DenseID, Comparable, Sendable, CustomStringConvertible {
  public let index: Int
  public static func < (a: Self, b: Self) -> Bool { a.index < b.index }
  public var description: String {
    var scratch = DigitScratch()
    return scratch.decimal(index + 1, prefix: "P") { String(decoding: $0, as: UTF8.self) }
  }
}
public struct InvoiceID: DenseID, Comparable, Sendable, CustomStringConvertible {
  public let index: Int
  public static func < (a: Self, b: Self) -> Bool { a.index < b.index }
  public var description: String {
    var scratch = DigitScratch()
    return scratch.decimal(index + 1, prefix: "INV-", width: 4) { String(decoding: $0, as: UTF8.self) }
  }
}

/// What a plan covers (R1).
public enum Scope: Hashable, Sendable {
  case space(SpaceID)
  case team(TeamID)

  public func _rawHashValue(seed: Int) -> Int {
    switch self {
    case .space(let s): return mixHash(s.index << 1, seed)
    case .team(let t): return mixHash(t.index << 1 | 1, seed)
    }
  }
}

/// Ids: dense indexes the world hands out in order.
public protocol DenseID: Hashable {
  var index: Int { get }
}

extension DenseID {
  /// NB: a cheap mix of the index, not the standard hasher (see `mixHash`).
  public func _rawHashValue(seed: Int) -> Int { mixHash(index, seed) }
}

/// The hash sets and dictionaries use for ids: a multiply-xorshift mix of the index and the
/// table's seed (the standard SipHash costs more than the lookups it serves on the hot path;
/// ids are small dense numbers the program makes itself, so there is no flooding to resist).
@inline(__always)
func mixHash(_ value: Int, _ seed: Int) -> Int {
  var x = UInt64(truncatingIfNeeded: value) &+ UInt64(truncatingIfNeeded: seed) &* 0x9E37_79B9_7F4A_7C15
  x = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
  x = (x ^ (x >> 27)) &* 0x94D0_49BB_1331_11EB
  return Int(truncatingIfNeeded: x ^ (x >> 31))
}

public struct User: Sendable {
  public var handle: String
  /// Spaces the user is in, in the order they joined, with their membership there.
  /// NB: a small array, not a dictionary: most people are in one or two spaces. Each space's
  /// `people` holds the same memberships (for listing and counting); `place`, `setAdmin` and
  /// `unplace` change both. Lookups read this copy: it sits with the user, not in a table as big
  /// as the organization, so a command on a large world touches no more memory than on a small.
  public var joined: [(space: SpaceID, membership: Membership)] = []
  public var spaces: [SpaceID] { joined.map(\.space) }
  public var teams: Set<TeamID> = []
  /// Live plans (trial, active, canceling) this user is the billing owner of.
  public var ownedPlans: Set<PlanID> = []
  public var inbox: [String] = []
}

/// A person's place in a space.
public struct Membership: Sendable, Equatable {
  public var guest: Bool
  public var admin: Bool
  /// Join order, for stable listings.
  public var seq: Int
}

public struct Space: Sendable {
  public let kind: SpaceKind
  public let name: String
  /// `org Acme`, `workspace "Side Project"`: names never change, so it is made once.
  public let label: String
  public var people: [UserID: Membership] = [:]
  /// Members who are not guests, kept up to date (the billable count of an org).
  public var memberCount = 0
  public var admins: Set<UserID> = []
  public var teams: [TeamID] = []
  public var teamsByName = NameMap<TeamID>()
  /// Live team plans of this organization (P6).
  public var teamPlans: Set<PlanID> = []
  public var nextSeq = 0

  public var guestCount: Int { people.count - memberCount }
}

public struct Team: Sendable {
  public let name: String
  public let org: SpaceID
  /// `team Design`.
  public let label: String
  public var people: [UserID: Int] = [:]
  /// People of the team who are members (not guests) of the organization (R4), kept up to date.
  public var billable = 0
  public var nextSeq = 0
}

/// A requested change that waits for the next renewal (P3).
public struct PlanChange: Sendable, Equatable {
  public var tier: Tier?
  public var seats: Int?
  public var cycle: Cycle?
  public init(tier: Tier? = nil, seats: Int? = nil, cycle: Cycle? = nil) {
    self.tier = tier
    self.seats = seats
    self.cycle = cycle
  }
  public var isEmpty: Bool { tier == nil && seats == nil && cycle == nil }
}

public struct Plan: Sendable {
  public var id: PlanID
  public var scope: Scope
  public var tier: Tier
  public var cycle: Cycle
  /// 0 for a trial (P4: no seats).
  public var seats: Int
  public var owner: UserID
  /// nil for a trial.
  public var payment: Payment?
  public var address: String = ""
  public var status: PlanStatus
  /// Renewals count from here (start, or the day a cycle change took effect).
  public var anchor: Day
  public var periodIndex = 0
  public var periodStart: Day
  public var periodEnd: Day
  public var scheduled: PlanChange?
  /// A price per seat per period set by sales; nil means the catalog's.
  public var unitCents: Int?
  public var endedOn: Day?
  /// Why the plan ended: "canceled", "trial ended", "absorbed (P6)", "replaced".
  public var endReason: String?

  public var isLive: Bool { status != .ended }
  public var isTrial: Bool { status == .trial }
}

public struct Invoice: Sendable {
  public var id: InvoiceID
  public var plan: PlanID
  public var date: Day
  public var amountCents: Int
  public var payment: Payment
  public var sentTo: UserID
  /// What it bills: "first period", "renewal", "pro rata: ...".
  public var label: String

  /// Card and PayPal are charged at once; invoice payment stays open.
  public var status: String { payment == .invoice ? "open" : "paid" }
}

public struct LogEntry: Sendable, Equatable {
  public var date: Day
  public var actor: String?
  public var command: String
  public var outcome: String
  public init(date: Day, actor: String?, command: String, outcome: String) {
    self.date = date
    self.actor = actor
    self.command = command
    self.outcome = outcome
  }
}

/// Something `advance` did (SPEC §2, events of one day by plan id).
public struct Event: Sendable, Equatable {
  public enum Kind: String, Sendable { case renewal, change, cancellation, trialEnd = "trial-end", resize }
  public var date: Day
  public var kind: Kind
  public var plan: PlanID
  public var scope: String
  public var invoice: InvoiceID?
  public var detail: String
}
