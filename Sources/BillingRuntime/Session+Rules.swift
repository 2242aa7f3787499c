import BillingLanguage
import BillingModel
import BillingSupport

extension Help {
  /// Whether a `.help` topic names a rule, or looks like a rule id (`R99`), rather than a command.
  package static func isRuleTopic(_ topic: String) -> Bool {
    Rule(id: topic) != nil || looksLikeRuleID(topic)
  }

  /// `R` or `P` (any case) and digits.
  static func looksLikeRuleID(_ word: String) -> Bool {
    let u = Array(word.utf8)
    guard u.count >= 2, u.count <= 6, [82, 114, 80, 112].contains(u[0]) else { return false }
    return u.dropFirst().allSatisfy { $0 >= 48 && $0 <= 57 }
  }

  /// The rule an id names, in any case; an unknown id is `not-found` with close ids.
  package static func rule(_ id: String) throws(Failure) -> Rule {
    guard let r = Rule(id: id) else {
      throw Failure(
        .unknownRule(id, suggestions: suggestions(for: id, among: Rule.allCases.map(\.id))))
    }
    return r
  }
}

extension Session {
  /// `rules` and `rules <id>` (also `.help <id>`): `{"rules": [...]}`, one element for one rule.
  /// `--lang id` adds the rule in Indonesian and the help article's own sentence.
  func rules(_ id: String?, lang: Language = .en) throws(Failure) -> Outcome {
    guard let id else { return outcome(.rules) }
    return outcome(.rule(try Help.rule(id), lang))
  }
}
