import LineEditing
import Testing

@testable import BillingRuntime
@testable import BillingShell

/// Tab completion over the demo world, without a terminal: `Completer(world:)`
/// gets the text before the cursor and returns the word length and the
/// candidates (full replacements for that word, quoted when needed).
@Suite struct CompleterTests {
  /// A session that played the demo script (Acme with teams Design and
  /// Platform, workspace "Side Project", two paid plans, ann logged in).
  private static func demoSession() -> Session {
    let session = Session()
    Demo.load(into: session)
    return session
  }

  private func complete(_ text: String) -> TabCompletion {
    Completer(world: Self.demoSession().world).complete(text)
  }

  private func candidates(_ text: String) -> [String] { complete(text).candidates }

  // MARK: - Command words

  @Test func commandWordsFromAnEmptyLine() {
    let all = candidates("")
    for word in [
      "create", "add", "login", "as", "upgrade", "plan", "invoice", "can", "show", ".help",
      ".record", ".quit",
    ] {
      expectTrue(all.contains(word), "missing \(word) in \(all)")
    }
    expectEqual(all, all.sorted())
    expectEqual(Set(all).count, all.count, "duplicates in \(all)")
    expectEqual(complete("").wordLength, 0)
  }

  /// What-ifs: the command words, scopes after `forecast`, and the session's marks after `.back`.
  @Test func whatIfCommandsAndMarks() {
    let session = Self.demoSession()
    session.perform(".mark before")
    session.perform(".mark after")
    let c = Completer(world: session.world, marks: session.markNames)
    expectEqual(c.complete(".ma").candidates, [".mark", ".marks"])
    expectEqual(c.complete(".un").candidates, [".undo"])
    expectEqual(c.complete("fore").candidates, ["forecast"])
    expectEqual(c.complete("compare org Acme 12m --w").candidates, ["--with"])
    expectEqual(c.complete("forecast o").candidates, ["org"])
    expectEqual(c.complete(".back ").candidates, ["after", "before"])
    expectEqual(c.complete(".back b").candidates, ["before"])
  }

  /// `.pager` is a shell command of the table: Tab knows it and offers on and off after it.
  @Test func pagerAndItsValues() {
    expectEqual(candidates(".pa"), [".pager"])
    expectEqual(Set(candidates(".pager ")), ["on", "off"])
    expectEqual(candidates(".pager o").sorted(), ["off", "on"])
    let session = Self.demoSession()
    expectTrue(session.perform(".pager off").isOK)
    expectEqual(session.pager, false)
    expectTrue(session.perform(".pager on").isOK)
    expectEqual(session.pager, true)
    expectTrue(!session.perform(".pager maybe").isOK)
  }

  @Test func commandWordByPrefix() {
    expectEqual(candidates("upg"), ["upgrade"])
    expectEqual(complete("upg").wordLength, 3)
    expectEqual(candidates("in"), ["inbox", "invoice", "invoices"])
    expectEqual(candidates(".he"), [".help"])
    expectEqual(candidates("zzz"), [])
  }

  @Test func createOffersWhatCanBeCreated() {
    expectEqual(Set(candidates("create ")), ["user", "org", "workspace", "team", "plan"])
    expectEqual(candidates("create wo"), ["workspace"])
  }

  @Test func scopeKindsAfterAnActionVerb() {
    expectEqual(Set(candidates("upgrade ")), ["org", "workspace", "team"])
    expectEqual(candidates("plan t"), ["team"])
  }

  // MARK: - Flags and their values

