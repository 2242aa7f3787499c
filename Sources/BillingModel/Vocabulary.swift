/// Plan tiers in order (R9): basic < starter < advanced < enterprise < enterprise-plus.
public enum Tier: Int, Comparable, CaseIterable, Sendable {
  case basic, starter, advanced, enterprise, enterprisePlus

  public var name: String {
    switch self {
    case .basic: "basic"
    case .starter: "starter"
    case .advanced: "advanced"
    case .enterprise: "enterprise"
    case .enterprisePlus: "enterprise-plus"
    }
  }

  /// Accepts the names and the aliases `personal` and `enterprise+`.
  public init?(word: String) {
    // NB: most words come lower-case already; only others pay for `lowercased()`.
    switch word.utf8.contains(where: { $0 >= 65 && $0 <= 90 }) ? word.lowercased() : word {
    case "basic", "personal": self = .basic
    case "starter": self = .starter
    case "advanced": self = .advanced
    case "enterprise": self = .enterprise
    case "enterprise-plus", "enterprise+": self = .enterprisePlus
    default: return nil
    }
  }

  /// Words accepted on the command line, for completion and suggestions.
  public static let words = ["basic", "personal", "starter", "advanced", "enterprise", "enterprise-plus", "enterprise+"]

  /// R9: Enterprise and Enterprise+ are sold through sales.
  public var isSalesOnly: Bool { self >= .enterprise }

  public static func < (a: Tier, b: Tier) -> Bool { a.rawValue < b.rawValue }
}

/// Billing cycle (R2).
public enum Cycle: String, Sendable, CaseIterable {
  case monthly, annual
  public var months: Int { self == .monthly ? 1 : 12 }
  public var unitWord: String { self == .monthly ? "month" : "year" }
}

/// Payment methods (R12, R22).
public enum Payment: String, Sendable, CaseIterable {
  case card, paypal, invoice
}

public enum PlanStatus: String, Sendable {
  case trial, active, canceling, ended
}

public enum SpaceKind: String, Sendable {
  case org, workspace
}
