import BillingLanguage
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
    case .shownWorld:
      return .object([
        ("date", .string(world.today.description)), ("users", .int(world.userCount)),
        ("spaces", .int(world.spaces.count)),
        ("teams", .int(world.teams.count)),
        ("plans", .array(world.plans.filter(\.isLive).map { world.planJSON($0.id) })),
        ("invoices", .int(world.invoices.count)),
      ])
    case .shownScope(let g):
      return scopeJSON(g, in: world)
    case .shownUser(let g):
      return userJSON(g, in: world)
    case .shownPlan(let id, let invoices, let events):
      return .object([
        ("plan", world.planJSON(id)),
        ("scheduled", world.scheduledJSON(id)),
        ("invoices", .array(invoices.map { world.invoiceJSON($0) })),
        ("events", .array(events.map { entryJSON($0, in: world) })),
      ])
    case .shownInvoice(let id, let lines):
      guard case .object(var fields) = world.invoiceJSON(id) else { return .object([]) }
      let issued = world.invoice(id).date
      fields.append(
        (
          "lines",
          .array(
            lines.map { l in
              .object([
                ("text", .string(world.arithmetic(l, issued: issued))), ("cents", .int(l.cents)),
                ("seats", .num(l.seats)), ("unit_cents", .num(l.unitCents)),
                ("days", .num(l.days)), ("period_days", .num(l.periodDays)),
                ("from", .str(l.span(issued: issued)?.from.description)),
                ("to", .str(l.span(issued: issued)?.to.description)),
              ])
            })
        ))
      return .object(fields)
    case .timeline(let entries, _), .planTimeline(let entries, _):
      return .object([("entries", .array(entries.map { entryJSON($0, in: world) }))])
    case .userTimeline(let u, let deeds):
      return .object([
        (
          "entries",
          .array(
            ViewResult.deedRows(deeds, of: u, in: world).map {
              .object([
                ("date", .string($0.date)), ("kind", .string($0.kind)), ("text", .string($0.text)),
                ("plan", .null), ("invoice", .null),
                // Their own actions are theirs; a message was caused by someone else.
                ("actor", $0.kind == "action" ? .string(world.handle(u)) : .null),
              ])
            })
        )
      ])
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
    case .loggedIn(_, let handle):
      return .object([("user", .string(handle))])
    case .loggedOut:
      return .object([("user", .null)])
    case .pager(let on):
      return .object([("pager", .bool(on))])
    case .marked(let name, _, let date, let actor), .backAt(let name, let date, let actor):
      return .object([
        ("mark", .string(name)), ("date", .string(date.description)),
        ("actor", .str(actor.map { world.handle($0) })),
      ])
    case .undone(let lines, let date, let actor):
      return .object([
        ("undone", .array(lines.map { .string($0) })),
        ("date", .string(date.description)), ("actor", .str(actor.map { world.handle($0) })),
      ])
    case .saved(let path):
      return .object([("file", .string(path))])
    case .loaded(let file):
      return .object([("file", .str(file?.path)), ("date", .string(world.today.description))])
    case .reset, .moved, .recordingStopped, .bye:
      return .object([])
    case .read(let path, let unmet, let interrupted):
      return .object([
        ("file", .string(path)), ("unmet", .int(unmet)), ("interrupted", .bool(interrupted)),
      ])
    case .recording(let path, _):
      return .object([("file", .string(path))])
    case .help(let spec):
      return .object([("help", .string(Help.text(spec)))])
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

  private func scopeJSON(_ g: ScopeGlance, in world: World) -> JSON {
    let tier = g.covering.map { world.plan($0).tier } ?? .basic
    return .object([
      ("scope", .string(world.describe(g.scope))), ("tier", .string(tier.name)),
      // SPEC §8: the plan in effect, whole (for a covered team, the organization's; see
      // covered_by).
      ("plan", g.covering.map { world.planJSON($0) } ?? .null),
      ("covered_by", .str(g.coveredBy?.description)),
      (
        "next_invoice",
        g.next.map {
          .object([("date", .string($0.date.description)), ("amount_cents", .int($0.cents))])
        }
          ?? .null
      ),
      (
        "last_action",
        g.last.map {
          .object([
            ("date", .string($0.date.description)),
            ("actor", .str($0.actor.map { world.handle($0) })), ("command", .string($0.command)),
          ])
        } ?? .null
      ),
      ("seats", .num(g.usage?.seats)), ("used", .num(g.usage?.used)),
      ("over", .bool(g.usage?.over ?? false)),
      ("billable", .int(g.billable)),
      (
        "people",
        .array(
          g.people.map { r in
            .object([
              ("user", .string(world.handle(r.user))),
              ("roles", .array(r.roles.map { .string($0) })), ("billable", .bool(r.billable)),
            ])
          })
      ),
      (
        "teams",
        .array(
          g.teams.map { t in
            .object([
              ("team", .string(world.describe(.team(t.team)))),
              ("people", .int(world.team(t.team).people.count)),
              ("plan", .str(t.plan?.description)), ("covered_by", .str(t.coveredBy?.description)),
            ])
          })
      ),
      ("invoices", .array(g.invoices.map { world.invoiceJSON($0) })),
    ])
  }

  private func userJSON(_ g: UserGlance, in world: World) -> JSON {
    .object([
      ("user", .string(world.handle(g.user))), ("acting", .bool(g.acting)),
      (
        "spaces",
        .array(
          g.spaces.map { r, plans in
            .object([
              ("space", .string(world.describe(.space(r.space)))),
              ("roles", .array(r.roles.map { .string($0) })),
              ("plans", .array(plans.map { .string($0.description) })),
            ])
          })
      ),
      (
        "teams",
        .array(
          g.teams.map { t, p in
            .object([
              ("team", .string(world.describe(.team(t)))),
              ("org", .string(world.describe(.space(world.team(t).org)))),
              ("plan", .str(p?.description)),
              ("tier", .string((p.map { world.plan($0).tier } ?? .basic).name)),
            ])
          })
      ),
      ("plans", .array(g.owned.map { world.planJSON($0) })),
      ("messages", .int(g.messages)),
    ])
  }

  /// A timeline entry: `{"date", "kind", "text", "plan", "invoice", "actor"}`.
  private func entryJSON(_ e: TimelineEntry, in world: World) -> JSON {
    let h = e.happening
    return .object([
      ("date", .string(h.date.description)), ("kind", .string(h.kind.rawValue)),
      ("text", .string(Words().entry(h, e.fact, in: world))), ("plan", .str(h.plan?.description)),
      ("invoice", .str(h.invoice?.description)),
      ("actor", .str(h.actor.map { world.handle($0) })),
    ])
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
