import Foundation
import Testing

@testable import BillingModel
@testable import BillingPlayback
@testable import BillingRuntime
import BillingStore
import BillingSupport

/// Property-based tests (issue 6): random command sequences by random actors on random small
/// worlds, with the spec's invariants checked after every command.
///
/// Runs: `BILLSH_PROPERTY_RUNS` scenarios (default 2000, a few seconds), from the base seed
/// `BILLSH_PROPERTY_SEED` (default fixed; scenario i uses seed base + i). A failure prints
/// the scenario's seed and script; replay it with
/// `BILLSH_PROPERTY_SEED=<seed> BILLSH_PROPERTY_RUNS=1 swift test --filter PropertyTests`.
@Suite struct PropertyTests {
  static var runs: Int {
    ProcessInfo.processInfo.environment["BILLSH_PROPERTY_RUNS"].flatMap(Int.init) ?? 2000
  }
  static var baseSeed: UInt64 {
    ProcessInfo.processInfo.environment["BILLSH_PROPERTY_SEED"].flatMap { UInt64($0) }
      ?? 0x5EED_B111
  }

  /// NB: in four parts (scenarios i with i % 4 == part), so that they share the cores with the
  /// other suites rather than run last on one of them.
  @Test(arguments: 0..<4) func randomScenariosKeepTheInvariants(_ part: Int) throws {
    let base = PropertyTests.baseSeed
    var commands = 0, failures = 0, cans = 0, allowed = 0
    let runs = (0..<PropertyTests.runs).filter { $0 % 4 == part }
    guard !runs.isEmpty else { return }
    for i in runs {
      let seed = base &+ UInt64(i)
      var player = ScenarioPlayer(seed: seed)
      player.play()
      commands += player.commandsRun
      failures += player.failuresSeen
      cans += player.cansChecked
      allowed += player.cansAllowed
      if !player.problems.isEmpty {
        Issue.record(Comment(rawValue: player.report()))
        return
      }
    }
    // The generator must reach both outcomes and the `can` check, or the properties prove little.
    expectTrue(commands > runs.count * 10)
    expectTrue(failures > commands / 20, "failures \(failures) of \(commands)")
    expectTrue(failures < commands * 9 / 10, "failures \(failures) of \(commands)")
    expectTrue(cans > runs.count, "can: \(allowed) allowed of \(cans)")
    expectTrue(allowed > cans / 60, "can: \(allowed) allowed of \(cans)")
  }

  /// The generator is a function of its seed: the same seed gives the same script.
  @Test func generatorIsSeeded() {
    var a = ScenarioPlayer(seed: 42), b = ScenarioPlayer(seed: 42)
    a.play()
    b.play()
    expectEqual(a.script, b.script)
    expectTrue(!a.script.isEmpty)
  }

  /// `.save` then `.load` through real files (the in-memory round trip runs on every scenario).
  @Test func saveThenLoadThroughFiles() throws {
    let dir = NSTemporaryDirectory() + "billsh-prop-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    for i in 0..<max(1, min(PropertyTests.runs / 20, 200)) {
      let seed = PropertyTests.baseSeed &+ 1_000_000 &+ UInt64(i)
      var player = ScenarioPlayer(seed: seed)
      player.checkEachCommand = false
      player.play()
      let path = dir + "/w\(i).json"
      let saved = player.session.perform(".save \(path)")
      expectTrue(saved.isOK, "seed \(seed): \(saved.text)")
      let fresh = Session(files: LocalFiles())
      let loaded = fresh.perform(".load \(path)")
      expectTrue(
        loaded.isOK, "seed \(seed): \(loaded.text)\n\(player.script.joined(separator: "\n"))")
      #expect(
        fresh.savedText() == player.session.savedText(),
        "seed \(seed)\n\(player.script.joined(separator: "\n"))")
    }
  }
}

// MARK: - Random numbers

// MARK: - Scenarios

/// A scope as the generator knows it, resolvable against a world.
enum GenScope {
  case org(String), workspace(String), team(String, org: String?)

