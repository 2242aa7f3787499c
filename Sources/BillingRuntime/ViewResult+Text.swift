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
        "\(q.tier.name) \(q.cycle.rawValue), \(q.seats) seats for \(world.describe(scope)): \(Money.format(q.periodCents)) a \(q.cycle.unitWord) (\(Money.format(q.unitCents)) per seat)"
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
      for r in rows {
        text += "\n  \(world.describe(r.scope)): \(r.tier.name)"
        if let p = r.plan {
          if case .team = r.scope, case .space = world.plan(p).scope {
            text += " (\(p), the organization plan)"
          } else {
            text += " (\(p)\(world.plan(p).isTrial ? ", trial" : ""))"
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
    }
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
