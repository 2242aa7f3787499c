import BillingPlayback
import BillingRuntime
import BillingSupport

// The command line's one table: `billsh`'s subcommands, their options and operands. Parsing
// (`Invocation.parse`), `--help` (`UsageHelp`), the man page (`Manual`) and the completion
// scripts (`Completion`) all read it.

/// What an option's value or an operand holds: how it is read, what help calls it, and what
/// completion offers for it.
package enum ValueKind: Sendable, Equatable {
  /// A file name; completion offers files.
  case file
  /// A file or a folder.
  case path
  /// A whole number of at least 1; completion offers 1 to the number of cores.
  case count
  /// `K/N`, whole numbers with 1 <= K <= N.
  case shard
  /// A shell a completion script is written for.
  case shellName
  /// A command line run by `sh -c` (the program under test); completion offers commands.
  case command
  /// A number of seconds, above 0 (a fraction allowed).
  case seconds
  /// A whole number from 0 up (a random seed).
  case seed

  /// The value's name in help and the man page.
  package var name: String {
    switch self {
    case .file: "FILE"
    case .path: "PATH"
    case .count: "N"
    case .shard: "K/N"
    case .shellName: "SHELL"
    case .command: "CMD"
    case .seconds: "SECONDS"
    case .seed: "S"
    }
  }

  /// What a value must be, for the message that refuses one.
  var expectation: String {
    switch self {
    case .file, .path: "a file name"
    case .count: "a positive whole number"
    case .shard: "K/N, whole numbers with 1 <= K <= N"
    case .shellName: listed(CompletionShell.allCases.map(\.rawValue), "or")
    case .command: "a command line"
    case .seconds: "a number of seconds above 0, at most 86400"
    case .seed: "a whole number from 0 to 18446744073709551615"
    }
  }
}

/// One option: `--name` (a switch), or `--name VALUE` and `--name=VALUE`.
package struct CLIOption: Sendable {
  package let name: String
  /// A one-letter alias (`-h`).
  package let short: Character?
  /// The value it takes; nil for a switch.
  package let value: ValueKind?
  package let help: String
  /// Works, but help, the man page and completion leave it out.
  package let hidden: Bool
  /// Must be given (`billsh fuzz --against`); usage shows it without brackets.
  package let required: Bool

  init(
    _ name: String, _ value: ValueKind? = nil, short: Character? = nil, hidden: Bool = false,
    required: Bool = false, help: String
  ) {
    self.name = name
    self.value = value
    self.short = short
    self.hidden = hidden
    self.required = required
    self.help = help
  }

  package var dashed: String { "--" + name }

  /// `--catalog <FILE>`, `-h, --help`, as help and messages show it.
  package var label: String {
    (short.map { "-\($0), " } ?? "") + dashed + (value.map { " <\($0.name)>" } ?? "")
  }
}

/// The positional arguments a subcommand takes: one or more (or any number of) values.
package struct CLIOperands: Sendable {
  package let kind: ValueKind
  /// At least one must be given.
  package let required: Bool
  package let help: String
  /// What a missing one is called in the message: `script file`.
  let noun: String
  /// The name ending completion offers (folders too, to go into): `.bill`; nil for any file.
  package var ending: String? = nil

  /// `<FILE>...` or `[<PATH>...]`.
  package var label: String {
    let one = "<\(kind.name)>..."
    return required ? one : "[" + one + "]"
  }
}

/// One subcommand: its name, its one-line abstract, its options and operands, and how what was
/// given becomes an `Invocation`.
package struct CLICommand: Sendable {
  package let name: String
  package let abstract: String
  package let options: [CLIOption]
  package let operands: CLIOperands?
  let build: @Sendable (Given) throws(UsageError) -> Invocation
}

extension CLIOption {
  static let catalog = CLIOption(
    "catalog", .file,
    help: "A JSON catalog overriding prices, sizes, the self-serve limit or the trial length.")
  static let state = CLIOption(
    "state", .file,
    help:
      "Start from the world saved in FILE (if it exists) and save the world back to it at the end.")
  static let demo = CLIOption("demo", help: "Start with the bundled demo world.")
  static let shellJSON = CLIOption(
    "json", help: "With piped input: print one JSON object per command line.")
  static let shellBail = CLIOption(
    "bail", help: "With piped input: stop at the first line that does not meet its expectation.")
  static let json = CLIOption("json", help: "One JSON object per command line.")
  static let bail = CLIOption(
    "bail", help: "Stop at the first line that does not meet its expectation.")
  static let transcript = CLIOption(
    "transcript",
    help:
      "Print each script as a transcript (commentary, commands, output) instead of running it for a verdict."
  )
  static let update = CLIOption(
    "update",
    help: "Rewrite mismatching transcripts with the actual output, keeping the commentary.")
  static let jobs = CLIOption("jobs", .count, help: "Parallel jobs (default: all cores).")
  static let testCatalog = CLIOption("catalog", .file, help: "A JSON catalog for the replays.")
  static let junit = CLIOption(
    "junit", .file,
    help:
      "Also write the results as JUnit XML to FILE, for CI (the report on stdout is unchanged).")
  static let shard = CLIOption(
    "shard", .shard,
    help:
      "Replay only shard K of N (1 <= K <= N): the transcripts whose position in sorted path order, counted from 0, leaves K-1 when divided by N. Together the N shards run each transcript once; by position rather than a hash of the path, so their sizes differ by one at most."
  )

