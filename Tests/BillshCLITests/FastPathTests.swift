import ArgumentParser
import Testing

@testable import BillshCLI

// The fast path past the argument parser (`FastPath.decide`) must take only invocations the
// argument parser reads as the same command with the same values, and nothing it rejects.

/// What the argument parser makes of `args`: a shell or run invocation, or nil (an error,
/// help, the version, or another subcommand).
private func parsed(_ args: [String]) -> FastPath.Invocation? {
  guard let command = try? Billsh.parseAsRoot(args) else { return nil }
  if let s = command as? Shell {
    return .shell(
      catalog: s.world.catalog, state: s.world.state, demo: s.demo, json: s.json, bail: s.bail)
  }
  if let r = command as? Run {
    return .run(
      files: r.files, catalog: r.world.catalog, state: r.world.state, json: r.json, bail: r.bail,
      transcript: r.transcript)
  }
  return nil
}

/// Argument vectors and whether the fast path takes them (false: left to the argument parser).
private let table: [(args: [String], fast: Bool)] = [
  // The plain forms.
  ([], true),
  (["--json"], true),
  (["--bail"], true),
  (["--demo"], true),
  (["--json", "--bail", "--demo"], true),
  (["--catalog", "c.json"], true),
  (["--state", "w.json"], true),
  (["--catalog", "c.json", "--state", "w.json", "--demo"], true),
  (["run", "a.bill"], true),
  (["run", "a.bill", "b.bill"], true),
  (["run", "--json", "a.bill"], true),
  (["run", "a.bill", "--json"], true),
  (["run", "--bail", "a.bill"], true),
  (["run", "--transcript", "a.bill"], true),
  (["run", "--json", "--bail", "--transcript", "a.bill"], true),
  (["run", "a.bill", "--catalog", "c.json"], true),
  (["run", "--state", "w.json", "a.bill"], true),
  (["run", "--state", "w.json", "a.bill", "b.bill"], true),
  (["run", "--catalog", "c.json", "--state", "w.json", "--json", "--bail", "a.bill"], true),
  (["run", "run"], true),
  (["run", "shell"], true),
  (["run", "a b.bill"], true),
  // Repeated flags and options.
  (["--json", "--json"], true),
  (["run", "--bail", "a.bill", "--bail"], true),
  (["--catalog", "c.json", "--catalog", "d.json"], true),
  (["run", "--state", "w.json", "--state", "v.json", "a.bill"], true),
  // Missing values and values that look like flags.
  (["--catalog"], false),
  (["--state"], false),
  (["run", "a.bill", "--catalog"], false),
  (["run", "--catalog", "--json", "a.bill"], false),
  (["--state", "-w.json"], false),
  (["--catalog=c.json"], false),
  (["run", "--state=w.json", "a.bill"], false),
  // Unknown flags, flags of the other command, short flags.
  (["--nope"], false),
  (["run", "--nope", "a.bill"], false),
  (["--transcript"], false),
  (["run", "--demo", "a.bill"], false),
  (["-j"], false),
  (["run", "-h"], false),
  (["--help"], false),
  (["--version"], false),
  // File names starting with `-`, `--`, and no files.
  (["run", "-a.bill"], false),
  (["run", "--", "-a.bill"], false),
  (["run", "--", "a.bill"], false),
  (["run", "a.bill", "--"], false),
  (["--"], false),
  (["run", "-"], false),
  (["run"], false),
  (["run", "--json"], false),
  // Other subcommands and stray words.
  (["shell"], false),
  (["shell", "--json"], false),
  (["test"], false),
  (["test", "Tests/Transcripts"], false),
  (["a.bill"], false),
  (["--json", "run", "a.bill"], false),
  (["help"], false),
]

@Suite("FastPath: the same invocations as the argument parser")
struct FastPathTests {
  @Test(arguments: table.indices)
  func fastPathAgreesWithTheArgumentParser(_ i: Int) {
    let (args, fast) = table[i]
    let taken = FastPath.decide(args)
    #expect((taken != nil) == fast, "fast path for \(args)")
    if let taken {
      // Whatever the fast path takes, the argument parser reads the same way.
      #expect(parsed(args) == taken, "argument parser for \(args)")
    }
  }

  @Test(arguments: table.indices)
  func whatTheArgumentParserRejectsTheFastPathRejects(_ i: Int) {
    let args = table[i].args
    if (try? Billsh.parseAsRoot(args)) == nil {
      #expect(FastPath.decide(args) == nil, "\(args)")
    }
  }
}
