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
    // The words of refusals and rules; the model holds facts only.
    .target(name: "BillingWords", dependencies: ["BillingModel", "BillingSupport"], swiftSettings: fast),
    .target(
      name: "BillingStore", dependencies: ["BillingModel", "BillingSupport", "BillingWords"],
      swiftSettings: fast),
    .target(
      name: "BillingLanguage", dependencies: ["BillingModel", "BillingSupport", "BillingWords"],
      swiftSettings: fast),
    // The interpreter: session, dispatch, views, what-ifs, words. No libc: files go through
    // `FileAccess`, output through the session's sink.
    .target(
      name: "BillingRuntime",
      dependencies: [
        "BillingModel", "BillingLanguage", "BillingStore", "BillingSupport", "BillingWords",
      ],
      swiftSettings: fast),
    // Playback: scripts and piped input, read-ahead threads, output, transcripts and their
    // sandbox, the state file and its lock, files, conformance and the fuzz entry.
    .target(
      name: "BillingPlayback",
      dependencies: [
        "BillingRuntime", "BillingModel", "BillingLanguage", "BillingStore", "BillingSupport",
        "BillingWords", "Platform",
      ],
      swiftSettings: fast),
    .systemLibrary(
      name: "CLibEdit", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
    // The line editor: knows lines, prompts and completions, not billsh.
    .target(name: "LineEditing", dependencies: ["CLibEdit", "Platform"]),
    // The interactive shell: its loop, prompt, completion and pager, over the line editor.
    .target(
      name: "BillingShell",
      dependencies: [
        "BillingRuntime", "BillingPlayback", "BillingLanguage", "BillingModel", "BillingSupport",
        "BillingWords", "LineEditing", "Platform",
      ]),
    .target(
      name: "BillshCLI",
      dependencies: [
        "BillingLanguage", "BillingModel", "BillingRuntime", "BillingPlayback", "BillingShell",
        "BillingSupport", "BillingWords", "LineEditing", "Platform",
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
        "BillingRuntime", "BillingPlayback", "BillingShell", "BillingStore", "BillingSupport",
        "BillingWords", "LineEditing",
      ],
      exclude: []),
    .testTarget(
      name: "BillshCLITests",
      dependencies: [
        "BillshCLI", "BillingRuntime", "BillingPlayback", "BillingShell", "BillingWords",
      ]),
  ]
)