  static let against = CLIOption(
    "against", .command,
    help:
      "Conformance: play each transcript's commands through CMD (run as sh -c CMD; it reads command lines on stdin and writes one JSON record per line) and compare its records with billsh's, field by field (SPEC §9; docs/conformance.md). Exit 0 when all agree, 1 on a disagreement, 2 when CMD breaks the protocol."
  )
  static let text = CLIOption(
    "text", help: "With --against: compare the output text of each line with the transcript too.")
  static let timeout = CLIOption(
    "timeout", .seconds,
    help:
      "With --against: seconds CMD may take for one transcript before it is killed and reported (default: 10)."
  )
  static let fuzzAgainst = CLIOption(
    "against", .command, required: true,
    help:
      "The program under test, run as sh -c CMD once per scenario: it reads command lines on stdin and writes one JSON record per line, as billsh --json does."
  )
  static let seed = CLIOption(
    "seed", .seed,
    help: "The seed of the random scenarios (default: 1); the same seed gives the same scenarios.")
  static let scenarios = CLIOption("scenarios", .count, help: "How many scenarios (default: 100).")
  static let lines = CLIOption("lines", .count, help: "Command lines per scenario (default: 40).")
  static let out = CLIOption(
    "out", .path,
    help:
      "The folder the shrunk disagreement-N.bill is written to (default: the current folder; made if missing)."
  )
  static let fuzzTimeout = CLIOption(
    "timeout", .seconds,
    help: "Seconds CMD may take for one scenario before it is killed and reported (default: 10).")

  static let version = CLIOption("version", help: "Show the version.")
  static let help = CLIOption("help", short: "h", help: "Show help information.")
  static let manual = CLIOption(
    "man", hidden: true, help: "Print the man page (for Scripts/install).")
  static let completionScript = CLIOption(
    "generate-completion-script", .shellName, hidden: true,
    help: "Print the completion script for SHELL (for Scripts/install).")
}

/// The options every subcommand takes.
package let commonOptions: [CLIOption] = [.version, .help]
/// The options only a bare `billsh` takes, for Scripts/install.
package let rootOnlyOptions: [CLIOption] = [.manual, .completionScript]

/// The subcommands, the default one first.
package let cliCommands: [CLICommand] = [
  CLICommand(
    name: "shell",
    abstract:
      "Open the shell (the default), or read commands from stdin when it is not a terminal.",
    options: [.catalog, .state, .demo, .shellJSON, .shellBail], operands: nil
  ) { g throws(UsageError) in
    .shell(
      ShellOptions(
        catalog: g.text(.catalog), state: g.text(.state), demo: g.has(.demo),
        json: g.has(.shellJSON), bail: g.has(.shellBail)))
  },
  CLICommand(
    name: "run",
    abstract:
      "Play .bill scripts, each in a fresh world; exit 0 when every line met its expectation, 1 otherwise, 2 on a usage or file error.",
    options: [.catalog, .state, .json, .bail, .transcript],
    operands: CLIOperands(
      kind: .file, required: true, help: "Script files.", noun: "script file", ending: ".bill")
  ) { g throws(UsageError) in
    let state = g.text(.state)
    if state != nil && g.operands.count > 1 { throw .stateWithManyFiles(g.operands.count) }
    if g.has(.transcript) && g.has(.json) {
      throw .exclusiveOptions(
        "--transcript", "--json", why: "a transcript is text (drop one of them)")
    }
    return .run(
      RunOptions(
        files: g.operands, catalog: g.text(.catalog), state: state, json: g.has(.json),
        bail: g.has(.bail), transcript: g.has(.transcript)))
  },
  CLICommand(
    name: "test",
    abstract: "Replay transcripts and compare their output; ends with 'N passed, N failed'.",
    options: [.update, .jobs, .testCatalog, .junit, .shard, .against, .text, .timeout],
    operands: CLIOperands(
      kind: .path, required: false,
      help: "Transcript files or folders (default: Tests/Transcripts).",
      noun: "transcript file or folder", ending: ".transcript")
  ) { g throws(UsageError) in
    let against = g.text(.against)
    if against == nil {
      for o in [CLIOption.text, .timeout] where g.has(o) || g.values[o.name] != nil {
        throw .needsOption(o.dashed, CLIOption.against.dashed)
      }
    } else if g.has(.update) {
      throw .conflictingOptions(CLIOption.update.dashed, CLIOption.against.dashed)
    }
    return .test(
      TestOptions(
        paths: g.operands, update: g.has(.update), jobs: g.count(.jobs),
        catalog: g.text(.testCatalog), junit: g.text(.junit), shard: g.shard(.shard) ?? .whole,
        against: against, text: g.has(.text), timeout: g.seconds(.timeout) ?? 10))
  },
  CLICommand(
    name: "fuzz",
    abstract:
      "Conformance: play random scenarios in billsh and in the program CMD; shrink the first disagreement to a minimal .bill. Exit 0 when all agree, 1 on a disagreement, 2 when CMD breaks the protocol.",
    options: [.fuzzAgainst, .seed, .scenarios, .lines, .jobs, .out, .fuzzTimeout, .testCatalog],
    operands: nil
  ) { g throws(UsageError) in
    guard let against = g.text(.fuzzAgainst) else {
      throw .missingOption(CLIOption.fuzzAgainst.label, command: "billsh fuzz")
    }
    return .fuzz(
      FuzzInvocation(
        against: against, seed: g.seed(.seed) ?? 1, scenarios: g.count(.scenarios) ?? 100,
        lines: g.count(.lines) ?? 40, jobs: g.count(.jobs), out: g.text(.out) ?? ".",
        timeout: g.seconds(.fuzzTimeout) ?? 10, catalog: g.text(.testCatalog)))
  },
]

/// The subcommand `billsh` runs when none is named.
package var defaultCommand: CLICommand { cliCommands[0] }

/// The subcommand called `name`.
package func cliCommand(named name: String) -> CLICommand? {
  cliCommands.first { $0.name == name }
}
