import BillingLanguage
import BillingModel
import BillingSupport

extension ViewResult {
  /// The text view: one switch, one place per view.
  func text(in world: World) -> Text {
    switch self {
    case .whoami(nil, _):
      return "nobody is acting: login <user>"
    case .whoami(let u?, let roles):
      var lines = [quoted(world.handle(u))]
      for r in roles {
        let owned = world.plansOwned(by: u).filter { world.holder(world.plan($0).scope) == r.space }
          .map(\.description)
        lines.append(
          "  \(world.describe(.space(r.space))): \(r.roles.joined(separator: ", "))"
            + (owned.isEmpty ? "" : " of \(owned.joined(separator: ", "))"))
      }
      if roles.isEmpty { lines.append("  in no space yet") }
      return Text(lines.joined(separator: "\n"))
    case .clock(let day):
      return "\(day)"
    case .quote(let q, let scope):
      return
        "\(q.tier.name) \(q.cycle.rawValue), \(q.seats) seats for \(world.byName(scope)): \(money: q.periodCents) a \(q.cycle.unitWord) (\(money: q.unitCents) per seat)"
    case .inbox(let handle, let messages):
      if messages.isEmpty { return "\(quoted: handle) has no messages" }
      let words = Words()
      return Text(messages.map { words.message($0, in: world) }.joined(separator: "\n"))
    case .history(let lines):
      if lines.isEmpty { return "no history yet" }
      var text = Text()
      for (i, l) in lines.enumerated() { text.appendLine("\(i + 1)  \(l)") }
      return text
    case .features(let u, let rows):
      var text: Text = "\(quoted: world.handle(u))"
      if rows.isEmpty { text.append("\n  in no space: basic everywhere") }
      // NB: each piece appended as it is, with no Text made per row.
      for r in rows {
        text.append("\n  " as StaticString)
        text.append(world.byName(r.scope))
        text.append(": " as StaticString)
        text.append(r.tier.name)
        if let p = r.plan {
          text.append(" (" as StaticString)
          text.append(p)
          if case .team = r.scope, case .space = world.plan(p).scope {
            text.append(", the organization plan)" as StaticString)
          } else {
            text.append(world.plan(p).isTrial ? ", trial)" as StaticString : ")")
          }
        }
      }
      return text
    case .log(let entries):
      if entries.isEmpty { return "the log is empty" }
      var text = Text()
      for e in entries {
        text.appendLine("\(e.date) \(e.actor.map(quoted) ?? "-") \(e.command) → \(e.outcome)")
      }
      return text
    case .marks(let marks):
      if marks.isEmpty { return "no marks (make one with .mark <name>)" }
      var text = Text()
      for m in marks {
        let who = m.actor.map(quoted) ?? "nobody acting"
        text.appendLine("\(m.name): \(m.date), \(counted(m.ago, "command")) ago, \(who)")
      }
      return text
    case .rules:
      var lines = Rule.allCases.map { r in
        r.id + String(repeating: " ", count: 5 - r.id.count) + r.summary
      }
      lines.append("rules <id> (or .help <id>) shows one in full, with an example.")
      return Text(lines.joined(separator: "\n"))
    case .rule(let r, let lang):
      var lines = ruleLines(r)
      if lang == .id {
        lines.append("in Indonesian:")
        lines += Help.wrap(Help.words(r.indonesian), width: Help.width, indent: 2, hanging: 2)
        lines.append("the article's own sentence:")
        lines += Help.wrap(
          Help.words(
            r.articleSentence.map { "“\($0)”" } ?? "(the article is silent: a choice of billsh)"),
          width: Help.width, indent: 2, hanging: 2)
      }
      return Text(lines.joined(separator: "\n"))
    case .shownWorld(let acting):
      return worldText(acting, in: world)
    case .shownScope(let g):
      return scopeText(g, in: world)
    case .shownUser(let g):
      return userText(g, in: world)
    case .shownPlan(let id, let invoices, let events):
      var text = Text(capacity: 256)
      world.writePlan(id, to: &text)
      text += invoices.isEmpty ? "\n  no invoices" : "\n  invoices:"
      for i in invoices { text += "\n    \(world.invoiceLine(i))" }
      if !events.isEmpty { text += "\n  events:" }
      let words = Words()
      for e in events {
        let h = e.happening
        text += "\n    \(h.date) \(h.kind.rawValue): \(words.entry(h, e.fact, in: world))"
      }
      return text
    case .shownInvoice(let id, let lines):
      let inv = world.invoice(id)
      var text: Text = world.invoiceLine(id)
      for l in lines { text += "\n  \(world.arithmetic(l, issued: inv.date))" }
      text += "\n  total \(money: inv.amountCents)"
      return text
    case .timeline(let entries, let scope):
      if entries.isEmpty { return "nothing has happened to \(world.describe(scope)) yet" }
      return entryLines(entries, in: world)
    case .planTimeline(let entries, let id):
      if entries.isEmpty { return "nothing has happened to \(id) yet" }
      return entryLines(entries, in: world)
    case .userTimeline(let u, let deeds):
      let rows = ViewResult.deedRows(deeds, of: u, in: world)
      if rows.isEmpty { return "nothing has happened to \(quoted: world.handle(u)) yet" }
      var text = Text()
      for r in rows { text.appendLine("\(r.date) \(r.kind): \(r.text)") }
      return text
    case .advanced(let day, let l):
      var text: Text = "\(day)"
      if l.events.isEmpty { text.append(" (no events)") }
      for e in l.events[..<l.listed] { text += "\n\(world.eventLine(e))" }
      if l.stopped {
        text += "\ninterrupted: the clock stopped on \(day) after the last finished day"
      }
      if l.listed < l.events.count {
        text +=
          "\(l.stopped ? ";" : "\ninterrupted:") \(counted(l.events.count - l.listed, "event")) on the way not listed (log, timeline and show have them)"
      }
      return text
    case .forecast(let scope, let f):
      var text: Text = "\(world.describe(scope)), \(f.forecast.from) to \(f.forecast.to):"
      Self.write(f, to: &text)
      return text
    case .compared(let scope, let command, let asIs, let after):
      var text: Text =
        "\(world.describe(scope)), \(asIs.forecast.from) to \(asIs.forecast.to)\nas is:"
      Self.write(asIs, to: &text)
      text += "\nafter \(quoted(command)):"
      Self.write(after, to: &text)
      text += "\ndifference: \(money: after.forecast.totalCents - asIs.forecast.totalCents)"
      return text
    case .comparedPaths(let scope, let asIs, let paths):
      let asIsTotal = asIs.forecast.totalCents
      var text: Text =
        "\(world.describe(scope)), \(asIs.forecast.from) to \(asIs.forecast.to)\nas is:"
      Self.write(asIs, to: &text)
      for p in paths {
        text += "\nwith \(quoted: p.text):"
        for i in p.invoices { text += "\n  \(p.world.invoiceLine(i))" }
        if p.invoices.isEmpty { text.append(" no invoices") }
        text += "\n  total \(money: p.total) (\(counted(p.invoices.count, "invoice")))"
        text += "; difference to as is: \(money: p.total - asIsTotal)"
      }
      // The cheapest of the alternatives (the first on a tie); with one alternative, of it and
      // as is (as is on a tie).
      var best: Session.Path? = paths.count > 1 ? paths[0] : nil
      for p in paths where p.total < (best?.total ?? asIsTotal) { best = p }
      text +=
        "\ncheapest: "
        + (best.map { "with \(quoted($0.text)), \(Money.format($0.total))" }
          ?? "as is, \(Money.format(asIsTotal))")
      return text
    case .invoiceExplained(let id, let lang):
      return Text(Reply.explanation(of: id, lang, in: world))
    case .refusalExplained(let refused, let lang):
      return Text(Reply.explanation(of: refused, lang, in: world))
    case .can(let handle, nil):
      return "yes: \(quoted: handle) may do that now"
    case .can(_, let f?):
      return Self.refused(f)
    case .loggedIn(let u, _):
      let roles = world.roles(of: u)
      if roles.isEmpty { return "acting as \(quoted: world.handle(u)) (in no space yet)" }
      return Text(
        "acting as \(quoted(world.handle(u))) ("
          + roles.map { world.describe(.space($0.space)) + ": " + $0.roles.joined(separator: ", ") }
          .joined(separator: "; ") + ")")
    case .loggedOut(nil):
      return "nobody was acting"
    case .loggedOut(let u?):
      return "\(quoted: world.handle(u)) logged out; nobody acts"
    case .pager(true):
      return
        "pager on: in the shell, output longer than the screen goes through $PAGER (default less -FRX)"
    case .pager(false):
      return "pager off: output is printed as it is"
    case .marked(let name, let moved, let date, let actor):
      let verb: StaticString = moved ? "moved mark" : "marked"
      return "\(verb) \(quoted: name) at \(date); \(Self.acts(actor, in: world))"
    case .backAt(let name, let date, let actor):
      return "back at mark \(quoted: name): \(date); \(Self.acts(actor, in: world))"
    case .undone(let lines, let date, let actor):
      var text = Text()
      for l in lines { text.appendLine("undid: \(l)") }
      text.appendLine("now \(date); \(Self.acts(actor, in: world))")
      return text
    case .saved(let path):
      return "saved the world to \(path)"
    case .loaded(let file):
      let what = file?.given ?? "the demo world"
      return
        "loaded \(what): \(counted(world.userCount, "user")), \(counted(world.spaces.count, "space")), \(counted(world.plans.count, "plan")), today is \(world.today)"
    case .reset(let day):
      return "the world is empty again (\(day))"
    case .moved:
      return ""
    case .read(let path, let unmet, let interrupted):
      var text: Text = "read \(path)"
      if unmet == 1 { text += ": 1 line did not meet its expectation" }
      if unmet > 1 { text += ": \(unmet) lines did not meet their expectation" }
      if interrupted { text += "; interrupted" }
      return text
    case .recording(let path, let earlier):
      return "recording to \(path): \(counted(earlier, "earlier command")) written"
    case .recordingStopped(nil):
      return "not recording"
    case .recordingStopped(let path?):
      return "stopped recording to \(path)"
    case .help(let spec):
      return Text(Help.text(spec))
    case .bye:
      return "bye"
    }
  }

