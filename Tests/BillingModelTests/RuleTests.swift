import Testing

@testable import BillingModel
import BillingWords

@Suite("Rules and failures as data")
struct RuleTests {
  @Test("every rule of SPEC §2, in order, with a one-line summary")
  func everyRule() {
    let ids = Rule.allCases.map(\.id)
    expectEqual(ids, (1...22).map { "R\($0)" } + (1...8).map { "P\($0)" })
    for rule in Rule.allCases {
      expectTrue(!rule.summary.isEmpty, "\(rule.id)")
      expectTrue(!rule.summary.contains("\n"), "\(rule.id)")
      expectEqual(Rule(id: rule.id.lowercased()), rule)
    }
    expectEqual(Rule(id: "R23"), nil)
    expectEqual(Rule(id: ""), nil)
  }

  @Test("a failure's code and rule come from its reason; its words only when asked")
  func failuresCarryFacts() {
    let f = Failure(
      .billingOwnerOnly(
        NamedPlan(
          plan: PlanID(index: 0), scope: .org("Acme"), tier: .starter, cycle: .annual, seats: 2,
          trial: false), owner: "ann", what: .cancelPlan, actorIsAdmin: true))
    expectEqual(f.code, .permissionDenied)
    expectEqual(f.rule, .r14)
    #expect(
      f.line
        == "error[permission-denied]: only the billing owner of P1 (org Acme, starter annual, 2 seats), ann, can cancel the plan (being an admin is not enough); ask ann or have them transfer billing ownership (R14)"
    )
    let team = Failure(
      .seatsDoNotCover(2, billable: 3, of: .team("Design", org: nil), isTeam: true, smallest: 3))
    expectEqual(team.rule, .r4)
    expectEqual(team.code, .invalid)
    #expect(
      Failure(.seatsDoNotCover(2, billable: 3, of: .org("Acme"), isTeam: false, smallest: 3)).rule
        == .r3)
    expectEqual(Failure(.usage, nil, "bad").line, "error[usage]: bad")
  }

  /// Builds a small world with a paid organization plan owned by ann.
  func acme() throws -> (World, UserID, UserID) {
    let w = World()
    _ = try w.createSpace(.org, "Acme")
    _ = try w.add(["ann", "bob"], to: .space(.org, "Acme"), guest: false, admin: false)
    let ann = try w.resolveUser("ann"), bob = try w.resolveUser("bob")
    _ = w.apply(try w.checkUpgrade(UpgradeRequest(scope: .org("Acme"), tier: .starter), by: ann))
    return (w, ann, bob)
  }

  @Test("checks decide and change nothing; apply makes the change")
  func checksChangeNothing() throws {
    let (w, ann, bob) = try acme()
    let before = (
      w.plans.map(\.seats), w.plans.map(\.tier), w.invoices.count, w.plan(PlanID(index: 0)).status
    )
    let edit = try w.checkEdit(.org("Acme"), EditRequest(tier: .advanced, seats: 5), by: ann)
    _ = try w.checkCancel(.org("Acme"), by: ann)
    _ = try w.checkTransfer(.org("Acme"), to: "bob", by: ann)
    _ = try w.checkAppoint("bob", in: .space(.org, "Acme"), by: ann)
    #expect(
      throws: Failure(
        .billingOwnerOnly(
          w.byName(PlanID(index: 0)), owner: "ann", what: .changePlan, actorIsAdmin: false))
    ) {
      try w.checkEdit(.org("Acme"), EditRequest(seats: 5), by: bob)
    }
    let after = (
      w.plans.map(\.seats), w.plans.map(\.tier), w.invoices.count, w.plan(PlanID(index: 0)).status
    )
    expectTrue(before == after)
    let o = w.apply(edit)
    expectTrue(o.invoice != nil)
    expectEqual(w.plan(o.plan).tier, .advanced)
    expectEqual(w.plan(o.plan).seats, 5)
  }
}
