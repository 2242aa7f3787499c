#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs a program on a new pseudo-terminal, like a person at a terminal.
///
///     let pty = try PseudoTerminal(executable: path, arguments: [], environment: ["LANG": "C.UTF-8"])
///     #expect(pty.waitFor("> "))
///     pty.send("upg\t\r")
///     #expect(pty.waitFor("echo:[upgrade ]"))
///     pty.send("\u{04}")                      // Ctrl-D
///     #expect(pty.waitForExit() == 0)
///
/// The child is a session leader with the pty as its controlling terminal
/// (stdin, stdout and stderr), so Ctrl-C typed as "\u{03}" reaches it as
/// SIGINT when its terminal is in cooked mode. Spawned with posix_spawn (no
/// fork in the multi-threaded test process). Every wait has a hard limit, raised
/// to `HangGuard.seconds` whatever a caller asks: only a guard against a hang, so a
/// busy machine never fails a test; nothing blocks.
///
/// `waitFor` works like expect(1): it searches the output with ANSI escape
/// sequences removed (`text`), starting after the previous match, and on
/// success moves past the match. Line editors redraw only what changed, so
/// check what a program *does* (e.g. the line it echoes back) rather than
/// the screen.
final class PseudoTerminal {
  enum SpawnError: Error, CustomStringConvertible {
    case system(String, Int32)
    var description: String {
      switch self {
      case .system(let call, let code): return "\(call) failed: \(String(cString: strerror(code)))"
      }
    }
  }

  let pid: pid_t
  private let master: Int32
  /// Every byte the program wrote to the terminal, escape sequences included.
  private(set) var rawBytes: [UInt8] = []
  /// The output with escape sequences and bells removed.
  private(set) var textBytes: [UInt8] = []
  /// Where the next `waitFor` starts searching in `textBytes`.
  private(set) var searchStart = 0
  private var stripper = ANSIStripper()
  private var exitCode: Int32?
  private var reachedEOF = false

  /// The raw output (escape sequences included), decoded as UTF-8.
  var output: String { String(decoding: rawBytes, as: UTF8.self) }
  /// The output without escape sequences and bells.
  var text: String { String(decoding: textBytes, as: UTF8.self) }
  /// Text after the last `waitFor` match.
  var unmatchedText: String { String(decoding: textBytes[searchStart...], as: UTF8.self) }
  /// How many times the program rang the bell.
  var bellCount: Int { rawBytes.filter { $0 == 7 }.count }

  /// - environment: added to (and overriding) the test process's
  ///   environment when `inheritEnvironment`, else the whole environment.
  ///   TERM defaults to xterm-256color.
  init(
    executable: String, arguments: [String] = [], environment: [String: String] = [:],
    inheritEnvironment: Bool = true, columns: UInt16 = 80, rows: UInt16 = 24
  ) throws {
    // posix_openpt/grantpt/unlockpt/ptsname_r are hidden from Swift's Glibc
    // module (feature macros), so they are looked up at run time.
    let pty = try Self.ptyFunctions()
    let master = pty.openpt(O_RDWR | O_NOCTTY)
    guard master >= 0 else { throw SpawnError.system("posix_openpt", errno) }
    var ok = false
    defer { if !ok { close(master) } }
    guard pty.grant(master) == 0 else { throw SpawnError.system("grantpt", errno) }
    guard pty.unlock(master) == 0 else { throw SpawnError.system("unlockpt", errno) }
    var nameBuffer = [CChar](repeating: 0, count: 256)
    guard pty.name(master, &nameBuffer, nameBuffer.count) == 0 else {
      throw SpawnError.system("ptsname_r", errno)
    }
    let slavePath = String(
      decoding: nameBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    _ = fcntl(master, F_SETFD, FD_CLOEXEC)
    _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
    var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
    _ = ioctl(master, UInt(TIOCSWINSZ), &size)

    // Environment
    var env: [String: String] = [:]
    if inheritEnvironment {
      var p = environ
      while let entry = p.pointee {
        let s = String(cString: entry)
        if let eq = s.firstIndex(of: "=") {
          env[String(s[..<eq])] = String(s[s.index(after: eq)...])
        }
        p += 1
      }
    }
    env["TERM"] = "xterm-256color"
    for (k, v) in environment { env[k] = v }

    let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
    let envp: [UnsafeMutablePointer<CChar>?] =
      env.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      argv.forEach { free($0) }
      envp.forEach { free($0) }
    }

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    // After setsid (done first by posix_spawn), opening the slave makes it
    // the controlling terminal.
    posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
    posix_spawn_file_actions_adddup2(&actions, 0, 1)
    posix_spawn_file_actions_adddup2(&actions, 0, 2)

    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var noSignals = sigset_t()
    sigemptyset(&noSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for s in [
      SIGINT, SIGQUIT, SIGTERM, SIGPIPE, SIGCHLD, SIGWINCH, SIGTSTP, SIGTTIN, SIGTTOU, SIGHUP,
    ] {
      sigaddset(&defaults, s)
    }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    let setsid: Int32 = 0x80  // POSIX_SPAWN_SETSID (glibc)
    posix_spawnattr_setflags(
      &attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | setsid))

    var child: pid_t = 0
    let rc = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
    guard rc == 0 else { throw SpawnError.system("posix_spawn \(executable)", rc) }
    pid = child
    self.master = master
    ok = true
  }

