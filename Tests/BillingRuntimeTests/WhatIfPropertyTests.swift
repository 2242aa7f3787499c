import Foundation
import Testing

@testable import BillingModel
@testable import BillingRuntime
import BillingStore
import BillingSupport

/// Properties of the what-ifs (SPEC §8) on seeded random scenarios (the generator of
/// `PropertyTests`): marks and undo restore worlds that save byte-identical, forecasts and
/// comparisons change nothing, and a forecast's invoices are those `advance` then produces.
/// Runs: a tenth of `BILLSH_PROPERTY_RUNS` (at least 20), seeds after `BILLSH_PROPERTY_SEED`'s.
@Suite struct WhatIfPropertyTests {
  static var runs: Int { max(20, PropertyTests.runs / 10) }
  static func seed(_ i: Int, _ salt: UInt64) -> UInt64 {
    PropertyTests.baseSeed &+ salt &+ UInt64(i)
  }

  /// A random script: the lines a scenario of `PropertyTests` plays, and the generator after it.
  static func script(_ seed: UInt64) -> (
    lines: [String], kinds: [GenCommand], player: ScenarioPlayer
  ) {
    var player = ScenarioPlayer(seed: seed)
    player.checkEachCommand = false
    var kinds: [GenCommand] = []
    let prefix = [
      "create org Acme", "add ann bob cy --org Acme --admin", "add dee eve --org Acme",
      "create team Design --org Acme", "add ann dee --team Design --org Acme",
      "create workspace Wk", "add fay bob --workspace Wk",
    ]
    for p in prefix { kinds.append(GenCommand(text: p, kind: .setup)) }
    for _ in 0..<player.rng.int(10..<40) { kinds.append(player.nextCommand()) }
    return (kinds.map(\.text), kinds, player)
  }

  static let stateChanging: Set<String> = [
    "upgrade", "trial", "edit", "cancel", "resume", "transfer", "pay", "address", "appoint",
    "revoke",
  ]

  /// The world and clock, log and inboxes as `.save` writes them, without who acts.
  static func saved(_ s: Session) -> String { saved(s.world) }

  static func saved(_ w: World) -> String {
    var out = ""
    JSON.object(w.snapshot()).writePretty(to: &out)
    return out
  }

  /// `World.copy` copies every stored property: one left out keeps its initial value in the
  /// copy. The world below gives every property a value other than its initial one (the test
  /// says which does not, so a new property is given one here too). It is a forecast's world,
  /// so what a forecast plays is set too.
  @Test func copyCopiesEveryStoredProperty() {
    let s = Session()
    s.world.catalog.trialDays = 20
    for line in [
      "create org Acme", "add ann bob --org Acme --admin", "create team Design --org Acme",
      "add ann bob --team Design --org Acme", "as ann trial team Design --tier starter",
      "as ann upgrade org Acme --tier starter", "as bob cancel org Acme", "advance 3d",
      "as ann edit org Acme --seats 10", "as ann transfer org Acme --to bob",
      "create workspace W", "add cy --workspace W", "as cy upgrade workspace W --tier starter",
    ] {
      _ = s.perform(line)
    }
    let w = s.world
    guard let space = w.spaceID("W") else { return expectTrue(false, "no workspace W") }
    let world = w.copy().forecast(
      .space(space), to: w.today.adding(months: 2), invoicesFrom: w.invoices.count
    ).world
    let copy = world.copy()
    let initial = Dictionary(
      Mirror(reflecting: World()).children.map { ($0.label ?? "", dumped($0.value)) },
      uniquingKeysWith: { a, _ in a })
    let copied = Dictionary(
      Mirror(reflecting: copy).children.map { ($0.label ?? "", dumped($0.value)) },
      uniquingKeysWith: { a, _ in a })
    for child in Mirror(reflecting: world).children {
      let name = child.label ?? "?"
      let value = dumped(child.value)
      expectTrue(value != initial[name], "\(name): the test world leaves it at its initial value")
      expectTrue(value == copied[name], "\(name): World.copy does not copy it")
    }
  }

  private func dumped(_ value: Any) -> String {
    var out = ""
    dump(value, to: &out)
    return out
  }

  @Test func markThenBackSavesTheSameWorld() {
    for i in 0..<WhatIfPropertyTests.runs {
      let seed = WhatIfPropertyTests.seed(i, 2_000_000)
      var (lines, _, player) = WhatIfPropertyTests.script(seed)
      let cut = player.rng.int(0..<lines.count)
      let s = Session()
      for l in lines[..<cut] { s.perform(l) }
      expectTrue(s.perform(".mark m").isOK)
      let atMark = s.savedText()
      let undoableAtMark = s.history.undoable
      for l in lines[cut...] { s.perform(l) }
      expectTrue(s.perform(".back m").isOK)
      expectEqual(s.savedText(), atMark, "seed \(seed), mark after line \(cut)")
      // The undo history is the mark's too.
      expectEqual(s.history.undoable, undoableAtMark, "seed \(seed)")
      // Marks stay: a second path, then back again.
      for l in lines[cut...].reversed() { s.perform(l) }
      expectTrue(s.perform(".back m").isOK)
      expectEqual(s.savedText(), atMark, "seed \(seed), second .back")
    }
  }

