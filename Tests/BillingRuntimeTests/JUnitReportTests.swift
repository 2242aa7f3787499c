import Foundation
import Testing

@testable import BillingPlayback
@testable import BillingRuntime

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// A JUnit document as an XML parser reads it: each element's name, attributes and text, in
/// document order; nil if the parser rejects it.
struct ParsedXML {
  struct Element {
    var name: String
    var attributes: [String: String]
    var text = ""
  }
  var elements: [Element] = []

  func all(_ name: String) -> [Element] { elements.filter { $0.name == name } }

  init?(_ text: String) {
    let parser = XMLParser(data: Data(text.utf8))
    let collector = Collector()
    parser.delegate = collector
    guard parser.parse() else { return nil }
    elements = collector.elements
  }

  private final class Collector: NSObject, XMLParserDelegate {
    var elements: [Element] = []
    var open: [Int] = []

    func parser(
      _ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
      qualifiedName: String?, attributes: [String: String] = [:]
    ) {
      open.append(elements.count)
      elements.append(Element(name: name, attributes: attributes))
    }

    func parser(
      _ parser: XMLParser, didEndElement name: String, namespaceURI: String?,
      qualifiedName: String?
    ) {
      _ = open.popLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
      if let i = open.last { elements[i].text += string }
    }
  }
}

@Sendable private func echoReplay(_ commands: [String]) -> [[String]] {
  commands.map { $0.hasPrefix("echo ") ? [String($0.dropFirst(5))] : ["error: unknown command"] }
}

private func tempDir() -> String {
  let path = NSTemporaryDirectory() + "junit-tests-" + UUID().uuidString
  _ = try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  return path
}

private func write(_ path: String, _ bytes: [UInt8]) {
  #expect(
    FileManager.default.createFile(atPath: path, contents: Data(bytes)), "cannot write \(path)")
}

@Suite struct JUnitReportTests {
  /// A run with a pass, a mismatch, one with markup and a control character in its path and
  /// diff, and a file that is not UTF-8.
  func mixedRun() -> (dir: String, summary: TranscriptRunner.Summary, report: String) {
    let dir = tempDir()
    write("\(dir)/a-good.transcript", Array("Fine.\n  > echo hi\n  hi\n".utf8))
    write("\(dir)/b-bad.transcript", Array("  > echo one\n  two\n".utf8))
    write(
      "\(dir)/c-<odd> & \"quoted\".transcript",
      Array("  > echo a&b <c> \"d\" \u{1B}[1m\n  x\n".utf8))
    write("\(dir)/d-binary.transcript", [0x20, 0x20, 0x3E, 0x20, 0xFF, 0x0A])
    var report = ""
    let summary = TranscriptRunner(jobs: 2, update: false, replay: echoReplay).run(
      paths: [dir], output: &report)
    return (dir, summary, report)
  }

  @Test func isValidXMLWithCountsAndOneCasePerFileInPathOrder() throws {
    let (dir, summary, report) = mixedRun()
    expectTrue(report.hasSuffix("\n1 passed, 3 failed\n"))
    let xml = JUnitReport.xml(summary)
    expectTrue(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites "))
    let doc = try #require(ParsedXML(xml), "not well-formed:\n\(xml)")
    expectEqual(doc.all("testsuites").count, 1)
    let suites = doc.all("testsuite")
    expectEqual(suites.count, 1)
    for element in [doc.all("testsuites")[0], suites[0]] {
      expectEqual(element.attributes["tests"], "4")
      expectEqual(element.attributes["failures"], "2")
      expectEqual(element.attributes["errors"], "1")
      expectTrue(Double(element.attributes["time"] ?? "") != nil)
    }
    expectEqual(suites.first?.attributes["name"], "billsh transcripts")
    let cases = doc.all("testcase")
    #expect(
      cases.map { $0.attributes["name"] } == [
        "\(dir)/a-good.transcript", "\(dir)/b-bad.transcript",
        "\(dir)/c-<odd> & \"quoted\".transcript", "\(dir)/d-binary.transcript",
      ])
    expectTrue(cases.allSatisfy { $0.attributes["classname"] == "transcripts" })
    expectTrue(cases.allSatisfy { Double($0.attributes["time"] ?? "") != nil })
  }

