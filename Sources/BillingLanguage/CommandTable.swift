import BillingModel
import BillingSupport
import BillingWords

private let scopeArg = ArgSpec("scope", .scope)
private let orgFlag = FlagSpec("org", .org)
private let cycleFlags = Cycle.allCases.map { FlagSpec($0.rawValue, .none) }
/// Vocabulary as synopses and messages show it: `[--monthly|--annual]`, `card|paypal|invoice`.
private let cycleChoice =
  "[" + Cycle.allCases.map { "--" + $0.rawValue }.joined(separator: "|") + "]"
private let payWords = Payment.allCases.map(\.rawValue).joined(separator: "|")
private let methodWords = switchablePayments.map(\.rawValue).joined(separator: "|")
private let trialWords = selfServeTiers.map(\.name).joined(separator: "|")

/// An entry of the table. `log` defaults by group: setup commands and actions are logged
/// (SPEC §3 `log`), the rest not.
private func spec(
  _ words: String, aliases: [String] = [], _ group: CommandGroup, log: LogRule? = nil,
  undo: UndoRule = .none, scopes: @escaping @Sendable (Command) -> [ScopeRef] = { _ in [] },
  _ synopsis: String, _ summary: String,
  rules: [Rule] = [], example: String, args: [ArgSpec] = [], flags: [FlagSpec] = [],
  build: @escaping @Sendable (Arguments) throws(Failure) -> Command
) -> CommandSpec {
  CommandSpec(
    words: words.split(separator: " ").map(String.init),
    aliases: aliases.map { $0.split(separator: " ").map(String.init) }, group: group,
    log: log ?? (group == .setup || group == .action ? .always : .never), undo: undo,
    scopes: scopes, synopsis: synopsis, summary: summary, rules: rules, example: example,
    args: args, flags: flags,
    build: build)
}

/// A place's space, as the scope `appoint` and `revoke` name.
private func spaceNamed(_ place: PlaceTarget) -> [ScopeRef] {
  guard case .space(let kind, let name) = place else { return [] }
  return [kind == .org ? .org(name) : .workspace(name)]
}