  deinit {
    if exitCode == nil {
      kill(pid, SIGKILL)
      var status: Int32 = 0
      _ = waitpid(pid, &status, 0)
    }
    close(master)
  }

  // MARK: - Input

  /// Types `bytes` (UTF-8) at the terminal: "\t" Tab, "\r" Enter,
  /// "\u{03}" Ctrl-C, "\u{04}" Ctrl-D, "\u{1b}[A" Up, "\u{12}" Ctrl-R.
  func send(_ bytes: String) {
    var data = Array(bytes.utf8)
    let deadline = Self.now() + HangGuard.seconds
    while !data.isEmpty && Self.now() < deadline {
      let n = data.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
      if n > 0 {
        data.removeFirst(n)
      } else if n < 0 && errno != EAGAIN && errno != EINTR {
        return
      } else {
        pump(upTo: 0.01)
      }
    }
  }

  /// Changes the terminal size; the foreground process gets SIGWINCH.
  func resize(columns: UInt16, rows: UInt16) {
    var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
    _ = ioctl(master, UInt(TIOCSWINSZ), &size)
  }

  // MARK: - Output

  /// Waits until `text` appears in the output (escape sequences removed)
  /// after the previous match; true if it did before the hang guard passed.
  @discardableResult
  func waitFor(_ text: String) -> Bool {
    let needle = Array(text.utf8)
    let deadline = Self.now() + HangGuard.seconds
    while true {
      if let end = Self.find(needle, in: textBytes, from: searchStart) {
        searchStart = end
        return true
      }
      let left = deadline - Self.now()
      if left <= 0 || (reachedEOF && exitCode != nil) { return false }
      if reachedEOF {
        pollExit()
        usleep(10_000)
      }
      pump(upTo: min(left, 0.05))
    }
  }

  /// Reads output until `condition` holds (true) or the hang guard passes (false),
  /// e.g. `pty.waitUntil { $0.bellCount == 1 }`.
  @discardableResult
  func waitUntil(_ condition: (PseudoTerminal) -> Bool) -> Bool {
    let deadline = Self.now() + HangGuard.seconds
    while !condition(self) {
      let left = deadline - Self.now()
      if left <= 0 { return false }
      if reachedEOF { usleep(10_000) }
      pump(upTo: min(left, 0.05))
    }
    return true
  }

  /// Reads whatever output arrives within `seconds` (e.g. to let a program
  /// settle before checking that something did NOT appear).
  func drain(for seconds: Double) {
    let deadline = Self.now() + seconds
    while Self.now() < deadline { pump(upTo: deadline - Self.now()) }
  }

  /// Forgets earlier output for `waitFor`: the next search starts here.
  func skipToEnd() {
    pump(upTo: 0)
    searchStart = textBytes.count
  }

  /// Waits for the program to exit; returns its exit status (128 + signal
  /// number if a signal killed it). When the hang guard passes, kills it and returns nil.
  func waitForExit() -> Int32? {
    if let exitCode { return exitCode }
    let deadline = Self.now() + HangGuard.seconds
    while Self.now() < deadline {
      pump(upTo: 0.02)
      if let code = pollExit() { return code }
    }
    kill(pid, SIGKILL)
    var status: Int32 = 0
    _ = waitpid(pid, &status, 0)
    exitCode = -1
    pump(upTo: 0)
    return nil
  }

  /// Whether the program has exited (without waiting).
  var isRunning: Bool { pollExit() == nil }

  /// Sends a signal to the program.
  func signal(_ number: Int32) { kill(pid, number) }

