import BillingModel
import BillingSupport

/// How far the clock moves: `<n>d`, `<n>m` or `<n>y`.
package enum Duration: Sendable, Equatable {
  case days(Int), months(Int), years(Int)

  package var text: String {
    switch self {
    case .days(let n): "\(n)d"
    case .months(let n): "\(n)m"
    case .years(let n): "\(n)y"
    }
  }

  package func apply(to day: Day) -> Day {
    switch self {
    case .days(let n): day.adding(days: n)
    case .months(let n): day.adding(months: n)
    case .years(let n): day.adding(months: 12 * n)
    }
  }
}

/// What `show` and `timeline` look at (SPEC §8): a scope, a user, a plan or an invoice.
package enum Subject: Sendable, Equatable {
  case scope(ScopeRef)
  case user(String)
  case plan(String)
  case invoice(String)

  /// A bare word: `P3` is a plan, `INV-0007` an invoice (as `invoice` reads it), anything else a
  /// user (`show user <handle>` names a user whose handle looks like an id).
  package static func classify(_ word: String) -> Subject {
    let u = word.utf8
    func digits(_ s: Substring.UTF8View) -> Bool {
      !s.isEmpty && s.allSatisfy { $0 >= 48 && $0 <= 57 }
    }
    if let f = u.first, f == UInt8(ascii: "P") || f == UInt8(ascii: "p"),
      digits(word.dropFirst().utf8)
    {
      return .plan(word)
    }
    if word.count > 4, word.prefix(4).uppercased() == "INV-", digits(word.dropFirst(4).utf8) {
      return .invoice(word)
    }
    return .user(word)
  }

  /// As a command would name it again: `org Acme`, `user ann`, `P1`, `INV-0001`.
  package var text: String {
    switch self {
    case .scope(let r): r.text
    case .user(let h): "user " + quoted(h)
    case .plan(let p): p
    case .invoice(let i): i
    }
  }
}

/// Kinds of commands: they decide logging, the actor check and what `can` accepts.
package enum CommandGroup: String, Sendable, CaseIterable {
  case setup, session, action, view, shell

  package var title: String {
    switch self {
    case .setup: "Setup (facts about the world; no acting user needed)"
    case .session: "Session"
    case .action: "Actions (need an acting user; permission-checked)"
    case .view: "Views and the clock"
    case .shell: "Shell commands"
    }
  }
}

/// The language of a reply to a customer (SPEC §8): English, or Indonesian, the help
/// article's language.
package enum Language: String, Sendable, CaseIterable {
  case en, id
}

/// What `explain` explains: an invoice, or the session's last refused command.
package enum Explained: Sendable, Equatable {
  case invoice(String)
  case last
}

/// One alternative of `compare`: its steps, each a command and its text, and the text it was
/// given as.
package struct Alternative: Sendable {
  package var steps: [(command: Command, text: String)]
  package var text: String
  package init(steps: [(command: Command, text: String)], text: String) {
    self.steps = steps
    self.text = text
  }
}

