// Temporary files and folders billsh made, removed even when a signal ends it.

import Platform
import Synchronization

/// Every temporary file (an atomic write's) and folder (a transcript's sandbox) alive now, so
/// that SIGTERM, SIGINT or SIGHUP during `billsh test` leaves none behind.
package final class TemporaryFiles: Sendable {
  package static let shared = TemporaryFiles()

  private let paths = Mutex<Set<String>>([])

  /// Remembers `path` as temporary: removed by `remove` or on a signal.
  func add(_ path: String) { paths.withLock { _ = $0.insert(path) } }

  /// Forgets `path` without removing it (a temporary file renamed into place).
  func forget(_ path: String) { paths.withLock { _ = $0.remove(path) } }

  /// Whether `path` is known as temporary now.
  func contains(_ path: String) -> Bool { paths.withLock { $0.contains(path) } }

  /// Removes `path` (a folder with all it holds) and forgets it.
  func remove(_ path: String) {
    forget(path)
    TemporaryFiles.removeTree(path)
  }

  /// Removes every temporary file and folder alive now.
  package func removeAll() {
    let all = paths.withLock { p in
      defer { p.removeAll() }
      return p
    }
    // NB: twice, in case a thread still at work put a file in a folder as it was removed.
    for _ in 0..<2 {
      for path in all { TemporaryFiles.removeTree(path) }
    }
  }

  /// Removes a file, or a folder and everything in it; symbolic links are removed, never followed.
  static func removeTree(_ path: String) {
    var info = stat()
    guard lstat(path, &info) == 0 else { return }
    if info.st_mode & S_IFMT == S_IFDIR {
      for entry in TranscriptFileIO.listDirectory(path) ?? [] {
        removeTree(path + "/" + entry.name)
      }
      _ = rmdir(path)
    } else {
      _ = unlink(path)
    }
  }

  /// From now on SIGTERM, SIGINT and SIGHUP remove the temporary files, then end the process
  /// as the signal would have (its status says which signal). Call before starting threads:
  /// they inherit the blocked signals, and one thread waits for them.
  package static func removedOnSignals() {
    var set = sigset_t()
    sigemptyset(&set)
    for s in [SIGTERM, SIGINT, SIGHUP] { sigaddset(&set, s) }
    guard pthread_sigmask(SIG_BLOCK, &set, nil) == 0 else { return }
    let blocked = set
    let waiter = WorkerThread(stackSize: 1 << 20) {
      var set = blocked
      var signal: Int32 = 0
      // NB: sigwait takes the signal off the blocked set's queue; nothing else handles it.
      guard sigwait(&set, &signal) == 0 else { return }
      TemporaryFiles.shared.removeAll()
      Platform.signal(signal, SIG_DFL)
      var one = sigset_t()
      sigemptyset(&one)
      sigaddset(&one, signal)
      _ = pthread_sigmask(SIG_UNBLOCK, &one, nil)
      _ = raise(signal)
      _exit(128 + signal)
    }
    _ = waiter
  }
}