/// Every command billsh understands. Parsing, `.help`, `--help` and completion all read this table.
package let commandTable: [CommandSpec] = [
  // Setup
  spec(
    "create user", .setup, undo: .replayed, "create user <handle>...", "new users",
    example: "create user ann bob",
    args: [ArgSpec("handle", .users)]
  ) { a throws(Failure) in .createUsers(a.list(0)) },
  spec(
    "create org", .setup, undo: .replayed, "create org <Name>", "a new organization",
    example: "create org Acme",
    args: [ArgSpec("Name", .name)]
  ) { a throws(Failure) in .createSpace(.org, a.string(0) ?? "") },
  spec(
    "create workspace", .setup, undo: .replayed, "create workspace <Name>", "a new workspace",
    example: "create workspace \"Side Project\"",
    args: [ArgSpec("Name", .name)]
  ) { a throws(Failure) in .createSpace(.workspace, a.string(0) ?? "") },
  spec(
    "create team", .setup, undo: .replayed, "create team <Name> --org <Org>",
    "a new team of an organization",
    rules: [.r1],
    example: "create team Design --org Acme", args: [ArgSpec("Name", .name)],
    flags: [orgFlag, FlagSpec("workspace", .workspace)]
  ) { a throws(Failure) in
    .createTeam(a.string(0) ?? "", try a.place(allowTeam: false))
  },
  spec(
    "create plan", .setup, undo: .replayed,
    "create plan <scope> --tier <t> [--seats <n>] \(cycleChoice) --owner <user> [--pay \(payWords)] [--unit-cents <n>] [--since <YYYY-MM-DD>]",
    "a plan sold by sales (any tier); starts today with its first invoice (or was bought --since a past date)",
    rules: [.r1, .r3, .r4, .r5, .r6, .r11, .r13],
    example:
      "create plan org Acme --tier enterprise --seats 40 --owner ann --pay invoice --unit-cents 45000",
    args: [scopeArg],
    flags: [FlagSpec("tier", .tier), FlagSpec("seats", .int)] + cycleFlags + [
      FlagSpec("owner", .owner), FlagSpec("pay", .payment), FlagSpec("unit-cents", .int),
      FlagSpec("since", .date), orgFlag,
    ]
  ) { a throws(Failure) in
    let scope = try a.scope(0)
    guard let tier = try a.tier() else {
      throw Failure(.usage, nil, "create plan needs --tier <t>")
    }
    let owner = try a.require("owner", "<user>")
    // NB: a required flag is syntax (SPEC §4): checked before any name.
    if tier.isSalesOnly && a.flagInt("unit-cents") == nil {
      throw Failure(.noListPrice(tier))
    }
    return .createPlan(
      SalesPlanRequest(
        scope: scope, tier: tier, seats: a.flagInt("seats"), cycle: try a.cycle(), owner: owner,
        payment: try a.payment("pay"), unitCents: a.flagInt("unit-cents"),
        since: try a.flagDate("since")))
  },
  spec(
    "sales", .setup, undo: .replayed,
    scopes: { if case .sales(let r) = $0 { [r.scope] } else { [] } },
    "sales <scope> [--tier <t>] [--seats <n>] \(cycleChoice) [--pay \(payWords)] [--unit-cents <n>]",
    "what sales may change on an existing plan: any tier, any size, invoice payment; increases now (pro rata), the rest at renewal",
    rules: [.r9, .r19, .r22, .p3, .p1],
    example: "sales org Acme --seats 40 --pay invoice",
    args: [scopeArg],
    flags: [FlagSpec("tier", .tier), FlagSpec("seats", .int)] + cycleFlags + [
      FlagSpec("pay", .payment), FlagSpec("unit-cents", .int), orgFlag,
    ]
  ) { a throws(Failure) in
    .sales(
      SalesChangeRequest(
        scope: try a.scope(0), tier: try a.tier(), seats: a.flagInt("seats"),
        cycle: try a.cycle(), payment: try a.payment("pay"), unitCents: a.flagInt("unit-cents")))
  },
  spec(
    "support transfer", .setup, undo: .replayed,
    scopes: { if case .supportTransfer(let r, _) = $0 { [r] } else { [] } },
    "support transfer <scope> --to <user>",
    "support moves billing ownership when the owner cannot (gone, or unreachable)",
    rules: [.r15],
    example: "support transfer org Acme --to bob", args: [scopeArg],
    flags: [FlagSpec("to", .owner), orgFlag]
  ) { a throws(Failure) in
    .supportTransfer(try a.scope(0), to: try a.require("to", "<user>"))
  },
  spec(
    "add", .setup, undo: .replayed,
    "add <user>... --org <Org> [--guest] [--admin] | --workspace <Name> [--admin] | --team <Team> [--org <Org>]",
    "put people in a space or a team (unknown users are created)", rules: [.p5],
    example: "add carl dana --org Acme --guest", args: [ArgSpec("user", .users)],
    flags: [
      orgFlag, FlagSpec("workspace", .workspace), FlagSpec("team", .team), FlagSpec("guest", .none),
      FlagSpec("admin", .none),
    ]
  ) { a throws(Failure) in
    .add(a.list(0), try a.place(allowTeam: true), guest: a.has("guest"), admin: a.has("admin"))
  },
  spec(
    "remove", .setup, undo: .replayed,
    "remove <user> --org <Org> | --workspace <Name> | --team <Team> [--org <Org>]",
    "take someone out (leaving an org leaves its teams)", rules: [.p7],
    example: "remove carl --org Acme", args: [ArgSpec("user", .user)],
    flags: [orgFlag, FlagSpec("workspace", .workspace), FlagSpec("team", .team)]
  ) { a throws(Failure) in
    .remove(a.string(0) ?? "", try a.place(allowTeam: true))
  },
  // Session
  spec(
    "login", .session, "login <user>", "act as that user", example: "login ann",
    args: [ArgSpec("user", .user)]
  ) { a throws(Failure) in .login(a.string(0) ?? "") },
  spec(
    "as", .session, "as <user> [<command...>]", "act as that user, or run one command as them",
    example: "as bob billing org Acme",
    args: [ArgSpec("user", .user), ArgSpec("command", .command, optional: true)]
  ) { a throws(Failure) in
    let user = a.string(0) ?? ""
    let rest = a.rest(1)
    if rest.isEmpty { return .login(user) }
    let (inner, text) = try a.command(in: rest)
    if case .runAs = inner { throw Failure(.usage, nil, "as cannot be nested") }
    if inner.spec.group == .shell {
      throw Failure(.usage, nil, "as runs billing commands, not shell commands")
    }
    return .runAs(user, inner, text: text)
  },
  spec("logout", .session, "logout", "nobody acts", example: "logout") { _ throws(Failure) in
    .logout
  },
  spec(
    "whoami", .session, "whoami", "the acting user and their roles in each space", example: "whoami"
  ) { _ throws(Failure) in .whoami },
  // Actions
  spec(
    "upgrade", .action, undo: .replayed,
    scopes: { if case .upgrade(let r) = $0 { [r.scope] } else { [] } },
    "upgrade <scope> --tier <t> [--seats <n>] \(cycleChoice) [--billing-owner <user>] [--pay \(payWords)] [--address \"<text>\"]",
    "buy a paid plan; defaults: annual, the smallest size covering billable members, you as billing owner, card; `upgrade team A,B` goes through sales",
    rules: [.r3, .r4, .r5, .r6, .r8, .r9, .r10, .r11, .r12, .r13, .p1, .p2, .p4, .p6],
    example: "upgrade team Design --tier starter --seats 5 --monthly", args: [scopeArg],
    flags: [FlagSpec("tier", .tier), FlagSpec("seats", .int)] + cycleFlags + [
      FlagSpec("billing-owner", .owner), FlagSpec("pay", .payment), FlagSpec("address", .text),
      orgFlag,
    ]
  ) { a throws(Failure) in
    let scope = try a.scope(0)
    let tier = try a.tier()
    if tier == nil {
      if case .team(let n, _) = scope, n.contains(",") {
        return .upgrade(UpgradeRequest(scope: scope, tier: .starter))
      }
      throw Failure(
        .usage, nil,
        "upgrade needs --tier <t> (\(listed(selfServeTiers.map(\.name), "or")); enterprise tiers through sales)"
      )
    }
    return .upgrade(
      UpgradeRequest(
        scope: scope, tier: tier ?? .starter, seats: a.flagInt("seats"), cycle: try a.cycle(),
        billingOwner: a.flagString("billing-owner"), payment: try a.payment("pay"),
        address: a.flagString("address")))
  },
  spec(
    "trial", .action, undo: .replayed,
    scopes: { if case .trial(let r, _) = $0 { [r] } else { [] } },
    "trial <scope> --tier \(trialWords)", "a 30-day trial, once per scope",
    rules: [.p4, .p6, .r6, .r10, .p2], example: "trial org Acme --tier advanced", args: [scopeArg],
    flags: [FlagSpec("tier", .tier), orgFlag]
  ) { a throws(Failure) in
    let scope = try a.scope(0)
    guard let tier = try a.tier() else {
      throw Failure(.usage, nil, "trial needs --tier \(trialWords)")
    }
    return .trial(scope, tier)
  },
  spec(
    "plan", .action,
    scopes: { if case .plan(let r) = $0 { [r] } else { [] } }, "plan <scope>",
    "the plan of a scope (or the organization plan covering a team)", rules: [.p8],
    example: "plan team Design", args: [scopeArg], flags: [orgFlag]
  ) { a throws(Failure) in .plan(try a.scope(0)) },
  spec(
    "billing", .action,
    scopes: { if case .billing(let r) = $0 { [r] } else { [] } }, "billing <scope>",
    "the billing tab: its actions and which you may use",
    rules: [.r17, .r18],
    example: "billing org Acme", args: [scopeArg], flags: [orgFlag]
  ) { a throws(Failure) in .billing(try a.scope(0)) },
  spec(
    "edit", aliases: ["downgrade"], .action, undo: .replayed,
    scopes: { if case .edit(let r, _) = $0 { [r] } else { [] } },
    "edit <scope> [--tier <t>] [--seats <n>] \(cycleChoice)",
    "change tier, seats or cycle: increases now (pro rata), the rest at renewal",
    rules: [.r14, .r19, .r20, .p3, .r5, .r9], example: "edit org Acme --seats 15", args: [scopeArg],
    flags: [FlagSpec("tier", .tier), FlagSpec("seats", .int)] + cycleFlags + [orgFlag]
  ) { a throws(Failure) in
    .edit(
      try a.scope(0),
      EditRequest(tier: try a.tier(), seats: a.flagInt("seats"), cycle: try a.cycle()))
  },
  spec(
    "cancel", .action, undo: .replayed,
    scopes: { if case .cancel(let r) = $0 { [r] } else { [] } }, "cancel <scope>",
    "cancel at the end of the period (a trial at once)",
    rules: [.r14, .r19, .r20, .r21],
    example: "cancel workspace \"Side Project\"", args: [scopeArg], flags: [orgFlag]
  ) { a throws(Failure) in .cancel(try a.scope(0)) },
  spec(
    "resume", .action, undo: .replayed,
    scopes: { if case .resume(let r) = $0 { [r] } else { [] } }, "resume <scope>",
    "undo a cancellation before the period ends",
    rules: [.r14, .r20],
    example: "resume workspace \"Side Project\"", args: [scopeArg], flags: [orgFlag]
  ) { a throws(Failure) in .resume(try a.scope(0)) },
  spec(
    "transfer", .action, undo: .replayed,
    scopes: { if case .transfer(let r, _) = $0 { [r] } else { [] } },
    "transfer <scope> --to <user>", "pass billing ownership to another member",
    rules: [.r13, .r14, .r15],
    example: "transfer org Acme --to bob", args: [scopeArg],
    flags: [FlagSpec("to", .owner), orgFlag]
  ) { a throws(Failure) in
    .transfer(try a.scope(0), to: try a.require("to", "<user>"))
  },
  spec(
    "pay", .action, undo: .replayed,
    scopes: { if case .pay(let r, _) = $0 { [r] } else { [] } },
    "pay <scope> --method \(methodWords)", "switch the payment method",
    rules: [.r14, .r19, .r22],
    example: "pay team Design --method paypal", args: [scopeArg],
    flags: [FlagSpec("method", .method), orgFlag]
  ) { a throws(Failure) in
    let scope = try a.scope(0)
    guard let m = try a.payment("method") else {
      throw Failure(.usage, nil, "pay needs --method \(methodWords)")
    }
    return .pay(scope, m)
  },
  spec(
    "address", .action, undo: .replayed,
    scopes: { if case .address(let r, _) = $0 { [r] } else { [] } }, "address <scope> \"<text>\"",
    "set the billing address", rules: [.r14],
    example: "address org Acme \"1 Main St, Springfield\"",
    args: [scopeArg, ArgSpec("text", .text)], flags: [orgFlag]
  ) { a throws(Failure) in
    let scope = try a.scope(0)
    guard let t = a.string(1) else {
      throw Failure(.usage, nil, "address needs the address text, in double quotes")
    }
    return .address(scope, t)
  },
  spec(
    "seats", .action,
    scopes: { if case .seats(let r) = $0 { [r] } else { [] } }, "seats <scope>",
    "seats, billable members and whether the plan is over its size", rules: [.r14, .p5],
    example: "seats org Acme", args: [scopeArg], flags: [orgFlag]
  ) { a throws(Failure) in .seats(try a.scope(0)) },
  spec(
    "invoices", .action,
    scopes: { if case .invoices(let r) = $0 { [r] } else { [] } }, "invoices <scope>",
    "the current plan's invoices",
    rules: [.r14, .r16, .r21],
    example: "invoices team Design", args: [scopeArg], flags: [orgFlag]
  ) { a throws(Failure) in .invoices(try a.scope(0)) },
  spec(
    "invoice", .action, "invoice <id>",
    "one invoice (also of an ended plan, for its last billing owner)", rules: [.r14, .r21],
    example: "invoice INV-0001", args: [ArgSpec("id", .invoice)]
  ) { a throws(Failure) in .invoice(a.string(0) ?? "") },
  spec(
    "appoint", .action, undo: .replayed,
    scopes: { if case .appoint(_, let p) = $0 { spaceNamed(p) } else { [] } },
    "appoint <user> --org <Org>|--workspace <Name>", "make a member an admin",
    rules: [.r13],
    example: "appoint bob --org Acme", args: [ArgSpec("user", .user)],
    flags: [orgFlag, FlagSpec("workspace", .workspace)]
  ) { a throws(Failure) in
    .appoint(a.string(0) ?? "", try a.place(allowTeam: false))
  },
  spec(
    "revoke", .action, undo: .replayed,
    scopes: { if case .revoke(_, let p) = $0 { spaceNamed(p) } else { [] } },
    "revoke <user> --org <Org>|--workspace <Name>", "take the admin role away",
    rules: [.r13, .p7],
    example: "revoke bob --org Acme", args: [ArgSpec("user", .user)],
    flags: [orgFlag, FlagSpec("workspace", .workspace)]
  ) { a throws(Failure) in
    .revoke(a.string(0) ?? "", try a.place(allowTeam: false))
  },
  spec(
    "move", .action,
    scopes: { if case .move(let a, let b) = $0 { [a, b] } else { [] } },
    "move <scope> --to <scope>",
    "always refused: plans cannot move (cancel, then upgrade the right one)",
    rules: [.r7, .r14], example: "move workspace Wrong --to workspace Right", args: [scopeArg],
    flags: [FlagSpec("to", .scope), orgFlag]
  ) { a throws(Failure) in
    let from = try a.scope(0)
    guard let to = a.flagScope("to") else { throw Failure(.usage, nil, "move needs --to <scope>") }
    return .move(from, to: to)
  },
  // Views
  spec(
    "quote", .view, "quote <scope> --tier <t> [--seats <n>] \(cycleChoice)", "the price of a plan",
    rules: [.r2, .r3, .r4, .r5, .r9, .p1], example: "quote org Acme --tier advanced --monthly",
    args: [scopeArg],
    flags: [FlagSpec("tier", .tier), FlagSpec("seats", .int)] + cycleFlags + [orgFlag]
  ) { a throws(Failure) in
    let scope = try a.scope(0)
    guard let tier = try a.tier() else { throw Failure(.usage, nil, "quote needs --tier <t>") }
    return .quote(scope, tier, seats: a.flagInt("seats"), cycle: try a.cycle())
  },
  spec(
    "features", .view, "features <user>",
    "the tier a user gets in each space and team, and from which plan",
    example: "features carl", args: [ArgSpec("user", .user)]
  ) { a throws(Failure) in .features(a.string(0) ?? "") },
  spec(
    "can", .view, "can <user> <command...>",
    "whether that user may run that action now; changes nothing",
    example: "can bob cancel org Acme",
    args: [ArgSpec("user", .user), ArgSpec("command", .command)]
  ) { a throws(Failure) in
    let rest = a.rest(1)
    guard !rest.isEmpty else {
      throw Failure(.usage, nil, "can needs a command: can <user> <command...>")
    }
    let (inner, text) = try a.command(in: rest)
    guard inner.spec.group == .action else {
      throw Failure(
        .usage, nil,
        "can checks actions (upgrade, edit, cancel, ...), not \(rest[rest.startIndex].text)")
    }
    return .can(a.string(0) ?? "", inner, text: text)
  },
  spec(
    "clock", .view, log: .withArguments, undo: .setClock, "clock [<YYYY-MM-DD>]",
    "today's simulated date; with a date, sets it while no plan has ever existed",
    example: "clock 2025-03-31", args: [ArgSpec("date", .date, optional: true)]
  ) { a throws(Failure) in
    guard let w = a.string(0) else { return .clock }
    return .setClock(try date(w, for: "clock"))
  },
  spec(
    "advance", .view, log: .always, undo: .clock, "advance <n>d|<n>m|<n>y|[to] <YYYY-MM-DD>",
    "move the date; prints each renewal, change, cancellation and trial end",
    rules: [.r20, .p3, .p4], example: "advance to 2026-03-31",
    args: [ArgSpec("n", .duration), ArgSpec("date", .date, optional: true)]
  ) { a throws(Failure) in
    let w = a.string(0) ?? ""
    if w == "to" {
      guard let d = a.string(1) else {
        throw Failure(.usage, nil, "advance to needs a date: advance to <YYYY-MM-DD>")
      }
      return .advanceTo(try date(d, for: "advance to"))
    }
    if let extra = a.string(1) {
      throw Failure(
        .usage, nil,
        "unexpected \(quoted(extra)) after advance \(w): advance <n>d|<n>m|<n>y|[to] <YYYY-MM-DD>"
      )
    }
    // NB: a word with a dash after a digit is meant as a date, and gets a date's error.
    if w.utf8.first.map({ $0 >= 48 && $0 <= 57 }) == true && w.contains("-") {
      return .advanceTo(try date(w, for: "advance"))
    }
    guard let unit = w.last, "dmy".contains(unit), let n = Int(w.dropLast()),
      w.dropLast().allSatisfy(\.isASCII), n >= 0, w.count <= 8
    else {
      throw Failure(
        .usage, nil,
        "advance takes <n>d, <n>m or <n>y with n a whole number, e.g. 30d, 1m, 1y, or to <YYYY-MM-DD> (not \(quoted(w)))"
      )
    }
    return .advance(unit == "d" ? .days(n) : unit == "m" ? .months(n) : .years(n))
  },
  spec(
    "forecast", .view, "forecast <scope> [<n>d|<n>m|<n>y]",
    "the events and invoices to come (default 12m), played on a copy; changes nothing",
    example: "forecast org Acme 1y",
    args: [scopeArg, ArgSpec("n", .duration, optional: true)], flags: [orgFlag]
  ) { a throws(Failure) in
    .forecast(
      try a.scope(0),
      try a.string(1).map { w throws(Failure) in try duration(w, for: "forecast") } ?? .months(12))
  },
  spec(
    "compare", .view,
    "compare <scope> [<n>d|<n>m|<n>y] --with \"<steps>\"...",
    "the forecast as it stands beside up to four alternatives (steps separated by ;, advance among them, played on a copy); names the cheapest; changes nothing",
    example: "compare org Acme 12m --with \"as ann edit org Acme --annual\"",
    args: [scopeArg, ArgSpec("n", .duration, optional: true)],
    flags: [FlagSpec("with", .text, most: 4), orgFlag]
  ) { a throws(Failure) in
    let scope = try a.scope(0)
    let span =
      try a.string(1).map { w throws(Failure) in try duration(w, for: "compare") } ?? .months(12)
    let texts = a.flagStrings("with")
    guard !texts.isEmpty else {
      throw Failure(
        .usage, nil,
        "compare needs --with \"<steps>\" (setup commands, actions or advance, separated by ;)")
    }
    var alternatives: [Alternative] = []
    for (n, text) in texts.enumerated() {
      var steps: [(command: Command, text: String)] = []
      let parts = whatIfSteps(text)
      for (k, part) in parts.enumerated() {
        do throws(Failure) {
          steps.append(try whatIfCommand(part, advance: true))
        } catch {
          let place =
            texts.count > 1 || parts.count > 1 ? "alternative \(n + 1), step \(k + 1): " : ""
          throw Failure(error.code, error.rule, "\(place)\(error.message)")
        }
      }
      alternatives.append(Alternative(steps: steps, text: text))
    }
    return .compare(scope, span, alternatives: alternatives)
  },
  spec(
    "inbox", .view, "inbox <user>", "the user's messages", rules: [.r16], example: "inbox ann",
    args: [ArgSpec("user", .user)]
  ) { a throws(Failure) in .inbox(a.string(0) ?? "") },
  spec(
    "log", .view, "log", "every setup, action and advance, refused ones included", example: "log"
  ) { _ throws(Failure) in .log },
  spec(
    "show", .view, "show [<scope>|<user>|user <handle>|<plan-id>|<invoice-id>]",
    "the whole world, or one scope, person, plan or invoice (with its arithmetic); needs nobody acting",
    example: "show INV-0002", args: [ArgSpec("what", .subject, optional: true)], flags: [orgFlag]
  ) { a throws(Failure) in .show(try a.subject(0)) },
  spec(
    "timeline", .view, "timeline <scope>|<user>|user <handle>|<plan-id>",
    "what happened to a scope (its teams too), a person or a plan, oldest first",
    example: "timeline org Acme", args: [ArgSpec("what", .subject)], flags: [orgFlag]
  ) { a throws(Failure) in
    guard let s = try a.subject(0) else {
      throw Failure(.usage, nil, "timeline needs a scope or a user: timeline <scope>|<user>")
    }
    return .timeline(s)
  },
  spec(
    "rules", .view, "rules [<id>] [--lang en|id]",
    "every rule in a line, or one in full with an example; --lang id adds the help article's own sentence",
    example: "rules R14 --lang id", args: [ArgSpec("id", .rule, optional: true)],
    flags: [FlagSpec("lang", .lang)]
  ) { a throws(Failure) in .rules(a.string(0), lang: try language(a)) },
  spec(
    "explain", .view, "explain <invoice-id>|last [--lang en|id]",
    "a reply to paste to the customer: why an invoice was charged, line by line, or why the last refused command was refused and what they can do; --lang id writes Indonesian",
    example: "explain INV-0001 --lang id", args: [ArgSpec("what", .invoice)],
    flags: [FlagSpec("lang", .lang)]
  ) { a throws(Failure) in
    guard let w = a.string(0) else {
      throw Failure(
        .usage, nil, "explain needs an invoice id or last: explain INV-0001 [--lang id]")
    }
    return .explain(w == "last" ? .last : .invoice(w), lang: try language(a))
  },
  // Shell
  spec(
    ".help", .shell, ".help [command|rule]", "this list, or one command or rule in full",
    example: ".help upgrade",
    args: [ArgSpec("command", .topic, optional: true)]
  ) { a throws(Failure) in
    .help(a.positionals.isEmpty ? nil : a.list(0).joined(separator: " "))
  },
  spec(
    ".read", .shell, ".read <file.bill>", "play a script (relative to the current script's folder)",
    example: ".read stories/setup.bill",
    args: [ArgSpec("file", .file)]
  ) { a throws(Failure) in .read(a.string(0) ?? "") },
  spec(
    ".record", .shell, ".record <file> | .record off",
    "write the session so far as a transcript, then each command as it completes",
    example: ".record session.transcript", args: [ArgSpec("file", .file)]
  ) { a throws(Failure) in
    let f = a.string(0) ?? ""
    return .record(f == "off" ? nil : f)
  },
  spec(
    ".save", .shell, ".save <file.json>", "save the whole world", example: ".save acme.json",
    args: [ArgSpec("file", .file)]
  ) { a throws(Failure) in .save(a.string(0) ?? "") },
  spec(
    ".load", .shell, undo: .replaced, ".load <file.json>", "replace the world with a saved one",
    example: ".load acme.json",
    args: [ArgSpec("file", .file)]
  ) { a throws(Failure) in .load(a.string(0) ?? "") },
  spec(
    ".demo", .shell, undo: .replaced, ".demo",
    "replace the world with the bundled demo world (as --demo starts)",
    example: ".demo"
  ) { _ throws(Failure) in .demo },
  spec(
    ".reset", .shell, undo: .replaced, ".reset", "start over with an empty world", example: ".reset"
  ) {
    _ throws(Failure) in .reset
  },
  spec(".history", .shell, ".history", "the command history", example: ".history") {
    _ throws(Failure) in .history
  },
  spec(
    ".pager", .shell, ".pager [on|off]",
    "page output longer than the screen through $PAGER (default less -FRX), as psql does; on at start",
    example: ".pager off", args: [ArgSpec("on|off", .toggle, optional: true)]
  ) { a throws(Failure) in
    switch a.string(0) {
    case nil: return .pager(nil)
    case "on": return .pager(true)
    case "off": return .pager(false)
    case let w?: throw Failure(.usage, nil, ".pager takes on or off, not \(quoted(w))")
    }
  },
  spec(".quit", aliases: [".exit"], .shell, ".quit", "leave the shell", example: ".quit") {
    _ throws(Failure) in .quit
  },
  // What-ifs
  spec(
    ".mark", .shell, ".mark <name>",
    "remember the whole session here (world, clock, log, inboxes, who acts, undo history)",
    example: ".mark before-march", args: [ArgSpec("name", .mark)]
  ) { a throws(Failure) in .mark(try markName(a.string(0) ?? "")) },
  spec(
    ".back", .shell, ".back <name>", "return to a mark (marks stay, so another path can be tried)",
    example: ".back before-march", args: [ArgSpec("name", .mark)]
  ) { a throws(Failure) in .back(try markName(a.string(0) ?? "")) },
  spec(
    ".marks", .shell, ".marks", "the marks, with their dates and how long ago", example: ".marks"
  ) {
    _ throws(Failure) in .marks
  },
  spec(
    ".undo", .shell, ".undo [n]",
    "go back to before the n-th last command that changed the world (default 1)",
    example: ".undo 2", args: [ArgSpec("n", .count, optional: true)]
  ) { a throws(Failure) in
    guard let w = a.string(0) else { return .undo(1) }
    guard w.utf8.count <= 9, w.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let n = Int(w), n >= 1
    else {
      throw Failure(
        .usage, nil, ".undo takes a whole number of 1 or more (at most 9 digits), not \(quoted(w))")
    }
    return .undo(n)
  },
]

