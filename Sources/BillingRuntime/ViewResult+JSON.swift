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
    case .advanced(let day, let l):
      // NB: an interrupted advance gives the events it listed (none, if stopped before), and
      // how many it did not.
      let notListed = l.events.count - l.listed
      return .object(
        [
          ("date", .string(day.description)),
          ("events", .array(l.events[..<l.listed].map { world.eventJSON($0) })),
        ]
          + (l.stopped || notListed > 0
            ? [("interrupted", .bool(true)), ("events_not_listed", .int(notListed))] : []))
    case .forecast(_, let f):
      return Self.json(f.forecast)
    case .compared(let scope, let command, let asIs, let after):
      return .object([
        ("scope", .string(world.describe(scope))), ("command", .string(command)),
        ("from", .string(asIs.forecast.from.description)),
        ("to", .string(asIs.forecast.to.description)),
        ("as_is", Self.json(asIs.forecast)), ("after", Self.json(after.forecast)),
        ("difference_cents", .int(after.forecast.totalCents - asIs.forecast.totalCents)),
      ])
    case .comparedPaths(let scope, let asIs, let paths):
      let f = asIs.forecast
      func pathJSON(_ p: Session.Path) -> JSON {
        .object([
          ("with", .string(p.text)),
          ("invoices", .array(p.invoices.map { p.world.invoiceJSON($0) })),
          ("total_cents", .int(p.total)), ("difference_cents", .int(p.total - f.totalCents)),
        ])
      }
      let first = paths[0]
      return .object([
        ("scope", .string(world.describe(scope))), ("command", .string(first.text)),
        ("from", .string(f.from.description)), ("to", .string(f.to.description)),
        ("as_is", Self.json(f)),
        (
          "after",
          .object([
            ("from", .string(f.from.description)), ("to", .string(f.to.description)),
            ("invoices", .array(first.invoices.map { first.world.invoiceJSON($0) })),
            ("total_cents", .int(first.total)),
          ])
        ),
        ("difference_cents", .int(first.total - f.totalCents)),
        ("alternatives", .array(paths.map(pathJSON))),
      ])
    case .invoiceExplained(_, let lang), .refusalExplained(_, let lang):
      // The customer's words are the text view; JSON carries them with their language.
      return .object([
        ("lang", .string(lang.rawValue)), ("text", .string(text(in: world).string)),
      ])
    case .can(_, let f):
      return .object([("allowed", .bool(f == nil)), ("error", f?.json ?? .null)])
    }
  }

  /// A forecast: its window, every event (listed or not), its invoices and their total.
  private static func json(_ f: Forecast) -> JSON {
    .object([
      ("from", .string(f.from.description)), ("to", .string(f.to.description)),
      ("events", .array(f.events.map { f.world.eventJSON($0) })),
      ("invoices", .array(f.invoices.map { f.world.invoiceJSON($0) })),
      ("total_cents", .int(f.totalCents)),
    ])
  }
}
