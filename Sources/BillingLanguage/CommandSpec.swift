import BillingModel
import BillingSupport
import BillingWords

/// What a positional argument holds; drives parsing and completion.
package enum ArgKind: Sendable, Equatable {
  case user, users, scope, name, text, duration, date, rule, invoice, command, topic, file
  /// A mark's name (`.mark`, `.back`) and a count (`.undo`).
  case mark, count
  /// `on` or `off` (`.pager`).
  case toggle
  /// A scope, `user <handle>`, a plan id, an invoice id, or a handle (`show`, `timeline`).
  case subject
}

/// The kinds of scope a command names: `org <Name>`, `workspace <Name>`, `team <Name>`.
package enum ScopeKind: String, Sendable, CaseIterable {
  case org, workspace, team

  /// The kind a word names, as `init(rawValue:)` reads it.
  /// NB: lengths first, so most words are told apart without comparing strings.
  package init?(word: String) {
    switch word.utf8.count {
    case 3 where word == "org": self = .org
    case 4 where word == "team": self = .team
    case 9 where word == "workspace": self = .workspace
    default: return nil
    }
  }
}

/// The methods `pay --method` switches between (R22: invoice payment is arranged with sales).
package let switchablePayments: [Payment] = Payment.allCases.filter { $0 != .invoice }

/// The tiers sold without sales, so the ones a trial can be of.
package let selfServeTiers: [Tier] = Tier.allCases.filter { $0 != .basic && !$0.isSalesOnly }

/// What a flag's value holds; `.none` is a switch. `.owner` is a user to be billing owner of the
/// command's scope (R11, R15).
package enum FlagKind: Sendable, Equatable {
  case none, int, tier, payment, method, user, owner, text, name, scope, org, workspace, team, date
  /// `--lang en|id`.
  case lang
}

package struct ArgSpec: Sendable {
  package var name: String
  package var kind: ArgKind
  package var optional: Bool
  package init(_ name: String, _ kind: ArgKind, optional: Bool = false) {
    self.name = name
    self.kind = kind
    self.optional = optional
  }
}

package struct FlagSpec: Sendable {
  package var name: String
  package var kind: FlagKind
  /// `--name`, as a token spells it (matched without building the name from the token).
  let dashed: String
  /// At most this many times on a line (`compare --with` takes up to four alternatives).
  package var most: Int
  package init(_ name: String, _ kind: FlagKind, most: Int = 1) {
    self.name = name
    self.kind = kind
    self.dashed = "--" + name
    self.most = most
  }
}

/// A parsed value before it becomes part of a typed `Command`.
package enum Value: Sendable {
  case word(String)
  case int(Int)
  case scope(ScopeRef)
  case list([String])
  case rest(ArraySlice<Token>)
  case present
}

/// One entry of the command table: it drives parsing, help and completion.
/// NB: a class, so the table is shared, never copied, on the parsing hot path.
/// Whether a command goes in the log (SPEC §3 `log`, SPEC §8).
package enum LogRule: Sendable {
  case never, always
  /// Only with arguments: `clock <date>` sets the clock, `clock` shows it.
  case withArguments
}

/// How a command that ran enters the undo history (SPEC §8: what `.undo` counts); a refused
/// one, or one that changed nothing, enters only as its log entry (when it is logged).
package enum UndoRule: Sendable {
  /// It changes nothing in the world.
  case none
  /// It changes the world; played again with the same actor it changes it the same way.
  case replayed
  /// It moves the clock forward (with every event on the way).
  case clock
  /// It sets the clock, which may go back while no plan has existed: played again.
  case setClock
  /// It replaces the whole world.
  case replaced
}

package final class CommandSpec: Sendable {
  package let words: [String]
  package let aliases: [[String]]
  package let group: CommandGroup
  package let log: LogRule
  package let undo: UndoRule
  /// The scopes a command names: a refused one is listed in their timelines (SPEC §8).
  package let scopes: @Sendable (Command) -> [ScopeRef]
  package let synopsis: String
  package let summary: String
  package let rules: [Rule]
  package let example: String
  package let args: [ArgSpec]
  package let flags: [FlagSpec]
  let build: @Sendable (Arguments) throws(Failure) -> Command

  init(
    words: [String], aliases: [[String]], group: CommandGroup, log: LogRule, undo: UndoRule,
    scopes: @escaping @Sendable (Command) -> [ScopeRef], synopsis: String, summary: String,
    rules: [Rule], example: String, args: [ArgSpec], flags: [FlagSpec],
    build: @escaping @Sendable (Arguments) throws(Failure) -> Command
  ) {
    self.words = words
    self.name = words.joined(separator: " ")
    self.aliases = aliases
    self.group = group
    self.log = log
    self.undo = undo
    self.scopes = scopes
    self.synopsis = synopsis
    self.summary = summary
    self.rules = rules
    self.example = example
    self.args = args
    self.flags = flags
    self.build = build
  }

  /// `create plan`.
  package let name: String

  package func flag(_ name: String) -> FlagSpec? { flags.first { $0.name == name } }
}

