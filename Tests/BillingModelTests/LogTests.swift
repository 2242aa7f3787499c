import Testing

@testable import BillingModel

/// The log kept compactly: entries read back as they were appended.
@Suite struct LogTests {
  func entry(_ n: Int, _ actor: String?, _ command: String, _ outcome: String = "ok") -> LogEntry {
    LogEntry(
      date: Day(number: Day.start.number + n), actor: actor, command: command, outcome: outcome)
  }

  @Test("entries read back as appended; repeated commands, actors and outcomes are shared")
  func roundTrip() {
    var entries: [LogEntry] = []
    for i in 0..<5000 {
      let actor: String? = i % 3 == 0 ? nil : "u\(i % 50)"
      let command =
        i % 2 == 0
        ? "plan org Acme" : "add n\(i) --org Acme é \(String(repeating: "x", count: i % 40))"
      entries.append(entry(i / 7, actor, command, i % 5 == 0 ? "error[invalid] (R14)" : "ok"))
    }
    entries.append(entry(0, "", ""))
    let log = Log(entries)
    expectEqual(log.count, entries.count)
    expectTrue(log.elementsEqual(entries))
    expectEqual(log.command(at: 1), entries[1].command)
    expectEqual(log.outcome(at: 5), "error[invalid] (R14)")
  }

  @Test("the first entries of a log are a log of their own, and it grows apart")
  func firstEntries() {
    var log = Log((0..<100).map { entry($0, "ann", "c\($0 % 10)") })
    var head = log.firstEntries(40)
    expectEqual(head.count, 40)
    expectTrue(head.elementsEqual(log.prefix(40)))
    head.append(entry(1, nil, "new"))
    log.append(entry(2, "bob", "c3"))
    expectEqual(head.last?.command, "new")
    expectEqual(log.count, 101)
    expectEqual(log.last?.actor, "bob")
    expectEqual(log[40].command, "c0")
  }
}
