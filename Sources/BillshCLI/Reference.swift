import BillingLanguage
import BillingModel
import BillingRuntime

/// `docs/reference.md`: the full reference, written from the same tables as `--help`, `.help`,
/// `rules <id>` and the man page, so it cannot drift from them (a test compares the file).
package enum Reference {
  package static var markdown: String {
    var out: [String] = [
      "# billsh reference", "",
      "Every command line option, shell command and rule, written from the tables billsh itself",
      "reads (`Sources/BillshCLI/CommandLineTable.swift`, `Sources/BillingLanguage/CommandTable.swift`,",
      "`Sources/BillingWords/Rule+Text.swift`); do not edit it by hand. The same text is in",
      "`billsh --help`, `.help`, `.help <command>`, `rules <id>` and `man billsh`.",
      "`Tests/BillshCLITests/ReferenceTests.swift` checks that this file matches; after changing a",
      "table, write it again with",
      "`BILLSH_WRITE_REFERENCE=1 swift test --filter referenceMatchesTheTables`.", "",
      "- [The command line](#the-command-line)",
      "- [Commands](#commands): "
        + CommandGroup.allCases.map { g in
          "[\(shortTitle(g))](#\(anchor(g.title)))"
        }.joined(separator: ", "),
      "- [Rules](#rules): R1–R22 from the help article, P1–P8 where it is silent", "",
      "## The command line", "",
    ]
    out.append(contentsOf: block(UsageHelp.page(for: nil, width: 100)))
    for c in cliCommands {
      out += ["", "### billsh \(c.name)", ""]
      out.append(contentsOf: block(UsageHelp.page(for: c.name, width: 100)))
    }
    out += ["", "## Commands", ""]
    out += ["`.help` lists them all:", ""]
    out.append(contentsOf: block(Help.overview))
    for g in CommandGroup.allCases {
      out += ["", "### \(g.title)", ""]
      for s in commandTable where s.group == g {
        out += ["#### `\(s.synopsis)`", "", capitalized(s.summary) + "."]
        if !s.aliases.isEmpty {
          out.append(
            "Also written "
              + s.aliases.map { "`" + $0.joined(separator: " ") + "`" }
              .joined(separator: ", ") + ".")
        }
        if !s.rules.isEmpty {
          out.append(
            "Rules: "
              + s.rules.map { "[\($0.id)](#\($0.id.lowercased()))" }
              .joined(separator: ", ") + ".")
        }
        out += ["", "```", s.example, "```", ""]
      }
    }
    out += ["## Rules", ""]
    out += ["`rules` lists them; `rules <id>` (or `.help <id>`) shows one in full.", ""]
    for r in Rule.allCases {
      let full = r.full
      out += [
        "### \(r.id)", "", "**\(capitalized(r.summary)).** " + full.text, "",
        "The help article: " + full.source, "",
        "Commands: " + full.commands.map { "`\($0)`" }.joined(separator: ", ") + ".", "",
        r.refusesNothing
          ? "Example (its last line shows the rule's effect):"
          : "Example (its last line is refused):",
        "",
      ]
      out.append(contentsOf: block(full.example.joined(separator: "\n")))
      out.append("")
    }
    return out.joined(separator: "\n")
  }

  static func block(_ text: String) -> [String] {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    while lines.last == "" { lines.removeLast() }
    return ["```text"] + lines + ["```"]
  }

  static func capitalized(_ s: String) -> String {
    guard let first = s.first else { return s }
    return first.uppercased() + s.dropFirst()
  }

  static func shortTitle(_ g: CommandGroup) -> String {
    String(g.title.prefix { $0 != "(" }).trimmingSuffix(" ")
  }

  /// GitHub's anchor for a heading: lowercase, spaces to dashes, other punctuation dropped.
  static func anchor(_ heading: String) -> String {
    var out = ""
    for c in heading.lowercased() {
      if c == " " {
        out.append("-")
      } else if c.isLetter || c.isNumber || c == "-" || c == "_" {
        out.append(c)
      }
    }
    return out
  }
}

extension String {
  fileprivate func trimmingSuffix(_ c: Character) -> String {
    var s = self
    while s.last == c { s.removeLast() }
    return s
  }
}
