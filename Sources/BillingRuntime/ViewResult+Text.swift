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
    }
  }
}
