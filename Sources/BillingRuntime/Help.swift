import BillingLanguage
import BillingModel
import BillingSupport
import BillingWords

/// `.help` and `billsh --help`, generated from the command table.
package enum Help {
  package static func text(_ topic: String?) throws(Failure) -> String {
    text(try spec(topic))
  }

  /// The command `.help <topic>` shows (nil: no topic, the list of every command).
  static func spec(_ topic: String?) throws(Failure) -> CommandSpec? {
    guard let topic, !topic.isEmpty else { return nil }
    let name = topic.hasPrefix(".") || commandSpec(named: topic) != nil ? topic : topic
    guard let spec = commandSpec(named: name) ?? commandSpec(named: "." + name) else {
      throw Failure(
        .usage, nil,
        "no command \(quoted(topic))"
          + didYouMean(suggestions(for: topic, among: commandNames), quote: { $0 })
          + "; .help lists them all")
    }
    return spec
  }

  /// One command's synopsis, summary, aliases, rules and example; nil: every command.
  static func text(_ spec: CommandSpec?) -> String {
    guard let spec else { return overview }
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

  /// The width `.help` wraps the list to.
  package static let width = 80
  /// Where summaries start: a synopsis this short or shorter shares its line with the summary.
  static let summaryColumn = 34

  /// Every command by group, one line each: its synopsis, then its summary in a column, as
  /// psql's `\?` lists its commands. A longer synopsis takes lines of its own, wrapped ones
  /// indented under the first, and its summary follows in the column.
  package static var overview: String { overview(width: width) }

  /// The list wrapped to `width` columns (at least 60), as `billsh --help` shows it on a
  /// narrower terminal.
  package static func overview(width: Int) -> String {
    let width = max(width, 60)
    var lines: [String] = []
    for g in CommandGroup.allCases {
      lines.append(g.title + ":")
      for s in commandTable where s.group == g {
        let summary = wrap(
          words(s.summary), width: width, indent: summaryColumn, hanging: summaryColumn)
        if s.synopsis.count <= summaryColumn - 4 {
          let head = "  " + s.synopsis
          let first = head + String(repeating: " ", count: summaryColumn - head.count)
          lines.append(first + summary[0].dropFirst(summaryColumn))
          lines += summary.dropFirst()
        } else {
          lines += wrap(synopsisUnits(s.synopsis), width: width, indent: 2, hanging: 6)
          lines += summary
        }
      }
    }
    lines += wrap(
      words(
        "A <scope> is org <Name>, workspace <Name> or team <Name> [--org <Org>]; quote names with spaces."
      ), width: width, indent: 0, hanging: 2)
    lines.append(".help <command> shows one command with its rules and an example;")
    lines.append(".help <rule> (e.g. .help R14) shows a rule in full; rules lists them.")
    return lines.joined(separator: "\n")
  }

  static func words(_ text: String) -> [String] {
    text.split(separator: " ").map(String.init)
  }

  /// A synopsis in the pieces a line may break between: never inside `[...]`, `<...>` or
  /// quotes, never between a flag and its value, and an `|` stays with what follows it.
  static func synopsisUnits(_ synopsis: String) -> [String] {
    var units: [String] = []
    var current = ""
    var depth = 0
    var quoted = false
    for c in synopsis {
      switch c {
      case "[", "<": depth += 1
      case "]", ">": depth -= 1
      case "\"": quoted.toggle()
      default: break
      }
      if c == " " && depth == 0 && !quoted {
        if !current.isEmpty { units.append(current) }
        current = ""
      } else {
        current.append(c)
      }
    }
    if !current.isEmpty { units.append(current) }
    var merged: [String] = []
    var pendingBar = false
    for u in units {
      if pendingBar, let last = merged.popLast() {
        merged.append(last + " " + u)
        pendingBar = false
      } else if u.hasPrefix("<") || u.hasPrefix("\""),
        let last = merged.last, last.split(separator: " ").last?.hasPrefix("--") == true
      {
        merged[merged.count - 1] = last + " " + u
      } else {
        merged.append(u)
      }
      if u == "|" { pendingBar = true }
    }
    return merged
  }

  /// `units` in lines of at most `width` columns: the first indented by `indent`, the rest by
  /// `hanging`. A unit longer than a line gets a line of its own.
  package static func wrap(_ units: [String], width: Int, indent: Int, hanging: Int) -> [String] {
    var lines: [String] = []
    var line = String(repeating: " ", count: indent)
    var empty = true
    for u in units {
      if !empty && line.count + 1 + u.count > width {
        lines.append(line)
        line = String(repeating: " ", count: hanging)
        empty = true
      }
      line += (empty ? "" : " ") + u
      empty = false
    }
    lines.append(line)
    return lines
  }
}
