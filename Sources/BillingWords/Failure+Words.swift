import BillingModel
import BillingSupport

extension Failure {
  /// NB: words are written here, when asked for; printers write the bytes as they are.
  package var messageText: Text { reason.message }
  package var message: String { messageText.string }

  /// `error[code]: message (R14)`.
  package var line: String { lineText.string }

  package var lineText: Text {
    var t = Text(capacity: 80)
    appendLine(to: &t)
    return t
  }

  /// Appends `error[code]: message (R14)` to `t`, with no Text made for it alone.
  package func appendLine(to t: inout Text) {
    let (code, rule) = reason.classification
    t.append("error[" as StaticString)
    t.append(code.rawValue)
    t.append("]: " as StaticString)
    reason.appendMessage(to: &t)
    if let rule {
      t.append(" (" as StaticString)
      t.append(rule.id)
      t.append(")" as StaticString)
    }
  }
}

/// "; did you mean a or b?" or "".
package func didYouMean(_ names: [String], quote: (String) -> String = { quoted($0) }) -> String {
  guard !names.isEmpty else { return "" }
  let q = names.map(quote)
  return "; did you mean \(listed(q, "or"))?"
}
