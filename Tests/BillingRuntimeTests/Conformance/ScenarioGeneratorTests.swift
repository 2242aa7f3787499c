import Testing

@testable import BillingLanguage
@testable import BillingPlayback
@testable import BillingRuntime
import BillingSupport

/// SPEC §9's parts that need no other program: the scenario generator, the record comparer and
/// the shrinker.
@Suite struct ScenarioGeneratorTests {
  // MARK: The generator

  @Test func theSameSeedGivesByteIdenticalScenarios() {
    let a = ScenarioGenerator(seed: 2026, lines: 40)
    let b = ScenarioGenerator(seed: 2026, lines: 40)
    for k in 1...50 {
      let one = a.scenario(k).lines.joined(separator: "\n")
      #expect(Array(one.utf8) == Array(b.scenario(k).lines.joined(separator: "\n").utf8))
    }
    #expect(a.scenario(1) != a.scenario(2))
    #expect(a.scenario(1) != ScenarioGenerator(seed: 2027, lines: 40).scenario(1))
    #expect(a.scenario(7).lines.count == 40)
    #expect(ScenarioGenerator(seed: 5, lines: 3).scenario(1).lines.count == 3)
  }

  /// Every command of SPEC §3 and §8, as the command table names them.
  static let everyCommand: Set<String> = [
    // §3 setup
    "create user", "create org", "create workspace", "create team", "create plan", "add",
    "remove",
    // §3 session
    "login", "as", "logout", "whoami",
    // §3 actions
    "upgrade", "trial", "plan", "billing", "edit", "cancel", "resume", "transfer", "pay",
    "address", "seats", "invoices", "invoice", "appoint", "revoke", "move",
    // §3 views and the clock (§8: clock <date>, advance to <date>)
    "quote", "features", "can", "clock", "advance", "inbox", "log", "show",
    // §3 shell commands
    ".help", ".read", ".record", ".save", ".load", ".reset", ".history", ".quit",
    // §8
    "rules", "timeline", ".mark", ".back", ".marks", ".undo", "forecast", "compare", ".demo",
  ]

  @Test func theGeneratorCoversEveryCommand() {
    let generator = ScenarioGenerator(seed: 1, lines: 40)
    var emitted = Set<String>()
    for k in 1...200 { emitted.formUnion(generator.scenario(k).commands) }
    let table = Set(commandTable.map { $0.words.joined(separator: " ") })
    #expect(
      table.subtracting(emitted).isEmpty, "never emitted: \(table.subtracting(emitted).sorted())")
    #expect(Self.everyCommand.subtracting(emitted).isEmpty)
    #expect(Self.everyCommand.subtracting(table).isEmpty, "not in the table")
    // Refused lines are part of it: wrong names, a typo.
    #expect(emitted.contains("typo"))
    print("the generator emitted: " + emitted.sorted().joined(separator: ", "))
  }

  @Test func generatedScenariosReachRefusalsOfEveryKind() {
    let generator = ScenarioGenerator(seed: 1, lines: 40)
    var codes = Set<String>()
    var rules = Set<String>()
    for k in 1...100 {
      for r in Conformance.oracle(generator.scenario(k).lines) {
        if case .string(let c)? = r["error"]?["code"] { codes.insert(c) }
        if case .string(let rule)? = r["error"]?["rule"] { rules.insert(rule) }
      }
    }
    #expect(
      codes.isSuperset(of: [
        "usage", "not-found", "no-actor", "permission-denied", "conflict", "unavailable",
        "contact-sales", "invalid", "io",
      ]), "\(codes.sorted())")
    #expect(
      rules.isSuperset(of: ["R14", "R17", "R9", "R5", "P2", "R10", "R13"]), "\(rules.sorted())")
  }

  // MARK: Comparing records

  @Test func theComparerLooksAtOkCodeRuleAndResultFields() throws {
    let ours = try JSON.parse(
      #"{"ok": true, "output": "x", "result": {"plan": {"id": "P1", "seats": 5}, "notes": ["a"]}}"#)
    let same = try JSON.parse(
      #"{"ok": true, "output": "y", "result": {"plan": {"seats": 5, "id": "P1", "extra": 1}}}"#)
    #expect(RecordComparer.compare(expected: ours, actual: same) == nil)
    #expect(RecordComparer.compare(expected: ours, actual: same, text: true)?.field == "output")
    let missing = try JSON.parse(#"{"ok": true, "result": {"plan": {"id": "P1"}}}"#)
    let d = try #require(RecordComparer.compare(expected: ours, actual: missing))
    #expect(d.field == "result.plan.seats")
    #expect(d.description == "result.plan.seats: billsh 5, CMD leaves it out (missing)")
    let refused = try JSON.parse(
      #"{"ok": false, "error": {"code": "permission-denied", "rule": "R14", "message": "m"}}"#)
    let otherRule = try JSON.parse(
      #"{"ok": false, "error": {"code": "permission-denied", "rule": "R18", "message": "n"}}"#)
    #expect(RecordComparer.compare(expected: refused, actual: otherRule)?.field == "error.rule")
    #expect(RecordComparer.compare(expected: refused, actual: ours)?.field == "ok")
  }

  // MARK: Shrinking

  @Test func theShrinkerKeepsOnlyWhatTheFailureNeeds() {
    let lines = (1...30).map { "line \($0)" } + ["advance 6m", "edit org A --seats 600 --monthly"]
    var shrinker = Shrinker { c in
      c.contains("line 7") && c.contains { $0.hasPrefix("advance") }
        && c.contains { $0.hasPrefix("edit") }
    }
    let small = shrinker.shrink(lines)
    #expect(small == ["line 7", "advance 1d", "edit org A"])
  }

  @Test func simplerLinesHaveSmallerNumbersFewerFlagsAndFewerPeople() {
    let simpler = Shrinker.simpler("as ann add bob carl --org Acme --guest")
    #expect(simpler.contains("as ann add carl --org Acme --guest"))
    #expect(simpler.contains("as ann add bob --org Acme --guest"))
    #expect(simpler.contains("as ann add bob carl --org Acme"))
    #expect(!simpler.contains { $0.hasPrefix("as add") || $0.hasPrefix("ann") })
    #expect(Shrinker.simpler("add ann --org Acme").allSatisfy { $0.contains("ann") })
    #expect(
      Shrinker.simpler("create user ann bob").sorted() == ["create user ann", "create user bob"])
    #expect(Shrinker.simpler("address org Acme \"Jl. Thamrin 5\"").isEmpty)
    #expect(Shrinker.smallerNumbers("600") == ["2", "5", "300"])
    #expect(Shrinker.smallerNumbers("6m") == ["1m", "3m", "1d"])
    #expect(Shrinker.smallerNumbers("P1").isEmpty)
  }
}
