import BillingModel
import BillingSupport

/// What a setup command or an action did, as one value; its text and its JSON are two views of it,
/// each written once below (a third view, another language, is one more function).
enum ActionResult {
  /// How the first line of a plan's result names what was done.
  enum PlanVerb: String {
    case upgraded, changed
    case startedTrial = "started trial"
    case createdFor = "created a plan for"
    case changedBySales = "sales changed"
  }

  case usersCreated([UserID])
  case spaceCreated(SpaceID)
  /// A team, with its name as the command gave it.
  case teamCreated(TeamID, name: String)
  /// People added to a place (handles as the command gave them), and what it set off (P5).
  case added([String], to: String, as: JoinRole, notes: [Fact])
  /// A person removed from a place; from an organization, from its teams too.
  case removed(String, from: String, withTeams: Bool)
  // What the billing tab's read-only actions show.
  /// `plan`: the plan covering a scope, or none (Basic).
  case covering(Scope, PlanID?)
  case billingTab(PlanID, [BillingAction])
  case seats(SeatUsage)
  case invoices(of: PlanID, [InvoiceID])
  case invoice(InvoiceID)
  /// A plan bought, started, changed or sold: the plan, its invoice and what else happened.
  case plan(PlanVerb, PlanOutcome)
  /// A billing-tab change (cancel, resume, transfer, pay, address) to a plan.
  case billing(Fact, plan: PlanID)
  /// An admin appointed or revoked in a place.
  case admin(Fact, AdminChange, place: String)

  /// The text view.
  func text(in world: World) -> Text {
    let words = Words()
    switch self {
    case .plan(let verb, let o):
      var text: Text = "\(verb.rawValue) \(world.byName(world.plan(o.plan).scope)):\n"
      world.writePlan(o.plan, to: &text, indent: true)
      if let inv = o.invoice {
        text.append("\n  " as StaticString)
        world.writeInvoiceLine(inv, to: &text)
      }
      for n in o.notes {
        text.append("\n  " as StaticString)
        words.appendNote(n, in: world, to: &text)
      }
      return text
    case .billing(let fact, _), .admin(let fact, _, _):
      return Text(words.result(fact, in: world))
    case .usersCreated(let ids):
      return
        "created user\(ids.count == 1 ? "" : "s") "
        + ids.map { quoted(world.handle($0)) }.joined(separator: ", ")
    case .spaceCreated(let id):
      return "created \(world.describe(.space(id)))"
    case .teamCreated(let id, let name):
      return "created team \(quoted(name)) in \(world.describe(.space(world.team(id).org)))"
    case .added(let handles, let place, let role, let notes):
      var text: Text = "added "
      text.append(handles, separator: ", ") { $0.append(quoted: $1) }
      text.append(" to ")
      text.append(place)
      if role != .member {
        text.append(role == .guest ? " as guest" : " as admin")
        if handles.count != 1 { text.append("s") }
      }
      for n in notes {
        text.append("\n  " as StaticString)
        words.appendNote(n, in: world, to: &text)
      }
      return text
    case .removed(let handle, let place, let withTeams):
      return "removed \(quoted(handle)) from \(place)\(withTeams ? " (and its teams)" : "")"
    case .covering(let scope, let id):
      guard let id else { return "\(world.byName(scope)) is on Basic (free)" }
      var text = Text(capacity: 256)
      if case .team = scope, case .space = world.plan(id).scope {
        text.append(world.byName(scope))
        text.append(" is covered by the organization plan (R6):\n" as StaticString)
      }
      world.writePlan(id, to: &text)
      return text
    case .billingTab(let id, let rows):
      let p = world.plan(id)
      let place =
        if case .team = p.scope { "in the team's settings" } else { "in the admin console" }
      let width = rows.map(\.name.count).max() ?? 8
      var text: Text =
        "billing tab of \(world.byName(id)), \(place); billing owner \(quoted: world.handle(p.owner))"
      for r in rows {
        text += "\n  \(r.name)"
        for _ in 0..<(width - r.name.count + 2) { text.append(byte: 32) }
        if let b = r.block { text += "no: \(words.block(b))" } else { text.append("yes") }
      }
      return text
    case .seats(let s):
      let state = s.over ? "over its size by \(s.used - s.seats) (P5)" : "\(s.seats - s.used) free"
      return
        "\(world.byName(s.plan)): \(s.seats) seats, \(s.used) billable member\(s.used == 1 ? "" : "s"), \(state)"
    case .invoices(let id, let list):
      if list.isEmpty { return "\(world.byName(id)) has no invoices" }
      var text = Text()
      for i in list { text.appendLine(world.invoiceLine(i)) }
      return text
    case .invoice(let id):
      return world.invoiceLine(id)
    }
  }

  /// The JSON view (SPEC §5's result object).
  func json(in world: World) -> JSON {
    switch self {
    case .plan(_, let o):
      return .object([
        ("plan", world.planJSON(o.plan)),
        ("invoice", o.invoice.map { world.invoiceJSON($0) } ?? .null),
      ])
    case .billing(_, let plan):
      return .object([("plan", world.planJSON(plan))])
    case .admin(_, let change, let place):
      return .object([
        ("user", .string(change.handle)), ("space", .string(place)),
        ("admin", .bool(change.admin)),
      ])
    case .usersCreated(let ids):
      return .object([("users", .array(ids.map { .string(world.handle($0)) }))])
    case .spaceCreated(let id):
      return .object([("space", .string(world.describe(.space(id))))])
    case .teamCreated(let id, _):
      return .object([
        ("team", .string(world.describe(.team(id)))),
        ("org", .string(world.describe(.space(world.team(id).org)))),
      ])
    case .added(let handles, let place, _, let notes):
      return .object([
        ("users", .array(handles.map { .string($0) })), ("to", .string(place)),
        ("notes", .array(notes.map { .string(Words().note($0, in: world)) })),
      ])
    case .removed(let handle, let place, _):
      return .object([("user", .string(handle)), ("from", .string(place))])
    case .covering(_, let id):
      return id.map { world.planJSON($0) } ?? .null
    case .billingTab(let id, let rows):
      return .object([
        ("plan", .string(id.description)),
        (
          "actions",
          .array(
            rows.map {
              .object([
                ("name", .string($0.name)), ("allowed", .bool($0.allowed)),
                ("note", .str($0.block.map { Words().block($0) })),
              ])
            })
        ),
      ])
    case .seats(let s):
      return .object([
        ("plan", .string(s.plan.description)), ("seats", .int(s.seats)), ("used", .int(s.used)),
        ("over", .bool(s.over)),
      ])
    case .invoices(_, let list):
      return .object([("invoices", .array(list.map { world.invoiceJSON($0) }))])
    case .invoice(let id):
      return world.invoiceJSON(id)
    }
  }
}
