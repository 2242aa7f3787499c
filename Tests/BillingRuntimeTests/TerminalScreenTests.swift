import Foundation
import Testing

@testable import BillingRuntime

/// Wrapping between words (pure), and the shell in a real terminal (tmux, 80 × 24): output
/// longer than the screen goes through the pager, `.pager off` prints it as it is, long lines
/// wrap at 80 columns between words, and stdout that is not a terminal is never paged.
struct WrappingTests {
  @Test func aLongEventLineBreaksBetweenWordsAndGoesOnIndented() {
    let line =
      "  2026-02-01 renewal P1 team Design: new period 2026-02-01 to 2026-03-01; INV-0008 $26.98"
    expectEqual(
      Wrapping.wrap(line, width: 80),
      "  2026-02-01 renewal P1 team Design: new period 2026-02-01 to 2026-03-01;\n"
        + "    INV-0008 $26.98")
  }

  @Test func noLineIsWiderThanTheWidthAndNoWordIsCut() {
    let words = (1...60).map { $0 % 3 == 0 ? "INV-\(1000 + $0)" : "P\($0)" }
    let text = "  " + words.joined(separator: " ")
    for width in [20, 33, 40, 80] {
      let wrapped = Wrapping.wrap(text, width: width)
      for row in wrapped.split(separator: "\n") {
        expectTrue(row.count <= width, "\(width): \(row)")
      }
      let again = wrapped.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
      expectEqual(again, words)
    }
  }

  @Test func shortTextAndEmptyLinesStayAsTheyAre() {
    expectEqual(Wrapping.wrap("a b\n\n  c\n", width: 80), "a b\n\n  c\n")
    expectEqual(
      Wrapping.wrap(String(repeating: "x ", count: 50), width: 4),
      String(repeating: "x ", count: 50))
  }

  @Test func aQuotedNameStaysTogetherAndAWordWiderThanTheLineIsCut() {
    expectEqual(
      Wrapping.wrap(#"workspace "Side Project": 2 members"#, width: 20),
      "workspace\n  \"Side Project\": 2\n  members")
    expectEqual(
      Wrapping.wrap("/a/very/long/path/name", width: 10), "/a/very/lo\n  ng/path/\n  name")
  }

  @Test func wideCharactersCountTwoColumns() {
    expectEqual(Wrapping.wrap("created org 東京東京東京 now", width: 20), "created org\n  東京東京東京 now")
  }
}

/// The shell in tmux at 80 × 24, as a person sees it.
@Suite(.serialized) struct PagerInTmuxTests {
  static let tmux = ["/usr/bin/tmux", "/bin/tmux", "/usr/local/bin/tmux"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }
  static let hasLess = ["/usr/bin/less", "/bin/less", "/usr/local/bin/less"].contains {
    FileManager.default.isExecutableFile(atPath: $0)
  }

  /// A tmux server of its own (its own socket), killed when the test ends.
  final class Session {
    let socket = "billsh-test-\(getpid())-\(UUID().uuidString.prefix(8))"
    let home: String

    init(command: String, environment: [String: String] = [:]) throws {
      home = NSTemporaryDirectory() + "billsh-tmux-" + UUID().uuidString
      try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
      var env = [
        "HOME": home, "XDG_STATE_HOME": home, "NO_COLOR": "1", "LANG": "C.UTF-8",
        "TERM": "xterm-256color",
      ]
      for (k, v) in environment { env[k] = v }
      let assignments = env.sorted { $0.key < $1.key }.map { "\($0.key)='\($0.value)'" }
      // NB: `unset PAGER` unless the test sets one: the default (less -FRX) is what is tested.
      let unset = environment["PAGER"] == nil ? "unset PAGER; " : ""
      tmux([
        "new-session", "-d", "-x", "80", "-y", "24",
        "\(unset)env \(assignments.joined(separator: " ")) \(command); sleep 60",
      ])
    }

    deinit { tmux(["kill-server"]) }

    @discardableResult
    func tmux(_ args: [String]) -> String {
      guard let path = PagerInTmuxTests.tmux else { return "" }
      return PagerInTmuxTests.run(path, ["-L", socket, "-f", "/dev/null"] + args)
    }

    /// The screen, one string a row (trailing blanks dropped).
    var rows: [String] {
      tmux(["capture-pane", "-p"]).split(separator: "\n", omittingEmptySubsequences: false)
        .map { String($0) }
    }

