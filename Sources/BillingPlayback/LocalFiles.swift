import BillingModel
import BillingRuntime
import BillingSupport
import Platform

/// The files of this machine, for a session's file commands (see `FileAccess`); in a replayed
/// transcript, only inside its sandbox.
package final class LocalFiles: FileAccess {
  /// Set while `billsh test` replays a transcript: where its file commands may go.
  package let sandbox: TranscriptSandbox?
  /// The `--state` file as the session last read or wrote it (see `Session.saveState`).
  var stateFile: (path: String, stamp: FileStamp?)?

  package init(sandbox: TranscriptSandbox? = nil) {
    self.sandbox = sandbox
  }

  package func place(_ path: String, from script: String?, writing: Bool) throws(Failure) -> String
  {
    if let sandbox { return try sandbox.place(path, from: script, writing: writing) }
    return Session.resolve(path, from: script)
  }

  package func canonical(_ path: String) -> String { TranscriptFileIO.canonical(path) }

  package func read(_ path: String) throws(Failure) -> [UInt8] { try LocalFiles.read(path) }

  package func write(_ path: String, _ bytes: [UInt8]) throws(Failure) {
    try LocalFiles.write(path, bytes)
  }

  package func keeper() -> (any TranscriptKeeping)? { TranscriptSpool() }

  package func record(to path: String, header: [String], kept: [any TranscriptKeeping])
    throws(Failure) -> any TranscriptRecording
  {
    do {
      return try TranscriptRecorder(
        path: path, header: header, spools: kept.compactMap { $0 as? TranscriptSpool })
    } catch {
      throw Failure(.io, nil, "\(error)")
    }
  }

  /// Reads a saved world or a catalog: io errors name the path and the reason.
  /// NB: bounded by `maxWorldBytes`; scripts are streamed (`play`), never read whole.
  static func read(_ path: String) throws(Failure) -> [UInt8] {
    // NB: a file known to be too large is refused before a byte of it is read.
    var info = stat()
    if stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG,
      Int(info.st_size) > Session.maxWorldBytes
    {
      throw tooLarge(path)
    }
    let bytes: [UInt8]
    do { bytes = try TranscriptFileIO.readBytes(path, limit: Session.maxWorldBytes) } catch {
      throw Failure(.io, nil, message: error.description)
    }
    if bytes.count > Session.maxWorldBytes { throw tooLarge(path) }
    return bytes
  }

  static func tooLarge(_ path: String) -> Failure {
    Failure(
      .io, nil,
      "\(path): larger than \(Session.maxWorldBytes / (1024 * 1024)) MiB, the most billsh reads")
  }

  static func write(_ path: String, _ bytes: [UInt8]) throws(Failure) {
    do { try TranscriptFileIO.writeAtomically(path, bytes) } catch {
      throw Failure(.io, nil, message: error.description)
    }
  }

  static func write(_ path: String, _ text: String) throws(Failure) {
    try write(path, Array(text.utf8))
  }

  /// Opens a script to stream it; io errors name the path and the reason.
  static func openScript(_ path: String) throws(Failure) -> Int32 {
    // SPEC §5: any readable stream a shell hands over is a script (a regular file, a pipe, a
    // FIFO, `/dev/stdin`, `<(…)`); only a folder is refused. A FIFO is opened as `cat` opens
    // it, waiting for its writer; an endless input is given up by the 64 KiB line limit.
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    if fd < 0 {
      throw Failure(.io, nil, message: "\(path): cannot open: \(TranscriptFileIO.errnoMessage())")
    }
    var info = stat()
    if fstat(fd, &info) != 0 {
      let message = "\(path): cannot read: \(TranscriptFileIO.errnoMessage())"
      _ = close(fd)
      throw Failure(.io, nil, message: message)
    }
    if info.st_mode & S_IFMT == S_IFDIR {
      _ = close(fd)
      throw Failure(.io, nil, message: "\(path): is a directory")
    }
    return fd
  }

  static func exists(_ path: String) -> Bool {
    access(path, F_OK) == 0
  }

  /// Plays a script file line by line as it is read (SPEC §5: no size limit, each line at most
  /// 64 KiB); each line's record goes to the session's sink. Returns whether it was stopped;
  /// fails, having played nothing, when the script cannot be opened.
  package func play(_ path: String, in session: Session) throws(Failure) -> Bool {
    let fd = try LocalFiles.openScript(path)
    defer { _ = close(fd) }
    session.reading.append(path)
    defer { session.reading.removeLast() }
    var lines = StreamLines()
    var stopped = false
    func consume(_ item: StreamItem) {
      switch item {
      case .reject(let f, let input, let number):
        session.reject(f, input: input, file: path, line: number)
      case .line(let l, _):
        session.perform(l.text, file: path, line: l.number, expectation: l.expectation)
      }
    }
    Runner.splitLines(fd, interrupted: { session.stopRequested() }) { bytes, end in
      if session.stopRequested() { stopped = true; return false }
      if let item = lines.next(bytes, end: end, prepare: false) { consume(item) }
      return true
    }
    if stopped || session.stopRequested() { return true }
    if let item = lines.finish() { consume(item) }
    return false
  }
}

extension TranscriptSpool: TranscriptKeeping {}
extension TranscriptRecorder: TranscriptRecording {}

extension TranscriptFileIO {
  /// The real path of a file (symlinks and `..` resolved), or the path itself if it cannot be resolved.
  static func canonical(_ path: String) -> String {
    guard let p = realpath(path, nil) else { return path }
    defer { free(p) }
    return String(cString: p)
  }
}