  @Test func failureCarriesTheDiffAndErrorTheIOMessage() throws {
    let (dir, summary, report) = mixedRun()
    let doc = try #require(ParsedXML(JUnitReport.xml(summary)))
    let failures = doc.all("failure")
    expectEqual(failures.count, 2)
    let bad = "\(dir)/b-bad.transcript"
    expectEqual(failures.first?.attributes["message"], "output differs from the transcript")
    #expect(
      failures.first?.text
        == "FAIL \(bad)\n--- expected: \(bad)\n+++ actual: \(bad)\n@@ -1,2 +1,2 @@\n   > echo one\n-  two\n+  one\n"
    )
    // The whole text report is the failures' and errors' texts, then the count line.
    let odd = try #require(failures.last)
    let errors = doc.all("error")
    expectEqual(errors.count, 1)
    #expect(
      errors.first?.attributes["message"]
        == "\(dir)/d-binary.transcript: error[io]: not valid UTF-8")
    let joined = (failures.first?.text ?? "") + odd.text + (errors.first?.text ?? "")
    expectEqual(
      joined + "1 passed, 3 failed\n", report.replacingOccurrences(of: "\u{1B}", with: "␛"))
  }

  @Test func specialCharactersAreEscaped() {
    #expect(
      JUnitReport.escape("a&b<c>\"d\"'\t\n\r\u{0}\u{1B}\u{7F}é\u{FFFE}", attribute: false)
        == "a&amp;b&lt;c&gt;&quot;d&quot;'\t\n&#13;␀␛␡é\u{FFFD}")
    expectEqual(JUnitReport.escape("a\tb\nc\r", attribute: true), "a&#9;b&#10;c&#13;")
    // What survives a parser: text keeps tab and newline; an attribute keeps them too.
    let xml =
      "<a b=\"\(JUnitReport.escape("x\ty\nz&<", attribute: true))\">"
      + JUnitReport.escape("p\tq\nr&<>\"", attribute: false) + "</a>"
    let doc = ParsedXML(xml)
    expectEqual(doc?.elements.first?.attributes["b"], "x\ty\nz&<")
    expectEqual(doc?.elements.first?.text, "p\tq\nr&<>\"")
    // Which is why: a parser refuses these unescaped.
    expectTrue(ParsedXML("<a>x & y</a>") == nil)
    expectTrue(ParsedXML("<a>x \u{1B} y</a>") == nil)
    expectTrue(ParsedXML("<a>x &#27; y</a>") == nil)
  }

  @Test func timesAreSecondsWithThreeDecimals() {
    expectEqual(JUnitReport.seconds(.zero), "0.000")
    expectEqual(JUnitReport.seconds(.milliseconds(42)), "0.042")
    expectEqual(JUnitReport.seconds(.microseconds(1_234_567)), "1.234")
    expectEqual(JUnitReport.seconds(.seconds(75)), "75.000")
  }

  @Test func onlyTheTimesVaryBetweenRuns() {
    var one = mixedRun().summary
    var two = one
    two.time = .seconds(9)
    for i in two.files.indices { two.files[i].time = .milliseconds(i) }
    let strip = { (xml: String) in
      xml.replacingOccurrences(of: #"time="[0-9.]+""#, with: "", options: .regularExpression)
    }
    expectEqual(strip(JUnitReport.xml(one)), strip(JUnitReport.xml(two)))
    one.files.removeAll()
    expectEqual(ParsedXML(JUnitReport.xml(one))?.all("testsuite").first?.attributes["tests"], "0")
  }

  @Test func writesAtomicallyAndReportsUnwritablePaths() throws {
    let (dir, summary, _) = mixedRun()
    let path = "\(dir)/out/junit.xml"
    // The error names the target and its folder, never the hidden temporary file.
    do {
      try JUnitReport.write(summary, to: path)
      Issue.record("wrote \(path) into a folder that does not exist")
    } catch {
      expectEqual(error.path, path)
      expectTrue(
        error.message.hasPrefix("cannot write in the folder \(dir)/out: "), "\(error.message)")
      expectTrue(!error.description.contains(".tmp-"), "\(error.description)")
    }
    try FileManager.default.createDirectory(
      atPath: "\(dir)/out", withIntermediateDirectories: true)
    try JUnitReport.write(summary, to: path)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == JUnitReport.xml(summary))
    #expect(try FileManager.default.contentsOfDirectory(atPath: "\(dir)/out") == ["junit.xml"])
  }
}