/// `<n>d`, `<n>m` or `<n>y` (advance, forecast, compare).
func duration(_ w: String, for command: String) throws(Failure) -> Duration {
  guard let unit = w.last, "dmy".contains(unit), let n = Int(w.dropLast()),
    w.dropLast().allSatisfy(\.isASCII), n >= 0, w.count <= 8
  else {
    throw Failure(
      .usage, nil,
      "\(command) takes <n>d, <n>m or <n>y with n a whole number, e.g. 30d, 1m, 1y (not \(quoted(w)))"
    )
  }
  return unit == "d" ? .days(n) : unit == "m" ? .months(n) : .years(n)
}

/// A mark's name: like a handle (SPEC §8).
func markName(_ w: String) throws(Failure) -> String {
  do { try World.checkHandle(w) } catch {
    throw Failure(
      .usage, nil,
      "a mark's name is like a handle (a letter or digit, then letters, digits, . _ -), not \(quoted(w))"
    )
  }
  return w
}

/// The command `compare --with` tries: a setup command or an action, optionally `as <user> …`.
/// `--lang en|id` (default en).
func language(_ a: Arguments) throws(Failure) -> Language {
  guard let w = a.flagString("lang") else { return .en }
  guard let l = Language(rawValue: w.lowercased()) else {
    throw Failure(.usage, nil, "--lang takes en or id (not \(quoted(w)))")
  }
  return l
}

