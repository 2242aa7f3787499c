import BillingModel
import BillingSupport

// The words of scopes, plans, scheduled changes and lists of people: the model keeps their ids
// and names (`ScopeRef`, `NamedPlan`, `PlanChange`, `SomePeople`), these word them.

extension ScopeRef {
  /// `org Acme`, `workspace "Side Project"`, `team Design`, `team Design --org Acme`.
  package var text: String {
    switch self {
    case .org(let n): return joined("org ", quoted(n))
    case .workspace(let n): return joined("workspace ", quoted(n))
    case .team(let n, nil): return joined("team ", quoted(n))
    case .team(let n, let o?): return "team " + quoted(n) + " --org " + quoted(o)
    }
  }
}

/// `kind` then `name`, in one string made at once (views name scopes on every line they show).
private func joined(_ kind: StaticString, _ name: String) -> String {
  var name = name
  return name.withUTF8 { n in
    String(unsafeUninitializedCapacity: kind.utf8CodeUnitCount + n.count) { out in
      let k = UnsafeBufferPointer(start: kind.utf8Start, count: kind.utf8CodeUnitCount)
      _ = out.initialize(fromContentsOf: k)
      _ = out[k.count...].initialize(fromContentsOf: n)
      return k.count + n.count
    }
  }
}

extension Text {
  /// `org Acme`, as `ScopeRef.text`, written straight into the text.
  package mutating func append(_ scope: ScopeRef) {
    switch scope {
    case .org(let n):
      append("org " as StaticString)
      append(quoted: n)
    case .workspace(let n):
      append("workspace " as StaticString)
      append(quoted: n)
    case .team(let n, let o):
      append("team " as StaticString)
      append(quoted: n)
      if let o {
        append(" --org " as StaticString)
        append(quoted: o)
      }
    }
  }
}

extension Text {
  /// A plan's summary (`NamedPlan.summary`), written straight into the text.
  package mutating func append(_ p: NamedPlan) {
    append(p.plan)
    append(" (" as StaticString)
    append(p.scope)
    append(", " as StaticString)
    append(p.tier.name)
    if p.trial {
      append(" trial)" as StaticString)
    } else {
      append(" " as StaticString)
      append(p.cycle.rawValue)
      append(", " as StaticString)
      append(p.seats)
      append(" seats)" as StaticString)
    }
  }
}

extension NamedPlan {
  /// "P1 (org Acme, starter annual, 10 seats)", "P2 (team Design, advanced trial)".
  package var summary: Text {
    var t = Text(capacity: 64)
    t.append(self)
    return t
  }
}

extension PlanChange {
  /// "starter, 5 seats, monthly": what waits for the renewal.
  package var words: String {
    var parts: [String] = []
    if let t = tier { parts.append(t.name) }
    if let s = seats { parts.append("\(s) seats") }
    if let c = cycle { parts.append(c.rawValue) }
    return parts.joined(separator: ", ")
  }
}

extension SomePeople {
  /// `ann`, `ann, bob and 3 more`, each handle quoted as needed; "nobody" when empty.
  package var list: String {
    var names = handles.map { quoted($0) }
    if more > 0 { names.append("\(more) more") }
    return names.isEmpty ? "nobody" : listed(names, "and")
  }
}

extension Text.Interpolation {
  /// A scope by name, in a refusal's words: `org Acme`.
  package mutating func appendInterpolation(_ scope: ScopeRef) { text.append(scope) }
  /// A plan by name, in a refusal's words: its summary.
  package mutating func appendInterpolation(_ plan: NamedPlan) { text.append(plan) }
}

extension Cycle {
  /// "month", "year": what a price per seat is for ("$10.00 a month").
  package var unitWord: String { self == .monthly ? "month" : "year" }
}

extension World {
  /// `org Acme`, `workspace "Side Project"`, `team Design`.
  package func describe(_ scope: Scope) -> String { byName(scope).text }

  /// "starter, 5 seats, monthly".
  package func describe(_ c: PlanChange) -> String { c.words }

  /// "P1 (org Acme, starter annual, 10 seats)".
  package func summary(_ id: PlanID) -> Text { byName(id).summary }

  /// "ann, bob and 3 more", in id order; "nobody" when empty.
  package func handles(_ ids: some Collection<UserID>, limit: Int = 5) -> String {
    someHandles(ids, limit: limit).list
  }
}