/// The positional values of a line: the first two inline (no command takes more), any others in a
/// list, so binding a line allocates no list for them.
package struct Positionals: Sendable {
  // NB: `.present` fills a slot not yet given (never read: `count` says how many are).
  private var first = Value.present
  private var second = Value.present
  private var more: [Value] = []
  package private(set) var count = 0

  package var isEmpty: Bool { count == 0 }

  mutating func append(_ v: Value) {
    switch count {
    case 0: first = v
    case 1: second = v
    default: more.append(v)
    }
    count += 1
  }

  package subscript(i: Int) -> Value {
    precondition(i >= 0 && i < count, "no such positional")
    switch i {
    case 0: return first
    case 1: return second
    default: return more[i - 2]
    }
  }
}

/// Flag values by name, in the order given.
package struct FlagValues: Sendable {
  var pairs: [(String, Value)] = []
  package subscript(name: String) -> Value? {
    get {
      for (k, v) in pairs where k == name { return v }
      return nil
    }
    set {
      if let i = pairs.firstIndex(where: { $0.0 == name }) {
        if let newValue { pairs[i].1 = newValue } else { pairs.remove(at: i) }
      } else if let newValue {
        pairs.append((name, newValue))
      }
    }
  }
}

/// The values of one command line, by argument position and flag name.
package struct Arguments: Sendable {
  package var positionals: Positionals
  /// NB: a small list, not a dictionary: a command has a handful of flags.
  package var flags: FlagValues
  package var command: String
  /// The line the arguments came from, when known.
  package var source: Substring?
  /// The commands met lately after `as` and `can`, when the caller keeps them.
  package var inner: InnerCommands? = nil

  /// The command in `words` (the rest of an `as` or `can` line) and its text (`text(from:)`):
  /// parsed, or the one parsed before for the same text, when `inner` has it.
  package func command(in words: ArraySlice<Token>) throws(Failure) -> (
    command: Command, text: String
  ) {
    if let inner, let found = inner.find(words, in: source) { return found }
    let command = try parse(tokens: words, source: source)
    let text = self.text(from: words)
    inner?.keep(command, text: text)
    return (command, text)
  }

  /// The text from `words` to the end of the line, or the words rebuilt when the line is unknown.
  package func text(from words: ArraySlice<Token>) -> String {
    guard var line = source, let first = words.first, first.offset >= 0 else {
      return render(words)
    }
    // NB: the line's own bytes, in place: `offset` counts bytes from its start.
    let text: String? = line.withUTF8 { b in
      guard first.offset <= b.count else { return nil }
      var end = b.count
      while end > first.offset, b[end - 1] == 32 || b[end - 1] == 9 || b[end - 1] == 13 { end -= 1 }
      return String(decoding: UnsafeBufferPointer(rebasing: b[first.offset..<end]), as: UTF8.self)
    }
    return text ?? render(words)
  }

  package func has(_ flag: String) -> Bool { flags[flag] != nil }

  package func string(_ i: Int) -> String? {
    guard i < positionals.count else { return nil }
    switch positionals[i] {
    case .word(let w): return w
    case .list(let l): return l.first
    default: return nil
    }
  }

  package func list(_ i: Int) -> [String] {
    guard i < positionals.count, case .list(let l) = positionals[i] else {
      return string(i).map { [$0] } ?? []
    }
    return l
  }

  package func rest(_ i: Int) -> ArraySlice<Token> {
    guard i < positionals.count, case .rest(let r) = positionals[i] else { return [] }
    return r
  }

  package func flagString(_ name: String) -> String? {
    if case .word(let w)? = flags[name] { return w }
    return nil
  }

  /// Every value of a flag that may be given more than once, in order.
  package func flagStrings(_ name: String) -> [String] {
    switch flags[name] {
    case .word(let w)?: return [w]
    case .list(let l)?: return l
    default: return []
    }
  }

  package func flagInt(_ name: String) -> Int? {
    if case .int(let n)? = flags[name] { return n }
    return nil
  }

  /// The subject argument of `show` and `timeline` (see `Subject.classify`).
  package func subject(_ i: Int) throws(Failure) -> Subject? {
    guard i < positionals.count else { return nil }
    switch positionals[i] {
    case .scope: return .scope(try scope(i))
    case .list(let forced) where forced.count == 2:
      return forced[0] == "plan" ? .plan(forced[1]) : .invoice(forced[1])
    case .list(let forced): return .user(forced.first ?? "")
    case .word(let w): return Subject.classify(w)
    default: return nil
    }
  }

  package func flagScope(_ name: String) -> ScopeRef? {
    if case .scope(let s)? = flags[name] { return s }
    return nil
  }

  /// The scope argument, with a separate `--org` attached to a team scope.
  package func scope(_ i: Int) throws(Failure) -> ScopeRef {
    guard i < positionals.count, case .scope(let s) = positionals[i] else {
      throw Failure(
        .usage, nil,
        "\(command) needs a scope: org <Name>, workspace <Name> or team <Name> [--org <Org>]")
    }
    if let org = flagString("org") {
      guard case .team(let n, nil) = s else {
        throw Failure(.usage, nil, "--org goes with a team scope (team <Name> --org <Org>)")
      }
      return .team(n, org: org)
    }
    return s
  }

  /// A date flag's value (`--since 2025-03-31`), checked as `date(_:for:)` does.
  package func flagDate(_ name: String) throws(Failure) -> Day? {
    guard let w = flagString(name) else { return nil }
    return try date(w, for: "--" + name)
  }

  package func require(_ flag: String, _ hint: String) throws(Failure) -> String {
    guard let v = flagString(flag) else {
      throw Failure(.usage, nil, "\(command) needs --\(flag) \(hint)")
    }
    return v
  }

  package func tier(_ flag: String = "tier") throws(Failure) -> Tier? {
    guard let w = flagString(flag) else { return nil }
    guard let t = Tier(word: w) else {
      throw Failure(
        .usage, nil,
        "unknown tier \(quoted(w))" + didYouMean(suggestions(for: w, among: Tier.words))
          + " (tiers: \(Tier.allCases.map(\.name).joined(separator: ", ")))")
    }
    return t
  }

  package func payment(_ flag: String) throws(Failure) -> Payment? {
    guard let w = flagString(flag) else { return nil }
    guard let p = Payment(rawValue: w.lowercased()) else {
      throw Failure(
        .usage, nil,
        "unknown payment method \(quoted(w))"
          + didYouMean(suggestions(for: w, among: Payment.allCases.map(\.rawValue)))
          + " (\(listed(Payment.allCases.map(\.rawValue), "or")))")
    }
    return p
  }

  package func cycle() throws(Failure) -> Cycle? {
    switch (has("monthly"), has("annual")) {
    case (true, true): throw Failure(.usage, nil, "choose one of --monthly or --annual")
    case (true, false): return .monthly
    case (false, true): return .annual
    default: return nil
    }
  }

  /// `--org`, `--workspace` or `--team` (with `--org`) as a place for people.
  package func place(allowTeam: Bool) throws(Failure) -> PlaceTarget {
    let org = flagString("org"), ws = flagString("workspace"), team = flagString("team")
    if allowTeam, let team {
      if ws != nil { throw Failure(.usage, nil, "--team goes with --org, not --workspace") }
      return .team(team, org: org)
    }
    if let org, ws != nil {
      _ = org; throw Failure(.usage, nil, "choose one of --org or --workspace")
    }
    if let org { return .space(.org, org) }
    if let ws { return .space(.workspace, ws) }
    throw Failure(
      .usage, nil,
      "\(command) needs --org <Org>\(allowTeam ? ", --workspace <Name> or --team <Team>" : " or --workspace <Name>")"
    )
  }
}

