import BillingModel
import BillingSupport

/// What the interpreter asks of files: `.read`, `.save`, `.load`, `.record` and `--state`.
/// NB: the interpreter opens no file and writes to no file descriptor; the playback module's
/// `LocalFiles` does it for the session it is given to (through the transcript sandbox when a
/// transcript is replayed). A session without one (`NoFiles`) refuses every file command.
package protocol FileAccess: AnyObject {
  /// Where a path given in a command points, read from the folder of `script` (the file being
  /// played, if any); `writing` for `.save` and `.record`.
  func place(_ path: String, from script: String?, writing: Bool) throws(Failure) -> String
  /// The real path of a file (symbolic links and `..` resolved), or the path itself.
  func canonical(_ path: String) -> String
  /// A whole file (a saved world): io errors name the path and the reason.
  func read(_ path: String) throws(Failure) -> [UInt8]
  /// Writes a whole file atomically: a failure leaves the old file as it was.
  func write(_ path: String, _ bytes: [UInt8]) throws(Failure)
  /// Opens a script and plays it into `session` line by line as it is read; returns whether it
  /// was stopped. Fails, having played nothing, when the script cannot be opened.
  /// NB: opened once (a pipe or FIFO can be read only once).
  func play(_ path: String, in session: Session) throws(Failure) -> Bool
  /// A keeper of the session's commands and output so far (for `.record`), when there can be one.
  func keeper() -> (any TranscriptKeeping)?
  /// Starts a recording at `path`: `header`, then what each keeper holds, then each line as it ends.
  func record(to path: String, header: [String], kept: [any TranscriptKeeping]) throws(Failure)
    -> any TranscriptRecording
  /// Told after a `.save` wrote `path` (the `--state` file written from inside the session).
  func saved(_ path: String)
}

/// Keeps a session's finished top-level commands and their output in transcript form.
package protocol TranscriptKeeping: AnyObject {
  /// Finished entries so far.
  var count: Int { get }
  /// Whether a command's entry is being written (between `begin` and `end`).
  var isOpen: Bool { get }
  /// Starts the entry of a top-level command.
  func begin(_ command: String, file: String?, line: Int?)
  /// Adds a record's output to the current entry.
  func add(_ r: Record)
  /// Ends the current entry; returns it (for a recording in progress).
  @discardableResult func end() -> Text
}

/// A transcript being recorded (`.record`).
package protocol TranscriptRecording: AnyObject {
  var path: String { get }
  /// Appends an entry already in transcript form.
  func append(entry: Text) throws
  /// Closes the file; later appends throw.
  func close()
}

/// No file access: every file command is refused (`io`), nothing is kept for `.record`.
package final class NoFiles: FileAccess {
  package init() {}
  private func refuse(_ path: String) -> Failure {
    Failure(.io, nil, "\(path): this session has no access to files")
  }
  package func place(_ path: String, from script: String?, writing: Bool) throws(Failure) -> String
  {
    Session.resolve(path, from: script)
  }
  package func canonical(_ path: String) -> String { path }
  package func read(_ path: String) throws(Failure) -> [UInt8] { throw refuse(path) }
  package func write(_ path: String, _ bytes: [UInt8]) throws(Failure) { throw refuse(path) }
  package func play(_ path: String, in session: Session) throws(Failure) -> Bool {
    throw refuse(path)
  }
  package func keeper() -> (any TranscriptKeeping)? { nil }
  package func record(to path: String, header: [String], kept: [any TranscriptKeeping])
    throws(Failure) -> any TranscriptRecording
  {
    throw refuse(path)
  }
  package func saved(_ path: String) {}
}
