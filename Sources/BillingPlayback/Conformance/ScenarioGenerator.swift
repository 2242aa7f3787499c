import BillingLanguage

/// One generated scenario: its command lines, and the commands (as the command table names
/// them: `create plan`, `as`, `.undo`) it used.
package struct Scenario: Sendable, Equatable {
  package var lines: [String]
  package var commands: Set<String>
}

/// Random scenarios over every command of SPEC §3 and §8 (SPEC §9): a few spaces, teams and
/// people, plans sold and bought, then actions by random actors (many refused), the clock,
/// views, what-ifs and shell commands. The same seed and index give the same lines, byte for
/// byte.
/// NB: names and numbers come from small pools, so lines meet the same people and plans often
/// enough to reach deep states; a fraction of lines are wrong on purpose (unknown names, bad
/// sizes, typos, files that do not exist).
package struct ScenarioGenerator: Sendable {
  package var seed: UInt64
  /// Lines per scenario.
  package var lines: Int

  package init(seed: UInt64, lines: Int) {
    self.seed = seed
    self.lines = max(1, lines)
  }

  /// Scenario number `index` (counted from 1) of this seed.
  package func scenario(_ index: Int) -> Scenario {
    var mix = SeededRandom(
      seed: seed ^ (UInt64(truncatingIfNeeded: index) &* 0xD6E8_FEB8_6659_FD93))
    var writer = ScenarioWriter(random: SeededRandom(seed: mix.next()))
    writer.write(count: lines)
    return Scenario(lines: writer.lines, commands: writer.commands)
  }
}

/// Writes one scenario's lines.
struct ScenarioWriter {
  var random: SeededRandom
  var lines: [String] = []
  var commands: Set<String> = []
  /// People who bought or were sold a plan in this scenario, with its scope: their actions on
  /// it get past the permission checks, to the rules about the plan's state.
  var owners: [(user: String, scope: String)] = []
  /// While set, the scope every action names.
  var fixedScope: String?

  static let users = ["ann", "bob", "carl", "dana", "eve", "fay"]
  static let orgs = ["Acme", "Kopi"]
  static let workspaces = ["Side", "\"Blue Sky\""]
  static let teams = ["Design", "Ops"]
  static let tiers = [
    "starter", "starter", "advanced", "advanced", "enterprise", "enterprise+", "basic", "personal",
  ]
  static let sizes = ["2", "3", "4", "5", "5", "10", "20", "25", "1", "7", "600"]
  static let spans = ["3d", "10d", "1m", "1m", "2m", "6m", "1y"]
  static let missing = "billsh-fuzz-missing-folder"

  /// The commands whose lines this writer makes itself; any other command of the table is
  /// played from its own example, so a command added later is still covered.
  static let known: Set<String> = [
    "create user", "create org", "create workspace", "create team", "create plan", "add",
    "remove", "login", "as", "logout", "whoami", "upgrade", "trial", "plan", "billing", "edit",
    "cancel", "resume", "transfer", "pay", "address", "seats", "invoices", "invoice", "appoint",
    "revoke", "move", "quote", "features", "can", "clock", "advance", "forecast", "compare",
    "inbox", "log", "show", "timeline", "rules", ".help", ".read", ".record", ".save", ".load",
    ".demo", ".reset", ".history", ".quit", ".mark", ".back", ".marks", ".undo",
  ]

  mutating func emit(_ command: String, _ line: String) {
    commands.insert(command)
    lines.append(line)
  }

  mutating func write(count: Int) {
    setUp()
    while lines.count < count - 1 { step() }
    if lines.count < count {
      if random.chance(10) { emit(".quit", random.pick([".quit", ".exit"])) } else { step() }
    }
    if lines.count > count { lines.removeLast(lines.count - count) }
  }

  /// A world to work in: organizations with teams, a workspace or two, people in them with
  /// their roles, and often a plan or two already.
  mutating func setUp() {
    if random.chance(15) {
      emit(
        "clock",
        "clock 20\(random.below(10) + 20)-0\(random.below(9) + 1)-\(random.below(2) + 1)\(random.below(9))"
      )
    }
    emit("create org", "create org Acme")
    let kopi = random.chance(70)
    if kopi { emit("create org", "create org Kopi") }
    emit("create workspace", "create workspace Side")
    if random.chance(40) { emit("create workspace", "create workspace \"Blue Sky\"") }
    emit("create team", "create team Design --org Acme")
    if random.chance(60) { emit("create team", "create team Ops --org Acme") }
    if kopi && random.chance(30) { emit("create team", "create team Design --org Kopi") }
    var members = Self.users.filter { _ in random.chance(75) }
    if members.isEmpty { members = ["ann"] }
    emit("add", "add \(members.joined(separator: " ")) --org Acme")
    if random.chance(60) { emit("add", "add \(random.pick(Self.users)) --org Acme --admin") }
    if random.chance(50) { emit("add", "add \(random.pick(Self.users)) --org Acme --guest") }
    emit("add", "add \(random.pick(members)) \(random.pick(members)) --team Design --org Acme")
    if kopi { emit("add", "add \(random.pick(Self.users)) \(random.pick(Self.users)) --org Kopi") }
    emit("add", "add \(random.pick(Self.users)) \(random.pick(Self.users)) --workspace Side")
    if random.chance(60) {
      let owner = random.pick(members)
      let bought = random.pick(["org Acme", "org Acme", "team Design --org Acme"])
      owners.append((owner, bought))
      emit(
        "as",
        "as \(owner) upgrade \(bought) --tier \(random.pick(["starter", "advanced"]))\(cycle)"
      )
      commands.insert("upgrade")
    }
    if random.chance(40) {
      let owner = random.pick(Self.users)
      owners.append((owner, "workspace Side"))
      emit(
        "create plan",
        "create plan workspace Side --tier \(random.pick(["starter", "advanced"]))\(cycle) --owner \(owner)"
      )
    }
  }

