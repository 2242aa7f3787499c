import Foundation

/// Tests never decide by wall time: a wait ends when what it waits for happens, and its time
/// limit is only a guard against a hang, minutes long, so a busy machine cannot fail a test.
enum HangGuard {
  /// The longest any single wait of a test lasts before it gives up on a hang.
  static let seconds: Double = 300

  /// A wait of `asked` seconds, raised to the guard.
  static func seconds(atLeast asked: Double) -> Double { max(asked, seconds) }

  /// Polls `condition` until it holds (true) or the guard passes (false).
  static func waitUntil(_ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while !condition() {
      if Date() >= deadline { return false }
      usleep(5_000)
    }
    return true
  }

  /// Writes `bytes` to a child's stdin and closes it. A child that has already exited or
  /// stopped reading (EPIPE) ends the write quietly: it never traps or kills the test.
  static func feed(_ handle: FileHandle, _ bytes: [UInt8]) {
    send(handle, bytes)
    try? handle.close()
  }

  /// Writes `text` to a child's stdin, keeping it open; EPIPE is ignored as in `feed`.
  static func send(_ handle: FileHandle, _ text: String) { send(handle, Array(text.utf8)) }

  static func send(_ handle: FileHandle, _ bytes: [UInt8]) {
    signal(SIGPIPE, SIG_IGN)
    var done = 0
    while done < bytes.count {
      let n = bytes.withUnsafeBytes { b -> Int in
        guard let base = b.baseAddress else { return 0 }
        return write(handle.fileDescriptor, base + done, b.count - done)
      }
      if n > 0 {
        done += n
      } else if n < 0 && errno == EINTR {
        continue
      } else {
        break
      }
    }
  }

  /// Reads `handle` to its end. A read interrupted by a signal (EINTR) is tried again, where
  /// `FileHandle.readDataToEndOfFile` would trap.
  static func readAll(_ handle: FileHandle) -> Data {
    var data = Data()
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      let n = buffer.withUnsafeMutableBytes { b in
        read(handle.fileDescriptor, b.baseAddress, b.count)
      }
      if n > 0 {
        data.append(contentsOf: buffer[0..<n])
      } else if n < 0 && errno == EINTR {
        continue
      } else {
        return data
      }
    }
  }
}
