import LineEditing
import Testing

@testable import BillingModel
@testable import BillingPlayback
@testable import BillingRuntime

/// Ctrl-C arrives as `shouldStop`: long commands stop between steps and leave a whole world.
struct InterruptTests {
  @Test func advanceStopsBetweenDaysAndKeepsTheWorldWhole() {
    let s = Session()
    Demo.load(into: s)
    var asked = 0
    s.shouldStop = {
      asked += 1
      return asked > 5
    }
    let o = s.perform("advance 10y")
    expectTrue(o.isOK)
    expectTrue(o.text.contains("interrupted: the clock stopped on"))
    expectTrue(s.world.today < Day(year: 2036, month: 1, day: 1)!)
    expectTrue(s.world.today > Day.start)
    // Every plan is on a whole period: its end is after today, nothing half-renewed.
    for p in s.world.plans where p.isLive { #expect(p.periodEnd > s.world.today) }
    s.shouldStop = { false }
    expectTrue(s.perform("advance 1d").isOK)
  }

  @Test func readStopsBetweenLines() throws {
    let dir = "/tmp/billsh-interrupt-\(UInt32.random(in: 0...UInt32.max))"
    _ = try? LocalFiles.write(
      dir + ".bill", "create org A\ncreate org B\ncreate org C\ncreate org D\n")
    let s = Session(files: LocalFiles())
    var lines = 0
    s.sink = { _ in lines += 1 }
    s.shouldStop = { lines >= 2 }
    let o = s.perform(".read \(dir).bill")
    expectTrue(o.text.hasSuffix("; interrupted"))
    expectTrue(s.world.spaceID("A") != nil)
    expectTrue(s.world.spaceID("B") != nil)
    expectTrue(s.world.spaceID("C") == nil)
  }

  /// Ctrl-C is taken once (the flag clears): seen inside an `advance`, it still stops the
  /// `.read` around it.
  @Test func aStopSeenInsideAdvanceStopsTheScriptToo() throws {
    let path = "/tmp/billsh-interrupt-\(UInt32.random(in: 0...UInt32.max)).bill"
    try LocalFiles.write(
      path,
      Demo.script.split(separator: "\n").filter { !$0.hasPrefix("login") }.joined(separator: "\n")
        + "\nadvance 5y\nadvance 5y\ncreate org After\n")
    let s = Session(files: LocalFiles())
    var asked = 0
    s.shouldStop = {
      asked += 1
      return asked == 30  // true once, like Interrupts.take()
    }
    let o = s.perform(".read \(path)")
    expectTrue(o.text.hasSuffix("; interrupted"))
    expectTrue(s.world.spaceID("After") == nil)
    expectTrue(s.world.today < Day(year: 2031, month: 1, day: 1)!)
  }
}