  /// Who acts, after a what-if command: `"ann" acts`, `nobody acts`.
  private static func acts(_ actor: UserID?, in world: World) -> String {
    actor.map { "\(quoted(world.handle($0))) acts" } ?? "nobody acts"
  }

  /// `can` refused: `no: ` and the refusal's line. It needs no world: `Outcome` makes it when
  /// printed, on any thread.
  static func refused(_ f: Failure) -> Text {
    var t: Text = "no: "
    f.appendLine(to: &t)
    return t
  }

  /// A forecast's lines: the invoices of today (a compared command's charges; events come
  /// after today), the events listed, and the total.
  private static func write(_ l: ForecastListing, to text: inout Text) {
    let f = l.forecast
    let w = f.world
    for i in f.invoices where w.invoice(i).date == f.from { text += "\n  \(w.invoiceLine(i))" }
    for e in f.events[..<l.listed] { text += "\n\(w.eventLine(e))" }
    if f.events.isEmpty && f.invoices.isEmpty { text.append(" no events") }
    text += "\n  total \(money: f.totalCents) (\(counted(f.invoices.count, "invoice")))"
    if f.stopped || l.listed < f.events.count {
      text += "\n  interrupted: the forecast stopped on \(f.to)"
      if l.listed < f.events.count {
        text += "; \(counted(f.events.count - l.listed, "event")) not listed"
      }
    }
  }