  @Test func flagsOfTheCurrentCommand() {
    expectEqual(candidates("upgrade org Acme --ti"), ["--tier"])
    expectEqual(complete("upgrade org Acme --ti").wordLength, 4)
    let all = Set(candidates("upgrade org Acme --"))
    #expect(
      all.isSuperset(of: [
        "--tier", "--seats", "--monthly", "--annual", "--billing-owner", "--pay", "--address",
      ]))
    // A flag already given is not offered again.
    expectTrue(!candidates("upgrade org Acme --tier starter --").contains("--tier"))
    // Flags of another command do not leak in.
    expectTrue(!all.contains("--method"))
  }

  @Test func flagValues() {
    #expect(
      Set(candidates("upgrade org Acme --tier ")).isSuperset(of: [
        "starter", "advanced", "enterprise",
      ]))
    expectEqual(candidates("upgrade org Acme --tier adv"), ["advanced"])
    #expect(
      Set(candidates("upgrade org Acme --tier starter --pay ")) == ["card", "paypal", "invoice"])
    expectEqual(candidates("upgrade org Acme --pay pa"), ["paypal"])
    expectEqual(Set(candidates("pay team Design --method ")), ["card", "paypal"])
  }

  // MARK: - Names from the world

  @Test func usersAfterLogin() {
    #expect(
      Set(candidates("login ")) == ["ann", "bob", "carl", "dana", "erin", "fay", "gus", "hal"])
    expectEqual(candidates("login ca"), ["carl"])
  }

  @Test func teamsAfterPlanTeam() {
    expectEqual(Set(candidates("plan team ")), ["Design", "Platform"])
    expectEqual(candidates("plan team Des"), ["Design"])
    expectEqual(complete("plan team Des").wordLength, 3)
  }

  @Test func orgsAfterOrgFlag() {
    expectEqual(candidates("create team Ops --org "), ["Acme"])
    expectEqual(candidates("add bob --org A"), ["Acme"])
  }

  @Test func invoiceIDs() {
    let ids = candidates("invoice ")
    expectTrue(ids.contains("INV-0001"), "\(ids)")
    expectTrue(ids.contains("INV-0002"), "\(ids)")
    expectEqual(candidates("invoice INV-0002"), ["INV-0002"])
  }

  @Test func namesWithSpacesComeQuoted() {
    expectEqual(candidates("plan workspace Side"), ["\"Side Project\""])
    expectEqual(complete("plan workspace Side").wordLength, 4)
    // An open quote is part of the word being completed.
    expectEqual(candidates("plan workspace \"Side P"), ["\"Side Project\""])
    expectEqual(complete("plan workspace \"Side P").wordLength, 7)
    expectEqual(candidates("add hal --workspace S"), ["\"Side Project\""])
  }

  @Test func namesCreatedInTheSessionAreOffered() {
    let session = Self.demoSession()
    session.perform("create org \"Café Ünïcode\"")
    session.perform("create team 設計 --org \"Café Ünïcode\"")
    let completer = Completer(world: session.world)
    expectEqual(completer.complete("create team X --org Ca").candidates, ["\"Café Ünïcode\""])
    expectEqual(completer.complete("plan team 設").candidates, ["設計"])
  }

  // MARK: - Quotes, escapes and comments (the language's own tokenizer)

  @Test func aClosedQuoteIsReplacedWhole() {
    expectEqual(candidates("plan workspace \"Side Project\""), ["\"Side Project\""])
    expectEqual(complete("plan workspace \"Side Project\"").wordLength, 14)
    expectEqual(candidates("plan workspace \"Side Project\" "), [])
  }

  @Test func quotedWordsAreNotFlagsOrCommands() {
    expectEqual(candidates("upgrade org Acme \"--ti"), [])
    expectEqual(candidates("\"upgrade\" "), [])
    #expect(
      Set(candidates("upgrade org \"Acme\" --tier ")).isSuperset(of: ["starter", "advanced"]))
  }

  @Test func escapesInsideQuotes() {
    let session = Self.demoSession()
    session.perform(#"create org "Say \"Hi\"""#)
    let completer = Completer(world: session.world)
    let c = completer.complete(#"add bob --org "Say \"H"#)
    #expect(c.candidates == [#""Say \"Hi\"""#])
    expectEqual(c.wordLength, 8)
  }

  @Test func nothingToCompleteInAComment() {
    expectEqual(candidates("login ann # ca"), [])
    expectEqual(candidates("# login ca"), [])
    expectEqual(candidates("login #"), [])
    expectEqual(candidates("create org \"A # B"), [])
  }

  // MARK: - as / can

  @Test func asAndCanTakeAUserThenACommand() {
    expectEqual(candidates("as ca"), ["carl"])
    expectEqual(candidates("can ca"), ["carl"])
    expectEqual(candidates("as ann upg"), ["upgrade"])
    // Shell commands cannot be run as someone.
    expectTrue(candidates("as ann ").contains("upgrade"))
    expectTrue(!candidates("as ann ").contains { $0.hasPrefix(".") })
    expectEqual(candidates("can ann ."), [])
    expectEqual(candidates("can ann upg"), ["upgrade"])
    expectEqual(candidates("as ann plan team Des"), ["Design"])
    expectEqual(candidates("can ann upgrade org Acme --ti"), ["--tier"])
    #expect(
      Set(candidates("as carl upgrade team Design --tier starter --pay ")) == [
        "card", "paypal", "invoice",
      ])
  }

  @Test func asOffersOnlyWhatItCanRun() {
    let afterAs = Set(candidates("as ann "))
    // Setup, actions and views, from the command table's groups.
    expectTrue(afterAs.isSuperset(of: ["create", "add", "upgrade", "downgrade", "quote", "can"]))
    // Not another `as`, no session commands, no shell commands: the parser refuses or undoes them.
    expectTrue(afterAs.isDisjoint(with: ["as", "login", "logout", "whoami", ".help", ".quit"]))
    expectEqual(candidates("as ann a"), ["add", "address", "advance", "appoint"])
    expectEqual(candidates("as ann as "), [])
    expectEqual(candidates("as ann create t"), ["team"])
    // `can` inside `as` still checks actions only.
    expectEqual(candidates("as ann can bob cre"), [])
    expectEqual(candidates("as ann can bob upg"), ["upgrade"])
  }

  @Test func canOffersOnlyActions() {
    let afterCan = Set(candidates("can ann "))
    expectTrue(afterCan.isSuperset(of: ["upgrade", "edit", "downgrade", "cancel", "transfer"]))
    #expect(
      afterCan.isDisjoint(with: ["create", "add", "quote", "features", "can", "as", "login"]))
    expectEqual(candidates("can ann create "), [])
    expectEqual(candidates("can ann cre"), [])
    expectEqual(candidates("can ann ad"), ["address"])
  }

  // MARK: - Billing owners (R11, R15)

  @Test func billingOwnersAreMembersOfTheSpaceHoldingTheScope() {
    let acme = ["ann", "bob", "carl", "dana", "erin"]  // gus is a guest; fay, hal are elsewhere
    // R11: upgrade --billing-owner; a team's plan is held by its organization.
    expectEqual(Set(candidates("upgrade org Acme --tier starter --billing-owner ")), Set(acme))
    expectEqual(Set(candidates("upgrade team Platform --billing-owner ")), Set(acme))
    expectEqual(Set(candidates("upgrade team Design --org Acme --billing-owner ")), Set(acme))
    expectEqual(candidates("upgrade org Acme --billing-owner g"), [])
    #expect(
      Set(candidates("upgrade workspace \"Side Project\" --billing-owner ")) == ["fay", "hal"])
    // R15: transfer --to.
    expectEqual(Set(candidates("transfer team Design --to ")), Set(acme))
    expectEqual(
      Set(candidates("as fay transfer workspace \"Side Project\" --to ")), ["fay", "hal"])
    // R11: create plan --owner.
    #expect(
      Set(candidates("create plan org Acme --tier enterprise --owner ")) == Set(acme))
  }

  @Test func everyoneWhileTheScopeIsUnknown() {
    let everyone: Set = ["ann", "bob", "carl", "dana", "erin", "fay", "gus", "hal"]
    // No scope typed yet, or one that names nothing: all handles.
    expectEqual(Set(candidates("upgrade --billing-owner ")), everyone)
    expectEqual(Set(candidates("upgrade org Nowhere --billing-owner ")), everyone)
    expectEqual(Set(candidates("transfer team Nope --to ")), everyone)
    expectEqual(Set(candidates("create plan --owner ")), everyone)
    // Other user positions still offer everyone.
    expectEqual(Set(candidates("features ")), everyone)
  }
}

