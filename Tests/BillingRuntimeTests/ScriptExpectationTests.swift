import Foundation
import Testing

@testable import BillingModel
import BillingRuntime
import BillingSupport

/// Scripts that read well (SPEC §8): expected failures shown as expected, `!R14`, and the
/// summary `billsh run` prints after each file.
extension EndToEndTests {
  static let owned = """
    create org Acme
    add ann bob --org Acme --admin
    create plan org Acme --tier starter --owner ann

    """

  @Test func expectedFailuresPrintAsExpected() throws {
    let (_, path) = try script(
      EndToEndTests.owned + """
        !permission-denied as bob invoices org Acme
        !R14 as bob cancel org Acme
        !r14 as bob seats org Acme
        ! as bob seats org Acme

        """)
    let run = try billsh(["run", path])
    expectEqual(run.code, 0, "\(run.stdout)")
    for line in 4...7 {
      expectTrue(run.stdout.contains("\(path):\(line): expected error[permission-denied]: "))
    }
    expectTrue(!run.stdout.contains("\(path):4: error["))
    expectEqual(run.stderr, "\(path): 7 commands, 7 met, 0 unmet\n")
  }

  @Test func aBareBangIsNotMetByAUsageError() throws {
    // SPEC §5: `! R14 …` (a space after `!`) runs the unknown command `R14`: unmet, exit 2.
    let (_, path) = try script(
      EndToEndTests.owned + """
        ! R14 as bob invoices org Acme
        !usage R14 as bob invoices org Acme
        ! as bob cancel org Acme --bogus

        """)
    let run = try billsh(["run", path])
    expectEqual(run.code, 2, "\(run.stdout)")
    expectTrue(
      run.stdout.contains(
        "\(path):4: expected ! but got error[usage] (a bare ! expects the command to run and be"
          + " refused; write !usage to expect a usage error)"), "\(run.stdout)")
    expectTrue(run.stdout.contains("\(path):5: expected error[usage]: "), "\(run.stdout)")
    expectTrue(run.stdout.contains("\(path):6: expected ! but got error[usage]"))
    expectEqual(run.stderr, "\(path): 6 commands, 4 met, 2 unmet\n")
    // A bare `!` is still met by a refusal that is not usage.
    let (_, refused) = try script(EndToEndTests.owned + "! as bob invoices org Acme\n")
    expectEqual(try billsh(["run", refused]).code, 0)
  }

  @Test func ruleExpectationsAreMetByTheRuleWhateverTheCode() throws {
    let (_, path) = try script(
      EndToEndTests.owned + """
        !R14 as bob invoices org Acme
        !R12 as bob seats org Acme
        !R14 as ann seats org Acme

        """)
    let run = try billsh(["run", path])
    expectEqual(run.code, 1)
    expectTrue(run.stdout.contains("\(path):4: expected error[permission-denied]"))
    expectTrue(
      run.stdout.contains("\(path):5: expected !R12 but got error[permission-denied] (R14)"))
    expectTrue(run.stdout.contains("\(path):6: expected !R14 but the command succeeded"))
    expectEqual(run.stderr, "\(path): 6 commands, 4 met, 2 unmet\n")
    let json = try billsh(["run", "--json", path])
    let r = json.records
    expectEqual(r.count, 6)
    expectEqual(r[3]["expect"], .string("R14"))
    expectEqual(r[3]["met"], .bool(true))
    expectEqual(r[4]["expect"], .string("R12"))
    expectEqual(r[4]["met"], .bool(false))
    // SPEC §8: the summary is printed under --json too, on stderr.
    expectEqual(json.stderr, "\(path): 6 commands, 4 met, 2 unmet\n")
  }

  @Test(arguments: ["!R23 clock", "!P0 clock", "!bogus clock", "!Invalid clock"])
  func unknownCodeOrRuleIsUsage(_ line: String) throws {
    let (_, path) = try script(line + "\n")
    let run = try billsh(["run", path])
    expectEqual(run.code, 2)
    expectTrue(run.stdout.hasPrefix("\(path):1: error[usage]: unknown "), "\(run.stdout)")
    expectEqual(run.stderr, "\(path): 1 command, 0 met, 1 unmet\n")
  }

  @Test func summaryCountsReadLinesAndEachFile() throws {
    let (dir, path) = try script(
      "create org Acme\n.read inner.bill\n!conflict create org Acme\n", name: "outer.bill")
    try "add ann --org Acme\n!invalid add ann --org Acme\nclock\n".write(
      toFile: dir + "/inner.bill", atomically: true, encoding: .utf8)
    let other = dir + "/other.bill"
    try "clock\n".write(toFile: other, atomically: true, encoding: .utf8)
    let run = try billsh(["run", path, other])
    // outer: 3 lines of its own and the 3 of inner.bill; `!invalid add` failed with conflict.
    expectTrue(run.stdout.contains("\(dir)/inner.bill:2: error[conflict]: "))
    expectTrue(run.stdout.contains("\(path):3: expected error[conflict]: "))
    #expect(
      run.stderr == "\(path): 6 commands, 5 met, 1 unmet\n\(other): 1 command, 1 met, 0 unmet\n")
    expectEqual(run.code, 1)
    // Piped input prints no summary.
    let piped = try billsh([], stdin: "clock\n!conflict clock\n")
    expectTrue(piped.stderr.isEmpty)
    expectTrue(piped.stdout.contains("<stdin>:2: expected !conflict but the command succeeded"))
  }

  @Test func transcriptsOfReadScriptsShowExpectedLines() throws {
    let (dir, _) = try script("create org Acme\n!conflict create org Acme\n", name: "inner.bill")
    let (_, outer) = try script(".read \(dir)/inner.bill\n", name: "outer.bill")
    let run = try billsh(["run", "--transcript", outer])
    #expect(
      run.stdout.contains("  \(dir)/inner.bill:2: expected error[conflict]: "), "\(run.stdout)")
    expectTrue(run.stderr.isEmpty)
  }
}
