import Platform

/// A joinable POSIX thread with a given stack size running one closure.
/// NB: a pthread, not a `Thread` or a task: the replay and the stream reader need a stack
/// size the standard library cannot set.
package struct WorkerThread {
  private let thread: pthread_t

  private final class Box {
    let body: @Sendable () -> Void
    init(_ body: @escaping @Sendable () -> Void) { self.body = body }
  }

  /// Starts the thread; nil if it could not be created.
  package init?(stackSize: Int, _ body: @escaping @Sendable () -> Void) {
    var attr = pthread_attr_t()
    guard pthread_attr_init(&attr) == 0 else { return nil }
    defer { pthread_attr_destroy(&attr) }
    _ = pthread_attr_setstacksize(&attr, stackSize)
    let context = Unmanaged.passRetained(Box(body)).toOpaque()
    #if canImport(Darwin)
      var handle: pthread_t?
    #else
      var handle = pthread_t()
    #endif
    let created = pthread_create(
      &handle, &attr,
      { raw in
        #if canImport(Darwin)
          let box = Unmanaged<Box>.fromOpaque(raw).takeRetainedValue()
        #else
          guard let raw else { return nil }
          let box = Unmanaged<Box>.fromOpaque(raw).takeRetainedValue()
        #endif
        box.body()
        return nil
      }, context)
    guard created == 0 else {
      Unmanaged<Box>.fromOpaque(context).release()
      return nil
    }
    #if canImport(Darwin)
      guard let handle else { return nil }
    #endif
    thread = handle
  }

  func join() {
    _ = pthread_join(thread, nil)
  }
}

/// Batches handed from one thread to another, in order; the giver waits while too many are
/// waiting to be taken, so read-ahead stays bounded. What the taker is done with (`Back`: the
/// batch, and what came of it) goes back to the giver, in order, and `recycle` runs on it there:
/// what the giver allocated is also freed on its thread (cheaper for the allocator than a free
/// from another), and work that may come later (printing) leaves the taker's thread.
/// NB: a pthread mutex and condition variable rather than `Mutex`: giver and taker wait for
/// each other, and `Mutex` has no condition to wait on.
final class Handoff<Item, Back>: @unchecked Sendable {
  private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
  private let changed = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
  private var batches: [[Item]] = []
  private var head = 0
  private var spent: [Back] = []
  /// How many `Back`s were handed back and not yet recycled.
  private var unrecycled = 0
  /// Runs on the giver's thread, on each `Back` in the order they came back, then drops it.
  private let recycle: (Back) -> Void
  private var closed = false
  private var cancelled = false
  /// The taker has taken the end (after `close`).
  private var finished = false
  private let limit: Int

  init(limit: Int, recycle: @escaping (Back) -> Void) {
    self.limit = limit
    self.recycle = recycle
    mutex.initialize(to: pthread_mutex_t())
    changed.initialize(to: pthread_cond_t())
    pthread_mutex_init(mutex, nil)
    pthread_cond_init(changed, nil)
  }

  deinit {
    pthread_cond_destroy(changed)
    pthread_mutex_destroy(mutex)
    changed.deallocate()
    mutex.deallocate()
  }

  /// Hands over a batch; false when the taker has stopped (give no more).
  func give(_ batch: [Item]) -> Bool {
    pthread_mutex_lock(mutex)
    while batches.count - head >= limit && !cancelled { pthread_cond_wait(changed, mutex) }
    let ok = !cancelled
    if ok {
      batches.append(batch)
      pthread_cond_broadcast(changed)
    }
    var used: [Back] = []
    swap(&used, &spent)
    pthread_mutex_unlock(mutex)
    // NB: on the giver's thread, outside the lock.
    recycleAll(&used)
    return ok
  }

  private func recycleAll(_ used: inout [Back]) {
    if used.isEmpty { return }
    let n = used.count
    for b in used { recycle(b) }
    used = []
    pthread_mutex_lock(mutex)
    unrecycled -= n
    pthread_mutex_unlock(mutex)
  }

  /// For the taker: whether the giver is the slower of the two (fewer than half the batches it
  /// may read ahead are waiting) and has recycled everything handed back. Then work that
  /// `recycle` would do later, the taker may do now, in the same order.
  func giverIsBehind() -> Bool {
    pthread_mutex_lock(mutex)
    defer { pthread_mutex_unlock(mutex) }
    return unrecycled == 0 && batches.count - head < limit / 2
  }

  /// No more batches will come.
  func close() {
    pthread_mutex_lock(mutex)
    closed = true
    pthread_cond_broadcast(changed)
    pthread_mutex_unlock(mutex)
  }

  /// The next batch, waiting for it; nil once the giver has closed and all is taken.
  func take(returning used: consuming Back? = nil) -> [Item]? {
    pthread_mutex_lock(mutex)
    // NB: moved into `spent` while the lock is held, so this thread keeps no reference that it
    // would drop after the giver took `spent`: dropping the last one would free the batch here.
    if let u = used.take() {
      spent.append(u)
      unrecycled += 1
    }
    defer { pthread_mutex_unlock(mutex) }
    while head == batches.count && !closed { pthread_cond_wait(changed, mutex) }
    guard head < batches.count else {
      finished = true
      pthread_cond_broadcast(changed)
      return nil
    }
    let batch = batches[head]
    batches[head] = []
    head += 1
    if head == batches.count {
      batches.removeAll(keepingCapacity: true)
      head = 0
    }
    pthread_cond_broadcast(changed)
    return batch
  }

  /// For the giver after `close`: recycles what comes back until the taker has taken the end or
  /// stopped, so that the last stretch is recycled on the giver's thread too.
  /// NB: the giver reads ahead, so it closes while up to `limit` batches wait to be played.
  func recycleUntilFinished() {
    pthread_mutex_lock(mutex)
    while true {
      var used: [Back] = []
      swap(&used, &spent)
      let done = finished || cancelled
      pthread_mutex_unlock(mutex)
      recycleAll(&used)
      if done { return }
      pthread_mutex_lock(mutex)
      if spent.isEmpty && !finished && !cancelled { pthread_cond_wait(changed, mutex) }
    }
  }

  /// The taker stops: the giver's next `give` returns false.
  func cancel() {
    pthread_mutex_lock(mutex)
    cancelled = true
    pthread_cond_broadcast(changed)
    pthread_mutex_unlock(mutex)
  }
}
