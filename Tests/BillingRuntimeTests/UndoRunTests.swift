import BillingModel
import Glibc
import Testing

import BillingPlayback
@testable import BillingRuntime

/// Runs of logged-only commands are one step of the undo history, and undo replays them whole.
@Suite struct UndoRunTests {
  func play(_ lines: [String]) -> Session {
    let s = Session()
    for line in lines { _ = s.perform(line) }
    return s
  }

  @Test("a thousand views cost the undo history one step; undo leaves the log as it was")
  func runsOfViews() {
    var lines = ["create org Acme", "add ann --org Acme", "login ann"]
    lines += Array(repeating: "plan org Acme", count: 1000)
    lines += ["add bob --org Acme"]
    lines += (0..<300).map { $0 % 2 == 0 ? "as bob plan org Acme" : "as ann invoices org Nope" }
    lines += ["add cy --org Acme", "plan org Acme"]
    let s = play(lines)
    expectTrue(s.history.steps.count < 20, "\(s.history.steps.count) steps")
    let undone = s.perform(".undo")
    expectTrue(undone.isOK, "\(undone.text)")
    // The views and refusals between the two adds are kept, in order.
    let kept = play(Array(lines[..<1304]))
    expectTrue(s.world.log == kept.world.log, "\(s.world.log.count) vs \(kept.world.log.count)")
    expectTrue(s.perform(".undo").isOK)
    let first = play(Array(lines[..<1003]))
    expectTrue(s.world.log == first.world.log, "\(s.world.log.count) vs \(first.world.log.count)")
    expectEqual(s.world.log.count, 1002)
  }
}

/// A `.load` of the bytes loaded last starts from a copy of the world they made.
@Suite struct LoadAgainTests {
  @Test("loading the same file again gives the same world, and undo goes back through both")
  func loadAgain() throws {
    let dir = "/tmp/billsh-load-again-\(getpid())"
    _ = mkdir(dir, 0o700)
    defer {
      _ = unlink(dir + "/w.json")
      _ = rmdir(dir)
    }
    let s = Session(files: LocalFiles())
    for line in [
      "create org Acme", "add ann --org Acme", "login ann", ".save \(dir)/w.json", ".reset",
      ".load \(dir)/w.json", "add bob --org Acme", ".load \(dir)/w.json",
    ] {
      let o = s.perform(line)
      expectTrue(o.isOK, "\(line): \(o.text)")
    }
    expectEqual(s.world.userCount, 1)
    expectEqual(s.actor.map { s.world.handle($0) }, "ann")
    expectTrue(s.perform("add cy --org Acme").isOK)
    expectEqual(s.world.userCount, 2)
    expectTrue(s.perform(".undo 2").isOK)
    expectEqual(s.world.userCount, 2)
    expectTrue(s.world.userID("bob") != nil)
    expectTrue(s.perform(".undo 2").isOK)
    expectEqual(s.world.userCount, 0)
  }
}