  @Test func undoAfterNCommandsSavesTheSameWorld() {
    for i in 0..<WhatIfPropertyTests.runs {
      let seed = WhatIfPropertyTests.seed(i, 3_000_000)
      var (_, kinds, player) = WhatIfPropertyTests.script(seed)
      let s = Session()
      // The world before each command that changed it, oldest first (a copy: it shares the
      // world's tables until they change, and only the two compared below are saved).
      var before: [World] = []
      for c in kinds {
        let prior = s.world.copy()
        let today = s.world.today
        let o = s.perform(c.text)
        let changed =
          o.isOK
          && (c.kind == .setup
            || (c.kind == .action && WhatIfPropertyTests.stateChanging.contains(c.verb))
            || (c.kind == .advance && s.world.today != today))
        if changed { before.append(prior) }
      }
      expectEqual(s.history.undoable, before.count, "seed \(seed)")
      let n = player.rng.int(1..<(before.count + 1))
      let o = s.perform(".undo \(n)")
      expectTrue(o.isOK, "seed \(seed): \(o.text)")
      expectEqual(
        WhatIfPropertyTests.saved(s), WhatIfPropertyTests.saved(before[before.count - n]),
        "seed \(seed), .undo \(n)")
      // Then once more, from there.
      if before.count > n {
        expectTrue(s.perform(".undo").isOK)
        expectEqual(
          WhatIfPropertyTests.saved(s), WhatIfPropertyTests.saved(before[before.count - n - 1]),
          "seed \(seed)")
      }
    }
  }

  /// At least 1,000 steps back, across checkpoints and the history's trimming.
  @Test func undoReachesAThousandStepsBack() {
    let s = Session()
    s.keepsResults = false
    s.perform("create org Acme")
    // Each round changes the world once (a new member, or a day), so `.undo 1000` goes back to
    // before round 1,600, and three more to before round 1,597.
    var before: [Int: String] = [:]
    for i in 0..<2_600 {
      if i == 1_597 || i == 1_600 { before[i] = WhatIfPropertyTests.saved(s) }
      // Some refused commands in between: they leave a log entry each.
      if i % 7 == 6 { s.perform("add u0 --org Acme") }
      s.perform(i % 50 == 49 ? "advance 1d" : "add u\(i) --org Acme")
    }
    expectEqual(s.history.undoable, 2_601)
    expectTrue(s.perform(".undo 1000").isOK)
    expectEqual(WhatIfPropertyTests.saved(s), before[1_600])
    expectTrue(s.perform(".undo 3").isOK)
    expectEqual(WhatIfPropertyTests.saved(s), before[1_597])
  }

  /// On a small world checkpoints are taken and old steps dropped, yet 1,000 stay undoable.
  @Test func checkpointsAndTrimmingKeepAThousand() {
    let s = Session()
    s.keepsResults = false
    for l in ["create org Acme", "add ann bob --org Acme", "login ann"] { s.perform(l) }
    s.perform("upgrade org Acme --tier starter --monthly")
    var before: [Int: String] = [:]
    for i in 0..<3_000 {
      if i == 1_800 || i == 1_999 { before[i] = WhatIfPropertyTests.saved(s) }
      s.perform(i % 3 == 0 ? "advance 1d" : i % 3 == 1 ? "add x\(i) --org Acme" : "plan org Acme")
    }
    let h = s.history
    expectTrue(h.checkpoints.count > 1)
    expectTrue(h.start > 0)
    expectTrue(h.undoable >= UndoHistory.kept)
    expectTrue(h.undoable < 2_000)
    // 2,000 rounds, two of every three a change: 1,334 changes since round 1,000.
    let o = s.perform(".undo \(h.undoable + 1)")
    expectEqual(o.failure?.code, .conflict)
    expectTrue(s.perform(".undo 667").isOK)
    expectEqual(WhatIfPropertyTests.saved(s), before[1_999])
    expectTrue(s.perform(".undo 133").isOK)
    expectEqual(WhatIfPropertyTests.saved(s), before[1_800])
  }

