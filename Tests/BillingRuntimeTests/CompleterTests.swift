import Testing

@testable import BillingRuntime

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

  private func complete(_ text: String) -> Completion {
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
      #expect(all.contains(word), "missing \(word) in \(all)")
    }
    #expect(all == all.sorted())
    #expect(Set(all).count == all.count, "duplicates in \(all)")
    #expect(complete("").wordLength == 0)
  }

  /// What-ifs: the command words, scopes after `forecast`, and the session's marks after `.back`.
  @Test func whatIfCommandsAndMarks() {
    let session = Self.demoSession()
    session.perform(".mark before")
    session.perform(".mark after")
    let c = Completer(world: session.world, marks: session.markNames)
    #expect(c.complete(".ma").candidates == [".mark", ".marks"])
    #expect(c.complete(".un").candidates == [".undo"])
    #expect(c.complete("fore").candidates == ["forecast"])
    #expect(c.complete("compare org Acme 12m --w").candidates == ["--with"])
    #expect(c.complete("forecast o").candidates == ["org"])
    #expect(c.complete(".back ").candidates == ["after", "before"])
    #expect(c.complete(".back b").candidates == ["before"])
  }

  @Test func commandWordByPrefix() {
    #expect(candidates("upg") == ["upgrade"])
    #expect(complete("upg").wordLength == 3)
    #expect(candidates("in") == ["inbox", "invoice", "invoices"])
    #expect(candidates(".he") == [".help"])
    #expect(candidates("zzz") == [])
  }

  @Test func createOffersWhatCanBeCreated() {
    #expect(Set(candidates("create ")) == ["user", "org", "workspace", "team", "plan"])
    #expect(candidates("create wo") == ["workspace"])
  }

  @Test func scopeKindsAfterAnActionVerb() {
    #expect(Set(candidates("upgrade ")) == ["org", "workspace", "team"])
    #expect(candidates("plan t") == ["team"])
  }

  // MARK: - Flags and their values

  @Test func flagsOfTheCurrentCommand() {
    #expect(candidates("upgrade org Acme --ti") == ["--tier"])
    #expect(complete("upgrade org Acme --ti").wordLength == 4)
    let all = Set(candidates("upgrade org Acme --"))
    #expect(
      all.isSuperset(of: [
        "--tier", "--seats", "--monthly", "--annual", "--billing-owner", "--pay", "--address",
      ]))
    // A flag already given is not offered again.
    #expect(!candidates("upgrade org Acme --tier starter --").contains("--tier"))
    // Flags of another command do not leak in.
    #expect(!all.contains("--method"))
  }

  @Test func flagValues() {
    #expect(
      Set(candidates("upgrade org Acme --tier ")).isSuperset(of: [
        "starter", "advanced", "enterprise",
      ]))
    #expect(candidates("upgrade org Acme --tier adv") == ["advanced"])
    #expect(
      Set(candidates("upgrade org Acme --tier starter --pay ")) == ["card", "paypal", "invoice"])
    #expect(candidates("upgrade org Acme --pay pa") == ["paypal"])
    #expect(Set(candidates("pay team Design --method ")) == ["card", "paypal"])
  }

  // MARK: - Names from the world

  @Test func usersAfterLogin() {
    #expect(
      Set(candidates("login ")) == ["ann", "bob", "carl", "dana", "erin", "fay", "gus", "hal"])
    #expect(candidates("login ca") == ["carl"])
  }

  @Test func teamsAfterPlanTeam() {
    #expect(Set(candidates("plan team ")) == ["Design", "Platform"])
    #expect(candidates("plan team Des") == ["Design"])
    #expect(complete("plan team Des").wordLength == 3)
  }

  @Test func orgsAfterOrgFlag() {
    #expect(candidates("create team Ops --org ") == ["Acme"])
    #expect(candidates("add bob --org A") == ["Acme"])
  }

  @Test func invoiceIDs() {
    let ids = candidates("invoice ")
    #expect(ids.contains("INV-0001") && ids.contains("INV-0002"), "\(ids)")
    #expect(candidates("invoice INV-0002") == ["INV-0002"])
  }

  @Test func namesWithSpacesComeQuoted() {
    #expect(candidates("plan workspace Side") == ["\"Side Project\""])
    #expect(complete("plan workspace Side").wordLength == 4)
    // An open quote is part of the word being completed.
    #expect(candidates("plan workspace \"Side P") == ["\"Side Project\""])
    #expect(complete("plan workspace \"Side P").wordLength == 7)
    #expect(candidates("add hal --workspace S") == ["\"Side Project\""])
  }

  @Test func namesCreatedInTheSessionAreOffered() {
    let session = Self.demoSession()
    session.perform("create org \"Café Ünïcode\"")
    session.perform("create team 設計 --org \"Café Ünïcode\"")
    let completer = Completer(world: session.world)
    #expect(completer.complete("create team X --org Ca").candidates == ["\"Café Ünïcode\""])
    #expect(completer.complete("plan team 設").candidates == ["設計"])
  }

  // MARK: - Quotes, escapes and comments (the language's own tokenizer)

  @Test func aClosedQuoteIsReplacedWhole() {
    #expect(candidates("plan workspace \"Side Project\"") == ["\"Side Project\""])
    #expect(complete("plan workspace \"Side Project\"").wordLength == 14)
    #expect(candidates("plan workspace \"Side Project\" ") == [])
  }

  @Test func quotedWordsAreNotFlagsOrCommands() {
    #expect(candidates("upgrade org Acme \"--ti") == [])
    #expect(candidates("\"upgrade\" ") == [])
    #expect(
      Set(candidates("upgrade org \"Acme\" --tier ")).isSuperset(of: ["starter", "advanced"]))
  }

  @Test func escapesInsideQuotes() {
    let session = Self.demoSession()
    session.perform(#"create org "Say \"Hi\"""#)
    let completer = Completer(world: session.world)
    let c = completer.complete(#"add bob --org "Say \"H"#)
    #expect(c.candidates == [#""Say \"Hi\"""#])
    #expect(c.wordLength == 8)
  }

  @Test func nothingToCompleteInAComment() {
    #expect(candidates("login ann # ca") == [])
    #expect(candidates("# login ca") == [])
    #expect(candidates("login #") == [])
    #expect(candidates("create org \"A # B") == [])
  }

  // MARK: - as / can

  @Test func asAndCanTakeAUserThenACommand() {
    #expect(candidates("as ca") == ["carl"])
    #expect(candidates("can ca") == ["carl"])
    #expect(candidates("as ann upg") == ["upgrade"])
    // Shell commands cannot be run as someone.
    #expect(candidates("as ann ").contains("upgrade"))
    #expect(!candidates("as ann ").contains { $0.hasPrefix(".") })
    #expect(candidates("can ann .") == [])
    #expect(candidates("can ann upg") == ["upgrade"])
    #expect(candidates("as ann plan team Des") == ["Design"])
    #expect(candidates("can ann upgrade org Acme --ti") == ["--tier"])
    #expect(
      Set(candidates("as carl upgrade team Design --tier starter --pay ")) == [
        "card", "paypal", "invoice",
      ])
  }

  @Test func asOffersOnlyWhatItCanRun() {
    let afterAs = Set(candidates("as ann "))
    // Setup, actions and views, from the command table's groups.
    #expect(afterAs.isSuperset(of: ["create", "add", "upgrade", "downgrade", "quote", "can"]))
    // Not another `as`, no session commands, no shell commands: the parser refuses or undoes them.
    #expect(afterAs.isDisjoint(with: ["as", "login", "logout", "whoami", ".help", ".quit"]))
    #expect(candidates("as ann a") == ["add", "address", "advance", "appoint"])
    #expect(candidates("as ann as ") == [])
    #expect(candidates("as ann create t") == ["team"])
    // `can` inside `as` still checks actions only.
    #expect(candidates("as ann can bob cre") == [])
    #expect(candidates("as ann can bob upg") == ["upgrade"])
  }

  @Test func canOffersOnlyActions() {
    let afterCan = Set(candidates("can ann "))
    #expect(afterCan.isSuperset(of: ["upgrade", "edit", "downgrade", "cancel", "transfer"]))
    #expect(
      afterCan.isDisjoint(with: ["create", "add", "quote", "features", "can", "as", "login"]))
    #expect(candidates("can ann create ") == [])
    #expect(candidates("can ann cre") == [])
    #expect(candidates("can ann ad") == ["address"])
  }

  // MARK: - Billing owners (R11, R15)

  @Test func billingOwnersAreMembersOfTheSpaceHoldingTheScope() {
    let acme = ["ann", "bob", "carl", "dana", "erin"]  // gus is a guest; fay, hal are elsewhere
    // R11: upgrade --billing-owner; a team's plan is held by its organization.
    #expect(Set(candidates("upgrade org Acme --tier starter --billing-owner ")) == Set(acme))
    #expect(Set(candidates("upgrade team Platform --billing-owner ")) == Set(acme))
    #expect(Set(candidates("upgrade team Design --org Acme --billing-owner ")) == Set(acme))
    #expect(candidates("upgrade org Acme --billing-owner g") == [])
    #expect(
      Set(candidates("upgrade workspace \"Side Project\" --billing-owner ")) == ["fay", "hal"])
    // R15: transfer --to.
    #expect(Set(candidates("transfer team Design --to ")) == Set(acme))
    #expect(Set(candidates("as fay transfer workspace \"Side Project\" --to ")) == ["fay", "hal"])
    // R11: create plan --owner.
    #expect(
      Set(candidates("create plan org Acme --tier enterprise --owner ")) == Set(acme))
  }

  @Test func everyoneWhileTheScopeIsUnknown() {
    let everyone: Set = ["ann", "bob", "carl", "dana", "erin", "fay", "gus", "hal"]
    // No scope typed yet, or one that names nothing: all handles.
    #expect(Set(candidates("upgrade --billing-owner ")) == everyone)
    #expect(Set(candidates("upgrade org Nowhere --billing-owner ")) == everyone)
    #expect(Set(candidates("transfer team Nope --to ")) == everyone)
    #expect(Set(candidates("create plan --owner ")) == everyone)
    // Other user positions still offer everyone.
    #expect(Set(candidates("features ")) == everyone)
  }
}
