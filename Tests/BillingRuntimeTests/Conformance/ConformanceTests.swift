import Foundation
import Testing

@testable import BillingLanguage
@testable import BillingPlayback
@testable import BillingRuntime
import BillingSupport

/// SPEC §9: billsh as the oracle for another implementation, checked against billsh itself, an
/// adapter that breaks one rule on purpose, and adapters that break the protocol.
@Suite(.serialized) struct ConformanceTests {
  static let binary: String = PseudoTerminal.builtProduct("billsh") ?? ".build/debug/billsh"
  /// The repository's root, found from this file's place in it.
  static let root: String = {
    var path = #filePath
    for _ in 0..<4 { path = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)]) }
    return path
  }()
  static let itself = "'\(binary)' --json"
  static let lenientCancel =
    "BILLSH='\(binary)' sh '\(root)/Scripts/adapters/lets-anyone-cancel.sh'"
  static let centMore =
    "BILLSH='\(binary)' sh '\(root)/Scripts/adapters/one-cent-more-pro-rata.sh'"

  /// A new empty folder for the files a run writes.
  static func scratch() -> String {
    let path = NSTemporaryDirectory() + "billsh-conformance-" + UUID().uuidString
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  // MARK: Against billsh itself

  @Test func billshAgreesWithItself() {
    let report = Fuzzer.run(
      FuzzOptions(seed: 1, scenarios: 40, lines: 40, jobs: 2, out: Self.scratch()),
      contender: Contender(command: Self.itself, timeout: 120))
    #expect(report.code == 0, "\(report.text)")
    #expect(report.text == "fuzz: 40 scenarios of 40 lines, seed 1: all agree\n")
  }

  @Test func everyTranscriptAgreesWhenPlayedThroughBillsh() {
    // NB: the program under test runs in a folder of its own, so what a transcript saves
    // through it stays out of the repository.
    var out = ""
    let (summary, code) = AgainstRunner(
      contender: Contender(
        command: "cd '\(Self.scratch())' && \(Self.itself)", timeout: 120, comparesText: true),
      jobs: 2
    ).run(paths: [Self.root + "/Tests/Transcripts"], output: &out)
    #expect(code == 0, "\(out)")
    #expect(summary.files.count >= 66)
    #expect(out.hasSuffix("\(summary.files.count) passed, 0 failed\n"))
  }

  // MARK: An adapter that breaks R14 on purpose

  @Test func aBrokenRuleIsFoundAndShrunkToAFewLinesNamingIt() throws {
    let folder = Self.scratch()
    let report = Fuzzer.run(
      FuzzOptions(seed: 1, scenarios: 300, lines: 40, jobs: 2, out: folder),
      contender: Contender(command: Self.lenientCancel, timeout: 120))
    #expect(report.code == 1, "\(report.text)")
    // NB: five at most: a scenario may reach the broken rule through a remedy first (such as
    // `support transfer` making the canceling user no longer the owner), a line no shrink drops.
    #expect(report.shrunk.count <= 5, "\(report.shrunk)")
    let script = try #require(report.script)
    let lines = script.split(separator: "\n").filter { !$0.hasPrefix("#") }
    #expect(lines.count == report.shrunk.count)
    let last = try #require(lines.last)
    #expect(last.hasPrefix("!R14 ") && last.contains("cancel"), "\(script)")
    let path = try #require(report.path)
    #expect(path == "\(folder)/disagreement-\(report.scenario ?? 0).bill")
    // The file is what was printed, and billsh run passes it.
    let run = try ChildProcess.run(
      "'\(Self.binary)' run '\(path)'", input: [], timeout: 120)
    #expect(run.end == .exited(0), "\(String(decoding: run.stdout, as: UTF8.self))")
    // The same seed finds the same thing.
    let again = Fuzzer.run(
      FuzzOptions(seed: 1, scenarios: 300, lines: 40, jobs: 1, out: folder),
      contender: Contender(command: Self.lenientCancel, timeout: 120))
    #expect(again.script == report.script)
  }

  @Test func aCentTooManyIsFoundOnTheInvoiceAndNamesP3() throws {
    let report = Fuzzer.run(
      FuzzOptions(seed: 1, scenarios: 300, lines: 40, jobs: 2, out: Self.scratch()),
      contender: Contender(command: Self.centMore, timeout: 120))
    #expect(report.code == 1, "\(report.text)")
    #expect(report.shrunk.count <= 5, "\(report.shrunk)")
    let d = try #require(report.disagreement)
    #expect(d.difference.field == "result.invoice.amount_cents")
    if case .int(let ours)? = d.difference.expected, case .int(let theirs)? = d.difference.actual {
      #expect(theirs == ours + 1)
    } else {
      Issue.record("not amounts: \(d.difference)")
    }
    #expect(report.rules == ["P3"])
    #expect(
      report.script?.contains("# The rule at stake: P3 (`billsh rules P3` explains it).\n") == true)
    let last = try #require(report.shrunk.last)
    #expect(last.contains("edit") || last.contains("downgrade"))
  }

  @Test func theBrokenRuleIsFoundInTheTranscriptsToo() {
    var out = ""
    let (_, code) = AgainstRunner(
      contender: Contender(command: Self.lenientCancel, timeout: 120), jobs: 2
    ).run(
      paths: [
        Self.root + "/Tests/Transcripts/02-admin-cannot-download-invoices.transcript",
        Self.root + "/Tests/Transcripts/38-team-billing-tab-owner-only.transcript",
      ], output: &out)
    #expect(code == 1)
    #expect(out.contains("ok: billsh false, CMD true"), "\(out)")
  }

  // MARK: Adapters that break the protocol

  static let lines = [
    "create org Acme", "add ann bob --org Acme", "as ann upgrade org Acme --tier starter",
    "as bob cancel org Acme", "log",
  ]

  func verdict(_ command: String, timeout: Double = 120) -> Verdict {
    Conformance.check(Self.lines, against: Contender(command: command, timeout: timeout))
  }

  /// The `--timeout` under test (not a guard of this test's time): the adapter never ends, so
  /// however busy the machine, it is killed after this many seconds.
  static let hangTimeout: Double = 2

  @Test func aHangIsKilledAtTheTimeoutAndNamesItsLine() throws {
    // NB: the adapter answers two lines and then never ends.
    guard
      case .broken(let p) = verdict(
        "\(Self.itself) | head -n 2; sleep 600", timeout: Self.hangTimeout)
    else {
      Issue.record("not a protocol error")
      return
    }
    #expect(p.index == 2)
    #expect(
      p.message.hasPrefix(
        "it did not finish within 2 s (a hang?) and was killed, after 2 records for 5 lines"))
  }

  @Test func aCrashIsReportedWithItsSignalAndLine() {
    guard case .broken(let p) = verdict("\(Self.itself) | head -n 3; kill -SEGV $$") else {
      Issue.record("not a protocol error")
      return
    }
    #expect(p.index == 3)
    #expect(p.message.hasPrefix("it crashed (signal 11, SIGSEGV) after 3 records for 5 lines"))
  }

  @Test func garbageIsReportedWithItsLine() {
    guard case .broken(let p) = verdict("\(Self.itself) | sed '2s/.*/Segmentation fault/'") else {
      Issue.record("not a protocol error")
      return
    }
    #expect(p.index == 1)
    #expect(p.message.hasPrefix("its output for this line is not a JSON record"))
    #expect(p.message.hasSuffix("\"Segmentation fault\""))
  }

  @Test func oneRecordTooFewIsReportedWithItsLine() {
    guard case .broken(let p) = verdict("\(Self.itself) | sed '$d'") else {
      Issue.record("not a protocol error")
      return
    }
    #expect(p.index == 4)
    #expect(p.message.hasPrefix("no record for this line: it wrote 4 records for 5 lines"))
  }

  @Test func oneRecordTooManyAndAProgramThatIsNotThereAreProtocolErrors() {
    guard case .broken(let extra) = verdict("\(Self.itself); echo '{\"ok\": true}'") else {
      Issue.record("not a protocol error")
      return
    }
    #expect(extra.index == nil)
    #expect(extra.message == "it wrote 6 records for 5 lines (one record per command line)")
    guard case .broken(let absent) = verdict("no-such-billing-program-here") else {
      Issue.record("not a protocol error")
      return
    }
    #expect(absent.index == 0)
    #expect(absent.message.contains("status 127"))
  }

  @Test func endlessOutputIsCutOff() {
    var contender = Contender(command: "yes ''", timeout: 120)
    contender.outputLimit = 1 << 20
    guard case .broken(let p) = Conformance.check(Self.lines, against: contender) else {
      Issue.record("not a protocol error")
      return
    }
    #expect(p.index == 0)
    #expect(p.message == "it wrote more than 1 MiB and was killed, after 0 records for 5 lines")
  }

  @Test func aProgramThatStopsReadingDoesNotStopBillsh() {
    // NB: billsh's write to a closed pipe fails with EPIPE, which is no signal and no trap.
    let big = (1...20000).map { "log # \($0)" }
    let v = Conformance.check(big, against: Contender(command: "exit 0", timeout: 120))
    guard case .broken(let p) = v else {
      Issue.record("not a protocol error")
      return
    }
    #expect(p.index == 0)
  }

  @Test func fuzzReportsAProtocolErrorWithExitTwo() {
    let folder = Self.scratch()
    let report = Fuzzer.run(
      FuzzOptions(seed: 3, scenarios: 5, lines: 10, jobs: 1, out: folder),
      contender: Contender(command: "\(Self.itself) | sed '4s/^/x/'", timeout: 120))
    #expect(report.code == 2)
    #expect(report.scenario == 1)
    #expect(
      report.text.hasPrefix("fuzz: scenario 1 (seed 3): CMD broke the protocol at line 4 ("),
      "\(report.text)")
    #expect(report.path == "\(folder)/protocol-error-1.bill")
  }

  @Test func aStopKillsTheProgramUnderTest() throws {
    let run = try ChildProcess.run("sleep 600", input: [], timeout: 600, stop: { true })
    #expect(run.end == .stopped)
    let report = Fuzzer.run(
      FuzzOptions(seed: 1, scenarios: 3, lines: 5, jobs: 1, out: Self.scratch()),
      contender: Contender(command: "sleep 600", timeout: 600, stop: { true }))
    #expect(report.code == 130)
  }

  // MARK: The binary

  @Test func theBinaryExitsZeroOneOrTwoAndWritesJUnit() throws {
    let folder = Self.scratch()
    func run(_ args: String) throws -> ChildRun {
      try ChildProcess.run("'\(Self.binary)' \(args)", input: [], timeout: 300)
    }
    let agree = try run("fuzz --against \"\(Self.itself)\" --scenarios 5 --jobs 1")
    #expect(agree.end == .exited(0))
    #expect(
      String(decoding: agree.stdout, as: UTF8.self)
        == "fuzz: 5 scenarios of 40 lines, seed 1: all agree\n")
    let transcript = "'\(Self.root)/Tests/Transcripts/02-admin-cannot-download-invoices.transcript'"
    let disagree = try run(
      "test --against \"\(Self.lenientCancel)\" --junit '\(folder)/j.xml' \(transcript) "
        + "'\(Self.root)/Tests/Transcripts/38-team-billing-tab-owner-only.transcript'")
    #expect(disagree.end == .exited(1), "\(String(decoding: disagree.stdout, as: UTF8.self))")
    let xml = try String(contentsOfFile: folder + "/j.xml", encoding: .utf8)
    #expect(xml.contains("<failure"))
    let broken = try run("test --against \"\(Self.itself) | sed 1d\" \(transcript)")
    #expect(broken.end == .exited(2))
    #expect(String(decoding: broken.stdout, as: UTF8.self).contains("protocol error: "))
  }
}
