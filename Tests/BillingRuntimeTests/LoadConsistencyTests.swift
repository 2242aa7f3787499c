import Foundation
import Testing

@testable import BillingModel
@testable import BillingRuntime
@testable import BillingStore
@testable import BillingSupport

/// `.load` checks what `.save` guarantees (issue 24): crafted saves that are internally
/// inconsistent are refused with `io` naming the JSON path, and a file too large is refused
/// before it is read.
@Suite struct LoadConsistencyTests {
  static let story = """
    create org Acme
    add ann bob --org Acme --admin
    as ann upgrade org Acme --tier starter --seats 3 --monthly
    advance 10d
    as ann edit org Acme --seats 5 --tier advanced
    as bob edit org Acme --seats 10
    """

  static let saved = SavedWorlds.saved(of: story)

  static func load(_ text: String) -> Failure? { SavedWorlds.load(text) }

  @Test func theStoryLoads() {
    expectTrue(LoadConsistencyTests.load(LoadConsistencyTests.saved) == nil)
  }

  /// (what is inconsistent, the text to replace once, by what, the start of the error)
  static let crafted: [(String, String, String, String)] = [
    (
      "a log entry dated in the future",
      "\"date\": \"2026-01-11\",\n      \"actor\": \"bob\"",
      "\"date\": \"2026-02-11\",\n      \"actor\": \"bob\"", "log[5].date: after today"
    ),
    (
      "a log going back in time without a clock set",
      "\"date\": \"2026-01-11\",\n      \"actor\": \"ann\"",
      "\"date\": \"2025-12-01\",\n      \"actor\": \"ann\"", "log[4].date: before the entry above"
    ),
    (
      "a journal entry dated in the future",
      "\"date\": \"2026-01-11\",\n      \"kind\": \"refused\"",
      "\"date\": \"2026-03-01\",\n      \"kind\": \"refused\"", "journal[5].date: after today"
    ),
    (
      "an invoice before its plan",
      "\"date\": \"2026-01-01\",\n      \"amount_cents\": 4047",
      "\"date\": \"2025-12-31\",\n      \"amount_cents\": 4047",
      "invoices[0].date: before its plan P1 started"
    ),
    (
      "added seats that disagree with from and to",
      "\"seats\": 2,\n          \"unit_cents\": 3049",
      "\"seats\": 3,\n          \"unit_cents\": 3049", "invoices[1].lines[1].seats"
    ),
    (
      "a period line whose seats disagree with its cents",
      "\"seats\": 3,\n          \"unit_cents\": 1349",
      "\"seats\": 4,\n          \"unit_cents\": 1349", "invoices[0].lines[0].cents"
    ),
    (
      "pro rata lines that add up but each round wrong",
      "\"cents\": 3455,", "\"cents\": 3456,", "invoices[1].lines"
    ),
    (
      "pro rata lines of different days",
      "\"days\": 21,\n          \"period_days\": 31,\n          \"from\": 3",
      "\"days\": 20,\n          \"period_days\": 31,\n          \"from\": 3",
      "invoices[1].lines[1].days"
    ),
    (
      "an outcome not in the known set",
      "\"outcome\": \"error[permission-denied] (R14)\"", "\"outcome\": \"maybe\"",
      "log[5].outcome"
    ),
    (
      "an outcome citing an unknown rule",
      "\"outcome\": \"error[permission-denied] (R14)\"",
      "\"outcome\": \"error[permission-denied] (R99)\"", "log[5].outcome"
    ),
    (
      "a command of two lines", "\"command\": \"create org Acme\"",
      "\"command\": \"create org Acme\\ncreate org Evil\"", "log[0].command"
    ),
    (
      "a log command longer than a command line", "\"command\": \"create org Acme\"",
      "\"command\": \"create org \(String(repeating: "A", count: 70_000))\"", "log[0].command"
    ),
    (
      "another user's entry in a user's timeline", "\"deeds\": [\"log 5\"]",
      "\"deeds\": [\"log 4\"]", "timelines.deeds[0] of bob"
    ),
  ]

  @Test(arguments: crafted)
  func anInconsistentSaveIsRefused(_ c: (String, String, String, String)) {
    let (what, old, new, path) = c
    let text = LoadConsistencyTests.saved
    expectTrue(text.components(separatedBy: old).count == 2, "\(what): not found once")
    let f = LoadConsistencyTests.load(text.replacingOccurrences(of: old, with: new))
    expectEqual(f?.code, .io, "\(what): loaded")
    expectTrue(f?.message.hasPrefix(path) == true, "\(what): \(f?.message ?? "loaded")")
  }

  /// A clock set back while no plan existed leaves earlier entries after today: that loads.
  @Test func entriesBeforeAClockSetBackLoad() throws {
    let s = Session()
    for l in ["create org A", "add ann --org A", "clock 2020-01-01", "add bob --org A"] {
      expectTrue(s.perform(l).isOK, "\(l)")
    }
    expectTrue(LoadConsistencyTests.load(s.savedText()) == nil)
  }

  /// A file larger than billsh loads is refused from its size, before it is read: the process
  /// that refuses a sparse 600 MiB file never holds it (its peak memory stays far below).
  @Test func aFileTooLargeIsRefusedBeforeItIsRead() throws {
    let dir = NSTemporaryDirectory() + "billsh-large-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let big = dir + "/big.json"
    expectTrue(FileManager.default.createFile(atPath: big, contents: nil))
    expectEqual(truncate(big, 600 << 20), 0)
    try "!io .load big.json\n".write(toFile: dir + "/s.bill", atomically: false, encoding: .utf8)
    let (status, peak) = try spawnMeasured([EndToEndTests.binary, "run", dir + "/s.bill"])
    expectEqual(status, 0)
    expectTrue(peak < 200 << 20, "peak memory \(peak >> 20) MiB")
  }

  /// Runs a program to its end (stdout and stderr to /dev/null); its exit status and its own
  /// peak resident memory in bytes, from wait4.
  func spawnMeasured(_ argv: [String]) throws -> (Int32, Int) {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    for fd: Int32 in [0, 1, 2] {
      posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0)
    }
    var cArgs = argv.map { strdup($0) }
    cArgs.append(nil)
    defer { for a in cArgs { free(a) } }
    var pid: pid_t = 0
    let rc = posix_spawn(&pid, argv[0], &actions, nil, &cArgs, environ)
    try #require(rc == 0, "posix_spawn: \(rc)")
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
    // NB: ru_maxrss is in KiB on Linux.
    return ((status >> 8) & 0xff, usage.ru_maxrss * 1024)
  }
}
