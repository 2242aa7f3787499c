@testable import BillingModel
@testable import BillingRuntime
@testable import BillingStore
@testable import BillingSupport

/// Saved worlds for the `.load` tests: a story played and saved as `.save` writes it, and a
/// saved text loaded back, with the failure it gives.
enum SavedWorlds {
  /// The saved world of `story` (one command a line, played in a fresh session).
  static func saved(of story: String) -> String {
    let s = Session()
    for line in story.split(separator: "\n") { _ = s.perform(String(line)) }
    return s.savedText()
  }

  /// The failure loading `text` gives, or nil when it loads.
  static func load(_ text: String) -> Failure? {
    do {
      _ = try World.restore(try parseJSON(text))
      return nil
    } catch { return error }
  }
}