/// A parsed command line.
/// NB: only the cases that hold a command are indirect, so the others need no box.
package enum Command: Sendable {
  case createUsers([String])
  case createSpace(SpaceKind, String)
  case createTeam(String, PlaceTarget)
  case createPlan(SalesPlanRequest)
  /// `sales <scope> …`: what sales may change on an existing plan (SPEC §8).
  case sales(SalesChangeRequest)
  /// `support transfer <scope> --to <user>`: billing ownership moved by support (SPEC §8).
  case supportTransfer(ScopeRef, to: String)
  case add([String], PlaceTarget, guest: Bool, admin: Bool)
  case remove(String, PlaceTarget)
  case login(String)
  indirect case runAs(String, Command, text: String)
  case logout
  case whoami
  case upgrade(UpgradeRequest)
  case trial(ScopeRef, Tier)
  case plan(ScopeRef)
  case billing(ScopeRef)
  case edit(ScopeRef, EditRequest)
  case cancel(ScopeRef)
  case resume(ScopeRef)
  case transfer(ScopeRef, to: String)
  case pay(ScopeRef, Payment)
  case address(ScopeRef, String)
  case seats(ScopeRef)
  case invoices(ScopeRef)
  case invoice(String)
  case appoint(String, PlaceTarget)
  case revoke(String, PlaceTarget)
  case move(ScopeRef, to: ScopeRef)
  case quote(ScopeRef, Tier, seats: Int?, cycle: Cycle?)
  case features(String)
  indirect case can(String, Command, text: String)
  case clock
  /// `clock <YYYY-MM-DD>`: sets today while no plan has ever existed (SPEC §8).
  case setClock(Day)
  case advance(Duration)
  /// `advance to <YYYY-MM-DD>` (or `advance <YYYY-MM-DD>`).
  case advanceTo(Day)
  /// `rules` (every rule) or `rules <id>` (one in full).
  case rules(String?, lang: Language)
  /// `explain <invoice-id>|last [--lang en|id]` (SPEC §8 "the customer's language").
  case explain(Explained, lang: Language)
  case inbox(String)
  case log
  /// `show` alone, or one scope, user, plan or invoice (SPEC §8).
  case show(Subject?)
  case timeline(Subject)
  case help(String?)
  case read(String)
  case record(String?)
  case save(String)
  case load(String)
  case demo
  case reset
  case history
  /// `.pager on|off`, or `.pager` alone to show whether it is on.
  case pager(Bool?)
  case quit
  case mark(String)
  case back(String)
  case marks
  case undo(Int)
  case forecast(ScopeRef, Duration)
  /// `compare <scope> [<span>] --with "<steps>"…`: up to four alternatives, each of steps
  /// separated by `;` (SPEC §8 "paths compared").
  indirect case compare(ScopeRef, Duration, alternatives: [Alternative])

  /// The table entry the command comes from: its group, logging, undo effect and scopes.
  /// NB: every line played asks: an index into a list made once, no lookup by name.
  package var spec: CommandSpec { specs[entry] }

  /// The words of its table entry (`clock` and `clock <date>` are one entry).
  var name: String { Command.entryNames[entry] }

  /// Entry words in the order of `entry`.
  static let entryNames = [
    "create user",
    "create org",
    "create workspace",
    "create team",
    "create plan",
    "add",
    "remove",
    "login",
    "as",
    "logout",
    "whoami",
    "upgrade",
    "trial",
    "plan",
    "billing",
    "edit",
    "cancel",
    "resume",
    "transfer",
    "pay",
    "address",
    "seats",
    "invoices",
    "invoice",
    "appoint",
    "revoke",
    "move",
    "quote",
    "features",
    "can",
    "clock",
    "advance",
    "rules",
    "inbox",
    "log",
    "show",
    "timeline",
    ".help",
    ".read",
    ".record",
    ".save",
    ".load",
    ".demo",
    ".reset",
    ".history",
    ".quit",
    ".mark",
    ".back",
    ".marks",
    ".undo",
    "forecast",
    "compare",
    ".pager",
    "sales",
    "support transfer",
    "explain",
  ]

  /// The command's entry, as an index into `entryNames`.
  /// NB: the one place a command is tied to its entry; every fact about it is in the entry (a
  /// test checks each entry's example finds it).
  private var entry: Int {
    switch self {
    case .createUsers: 0
    case .createSpace(let kind, _): kind == .org ? 1 : 2
    case .createTeam: 3
    case .createPlan: 4
    case .add: 5
    case .remove: 6
    case .login: 7
    case .runAs: 8
    case .logout: 9
    case .whoami: 10
    case .upgrade: 11
    case .trial: 12
    case .plan: 13
    case .billing: 14
    case .edit: 15
    case .cancel: 16
    case .resume: 17
    case .transfer: 18
    case .pay: 19
    case .address: 20
    case .seats: 21
    case .invoices: 22
    case .invoice: 23
    case .appoint: 24
    case .revoke: 25
    case .move: 26
    case .quote: 27
    case .features: 28
    case .can: 29
    case .clock, .setClock: 30
    case .advance, .advanceTo: 31
    case .rules: 32
    case .inbox: 33
    case .log: 34
    case .show: 35
    case .timeline: 36
    case .help: 37
    case .read: 38
    case .record: 39
    case .save: 40
    case .load: 41
    case .demo: 42
    case .reset: 43
    case .history: 44
    case .quit: 45
    case .mark: 46
    case .back: 47
    case .marks: 48
    case .undo: 49
    case .forecast: 50
    case .compare: 51
    case .pager: 52
    case .sales: 53
    case .supportTransfer: 54
    case .explain: 55
    }
  }

  /// Whether it has arguments beyond its words (`clock <date>`, not `clock`; see `LogRule`).
  package var hasArguments: Bool {
    if case .clock = self { return false }
    return true
  }

}

/// The table entry of each of `Command.entryNames`.
private let specs: [CommandSpec] = Command.entryNames.map { name in
  commandTable.first { $0.name == name } ?? commandTable[0]
}
