import Testing

@testable import BillingModel
@testable import BillingRuntime
import BillingSupport

/// Remedies are commands (SPEC §8): `sales`, `support transfer`, and `billing` agreeing with
/// `can`.
@Suite struct RemedyTests {
  static let scopes: [GenScope] = [
    .org("Acme"), .org("Beta"), .workspace("Wk"), .team("Design", org: "Acme"),
    .team("Ops", org: "Acme"), .team("Design", org: "Beta"),
  ]

  /// Commands that try a billing-tab action on a scope; the action is possible when one is
  /// allowed.
  static func attempts(_ action: String, _ scope: String, handles: [String]) -> [String] {
    switch action {
    case "edit":
      let seats = [2, 3, 4, 5, 10, 20, 30, 50, 100, 125].map { "edit \(scope) --seats \($0)" }
      return seats + ["starter", "advanced"].map { "edit \(scope) --tier \($0)" } + [
        "edit \(scope) --monthly", "edit \(scope) --annual",
      ]
    case "pay": return ["card", "paypal"].map { "pay \(scope) --method \($0)" }
    case "transfer": return handles.map { "transfer \(scope) --to \($0)" }
    case "address": return ["address \(scope) \"1 Main St\""]
    default: return ["\(action) \(scope)"]
    }
  }

  /// Property: for every user and scope of random worlds, each action `billing` lists as
  /// possible is one `can` allows, and each one it lists as closed `can` refuses.
  @Test(arguments: 0..<2) func billingAgreesWithCan(_ part: Int) {
    let runs = max(1, PropertyTests.runs / 20)
    var tabs = 0, possible = 0
    for i in (0..<runs).filter({ $0 % 2 == part }) {
      let seed = PropertyTests.baseSeed &+ 7_000_000 &+ UInt64(i)
      var player = ScenarioPlayer(seed: seed)
      player.checkEachCommand = false
      player.play()
      let s = player.session
      for u in ScenarioPlayer.users where s.world.userID(u) != nil {
        for scope in Self.scopes {
          let tab = s.perform("as \(u) billing \(scope.text)")
          guard tab.isOK, case .array(let rows)? = tab.result["actions"] else { continue }
          tabs += 1
          for row in rows {
            guard let name = row["name"]?.asString, name != "contact support" else { continue }
            let listed = row["allowed"] == .bool(true)
            let tries = Self.attempts(name, scope.text, handles: ScenarioPlayer.users)
            let allowedBy = tries.first { t in
              s.perform("can \(u) \(t)").result["allowed"] == .bool(true)
            }
            if listed { possible += 1 }
            #expect(
              listed == (allowedBy != nil),
              """
              seed \(seed): billing lists \(name) for \(u) on \(scope.text) as \(listed ? "yes" : "no"), \
              but can \(allowedBy.map { "allows \($0)" } ?? "allows none of \(tries)")
              script:
              \(player.script.joined(separator: "\n"))
              """)
            if listed != (allowedBy != nil) { return }
          }
        }
      }
    }
    // The worlds must reach billing tabs with open actions, or the property proves little.
    expectTrue(tabs > 0 && possible > 0, "tabs \(tabs), possible \(possible)")
  }

  static let enterprise = [
    "create org Acme", "add ann bob --org Acme --admin", "add cy --org Acme --guest",
    "create plan org Acme --tier enterprise --owner ann --seats 30 --unit-cents 5000",
  ]

  @Test func salesChangesWhatEditRefuses() {
    let s = played(Self.enterprise)
    expectEqual(s.perform("as ann edit org Acme --seats 40").failure?.rule, .r9)
    let o = s.perform("sales org Acme --seats 40 --pay invoice")
    expectTrue(o.isOK, "\(o.text)")
    expectEqual(o.result["plan"]?["seats"]?.asInt, 40)
    expectEqual(o.result["plan"]?["payment"]?.asString, "invoice")
    // P3: 10 seats × $50.00 for the whole year, charged now.
    expectEqual(o.result["invoice"]?["amount_cents"]?.asInt, 50_000)
    // Sales acts as nobody: the log has no actor.
    expectEqual(s.world.log.last?.actor, nil)
  }

  @Test(arguments: [
    ("sales org Acme --monthly --pay invoice", "unavailable"),
    ("sales org Acme --seats 10 --pay invoice", "unavailable"),
    ("sales org Acme", "usage"),
    ("sales org Acme --seats 30", "conflict"),
    ("sales org Nope --seats 40", "not-found"),
    ("sales org Acme --tier starter --unit-cents 100", "invalid"),
  ])
  func salesRefusesWhatSalesCannotDo(_ line: String, _ code: String) {
    let s = played(Self.enterprise)
    let seats = s.world.plans.first?.seats
    let o = s.perform(line)
    expectEqual(o.failure?.code.rawValue, code, "\(o.text)")
    expectEqual(s.world.plans.first?.seats, seats)
  }

  @Test func salesDecreasesAndCycleChangesWaitForTheRenewal() {
    let s = played([
      "create org Acme", "add ann --org Acme --admin",
      "as ann upgrade org Acme --tier advanced --seats 10",
    ])
    let o = s.perform("sales org Acme --tier starter --seats 5 --monthly")
    expectTrue(o.isOK, "\(o.text)")
    expectEqual(o.result["invoice"], .null)
    expectEqual(o.result["plan"]?["scheduled"]?["tier"]?.asString, "starter")
    expectEqual(o.result["plan"]?["scheduled"]?["seats"]?.asInt, 5)
    expectEqual(o.result["plan"]?["scheduled"]?["cycle"]?.asString, "monthly")
  }

  @Test func salesSetsAPriceARiseChargedNowALowerOneNotRefunded() {
    let s = played(Self.enterprise)
    // An enterprise tier needs its price from sales (R9).
    expectEqual(s.perform("sales org Acme --tier enterprise-plus").failure?.code, .usage)
    let up = s.perform("sales org Acme --unit-cents 6000")
    expectTrue(up.isOK, "\(up.text)")
    // 30 seats × $10.00 more for the whole year, charged now (P3).
    expectEqual(up.result["invoice"]?["amount_cents"]?.asInt, 30_000)
    let down = s.perform("sales org Acme --unit-cents 5500")
    expectTrue(down.isOK, "\(down.text)")
    expectEqual(down.result["invoice"], .null)
    expectEqual(down.result["plan"]?["period_cents"]?.asInt, 165_000)
  }

  @Test func supportTransfersWhenTheOwnerCannot() {
    let s = played(Self.enterprise)
    expectEqual(s.perform("support transfer org Acme --to cy").failure?.rule, .r15)
    expectEqual(s.perform("support transfer org Acme --to ann").failure?.code, .invalid)
    let o = s.perform("support transfer org Acme --to bob")
    expectTrue(o.isOK, "\(o.text)")
    expectEqual(o.result["plan"]?["billing_owner"]?.asString, "bob")
    expectTrue(s.perform("remove ann --org Acme").isOK)
    let timeline = s.perform("timeline org Acme").text
    expectTrue(timeline.contains("passed from ann to bob"), "\(timeline)")
  }
}