  /// `show`: the date, who acts, and each space with its people, admins, teams and plans.
  private func worldText(_ acting: UserID?, in world: World) -> Text {
    var lines = [
      "date \(world.today); acting: \(acting.map { quoted(world.handle($0)) } ?? "nobody")"
    ]
    lines.append("users: \(world.userCount)")
    for s in world.spaceIDs {
      let sp = world.space(s)
      let plan = world.livePlan(.space(s)).map { world.summary($0).string } ?? Tier.basic.name
      let people =
        sp.kind == .org
        ? "\(count(sp.memberCount, "member")), \(count(sp.guestCount, "guest"))"
        : count(sp.people.count, "member")
      lines.append(
        "\(world.describe(.space(s))): \(people); admins \(world.handles(sp.admins, limit: 8)); plan \(plan)"
      )
      for t in sp.teams {
        let team = world.team(t)
        let tp =
          world.livePlan(.team(t)).map { world.summary($0).string }
          ?? (world.livePlan(.space(s)) != nil
            ? "covered by the organization plan" : Tier.basic.name)
        lines.append(
          "  team \(quoted(team.name)): \(count(team.people.count, "person", "people")) (\(team.billable) billable); plan \(tp)"
        )
      }
    }
    let ended = world.plans.filter { !$0.isLive }
    if !ended.isEmpty {
      lines.append(
        "ended plans: "
          + ended.map { "\($0.id) (\($0.endReason.map { Words().endReason($0) } ?? "ended"))" }
          .joined(separator: ", "))
    }
    lines.append("invoices: \(world.invoices.count), log entries: \(world.log.count)")
    return Text(lines.joined(separator: "\n"))
  }