  var text: String {
    switch self {
    case .org(let n): return "org \(n)"
    case .workspace(let n): return "workspace \(n)"
    case .team(let n, let o): return "team \(n)" + (o.map { " --org \($0)" } ?? "")
    }
  }

  func resolve(_ w: World) -> Scope? {
    switch self {
    case .org(let n):
      guard let s = w.spaceID(n), w.space(s).kind == .org else { return nil }
      return .space(s)
    case .workspace(let n):
      guard let s = w.spaceID(n), w.space(s).kind == .workspace else { return nil }
      return .space(s)
    case .team(let n, let o):
      let ids = w.teamIDs(named: n).filter { t in
        o.map { w.space(w.team(t).org).name == $0 } ?? true
      }
      return ids.count == 1 ? .team(ids[0]) : nil
    }
  }
}

/// What kind of command a generated line is, for the log and permission properties.
enum Kind: Equatable {
  case setup, action, advance, session, view
  var logged: Bool { self == .setup || self == .action || self == .advance }
}

/// One generated line: its text, its kind, and for actions the verb and scope (to check who may).
struct GenCommand {
  var text: String
  var kind: Kind
  var verb = ""
  var scope: GenScope?
  var invoice: String?
}

/// Plays one random scenario in a fresh session and checks the invariants after each command.
struct ScenarioPlayer {
  let seed: UInt64
  var rng: SeededRandom
  let session = Session(files: LocalFiles())
  var script: [String] = []
  var problems: [String] = []
  var commandsRun = 0, failuresSeen = 0, cansChecked = 0, cansAllowed = 0
  var checkEachCommand = true
  /// Invoices whose lines were checked so far (each is checked once, when it appears).
  var invoicesChecked = 0

  static let users = ["ann", "bob", "cy", "dee", "eve", "fay"]
  static let orgs = ["Acme", "Beta"]
  static let workspaces = ["Wk"]
  static let teams = ["Design", "Ops"]
  static let seats = [0, -1, 1, 2, 3, 4, 5, 6, 7, 10, 15, 20, 25, 30, 40, 100, 500, 525, 550, 600]

  init(seed: UInt64) {
    self.seed = seed
    rng = SeededRandom(seed: seed)
  }

  func report() -> String {
    """
    property failed for seed \(seed) (replay: BILLSH_PROPERTY_SEED=\(seed) BILLSH_PROPERTY_RUNS=1 swift test --filter PropertyTests)
    \(problems.prefix(5).joined(separator: "\n"))
    script so far:
    \(script.map { "  " + $0 }.joined(separator: "\n"))
    """
  }

  mutating func fail(_ what: String) { problems.append("after `\(script.last ?? "")`: " + what) }

  // MARK: generation

  mutating func user() -> String { rng.chance(0.03) ? "ghost" : rng.pick(ScenarioPlayer.users) }
  mutating func users() -> String {
    (0..<rng.int(1..<4)).map { _ in rng.pick(ScenarioPlayer.users) }.joined(separator: " ")
  }

  mutating func scope() -> GenScope {
    switch rng.int(0..<10) {
    case 0..<3: return .org(rng.pick(ScenarioPlayer.orgs))
    case 3..<5: return .workspace(rng.pick(ScenarioPlayer.workspaces))
    case 5: return .team(rng.pick(ScenarioPlayer.teams), org: nil)
    default: return .team(rng.pick(ScenarioPlayer.teams), org: rng.pick(ScenarioPlayer.orgs))
    }
  }

  mutating func cycle() -> String { rng.pick(["", "", " --monthly", " --annual"]) }
  mutating func seatsFlag(_ p: Double = 0.6) -> String {
    rng.chance(p) ? " --seats \(rng.pick(ScenarioPlayer.seats))" : ""
  }
  mutating func tier(
    _ tiers: [String] = ["starter", "starter", "advanced", "advanced", "enterprise", "basic"]
  ) -> String { rng.pick(tiers) }