/// A date as SPEC §8 writes it, strictly `YYYY-MM-DD`, inside the calendar (SPEC §1); anything
/// else is syntax (`usage`), named with what it was given to.
package func date(_ word: String, for what: String) throws(Failure) -> Day {
  guard let d = Day(word) else {
    // A date written right whose day or month does not exist: "no such day", not "wrong format".
    let parts = word.split(separator: "-", omittingEmptySubsequences: false)
    if parts.count == 3, parts[0].utf8.count == 4, parts[1].utf8.count == 2,
      parts[2].utf8.count == 2, parts.allSatisfy({ $0.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }),
      let y = Int(parts[0]), let m = Int(parts[1])
    {
      let names = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December",
      ]
      let why =
        (1...12).contains(m)
        ? "\(names[m - 1]) \(parts[0]) has \(Day.daysIn(year: y, month: m)) days"
        : "months run from 01 to 12"
      throw Failure(.usage, nil, "\(what): \(word) is no such day (\(why))")
    }
    throw Failure(
      .usage, nil,
      "\(what) takes a date as YYYY-MM-DD, e.g. 2026-03-31 (not \(quoted(word)))")
  }
  guard d.isInRange else {
    throw Failure(
      .usage, nil,
      "\(what) \(word) is outside the calendar (\(Day.earliest) to \(Day.latest))")
  }
  return d
}
