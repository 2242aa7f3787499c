import ArgumentParser
import BillingRuntime
import LineEditing
import Platform

let version = "0.1.0"

/// The `billsh` command: its subcommands for the argument parser, and the fast path past it.
package struct Billsh: ParsableCommand {
  package static let configuration = CommandConfiguration(
    commandName: "billsh",
    abstract: "A shell that simulates paid-plan upgrade and billing rules.",
    discussion:
      "With a terminal on stdin, opens the shell; otherwise reads commands from stdin like a script.\n\n"
      + "SHELL OPTIONS (billsh [<options>]; the shell is the default subcommand):\n"
      + Shell.optionLines(width: helpWidth) + "\n\n" + Help.overview(width: helpWidth),
    version: version,
    subcommands: [Shell.self, Run.self, Test.self],
    defaultSubcommand: Shell.self)

  /// NB: the plain forms (`billsh`, `billsh run FILE...` with their switches) skip the argument
  /// parser's reflection, which costs most of the start-up; everything else goes through it.
  package init() {}

  package static func main() {
    keepFreedMemory()
    // NB: a closed pipe on stdout is then a write error (EPIPE), reported with exit 2, rather
    // than a silent death.
    _ = signal(SIGPIPE, SIG_IGN)
    Hangups.unblock()
    if CommandLine.arguments.dropFirst().elementsEqual(["--man"]) {
      Manual.write()  // hidden: the man page, for Scripts/install
    }
    if let invocation = FastPath.parse(Array(CommandLine.arguments.dropFirst())) {
      invocation()
    }
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch {
      // SPEC §5: misuse exits 2 with an `error[usage]` line, like every other usage error;
      // `--help` and `--version` keep the parser's own output and status.
      guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
      var words = message(for: error)
      if let first = words.first, first.isUppercase {
        words = first.lowercased() + words.dropFirst()
      }
      Entry.fail("error[usage]: \(words) (billsh --help lists the options)")
    }
  }
}

struct WorldOptions: ParsableArguments {
  @Option(
    name: .long,
    help: "A JSON catalog overriding prices, sizes, the self-serve limit or the trial length.")
  var catalog: String?

  @Option(
    name: .long,
    help:
      "Start from the world saved in FILE (if it exists) and save the world back to it at the end.")
  var state: String?
}

/// The width `--help` wraps its discussion to: at most 80 columns, and 2 fewer than the
/// terminal's (as the argument parser finds it), so that the parser keeps our lines as they are.
private var helpWidth: Int {
  if let env = getenv("COLUMNS"), let n = Int(String(cString: env)), n > 0 { return min(n - 2, 80) }
  return min((Terminal.columns(1) ?? 82) - 2, 80)
}

struct Shell: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "shell",
    abstract: "Open the shell (the default), or read commands from stdin when it is not a terminal."
  )

  @OptionGroup var world: WorldOptions
  @Flag(name: .long, help: "Start with the bundled demo world.") var demo = false
  @Flag(name: .long, help: "With piped input: print one JSON object per command line.") var json =
    false
  @Flag(
    name: .long,
    help: "With piped input: stop at the first line that does not meet its expectation.") var bail =
    false

  /// The shell's options as its own help lists them, for the root command's help: the parser
  /// lists a default subcommand's options only under `billsh help shell`.
  static func optionLines(width: Int) -> String {
    let lines = helpMessage(columns: width).split(separator: "\n", omittingEmptySubsequences: false)
    guard let start = lines.firstIndex(of: "OPTIONS:") else { return "" }
    let own = lines[(start + 1)...].prefix {
      !$0.isEmpty && !$0.hasPrefix("  --version") && !$0.hasPrefix("  -h, --help")
    }
    return
      own
      .joined(separator: "\n")
  }

  func run() throws {
    Entry.shell(catalog: world.catalog, state: world.state, demo: demo, json: json, bail: bail)
  }
}