  /// `show <scope>`: the plan in effect as `plan` prints it, the next invoice, the last billing
  /// action, then people, teams and invoices.
  private func scopeText(_ g: ScopeGlance, in world: World) -> Text {
    var text: Text = "\(world.describe(g.scope)): "
    guard let p = g.covering else {
      text += "Basic (free); \(counted(g.billable, "billable member"))"
      appendMembers(g, in: world, to: &text)
      return text
    }
    let plan = world.plan(p)
    if g.coveredBy != nil { text += "covered by the organization plan " }
    text.append(world.summary(p))
    if g.coveredBy != nil { text += " (R6)" }
    if let u = g.usage {
      text += "; \(u.used) of \(u.seats) seats used"
      text.append(u.over ? ", over its size (P5)" : "")
      if g.coveredBy != nil { text += "; \(counted(g.billable, "billable member")) in the team" }
    } else {
      text += " until \(plan.periodEnd); \(counted(g.billable, "billable member"))"
    }
    text += "\n  plan: "
    var block = Text()
    world.writePlan(p, to: &block, indent: true)
    text += "\(String(block.string.dropFirst(2)))"
    if let next = g.next {
      text += "\n  next invoice: \(next.date) \(money: next.cents)"
    } else {
      text +=
        plan.status == .canceling
        ? "\n  next invoice: none (canceling, ends \(plan.periodEnd))"
        : "\n  next invoice: none (\(plan.isTrial ? "a trial ends on \(plan.periodEnd)" : "none due"))"
    }
    if let last = g.last {
      text += "\n  last billing action: \(last.date) \(last.command)"
      if let a = last.actor { text += " by \(quoted: world.handle(a))" }
    }
    appendMembers(g, in: world, to: &text)
    text += g.invoices.isEmpty ? "\n  no invoices for \(p)" : "\n  invoices of \(p):"
    for i in g.invoices { text += "\n    \(world.invoiceLine(i))" }
    return text
  }

