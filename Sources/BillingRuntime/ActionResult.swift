import BillingModel
import BillingSupport

/// What a setup command or a state-changing action did, as one value; its text and its JSON are two views of it,
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
      var text: Text = "\(verb.rawValue) \(world.describe(world.plan(o.plan).scope)):\n"
      world.writePlan(o.plan, to: &text, indent: true)
      if let inv = o.invoice { text += "\n  \(world.invoiceLine(inv))" }
      for n in o.notes { text += "\n  \(words.note(n, in: world))" }
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
      for n in notes { text += "\n  \(words.note(n, in: world))" }
      return text
    case .removed(let handle, let place, let withTeams):
      return "removed \(quoted(handle)) from \(place)\(withTeams ? " (and its teams)" : "")"
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
    }
  }
}
