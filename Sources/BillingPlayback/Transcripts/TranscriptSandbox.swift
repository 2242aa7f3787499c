// `billsh test` replays a transcript as data (SPEC §8, "Transcripts are data").

import BillingModel
import Platform

/// Where a replayed transcript's file commands may go: reads inside the transcript's folder,
/// writes into a private temporary folder removed after the replay.
///
/// `.save`, `.record` and `.load`/`.read` of a file written during the replay use the private
/// folder; other reads resolve inside the transcript's folder only. A path that is absolute or
/// leaves the folder (`..`, a symbolic link out) is `io`, so no transcript writes or reveals a
/// file elsewhere. Paths are shown relative to the transcript's folder, the same on any machine.
package final class TranscriptSandbox {
  /// The transcript's folder, with symbolic links resolved.
  let root: String
  /// The private folder for files written during the replay; "" when none could be made (then
  /// nothing is written).
  let scratch: String
  /// The transcript's own path inside `root`.
  package let transcript: String
  /// How many paths were refused as outside the folder so far (`billsh test --against` keeps
  /// such lines from the program under test).
  package private(set) var refusals = 0

  /// A sandbox for the transcript at `path`, with a new private folder.
  package init(transcript path: String) {
    let dir = TranscriptFileIO.canonical(TranscriptFileIO.directoryName(path))
    root = dir
    scratch = TranscriptSandbox.makePrivateFolder() ?? ""
    let name = path.split(separator: "/").last.map(String.init) ?? path
    transcript = TranscriptSandbox.join(dir, name)
    if !scratch.isEmpty { TemporaryFiles.shared.add(scratch) }
  }

  deinit { remove() }

  /// Removes the private folder and all it holds.
  package func remove() {
    if !scratch.isEmpty { TemporaryFiles.shared.remove(scratch) }
  }

  /// The real file for `given`, named in a file command played from `current` (a file inside
  /// the root or the private folder); `writing` for `.save` and `.record`.
  func place(_ given: String, from current: String?, writing: Bool) throws(Failure) -> String {
    if given.hasPrefix("/") { throw outside(given) }
    var parts = current.map { relative($0).split(separator: "/").dropLast().map(String.init) } ?? []
    for part in given.split(separator: "/", omittingEmptySubsequences: true) {
      switch part {
      case ".": continue
      case "..":
        if parts.isEmpty { throw outside(given) }
        parts.removeLast()
      default: parts.append(String(part))
      }
    }
    let rel = parts.joined(separator: "/")
    if writing && scratch.isEmpty {
      throw Failure(
        .io, nil, message: "\(given): no private folder for the replay's files; not written")
    }
    let written = TranscriptSandbox.join(scratch, rel)
    if writing {
      // NB: the private folder mirrors the transcript's own folders on the way, so a write
      // succeeds or fails as it would in the folder itself (a folder that is not there is not
      // made, as outside a sandbox).
      var dir = scratch
      var mirrored = root
      for part in parts.dropLast() {
        dir = TranscriptSandbox.join(dir, part)
        mirrored = TranscriptSandbox.join(mirrored, part)
        guard TranscriptFileIO.kind(mirrored) == .directory else { break }
        _ = mkdir(dir, 0o700)
      }
      return written
    }
    if !scratch.isEmpty && !rel.isEmpty && TranscriptFileIO.kind(written) != .missing {
      return written
    }
    let candidate = TranscriptSandbox.join(root, rel)
    // A symbolic link on the way that leads out of the folder is refused.
    if let real = TranscriptSandbox.realPath(candidate), real != root,
      !real.hasPrefix(prefix(root))
    {
      throw outside(given)
    }
    return candidate
  }

  /// `text` with the root and the private folder left out of every path it names.
  package func scrub(_ text: String) -> String {
    var t = text
    // NB: a transcript in `/` itself leaves its paths as they are (every `/` is not its folder).
    for base in [scratch, root] where !base.isEmpty && base != "/" && t.contains(base) {
      t = t.replacing(prefix(base), with: "").replacing(base, with: ".")
    }
    return t
  }

  private func relative(_ path: String) -> String {
    for base in [scratch, root] where !base.isEmpty && path.hasPrefix(prefix(base)) {
      return String(path.dropFirst(prefix(base).count))
    }
    return path
  }

  private func prefix(_ dir: String) -> String { dir.hasSuffix("/") ? dir : dir + "/" }

  private func outside(_ given: String) -> Failure {
    refusals += 1
    return Failure(.io, nil, message: "\(given): outside the transcript's folder")
  }

  static func join(_ dir: String, _ rel: String) -> String {
    rel.isEmpty ? dir : dir.hasSuffix("/") ? dir + rel : dir + "/" + rel
  }

  static func realPath(_ path: String) -> String? {
    guard let p = realpath(path, nil) else { return nil }
    defer { free(p) }
    return String(cString: p)
  }

  /// A new folder only this user can enter, in `TMPDIR` (or `/tmp`).
  static func makePrivateFolder() -> String? {
    let base = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 }
    var template = Array(join(base ?? "/tmp", "billsh-test-XXXXXX").utf8CString)
    let made = template.withUnsafeMutableBufferPointer { b -> Bool in
      guard let base = b.baseAddress else { return false }
      return mkdtemp(base) != nil
    }
    guard made else { return nil }
    return template.withUnsafeBufferPointer { b in
      b.baseAddress.map { String(cString: $0) } ?? ""
    }
  }
}
