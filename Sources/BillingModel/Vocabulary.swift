/// Plan tiers in order (R9): basic < starter < advanced < enterprise < enterprise-plus.
package enum Tier: Int, Comparable, CaseIterable, Sendable {
  case basic, starter, advanced, enterprise, enterprisePlus

  package var name: String {
    switch self {
    case .basic: "basic"
    case .starter: "starter"
    case .advanced: "advanced"
    case .enterprise: "enterprise"
    case .enterprisePlus: "enterprise-plus"
    }
  }

  /// Other words for the tier on the command line.
  package var aliases: [String] {
    switch self {
    case .basic: ["personal"]
    case .enterprisePlus: ["enterprise+"]
    default: []
    }
  }

  /// Accepts the names and the aliases `personal` and `enterprise+`.
  /// NB: a switch over the same words as `name` and `aliases`, as fast as parsing needs.
  package init?(word: String) {
    // NB: most words come lower-case already and are matched as they are; only others pay for
    // `lowercased()` (a lower-case word that matches nothing matches nothing lowered either).
    if let t = Tier.exactly(word) {
      self = t
    } else if word.utf8.contains(where: { $0 >= 65 && $0 <= 90 }),
      let t = Tier.exactly(word.lowercased())
    {
      self = t
    } else {
      return nil
    }
  }

  /// The tier a lower-case word names.
  /// NB: lengths first, so a word is compared with one or two of the words, not all in turn.
  private static func exactly(_ w: String) -> Tier? {
    switch w.utf8.count {
    case 5 where w == "basic": .basic
    case 7 where w == "starter": .starter
    case 8 where w == "advanced": .advanced
    case 8 where w == "personal": .basic
    case 10 where w == "enterprise": .enterprise
    case 11 where w == "enterprise+": .enterprisePlus
    case 15 where w == "enterprise-plus": .enterprisePlus
    default: nil
    }
  }

  /// Words accepted on the command line, for completion and suggestions.
  package static let words = allCases.flatMap { [$0.name] + $0.aliases }

  /// R9: Enterprise and Enterprise+ are sold through sales.
  package var isSalesOnly: Bool { self >= .enterprise }

  package static func < (a: Tier, b: Tier) -> Bool { a.rawValue < b.rawValue }
}

/// Billing cycle (R2).
package enum Cycle: String, Sendable, CaseIterable {
  case monthly, annual
  package var months: Int { self == .monthly ? 1 : 12 }
}

/// Payment methods (R12, R22).
package enum Payment: String, Sendable, CaseIterable {
  case card, paypal, invoice
}

package enum PlanStatus: String, Sendable {
  case trial, active, canceling, ended
}

package enum SpaceKind: String, Sendable {
  case org, workspace
}
