import BillingModel
import BillingPlayback
import BillingRuntime
import BillingSupport
import LineEditing
import Platform

/// What each invocation does.
enum Entry {
  static func fail(_ message: String, _ code: Int32 = 2) -> Never {
    let err = Output(fd: 2)
    err.write(message.visible + "\n")
    err.flush()
    exit(code)
  }

  /// The lock on the `--state` file, held until the process ends (see `StateLock`).
  nonisolated(unsafe) static var stateLock: StateLock?

  /// Takes the `--state` file's lock, or ends with its `io` error.
  static func lockState(_ state: String?) {
    guard let state else { return }
    do { stateLock = try StateLock.acquire(state) } catch { fail(error.line) }
    if let note = stateLock?.previousNote {
      let err = Output(fd: 2)
      err.write(
        "billsh: the last session on \(state) ended without saving (\(note)); the file holds the world from before it\n"
          .visible)
      err.flush()
    }
  }

  /// The exit status once `out` is flushed: 2 (with the reason on stderr) if a write to it
  /// failed, 130 if Ctrl-C stopped playback, else `code`.
  static func finish(_ out: Output, _ code: Int32, interruptible: Bool = true) -> Int32 {
    out.flush()
    if let message = out.failureMessage {
      let err = Output(fd: 2)
      err.write("billsh: error[io]: \(message)\n")
      err.flush()
      return 2
    }
    return interruptible && Interrupts.seen ? 130 : code
  }

  static func catalog(_ path: String?) -> Catalog {
    do { return try Runner.catalog(from: path) } catch { fail(error.line) }
  }

  static func shell(_ o: ShellOptions) -> Never {
    let session = Session(catalog: catalog(o.catalog), files: LocalFiles())
    lockState(o.state)
    if let state = o.state, access(state, F_OK) == 0 {
      do { try session.startFromSaved(state) } catch { fail(error.line) }
    }
    if let state = o.state {
      session.noteStateFile(state)
    }
    if o.demo { session.startFromDemo() }
    exit(Front.start(session: session, json: o.json, bail: o.bail, state: o.state))
  }

  /// NB: `Invocation.parse` has checked that there is a file, and only one with `--state`.
  static func run(_ o: RunOptions) -> Never {
    let cat = catalog(o.catalog)
    lockState(o.state)
    let out = Output()
    if o.transcript {
      var code: Int32 = 0
      for f in o.files {
        do {
          let (text, c) = try Runner.transcript(of: f, catalog: cat)
          out.write(text)
          code = max(code, c)
        } catch {
          out.flush()
          fail(error.line)
        }
      }
      exit(finish(out, code))
    }
    Interrupts.install()
    let code = Runner.run(
      files: o.files, json: o.json, bail: o.bail, catalog: cat, state: o.state, out: out,
      shouldStop: { Interrupts.take() || out.failed })
    exit(finish(out, code))
  }

  /// NB: `Invocation.parse` has checked `--jobs` (1 or more) and `--shard`.
  static func test(_ o: TestOptions) -> Never {
    // NB: before any thread starts, so every thread leaves these signals to the one that removes
    // the sandboxes and `--update`'s temporary files.
    TemporaryFiles.removedOnSignals()
    let cat = catalog(o.catalog)
    let n = o.jobs ?? max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    let runner = TranscriptRunner(jobs: n, update: o.update) { commands, path in
      Runner.replay(commands, catalog: cat, at: path)
    }
    let targets = o.paths.isEmpty ? ["Tests/Transcripts"] : o.paths
    // A path that is not there is a mistake on the command line, not a failed test.
    if let missing = TranscriptRunner.missingPath(targets) {
      fail("error[io]: \(missing): no such file or folder")
    }
    let out = Output()
    out.escapesControls = true
    var stream = out
    if let against = o.against {
      // NB: Ctrl-C kills the program under test (it runs in a process group of its own, so
      // the terminal's SIGINT does not reach it) and ends the run with 130.
      Interrupts.install()
      let contender = Contender(
        command: against, timeout: o.timeout, comparesText: o.text, stop: { Interrupts.seen })
      let (summary, code) = AgainstRunner(contender: contender, jobs: n, catalog: cat).run(
        paths: targets, shard: o.shard, output: &stream)
      out.flush()
      if let junit = o.junit {
        do { try JUnitReport.write(summary, to: junit) } catch { fail("error[io]: \(error)") }
      }
      exit(finish(out, code, interruptible: false))
    }
    let summary = runner.run(paths: targets, shard: o.shard, output: &stream)
    out.flush()
    if let junit = o.junit {
      do { try JUnitReport.write(summary, to: junit) } catch { fail("error[io]: \(error)") }
    }
    // `--update` that could not read or write a transcript is a file error (2), not a failed test.
    let unwritten = o.update && summary.files.contains { $0.status == .error }
    exit(finish(out, unwritten ? 2 : summary.failed == 0 ? 0 : 1, interruptible: false))
  }

  /// `billsh fuzz --against CMD` (SPEC §9).
  static func fuzz(_ o: FuzzInvocation) -> Never {
    let cat = catalog(o.catalog)
    let jobs = o.jobs ?? max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    Interrupts.install()
    let report = Fuzzer.run(
      FuzzOptions(seed: o.seed, scenarios: o.scenarios, lines: o.lines, jobs: jobs, out: o.out),
      contender: Contender(command: o.against, timeout: o.timeout, stop: { Interrupts.seen }),
      catalog: cat)
    let out = Output()
    out.escapesControls = true
    out.write(report.text)
    exit(finish(out, report.code, interruptible: false))
  }
}