  /// `.reset` is undone like a command, with the log of the world it replaced.
  @Test func undoAcrossAReset() {
    let s = Session()
    for l in ["create org Acme", "add ann --org Acme", "add ann --org Acme", "login ann"] {
      s.perform(l)
    }
    let before = WhatIfPropertyTests.saved(s)
    for l in [".reset", "create org Beta", "add bo --org Beta", "add bo --org Beta"] {
      s.perform(l)
    }
    let o = s.perform(".undo 3")
    expectTrue(o.isOK)
    expectEqual(WhatIfPropertyTests.saved(s), before)
    #expect(
      o.result
        == .object([
          (
            "undone",
            .array([".reset", "create org Beta", "add bo --org Beta"].map { .string($0) })
          ),
          ("date", .string("2026-01-01")), ("actor", .null),
        ]))
  }

  /// The JSON results have the fields SPEC §8 names, in its order.
  @Test func jsonResultsHaveTheSpecFields() {
    func keys(_ o: Outcome) -> [String] {
      guard case .object(let pairs) = o.result else { return [] }
      return pairs.map(\.0)
    }
    let s = Session()
    for l in ["create org Acme", "add ann bob --org Acme", "login ann"] { s.perform(l) }
    s.perform("upgrade org Acme --tier starter --monthly")
    expectEqual(keys(s.perform(".mark m")), ["mark", "date", "actor"])
    let marks = s.perform(".marks")
    expectEqual(keys(marks), ["marks"])
    if case .object(let p) = marks.result, case .array(let list) = p[0].1,
      case .object(let m) = list.first
    {
      expectEqual(m.map(\.0), ["name", "date", "ago", "actor"])
    } else {
      Issue.record("no marks in \(marks.result)")
    }
    let f = s.perform("forecast org Acme 2m")
    expectEqual(keys(f), ["from", "to", "events", "invoices", "total_cents"])
    let c = s.perform("compare org Acme 2m --with \"edit org Acme --seats 5\"")
    #expect(
      keys(c) == ["scope", "command", "from", "to", "as_is", "after", "difference_cents"])
    expectEqual(keys(s.perform("add cy --org Acme")).isEmpty, false)
    expectEqual(keys(s.perform(".undo")), ["undone", "date", "actor"])
    expectEqual(keys(s.perform(".back m")), ["mark", "date", "actor"])
  }

  /// `clock <date>` (back or forward) and `advance to` are undone when they moved the clock.
  @Test func undoOfTheDatedClockCommands() {
    let s = Session()
    let start = WhatIfPropertyTests.saved(s)
    s.perform("clock 2025-03-31")
    let set = WhatIfPropertyTests.saved(s)
    s.perform("create org Acme")
    s.perform("add ann bob --org Acme")
    s.perform("as ann upgrade org Acme --tier starter --monthly")
    let paid = WhatIfPropertyTests.saved(s)
    s.perform("advance to 2025-07-15")
    s.perform("advance to 2025-07-15")
    expectTrue(s.perform(".undo").isOK)
    expectEqual(WhatIfPropertyTests.saved(s), paid)
    expectTrue(s.perform(".undo 3").isOK)
    expectEqual(WhatIfPropertyTests.saved(s), set)
    expectEqual(s.world.today.description, "2025-03-31")
    expectTrue(s.perform(".undo").isOK)
    expectEqual(WhatIfPropertyTests.saved(s), start)
    // Replayed from the start: the clock goes back again.
    for l in ["clock 2024-02-29", "create org Beta", "clock 2024-01-01", "create user cy"] {
      s.perform(l)
    }
    let end = WhatIfPropertyTests.saved(s)
    s.perform("create user dee")
    expectTrue(s.perform(".undo").isOK)
    expectEqual(WhatIfPropertyTests.saved(s), end)
  }

  @Test func forecastAndCompareChangeNothing() {
    for i in 0..<WhatIfPropertyTests.runs {
      let seed = WhatIfPropertyTests.seed(i, 4_000_000)
      var (lines, _, player) = WhatIfPropertyTests.script(seed)
      let s = Session()
      for l in lines { s.perform(l) }
      let prior = s.savedText()
      let undoable = s.history.undoable
      let span = player.rng.pick(["", " 1m", " 45d", " 2y"])
      s.perform("forecast \(player.scope().text)\(span)")
      let action = player.actionCommand()
      s.perform(
        "compare \(player.scope().text)\(span) --with \"\(action.text.replacingOccurrences(of: "\"", with: "\\\""))\""
      )
      expectEqual(s.savedText(), prior, "seed \(seed)")
      expectEqual(s.history.undoable, undoable, "seed \(seed)")
    }
  }

  @Test func forecastInvoicesAreThoseAdvanceProduces() {
    var compared = 0
    for i in 0..<WhatIfPropertyTests.runs * 2 {
      let seed = WhatIfPropertyTests.seed(i, 5_000_000)
      var (lines, _, player) = WhatIfPropertyTests.script(seed)
      let s = Session()
      for l in lines { s.perform(l) }
      let ref = player.scope()
      let span = player.rng.pick(["1m", "45d", "12m", "2y", "400d"])
      let f = s.perform("forecast \(ref.text) \(span)")
      guard f.isOK, let scope = ref.resolve(s.world) else { continue }
      let followed = s.world.forecastPlans(scope)
      let first = s.world.invoices.count
      expectTrue(s.perform("advance \(span)").isOK)
      let issued = s.world.invoices[first...].filter { followed.contains($0.plan) }.map {
        s.world.invoiceJSON($0.id)
      }
      guard case .object(let fields) = f.result,
        let invoices = fields.first(where: { $0.0 == "invoices" })?.1
      else {
        Issue.record("forecast JSON has no invoices")
        return
      }
      expectEqual(invoices, JSON.array(issued), "seed \(seed): forecast \(ref.text) \(span)")
      if !issued.isEmpty { compared += 1 }
    }
    expectTrue(compared > 0)
  }
}
