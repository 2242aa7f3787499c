import Platform
import Synchronization

/// One run of `sh -c CMD`: the whole input written to its stdin, its stdout and stderr read to
/// their end, under a deadline.
package struct ChildRun: Sendable {
  /// How the program ended.
  package enum End: Sendable, Equatable {
    /// It exited with this status (0–255).
    case exited(Int32)
    /// A signal ended it (a crash: SIGSEGV, SIGABRT, …).
    case signaled(Int32)
    /// It was still running at the deadline and was killed (with its process group).
    case timedOut
    /// billsh was asked to stop (Ctrl-C) and killed it (with its process group).
    case stopped
    /// It wrote more than `ChildProcess.outputLimit` bytes and was killed.
    case overflowed
  }

  package var stdout: [UInt8]
  package var stderr: [UInt8]
  package var end: End
}

/// Why a program could not be started at all.
package struct SpawnFailure: Error, Sendable {
  package var message: String
}

/// Starts `sh -c CMD` with pipes, never waits on it forever, and reaps it.
/// NB: a write to a program that stopped reading fails with EPIPE (SIGPIPE is ignored in this
/// process, and set back to its default in the child); the program runs in a process group of
/// its own, so a timeout kills what it started too.
package enum ChildProcess {
  /// The most of its stdout and stderr kept (each) by default; a program that writes more is
  /// stopped.
  package static let outputLimit = 64 << 20

  /// Ignores SIGPIPE once for the whole process, so a write to a closed pipe returns EPIPE.
  private static let ignorePipeSignals: Void = {
    signal(SIGPIPE, SIG_IGN)
  }()

  /// Runs `command` under `sh -c`, feeds it `input`, and collects what it writes, for at most
  /// `timeout` seconds.
  /// `stop` is asked a few times a second: when it says yes, the program is killed.
  package static func run(
    _ command: String, input: [UInt8], timeout: Double, outputLimit: Int = outputLimit,
    stop: @Sendable () -> Bool = { false }
  ) throws(SpawnFailure) -> ChildRun {
    _ = ignorePipeSignals
    let argv: [UnsafeMutablePointer<CChar>?] =
      ["sh", "-c", command].map { (word: String) in strdup(word) } + [nil]
    defer { argv.forEach { free($0) } }
    var toChild: [Int32] = [-1, -1]
    var fromChild: [Int32] = [-1, -1]
    var errChild: [Int32] = [-1, -1]
    var pid: pid_t = 0
    // NB: the pipes are made and the child started under one lock, so a child started at the
    // same time by another thread cannot inherit this one's pipes (and keep them open).
    let started: Result<Void, SpawnFailure> = spawnLock.withLock { _ in
      for i in 0..<3 {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else {
          closeAll(toChild + fromChild + errChild)
          return .failure(failure("pipe"))
        }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        if i == 0 { toChild = fds } else if i == 1 { fromChild = fds } else { errChild = fds }
      }
      var actions = posix_spawn_file_actions_t()
      posix_spawn_file_actions_init(&actions)
      defer { posix_spawn_file_actions_destroy(&actions) }
      posix_spawn_file_actions_adddup2(&actions, toChild[0], 0)
      posix_spawn_file_actions_adddup2(&actions, fromChild[1], 1)
      posix_spawn_file_actions_adddup2(&actions, errChild[1], 2)

      var attributes = posix_spawnattr_t()
      posix_spawnattr_init(&attributes)
      defer { posix_spawnattr_destroy(&attributes) }
      var noSignals = sigset_t()
      sigemptyset(&noSignals)
      posix_spawnattr_setsigmask(&attributes, &noSignals)
      var defaults = sigset_t()
      sigemptyset(&defaults)
      for s in [SIGPIPE, SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGCHLD] { sigaddset(&defaults, s) }
      posix_spawnattr_setsigdefault(&attributes, &defaults)
      posix_spawnattr_setpgroup(&attributes, 0)
      posix_spawnattr_setflags(
        &attributes,
        Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))
      let rc = posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv, environ)
      close(toChild[0])
      close(fromChild[1])
      close(errChild[1])
      guard rc == 0 else {
        closeAll([toChild[1], fromChild[0], errChild[0]])
        return .failure(
          SpawnFailure(message: "cannot start /bin/sh: \(String(cString: strerror(rc)))"))
      }
      return .success(())
    }
    if case .failure(let f) = started { throw f }

    var pump = Pump(
      input: input, stdin: toChild[1], stdout: fromChild[0], stderr: errChild[0])
    pump.limit = outputLimit
    let deadline = now() + max(0, timeout)
    var finished = pump.run(until: deadline, stop: stop)
    pump.closeAll()
    var status: Int32 = 0
    // NB: a program may close its outputs and go on running: it too is waited on only until
    // the deadline.
    while finished {
      let r = waitpid(pid, &status, WNOHANG)
      if r == pid || (r < 0 && errno != EINTR) { break }
      if now() >= deadline || stop() {
        finished = false
        break
      }
      usleep(1000)
    }
    if !finished {
      kill(-pid, SIGKILL)
      while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    }
    // NB: a shell that exits leaves what it started in the group; they go with it.
    kill(-pid, SIGKILL)
    let end: ChildRun.End
    if !finished && pump.overflowed {
      end = .overflowed
    } else if !finished && stop() {
      end = .stopped
    } else if !finished {
      end = .timedOut
    } else if status & 0x7f == 0 {
      end = .exited((status >> 8) & 0xff)
    } else {
      end = .signaled(status & 0x7f)
    }
    return ChildRun(stdout: pump.out, stderr: pump.err, end: end)
  }

  /// Seconds on the monotonic clock (never the date).
  static func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
  }

  private static let spawnLock = Mutex(())

  private static func failure(_ what: String) -> SpawnFailure {
    SpawnFailure(message: "\(what): \(String(cString: strerror(errno)))")
  }

  private static func closeAll(_ fds: [Int32]) {
    for fd in fds where fd >= 0 { close(fd) }
  }
}