  mutating func setupCommand() -> GenCommand {
    let t: String
    switch rng.int(0..<12) {
    case 0: t = "create user \(users())"
    case 1: t = "create org \(rng.pick(ScenarioPlayer.orgs))"
    case 2: t = "create workspace \(rng.pick(ScenarioPlayer.workspaces))"
    case 3:
      t = "create team \(rng.pick(ScenarioPlayer.teams)) --org \(rng.pick(ScenarioPlayer.orgs))"
    case 4, 5:
      t =
        "add \(users()) --org \(rng.pick(ScenarioPlayer.orgs))"
        + (rng.chance(0.25) ? " --guest" : "") + (rng.chance(0.25) ? " --admin" : "")
    case 6:
      t =
        "add \(users()) --workspace \(rng.pick(ScenarioPlayer.workspaces))"
        + (rng.chance(0.25) ? " --admin" : "") + (rng.chance(0.05) ? " --guest" : "")
    case 7:
      t =
        "add \(users()) --team \(rng.pick(ScenarioPlayer.teams))"
        + (rng.chance(0.8) ? " --org \(rng.pick(ScenarioPlayer.orgs))" : "")
    case 8:
      let from = rng.pick([
        "--org \(rng.pick(ScenarioPlayer.orgs))", "--workspace Wk",
        "--team \(rng.pick(ScenarioPlayer.teams)) --org \(rng.pick(ScenarioPlayer.orgs))",
      ])
      t = "remove \(user()) \(from)"
    default:
      let tr = tier(["starter", "advanced", "enterprise", "enterprise-plus"])
      let unit =
        tr.hasPrefix("enterprise") && rng.chance(0.8)
        ? " --unit-cents \(rng.pick([0, 999, 5000]))" : ""
      t =
        "create plan \(scope().text) --tier \(tr)\(seatsFlag(0.8))\(cycle()) --owner \(user())"
        + (rng.chance(0.5) ? " --pay \(rng.pick(["card", "paypal", "invoice"]))" : "") + unit
    }
    return GenCommand(text: t, kind: .setup)
  }

  mutating func actionCommand() -> GenCommand {
    let s = scope()
    var c = GenCommand(text: "", kind: .action, scope: s)
    switch rng.int(0..<19) {
    case 0, 1, 2:
      c.verb = "upgrade"
      c.text =
        "upgrade \(s.text) --tier \(tier())\(seatsFlag(0.5))\(cycle())"
        + (rng.chance(0.2) ? " --billing-owner \(user())" : "")
        + (rng.chance(0.3) ? " --pay \(rng.pick(["card", "paypal", "invoice"]))" : "")
        + (rng.chance(0.1) ? " --address \"1 Main St\"" : "")
    case 3:
      c.verb = "trial";
      c.text = "trial \(s.text) --tier \(tier(["starter", "advanced", "enterprise"]))"
    case 4, 5:
      c.verb = "edit"
      var flags = ""
      if rng.chance(0.5) { flags += " --tier \(tier(["starter", "advanced", "enterprise"]))" }
      flags += seatsFlag(0.6) + cycle()
      c.text = rng.pick(["edit", "downgrade"]) + " \(s.text)" + flags
    case 6: c.verb = "cancel"; c.text = "cancel \(s.text)"
    case 7: c.verb = "resume"; c.text = "resume \(s.text)"
    case 8: c.verb = "transfer"; c.text = "transfer \(s.text) --to \(user())"
    case 9:
      c.verb = "pay";
      c.text = "pay \(s.text) --method \(rng.pick(["card", "paypal", "paypal", "invoice"]))"
    case 10:
      c.verb = "address";
      c.text = "address \(s.text) \"\(rng.pick(["Jl. Sudirman 1", "x", "1 Main St"]))\""
    case 11: c.verb = "seats"; c.text = "seats \(s.text)"
    case 12: c.verb = "invoices"; c.text = "invoices \(s.text)"
    case 13:
      c.verb = "invoice"
      let id = "INV-" + String(repeating: "0", count: 3) + "\(rng.int(1..<7))"
      c.invoice = id
      c.scope = nil
      c.text = "invoice \(id)"
    case 14: c.verb = "billing"; c.text = "billing \(s.text)"
    case 15: c.verb = "plan"; c.text = "plan \(s.text)"
    case 16:
      c.verb = rng.pick(["appoint", "revoke"])
      c.scope = nil
      c.text =
        "\(c.verb) \(user()) "
        + rng.pick(["--org \(rng.pick(ScenarioPlayer.orgs))", "--workspace Wk"])
    case 17: c.verb = "move"; c.text = "move \(s.text) --to \(scope().text)"
    default:
      c.verb = "upgrade-several"
      c.text = "upgrade team Design,Ops --tier starter"
    }
    return c
  }

