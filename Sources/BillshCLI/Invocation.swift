import BillingModel
import BillingPlayback
import BillingRuntime

/// What `billsh`'s arguments ask for, read against `cliCommands`.
package enum Invocation: Equatable, Sendable {
  case shell(ShellOptions)
  case run(RunOptions)
  case test(TestOptions)
  case fuzz(FuzzInvocation)
  /// Help for a subcommand, or for `billsh` itself (nil).
  case help(String?)
  case version
  case manual
  case completion(CompletionShell)
}

package struct ShellOptions: Equatable, Sendable {
  var catalog: String? = nil
  var state: String? = nil
  var demo = false
  var json = false
  var bail = false
}

package struct RunOptions: Equatable, Sendable {
  var files: [String] = []
  var catalog: String? = nil
  var state: String? = nil
  var json = false
  var bail = false
  var transcript = false
}

package struct TestOptions: Equatable, Sendable {
  var paths: [String] = []
  var update = false
  var jobs: Int? = nil
  var catalog: String? = nil
  var junit: String? = nil
  var shard = TranscriptShard.whole
  /// `--against CMD`: the program under test (SPEC §9).
  var against: String? = nil
  var text = false
  var timeout = 10.0
}

/// `billsh fuzz`'s options.
package struct FuzzInvocation: Equatable, Sendable {
  var against: String
  var seed: UInt64 = 1
  var scenarios = 100
  var lines = 40
  var jobs: Int? = nil
  var out = "."
  var timeout = 10.0
  var catalog: String? = nil
}

/// An option's value, read as its `ValueKind` says.
enum OptionValue: Equatable {
  case text(String)
  case count(Int)
  case shard(TranscriptShard)
  case shell(CompletionShell)
  case seconds(Double)
  case seed(UInt64)
}

/// What one subcommand was given: each option's last value, the switches, the operands.
struct Given {
  var values: [String: OptionValue] = [:]
  var switches: Set<String> = []
  var operands: [String] = []

  func has(_ option: CLIOption) -> Bool { switches.contains(option.name) }
  func text(_ option: CLIOption) -> String? {
    if case .text(let s)? = values[option.name] { return s }
    return nil
  }
  func count(_ option: CLIOption) -> Int? {
    if case .count(let n)? = values[option.name] { return n }
    return nil
  }
  func seconds(_ option: CLIOption) -> Double? {
    if case .seconds(let t)? = values[option.name] { return t }
    return nil
  }
  func seed(_ option: CLIOption) -> UInt64? {
    if case .seed(let s)? = values[option.name] { return s }
    return nil
  }
  func shard(_ option: CLIOption) -> TranscriptShard? {
    if case .shard(let s)? = values[option.name] { return s }
    return nil
  }
}

