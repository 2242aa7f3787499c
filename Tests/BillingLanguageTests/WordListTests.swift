import BillingModel
import BillingSupport
import Testing

@testable import BillingLanguage

// Word lists in messages, help and completion come from the enums and the command table;
// these pin the words and their order as users see them.
@Suite("Word lists from the vocabulary and the command table")
struct WordListTests {
  @Test func tierWordsAreNamesThenAliases() {
    #expect(
      Tier.words == [
        "basic", "personal", "starter", "advanced", "enterprise", "enterprise-plus", "enterprise+",
      ])
    for w in Tier.words { #expect(Tier(word: w) != nil, "\(w)") }
    for t in Tier.allCases { #expect(Tier(word: t.name) == t) }
  }

  @Test func createTargetsInTableOrder() {
    expectEqual(createTargets, ["user", "org", "workspace", "team", "plan"])
    expectEqual(listed(createTargets, "or"), "user, org, workspace, team or plan")
    expectEqual(listed(["a"], "or"), "a")
    expectEqual(listed([], "and"), "")
  }

  @Test func paymentsAndTiersOfCommands() {
    expectEqual(switchablePayments, [.card, .paypal])
    expectEqual(selfServeTiers, [.starter, .advanced])
    expectEqual(ScopeKind.allCases.map(\.rawValue), ["org", "workspace", "team"])
    expectEqual(commandSpec(named: "pay")?.synopsis, "pay <scope> --method card|paypal")
    expectEqual(commandSpec(named: "trial")?.synopsis, "trial <scope> --tier starter|advanced")
    #expect(
      commandSpec(named: "quote")?.synopsis
        == "quote <scope> --tier <t> [--seats <n>] [--monthly|--annual]")
    expectEqual(commandSpec(named: "quote")?.flags.map(\.name).contains("monthly"), true)
  }
}

/// Every fact about a command (group, logging, undo, scopes) is read from its table entry
/// through `Command.spec`: each entry's example parses to a command of that entry.
@Test(arguments: commandTable.map(\.name))
func eachCommandFindsItsTableEntry(_ name: String) throws {
  let entry = try #require(commandTable.first { $0.name == name })
  let command = try parse(line: Substring(entry.example))
  expectEqual(command?.spec.name, entry.name, "\(entry.example)")
}
