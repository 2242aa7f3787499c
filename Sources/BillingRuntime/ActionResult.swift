import BillingModel
import BillingSupport

/// What a state-changing command did, as one value; its text and its JSON are two views of it,
/// each written once below (a third view, another language, is one more function).
enum ActionResult {
  /// How the first line of a plan's result names what was done.
  enum PlanVerb: String {
    case upgraded, changed
    case startedTrial = "started trial"
    case createdFor = "created a plan for"
  }

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
    }
  }
}