extension Invocation {
  /// Reads `args` (without the program name): `billsh [SUBCOMMAND] [OPTIONS] [OPERANDS]`.
  ///
  /// The subcommand, if any, comes first; options and operands then mix in any order until
  /// `--`, after which every argument is an operand. An option's value is the rest of its
  /// argument after `=`, or else the next argument unless that starts with `--`. A repeated
  /// option's last value wins. `--help` (or `-h`) anywhere before `--` asks for help even
  /// among mistakes, then `--version`; otherwise the first mistake is thrown.
  package static func parse(_ args: [String]) throws(UsageError) -> Invocation {
    if args.first == "help" { return try help(Array(args.dropFirst())) }
    var command = defaultCommand
    var rest = args[...]
    var named = false
    if let first = args.first, let c = cliCommand(named: first) {
      command = c
      rest = rest.dropFirst()
      named = true
    }
    let typed = named ? "billsh " + command.name : "billsh"
    let options = command.options + commonOptions + (named ? [] : rootOnlyOptions)

    var given = Given()
    var mistake: UsageError?
    func note(_ e: UsageError) { if mistake == nil { mistake = e } }
    var optionsEnded = false
    while let arg = rest.popFirst() {
      if optionsEnded || arg == "-" || !arg.hasPrefix("-") {
        if command.operands != nil {
          given.operands.append(arg)
        } else if !named && cliCommand(named: arg) != nil {
          note(.misplacedSubcommand(arg))
        } else {
          let close = named ? [] : suggestions(for: arg, among: cliCommands.map(\.name))
          note(.unexpectedArgument(arg, command: typed, suggestions: close))
        }
        continue
      }
      if arg == "--" {
        optionsEnded = true
        continue
      }
      let (name, attached) = split(arg)
      let option =
        name.hasPrefix("--")
        ? options.first { $0.dashed == name }
        : options.first { $0.short.map { "-\($0)" } == name }
      guard let option else {
        let names = options.filter { !$0.hidden }.map(\.dashed)
        note(
          .unknownOption(name, command: typed, suggestions: suggestions(for: name, among: names)))
        continue
      }
      guard let kind = option.value else {
        if let attached { note(.unwantedValue(option.dashed, attached)) }
        given.switches.insert(option.name)
        continue
      }
      var text = attached
      if text == nil, let next = rest.first, !next.hasPrefix("--") {
        text = next
        rest = rest.dropFirst()
      }
      guard let text, !text.isEmpty else {
        note(.missingValue(option.label))
        continue
      }
      guard let value = read(text, as: kind) else {
        note(.badValue(option.dashed, text, kind))
        continue
      }
      given.values[option.name] = value
    }

    if given.has(.help) { return .help(named ? command.name : nil) }
    if given.has(.version) { return .version }
    if let mistake { throw mistake }
    if given.has(.manual) { return .manual }
    if case .shell(let shell)? = given.values[CLIOption.completionScript.name] {
      return .completion(shell)
    }
    if let operands = command.operands, operands.required, given.operands.isEmpty {
      throw .missingOperand(command: typed, noun: operands.noun)
    }
    return try command.build(given)
  }

  /// `billsh help [SUBCOMMAND]`; `billsh help --help` is `billsh --help`.
  static func help(_ args: [String]) throws(UsageError) -> Invocation {
    guard let name = args.first, name != CLIOption.help.dashed, name != "-h" else {
      return .help(nil)
    }
    guard cliCommand(named: name) != nil else {
      throw .unknownSubcommand(
        name, suggestions: suggestions(for: name, among: cliCommands.map(\.name)))
    }
    if args.count > 1 { throw .unexpectedArgument(args[1], command: "billsh help") }
    return .help(name)
  }

  /// `--name=value` as its name and value; `--name` with no value.
  static func split(_ arg: String) -> (String, String?) {
    guard arg.hasPrefix("--"), let eq = arg.firstIndex(of: "=") else { return (arg, nil) }
    return (String(arg[..<eq]), String(arg[arg.index(after: eq)...]))
  }

  /// `text` read as a value of `kind`; nil if it is not one.
  static func read(_ text: String, as kind: ValueKind) -> OptionValue? {
    switch kind {
    case .file, .path:
      return .text(text)
    case .count:
      // NB: digits only, so `+2` and ` 2` are refused as a person would read them.
      guard text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let n = Int(text), n >= 1 else {
        return nil
      }
      return .count(n)
    case .shard:
      return TranscriptShard(text).map(OptionValue.shard)
    case .shellName:
      return CompletionShell(rawValue: text).map(OptionValue.shell)
    case .command:
      return text.allSatisfy(\.isWhitespace) ? nil : .text(text)
    case .seconds:
      // NB: digits with at most one point, so `1e9`, `inf` and `nan` are refused.
      guard text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
        text.filter({ $0 == "." }).count <= 1, let t = Double(text), t > 0, t <= 86400
      else { return nil }
      return .seconds(t)
    case .seed:
      guard text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let s = UInt64(text) else {
        return nil
      }
      return .seed(s)
    }
  }
}
