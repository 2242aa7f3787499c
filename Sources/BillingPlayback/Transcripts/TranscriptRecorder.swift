// Writes a transcript while a session runs (the shell's `.record`).

import BillingSupport
import Platform

/// Records a session to a transcript file. The file is replaced atomically (see `AtomicFile`)
/// with the header commentary and the session so far, so an old file stays whole until the new
/// one is complete; then every `append` writes the command and its output with a single write
/// and syncs it to disk, so a process killed at any point leaves a valid transcript of the
/// commands recorded so far.
///
/// Header lines are written verbatim as commentary; they should not start with
/// two spaces. Output lines are written as "  " + line; nothing is escaped (see
/// `Transcript`).
package final class TranscriptRecorder {
  package let path: String
  private var fd: Int32

  /// Writes `header` and then what each spool holds (the session so far) to a new file that
  /// replaces `path` only when complete.
  package convenience init(path: String, header: [String]) throws {
    try self.init(path: path, header: header, spools: [])
  }

  init(path: String, header: [String], spools: [TranscriptSpool]) throws(TranscriptIOError) {
    self.path = path
    let file = try AtomicFile(path)
    do throws(TranscriptIOError) {
      if !header.isEmpty {
        let text = Transcript(items: header.map { .commentary($0) }).render()
        try TranscriptFileIO.writeAll(file.fd, Array(text.utf8), path: file.temp)
      }
      for spool in spools { try spool.copy(to: file.fd, path: path) }
      try file.commit()
    } catch {
      file.abandon()
      throw error
    }
    fd = file.fd
  }

  /// Appends "  > command" and its indented output, then syncs the file.
  package func append(command: String, output: [String]) throws {
    try writeAndSync(
      Transcript(items: [.command(text: command, line: 0, output: output)]).render())
  }

  /// Appends an entry already in transcript form (see `TranscriptSpool`), then syncs the file.
  package func append(entry: Text) throws {
    guard fd >= 0 else { throw TranscriptIOError(path: path, message: "recorder is closed") }
    let ok = entry.withBytes { TranscriptSpool.writeAll(fd, $0) }
    if !ok {
      throw TranscriptIOError(
        path: path, message: "cannot write: \(TranscriptFileIO.errnoMessage())")
    }
    try sync()
  }

  /// Closes the file; later appends throw. Calling it again does nothing.
  package func close() {
    guard fd >= 0 else { return }
    _ = fsync(fd)
    _ = closeDescriptor(fd)
    fd = -1
  }

  deinit { close() }

  private func writeAndSync(_ text: String) throws {
    guard fd >= 0 else { throw TranscriptIOError(path: path, message: "recorder is closed") }
    try TranscriptFileIO.writeAll(fd, Array(text.utf8), path: path)
    try sync()
  }

  private func sync() throws {
    if fsync(fd) != 0 {
      throw TranscriptIOError(
        path: path, message: "cannot sync: \(TranscriptFileIO.errnoMessage())")
    }
  }
}

private func closeDescriptor(_ fd: Int32) -> Int32 { close(fd) }
