import BillingPlayback
import BillingRuntime
import LineEditing
import Platform

/// The interactive shell's screen when stdout is a terminal, as psql shows it: output wrapped to
/// the terminal's width between words, and a command's output that is longer than the screen
/// shown through `$PAGER` (default `less -FRX`; `.pager off` turns it off).
///
/// `PAGER` set but empty means no pager; a pager that cannot be found or started is said once,
/// and output is then printed as it is.
package final class TerminalScreen: ShellScreen {
  private let out: Output
  private var command: String?

  /// `out` is stdout, a terminal; `pager` is `$PAGER` (nil when it is not set).
  package init(out: Output, pager: String?) {
    self.out = out
    switch pager {
    case nil: command = "less -FRX"
    case let p? where p.allSatisfy({ $0 == " " || $0 == "\t" }): command = nil
    case let p?: command = p
    }
  }

  package func wrap(_ text: String) -> String {
    Wrapping.wrap(text, width: Terminal.columns(1) ?? 80)
  }

  package func show(_ text: String, paging: Bool) {
    // NB: a screenful less one row, so the prompt that follows still fits beside the output.
    if paging, let command, TerminalScreen.rows(text) > (Terminal.rows(1) ?? 24) - 1 {
      out.flush()
      if page(text, through: command) { return }
      let err = Output(fd: 2)
      err.write("billsh: cannot start the pager '\(command)'; output is printed as it is\n")
      err.flush()
      self.command = nil
    }
    out.write(text)
    out.flush()
  }

  static func rows(_ text: String) -> Int {
    text.utf8.reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
  }

  /// Shows `text` through the pager and waits for it to end; false if it could not start.
  /// NB: quitting the pager early (`q` in less) closes the pipe: the rest is not shown.
  private func page(_ text: String, through command: String) -> Bool {
    guard let pager = TerminalScreen.spawn(command) else { return false }
    _ = TerminalScreen.writeAll(pager.fd, text)
    _ = close(pager.fd)
    var status: Int32 = 0
    while waitpid(pager.pid, &status, 0) < 0 && errno == EINTR {}
    return true
  }

  /// `sh -c command` reading a new pipe; nil if the pager's program is not found or cannot start.
  static func spawn(_ command: String) -> (pid: pid_t, fd: Int32)? {
    guard let program = command.split(whereSeparator: { $0 == " " || $0 == "\t" }).first,
      found(String(program))
    else { return nil }
    var ends: [Int32] = [0, 0]
    guard pipe(&ends) == 0 else { return nil }
    for fd in ends { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, ends[0], 0)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    // NB: billsh ignores SIGPIPE and blocks SIGHUP/SIGTERM for its watcher thread; the pager
    // gets the defaults and an empty mask, as if started from a shell.
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for s in [SIGPIPE, SIGINT, SIGHUP, SIGTERM, SIGWINCH] { sigaddset(&defaults, s) }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    var mask = sigset_t()
    sigemptyset(&mask)
    posix_spawnattr_setsigmask(&attributes, &mask)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
    let words: [String] = ["sh", "-c", command]
    let args: [UnsafeMutablePointer<CChar>?] = words.map { w in w.withCString { strdup($0) } }
    defer { args.forEach { free($0) } }
    var pid = pid_t()
    let result = posix_spawn(&pid, "/bin/sh", &actions, &attributes, args + [nil], environ)
    _ = close(ends[0])
    guard result == 0 else {
      _ = close(ends[1])
      return nil
    }
    return (pid, ends[1])
  }

  /// Whether `program` is a path to an executable, or an executable on `PATH`.
  static func found(_ program: String) -> Bool {
    if program.contains("/") { return access(program, X_OK) == 0 }
    let path = getenv("PATH").map { String(cString: $0) } ?? "/usr/bin:/bin"
    return path.split(separator: ":").contains { access("\($0)/\(program)", X_OK) == 0 }
  }

  /// Writes all of `text` to `fd`; false once the reader is gone (EPIPE) or the write fails.
  static func writeAll(_ fd: Int32, _ text: String) -> Bool {
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
      let n = bytes.withUnsafeBytes { Platform.write(fd, $0.baseAddress, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        return false
      }
      bytes = bytes.dropFirst(n)
    }
    return true
  }
}
