import BillingModel
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
    #expect(createTargets == ["user", "org", "workspace", "team", "plan"])
    #expect(listed(createTargets) == "user, org, workspace, team or plan")
    #expect(listed(["a"]) == "a")
    #expect(listed([]) == "")
  }

  @Test func paymentsAndTiersOfCommands() {
    #expect(switchablePayments == [.card, .paypal])
    #expect(selfServeTiers == [.starter, .advanced])
    #expect(ScopeKind.allCases.map(\.rawValue) == ["org", "workspace", "team"])
    #expect(commandSpec(named: "pay")?.synopsis == "pay <scope> --method card|paypal")
    #expect(commandSpec(named: "trial")?.synopsis == "trial <scope> --tier starter|advanced")
    #expect(
      commandSpec(named: "quote")?.synopsis
        == "quote <scope> --tier <t> [--seats <n>] [--monthly|--annual]")
    #expect(commandSpec(named: "quote")?.flags.map(\.name).contains("monthly") == true)
  }
}
