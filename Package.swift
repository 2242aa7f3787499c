// swift-tools-version:6.0
import PackageDescription

/// Release builds skip the run-time exclusivity checks (the debug build and the tests keep them).
let fast: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked", "-cross-module-optimization"], .when(configuration: .release))]

let package = Package(
  name: "billsh",
  // NB: macOS 15 for Mutex and Atomic (Synchronization) and String(validating:as:); only
  // Linux is built and tested.
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "billsh", targets: ["billsh"])
  ],
  targets: [
    .target(name: "Platform", swiftSettings: fast),
    .target(name: "BillingSupport", dependencies: ["Platform"], swiftSettings: fast),
    .target(name: "BillingModel", dependencies: ["BillingSupport"], swiftSettings: fast),
    // NB: the words of refusals and rules; the model holds facts only.
    .target(name: "BillingWords", dependencies: ["BillingModel", "BillingSupport"], swiftSettings: fast),
    .target(
      name: "BillingStore", dependencies: ["BillingModel", "BillingSupport", "BillingWords"],
      swiftSettings: fast),
    .target(
      name: "BillingLanguage", dependencies: ["BillingModel", "BillingSupport", "BillingWords"],
      swiftSettings: fast),
    .target(
      name: "BillingRuntime", dependencies: [
        "BillingModel", "BillingLanguage", "BillingStore", "BillingSupport", "BillingWords",
        "Platform",
      ],
      swiftSettings: fast),
    .systemLibrary(
      name: "CLibEdit", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
    .target(name: "LineEditing", dependencies: ["BillingRuntime", "CLibEdit", "Platform"]),
    .target(
      name: "BillshCLI",
      dependencies: [
        "BillingLanguage", "BillingModel", "BillingRuntime", "BillingSupport", "BillingWords",
        "LineEditing", "Platform",
      ]),
    .executableTarget(name: "billsh", dependencies: ["BillshCLI"]),
    .testTarget(
      name: "BillingModelTests", dependencies: ["BillingModel", "BillingSupport", "BillingWords"]),
    .testTarget(
      name: "BillingLanguageTests",
      dependencies: ["BillingLanguage", "BillingSupport", "BillingWords"]),
    .testTarget(
      name: "BillingRuntimeTests",
      dependencies: [
        "BillingRuntime", "BillingStore", "BillingSupport", "BillingWords", "LineEditing",
      ],
      exclude: []),
    .testTarget(
      name: "BillshCLITests", dependencies: ["BillshCLI", "BillingRuntime", "BillingWords"]),
  ]
)
