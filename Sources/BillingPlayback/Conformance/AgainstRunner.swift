import BillingModel
import Synchronization

/// `billsh test --against CMD` (SPEC §9): each transcript's commands played in billsh and in
/// CMD, compared record by record; per transcript, the first line where they part.
/// NB: kept apart from `TranscriptRunner`'s replay (which compares text); it shares only the
/// finding of files, the shards and the summary that `--junit` writes.
package struct AgainstRunner: Sendable {
  package var contender: Contender
  package var jobs: Int
  package var catalog: Catalog

  package init(contender: Contender, jobs: Int, catalog: Catalog = .standard) {
    self.contender = contender
    self.jobs = max(1, jobs)
    self.catalog = catalog
  }

  /// Checks every transcript under `paths`, writes a report ending with `N passed, N failed`,
  /// and returns the summary and the exit code: 0 all agree, 1 a disagreement, 2 a protocol
  /// error or a file that could not be read.
  package func run(
    paths: [String], shard: TranscriptShard = .whole, output: inout some TextOutputStream
  ) -> (summary: TranscriptRunner.Summary, code: Int32) {
    let entries = TranscriptRunner.discover(paths)
    let work = shard.share(of: entries)

    let clock = ContinuousClock()
    let start = clock.now
    let slots = Mutex<[(TranscriptRunner.FileOutcome, Bool)?]>(
      Array(repeating: nil, count: work.count))
    let next = Mutex(0)
    let me = self
    let body: @Sendable () -> Void = {
      while true {
        let i: Int? = next.withLock { n in
          guard n < work.count else { return nil }
          n += 1
          return n - 1
        }
        guard let i, !me.contender.stop() else { return }
        let began = clock.now
        var (outcome, broken) = me.check(work[i].path, error: work[i].error)
        outcome.time = clock.now - began
        slots.withLock { $0[i] = (outcome, broken) }
      }
    }
    let threads = (0..<min(jobs, work.count)).compactMap { _ in
      WorkerThread(stackSize: TranscriptRunner.workerStackSize, body)
    }
    if threads.isEmpty { body() }
    for t in threads { t.join() }

    var summary = TranscriptRunner.Summary(time: clock.now - start)
    var code: Int32 = 0
    for (i, slot) in slots.withLock({ $0 }).enumerated() {
      let (outcome, broken) =
        slot ?? (
          TranscriptRunner.FileOutcome(
            path: work[i].path, status: .error, report: "no result\n", time: .zero), true
        )
      output.write(outcome.report)
      summary.files.append(outcome)
      if broken { code = 2 } else if outcome.status != .passed { code = max(code, 1) }
    }
    output.write("\(summary.passed) passed, \(summary.failed) failed\n")
    return (summary, code)
  }

  /// One transcript against CMD: its outcome, and whether CMD broke the protocol (or the file
  /// could not be read).
  func check(_ path: String, error: String?) -> (TranscriptRunner.FileOutcome, Bool) {
    func outcome(_ status: TranscriptRunner.Status, _ report: String)
      -> TranscriptRunner.FileOutcome
    {
      TranscriptRunner.FileOutcome(path: path, status: status, report: report, time: .zero)
    }
    if let error { return (outcome(.error, "\(path): error[io]: \(error)\n"), true) }
    let text: String
    do {
      let bytes = try TranscriptFileIO.readBytes(path)
      guard let decoded = TranscriptFileIO.decodeUTF8(bytes) else {
        return (outcome(.error, "\(path): error[io]: not valid UTF-8\n"), true)
      }
      text = decoded.utf8.contains(13) ? decoded.replacing("\r\n", with: "\n") : decoded
    } catch {
      return (outcome(.error, "\(path): error[io]: \(error.message)\n"), true)
    }
    var commands: [(text: String, line: Int, output: [String])] = []
    for item in Transcript.parse(text).items {
      if case .command(let t, let line, let output) = item { commands.append((t, line, output)) }
    }
    if commands.isEmpty {
      return (
        outcome(.failed, "FAIL \(path)\n\(path): nothing to check: no command (`  > ` line)\n"),
        false
      )
    }
    let sandbox = TranscriptSandbox(transcript: path)
    defer { sandbox.remove() }
    let verdict = Conformance.check(
      commands.map(\.text), against: contender, catalog: catalog,
      outputs: commands.map(\.output), sandbox: sandbox)
    switch verdict {
    case .agree:
      return (outcome(.passed, ""), false)
    case .disagree(let d):
      let c = commands[d.index]
      return (
        outcome(
          .failed,
          "FAIL \(path)\n\(path):\(c.line): \(c.text)\n  \(d.difference.description)\n"
            + "  billsh: \(d.expected.text)\n  CMD:    \(d.actual.text)\n"),
        false
      )
    case .broken(let p):
      let place = p.index.flatMap { $0 < commands.count ? commands[$0] : nil }
      let at = place.map { "\(path):\($0.line): \($0.text)\n  " } ?? "\(path): "
      return (outcome(.error, "FAIL \(path)\n\(at)protocol error: \(p.message)\n"), true)
    }
  }
}