    /// The screen's last row that is not blank.
    var lastRow: String { rows.last { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? "" }

    func type(_ keys: String...) { tmux(["send-keys"] + keys) }

    /// Waits until `condition` holds of the screen (a guard of 60 s, not a measure: every
    /// step takes well under a second).
    func waitUntil(_ what: String, _ condition: (Session) -> Bool) -> Bool {
      let deadline = Date().addingTimeInterval(60)
      while Date() < deadline {
        if condition(self) { return true }
        // NB: not too often: each look is a tmux process, and other suites run meanwhile.
        usleep(150_000)
      }
      Issue.record("waited 60 s for \(what); the screen:\n\(rows.joined(separator: "\n"))")
      return false
    }
  }

  /// Runs `path` with `args` and returns its stdout; stdin and stderr are /dev/null.
  /// NB: posix_spawn and waitpid rather than Foundation's Process, whose wait missed the end
  /// of a tmux client that forks its server (the server puts its stdio on /dev/null).
  static func run(_ path: String, _ args: [String]) -> String {
    var ends: [Int32] = [0, 0]
    guard pipe(&ends) == 0 else { return "" }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_adddup2(&actions, ends[1], 1)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addclose(&actions, ends[0])
    posix_spawn_file_actions_addclose(&actions, ends[1])
    let words = [path] + args
    let argv: [UnsafeMutablePointer<CChar>?] = words.map { w in w.withCString { strdup($0) } }
    defer { argv.forEach { free($0) } }
    // NB: other tests block or ignore signals in this process; tmux gets the defaults (else
    // its server, with SIGTERM blocked, outlives kill-server).
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var defaults = sigset_t()
    sigfillset(&defaults)
    sigdelset(&defaults, SIGKILL)
    sigdelset(&defaults, SIGSTOP)
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    var mask = sigset_t()
    sigemptyset(&mask)
    posix_spawnattr_setsigmask(&attributes, &mask)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
    var pid = pid_t()
    let started = posix_spawn(&pid, path, &actions, &attributes, argv + [nil], environ)
    close(ends[1])
    var output: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while started == 0 {
      let n = chunk.withUnsafeMutableBytes { read(ends[0], $0.baseAddress, $0.count) }
      if n < 0 && errno == EINTR { continue }
      if n <= 0 { break }
      output += chunk[0..<n]
    }
    close(ends[0])
    var status: Int32 = 0
    if started == 0 { while waitpid(pid, &status, 0) < 0 && errno == EINTR {} }
    return String(decoding: output, as: UTF8.self)
  }

  static let prompt = "ann [org Acme: member, admin]>"
  static let binary =
    EndToEndTests.binary.hasPrefix("/")
    ? EndToEndTests.binary : FileManager.default.currentDirectoryPath + "/" + EndToEndTests.binary

  func start(_ arguments: String = "--demo", environment: [String: String] = [:]) throws
    -> Session?
  {
    guard PagerInTmuxTests.tmux != nil, PagerInTmuxTests.hasLess else {
      Issue.record("tmux and less are needed for this test: Scripts/setup installs them")
      return nil
    }
    let s = try Session(
      command: "'\(PagerInTmuxTests.binary)' \(arguments)", environment: environment)
    guard s.waitUntil("the prompt", { $0.lastRow.hasPrefix(PagerInTmuxTests.prompt) }) else {
      return nil
    }
    return s
  }

  @Test func helpLongerThanTheScreenGoesThroughTheDefaultPager() throws {
    guard let s = try start() else { return }
    s.type(".help", "Enter")
    // less -FRX shows the first screenful and waits, with its ':' prompt on the last row.
    guard s.waitUntil("less's prompt", { $0.rows.contains(":") }) else { return }
    expectTrue(s.rows.contains { $0.hasPrefix("Setup") || $0.hasPrefix("Commands") }, "\(s.rows)")
    s.type("q")
    _ = s.waitUntil("the prompt after q", { $0.lastRow == PagerInTmuxTests.prompt })
    // Short output is printed as it is.
    s.type("whoami", "Enter")
    _ = s.waitUntil(
      "whoami's answer and the prompt",
      {
        $0.rows.contains { $0.hasPrefix(PagerInTmuxTests.prompt + " whoami") }
          && $0.lastRow == PagerInTmuxTests.prompt
      })
  }

  @Test func pagerOffPrintsLongOutputAsItIs() throws {
    guard let s = try start() else { return }
    s.type(".pager off", "Enter")
    _ = s.waitUntil("pager off", { $0.rows.contains { $0.hasPrefix("pager off") } })
    s.type(".help", "Enter")
    // The end of .help and the prompt after it, with no pager in between.
    _ = s.waitUntil(
      "the end of .help and the prompt",
      {
        $0.lastRow == PagerInTmuxTests.prompt && $0.rows.contains { $0.contains(".undo [n]") }
      })
    expectTrue(!s.rows.contains(":"), "\(s.rows)")
  }

