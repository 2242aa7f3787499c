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
    }
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
}
