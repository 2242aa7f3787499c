import BillingModel
import BillingSupport

extension ViewResult {
  /// The JSON view: one switch, one place per view.
  func json(in world: World) -> JSON {
    switch self {
    case .whoami(nil, _):
      return .object([("user", .null), ("spaces", .array([]))])
    case .whoami(let u?, let roles):
      return .object([
        ("user", .string(world.handle(u))),
        (
          "spaces",
          .array(
            roles.map {
              .object([
                ("space", .string(world.describe(.space($0.space)))),
                ("roles", .array($0.roles.map { .string($0) })),
              ])
            })
        ),
      ])
    case .clock(let day):
      return .object([("date", .string(day.description)), ("events", .array([]))])
    case .quote(let q, _):
      return .object([
        ("tier", .string(q.tier.name)), ("cycle", .string(q.cycle.rawValue)),
        ("seats", .int(q.seats)), ("unit_cents", .int(q.unitCents)),
        ("period_cents", .int(q.periodCents)),
      ])
    case .inbox(let handle, let messages):
      let words = Words()
      return .object([
        ("user", .string(handle)),
        ("messages", .array(messages.map { .string(words.message($0, in: world)) })),
      ])
    case .history(let lines):
      return .object([("history", .array(lines.map { .string($0) }))])
    case .features(let u, let rows):
      return .object([
        ("user", .string(world.handle(u))),
        (
          "access",
          .array(
            rows.map {
              .object([
                ("scope", .string(world.describe($0.scope))), ("tier", .string($0.tier.name)),
                ("plan", .str($0.plan?.description)),
              ])
            })
        ),
      ])
    case .log(let entries):
      return .object([
        (
          "entries",
          .array(
            entries.map {
              .object([
                ("date", .string($0.date.description)), ("actor", .str($0.actor)),
                ("command", .string($0.command)), ("outcome", .string($0.outcome)),
              ])
            })
        )
      ])
    case .marks(let marks):
      return .object([
        (
          "marks",
          .array(
            marks.map { m in
              .object([
                ("name", .string(m.name)), ("date", .string(m.date.description)),
                ("ago", .int(m.ago)), ("actor", .str(m.actor)),
              ])
            })
        )
      ])
    case .rules:
      return .object([("rules", .array(Rule.allCases.map(\.json)))])
    case .rule(let r, let lang):
      guard lang == .id, case .object(var fields) = r.json else {
        return .object([("rules", .array([r.json]))])
      }
      fields.append(("indonesian", .string(r.indonesian)))
      fields.append(("article", .str(r.articleSentence)))
      return .object([("rules", .array([.object(fields)]))])
    }
  }
}

extension Rule {
  /// `{"id", "summary", "text", "source", "commands", "example"}` (SPEC §8).
  fileprivate var json: JSON {
    let full = self.full
    return .object([
      ("id", .string(id)), ("summary", .string(summary)), ("text", .string(full.text)),
      ("source", .string(full.source)), ("commands", .array(full.commands.map { .string($0) })),
      ("example", .string(full.example.joined(separator: "\n"))),
    ])
  }
}
