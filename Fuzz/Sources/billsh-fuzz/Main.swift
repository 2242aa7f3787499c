import BillingPlayback

/// libFuzzer entry: each input is a script (ScriptReader.lines), played in a fresh session.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  FuzzEntry.play(bytes)
  return 0
}

typealias FuzzCallback = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

/// libFuzzer's driver (compiler-rt, LLVM 11+).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
  _ argc: UnsafeMutablePointer<CInt>,
  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
  _ callback: FuzzCallback
) -> CInt

/// SwiftPM links executables with `main` renamed to `<target>_main`, which hides libFuzzer's
/// own main; this stands in for it and hands over to libFuzzer's driver.
@_cdecl("billsh_fuzz_main")
public func billshFuzzMain(
  _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> CInt {
  var c = argc
  var v = argv
  return LLVMFuzzerRunDriver(&c, &v, { fuzzOneInput($0, $1) })
}
