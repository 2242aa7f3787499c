import ArgumentParser
import BillingLanguage
import BillingModel
import BillingRuntime
import LineEditing

#if canImport(Glibc)
  import Glibc
#endif

let version = "0.1.0"

@main
struct Billsh: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "billsh",
    abstract: "A shell that simulates paid-plan upgrade and billing rules.",
    discussion: "With a terminal on stdin, opens the shell; otherwise reads commands from stdin like a script.\n\n" + Help.overview,
    version: version,
    subcommands: [Shell.self, Run.self, Test.self],
    defaultSubcommand: Shell.self)
}

struct WorldOptions: ParsableArguments {
  @Option(name: .long, help: "A JSON catalog overriding prices, sizes, the self-serve limit or the trial length.")
  var catalog: String?

  @Option(name: .long, help: "Start from the world saved in FILE (if it exists) and save the world back to it at the end.")
  var state: String?
}

func fail(_ message: String, _ code: Int32 = 2) -> Never {
  let err = Output(fd: 2)
  err.write(message + "\n")
  err.flush()
  exit(code)
}

struct Shell: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "shell", abstract: "Open the shell (the default), or read commands from stdin when it is not a terminal.")

  @OptionGroup var world: WorldOptions
  @Flag(name: .long, help: "Start with the bundled demo world.") var demo = false
  @Flag(name: .long, help: "With piped input: print one JSON object per command line.") var json = false
  @Flag(name: .long, help: "With piped input: stop at the first line that does not meet its expectation.") var bail = false

  func run() throws {
    let catalog: Catalog
    do { catalog = try Runner.catalog(from: world.catalog) } catch { fail(error.line) }
    let session = Session(catalog: catalog)
    if let state = world.state, access(state, F_OK) == 0 {
      do { try session.loadWorld(from: state) } catch { fail(error.line) }
    }
    if demo { BillingRuntime.Demo.load(into: session) }
    let code = Front.start(session: session, json: json, bail: bail, state: world.state)
    Glibc.exit(code)
  }
}

struct Run: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Play .bill scripts, each in a fresh world; exit 0 when every line met its expectation, 1 otherwise, 2 on a usage or file error.")

  @Argument(help: "Script files.") var files: [String]
  @OptionGroup var world: WorldOptions
  @Flag(name: .long, help: "One JSON object per command line.") var json = false
  @Flag(name: .long, help: "Stop at the first line that does not meet its expectation.") var bail = false
  @Flag(name: .long, help: "Print each script as a transcript (commentary, commands, output) instead of running it for a verdict.") var transcript = false

  func run() throws {
    guard !files.isEmpty else { fail("error[usage]: billsh run needs at least one script file") }
    let catalog: Catalog
    do { catalog = try Runner.catalog(from: world.catalog) } catch { fail(error.line) }
    if world.state != nil && files.count > 1 { fail("error[usage]: --state goes with one script file") }
    let out = Output()
    if transcript {
      var code: Int32 = 0
      for f in files {
        do {
          let (text, c) = try Runner.transcript(of: f, catalog: catalog)
          out.write(text)
          code = max(code, c)
        } catch { out.flush(); fail(error.line) }
      }
      out.flush()
      Glibc.exit(code)
    }
    Interrupts.install()
    Glibc.exit(Runner.run(files: files, json: json, bail: bail, catalog: catalog, state: world.state, out: out, shouldStop: Interrupts.take))
  }
}

struct Test: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Replay transcripts and compare their output; ends with 'N passed, N failed'.")

  @Argument(help: "Transcript files or folders (default: Tests/Transcripts).") var paths: [String] = []
  @Flag(name: .long, help: "Rewrite mismatching transcripts with the actual output, keeping the commentary.") var update = false
  @Option(name: .long, help: "Parallel jobs (default: all cores).") var jobs: Int?
  @Option(name: .long, help: "A JSON catalog for the replays.") var catalog: String?

  func run() throws {
    let cat: Catalog
    do { cat = try Runner.catalog(from: catalog) } catch { fail(error.line) }
    let n = jobs ?? Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    guard n >= 1 else { fail("error[usage]: --jobs needs 1 or more") }
    let runner = TranscriptRunner(jobs: n, update: update) { commands in Runner.replay(commands, catalog: cat) }
    let out = Output()
    var stream = out
    let (passed, failed) = runner.run(paths: paths.isEmpty ? ["Tests/Transcripts"] : paths, output: &stream)
    out.flush()
    _ = passed
    Glibc.exit(failed == 0 ? 0 : 1)
  }
}