/// Completion details of the desk's second round (issue 25).
extension CompleterTests {
  @Test func timelineOffersNoInvoicesAndShowOffersIDsAfterTheirWord() {
    let world = Self.desk().world
    let timeline = Completer(world: world).complete("timeline ").candidates
    expectTrue(timeline.contains("P1"), "\(timeline)")
    expectTrue(!timeline.contains { $0.hasPrefix("INV-") }, "\(timeline)")
    let show = Completer(world: world).complete("show ").candidates
    expectTrue(show.contains("INV-0001") && show.contains("plan") && show.contains("invoice"))
    expectEqual(Completer(world: world).complete("show invoice ").candidates.first, "INV-0001")
    expectEqual(Completer(world: world).complete("show plan ").candidates, ["P1", "P2"])
  }

  @Test func clockOffersNoDateOnceAPlanExists() {
    expectEqual(Completer(world: Self.desk().world).complete("clock ").candidates, [])
    let empty = Session()
    expectEqual(Completer(world: empty.world).complete("clock ").candidates.count, 1)
  }

  @Test func ruleIDsCompleteInAnyCase() {
    let world = Self.desk().world
    expectEqual(Completer(world: world).complete("rules r1").candidates.contains("R14"), true)
    expectEqual(Completer(world: world).complete("rules r14").candidates, ["R14"])
  }

  private static func desk() -> Session {
    let session = Session()
    Demo.load(into: session)
    return session
  }
}

extension CompleterTests {
  @Test func insideCompareWithTheStepCompletesAndTheQuoteStaysOpen() {
    let session = Session()
    Demo.load(into: session)
    let c = Completer(world: session.world)
    let first = c.complete("compare org Acme --with \"adv")
    expectEqual(first.candidates, ["\"advance"])
    expectEqual(first.wordLength, 4)
    let step = c.complete("compare org Acme --with \"advance 10d; edit org Ac")
    expectEqual(step.candidates, ["\"advance 10d; edit org Acme"])
    expectTrue(c.complete("explain ").candidates.contains("last"))
    expectEqual(c.complete("explain INV-0001 --lang ").candidates, ["en", "id"])
    let asUser = c.complete("compare org Acme --with \"as ann up")
    expectEqual(asUser.candidates, ["\"as ann upgrade"])
  }
}