  mutating func nextCommand() -> GenCommand {
    switch rng.int(0..<100) {
    case 0..<30: return setupCommand()
    case 30..<36: return GenCommand(text: "login \(user())", kind: .session)
    case 36..<38: return GenCommand(text: "logout", kind: .session)
    case 38..<45:
      let n = rng.pick([1, 3, 10, 15, 28, 31, 45, 90, 200, 400])
      let unit = rng.pick(["d", "d", "d", "m", "y"])
      return GenCommand(
        text: "advance \(unit == "d" ? n : unit == "m" ? n % 14 : n % 3)\(unit)", kind: .advance)
    case 45..<50:
      let views = [
        "show", "log", "clock", "whoami", "features \(user())", "inbox \(user())",
        "quote \(scope().text) --tier \(tier())\(seatsFlag())\(cycle())",
      ]
      return GenCommand(text: rng.pick(views), kind: .view)
    default:
      var c = actionCommand()
      if rng.chance(0.5) { c.text = "as \(user()) " + c.text }
      return c
    }
  }

  // MARK: playing

  mutating func play() {
    // A small world first, so that most actions have something to act on.
    var prefix = [
      "create org Acme", "add \(users()) --org Acme --admin", "add \(users()) --org Acme",
    ]
    if rng.chance(0.5) {
      prefix += ["create team Design --org Acme", "add \(users()) --team Design --org Acme"]
    }
    if rng.chance(0.4) { prefix += ["create workspace Wk", "add \(users()) --workspace Wk"] }
    if rng.chance(0.3) {
      prefix += [
        "create org Beta", "add \(users()) --org Beta --admin", "create team Design --org Beta",
      ]
    }
    for p in prefix { step(GenCommand(text: p, kind: .setup)) }
    let n = rng.int(10..<40)
    for _ in 0..<n {
      if !problems.isEmpty { return }
      let c = nextCommand()
      if checkEachCommand, c.kind == .action, rng.chance(0.35) { checkCan(c) } else { step(c) }
    }
    if checkEachCommand && problems.isEmpty { checkRoundTrip() }
    if checkEachCommand && problems.isEmpty && seed % 16 == 0 { checkDeterminism() }
  }

  /// The world without its log, and who acts: what a failed command must leave alone.
  /// NB: without the log and the timelines, which record refusals too (from the log).
  func stateWithoutLog(_ w: World, _ actor: UserID?) -> JSON {
    .object(w.snapshot(history: false) + [("actor", .str(actor.map { w.handle($0) }))])
  }

  /// The user a line acts as: `as U ...` or the session's actor.
  func actingUser(_ text: String) -> UserID? {
    if text.hasPrefix("as ") {
      let h = text.dropFirst(3).prefix { $0 != " " }
      return session.world.userID(String(h))
    }
    return session.actor
  }

