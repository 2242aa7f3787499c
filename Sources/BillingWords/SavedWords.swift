import BillingModel

/// The words a saved world keeps for its facts (`.save` writes words, as saves made before the
/// facts were values did). The runtime words them (`Words`); the model and the store have no words.
package protocol SavedWords {
  /// An inbox message as saved: its date, then its words.
  func message(_ m: Message, in world: World) -> String
  /// A journal entry's note as saved.
  func note(_ h: Happening, _ fact: Fact?, in world: World) -> String
  func endReason(_ r: EndReason) -> String
  func label(_ l: InvoiceLabel, in world: World) -> String
}
