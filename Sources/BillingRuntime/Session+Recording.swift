import BillingLanguage
import BillingModel
import BillingSupport

/// Where a session's world came from, when it did not start empty.
package enum Origin {
  /// The bundled demo world (`--demo`).
  case demo
  /// A saved world (`--state`), as its file held it when the session started.
  case saved(path: String, bytes: [UInt8])
}

/// `.record` and `.demo`: recordings that replay on their own (SPEC §6, §8).
extension Session {
  /// Starts from the bundled demo world, as `--demo` does; a recording starts with `.demo`.
  package func startFromDemo() {
    loadDemo()
    keeping.origin = .demo
  }

  /// Starts from a saved world, as `--state` does; a recording starts by loading that world.
  package func startFromSaved(_ path: String) throws(Failure) {
    let bytes = try files.read(path)
    try loadWorld(bytes, from: path)
    keeping.origin = .saved(path: path, bytes: bytes)
  }

  /// Replaces the world (and who acts) with the bundled demo world.
  func loadDemo() {
    let demo = Session(catalog: catalog)
    demo.keepsResults = false
    Demo.load(into: demo)
    world = demo.world
    actor = demo.actor
    focus = demo.focus
  }

  func demo() -> Outcome {
    loadDemo()
    return outcome(.loaded(file: nil))
  }

  func record(_ given: String?) throws(Failure) -> Outcome {
    guard let given else {
      guard let r = keeping.recording else { return outcome(.recordingStopped(path: nil)) }
      r.close()
      keeping.recording = nil
      return outcome(.recordingStopped(path: r.path))
    }
    let path = try resolvePath(given, writing: true)
    keeping.recording?.close()
    keeping.recording = nil
    // NB: a session that kept nothing (a script with no `.record` when it started) records from here.
    let spool = keeping.spool ?? files.keeper()
    keeping.spool = spool
    // NB: a failure to write the starting world says why, as any other io error.
    let start = try rebuilding(for: path)
    let r = try files.record(
      to: path, header: ["billsh session recorded on \(world.today) (simulated date)", ""],
      kept: (start.map { [$0] } ?? []) + (spool.map { [$0] } ?? []))
    keeping.recording = r
    return outcome(.recording(path: path, earlier: spool?.count ?? 0))
  }

  /// The commands that rebuild the world this session started from, with their output, as a
  /// recording at `path` replays them: `.demo`, or `.load` of the starting world.
  /// NB: `--state` writes the file back when the session ends, so the starting world is written
  /// beside the recording (`NAME.start.json` for `NAME.transcript`) and loaded from there.
  func rebuilding(for path: String) throws(Failure) -> (any TranscriptKeeping)? {
    let command: String
    switch keeping.origin {
    case nil: return nil
    case .demo: command = ".demo"
    case .saved(_, let bytes):
      let stem = path.hasSuffix(".transcript") ? String(path.dropLast(11)) : path
      let file = stem + ".start.json"
      try files.write(file, bytes)
      command = ".load " + quoted(String(file.split(separator: "/").last ?? ""))
    }
    let replay = Session(catalog: catalog, files: files)
    replay.keepsResults = false
    replay.keepsTranscript = true
    replay.reading = [path]
    replay.perform(command)
    return replay.keeping.spool
  }
}