  mutating func step(_ c: GenCommand) {
    script.append(c.text)
    let w = session.world
    let actor = actingUser(c.text)
    // NB: a copy shares the world's tables until the command changes one (cheap); it is saved
    // only when the command fails.
    let before = checkEachCommand ? (world: w.copy(), actor: session.actor) : nil
    let entriesBefore = w.journal.entries.count
    let logBefore = w.log
    // Who may (R10/P2, R13, R14, R18), computed before the command.
    let scope = c.scope?.resolve(w)
    let owner = scope.flatMap { w.livePlan($0) }.map { w.plan($0).owner }
    let holder = scope.map { w.holder($0) }
    let wasAdmin = actor.flatMap { a in holder.map { w.isAdmin(a, of: $0) } } ?? false
    let wasMember = actor.flatMap { a in holder.map { w.isMember(a, of: $0) } } ?? false
    let inTeam: Bool = {
      guard let a = actor, case .team(let t)? = scope else { return false }
      return w.team(t).people[a] != nil
    }()
    let invoiceOwner: UserID? = c.invoice.flatMap { id in
      (try? w.resolveInvoice(id)).map { w.plan(w.invoice($0).plan).owner }
    }
    let appointSpace: SpaceID? = {
      guard c.verb == "appoint" || c.verb == "revoke" else { return nil }
      let words = c.text.split(separator: " ")
      return words.last.flatMap { w.spaceID(String($0)) }
    }()

    let appointerWasAdmin =
      actor.flatMap { a in appointSpace.map { w.isAdmin(a, of: $0) } } ?? false

    let outcome = session.perform(c.text)
    lastOutcome = outcome
    commandsRun += 1
    guard checkEachCommand else { return }
    let log = session.world.log

    if let f = outcome.failure {
      failuresSeen += 1
      if let before,
        stateWithoutLog(before.world, before.actor)
          != stateWithoutLog(session.world, session.actor)
      {
        fail("a failed command (\(f.line)) changed the world")
      }
      // SPEC §8: what a failed command leaves in the timelines is its refusal, nothing else.
      for h in session.world.journal.entries.dropFirst(entriesBefore) where h.kind != .refused {
        fail("a failed command (\(f.line)) put a \(h.kind.rawValue) entry in a timeline")
      }
      // A refused setup or action is logged, `as <unknown user> CMD` included (under whoever acts).
      let expected = c.kind.logged ? 1 : 0
      if log.count != logBefore.count + expected {
        fail(
          "the log grew by \(log.count - logBefore.count) entries for a failed \(c.kind) command; expected \(expected)"
        )
      } else if expected == 1, let e = log.last, !e.outcome.hasPrefix("error[\(f.code.rawValue)]") {
        fail("the log says \(e.outcome) for \(f.line)")
      }
    } else {
      if c.kind.logged {
        let inner =
          c.text.hasPrefix("as ") ? String(c.text.split(separator: " ", maxSplits: 2)[2]) : c.text
        if log.count != logBefore.count + 1 {
          fail("a successful \(c.kind) command added \(log.count - logBefore.count) log entries")
        } else if let e = log.last,
          e.command != inner || e.outcome != "ok"
            || e.actor != (c.kind == .setup ? nil : actor.map({ session.world.handle($0) }))
        {
          // SPEC §5: setup commands have no actor, whoever is logged in.
          fail("the log entry is \(e) for a successful `\(inner)`")
        }
      } else if log.count != logBefore.count {
        fail("a \(c.kind) command changed the log")
      }
      checkWhoMay(
        c, actor: actor, owner: owner, scope: scope, wasAdmin: wasAdmin, wasMember: wasMember,
        inTeam: inTeam, invoiceOwner: invoiceOwner, appointerWasAdmin: appointerWasAdmin)
    }
    checkInvariants()
  }

