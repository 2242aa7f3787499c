// File I/O for transcripts: exact byte reads, atomic replacement, directory walks.

import Platform

/// An I/O failure on a transcript file; `description` is "<path>: <message>".
package struct TranscriptIOError: Error, Equatable, Sendable, CustomStringConvertible {
  package let path: String
  package let message: String

  package init(path: String, message: String) {
    self.path = path
    self.message = message
  }

  package var description: String { "\(path): \(message)" }
}

enum TranscriptFileIO {
  static func errnoMessage(_ code: Int32 = errno) -> String {
    String(cString: strerror(code))
  }

  /// Opens a regular file to read; the caller closes it. A folder, a device, a FIFO or a
  /// socket is refused at once (it could be endless, or block waiting for a writer).
  static func openForReading(_ path: String) throws(TranscriptIOError) -> Int32 {
    // NB: O_NONBLOCK so that opening a FIFO never waits; it has no effect on regular files.
    let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    if fd < 0 { throw TranscriptIOError(path: path, message: "cannot open: \(errnoMessage())") }
    var info = stat()
    guard fstat(fd, &info) == 0 else {
      let message = "cannot read: \(errnoMessage())"
      _ = close(fd)
      throw TranscriptIOError(path: path, message: message)
    }
    switch info.st_mode & S_IFMT {
    case S_IFREG: return fd
    case S_IFDIR:
      _ = close(fd)
      throw TranscriptIOError(path: path, message: "is a directory")
    default:
      _ = close(fd)
      throw TranscriptIOError(path: path, message: "not a regular file")
    }
  }

  /// The exact bytes of a file.
  /// The exact bytes of a file; with `limit`, stops reading past it (so `/dev/zero` ends) and
  /// returns at most `limit + 1` bytes, for the caller to refuse.
  static func readBytes(_ path: String, limit: Int? = nil) throws(TranscriptIOError) -> [UInt8] {
    let fd = try openForReading(path)
    defer { _ = close(fd) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    while true {
      let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        throw TranscriptIOError(path: path, message: "cannot read: \(errnoMessage())")
      }
      if n == 0 { break }
      bytes.append(contentsOf: chunk[0..<n])
      if let limit, bytes.count > limit { return Array(bytes.prefix(limit + 1)) }
    }
    return bytes
  }

  /// Decodes UTF-8 exactly; nil if the bytes are not valid UTF-8.
  static func decodeUTF8(_ bytes: [UInt8]) -> String? {
    let text = String(decoding: bytes, as: UTF8.self)
    return text.utf8.elementsEqual(bytes) ? text : nil
  }

  /// Writes all of `bytes` to `fd`.
  static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(TranscriptIOError) {
    var done = 0
    while done < bytes.count {
      let n = bytes.withUnsafeBytes { b in
        guard let base = b.baseAddress else { return 0 }
        return write(fd, base + done, b.count - done)
      }
      if n < 0 {
        if errno == EINTR { continue }
        throw TranscriptIOError(path: path, message: "cannot write: \(errnoMessage())")
      }
      done += n
    }
  }

  /// Replaces the file at `path` with `bytes` atomically (see `AtomicFile`): the old file stays
  /// as it was until the new one is complete.
  static func writeAtomically(_ path: String, _ bytes: [UInt8]) throws(TranscriptIOError) {
    let file = try AtomicFile(path)
    do throws(TranscriptIOError) {
      try writeAll(file.fd, bytes, path: file.temp)
      try file.commit()
    } catch {
      file.abandon()
      throw TranscriptIOError(path: path, message: error.message)
    }
    file.close()
  }

  static func directoryName(_ path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    if slash == path.startIndex { return "/" }
    return String(path[..<slash])
  }

  enum Kind { case missing, file, directory, other }

  /// The kind of the object at `path`, following symbolic links.
  static func kind(_ path: String) -> Kind {
    var info = stat()
    if stat(path, &info) != 0 { return .missing }
    switch info.st_mode & S_IFMT {
    case S_IFDIR: return .directory
    case S_IFREG: return .file
    default: return .other
    }
  }

  static func isSymbolicLink(_ path: String) -> Bool {
    var info = stat()
    return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
  }

  /// Regular files whose name ends in `suffix` under `dir`, recursively
  /// (symbolic links to files are included, links to directories are not
  /// followed). Unreadable directories are reported in `errors`.
  static func findFiles(
    under dir: String, suffix: String, files: inout [String], errors: inout [TranscriptIOError]
  ) {
    guard let entries = listDirectory(dir) else {
      errors.append(TranscriptIOError(path: dir, message: "cannot read directory"))
      return
    }
    let prefix = dir.hasSuffix("/") ? dir : dir + "/"
    for entry in entries.sorted(by: { $0.name < $1.name }) {
      let full = prefix + entry.name
      switch entryKind(full, type: entry.type) {
      case .directory:
        findFiles(under: full, suffix: suffix, files: &files, errors: &errors)
      case .file:
        if entry.name.hasSuffix(suffix) { files.append(full) }
      case .missing, .other:
        break
      }
    }
  }

  /// What `findFiles` does with an entry: `.directory` only for a real folder
  /// (a link to a folder is `.other`, so it is not followed), `.file` for a
  /// regular file or a link to one. Uses the d_type from readdir and falls
  /// back to lstat/stat when it is unknown or a symbolic link.
  private static func entryKind(_ full: String, type: UInt8) -> Kind {
    switch Int32(type) {
    case Int32(DT_DIR): return .directory
    case Int32(DT_REG): return .file
    case Int32(DT_LNK): break
    case Int32(DT_UNKNOWN): break
    default: return .other
    }
    switch kind(full) {
    case .directory: return isSymbolicLink(full) ? .other : .directory
    case let other: return other
    }
  }

  /// The entries of a folder except "." and "..", in readdir order (name and
  /// d_type); nil if it cannot be opened or read.
  static func listDirectory(_ dir: String) -> [(name: String, type: UInt8)]? {
    guard let handle = opendir(dir) else { return nil }
    defer { _ = closedir(handle) }
    var entries: [(name: String, type: UInt8)] = []
    while true {
      errno = 0
      guard let entry = readdir(handle) else {
        if errno != 0 { return nil }
        break
      }
      var type = entry.pointee.d_type
      let name = withUnsafeBytes(of: &entry.pointee.d_name) { raw -> String in
        let bytes = raw.bindMemory(to: UInt8.self)
        let length = bytes.firstIndex(of: 0) ?? bytes.count
        let nameBytes = UnsafeBufferPointer(rebasing: bytes[..<length])
        let text = String(decoding: nameBytes, as: UTF8.self)
        // A name that is not valid UTF-8 is repaired (U+FFFD); let stat
        // decide what the repaired path is rather than trusting d_type.
        if !text.utf8.elementsEqual(nameBytes) { type = UInt8(DT_UNKNOWN) }
        return text
      }
      if name == "." || name == ".." { continue }
      entries.append((name, type))
    }
    return entries
  }
}
