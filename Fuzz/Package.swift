// swift-tools-version:6.0
// A separate package for the libFuzzer target (issue 6). Its library targets are symbolic
// links to the root package's module folders (Sources/<Module> -> ../../Sources/<Module>),
// because the root package exports no library product to depend on by path. Build with
// Scripts/fuzz, which passes -sanitize=fuzzer (and address) to every module.
import PackageDescription

let package = Package(
  name: "billsh-fuzz",
  targets: [
    .target(name: "Platform"),
    .target(name: "BillingSupport", dependencies: ["Platform"]),
    .target(name: "BillingModel", dependencies: ["BillingSupport"]),
    .target(name: "BillingStore", dependencies: ["BillingModel", "BillingSupport"]),
    .target(name: "BillingLanguage", dependencies: ["BillingModel", "BillingSupport"]),
    .target(name: "BillingRuntime", dependencies: [
      "BillingModel", "BillingLanguage", "BillingStore", "BillingSupport",
    ]),
    .target(name: "BillingPlayback", dependencies: [
      "BillingRuntime", "BillingModel", "BillingLanguage", "BillingStore", "BillingSupport",
      "Platform",
    ]),
    // LLVMFuzzerTestOneInput around BillingPlayback's FuzzEntry (which the tests replay too).
    .executableTarget(name: "billsh-fuzz", dependencies: ["BillingPlayback"]),
  ]
)
