import BillingLanguage
import BillingModel
import BillingSupport
import Testing

@testable import BillingRuntime
@testable import BillingShell

/// `rules`, `rules <id>` and `.help <id>` (SPEC §8): every rule has all its fields, and every
/// example, played on a fresh world, really triggers (or shows) its rule.
@Suite struct RuleTextTests {
  /// What the example of each rule that refuses nothing shows on its last line.
  static let shown: [Rule: String] = [
    .r2: "$269.80 a year", .r16: "invoice INV-0002 for P1", .r21: "INV-0001 2026-01-01 P1",
    .p3: "pro rata for 2 → 3 seats", .p5: "resized from 2 to 3 seats",
  ]

  @Test("every rule has a text, a source, commands and an example", arguments: Rule.allCases)
  func everyFieldFilled(_ rule: Rule) {
    let full = rule.full
    expectTrue(!full.text.isEmpty, "\(rule.id)")
    expectTrue(!full.source.isEmpty, "\(rule.id)")
    expectTrue(!full.commands.isEmpty, "\(rule.id)")
    expectTrue(!full.example.isEmpty, "\(rule.id)")
    expectTrue(full.example.allSatisfy { !$0.isEmpty }, "\(rule.id)")
    for name in full.commands {
      expectTrue(commandSpec(named: name) != nil, "\(rule.id) names \(name), not a command")
    }
    // NB: every command whose table entry names the rule is among the rule's commands.
    for spec in commandTable where spec.rules.contains(rule) {
      expectTrue(full.commands.contains(spec.name), "\(rule.id) misses \(spec.name)")
    }
  }

  @Test(
    "each example, on a fresh world, triggers its rule on the last line", arguments: Rule.allCases)
  func exampleTriggersTheRule(_ rule: Rule) {
    let s = Session()
    let lines = rule.full.example
    for line in lines.dropLast() {
      let o = s.perform(line)
      expectTrue(o.isOK, "\(rule.id): setup line \(line) → \(o.text)")
    }
    let last = s.perform(lines[lines.count - 1])
    if rule.refusesNothing {
      expectTrue(last.isOK, "\(rule.id): \(last.text)")
      guard let shown = RuleTextTests.shown[rule] else {
        Issue.record("\(rule.id) refuses nothing but has no text to show")
        return
      }
      expectTrue(last.text.contains(shown), "\(rule.id) shows: \(last.text)")
    } else {
      expectEqual(last.failure?.rule, rule, "\(rule.id): \(last.text)")
    }
  }

  @Test("rules lists every rule in a line; rules <id> and .help <id> show one in full")
  func rulesCommand() {
    let s = Session()
    let all = s.perform("rules")
    expectTrue(all.isOK)
    let lines = all.text.split(separator: "\n")
    for rule in Rule.allCases {
      expectTrue(lines.contains { $0.hasPrefix(rule.id + " ") && $0.hasSuffix(rule.summary) })
    }
    let one = s.perform("rules r14")
    expectTrue(one.text.hasPrefix("R14: " + Rule.r14.summary))
    expectTrue(one.text.contains("the help article:"))
    expectTrue(one.text.contains("commands: edit, cancel"))
    expectTrue(one.text.contains("  as bob invoices org Acme"))
    expectEqual(s.perform(".help R14").text, one.text)
    expectEqual(s.perform(".help p6").text, s.perform("rules P6").text)
    // Views: nothing logged, nothing changed.
    expectTrue(s.world.log.isEmpty)
  }

  @Test("rules results: every field, a one-element list for one rule")
  func rulesJSON() throws {
    let s = Session()
    let all = try #require(s.perform("rules").result["rules"])
    guard case .array(let items) = all else {
      Issue.record("rules is not a list")
      return
    }
    expectEqual(items.count, Rule.allCases.count)
    for item in items {
      for key in ["id", "summary", "text", "source", "example"] {
        guard case .string(let v)? = item[key] else {
          Issue.record("\(key) missing")
          continue
        }
        expectTrue(!v.isEmpty, "\(key)")
      }
      guard case .array(let commands)? = item["commands"] else {
        Issue.record("commands missing")
        continue
      }
      expectTrue(!commands.isEmpty)
    }
    let one = try #require(s.perform("rules P6").result["rules"])
    guard case .array(let single) = one else {
      Issue.record("rules P6: rules is not a list")
      return
    }
    expectEqual(single.count, 1)
    expectEqual(single.first?["id"], .string("P6"))
    expectEqual(s.perform(".help P6").result, s.perform("rules P6").result)
  }

  @Test("an unknown rule is not-found with close ids; extra words are usage")
  func unknownRule() {
    let s = Session()
    let f = s.perform("rules R23").failure
    expectEqual(f?.code, .notFound)
    expectEqual(f?.message.contains("did you mean"), true, "\(f?.message ?? "")")
    expectEqual(s.perform("rules X1").failure?.code, .notFound)
    expectEqual(s.perform(".help R99").failure?.code, .notFound)
    expectEqual(s.perform(".help upgarde").failure?.code, .usage)
    expectEqual(s.perform("rules R1 R2").failure?.code, .usage)
  }

  @Test("completion offers rule ids after rules and .help")
  func completion() {
    let c = Completer(world: World())
    expectTrue(c.complete("rules R1").candidates.contains("R14"))
    expectEqual(c.complete("rules P").candidates, (1...8).map { "P\($0)" })
    expectTrue(c.complete(".help R2").candidates.contains("R22"))
    expectEqual(c.complete(".help upg").candidates, ["upgrade"])
  }
}