  var user: String { mutating get { random.chance(6) ? "zed" : random.pick(Self.users) } }
  var knownUser: String { mutating get { random.pick(Self.users) } }

  var scope: String {
    mutating get {
      if let fixedScope { return fixedScope }
      switch random.below(25) {
      case 0..<9: return "org Acme"
      case 9, 10: return "org Kopi"
      case 11..<14: return "workspace Side"
      case 14: return "workspace \"Blue Sky\""
      case 15..<19: return "team Design --org Acme"
      case 19, 20: return "team Design"
      case 21: return "team Ops"
      case 22: return "team \(random.pick(Self.teams)) --org \(random.pick(Self.orgs))"
      default: return random.pick(["org Acm", "workspace Nope", "team Desgin"])
      }
    }
  }

  var space: String {
    mutating get {
      random.chance(75)
        ? "--org \(random.pick(Self.orgs))" : "--workspace \(random.pick(Self.workspaces))"
    }
  }

  var cycle: String { mutating get { random.pick(["", "", " --monthly", " --annual"]) } }
  var seats: String {
    mutating get { random.chance(55) ? "" : " --seats \(random.pick(Self.sizes))" }
  }
  var span: String { mutating get { random.pick(Self.spans) } }
  var planID: String { mutating get { "P\(random.below(4) + 1)" } }
  var invoiceID: String { mutating get { "INV-000\(random.below(6) + 1)" } }

  /// An action line, as the actor of the moment or as someone named.
  mutating func action() -> (String, String) {
    switch random.below(22) {
    case 0, 1, 2:
      return (
        "upgrade",
        "upgrade \(scope) --tier \(random.pick(Self.tiers))\(seats)\(cycle)"
          + (random.chance(20) ? " --pay \(random.pick(["card", "paypal", "invoice"]))" : "")
          + (random.chance(15) ? " --billing-owner \(user)" : "")
          + (random.chance(10) ? " --address \"Jl. Sudirman 1\"" : "")
      )
    case 3: return ("upgrade", "upgrade team Design,Ops")
    case 4: return ("trial", "trial \(scope) --tier \(random.pick(["starter", "advanced"]))")
    case 5: return ("plan", "plan \(scope)")
    case 6: return ("billing", "billing \(scope)")
    case 7, 8:
      let edit = random.chance(80) ? "edit" : "downgrade"
      return (
        "edit",
        "\(edit) \(scope)" + (random.chance(50) ? " --tier \(random.pick(Self.tiers))" : "") + seats
          + cycle
      )
    case 9: return ("cancel", "cancel \(scope)")
    case 10: return ("resume", "resume \(scope)")
    case 11: return ("transfer", "transfer \(scope) --to \(user)")
    case 12: return ("pay", "pay \(scope) --method \(random.pick(["card", "paypal", "invoice"]))")
    case 13: return ("address", "address \(scope) \"Jl. Thamrin \(random.below(9) + 1)\"")
    case 14: return ("seats", "seats \(scope)")
    case 15: return ("invoices", "invoices \(scope)")
    case 16: return ("invoice", "invoice \(invoiceID)")
    case 17: return ("appoint", "appoint \(user) \(space)")
    case 18: return ("revoke", "revoke \(user) \(space)")
    case 19: return ("move", "move \(scope) --to \(scope)")
    case 20: return ("whoami", "whoami")
    default: return ("plan", "plan \(scope)")
    }
  }

