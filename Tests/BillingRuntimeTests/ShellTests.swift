import Foundation
import Testing

@testable import BillingPlayback
@testable import BillingRuntime
@testable import LineEditing

#if canImport(Glibc)
  import Glibc
#endif

// The real `billsh` in a pseudo-terminal, typed at like a person. Every wait ends on what it
// waits for; its only limit is the hang guard (`HangGuard.seconds`, minutes), and every spawned
// process is killed when its PseudoTerminal goes away, so nothing can hang.

/// The demo world's first prompt: ann logged in, her roles in Acme.
private let annPrompt = "ann [org Acme: member, admin]> "
private let nobodyPrompt = "billsh (nobody)> "
/// ann's prompt once she bought a plan (she is then its billing owner).
private let ownerPrompt = "ann [org Acme: member, admin, billing-owner]> "

private func billshExecutable() throws -> String {
  try #require(PseudoTerminal.builtProduct("billsh"), "billsh is not built next to the tests")
}

/// A fresh folder for HOME and XDG_STATE_HOME.
private func freshFolder() -> String {
  let path = FileManager.default.temporaryDirectory
    .appendingPathComponent("billsh-shell-tests-\(UUID().uuidString)").path
  _ = try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  return path
}

/// A small, complete environment: no LANG or LC_* (the C locale, so the UTF-8
/// fallback is exercised), TERM=xterm, NO_COLOR=1 unless `colour`.
private func shellEnvironment(home: String, colour: Bool = false) -> [String: String] {
  var env = [
    "PATH": "/usr/local/bin:/usr/bin:/bin",
    "HOME": home,
    "XDG_STATE_HOME": home + "/state",
    "TERM": "xterm",
  ]
  if !colour { env["NO_COLOR"] = "1" }
  return env
}

/// Starts `billsh arguments` on a new pseudo-terminal.
private func startShell(
  _ arguments: [String] = ["--demo"], home: String, colour: Bool = false
) throws -> PseudoTerminal {
  try PseudoTerminal(
    executable: try billshExecutable(), arguments: arguments,
    environment: shellEnvironment(home: home, colour: colour), inheritEnvironment: false,
    columns: 120, rows: 40)
}

/// Types a line and presses Enter.
private func type(_ pty: PseudoTerminal, _ line: String) {
  pty.send(line + "\r")
}

/// Ctrl-D on an empty line; the shell must exit 0.
private func leave(_ pty: PseudoTerminal, sourceLocation: SourceLocation = #_sourceLocation) {
  pty.send("\u{04}")
  #expect(
    pty.waitForExit() == 0, "shell did not exit 0 on Ctrl-D",
    sourceLocation: sourceLocation)
}

/// Runs a process without a terminal (stdout and stderr to a file); kills it
/// after the hang guard. Returns its exit status (nil if the guard killed it) and output.
private func runProcess(_ executable: String, _ arguments: [String]) throws
  -> (status: Int32?, output: String)
{
  let folder = freshFolder()
  let outPath = folder + "/out.txt"
  _ = FileManager.default.createFile(atPath: outPath, contents: nil)
  let outHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
  defer { try? outHandle.close() }
  let process = Process()
  process.executableURL = URL(fileURLWithPath: executable)
  process.arguments = arguments
  process.standardInput = FileHandle.nullDevice
  process.standardOutput = outHandle
  process.standardError = outHandle
  try process.run()
  let deadline = Date().addingTimeInterval(HangGuard.seconds)
  while process.isRunning && Date() < deadline { usleep(20_000) }
  var status: Int32?
  if process.isRunning {
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
  } else {
    process.waitUntilExit()
    status = process.terminationStatus
  }
  let output = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
  return (status, output)
}

/// Polls `path` until `condition` holds for its content or the hang guard passes.
private func waitForFile(
  _ path: String, _ condition: (String) -> Bool
) -> String {
  let deadline = Date().addingTimeInterval(HangGuard.seconds)
  var text = ""
  repeat {
    text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    if condition(text) { return text }
    usleep(20_000)
  } while Date() < deadline
  return text
}