/// Moves bytes between this process and the child's three pipes with `poll`, until its stdout
/// and stderr end or the deadline passes.
private struct Pump {
  var input: [UInt8]
  var written = 0
  var stdin: Int32
  var stdout: Int32
  var stderr: Int32
  var out: [UInt8] = []
  var err: [UInt8] = []
  /// The most bytes kept of each output.
  var limit = ChildProcess.outputLimit
  /// Whether the child wrote past `limit`.
  var overflowed = false

  init(input: [UInt8], stdin: Int32, stdout: Int32, stderr: Int32) {
    self.input = input
    self.stdin = stdin
    self.stdout = stdout
    self.stderr = stderr
    for fd in [stdin, stdout, stderr] {
      _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
    }
    if input.isEmpty { closeInput() }
  }

  /// True when both outputs ended before `deadline` and before `stop` said yes.
  mutating func run(until deadline: Double, stop: () -> Bool) -> Bool {
    var buffer = [UInt8](repeating: 0, count: 65536)
    while stdout >= 0 || stderr >= 0 {
      let left = deadline - ChildProcess.now()
      if left <= 0 || stop() { return false }
      var fds: [pollfd] = []
      if stdin >= 0 { fds.append(pollfd(fd: stdin, events: Int16(POLLOUT), revents: 0)) }
      if stdout >= 0 { fds.append(pollfd(fd: stdout, events: Int16(POLLIN), revents: 0)) }
      if stderr >= 0 { fds.append(pollfd(fd: stderr, events: Int16(POLLIN), revents: 0)) }
      let wait = Int32(min(left * 1000 + 1, 200))
      let n = poll(&fds, nfds_t(fds.count), wait)
      if n < 0 && errno != EINTR { return false }
      if n <= 0 { continue }
      for p in fds where p.revents != 0 {
        if p.fd == stdin {
          feed()
        } else if !drain(p.fd, &buffer) {
          return false
        }
      }
    }
    return true
  }

  /// Writes what the pipe takes now; on EPIPE (the child stopped reading) gives up the rest.
  mutating func feed() {
    while written < input.count {
      let n = input.withUnsafeBytes { b -> Int in
        guard let base = b.baseAddress else { return 0 }
        return write(stdin, base + written, b.count - written)
      }
      if n > 0 {
        written += n
        continue
      }
      if n < 0 && errno == EINTR { continue }
      if n < 0 && errno == EAGAIN { return }
      break
    }
    closeInput()
  }

  /// Reads what `fd` has; closes it at its end. False when the child wrote past the limit.
  mutating func drain(_ fd: Int32, _ buffer: inout [UInt8]) -> Bool {
    while true {
      let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if n > 0 {
        if fd == stdout { out += buffer[0..<n] } else { err += buffer[0..<n] }
        if out.count > limit || err.count > limit {
          overflowed = true
          return false
        }
        continue
      }
      if n < 0 && errno == EINTR { continue }
      if n < 0 && errno == EAGAIN { return true }
      close(fd)
      if fd == stdout { stdout = -1 } else { stderr = -1 }
      return true
    }
  }

  mutating func closeInput() {
    if stdin >= 0 { close(stdin) }
    stdin = -1
  }

  mutating func closeAll() {
    closeInput()
    if stdout >= 0 { close(stdout) }
    if stderr >= 0 { close(stderr) }
    stdout = -1
    stderr = -1
  }
}
