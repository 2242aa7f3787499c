import Platform
import Synchronization
import Testing

@testable import BillingPlayback
@testable import BillingRuntime

/// The handoff between the thread that reads a large script and the one that plays it: batches
/// arrive in order, and what comes back is recycled in order, whichever side does the work
/// (`giverIsBehind`), with the two never working on it at once.
@Suite struct HandoffTests {
  /// Numbers 0..<n in batches; the taker "prints" a batch itself when the giver is behind, else
  /// hands it back to be printed there. The printed numbers must be 0..<n, in order.
  @Test(arguments: [(1, 1), (255, 7), (20_000, 64), (50_000, 3)])
  func everythingComesOutOnceInOrder(_ n: Int, _ batchSize: Int) {
    let log = PrintLog()
    let handoff = Handoff<Int, [Int]>(limit: 8) { back in log.print(back) }
    let giver = WorkerThread(stackSize: 1 << 20) {
      var batch: [Int] = []
      for i in 0..<n {
        batch.append(i)
        if batch.count == batchSize {
          guard handoff.give(batch) else { break }
          batch = []
        }
      }
      if !batch.isEmpty { _ = handoff.give(batch) }
      handoff.close()
      handoff.recycleUntilFinished()
    }
    #expect(giver != nil)
    var used: [Int]?
    // NB: which side prints a batch depends on timing; either is right.
    while let batch = handoff.take(returning: used.take()) {
      if handoff.giverIsBehind() {
        log.print(batch)
        used = []
      } else {
        used = batch
      }
    }
    giver?.join()
    expectEqual(log.printed, Array(0..<n))
  }

  /// The taker stops early: what it took before is printed, in order, and nothing after.
  @Test func aStopKeepsWhatWasPlayed() {
    let log = PrintLog()
    let handoff = Handoff<Int, [Int]>(limit: 4) { back in log.print(back) }
    let giver = WorkerThread(stackSize: 1 << 20) {
      var next = 0
      while handoff.give(Array(next..<(next + 10))) { next += 10 }
      handoff.close()
      handoff.recycleUntilFinished()
    }
    var used: [Int]?
    var kept: [Int] = []
    while let batch = handoff.take(returning: used.take()) {
      if batch[0] == 500 {
        kept = Array(batch.prefix(3))
        handoff.cancel()
        break
      }
      used = batch
    }
    giver?.join()
    log.print(kept)
    expectEqual(log.printed, Array(0..<503))
  }
}

/// What was "printed", from either thread; printing on both at once is a failure.
private final class PrintLog: @unchecked Sendable {
  private let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
  /// How many threads are printing now (never more than one).
  private let printing = Atomic<Int>(0)
  private var items: [Int] = []
  init() { pthread_mutex_init(lock, nil) }
  deinit {
    pthread_mutex_destroy(lock)
    lock.deallocate()
  }
  var printed: [Int] {
    pthread_mutex_lock(lock)
    defer { pthread_mutex_unlock(lock) }
    return items
  }
  func print(_ batch: [Int]) {
    let (_, now) = printing.wrappingAdd(1, ordering: .acquiringAndReleasing)
    precondition(now == 1, "two threads printed at once")
    // NB: the lock only publishes the list to the checking thread.
    pthread_mutex_lock(lock)
    items += batch
    pthread_mutex_unlock(lock)
    printing.wrappingSubtract(1, ordering: .acquiringAndReleasing)
  }
}
