/// The platform's C library, chosen once: files that call the system import `Platform`.
#if canImport(Glibc)
  @_exported import Glibc
#elseif canImport(Musl)
  @_exported import Musl
#elseif canImport(Darwin)
  @_exported import Darwin
#endif

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
    }
  #endif
}
