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

  /// `rules`: every rule, one line each.
  package static func ruleList() -> String {
    var lines = Rule.allCases.map { r in
      r.id + String(repeating: " ", count: 5 - r.id.count) + r.summary
    }
    lines.append("rules <id> (or .help <id>) shows one in full, with an example.")
    return lines.joined(separator: "\n")
  }

  /// `rules <id>`: the rule in full, in paragraphs wrapped to `width`.
  package static func ruleText(_ r: Rule) -> String {
    let full = r.full
    var lines = ["\(r.id): \(r.summary)"]
    lines += wrap(words(full.text), width: width, indent: 2, hanging: 2)
    lines.append("the help article:")
    lines += wrap(words(full.source), width: width, indent: 2, hanging: 2)
    let names = full.commands.enumerated().map { i, c in
      c + (i < full.commands.count - 1 ? "," : "")
    }
    lines += wrap(["commands:"] + names, width: width, indent: 0, hanging: 2)
    lines.append(
      r.refusesNothing ? "example (shows its effect):" : "example (the last line is refused):")
    lines += full.example.map { "  " + $0 }
    return lines.joined(separator: "\n")
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

extension Rule {
  /// `{"id", "summary", "text", "source", "commands", "example"}` (SPEC §8).
  var json: JSON {
    let full = self.full
    return .object([
      ("id", .string(id)), ("summary", .string(summary)), ("text", .string(full.text)),
      ("source", .string(full.source)), ("commands", .array(full.commands.map { .string($0) })),
      ("example", .string(full.example.joined(separator: "\n"))),
    ])
  }
}

extension Session {
  /// `rules` and `rules <id>` (also `.help <id>`): `{"rules": [...]}`, one element for one rule.
  /// `--lang id` adds the rule in Indonesian and the help article's own sentence.
  func rules(_ id: String?, lang: Language = .en) throws(Failure) -> Outcome {
    guard let id else {
      return ok(
        Text(Help.ruleList()), .object([("rules", .array(Rule.allCases.map(\.json)))]))
    }
    let r = try Help.rule(id)
    guard lang == .id else {
      return ok(Text(Help.ruleText(r)), .object([("rules", .array([r.json]))]))
    }
    var lines = [Help.ruleText(r), "in Indonesian:"]
    lines += Help.wrap(Help.words(r.indonesian), width: Help.width, indent: 2, hanging: 2)
    lines.append("the article's own sentence:")
    lines += Help.wrap(
      Help.words(
        r.articleSentence.map { "“\($0)”" } ?? "(the article is silent: a choice of billsh)"),
      width: Help.width, indent: 2, hanging: 2)
    guard case .object(var fields) = r.json else { return ok(Text(lines.joined(separator: "\n"))) }
    fields.append(("indonesian", .string(r.indonesian)))
    fields.append(("article", .str(r.articleSentence)))
    return ok(
      Text(lines.joined(separator: "\n")), .object([("rules", .array([.object(fields)]))]))
  }
}
