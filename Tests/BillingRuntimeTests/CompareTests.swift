import Testing

@testable import BillingModel
@testable import BillingRuntime
import BillingSupport

/// Paths compared (SPEC §8): `compare` with alternatives of several steps.
@Suite struct CompareTests {
  /// Random steps for a scope: actions, setup commands and `advance` inside a year.
  static func steps(_ rng: inout SeededRandom, scope: GenScope, owner: String?) -> [String] {
    var out: [String] = []
    for _ in 0..<rng.int(1..<4) {
      // NB: mostly the plan's owner, so that most paths play.
      let u = owner.flatMap { rng.chance(0.8) ? $0 : nil } ?? rng.pick(ScenarioPlayer.users)
      switch rng.int(0..<7) {
      case 0: out.append("advance \(rng.int(1..<90))d")
      case 1: out.append("as \(u) edit \(scope.text) --seats \(rng.pick([3, 5, 10, 20]))")
      case 2: out.append("as \(u) edit \(scope.text) \(rng.pick(["--annual", "--monthly"]))")
      case 3: out.append("add \(rng.pick(["gus", "hal", "ike"])) --org Acme")
      case 4: out.append("as \(u) cancel \(scope.text)")
      case 5:
        out.append("as \(u) upgrade \(scope.text) --tier \(rng.pick(["starter", "advanced"]))")
      default: out.append("as \(u) edit \(scope.text) --tier advanced")
      }
    }
    return out
  }

  /// Property: an alternative with steps S lists the invoices that playing S and then
  /// `advance` to the window's end issues for the scope's plans: the same ids and amounts.
  @Test func anAlternativeIsItsStepsPlayedThenTheClock() {
    let runs = max(1, PropertyTests.runs / 10)
    var compared = 0
    for i in 0..<runs {
      let seed = PropertyTests.baseSeed &+ 9_000_000 &+ UInt64(i)
      var player = ScenarioPlayer(seed: seed)
      player.checkEachCommand = false
      player.play()
      let s = player.session
      // NB: mostly a scope with a plan, so that most paths have something to change.
      let known = RemedyTests.scopes.filter { $0.resolve(s.world) != nil }
      let paid = known.filter { $0.resolve(s.world).flatMap { s.world.coveringPlan($0) } != nil }
      guard !known.isEmpty else { continue }
      let scope = player.rng.pick(paid.isEmpty || player.rng.chance(0.2) ? known : paid)
      let owner = scope.resolve(s.world).flatMap { s.world.coveringPlan($0) }.map {
        s.world.handle(s.world.plan($0).owner)
      }
      let steps = Self.steps(&player.rng, scope: scope, owner: owner)
      let with = steps.joined(separator: "; ")
      let o = s.perform("compare \(scope.text) 12m --with \"\(with)\"")
      guard o.isOK, case .array(let alts)? = o.result["alternatives"],
        let listed = alts.first?["invoices"]?.asArray, let to = o.result["to"]?.asString,
        let target = Day(to), let resolved = scope.resolve(s.world)
      else { continue }
      compared += 1
      let first = s.world.invoices.count
      var followed = s.world.forecastPlans(resolved)
      for step in steps {
        expectTrue(s.perform(step).isOK, "seed \(seed): \(step)")
        followed.formUnion(s.world.forecastPlans(resolved))
      }
      if s.world.today < target { expectTrue(s.perform("advance to \(to)").isOK) }
      followed.formUnion(s.world.forecastPlans(resolved))
      let played = s.world.invoices[first...].filter { followed.contains($0.plan) }
      expectEqual(
        listed.map { "\($0["id"]?.asString ?? "") \($0["amount_cents"]?.asInt ?? -1)" },
        played.map { "\($0.id) \($0.amountCents)" },
        "seed \(seed): compare \(scope.text) 12m --with \"\(with)\"")
    }
    expectTrue(compared > runs / 20, "only \(compared) of \(runs) compared")
  }

  @Test func aFailingStepNamesItsAlternativeAndStepAndChangesNothing() {
    let s = Session()
    for l in [
      "create org Acme", "add ann bob --org Acme --admin",
      "as ann upgrade org Acme --tier starter --monthly",
    ] { expectTrue(s.perform(l).isOK) }
    let before = s.savedText()
    let o = s.perform(
      "compare org Acme 3m --with \"as ann edit org Acme --annual\" --with \"advance 10d; as bob cancel org Acme\""
    )
    expectEqual(o.failure?.rule, .r14)
    expectTrue(
      o.failure?.message.hasPrefix("alternative 2, step 2 (\"as bob cancel org Acme\"): ") == true,
      "\(o.text)")
    let outside = s.perform("compare org Acme 1m --with \"advance 2m\"")
    expectEqual(outside.failure?.code, .invalid)
    // Nothing changed but the log (a compare is not logged).
    expectEqual(s.savedText(), before)
    let five = s.perform(
      "compare org Acme --with \"advance 1d\" --with \"advance 2d\" --with \"advance 3d\" --with \"advance 4d\" --with \"advance 5d\""
    )
    expectEqual(five.failure?.code, .usage)
  }

  @Test func theCheapestIsNamedAndEachDifferenceGiven() {
    let s = Session()
    for l in [
      "create org Acme", "add ann bob --org Acme --admin",
      "as ann upgrade org Acme --tier advanced --monthly",
    ] { expectTrue(s.perform(l).isOK) }
    let o = s.perform(
      "compare org Acme 12m --with \"as ann edit org Acme --annual\" --with \"as ann cancel org Acme\""
    )
    expectTrue(o.isOK, "\(o.text)")
    let alts = o.result["alternatives"]?.asArray ?? []
    expectEqual(alts.count, 2)
    let asIs = o.result["as_is"]?["total_cents"]?.asInt ?? 0
    for a in alts {
      expectEqual(
        a["difference_cents"]?.asInt, (a["total_cents"]?.asInt ?? 0) - asIs)
    }
    expectTrue(o.text.hasSuffix("cheapest: with \"as ann cancel org Acme\", $0.00"), "\(o.text)")
  }
}
