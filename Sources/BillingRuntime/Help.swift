import BillingLanguage
import BillingModel
import BillingSupport

/// `.help` and `billsh --help`, generated from the command table.
package enum Help {
  package static func text(_ topic: String?) throws(Failure) -> String {
    guard let topic, !topic.isEmpty else { return overview }
    let name = topic.hasPrefix(".") || commandSpec(named: topic) != nil ? topic : topic
    guard let spec = commandSpec(named: name) ?? commandSpec(named: "." + name) else {
      throw Failure(
        .usage, nil,
        "no command \(quoted(topic))"
          + didYouMean(suggestions(for: topic, among: commandNames), quote: { $0 })
          + "; .help lists them all")
    }
    var lines = [spec.synopsis, "  " + spec.summary]
    if !spec.aliases.isEmpty {
      lines.append(
        "  alias: " + spec.aliases.map { $0.joined(separator: " ") }.joined(separator: ", "))
    }
    if !spec.rules.isEmpty {
      lines.append("  rules: " + spec.rules.map(\.id).joined(separator: ", "))
    }
    lines.append("  example: " + spec.example)
    return lines.joined(separator: "\n")
  }

  /// Every command by group, one line each.
  package static var overview: String {
    var lines: [String] = []
    for g in CommandGroup.allCases {
      lines.append(g.title + ":")
      for s in commandTable where s.group == g {
        lines.append("  " + s.synopsis)
      }
    }
    lines.append(
      "A <scope> is org <Name>, workspace <Name> or team <Name> [--org <Org>]; quote names with spaces."
    )
    lines.append(".help <command> shows one command with its rules and an example.")
    return lines.joined(separator: "\n")
  }
}
