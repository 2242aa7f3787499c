import BillingModel

extension ShownText {
  /// The field as an error names it.
  package var field: String {
    switch self {
    case .orgName: "org name"
    case .workspaceName: "workspace name"
    case .teamName: "team name"
    case .billingAddress: "billing address"
    }
  }
}
