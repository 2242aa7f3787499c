import Foundation
import Testing

@testable import BillingPlayback
@testable import BillshCLI

// Scripts/install with the debug build (BILLSH_BINARY) into a temporary DESTDIR, and the
// completion scripts it installs; the release build itself is too slow for the test run.

private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent().path
private let binary = root + "/.build/debug/billsh"

/// Runs `path` with `args`: its exit status, stdout and stderr.
private func run(_ path: String, _ args: [String], env: [String: String] = [:]) throws -> (
  Int32, String, String
) {
  let p = Process()
  p.executableURL = URL(fileURLWithPath: path)
  p.arguments = args
  p.environment = ProcessInfo.processInfo.environment.merging(env) { $1 }
  let out = Pipe()
  let err = Pipe()
  p.standardOutput = out
  p.standardError = err
  p.standardInput = FileHandle.nullDevice
  try p.run()
  // NB: stderr holds a line or two, so reading stdout to its end first cannot block on it.
  let data = readAll(out.fileHandleForReading)
  let errors = readAll(err.fileHandleForReading)
  p.waitUntilExit()
  return (
    p.terminationStatus, String(decoding: data, as: UTF8.self),
    String(decoding: errors, as: UTF8.self)
  )
}

/// Arguments, the exit status, and the start of stdout or the whole of stderr.
private let exits: [([String], Int32, String, String)] = [
  (["--help"], 0, "OVERVIEW: ", ""),
  (["help", "test"], 0, "OVERVIEW: Replay transcripts", ""),
  (["--version"], 0, version + "\n", ""),
  (["--generate-completion-script", "bash"], 0, "# bash completion for billsh", ""),
  (
    ["run", "--bogus"], 2, "",
    "error[usage]: unknown option '--bogus' for 'billsh run' (billsh --help lists the options)\n"
  ),
  (
    ["test", "--jobs", "-1"], 2, "",
    "error[usage]: --jobs must be a positive whole number, not '-1' (billsh --help lists the options)\n"
  ),
]

@Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary)))
func theBinaryExitsAsTheParserDecides() throws {
  for (args, code, out, err) in exits {
    let (status, stdout, stderr) = try run(binary, args)
    #expect(status == code, "\(args)")
    #expect(stdout.hasPrefix(out), "\(args)")
    #expect(stderr == err, "\(args)")
  }
}

@Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary)))
func installPutsFiveFilesUnderDestdirAndPrefix() throws {
  let dest = FileManager.default.temporaryDirectory.appendingPathComponent(
    "billsh-install-\(getpid())"
  ).path
  defer { try? FileManager.default.removeItem(atPath: dest) }
  for _ in 0..<2 {  // twice: installing again is fine
    let (code, _, _) = try run(
      root + "/Scripts/install", ["/opt/billsh"], env: ["DESTDIR": dest, "BILLSH_BINARY": binary])
    #expect(code == 0)
  }
  let files: [(String, Int)] = [
    ("bin/billsh", 0o755), ("share/man/man1/billsh.1", 0o644),
    ("share/bash-completion/completions/billsh", 0o644),
    ("share/zsh/site-functions/_billsh", 0o644),
    ("share/fish/vendor_completions.d/billsh.fish", 0o644),
  ]
  for (file, mode) in files {
    let path = dest + "/opt/billsh/" + file
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    #expect((attributes[.posixPermissions] as? Int) == mode, "\(file)")
  }
  let installed: [(String, String)] = [
    ("share/man/man1/billsh.1", Manual.page),
    ("share/bash-completion/completions/billsh", Completion.script(for: .bash)),
    ("share/zsh/site-functions/_billsh", Completion.script(for: .zsh)),
    ("share/fish/vendor_completions.d/billsh.fish", Completion.script(for: .fish)),
  ]
  for (file, text) in installed {
    let got = try String(contentsOfFile: dest + "/opt/billsh/" + file, encoding: .utf8)
    #expect(got == text, "\(file)")
  }
}

/// Scripts/shell and Scripts/install build through Scripts/build, one set of flags, so the
/// release binary Scripts/shell built is up to date for Scripts/install (no second build).
@Test func shellAndInstallShareOneReleaseBuild() throws {
  for script in ["shell", "install"] {
    let text = try String(contentsOfFile: root + "/Scripts/" + script, encoding: .utf8)
    let code = text.split(separator: "\n").filter { !$0.hasPrefix("#") }.joined(separator: "\n")
    #expect(code.contains("Scripts/build"), "Scripts/\(script)")
    #expect(!code.contains("swift build"), "Scripts/\(script) builds on its own")
  }
  let build = try String(contentsOfFile: root + "/Scripts/build", encoding: .utf8)
  #expect(build.contains("-c release --static-swift-stdlib --product billsh"))
}

/// Reads `handle` to its end; a read interrupted by a signal (EINTR) is tried again, where
/// `FileHandle.readDataToEndOfFile` would trap.
private func readAll(_ handle: FileHandle) -> Data {
  var data = Data()
  var buffer = [UInt8](repeating: 0, count: 65536)
  while true {
    let n = buffer.withUnsafeMutableBytes { b in read(handle.fileDescriptor, b.baseAddress, b.count)
    }
    if n > 0 {
      data.append(contentsOf: buffer[0..<n])
    } else if n < 0 && errno == EINTR {
      continue
    } else {
      return data
    }
  }
}
