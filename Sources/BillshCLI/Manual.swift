import BillingLanguage
import BillingModel
import BillingPlayback
import BillingRuntime
import Platform

/// The man page, `billsh.1`, in roff: `billsh --man` prints it and `Scripts/install` installs it.
/// NB: commands and rules come from the command table and `Rule`, as `.help` shows them; the
/// options from the command-line table, as `--help` shows them, so none is written twice.
package enum Manual {
  package static var page: String {
    var out: [String] = []
    out.append(".TH BILLSH 1 \"\" \"billsh \(version)\" \"User Commands\"")
    section("NAME", &out)
    let abstract = Billsh.abstract
    out.append(
      text("billsh - " + lowerFirst(String(abstract.dropLast(abstract.hasSuffix(".") ? 1 : 0)))))

    section("SYNOPSIS", &out)
    for (i, c) in cliCommands.enumerated() {
      if i > 0 { out.append(".br") }
      var words = [bold(i == 0 ? "billsh" : "billsh " + c.name)]
      words += c.options.filter(\.required).map {
        bold($0.dashed) + " " + italic(escape($0.value?.name ?? ""))
      }
      words.append("[" + italic("options") + "]")
      if let operands = c.operands {
        let value = italic(escape(operands.kind.name)) + "..."
        words.append(operands.required ? value : "[" + value + "]")
      }
      out.append(words.joined(separator: " "))
    }

    section("DESCRIPTION", &out)
    out.append(text(Billsh.abstract))
    out.append(".PP")
    out.append(
      text(
        "With a terminal on stdin, billsh opens the shell: a prompt with line editing, history and "
          + "tab completion. Otherwise it reads commands from stdin like a script. The commands "
          + "are listed under COMMANDS and in the shell by .help; .help <command> shows one in full."
      ))

    section("OPTIONS", &out)
    for (i, c) in cliCommands.enumerated() {
      out.append(
        ".SS " + quotedArgument(i == 0 ? "billsh, or billsh " + c.name : "billsh " + c.name))
      out.append(text(c.abstract))
      if let operands = c.operands {
        out.append(".TP")
        out.append(italic(escape(operands.kind.name)) + "...")
        out.append(text(operands.help))
      }
      // NB: --version and --help once, with the default subcommand's options.
      for o in c.options + (i == 0 ? commonOptions : []) where !o.hidden {
        out.append(".TP")
        out.append(term(o))
        out.append(text(o.help))
      }
    }

    section("COMMANDS", &out)
    out.append(
      text(
        "A <scope> is org <Name>, workspace <Name> or team <Name> [--org <Org>]; "
          + "quote names with spaces."))
    for g in CommandGroup.allCases {
      out.append(".SS " + quotedArgument(g.title))
      for s in commandTable where s.group == g {
        out.append(".TP")
        out.append(bold(escape(s.synopsis)))
        out.append(text(s.summary))
        if !s.aliases.isEmpty {
          out.append(".br")
          out.append(
            text(
              "Alias: " + s.aliases.map { $0.joined(separator: " ") }.joined(separator: ", ") + ".")
          )
        }
        if !s.rules.isEmpty {
          out.append(".br")
          out.append(text("Rules: " + s.rules.map(\.id).joined(separator: ", ") + "."))
        }
        out.append(".br")
        out.append("Example: " + bold(escape(s.example)))
      }
    }

    section("RULES", &out)
    out.append(
      text(
        "R rules come from the billing help article; P rules are this simulation's own choices. "
          + "An error names the rule that refused it, as error[code] (R14); rules <id> shows one in full."
      ))
    for r in Rule.allCases {
      out.append(".TP")
      out.append(bold(r.id))
      out.append(text(r.summary))
    }

    section("FILES", &out)
    out.append(".TP")
    out.append(italic(escape("$XDG_STATE_HOME/billsh/history")))
    out.append(text("The shell's history (default ~/.local/state/billsh/history)."))
    out.append(".TP")
    out.append(italic("*.bill"))
    out.append(
      text(
        "Scripts: one command per line; a line starting with ! must run and be refused (a usage error does not meet a bare !, so ! R14 with a space is unmet; write !usage to expect one), !code (!invalid) fail with that code, !rule (!R14) citing that rule. billsh run prints file: N commands, N met, N unmet on stderr after each file."
      ))
    out.append(".TP")
    out.append(italic("*.transcript"))
    out.append(text("Recorded sessions that billsh test replays and compares."))
    out.append(".TP")
    out.append(italic("disagreement-N.bill"))
    out.append(
      text(
        "Written by billsh fuzz to its --out folder: scenario N shrunk to the fewest lines on which billsh and the program under test still disagree, each refused line with billsh's outcome as its expectation (so billsh run passes it); its comments give both records and the command that reruns the program."
      ))
    out.append(".TP")
    out.append(italic("FILE.lock"))
    out.append(
      text(
        "Beside a --state FILE: the lock that lets one billsh at a time write FILE; it holds the holder's process id."
      ))

    section("EXIT STATUS", &out)
    for (code, meaning) in [
      (
        "0",
        "every command line met its expectation (and every transcript passed; with --against and in fuzz, every record agreed)"
      ),
      (
        "1",
        "some line did not meet its expectation, or a transcript did not match (with --against and in fuzz, a record disagreed)"
      ),
      (
        "2",
        "billsh was misused, a file could not be read or written, the program given to --against could not be run or broke the protocol (a hang, a crash, a line that is not a JSON record, a record too few or too many), an unmet line failed with usage or io, a recording stopped on a failed write, or the output could not be written (a full disk, a closed pipe)"
      ),
      ("129, 143", "the shell ended on SIGHUP or SIGTERM, after saving --state"),
      ("130", "Ctrl-C stopped playback (run, piped input), after saving --state"),
    ] {
      out.append(".TP")
      out.append(bold(code))
      out.append(text(meaning + "."))
    }

    section("ENVIRONMENT", &out)
    out.append(".TP")
    out.append(bold("NO_COLOR"))
    out.append(text("When set and not empty, the shell prints no colour."))
    out.append(".TP")
    out.append(bold("PAGER"))
    out.append(
      text(
        "The pager the shell shows output longer than the screen through (default less -FRX), only when stdout is a terminal; empty means none. .pager off turns it off."
      ))
    out.append(".TP")
    out.append(bold("XDG_STATE_HOME") + ", " + bold("HOME"))
    out.append(text("Where the history file goes."))
    return out.joined(separator: "\n") + "\n"
  }

  /// Prints the page and exits 0.
  static func write() -> Never {
    let out = Output()
    out.write(page)
    out.flush()
    exit(0)
  }

  // MARK: roff

  static func section(_ name: String, _ out: inout [String]) {
    out.append(".SH " + quotedArgument(name))
  }

  /// Text as roff: backslashes and hyphens escaped, and a leading `.` or `'` made plain with `\&`
  /// so that the line is never read as a request.
  package static func text(_ s: String) -> String {
    let e = escape(s.replacing("\n", with: " "))
    return e.hasPrefix(".") || e.hasPrefix("'") ? "\\&" + e : e
  }

  static func escape(_ s: String) -> String {
    var out = ""
    for c in s {
      switch c {
      case "\\": out += "\\e"
      case "-": out += "\\-"
      default: out.append(c)
      }
    }
    return out
  }

  static func bold(_ s: String) -> String { "\\fB" + s + "\\fR" }
  static func italic(_ s: String) -> String { "\\fI" + s + "\\fR" }
  /// An argument of a request, in double quotes (roff has no escape for `"`; `\(dq` is one).
  static func quotedArgument(_ s: String) -> String {
    "\"" + escape(s).replacing("\"", with: "\\(dq") + "\""
  }
  static func lowerFirst(_ s: String) -> String {
    guard let f = s.first else { return s }
    return f.lowercased() + s.dropFirst()
  }

  /// `\fB\-\-catalog\fR \fIFILE\fR`, `\fB\-h\fR, \fB\-\-help\fR`.
  static func term(_ o: CLIOption) -> String {
    let names = (o.short.map { [bold(escape("-\($0)"))] } ?? []) + [bold(escape(o.dashed))]
    return names.joined(separator: ", ") + (o.value.map { " " + italic(escape($0.name)) } ?? "")
  }
}
