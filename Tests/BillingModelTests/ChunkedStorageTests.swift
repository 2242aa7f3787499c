import Testing

@testable import BillingModel

/// The storage marks share: a copy, then a write, copies one piece and shares the rest.
@Suite struct ChunkedStorageTests {
  @Test("a copy then a write changes only the copy")
  func copyThenWrite() {
    var a = ChunkedArray<Int>()
    for i in 0..<2000 { a.append(i) }
    var b = a
    b[1000] = -1
    b.append(2000)
    expectEqual(a[1000], 1000)
    expectEqual(a.count, 2000)
    expectEqual(b[1000], -1)
    expectEqual(b.count, 2001)
    expectEqual(b[2000], 2000)
    expectTrue(a.elementsEqual(0..<2000))
  }

  @Test("elements read back across chunk boundaries; truncate and repeat keep the count")
  func boundaries() {
    for n in [0, 1, 511, 512, 513, 1024, 1500] {
      let a = ChunkedArray(0..<n)
      expectEqual(a.count, n)
      expectTrue(a.elementsEqual(0..<n))
      expectEqual(a.chunkCount, (n + 511) / 512)
      for cut in [0, 1, 511, 512, 513, n] where cut <= n {
        var t = a
        t.truncate(cut)
        expectTrue(t.elementsEqual(0..<cut))
        t.append(-7)
        expectEqual(t.last, -7)
        expectEqual(t.count, cut + 1)
        expectTrue(a.elementsEqual(0..<n))
      }
    }
    let r = ChunkedArray(repeating: 3, count: 1025)
    expectEqual(r.count, 1025)
    expectEqual(r.chunkCount, 3)
    expectTrue(r.allSatisfy { $0 == 3 })
    expectEqual(ChunkedArray([1, 2]), [1, 2])
  }

  @Test("after a copy and one write, every chunk but the written one is shared")
  func sharing() {
    let a = ChunkedArray(0..<5000)
    var b = a
    b[2600] += 1
    let shared = (0..<a.chunkCount).filter { a.sharesChunk($0, with: b) }
    expectEqual(shared.count, a.chunkCount - 1)
    expectTrue(!a.sharesChunk(2600 / 512, with: b))
    // An append after a copy copies only the last chunk.
    var c = a
    c.append(5000)
    expectEqual((0..<a.chunkCount).filter { a.sharesChunk($0, with: c) }.count, a.chunkCount - 1)
  }

  @Test("a people map shards past 512 entries; a copy then a change shares all shards but one")
  func idMap() {
    var m = IDMap<UserID, Int>()
    for i in 0..<512 { m[UserID(index: i * 3)] = i }
    expectEqual(m.shardCount, 0)
    m[UserID(index: 5000)] = -1
    expectEqual(m.count, 513)
    expectTrue(m.shardCount > 1)
    expectEqual(m[UserID(index: 30)], 10)
    expectEqual(m[UserID(index: 5000)], -1)
    expectEqual(m[UserID(index: 31)], nil)
    expectEqual(m[UserID(index: 999_999)], nil)
    var n = m
    n[UserID(index: 3)] = 100
    expectEqual(n.removeValue(forKey: UserID(index: 6)), 2)
    expectEqual(m[UserID(index: 3)], 1)
    expectEqual(m[UserID(index: 6)], 2)
    expectEqual(n[UserID(index: 3)], 100)
    expectEqual(n[UserID(index: 6)], nil)
    expectEqual(n.count, 512)
    expectEqual(m.count, 513)
    let shared = (0..<m.shardCount).filter { m.sharesShard($0, with: n) }
    expectEqual(shared.count, m.shardCount - 1)
    expectEqual(Set(n.keys).count, 512)
    expectEqual(n.map(\.value).reduce(0, +), m.map(\.value).reduce(0, +) + 99 - 2)
  }

  @Test("a log's long and many commands read back across chunks of bytes, and a copy grows apart")
  func logBytes() {
    var log = Log()
    let long = String(repeating: "y", count: 40_000)
    var commands: [String] = []
    for i in 0..<3000 { commands.append(i == 1500 ? long : "add person\(i) --org Acme") }
    for (i, c) in commands.enumerated() {
      log.append(LogEntry(date: .start, actor: nil, command: c, outcome: "ok"))
      if i == 2000 {
        var copy = log
        copy.append(LogEntry(date: .start, actor: nil, command: "only in the copy", outcome: "ok"))
        expectEqual(copy.command(at: 2001), "only in the copy")
      }
    }
    expectEqual(log.map(\.command), commands)
    log.append(LogEntry(date: .start, actor: nil, command: long, outcome: "ok"))
    expectEqual(log.command(at: 3000), long)
  }
}
