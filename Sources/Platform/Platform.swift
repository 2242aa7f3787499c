/// The platform's C library, chosen once: files that call the system import `Platform`.
#if canImport(Glibc)
  @_exported import Glibc
#elseif canImport(Musl)
  @_exported import Musl
#elseif canImport(Darwin)
  @_exported import Darwin
#endif

import Synchronization

/// Keeps freed memory for the next allocation instead of handing it back to the system and
/// faulting it in again; large arrays and tables come from the same heap. A world of 100,000
/// people then takes about a quarter fewer page faults to build and to change.
/// NB: glibc only (`mallopt` is glibc's; its header is not part of the Glibc module, so it is
/// looked up); elsewhere this does nothing.
package func keepFreedMemory() {
  #if canImport(Glibc)
    if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") {
      typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
      let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
      _ = mallopt(-1, 1 << 30)  // M_TRIM_THRESHOLD
      _ = mallopt(-3, 64 << 20)  // M_MMAP_THRESHOLD
      // NB: the heap grows 32 MiB at a time, so most of a new stretch is still untouched when
      // `adviseHugePages` marks it (see there).
      _ = mallopt(-2, 32 << 20)  // M_TOP_PAD
    }
    heapStart.store(Int(bitPattern: sbrk(0)), ordering: .relaxed)
  #endif
}

#if canImport(Glibc)
  /// Where the heap began when `keepFreedMemory` ran, and how far `adviseHugePages` has marked it.
  private let heapStart = Atomic<Int>(0)
  private let heapAdvised = Atomic<Int>(0)
#endif

/// Asks the kernel to back the heap with 2 MiB pages where it can, as far as the heap reaches
/// now: a world of 100,000 people is tens of MiB touched in no order, and with 4 KiB pages most
/// of those touches also miss the address cache (the TLB). Call it now and then while the heap
/// grows (playback calls it once a batch); it does a system call only when the heap has grown.
/// NB: Linux only, and only where transparent huge pages are `always` or `madvise` (the
/// default); glibc's heap grows with `brk`, so its end is `sbrk(0)`. Safe from any thread:
/// marking a stretch twice does no harm.
package func adviseHugePages() {
  #if canImport(Glibc)
    let end = Int(bitPattern: sbrk(0))
    let first = heapStart.load(ordering: .relaxed)
    guard first > 0, end > heapAdvised.load(ordering: .relaxed) + (2 << 20) else { return }
    let page = 4096
    let start = (first + page - 1) / page * page
    if end > start, let base = UnsafeMutableRawPointer(bitPattern: start) {
      _ = madvise(base, (end - start) / page * page, 14)  // MADV_HUGEPAGE
    }
    heapAdvised.store(end, ordering: .relaxed)
  #endif
}
