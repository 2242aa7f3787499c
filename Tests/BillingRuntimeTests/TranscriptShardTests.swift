import Foundation
import Testing

@testable import BillingPlayback
@testable import BillingRuntime

@Suite struct TranscriptShardTests {
  @Test(arguments: [("1/1", 1, 1), ("1/3", 1, 3), ("3/3", 3, 3), ("2/4", 2, 4), ("07/10", 7, 10)])
  func readsKOfN(_ text: String, _ k: Int, _ n: Int) {
    expectEqual(TranscriptShard(text), TranscriptShard(index: k, count: n))
    expectEqual(TranscriptShard(text)?.index, k)
    expectEqual(TranscriptShard(text)?.count, n)
  }

  @Test(arguments: [
    "0/3", "4/3", "a/b", "3", "", "/", "1/", "/1", "1/0", "0/0", "-1/3", "+1/3", " 1/3", "1/3 ",
    "1/2/3", "1.0/2", "99999999999999999999/1", "1/99999999999999999999", "١/٢",
  ])
  func refusesAnythingElse(_ text: String) {
    expectTrue(TranscriptShard(text) == nil)
  }

  @Test(arguments: 1...4)
  func sharesPartitionAnyList(_ n: Int) throws {
    for size in 0...11 {
      let items = Array(0..<size)
      var shares: [[Int]] = []
      for k in 1...n {
        shares.append(try #require(TranscriptShard(index: k, count: n)).share(of: items))
      }
      expectEqual(shares.flatMap { $0 }.sorted(), items, "size \(size)")
      let sizes = shares.map(\.count)
      expectTrue((sizes.max() ?? 0) - (sizes.min() ?? 0) <= 1, "size \(size): \(sizes)")
      // Each share keeps path order.
      expectTrue(shares.allSatisfy { $0 == $0.sorted() })
    }
  }

  @Test(arguments: 1...4)
  func shardsOfARunReplayEveryTranscriptOnce(_ n: Int) throws {
    let dir = NSTemporaryDirectory() + "shard-tests-" + UUID().uuidString
    let names = [
      "a.transcript", "b/z.transcript", "b/a/c.transcript", "c.transcript", "d.transcript",
      "e/f.transcript", "g.transcript",
    ]
    for (i, name) in names.enumerated() {
      let path = "\(dir)/\(name)"
      try FileManager.default.createDirectory(
        atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      // Every third one fails.
      let text = "  > echo \(i)\n  \(i % 3 == 0 ? "wrong" : String(i))\n"
      try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
    let runner = TranscriptRunner(jobs: 2, update: false) { commands in
      commands.map { [String($0.dropFirst(5))] }
    }
    var whole = ""
    let all = runner.run(paths: [dir], output: &whole)
    expectEqual(all.files.count, names.count)
    expectEqual(all.failed, 3)

    var seen: [String] = []
    var passed = 0
    var failed = 0
    for k in 1...n {
      var report = ""
      let part = runner.run(
        paths: [dir], shard: try #require(TranscriptShard(index: k, count: n)), output: &report)
      seen += part.files.map(\.path)
      passed += part.passed
      failed += part.failed
      // The last line counts only the shard's transcripts.
      expectTrue(report.hasSuffix("\(part.passed) passed, \(part.failed) failed\n"))
      expectEqual(part.files.count, names.count / n + (k - 1 < names.count % n ? 1 : 0))
    }
    expectEqual(seen.sorted(), all.files.map(\.path))
    expectEqual(Set(seen).count, seen.count)
    expectEqual(passed, all.passed)
    expectEqual(failed, all.failed)
  }
}
