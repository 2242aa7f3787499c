// The one way billsh replaces a file: saved worlds, `--state`, `test --update`, `.record`.

import Platform

/// A file being replaced: the new contents go to a temporary file beside the target, which is
/// synced and renamed over it only when complete, so the old file stays whole until then.
///
/// Only regular files are written: a symbolic link is followed to its target (the link stays,
/// the target is replaced), and a folder, a device, a FIFO, a socket or a read-only file is
/// refused before anything is written. A failure removes the temporary file.
final class AtomicFile {
  /// The file that is replaced: `path`, or where its symbolic links lead.
  let target: String
  let temp: String
  /// The temporary file, open for writing; after `commit` it is the target itself.
  private(set) var fd: Int32

  init(_ path: String) throws(TranscriptIOError) {
    target = try AtomicFile.writableTarget(path)
    let dir = TranscriptFileIO.directoryName(target)
    let base = String(target.split(separator: "/", omittingEmptySubsequences: false).last ?? "")
    temp = "\(dir)/.\(base).tmp-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
    var mode: mode_t = 0o644
    var info = stat()
    if stat(target, &info) == 0 { mode = info.st_mode & 0o7777 }
    // NB: known as temporary before it exists, so a signal in between still removes it.
    TemporaryFiles.shared.add(temp)
    fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
    if fd < 0 {
      let why = TranscriptFileIO.errnoMessage()
      TemporaryFiles.shared.forget(temp)
      // NB: the message names the folder, never the hidden temporary file (nobody asked for it).
      throw TranscriptIOError(
        path: path,
        message:
          "cannot write in the folder \(dir): \(why): not written")
    }
    _ = fchmod(fd, mode)
  }

  /// Syncs the temporary file and renames it over the target (then syncs the folder, best
  /// effort). The descriptor stays open on the new file, for appends.
  func commit() throws(TranscriptIOError) {
    if fsync(fd) != 0 {
      throw TranscriptIOError(
        path: target, message: "cannot sync: \(TranscriptFileIO.errnoMessage()): not written")
    }
    if rename(temp, target) != 0 {
      throw TranscriptIOError(
        path: target, message: "cannot replace: \(TranscriptFileIO.errnoMessage())")
    }
    TemporaryFiles.shared.forget(temp)
    let dfd = open(TranscriptFileIO.directoryName(target), O_RDONLY | O_CLOEXEC)
    if dfd >= 0 {
      _ = fsync(dfd)
      _ = Platform.close(dfd)
    }
  }

  /// Gives up: closes and removes the temporary file; the target is untouched.
  func abandon() {
    close()
    TemporaryFiles.shared.remove(temp)
  }

  /// Closes the descriptor (after `commit`, the new file's).
  func close() {
    guard fd >= 0 else { return }
    _ = Platform.close(fd)
    fd = -1
  }

  /// Where writing `path` lands: the path itself, or the end of its chain of symbolic links
  /// (relative links are read from the link's folder), once it is known to be a regular file
  /// that may be written, or nothing yet.
  static func writableTarget(_ path: String) throws(TranscriptIOError) -> String {
    var current = path
    for _ in 0..<40 {
      var info = stat()
      guard lstat(current, &info) == 0 else {
        if errno == ENOENT { return current }  // a new file (the folder is checked on create)
        throw TranscriptIOError(
          path: path, message: "cannot write: \(TranscriptFileIO.errnoMessage())")
      }
      switch info.st_mode & S_IFMT {
      case S_IFLNK:
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink(current, &buffer, buffer.count - 1)
        guard n > 0 else {
          throw TranscriptIOError(
            path: path, message: "cannot read link: \(TranscriptFileIO.errnoMessage())")
        }
        let link = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if link.hasPrefix("/") {
          current = link
        } else {
          let dir = TranscriptFileIO.directoryName(current)
          current = dir == "/" ? "/" + link : dir + "/" + link
        }
      case S_IFREG:
        // NB: the mode bits too, since access(2) says yes to root for a read-only file.
        let place = current == path ? "" : " (\(current))"
        if info.st_mode & 0o222 == 0 {
          throw TranscriptIOError(path: path, message: "is read-only: not written" + place)
        }
        if access(current, W_OK) != 0 {
          throw TranscriptIOError(
            path: path,
            message: "cannot write: \(TranscriptFileIO.errnoMessage()): not written" + place)
        }
        return current
      case S_IFDIR:
        throw TranscriptIOError(path: path, message: "is a folder: not written")
      default:
        throw TranscriptIOError(
          path: path,
          message: "not a regular file (a device, FIFO or socket): not written")
      }
    }
    throw TranscriptIOError(path: path, message: "too many symbolic links: not written")
  }
}
