import BillingSupport

/// Text a person types that the world keeps and shows back: names of spaces and teams, billing
/// addresses. Handles have their own, stricter check (`checkHandle`).
package enum ShownText: Sendable {
  case orgName, workspaceName, teamName, billingAddress

  /// The most characters it may hold (SPEC §1: names 1 to 100).
  package var maxLength: Int { self == .billingAddress ? 500 : 100 }

  package static func name(of kind: SpaceKind) -> ShownText {
    kind == .org ? .orgName : .workspaceName
  }
}

extension World {
  /// The one check of every name and address the world keeps, wherever it comes from (a
  /// command, a flag, a loaded file): 1 to `maxLength` characters (else `usage`, as before),
  /// and no control character — C0, DEL, C1, or any other Unicode control (`invalid`, naming
  /// the field and showing the text with the control escaped).
  /// NB: a control byte in a name would reach the terminal each time the name is shown.
  package static func checkShownText(_ text: String, _ kind: ShownText) throws(Failure) {
    if let control = text.unicodeScalars.first(where: { $0.properties.generalCategory == .control })
    {
      throw Failure(.controlCharacter(kind, text.visible, scalar: control.value))
    }
    guard !text.isEmpty, text.count <= kind.maxLength else {
      throw Failure(kind == .billingAddress ? .badAddress : .badName(text, kind))
    }
  }
}