struct Run: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Play .bill scripts, each in a fresh world; exit 0 when every line met its expectation, 1 otherwise, 2 on a usage or file error."
  )

  @Argument(help: "Script files.") var files: [String]
  @OptionGroup var world: WorldOptions
  @Flag(name: .long, help: "One JSON object per command line.") var json = false
  @Flag(name: .long, help: "Stop at the first line that does not meet its expectation.") var bail =
    false
  @Flag(
    name: .long,
    help:
      "Print each script as a transcript (commentary, commands, output) instead of running it for a verdict."
  ) var transcript = false

  func run() throws {
    Entry.run(
      files: files, catalog: world.catalog, state: world.state, json: json, bail: bail,
      transcript: transcript)
  }
}

struct Test: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Replay transcripts and compare their output; ends with 'N passed, N failed'.")

  @Argument(help: "Transcript files or folders (default: Tests/Transcripts).") var paths: [String] =
    []
  @Flag(
    name: .long,
    help: "Rewrite mismatching transcripts with the actual output, keeping the commentary.")
  var update = false
  @Option(name: .long, help: "Parallel jobs (default: all cores).") var jobs: Int?
  @Option(name: .long, help: "A JSON catalog for the replays.") var catalog: String?
  @Option(
    name: .long,
    help: ArgumentHelp(
      "Also write the results as JUnit XML to FILE, for CI (the report on stdout is unchanged).",
      valueName: "FILE"))
  var junit: String?
  @Option(
    name: .long,
    help: ArgumentHelp(
      "Replay only shard K of N (1 <= K <= N): the transcripts whose position in sorted path order, counted from 0, leaves K-1 when divided by N. Together the N shards run each transcript once; by position rather than a hash of the path, so their sizes differ by one at most.",
      valueName: "K/N"))
  var shard: String?

  func run() throws {
    Entry.test(
      paths: paths, update: update, jobs: jobs, catalog: catalog, junit: junit, shard: shard)
  }
}

/// The plain invocations, recognised without the argument parser.
/// NB: Tests/BillshCLITests checks that whatever this accepts, the argument parser accepts as
/// the same command with the same values.
package enum FastPath {
  /// What a plain invocation asks for.
  package enum Invocation: Equatable {
    case shell(catalog: String?, state: String?, demo: Bool, json: Bool, bail: Bool)
    case run(
      files: [String], catalog: String?, state: String?, json: Bool, bail: Bool, transcript: Bool)
  }

  /// The invocation, run; nil for anything else.
  static func parse(_ args: [String]) -> (() -> Never)? {
    switch decide(args) {
    case .shell(let catalog, let state, let demo, let json, let bail)?:
      return { Entry.shell(catalog: catalog, state: state, demo: demo, json: json, bail: bail) }
    case .run(let files, let catalog, let state, let json, let bail, let transcript)?:
      return {
        Entry.run(
          files: files, catalog: catalog, state: state, json: json, bail: bail,
          transcript: transcript)
      }
    case nil:
      return nil
    }
  }

  /// The invocation `args` (without the program name) is, if it is a plain one; nil for anything
  /// else, which the argument parser then reads.
  package static func decide(_ args: [String]) -> Invocation? {
    var json = false, bail = false, transcript = false, demo = false
    var catalog: String?, state: String?
    var files: [String] = []
    let isRun = args.first == "run"
    var i = isRun ? 1 : 0
    while i < args.count {
      let a = args[i]
      switch a {
      case "--json": json = true
      case "--bail": bail = true
      case "--transcript" where isRun: transcript = true
      case "--demo" where !isRun: demo = true
      case "--catalog", "--state":
        guard i + 1 < args.count, !args[i + 1].hasPrefix("-") else { return nil }
        if a == "--catalog" { catalog = args[i + 1] } else { state = args[i + 1] }
        i += 1
      default:
        guard isRun, !a.hasPrefix("-") else { return nil }
        files.append(a)
      }
      i += 1
    }
    if isRun {
      guard !files.isEmpty else { return nil }
      return .run(
        files: files, catalog: catalog, state: state, json: json, bail: bail, transcript: transcript
      )
    }
    return .shell(catalog: catalog, state: state, demo: demo, json: json, bail: bail)
  }
}