  mutating func step() {
    switch random.below(100) {
    case 0..<38:
      if !owners.isEmpty && random.chance(40) {
        let owner = random.pick(owners)
        fixedScope = owner.scope
        let (name, line) = action()
        fixedScope = nil
        commands.insert("as")
        emit(name, "as \(owner.user) \(line)")
        return
      }
      let (name, line) = action()
      if random.chance(75) {
        commands.insert("as")
        emit(name, "as \(user) \(line)")
      } else {
        emit(name, line)
      }
    case 38..<41: emit("login", random.pick(["login", "as"]) + " \(user)")
    case 41: emit("logout", "logout")
    case 42..<45:
      let owner = random.chance(85) ? knownUser : user
      let tier = random.pick(Self.tiers)
      let cents = tier.hasPrefix("enterprise") && random.chance(80) ? " --unit-cents 4500" : ""
      emit(
        "create plan",
        "create plan \(scope) --tier \(tier)\(seats)\(cycle) --owner \(owner)"
          + (random.chance(20) ? " --pay \(random.pick(["card", "paypal", "invoice"]))" : "")
          + cents)
    case 45..<50:
      let who = (0...random.below(3)).map { _ in user }.joined(separator: " ")
      switch random.below(5) {
      case 0:
        emit(
          "add",
          "add \(who) --org \(random.pick(Self.orgs))" + (random.chance(30) ? " --guest" : "")
            + (random.chance(25) ? " --admin" : ""))
      case 1:
        emit(
          "add",
          "add \(who) --workspace \(random.pick(Self.workspaces))"
            + (random.chance(20) ? " --admin" : "") + (random.chance(5) ? " --guest" : ""))
      case 2:
        emit(
          "add",
          "add \(who) --team \(random.pick(Self.teams))"
            + (random.chance(40) ? " --org \(random.pick(Self.orgs))" : ""))
      default: emit("add", "add \(who) --org Acme")
      }
    case 50..<52:
      emit("remove", "remove \(user) " + random.pick([space, "--team \(random.pick(Self.teams))"]))
    case 52: emit("create user", "create user \(user)" + (random.chance(30) ? " \(user)" : ""))
    case 53: emit("create org", "create org \(random.pick(Self.orgs))")
    case 54: emit("create workspace", "create workspace \(random.pick(Self.workspaces))")
    case 55:
      emit(
        "create team",
        "create team \(random.pick(Self.teams)) "
          + (random.chance(85) ? "--org \(random.pick(Self.orgs))" : "--workspace Side"))
    case 56..<62:
      emit(
        "advance", "advance " + (random.chance(85) ? span : "to 2027-0\(random.below(9) + 1)-15"))
    case 62: emit("clock", random.chance(60) ? "clock" : "clock 2025-0\(random.below(9) + 1)-01")
    case 63, 64: emit("quote", "quote \(scope) --tier \(random.pick(Self.tiers))\(seats)\(cycle)")
    case 65: emit("features", "features \(user)")
    case 66, 67:
      let (name, line) = action()
      commands.insert(name)
      emit("can", "can \(user) \(line)")
    case 68: emit("forecast", "forecast \(scope)" + (random.chance(60) ? " \(span)" : ""))
    case 69:
      let (_, line) = action()
      emit(
        "compare",
        "compare \(scope) \(random.pick(["3m", "12m", "1y"])) --with \"as \(knownUser) \(line.replacing("\"", with: ""))\""
      )
    case 70: emit("inbox", "inbox \(user)")
    case 71: emit("log", "log")
    case 72, 73:
      emit(
        "show",
        random.pick([
          "show", "show \(scope)", "show \(user)", "show user \(user)", "show \(planID)",
          "show \(invoiceID)",
        ]))
    case 74:
      emit(
        "timeline", random.pick(["timeline \(scope)", "timeline \(user)", "timeline \(planID)"]))
    case 75: emit("rules", random.pick(["rules", "rules R14", "rules p6", "rules R99"]))
    case 76: emit(".help", random.pick([".help", ".help cancel", ".help R5", ".help nosuch"]))
    case 77: emit(".read", ".read \(Self.missing)/story.bill")
    case 78:
      emit(".record", random.pick([".record off", ".record \(Self.missing)/out.transcript"]))
    case 79: emit(".save", ".save \(Self.missing)/world.json")
    case 80: emit(".load", ".load \(Self.missing)/world.json")
    case 81: emit(".history", ".history")
    case 82, 83: emit(".mark", ".mark \(random.pick(["before", "after"]))")
    case 84: emit(".back", ".back \(random.pick(["before", "after", "nowhere"]))")
    case 85: emit(".marks", ".marks")
    case 86: emit(".undo", random.chance(70) ? ".undo" : ".undo \(random.below(3) + 1)")
    case 87:
      let (name, line) = action()
      emit(name, "as \(knownUser) \(line)")
    case 88:
      // NB: rare, as they throw the world away.
      if random.chance(20) {
        let word = random.chance(40) ? ".reset" : ".demo"
        emit(word, word)
      } else {
        emit(".marks", ".marks")
      }
    case 89:
      emit(
        "typo",
        random.pick(["upgarde org Acme", "cancel", "edit org Acme --seats x", "advance 3w"]))
    default:
      let others = commandTable.map { $0.words.joined(separator: " ") }.filter {
        !Self.known.contains($0)
      }
      if let spec = others.isEmpty ? nil : random.pick(others),
        let example = commandTable.first(where: { $0.words.joined(separator: " ") == spec })?
          .example
      {
        emit(spec, example)
      } else {
        let (name, line) = action()
        emit(name, line)
      }
    }
  }
}
