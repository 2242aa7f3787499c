import BillingModel
import BillingRuntime
import BillingSupport
import Platform

/// What a file is on disk (device, inode, size, modification time), to notice that another
/// program replaced or rewrote it. nil when there is no file.
package struct FileStamp: Equatable, Sendable {
  let device: UInt64
  let inode: UInt64
  let size: Int
  let seconds: Int
  let nanoseconds: Int

  package static func of(_ path: String) -> FileStamp? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return FileStamp(
      device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int(info.st_size),
      seconds: Int(info.st_mtim.tv_sec), nanoseconds: Int(info.st_mtim.tv_nsec))
  }
}

/// `--state FILE`: the world is written back at the end, unless another program changed the
/// file since this session read (or last wrote) it. Then the file is left as the other program
/// made it, the session's world goes beside it, and the error says where.
extension Session {
  /// Notes the state file as it is now: after reading it at start (or finding none), and after
  /// each write of it.
  package func noteStateFile(_ path: String) {
    (files as? LocalFiles)?.noteStateFile(path)
  }

  /// Saves the world to the state file; `io` if it cannot be written, or if another program
  /// changed it (the world is then saved beside it, in a file named in the error).
  package func saveState(to path: String) throws(Failure) {
    // NB: only another program's regular file is kept; a file removed since is simply written,
    // and a folder or device in its place is refused by the write itself.
    if let seen = (files as? LocalFiles)?.stateFile, seen.path == path,
      TranscriptFileIO.kind(path) == .file,
      FileStamp.of(path) != seen.stamp
    {
      let beside = Session.freeName(beside: path)
      try saveWorld(to: beside)
      throw Failure(
        .io, nil,
        "\(path): changed by another program since billsh read it, so it was not overwritten; this session's world is saved in \(beside)"
      )
    }
    try saveWorld(to: path)
    noteStateFile(path)
  }

  /// `NAME.conflict.json` beside `NAME.json` (then `NAME.conflict-2.json`, …): a name not taken.
  static func freeName(beside path: String) -> String {
    let stem = path.hasSuffix(".json") ? String(path.dropLast(5)) : path
    var n = 1
    while true {
      let name = stem + (n == 1 ? ".conflict.json" : ".conflict-\(n).json")
      if FileStamp.of(name) == nil && !TranscriptFileIO.isSymbolicLink(name) { return name }
      n += 1
    }
  }
}

extension LocalFiles {
  /// Notes the state file as it is now (see `Session.noteStateFile`).
  func noteStateFile(_ path: String) {
    stateFile = (path, FileStamp.of(path))
  }

  /// After a `.save`: the state file written from inside the session is known as it now is.
  package func saved(_ path: String) {
    guard let seen = stateFile,
      TranscriptFileIO.canonical(seen.path) == TranscriptFileIO.canonical(path)
    else { return }
    noteStateFile(seen.path)
  }
}
