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
    }
  }
}
