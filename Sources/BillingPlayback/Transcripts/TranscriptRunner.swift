// `billsh test`: replays transcripts and compares (or updates) their output.

import Platform
import Synchronization

package struct TranscriptRunner: Sendable {
  /// Runs the commands in a fresh world and returns each command's output
  /// lines (one array per command, in order).
  package typealias Replay = @Sendable (_ commands: [String]) -> [[String]]
  /// A replay that is also told the transcript's path (to find files relative to it).
  package typealias ReplayAt = @Sendable (_ commands: [String], _ path: String) -> [[String]]

  package let jobs: Int
  package let update: Bool
  private let replay: ReplayAt

  /// Stack size of each worker thread (the replayed interpreter may recurse).
  static let workerStackSize = 16 << 20

  /// The first of `paths` that does not exist, if any.
  package static func missingPath(_ paths: [String]) -> String? {
    paths.first { TranscriptFileIO.kind($0) == .missing }
  }

  package init(jobs: Int, update: Bool, replay: @escaping Replay) {
    self.init(jobs: jobs, update: update) { commands, _ in replay(commands) }
  }

  package init(jobs: Int, update: Bool, replay: @escaping ReplayAt) {
    self.jobs = max(1, jobs)
    self.update = update
    self.replay = replay
  }

  /// The transcripts under `paths` (folders searched for `*.transcript`), each once, in path
  /// order; a path that cannot be read is an entry with its error.
  package static func discover(_ paths: [String]) -> [(path: String, error: String?)] {
    var entries: [(path: String, error: String?)] = []
    var seen = Set<String>()
    for path in paths {
      var files: [String] = []
      var errors: [TranscriptIOError] = []
      switch TranscriptFileIO.kind(path) {
      case .missing:
        errors.append(TranscriptIOError(path: path, message: "no such file or directory"))
      case .directory:
        TranscriptFileIO.findFiles(
          under: path, suffix: ".transcript", files: &files, errors: &errors)
      case .file, .other:
        files.append(path)
      }
      for file in files where seen.insert(file).inserted {
        entries.append((file, nil))
      }
      for error in errors where seen.insert(error.path).inserted {
        entries.append((error.path, error.message))
      }
    }
    entries.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    return entries
  }

  /// Finds the `*.transcript` files under each path (a file is taken as given, a
  /// folder is searched recursively), replays them in parallel on `jobs`
  /// threads and writes a report: for each failure, in path order, "FAIL <path>"
  /// followed by messages and a unified diff (expected = the file, actual = the
  /// file with its outputs replaced), I/O errors as "<path>: error[io]: ...",
  /// "updated <path>" for files rewritten with `update`; the last line is
  /// "N passed, N failed". Paths that do not exist count as failed files. With `shard`, only
  /// the shard's share of the discovered files is replayed, reported and counted.
  package func run(
    paths: [String], shard: TranscriptShard = .whole, output: inout some TextOutputStream
  ) -> Summary {
    let entries = TranscriptRunner.discover(paths)
    let work = shard.share(of: entries)

    // Check in parallel; results are indexed, so the report order is fixed.
    let clock = ContinuousClock()
    let start = clock.now
    let results = checkAll(count: work.count) { index in
      let fileStart = clock.now
      var result: FileResult
      if let error = work[index].error {
        result = FileResult(
          status: .error, report: "\(work[index].path): error[io]: \(error)\n")
      } else {
        result = check(work[index].path)
      }
      result.time = clock.now - fileStart
      return result
    }
    let time = clock.now - start

    var summary = Summary(time: time)
    for (entry, result) in zip(work, results) {
      output.write(result.report)
      summary.files.append(
        FileOutcome(
          path: entry.path, status: result.status, report: result.report, time: result.time))
    }
    output.write("\(summary.passed) passed, \(summary.failed) failed\n")
    return summary
  }

  /// What a run found: each file's outcome in path order, and the run's wall-clock time.
  package struct Summary: Sendable {
    package var files: [FileOutcome] = []
    package var time: Duration

    package var passed: Int { files.count(where: { $0.status == .passed }) }
    /// Files that failed or could not be read (I/O errors count as failed).
    package var failed: Int { files.count - passed }
  }

  /// How one transcript file fared.
  package enum Status: Sendable, Equatable {
    /// Replayed and matched (or was updated to match).
    case passed
    /// Replayed and did not match, recorded nothing to check, or was not updated.
    case failed
    /// Could not be read, decoded or written.
    case error
  }

  /// One file's status, its part of the report (empty when it passed) and its replay time.
  package struct FileOutcome: Sendable, Equatable {
    package var path: String
    package var status: Status
    package var report: String
    package var time: Duration
  }

  struct FileResult: Sendable {
    var status: Status
    var report: String
    var time: Duration = .zero

    init(status: Status, report: String) {
      self.status = status
      self.report = report
    }

    init(passed: Bool, report: String) {
      self.init(status: passed ? .passed : .failed, report: report)
    }
  }

  /// Runs `body` for every index on `jobs` worker threads that pull indices
  /// from a shared counter.
  private func checkAll(
    count: Int, _ body: @escaping @Sendable (Int) -> FileResult
  ) -> [FileResult] {
    let state = SharedState(count: count)
    let workers = min(jobs, count)
    if workers == 0 { return [] }
    let work: @Sendable () -> Void = {
      while let index = state.nextIndex() {
        state.store(body(index), at: index)
      }
    }
    var threads: [WorkerThread] = []
    for _ in 0..<workers {
      if let thread = WorkerThread(stackSize: Self.workerStackSize, work) {
        threads.append(thread)
      }
    }
    // Should no thread start at all, do the work here.
    if threads.isEmpty { work() }
    for thread in threads { thread.join() }
    return state.results()
  }

  private final class SharedState: Sendable {
    private struct Progress {
      var next = 0
      var slots: [FileResult?]
    }
    private let count: Int
    private let progress: Mutex<Progress>

    init(count: Int) {
      self.count = count
      self.progress = Mutex(Progress(slots: Array(repeating: nil, count: count)))
    }

    func nextIndex() -> Int? {
      progress.withLock { p in
        guard p.next < count else { return nil }
        p.next += 1
        return p.next - 1
      }
    }

    func store(_ result: FileResult, at index: Int) {
      progress.withLock { $0.slots[index] = result }
    }

    func results() -> [FileResult] {
      // NB: every slot is filled before results are read; an empty one would be a bug, shown.
      progress.withLock { $0.slots.map { $0 ?? FileResult(status: .error, report: "no result\n") } }
    }
  }

  /// Replays one transcript file and compares (or updates) it.
  func check(_ path: String) -> FileResult {
    let original: [UInt8]
    do {
      original = try TranscriptFileIO.readBytes(path)
    } catch {
      return FileResult(status: .error, report: "\(path): error[io]: \(error.message)\n")
    }
    guard let decoded = TranscriptFileIO.decodeUTF8(original) else {
      return FileResult(status: .error, report: "\(path): error[io]: not valid UTF-8\n")
    }
    // NB: CRLF line ends (a file edited on Windows) are read as LF; `--update` writes LF.
    let lf = decoded.utf8.contains(13) ? decoded.replacing("\r\n", with: "\n") : decoded
    // A byte order mark starting the file is not part of its first line (it would turn a first
    // `  > ` line into commentary); `--update` keeps it.
    let bom = lf.hasPrefix("\u{FEFF}")
    let text = bom ? String(lf.dropFirst()) : lf

    let transcript = Transcript.parse(text)
    let commands = transcript.commands
    // An empty or commentary-only transcript checks nothing: it must not count as passed.
    if commands.isEmpty {
      return FileResult(
        passed: false, report: "FAIL \(path)\n\(path): nothing to check: no command (`  > ` line)\n"
      )
    }
    let outputs = replay(commands, path)
    let actual = transcript.replacingOutputs(outputs)
    let actualText = actual.render()
    let expectedLines = transcriptLines(text)
    let actualLines = transcriptLines(actualText)
    let same = transcriptLinesIdentical(expectedLines, actualLines)

    if !update {
      let missing = transcript.commandsWithoutOutput
      if same && missing.isEmpty { return FileResult(passed: true, report: "") }
      var report = "FAIL \(path)\n"
      for line in missing {
        report += "\(path):\(line): command has no recorded output (run with --update to record)\n"
      }
      if let diff = UnifiedDiff.make(expected: expectedLines, actual: actualLines, path: path) {
        report += diff
      }
      return FileResult(passed: false, report: report)
    }

    // --update
    var report = ""
    if !same {
      let newBytes = Array(((bom ? "\u{FEFF}" : "") + actualText).utf8)
      do throws(TranscriptIOError) {
        let current = try TranscriptFileIO.readBytes(path)
        if current != original {
          return FileResult(passed: false, report: "\(path): changed while running; not updated\n")
        }
        try TranscriptFileIO.writeAtomically(path, newBytes)
        if try TranscriptFileIO.readBytes(path) != newBytes {
          return FileResult(
            status: .error, report: "\(path): error[io]: contents differ after update\n")
        }
      } catch {
        return FileResult(status: .error, report: "\(path): error[io]: \(error.message)\n")
      }
      report += "updated \(path)\n"
    }
    let missing = actual.commandsWithoutOutput
    if missing.isEmpty { return FileResult(passed: true, report: report) }
    if same { report += "FAIL \(path)\n" }
    for line in missing {
      report += "\(path):\(line): command produced no output; nothing recorded\n"
    }
    return FileResult(passed: false, report: report)
  }
}
