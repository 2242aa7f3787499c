import BillingRuntime
import Testing

@testable import BillingPlayback
@testable import BillshCLI

// `Invocation.parse` against the command-line table: what each accepted form means, the exact
// message of each rejected one.

private func shard(_ text: String) -> TranscriptShard {
  TranscriptShard(text) ?? .whole
}

/// Argument vectors and what they ask for.
private let accepted: [([String], Invocation)] = [
  // Conformance (SPEC §9).
  (["fuzz", "--against", "billsh --json"], .fuzz(FuzzInvocation(against: "billsh --json"))),
  (
    [
      "fuzz", "--against=./impl", "--seed", "42", "--scenarios", "1000", "--lines", "12", "--jobs",
      "2", "--out", "found", "--timeout", "2.5",
    ],
    .fuzz(
      FuzzInvocation(
        against: "./impl", seed: 42, scenarios: 1000, lines: 12, jobs: 2, out: "found",
        timeout: 2.5))
  ),
  (
    ["test", "--against", "./impl", "--text", "--timeout", "30", "Tests/Transcripts"],
    .test(
      TestOptions(paths: ["Tests/Transcripts"], against: "./impl", text: true, timeout: 30))
  ),
  // The shell, named or not.
  ([], .shell(ShellOptions())),
  (["shell"], .shell(ShellOptions())),
  (["--json", "--bail", "--demo"], .shell(ShellOptions(demo: true, json: true, bail: true))),
  (["shell", "--demo"], .shell(ShellOptions(demo: true))),
  (["--catalog", "c.json"], .shell(ShellOptions(catalog: "c.json"))),
  (
    ["--catalog=c.json", "--state=w.json"], .shell(ShellOptions(catalog: "c.json", state: "w.json"))
  ),
  (["--state", "-w.json"], .shell(ShellOptions(state: "-w.json"))),
  (["--state=--w.json"], .shell(ShellOptions(state: "--w.json"))),
  (["--catalog=a=b"], .shell(ShellOptions(catalog: "a=b"))),
  (["--"], .shell(ShellOptions())),
  // Repeated: a switch stays on, the last value wins.
  (["--json", "--json"], .shell(ShellOptions(json: true))),
  (["--catalog", "c.json", "--catalog", "d.json"], .shell(ShellOptions(catalog: "d.json"))),
  // run: files and options in any order; `--` ends the options.
  (["run", "a.bill"], .run(RunOptions(files: ["a.bill"]))),
  (
    ["run", "a.bill", "b.bill", "--json"],
    .run(RunOptions(files: ["a.bill", "b.bill"], json: true))
  ),
  (
    ["run", "--bail", "a.bill", "--transcript", "--catalog", "c.json"],
    .run(RunOptions(files: ["a.bill"], catalog: "c.json", bail: true, transcript: true))
  ),
  (["run", "--state", "w.json", "a.bill"], .run(RunOptions(files: ["a.bill"], state: "w.json"))),
  (["run", "run", "shell"], .run(RunOptions(files: ["run", "shell"]))),
  (["run", "a b.bill", "-"], .run(RunOptions(files: ["a b.bill", "-"]))),
  (["run", "--", "-a.bill", "--json"], .run(RunOptions(files: ["-a.bill", "--json"]))),
  // test: every option, the default paths and shard.
  (["test"], .test(TestOptions())),
  (
    ["test", "Tests/Transcripts", "x.transcript"],
    .test(TestOptions(paths: ["Tests/Transcripts", "x.transcript"]))
  ),
  (["test", "--jobs", "3", "--update"], .test(TestOptions(update: true, jobs: 3))),
  (["test", "--jobs=1", "--jobs", "2"], .test(TestOptions(jobs: 2))),
  (
    ["test", "--catalog", "c.json", "--junit", "r.xml", "--shard", "2/3", "d"],
    .test(TestOptions(paths: ["d"], catalog: "c.json", junit: "r.xml", shard: shard("2/3")))
  ),
  (["test", "--shard=1/1"], .test(TestOptions())),
  // Help, the version, the man page, completion; help wins over mistakes.
  (["--help"], .help(nil)),
  (["-h"], .help(nil)),
  (["help"], .help(nil)),
  (["help", "run"], .help("run")),
  (["help", "--help"], .help(nil)),
  (["run", "--help"], .help("run")),
  (["run", "-h", "--bogus"], .help("run")),
  (["test", "--jobs", "-1", "--help"], .help("test")),
  (["shell", "--help"], .help("shell")),
  (["--version"], .version),
  (["run", "--version"], .version),
  (["--man"], .manual),
  (["--generate-completion-script", "zsh"], .completion(.zsh)),
  (["--generate-completion-script=fish"], .completion(.fish)),
]

private let helpHint = "(billsh --help lists the options)"