  /// R10/P2, R13, R14, R18: a successful action was run by someone the rule allows.
  mutating func checkWhoMay(
    _ c: GenCommand, actor: UserID?, owner: UserID?, scope: Scope?, wasAdmin: Bool, wasMember: Bool,
    inTeam: Bool, invoiceOwner: UserID?, appointerWasAdmin: Bool
  ) {
    guard c.kind == .action else { return }
    let who = actor.map { session.world.handle($0) } ?? "nobody"
    switch c.verb {
    case "edit", "cancel", "resume", "transfer", "pay", "address", "seats", "invoices":
      if actor == nil || actor != owner {
        fail("\(c.verb) succeeded for \(who), not the billing owner (R14)")
      }
    case "move", "upgrade-several":
      fail("\(c.verb) succeeded; it never may (R7/R8)")
    case "billing":
      if case .team? = scope {
        if actor == nil || actor != owner {
          fail("billing of a team plan opened by \(who), not its billing owner (R18)")
        }
      } else if !wasAdmin {
        fail("billing opened by \(who), not an admin (R18)")
      }
    case "invoice":
      if actor == nil || actor != invoiceOwner {
        fail("invoice shown to \(who), not its plan's billing owner (R14)")
      }
    case "appoint", "revoke":
      if !appointerWasAdmin { fail("\(c.verb) by \(who), not an admin (R13)") }
    case "upgrade", "trial":
      if case .team? = scope {
        if !((inTeam && wasMember) || wasAdmin) {
          fail("\(c.verb) of a team by \(who), neither a member in the team nor an org admin (P2)")
        }
      } else if !wasMember {
        fail("\(c.verb) by \(who), not a member (R10)")
      }
    default: break
    }
  }

  /// Invariants of every live plan (R3/R4, R5, P1/P5, R11, R13).
  mutating func checkInvariants() {
    let w = session.world
    // SPEC §8: an invoice's lines add up to its amount (show <invoice-id>).
    while invoicesChecked < w.invoices.count {
      let inv = w.invoices[invoicesChecked]
      invoicesChecked += 1
      guard let lines = inv.lines, !lines.isEmpty else {
        fail("\(inv.id) was made without its lines"); continue
      }
      let sum = lines.reduce(0) { $0 + $1.cents }
      if sum != inv.amountCents {
        fail("\(inv.id)'s lines add up to \(sum), its amount is \(inv.amountCents)")
      }
      // SPEC §8 "charges with their dates": a pro rata line's from/to lie in its period.
      for l in lines {
        guard let span = l.span(issued: inv.date), let days = l.days, let pd = l.periodDays else {
          continue
        }
        let start = span.to.adding(days: -pd)
        if !(start <= span.from && span.from <= span.to && days <= pd) {
          fail(
            "\(inv.id): a line's \(span.from) to \(span.to) is not inside \(start) to \(span.to)")
        }
        let plan: Plan
        if case .credit(let q) = l.kind { plan = w.plan(q) } else { plan = w.plan(inv.plan) }
        if plan.periodStart <= inv.date && span.to != plan.periodEnd {
          fail("\(inv.id): a line runs to \(span.to), its period ends \(plan.periodEnd)")
        }
      }
    }
    for p in w.plans where p.isLive {
      guard w.livePlan(p.scope) == p.id else {
        fail("\(p.id) is live but not the plan of \(w.describe(p.scope))"); continue
      }
      let space = w.holder(p.scope)
      if !w.isMember(p.owner, of: space) {
        fail(
          "\(p.id)'s billing owner \(w.handle(p.owner)) is not a member of \(w.describe(.space(space))) (R11)"
        )
      }
      if case .space = p.scope, !w.isAdmin(p.owner, of: space) {
        fail(
          "\(p.id)'s billing owner \(w.handle(p.owner)) is not an admin of \(w.describe(.space(space))) (R13)"
        )
      }
      if case .team(let t) = p.scope, w.livePlan(.space(w.team(t).org)) != nil {
        fail("\(p.id) is a team plan inside a paid organization (R6)")
      }
      if p.isTrial { continue }
      let need = w.billable(p.scope)
      if !w.catalog.isSize(p.seats) { fail("\(p.id) has \(p.seats) seats, not a size (R5)") }
      let over = w.planJSON(p.id)["over"] == .bool(true)
      switch p.payment {
      case .card?, .paypal?:
        if p.seats < need && !(over && w.catalog.size(atLeast: need) > w.catalog.selfServeLimit) {
          fail(
            "\(p.id) (\(p.payment.map(\.rawValue) ?? "-")) has \(p.seats) seats for \(need) billable members and is not flagged over past the limit (R3/R4/P5)"
          )
        }
      case .invoice?:
        if p.seats < need && !over {
          fail(
            "\(p.id) (invoice) has \(p.seats) seats for \(need) billable members and is not flagged over (P5)"
          )
        }
      case nil:
        fail("\(p.id) is a paid plan without a payment method")
      }
      if p.seats >= need && over {
        fail("\(p.id) is flagged over with \(p.seats) seats for \(need)")
      }
    }
  }

