import BillingModel
import Platform

/// One writer per `--state` file: an exclusive lock on `FILE.lock` beside it (beside the end of
/// its symbolic links), held until the process ends, holding the holder's process id.
/// NB: the lock is on a file of its own because saving replaces the state file (a new file is
/// renamed over it), and a lock on the old file would not stop a writer of the new one. The
/// system drops the lock when the process ends, however it ends; the lock file stays.
package final class StateLock {
  package let path: String
  private let fd: Int32

  private init(path: String, fd: Int32) {
    self.path = path
    self.fd = fd
  }

  /// Takes the lock for `state`, or fails with `io` naming the process that holds it. Also
  /// refuses at once a state file that could not be written at the end (a folder, a device,
  /// a read-only file), before a session is played for nothing.
  package static func acquire(_ state: String) throws(Failure) -> StateLock {
    let target: String
    do { target = try AtomicFile.writableTarget(state) } catch {
      throw Failure(.io, nil, message: error.description)
    }
    let path = target + ".lock"
    let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
    if fd < 0 {
      throw Failure(
        .io, nil, "\(path): cannot open the lock file: \(TranscriptFileIO.errnoMessage())")
    }
    while flock(fd, LOCK_EX | LOCK_NB) != 0 {
      if errno == EINTR { continue }
      let reason = errno
      var bytes = [UInt8](repeating: 0, count: 32)
      let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
      _ = close(fd)
      guard reason == EWOULDBLOCK else {
        throw Failure(.io, nil, "\(path): cannot lock: \(TranscriptFileIO.errnoMessage(reason))")
      }
      let pid = n > 0 ? Int(String(decoding: bytes[0..<n], as: UTF8.self).filter(\.isNumber)) : nil
      let holder = pid.map { "billsh process \($0)" } ?? "another billsh process"
      throw Failure(
        .io, nil,
        "\(state): in use by \(holder) (it holds \(path)); one process at a time writes a state file"
      )
    }
    var old = [UInt8](repeating: 0, count: 4096)
    let got = old.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
    let lock = StateLock(path: path, fd: fd)
    let lines = String(decoding: old[0..<max(got, 0)], as: UTF8.self).split(separator: "\n")
    if lines.count >= 2, lines[1].hasPrefix("unsaved: ") {
      lock.previousNote = String(lines[1].dropFirst(9))
    }
    lock.write("\(getpid())\n")
    return lock
  }

  /// What the last process on this state file left unsaved, if it said so (see `noteUnsaved`).
  package private(set) var previousNote: String?

  /// Leaves word in the lock file that this session ended without saving, for the next start.
  package func noteUnsaved(_ reason: String) {
    write("\(getpid())\nunsaved: \(reason.filter { $0 != "\n" })\n")
  }

  private func write(_ text: String) {
    let bytes = Array(text.utf8)
    _ = ftruncate(fd, 0)
    _ = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
    _ = fsync(fd)
  }

  deinit { _ = close(fd) }
}