  /// A scope's people and teams, as `show <scope>` lists them.
  private func appendMembers(_ g: ScopeGlance, in world: World, to text: inout Text) {
    text += "\n  people:"
    if g.people.isEmpty { text += " nobody yet" }
    for r in g.people {
      text += "\n    \(quoted: world.handle(r.user)): \(r.roles.joined(separator: ", "))"
      text.append(r.billable ? "; billable" : "; not billable")
    }
    if !g.teams.isEmpty { text += "\n  teams:" }
    for t in g.teams {
      let team = world.team(t.team)
      text +=
        "\n    \(world.describe(.team(t.team))): \(count(team.people.count, "person", "people"))"
      if let tp = t.plan {
        text += "; plan \(world.summary(tp))"
      } else if let op = t.coveredBy {
        text += "; covered by \(op)"
      } else {
        text += "; Basic"
      }
    }
  }

  /// `show <user>`: their roles in each space, teams, owned plans and inbox size.
  private func userText(_ g: UserGlance, in world: World) -> Text {
    var text: Text = "\(quoted: world.handle(g.user))"
    if g.acting { text.append(" (acting)") }
    if g.spaces.isEmpty { text += "\n  in no space yet" }
    for (r, plans) in g.spaces {
      text += "\n  \(world.describe(.space(r.space))): \(r.roles.joined(separator: ", "))"
      if !plans.isEmpty { text += " of \(plans.map(\.description).joined(separator: ", "))" }
    }
    for (t, p) in g.teams {
      text +=
        "\n  \(world.describe(.team(t))) of \(world.describe(.space(world.team(t).org))): \(p.map { world.plan($0).tier.name } ?? Tier.basic.name)"
      if let p { text += " (\(p))" }
    }
    for p in g.owned { text += "\n  billing owner of \(world.summary(p))" }
    text += "\n  \(counted(g.messages, "message")) in the inbox"
    return text
  }

  /// Timeline entries, one line each.
  private func entryLines(_ entries: [TimelineEntry], in world: World) -> Text {
    let words = Words()
    var text = Text()
    for e in entries {
      let h = e.happening
      text.appendLine("\(h.date) \(h.kind.rawValue): \(words.entry(h, e.fact, in: world))")
    }
    return text
  }

  /// A user's timeline rows (both views): each action and message with its date and words,
  /// oldest first.
  static func deedRows(_ deeds: [Deed], of u: UserID, in world: World) -> [(
    date: String, kind: String, text: String
  )] {
    let inbox = world.user(u).inbox
    let words = Words()
    var rows: [(date: String, kind: String, text: String)] = []
    for d in deeds {
      switch d {
      case .action(let i):
        let e = world.log[i]
        rows.append((e.date.description, "action", "\(e.command) → \(e.outcome)"))
      case .message(let i):
        guard i < inbox.count else { continue }
        // NB: a message starts with its date ("2026-01-01 invoice INV-0001 …").
        let m = words.message(inbox[i], in: world)
        let date = String(m.prefix(10))
        rows.append((date, "message", String(m.dropFirst(11))))
      }
    }
    return oldestFirst(rows) { $0.date }
  }

  /// `rules <id>`: the rule in full, in paragraphs wrapped to the help's width.
  private func ruleLines(_ r: Rule) -> [String] {
    let full = r.full
    var lines = ["\(r.id): \(r.summary)"]
    lines += Help.wrap(Help.words(full.text), width: Help.width, indent: 2, hanging: 2)
    lines.append("the help article:")
    lines += Help.wrap(Help.words(full.source), width: Help.width, indent: 2, hanging: 2)
    let names = full.commands.enumerated().map { i, c in
      c + (i < full.commands.count - 1 ? "," : "")
    }
    lines += Help.wrap(["commands:"] + names, width: Help.width, indent: 0, hanging: 2)
    lines.append(
      r.refusesNothing ? "example (shows its effect):" : "example (the last line is refused):")
    lines += full.example.map { "  " + $0 }
    return lines
  }
}
