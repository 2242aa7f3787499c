// The session so far, in transcript form, for a `.record` that starts late.

import BillingRuntime
import BillingSupport
import Platform

/// Keeps every finished top-level command of a session and its output as transcript text, so
/// that `.record` can write the whole session so far.
/// NB: constant memory: entries gather in a buffer that goes, once large, to an unlinked
/// temporary file (created only then), so a short session never touches the disk and a
/// million-line playback keeps no line in memory.
package final class TranscriptSpool {
  /// The current command's entry, while it runs.
  private var entry = Text(capacity: 4096)
  /// Finished entries not yet in the file.
  private var buffer = Text(capacity: TranscriptSpool.chunk + 4096)
  private var fd: Int32 = -1
  /// Why the session so far was lost (the temporary file could not be made or written).
  private(set) var failure: String?
  /// Finished entries so far.
  package private(set) var count = 0
  /// Whether a command's entry is being written (between `begin` and `end`).
  package private(set) var isOpen = false
  /// Where the current command came from: its records are shown without `file:line:`.
  private(set) var place: (file: String?, line: Int?) = (nil, nil)

  static let chunk = 1 << 20

  package init() {}

  deinit { if fd >= 0 { _ = close(fd) } }

  /// Starts the entry of a top-level command.
  package func begin(_ command: String, file: String?, line: Int?) {
    entry.removeAll()
    entry.append("  > ")
    entry.append(command)
    entry.append(byte: 10)
    place = (file, line)
    isOpen = true
  }

  /// Adds a record's output to the current entry, as the shell shows it: only lines of nested
  /// `.read` scripts keep their `file:line:` (and their expectations: `expected error[...]`).
  /// The command's own record is shown without its expectation, since the entry holds the
  /// command without its `!`.
  package func add(_ r: Record) {
    let nested = r.file != nil && (r.file != place.file || r.line != place.line)
    if nested && r.expectation != nil {
      entry.append(indented: Text(RecordPrinter(json: false).text(r, prefixed: true)))
    } else if let f = r.outcome.failure {
      var t = Text(capacity: 64)
      if nested, let file = r.file {
        t.append(file)
        if let line = r.line {
          t.append(":")
          t.append(line)
        }
        t.append(": ")
      }
      t.append(f.lineText)
      entry.append(indented: t)
    } else {
      entry.append(indented: r.outcome.okText)
    }
  }

  /// Ends the current entry; returns it (for a recording in progress).
  @discardableResult
  package func end() -> Text {
    isOpen = false
    count += 1
    buffer.append(entry)
    if buffer.count >= TranscriptSpool.chunk { spill() }
    return entry
  }

  /// Moves the buffer to the temporary file, making the file the first time.
  private func spill() {
    defer { buffer.removeAll() }
    guard failure == nil else { return }
    if fd < 0 {
      let dir = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 }
      var template = Array(((dir ?? "/tmp") + "/billsh-session-XXXXXX").utf8CString)
      fd = template.withUnsafeMutableBufferPointer { b in b.baseAddress.map { mkstemp($0) } ?? -1 }
      if fd < 0 {
        failure = "cannot keep the session so far: \(TranscriptFileIO.errnoMessage())"
        return
      }
      _ = template.withUnsafeBufferPointer { b in b.baseAddress.map { unlink($0) } }
    }
    buffer.withBytes { b in
      if !TranscriptSpool.writeAll(fd, b) {
        failure = "cannot keep the session so far: \(TranscriptFileIO.errnoMessage())"
      }
    }
  }

  /// Writes every finished entry to `out` (a recording's file), oldest first.
  func copy(to out: Int32, path: String) throws(TranscriptIOError) {
    if let failure { throw TranscriptIOError(path: path, message: failure) }
    if fd >= 0 {
      var chunk = [UInt8](repeating: 0, count: TranscriptSpool.chunk)
      var offset: off_t = 0
      while true {
        let n = chunk.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, offset) }
        if n < 0 && errno == EINTR { continue }
        if n < 0 {
          throw TranscriptIOError(
            path: path,
            message: "cannot read the session so far: \(TranscriptFileIO.errnoMessage())")
        }
        if n == 0 { break }
        offset += off_t(n)
        let ok = chunk.withUnsafeBufferPointer {
          TranscriptSpool.writeAll(out, UnsafeBufferPointer(rebasing: $0[..<n]))
        }
        if !ok {
          throw TranscriptIOError(
            path: path, message: "cannot write: \(TranscriptFileIO.errnoMessage())")
        }
      }
    }
    let ok = buffer.withBytes { TranscriptSpool.writeAll(out, $0) }
    if !ok {
      throw TranscriptIOError(
        path: path, message: "cannot write: \(TranscriptFileIO.errnoMessage())")
    }
  }

  static func writeAll(_ fd: Int32, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = bytes.baseAddress else { return true }
    var done = 0
    while done < bytes.count {
      let n = write(fd, base + done, bytes.count - done)
      if n < 0 {
        if errno == EINTR { continue }
        return false
      }
      done += n
    }
    return true
  }
}

extension Text {
  /// Appends `t` as transcript output: each of its lines indented by two spaces, an empty line
  /// as two spaces (so an empty `t` is one such line).
  mutating func append(indented t: Text) {
    append("  ")
    t.withBytes { b in
      guard let base = b.baseAddress else { return }
      var start = 0
      while start < b.count, let hit = memchr(base + start, 10, b.count - start) {
        let i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        append(UnsafeBufferPointer(rebasing: b[start...i]))
        append("  ")
        start = i + 1
      }
      append(UnsafeBufferPointer(rebasing: b[start...]))
    }
    append(byte: 10)
  }
}