  @Test func aPagerThatCannotStartIsSaidOnceAndAnEmptyPagerIsNone() throws {
    guard let s = try start(environment: ["PAGER": "/nonexistent/pager -x"]) else { return }
    s.type(".help", "Enter")
    _ = s.waitUntil(
      "the help printed as it is",
      {
        $0.lastRow == PagerInTmuxTests.prompt && $0.rows.contains { $0.contains(".undo [n]") }
      })
    let said = s.tmux(["capture-pane", "-p", "-S", "-200"])
    expectTrue(said.contains("billsh: cannot start the pager '/nonexistent/pager -x'"), "\(said)")
    guard let none = try start(environment: ["PAGER": ""]) else { return }
    none.type(".help", "Enter")
    _ = none.waitUntil(
      "the help printed as it is",
      {
        $0.lastRow == PagerInTmuxTests.prompt && $0.rows.contains { $0.contains(".undo [n]") }
      })
    expectTrue(!none.rows.contains(":"), "\(none.rows)")
  }

  @Test func longLinesWrapAt80ColumnsBetweenWords() throws {
    guard let s = try start() else { return }
    s.type("forecast org Acme 2m", "Enter")
    guard
      s.waitUntil(
        "the forecast",
        {
          $0.rows.contains { $0.hasPrefix("  total $53.96") }
            && $0.lastRow == PagerInTmuxTests.prompt
        })
    else { return }
    let rows = s.rows
    expectTrue(
      rows.contains("  2026-02-01 renewal P1 team Design: new period 2026-02-01 to 2026-03-01;"),
      "\(rows)")
    expectTrue(rows.contains("    INV-0003 $26.98"), "\(rows)")
    for row in rows {
      expectTrue(row.count <= 80, "\(row)")
      expectTrue(!row.hasSuffix("INV-") && !row.hasSuffix("INV"), "\(row)")
    }
  }

  @Test func aResizeRedrawsTheLineWithNoStalePromptAbove() throws {
    guard let s = try start() else { return }
    let line = "show team Design and some more words to make the line long"
    s.type(line)
    /// The screen's text without spaces: where a row breaks does not matter.
    func flat(_ rows: [String]) -> String { rows.joined().filter { $0 != " " } }
    let typed = flat([PagerInTmuxTests.prompt + " " + line])
    guard s.waitUntil("the typed line", { flat($0.rows).contains(typed) }) else { return }
    s.tmux(["resize-window", "-x", "50", "-y", "24"])
    // The prompt and the line on two rows of 50 and a bit, once: no stale prompt row above.
    _ = s.waitUntil(
      "one prompt, redrawn for 50 columns",
      { screen in
        let rows = screen.rows
        return rows.filter { $0.hasPrefix(PagerInTmuxTests.prompt) }.count == 1
          && flat(rows).contains(typed)
          && rows.allSatisfy { $0.count <= 50 }
      })
  }

  @Test func ctrlRSaysItIsAReverseSearch() throws {
    guard let s = try start() else { return }
    s.type("whoami", "Enter")
    _ = s.waitUntil("whoami's answer", { $0.lastRow == PagerInTmuxTests.prompt })
    s.type("C-r", "who")
    _ = s.waitUntil("the search", { $0.lastRow == "(reverse search) 'who': whoami" })
    s.type("x")
    _ = s.waitUntil(
      "a failed search",
      {
        $0.lastRow == "(failed reverse search) 'whox': whoami"
      })
    s.type("C-g")
    _ = s.waitUntil("the line back as it was", { $0.lastRow == PagerInTmuxTests.prompt })
    expectTrue(!s.rows.contains { $0.hasPrefix("bck:") }, "\(s.rows)")
  }

  @Test func stdoutThatIsNotATerminalIsNeverPaged() throws {
    guard let s = try start() else { return }
    let file = s.home + "/help.txt"
    s.type(".quit", "Enter")
    _ = s.waitUntil("the shell to end", { !$0.lastRow.hasPrefix(PagerInTmuxTests.prompt) })
    let again = try Session(command: "sh -c \"'\(PagerInTmuxTests.binary)' --demo > '\(file)'\"")
    _ = again.waitUntil("the prompt on stderr", { $0.lastRow.hasPrefix(PagerInTmuxTests.prompt) })
    again.type(".help", "Enter")
    again.type(".quit", "Enter")
    _ = again.waitUntil(
      "the help in the file",
      { _ in
        ((try? String(contentsOfFile: file, encoding: .utf8)) ?? "").contains(".undo [n]")
      })
    let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
    expectTrue(text.contains("Setup"), "\(text)")
    expectTrue(!again.rows.contains(":"), "\(again.rows)")
  }
}