/// Argument vectors and the message that refuses them.
private let rejected: [([String], String)] = [
  (["--bogus"], "unknown option '--bogus' for 'billsh'"),
  (["run", "--bogus", "a.bill"], "unknown option '--bogus' for 'billsh run'"),
  (["--jason"], "unknown option '--jason' for 'billsh'; did you mean '--json'?"),
  (["--bogus=1"], "unknown option '--bogus' for 'billsh'"),
  (["--transcript"], "unknown option '--transcript' for 'billsh'"),
  (["run", "--demo", "a.bill"], "unknown option '--demo' for 'billsh run'"),
  (["run", "-a.bill"], "unknown option '-a.bill' for 'billsh run'"),
  (["-j"], "unknown option '-j' for 'billsh'"),
  (["run", "--man"], "unknown option '--man' for 'billsh run'"),
  (["--catalog"], "missing value for '--catalog <FILE>'"),
  (["--catalog="], "missing value for '--catalog <FILE>'"),
  (["run", "a.bill", "--state"], "missing value for '--state <FILE>'"),
  (["run", "--catalog", "--json", "a.bill"], "missing value for '--catalog <FILE>'"),
  (["test", "--jobs"], "missing value for '--jobs <N>'"),
  (["--json=yes"], "--json takes no value, not 'yes'"),
  (["test", "--jobs", "-1"], "--jobs must be a positive whole number, not '-1'"),
  (["test", "--jobs=0"], "--jobs must be a positive whole number, not '0'"),
  (["test", "--jobs", "+2"], "--jobs must be a positive whole number, not '+2'"),
  (["test", "--jobs", "two"], "--jobs must be a positive whole number, not 'two'"),
  (["test", "--shard", "4/3"], "--shard must be K/N, whole numbers with 1 <= K <= N, not '4/3'"),
  (["test", "--shard", "3"], "--shard must be K/N, whole numbers with 1 <= K <= N, not '3'"),
  (
    ["--generate-completion-script", "ksh"],
    "--generate-completion-script must be bash, zsh or fish, not 'ksh'"
  ),
  (["run"], "missing argument: 'billsh run' needs at least one script file"),
  (
    ["run", "--transcript", "--json", "a.bill"],
    "--transcript and --json cannot go together: a transcript is text (drop one of them)"
  ),
  (["run", "--json"], "missing argument: 'billsh run' needs at least one script file"),
  (["run", "--"], "missing argument: 'billsh run' needs at least one script file"),
  (["a.bill"], "unexpected argument 'a.bill' for 'billsh'"),
  (["shell", "x"], "unexpected argument 'x' for 'billsh shell'"),
  (["--", "run"], "the subcommand 'run' must come first: billsh run [<options>]"),
  (["--json", "run", "a.bill"], "the subcommand 'run' must come first: billsh run [<options>]"),
  (["help", "bogus"], "no subcommand 'bogus'; the subcommands are shell, run, test and fuzz"),
  (["help", "tset"], "no subcommand 'tset'; the subcommands are shell, run, test and fuzz"),
  (
    ["help", "runn"],
    "no subcommand 'runn'; the subcommands are shell, run, test and fuzz; did you mean 'run'?"
  ),
  (["help", "run", "x"], "unexpected argument 'x' for 'billsh help'"),
  (["run", "--state", "w.json", "a.bill", "b.bill"], "--state goes with one script file, not 2"),
  // The first mistake is the one reported.
  (["run", "--bogus", "--jobs", "x"], "unknown option '--bogus' for 'billsh run'"),
  // Conformance (SPEC §9).
  (["fuzz"], "missing option: 'billsh fuzz' needs '--against <CMD>'"),
  (["fuzz", "--against", " "], "--against must be a command line, not ' '"),
  (
    ["fuzz", "--against", "x", "--seed", "-1"],
    "--seed must be a whole number from 0 to 18446744073709551615, not '-1'"
  ),
  (
    ["fuzz", "--against", "x", "--seed", "1.5"],
    "--seed must be a whole number from 0 to 18446744073709551615, not '1.5'"
  ),
  (
    ["fuzz", "--against", "x", "--timeout", "0"],
    "--timeout must be a number of seconds above 0, at most 86400, not '0'"
  ),
  (["fuzz", "--against", "x", "a.bill"], "unexpected argument 'a.bill' for 'billsh fuzz'"),
  (["test", "--text"], "--text goes with --against"),
  (["test", "--timeout", "5"], "--timeout goes with --against"),
  (
    ["test", "--against", "x", "--update"],
    "--update cannot go with --against: a transcript is not rewritten from another program's records"
  ),
]

@Suite("Invocation: the command line read against its table")
struct InvocationTests {
  @Test func acceptedFormsMeanWhatTheySay() {
    for (args, expected) in accepted {
      #expect((try? Invocation.parse(args)) == expected, "\(args)")
    }
  }

  @Test func rejectedFormsSayWhatIsWrong() {
    for (args, message) in rejected {
      var said: String?
      do { _ = try Invocation.parse(args) } catch { said = error.message }
      #expect(said == message, "\(args)")
    }
  }

  @Test func everyHelpListsEveryOption() {
    for name in [nil] + cliCommands.map(\.name) {
      let page = UsageHelp.page(for: name, width: 80)
      let command = name.flatMap(cliCommand(named:)) ?? defaultCommand
      let labels = (command.options + commonOptions).map(\.label)
      #expect(labels.allSatisfy { page.contains("  " + $0 + " ") }, "\(name ?? "billsh")")
      #expect(page.hasPrefix("OVERVIEW: "))
      #expect(!page.contains("--man"))
      #expect(!page.contains("--generate-completion-script"))
    }
    #expect(UsageHelp.page(for: nil, width: 80).contains(Help.overview(width: 80)))
  }

  @Test(arguments: [40, 60, 80, 100])
  func helpIsWrappedToTheWidthAndIndented(_ width: Int) {
    // NB: the shell's command list (`Help.overview`) wraps itself, to at least 60 columns.
    let overview = Help.overview(width: width)
    for name in [nil] + cliCommands.map(\.name) {
      let page = UsageHelp.page(for: name, width: width).replacing(overview, with: "")
      let lines = page.split(separator: "\n")
      #expect(lines.allSatisfy { $0.count <= max(width, 50) }, "\(name ?? "billsh") at \(width)")
    }
    let row = UsageHelp.row("--shard <K/N>", CLIOption.shard.help, width: width)
    #expect(row.count > 1)
    #expect(row.dropFirst().allSatisfy { $0.hasPrefix(String(repeating: " ", count: 26)) })
  }
}