/// The steps of a `compare --with` text, split on `;` outside double quotes.
func whatIfSteps(_ text: String) -> [String] {
  var parts: [String] = []
  var current = ""
  var quoted = false
  var escaped = false
  for c in text {
    if escaped {
      escaped = false
    } else if c == "\\" && quoted {
      escaped = true
    } else if c == "\"" {
      quoted.toggle()
    } else if c == ";" && !quoted {
      parts.append(current)
      current = ""
      continue
    }
    current.append(c)
  }
  parts.append(current)
  return parts
}

func whatIfCommand(_ text: String, advance: Bool = false) throws(Failure) -> (
  command: Command, text: String
) {
  let line = text[...]
  let (tokens, _) = try Tokenizer.words(line)
  guard !tokens.isEmpty else {
    throw Failure(.usage, nil, "compare --with needs a command: a setup command or an action")
  }
  let command = try parse(tokens: tokens, source: line)
  var inner = command
  if case .runAs(_, let c, _) = command { inner = c }
  var isAdvance = false
  if case .advance = inner { isAdvance = advance }
  if case .advanceTo = inner { isAdvance = advance }
  guard inner.spec.group == .setup || inner.spec.group == .action || isAdvance else {
    throw Failure(
      .usage, nil,
      "compare --with takes setup commands, actions (optionally as <user> ...) and advance, not \(quoted(text))"
    )
  }
  let trimmed = text.drop { $0 == " " || $0 == "\t" }
  return (command, String(trimmed.reversed().drop { $0 == " " || $0 == "\t" }.reversed()))
}
