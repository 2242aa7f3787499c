import BillingModel
import BillingSupport
import BillingWords

/// A mistake on the command line, as data; `message` words it, once for all.
package enum UsageError: Error, Equatable {
  /// An option the subcommand does not have (`--bogus`), with close names.
  case unknownOption(String, command: String, suggestions: [String])
  /// A value given to a switch: `--json=yes`.
  case unwantedValue(String, String)
  /// An option that takes a value, without one (its label: `--catalog <FILE>`).
  case missingValue(String)
  /// A value that is not what the option takes.
  case badValue(String, String, ValueKind)
  /// No operand where one is needed: `billsh run`.
  case missingOperand(command: String, noun: String)
  /// An operand the subcommand does not take (with close subcommand names after a bare
  /// `billsh`).
  case unexpectedArgument(String, command: String, suggestions: [String] = [])
  /// A subcommand after an option: `billsh --json run`.
  case misplacedSubcommand(String)
  /// `billsh help bogus`.
  case unknownSubcommand(String, suggestions: [String])
  /// `billsh run --state FILE` with more than one script.
  case stateWithManyFiles(Int)
  /// An option that works only with another: `billsh test --text` without `--against`.
  case needsOption(String, String)
  /// Two options that cannot go together: `--update` with `--against`.
  case conflictingOptions(String, String)
  /// A required option left out (its label): `billsh fuzz` without `--against <CMD>`.
  case missingOption(String, command: String)
  /// Two options that cannot go together: `billsh run --transcript --json`.
  case exclusiveOptions(String, String, why: String)

  /// The message after `error[usage]: `.
  package var message: String {
    switch self {
    case .unknownOption(let name, let command, let close):
      return "unknown option \(q(name)) for \(q(command))" + didYouMean(close, quote: q)
    case .unwantedValue(let name, let value):
      return "\(name) takes no value, not \(q(value))"
    case .missingValue(let label):
      return "missing value for \(q(label))"
    case .badValue(let name, let value, let kind):
      return "\(name) must be \(kind.expectation), not \(q(value))"
    case .missingOperand(let command, let noun):
      return "missing argument: \(q(command)) needs at least one \(noun)"
    case .unexpectedArgument(let arg, let command, let close):
      return "unexpected argument \(q(arg)) for \(q(command))" + didYouMean(close, quote: q)
    case .misplacedSubcommand(let name):
      return "the subcommand \(q(name)) must come first: billsh \(name) [<options>]"
    case .unknownSubcommand(let name, let close):
      return "no subcommand \(q(name)); the subcommands are "
        + listed(cliCommands.map(\.name), "and") + didYouMean(close, quote: q)
    case .stateWithManyFiles(let n):
      return "--state goes with one script file, not \(n)"
    case .needsOption(let name, let other):
      return "\(name) goes with \(other)"
    case .conflictingOptions(let a, let b):
      return
        "\(a) cannot go with \(b): a transcript is not rewritten from another program's records"
    case .missingOption(let label, let command):
      return "missing option: \(q(command)) needs \(q(label))"
    case .exclusiveOptions(let a, let b, let why):
      return "\(a) and \(b) cannot go together: \(why)"
    }
  }
}

/// A value from the command line, in single quotes as the messages show them.
private func q(_ s: String) -> String { "'" + s + "'" }