  @discardableResult
  private func pollExit() -> Int32? {
    if let exitCode { return exitCode }
    var status: Int32 = 0
    let r = waitpid(pid, &status, WNOHANG)
    guard r == pid else { return nil }
    let signal = status & 0x7f
    let code = signal == 0 ? (status >> 8) & 0xff : 128 + signal
    exitCode = code
    pump(upTo: 0)
    return code
  }

  /// Reads available output, waiting at most `seconds` for the first byte.
  private func pump(upTo seconds: Double) {
    var fds = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
    let ms = Int32(max(0, min(seconds, 10)) * 1000)
    guard poll(&fds, 1, ms) > 0 else { return }
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
      let n = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
      if n > 0 {
        let chunk = buffer[0..<n]
        rawBytes.append(contentsOf: chunk)
        stripper.feed(chunk, into: &textBytes)
      } else {
        if n == 0 || (n < 0 && errno == EIO) { reachedEOF = true }
        return
      }
    }
  }

  // MARK: - Helpers

  private struct PtyFunctions {
    var openpt: @convention(c) (Int32) -> Int32
    var grant: @convention(c) (Int32) -> Int32
    var unlock: @convention(c) (Int32) -> Int32
    var name: @convention(c) (Int32, UnsafeMutablePointer<CChar>?, Int) -> Int32
  }

  private static func ptyFunctions() throws -> PtyFunctions {
    let handle = dlopen(nil, RTLD_NOW)
    func symbol<T>(_ name: String, as type: T.Type) throws -> T {
      guard let p = dlsym(handle, name) else { throw SpawnError.system("dlsym \(name)", ENOSYS) }
      return unsafeBitCast(p, to: type)
    }
    return PtyFunctions(
      openpt: try symbol("posix_openpt", as: (@convention(c) (Int32) -> Int32).self),
      grant: try symbol("grantpt", as: (@convention(c) (Int32) -> Int32).self),
      unlock: try symbol("unlockpt", as: (@convention(c) (Int32) -> Int32).self),
      name: try symbol(
        "ptsname_r", as: (@convention(c) (Int32, UnsafeMutablePointer<CChar>?, Int) -> Int32).self))
  }

  /// Path of an executable product built next to the running test binary
  /// (e.g. `.build/debug/billsh`), or nil if there is none.
  static func builtProduct(_ name: String) -> String? {
    var buffer = [CChar](repeating: 0, count: 4096)
    let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    guard n > 0 else { return nil }
    var path = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    // The test binary is .build/debug/<package>PackageTests.xctest
    while let last = path.lastIndex(of: "/") {
      path = String(path[..<last])
      let candidate = path + "/" + name
      if access(candidate, X_OK) == 0 { return candidate }
      if path.hasSuffix("/.build") || path.isEmpty { break }
    }
    return nil
  }

  /// `text` without ANSI escape sequences (CSI, OSC, two-byte ESC) and bells.
  static func stripANSI(_ text: String) -> String {
    var s = ANSIStripper()
    var out: [UInt8] = []
    s.feed(Array(text.utf8)[...], into: &out)
    return String(decoding: out, as: UTF8.self)
  }

  private static func find(_ needle: [UInt8], in hay: [UInt8], from start: Int) -> Int? {
    guard !needle.isEmpty else { return start }
    guard hay.count - start >= needle.count else { return nil }
    var i = start
    while i + needle.count <= hay.count {
      if hay[i] == needle[0] && hay[i..<(i + needle.count)].elementsEqual(needle) {
        return i + needle.count
      }
      i += 1
    }
    return nil
  }

  private static func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
  }
}

/// Removes escape sequences from a byte stream fed in chunks.
private struct ANSIStripper {
  private enum State { case text, escape, csi, osc, oscEscape }
  private var state = State.text

  mutating func feed(_ bytes: ArraySlice<UInt8>, into out: inout [UInt8]) {
    for b in bytes {
      switch state {
      case .text:
        if b == 0x1B { state = .escape } else if b != 0x07 { out.append(b) }
      case .escape:
        state = b == UInt8(ascii: "[") ? .csi : b == UInt8(ascii: "]") ? .osc : .text
      case .csi:
        if (0x40...0x7E).contains(b) { state = .text }
      case .osc:
        if b == 0x07 { state = .text } else if b == 0x1B { state = .oscEscape }
      case .oscEscape:
        state = .text
      }
    }
  }
}
