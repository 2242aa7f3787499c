import BillingRuntime
import LineEditing
import Platform

/// `billsh --help`, `billsh help <subcommand>` and `billsh <subcommand> --help`, from the
/// command-line table, wrapped to the terminal.
package enum UsageHelp {
  /// Where an option's help starts; a longer label puts its help on the next line.
  static let helpColumn = 26

  /// The help of `name`'s subcommand, or of `billsh` itself (nil).
  package static func page(for name: String?, width: Int) -> String {
    let width = max(width, 50)
    guard let name, let command = cliCommand(named: name) else { return root(width: width) }
    var lines = wrap("OVERVIEW: " + command.abstract, width: width, indent: 0, hanging: 2)
    lines.append("")
    lines += wrap(
      "USAGE: " + usage(command, named: true, full: true), width: width, indent: 0,
      hanging: 9 + command.name.count)
    if let operands = command.operands {
      lines += ["", "ARGUMENTS:"]
      lines += row(operands.label, operands.help, width: width)
    }
    lines += ["", "OPTIONS:"]
    for o in command.options + commonOptions { lines += row(o.label, o.help, width: width) }
    return lines.joined(separator: "\n") + "\n"
  }

  /// `billsh --help`: the subcommands, the shell's options (the default subcommand's), and
  /// the commands the shell understands.
  static func root(width: Int) -> String {
    let shell = defaultCommand
    var lines = wrap("OVERVIEW: " + Billsh.abstract, width: width, indent: 0, hanging: 2)
    lines.append("")
    lines += wrap(
      "With a terminal on stdin, opens the shell; otherwise reads commands from stdin like a script.",
      width: width, indent: 0, hanging: 0)
    lines.append("")
    for (i, c) in cliCommands.enumerated() {
      let line = usage(c, named: i != 0, full: false)
      lines += wrap(
        i == 0 ? "USAGE: " + line : line, width: width, indent: i == 0 ? 0 : 7, hanging: 9)
    }
    lines.append("       billsh help [<subcommand>]")
    lines += ["", "SUBCOMMANDS:"]
    for c in cliCommands {
      lines += row(c.name + (c.name == shell.name ? " (default)" : ""), c.abstract, width: width)
    }
    lines.append("")
    lines += wrap(
      "SHELL OPTIONS (billsh [<options>] is billsh \(shell.name) [<options>]):", width: width,
      indent: 0, hanging: 2)
    for o in shell.options { lines += row(o.label, o.help, width: width) }
    lines += ["", "OPTIONS:"]
    for o in commonOptions { lines += row(o.label, o.help, width: width) }
    lines.append("")
    lines += wrap(
      "See 'billsh help <subcommand>' for a subcommand's options.", width: width, indent: 0,
      hanging: 2)
    lines.append("")
    lines += wrap(
      "COMMANDS (in the shell, in scripts and on piped input; .help lists them in the shell):",
      width: width, indent: 0, hanging: 2)
    return lines.joined(separator: "\n") + "\n" + Help.overview(width: width) + "\n"
  }

  /// `billsh run [--catalog <FILE>] ... <FILE>...`, or `billsh run [<options>] <FILE>...` when
  /// not `full`.
  static func usage(_ command: CLICommand, named: Bool, full: Bool) -> String {
    var words = ["billsh"] + (named ? [command.name] : [])
    if full {
      words += command.options.map { $0.required ? $0.label : "[" + $0.label + "]" }
    } else {
      words += command.options.filter(\.required).map(\.label)
      words.append("[<options>]")
    }
    if let operands = command.operands { words.append(operands.label) }
    return words.joined(separator: " ")
  }

  /// One option or subcommand: its label, and its help in a column.
  static func row(_ label: String, _ help: String, width: Int) -> [String] {
    var text = wrap(help, width: width, indent: helpColumn, hanging: helpColumn)
    let head = "  " + label
    if head.count <= helpColumn - 2 {
      text[0] = head + String(repeating: " ", count: helpColumn - head.count) + text[0].trimmed
      return text
    }
    return [head] + text
  }

  /// `text`'s words in lines of at most `width` columns, the first indented by `indent`, the
  /// rest by `hanging`; a word longer than a line gets a line of its own.
  package static func wrap(_ text: String, width: Int, indent: Int, hanging: Int) -> [String] {
    Help.wrap(
      text.split(separator: " ").map(String.init), width: width, indent: indent, hanging: hanging)
  }

  /// The terminal's width (`COLUMNS` first, then stdout's terminal, else 80), at most 100.
  /// NB: longer lines are hard to read; a narrower terminal gets narrower lines.
  static var width: Int {
    if let env = getenv("COLUMNS"), let n = Int(String(cString: env)), n > 0 { return min(n, 100) }
    return min(Terminal.columns(1) ?? 80, 100)
  }
}

extension String {
  fileprivate var trimmed: Substring { drop { $0 == " " } }
}