/// SGR colour sequences (ESC [ digits ; m) in raw terminal output.
private func colourSequences(_ raw: String) -> [Substring] {
  raw.matches(of: /\x1B\[[0-9;]*m/).map { $0.output }
}

@Suite(.serialized, .timeLimit(.minutes(2)))
struct ShellTests {
  @Test func promptShowsNobodyThenTheLoggedInUser() throws {
    let home = freshFolder()
    // Without --demo nobody acts.
    do {
      let pty = try startShell([], home: home)
      expectTrue(
        pty.waitFor("billsh — simulated date"), "banner: \(pty.text)")
      expectTrue(pty.waitFor(nobodyPrompt), "\(pty.text)")
      leave(pty)
    }
    // The demo logs ann in; logout and login change the prompt.
    let pty = try startShell(home: home)
    expectTrue(pty.waitFor(annPrompt), "\(pty.text)")
    type(pty, "logout")
    expectTrue(pty.waitFor("ann logged out; nobody acts"), "\(pty.text)")
    expectTrue(pty.waitFor(nobodyPrompt), "\(pty.text)")
    type(pty, "login ann")
    expectTrue(pty.waitFor("login ann\r\n"), "\(pty.text)")
    expectTrue(pty.waitFor(annPrompt), "\(pty.text)")
    leave(pty)
  }

  @Test func tabCompletesACommandAndATeamName() throws {
    let pty = try startShell(home: freshFolder())
    expectTrue(pty.waitFor(annPrompt), "\(pty.text)")
    // "upg" + Tab becomes "upgrade " (with the space), so the rest follows.
    pty.send("upg\t")
    expectTrue(pty.waitFor("rade"), "\(pty.text)")
    type(pty, "team Platform --tier starter")
    expectTrue(pty.waitFor("upgraded team Platform:"), "\(pty.text)")
    expectTrue(pty.waitFor(ownerPrompt), "\(pty.text)")
    // A team name from the live world.
    pty.send("plan team Des\t")
    expectTrue(pty.waitFor("ign"), "\(pty.text)")
    pty.send("\r")
    #expect(
      pty.waitFor("P1 team Design: starter, monthly, 2 seats"), "\(pty.text)")
    expectTrue(pty.waitFor(ownerPrompt), "\(pty.text)")
    // Two Tabs on an ambiguous word list the candidates.
    pty.send("upgrade \t\t")
    expectTrue(pty.waitFor("org"), "\(pty.text)")
    expectTrue(pty.waitFor("team"), "\(pty.text)")
    expectTrue(pty.waitFor("workspace"), "\(pty.text)")
    pty.send("\u{03}")
    expectTrue(pty.waitFor(ownerPrompt), "\(pty.text)")
    leave(pty)
  }

  @Test func ctrlCClearsTheLineAndTheShellLivesOn() throws {
    let pty = try startShell(home: freshFolder())
    expectTrue(pty.waitFor(annPrompt), "\(pty.text)")
    pty.send("create org Half")
    expectTrue(pty.waitFor("create org Half"), "\(pty.text)")
    pty.send("\u{03}")
    expectTrue(pty.waitFor("^C"), "\(pty.text)")
    expectTrue(pty.waitFor(annPrompt), "\(pty.text)")
    // Ctrl-C on an empty line also just prompts again.
    pty.send("\u{03}")
    expectTrue(pty.waitFor(annPrompt), "\(pty.text)")
    expectTrue(pty.isRunning)
    type(pty, "show")
    expectTrue(pty.waitFor("invoices: 2, log entries:"), "\(pty.text)")
    expectTrue(pty.waitFor(annPrompt), "\(pty.text)")
    expectTrue(!pty.text.contains("created org Half"))
    expectTrue(!pty.text.contains("org Half:"))
    leave(pty)
  }

  /// Ctrl-C while a long `.read` runs stops it between lines and the session lives on.
  /// (Stopping `advance` between days is checked without a terminal in InterruptTests.)
  @Test func ctrlCStopsALongReadBetweenLines() throws {
    let home = freshFolder()
    let script = home + "/long.bill"
    try String(repeating: "advance 1y\n", count: 5000).write(
      toFile: script, atomically: true, encoding: .utf8)
    let pty = try startShell(home: home)
    expectTrue(pty.waitFor(annPrompt))
    type(pty, ".read " + script)
    // NB: wait until the script is visibly running, so Ctrl-C cannot arrive before it starts.
    expectTrue(pty.waitFor("2030-01-01"))
    pty.send("\u{03}")
    expectTrue(pty.waitFor("; interrupted"))
    expectTrue(pty.waitFor(annPrompt))
    type(pty, "features gus")
    expectTrue(pty.waitFor("team Design: starter (P1)"))
    expectTrue(pty.waitFor(annPrompt))
    leave(pty)
  }

  @Test func ctrlDOnAnEmptyLineExitsZero() throws {
    let pty = try startShell(home: freshFolder())
    expectTrue(pty.waitFor(annPrompt), "\(pty.text)")
    pty.send("\u{04}")
    expectEqual(pty.waitForExit(), 0, "\(pty.text)")
  }

  @Test func historyComesBackInTheNextRun() throws {
    let home = freshFolder()
    do {
      let pty = try startShell(home: home)
      expectTrue(pty.waitFor(annPrompt), "\(pty.text)")
      type(pty, "features bob")
      expectTrue(pty.waitFor(annPrompt), "\(pty.text)")
      leave(pty)
    }
    let historyFile = home + "/state/billsh/history"
    let saved = (try? String(contentsOfFile: historyFile, encoding: .utf8)) ?? ""
    expectTrue(saved.hasPrefix("_HiStOrY_V2_\n"), "history file: \(saved)")
    expectTrue(saved.contains("features"), "history file: \(saved)")

    let pty = try startShell(home: home)
    expectTrue(pty.waitFor(annPrompt), "\(pty.text)")
    pty.send("\u{1b}[A")  // Up
    expectTrue(pty.waitFor("features bob"), "\(pty.text)")
    pty.send("\r")
    // The recalled line runs: its output names bob.
    expectTrue(pty.waitFor("bob"), "\(pty.text)")
    expectTrue(pty.waitFor(annPrompt), "\(pty.text)")
    expectTrue(!pty.text.contains("error["), "\(pty.text)")
    leave(pty)
  }

  @Test func utf8NamesRoundTripInTheCLocale() throws {
    let pty = try startShell(home: freshFolder())
    expectTrue(pty.waitFor(annPrompt), "\(pty.text)")
    type(pty, "create org \"Café Ünïcode\"")
    expectTrue(pty.waitFor("created org \"Café Ünïcode\""), "\(pty.text)")
    type(pty, "create team 設計 --org \"Café Ünïcode\"")
    #expect(
      pty.waitFor("created team 設計 in org \"Café Ünïcode\""), "\(pty.text)")
    type(pty, "show")
    #expect(
      pty.waitFor("org \"Café Ünïcode\": 0 members, 0 guests"), "\(pty.text)")
    #expect(
      pty.waitFor("  team 設計: 0 people (0 billable); plan basic"),
      "\(pty.text)")
    expectTrue(pty.waitFor(annPrompt), "\(pty.text)")
    leave(pty)
  }

  @Test func helpForOneCommandPrintsItsSynopsis() throws {
    let pty = try startShell(home: freshFolder())
    expectTrue(pty.waitFor(annPrompt), "\(pty.text)")
    type(pty, ".help upgrade")
    #expect(
      pty.waitFor(
        "upgrade <scope> --tier <t> [--seats <n>] [--monthly|--annual]"),
      "\(pty.text)")
    expectTrue(pty.waitFor("example: upgrade"), "\(pty.text)")
    expectTrue(pty.waitFor(annPrompt), "\(pty.text)")
    leave(pty)
  }

  @Test func promptIsColouredUnlessNoColor() throws {
    // Colour allowed: the prompt carries SGR sequences, and still reads
    // exactly as the plain prompt once they are removed (libedit must not
    // draw any of them as text).
    do {
      let pty = try startShell(home: freshFolder(), colour: true)
      expectTrue(pty.waitFor(annPrompt), "\(pty.text)")
      expectTrue(pty.output.contains("\u{1b}[1;32mann"), "\(pty.output.debugDescription)")
      expectTrue(!pty.text.contains("[2m"), "\(pty.text)")
      expectTrue(!pty.text.contains("[0m"), "\(pty.text)")
      type(pty, "logout")
      expectTrue(pty.waitFor(nobodyPrompt), "\(pty.text)")
      expectTrue(!pty.text.contains("[2m"), "\(pty.text)")
      expectTrue(!pty.text.contains("[0m"), "\(pty.text)")
      leave(pty)
    }
    // NO_COLOR: no colour anywhere (prompt, output, errors).
    let pty = try startShell(home: freshFolder(), colour: false)
    expectTrue(pty.waitFor(annPrompt), "\(pty.text)")
    type(pty, "bogus")
    expectTrue(
      pty.waitFor("error[usage]: unknown command bogus"), "\(pty.text)")
    expectTrue(pty.waitFor(annPrompt), "\(pty.text)")
    expectTrue(colourSequences(pty.output).isEmpty, "\(pty.output.debugDescription)")
    leave(pty)
  }

  @Test func stdoutToAFileKeepsEditingOnTheTerminal() throws {
    let home = freshFolder()
    let outFile = home + "/stdout.txt"
    let billsh = try billshExecutable()
    // stdin and stderr stay the pty; the shell execs billsh with stdout
    // redirected, so billsh keeps the pty as its controlling terminal.
    let pty = try PseudoTerminal(
      executable: "/bin/sh", arguments: ["-c", "exec \"$0\" --demo > \"$1\"", billsh, outFile],
      environment: shellEnvironment(home: home), inheritEnvironment: false, columns: 120, rows: 40)
    expectTrue(pty.waitFor(annPrompt), "\(pty.text)")
    // Editing still works: completion and Ctrl-C.
    pty.send("create org Gone")
    pty.send("\u{03}")
    expectTrue(pty.waitFor(annPrompt), "\(pty.text)")
    pty.send("plan team Des\t")
    expectTrue(pty.waitFor("ign"), "\(pty.text)")
    pty.send("\r")
    expectTrue(pty.waitFor(annPrompt), "\(pty.text)")
    type(pty, "whoami")
    expectTrue(pty.waitFor(annPrompt), "\(pty.text)")
    leave(pty)

    let file = waitForFile(outFile) { $0.contains("org Acme: member, admin") }
    #expect(
      file == """
        P1 team Design: starter, monthly, 2 seats, card, active
          period 2026-01-01 to 2026-02-01, $26.98 a month, billing owner carl
          2 billable members on 2 seats
        ann
          org Acme: member, admin

        """, "stdout file: \(file.debugDescription)")
    // Command output went to the file, not to the terminal.
    expectTrue(!pty.text.contains("billing owner carl"), "\(pty.text)")
    expectTrue(!file.contains("> "))
    expectTrue(!file.contains("billsh"))
  }

  @Test func recordSurvivesKillAndReplays() throws {
    let home = freshFolder()
    let path = home + "/session.transcript"
    let pty = try startShell([], home: home)
    expectTrue(pty.waitFor(nobodyPrompt), "\(pty.text)")
    type(pty, "create org Acme")
    expectTrue(pty.waitFor("created org Acme"), "\(pty.text)")
    expectTrue(pty.waitFor(nobodyPrompt), "\(pty.text)")
    type(pty, "create user ann bob")
    expectTrue(pty.waitFor("created users ann, bob"), "\(pty.text)")
    expectTrue(pty.waitFor(nobodyPrompt), "\(pty.text)")
    type(pty, ".record \(path)")
    expectTrue(pty.waitFor("2 earlier commands written"), "\(pty.text)")
    expectTrue(pty.waitFor(nobodyPrompt), "\(pty.text)")
    type(pty, "add ann --org Acme --admin")
    expectTrue(pty.waitFor("added ann to org Acme as admin"), "\(pty.text)")
    expectTrue(pty.waitFor(nobodyPrompt), "\(pty.text)")
    pty.signal(SIGKILL)
    expectEqual(pty.waitForExit(), 128 + SIGKILL)

    let text = try String(contentsOfFile: path, encoding: .utf8)
    let commands = Transcript.parse(text).items.compactMap { item -> [String]? in
      if case .command(let command, _, let output) = item { return [command] + output }
      return nil
    }
    #expect(
      commands == [
        ["create org Acme", "created org Acme"],
        ["create user ann bob", "created users ann, bob"],
        ["add ann --org Acme --admin", "added ann to org Acme as admin"],
      ], "transcript:\n\(text)")
    expectTrue(text.hasSuffix("\n"))

    let (status, output) = try runProcess(try billshExecutable(), ["test", path])
    expectEqual(status, 0, "billsh test: \(output)")
    expectTrue(output.contains("1 passed, 0 failed"), "billsh test: \(output)")
  }

  /// libedit's incremental search ends on ESC and drops it: the rest of an arrow key ("[C")
  /// must not be typed into the line; the arrow ends the search and moves the cursor.
  @Test func anArrowEndsAReverseSearch() throws {
    let pty = try startShell(home: freshFolder())
    expectTrue(pty.waitFor(annPrompt), "\(pty.text)")
    type(pty, "features bob")
    expectTrue(pty.waitFor(annPrompt), "\(pty.text)")
    pty.send("\u{12}")  // Ctrl-R
    pty.send("feat")
    expectTrue(pty.waitFor("feat"), "\(pty.text)")
    // Right: the search ends with the cursor on "features bob", one to the right; then "X".
    // NB: the arrow is taken before "X" is typed: wait for the redraw it causes, not a time.
    let before = pty.output.utf8.count
    pty.send("\u{1b}[C")
    expectTrue(pty.waitUntil { $0.output.utf8.count > before }, "\(pty.text.debugDescription)")
    pty.send("X\r")
    #expect(
      pty.waitFor("unknown command fXeatures"), "\(pty.text.debugDescription)"
    )
    expectTrue(pty.waitFor(annPrompt), "\(pty.text)")
    expectTrue(!pty.text.contains("[C"), "\(pty.text.debugDescription)")
    leave(pty)
  }

  /// A window resize while a line is edited draws the prompt and the line again.
  @Test func aResizeRedrawsThePromptAndTheLine() throws {
    let pty = try startShell(home: freshFolder())
    expectTrue(pty.waitFor(annPrompt), "\(pty.text)")
    pty.send("plan team Des")
    expectTrue(pty.waitFor("plan team Des"), "\(pty.text)")
    pty.skipToEnd()
    pty.resize(columns: 60, rows: 20)
    expectTrue(pty.waitFor(annPrompt + "plan team Des"), "\(pty.text)")
    // Editing goes on as before.
    pty.send("ign\r")
    expectTrue(pty.waitFor("P1 team Design: starter"), "\(pty.text)")
    expectTrue(pty.waitFor(annPrompt), "\(pty.text)")
    leave(pty)
  }

  /// libedit glues a marked region to the next visible character: adjacent
  /// escapes must share one region and a trailing one is left out.
  @Test func promptEscapesShareOneMarkedRegion() {
    let m = "\u{01}"
    #expect(
      LibEditLineSource.markEscapes("\u{1b}[1;32mann\u{1b}[0m\u{1b}[2m\u{1b}[0m> ")
        == "\(m)\u{1b}[1;32m\(m)ann\(m)\u{1b}[0m\u{1b}[2m\u{1b}[0m\(m)> ")
    expectEqual(LibEditLineSource.markEscapes("a> \u{1b}[0m"), "a> ")
    expectEqual(LibEditLineSource.markEscapes("plain> "), "plain> ")
  }
}