  /// `can U CMD` changes nothing, and says yes exactly when `as U CMD` succeeds.
  mutating func checkCan(_ c: GenCommand) {
    cansChecked += 1
    var body = c.text
    var u = user()
    if body.hasPrefix("as ") {
      let parts = body.split(separator: " ", maxSplits: 2)
      u = String(parts[1])
      body = String(parts[2])
    }
    // Often ask about someone likely to be allowed: the billing owner, or an admin of the space.
    let w = session.world
    if rng.chance(0.5), let scope = c.scope?.resolve(w) {
      if let p = w.livePlan(scope), rng.chance(0.7) {
        u = w.handle(w.plan(p).owner)
      } else if let a = w.space(w.holder(scope)).people.filter({ $0.value.admin }).map(\.key)
        .sorted().first
      {
        u = w.handle(a)
      }
    }
    let line = "can \(u) \(body)"
    script.append(line)
    let before = (world: session.world.copy(), actor: session.actor)
    let o = session.perform(line)
    commandsRun += 1
    if session.actor != before.actor
      || JSON.object(session.world.snapshot()) != JSON.object(before.world.snapshot())
    {
      fail("`can` changed the world")
    }
    var inner = c
    inner.text = "as \(u) \(body)"
    step(inner)
    guard problems.isEmpty else { return }
    let asOK = problemsFreeOutcomeOfLastStep
    if let f = o.failure {
      if f.code != .usage && f.code != .notFound {
        fail("`can` itself failed with \(f.code.rawValue); only usage or not-found may")
      }
      if asOK == true { fail("`can` failed (\(f.line)) but the command succeeded") }
    } else {
      let allowed = o.result["allowed"] == .bool(true)
      if allowed { cansAllowed += 1 }
      if allowed != asOK {
        fail(
          "`can` said allowed: \(allowed) (\(o.text)) but running it \(asOK == true ? "succeeded" : "failed")"
        )
      }
      if !allowed, let code = o.result["error"]?["code"], let last = lastFailure,
        code != .string(last.code.rawValue)
      {
        fail("`can` reported \(code) but running it failed with \(last.code.rawValue)")
      }
    }
  }

  var lastOutcome: Outcome?
  var problemsFreeOutcomeOfLastStep: Bool? { lastOutcome.map(\.isOK) }
  var lastFailure: Failure? { lastOutcome?.failure }

  /// The world saves, restores and saves again to the same bytes.
  mutating func checkRoundTrip() {
    let saved = session.savedText()
    do {
      let w = try World.restore(try parseJSON(saved))
      if JSON.object(w.snapshot()) != JSON.object(session.world.snapshot()) {
        fail("a saved world restores to a different world")
      }
    } catch {
      fail("a saved world does not restore: \(error.message)")
    }
  }

  /// The same script gives the same bytes (text and JSON records, and the saved world).
  mutating func checkDeterminism() {
    func run(_ lines: [String]) -> String {
      let s = Session()
      let text = RecordPrinter(json: false), json = RecordPrinter(json: true)
      var out = ""
      s.sink = { r in out += text.render(r) + "\n" + json.render(r) + "\n" }
      for l in lines { s.perform(l) }
      return out + s.savedText()
    }
    let a = run(script), b = run(script)
    if a != b {
      let x = a.split(separator: "\n", omittingEmptySubsequences: false),
        y = b.split(separator: "\n", omittingEmptySubsequences: false)
      let i = (0..<min(x.count, y.count)).first { x[$0] != y[$0] } ?? min(x.count, y.count)
      fail(
        "the same script gave different bytes; first difference at output line \(i + 1):\n  \(i < x.count ? x[i] : "<end>")\n  \(i < y.count ? y[i] : "<end>")"
      )
    }
  }
}
