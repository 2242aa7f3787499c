// `billsh test --junit FILE`: the run's outcomes as JUnit XML, the form CI systems read.

/// Renders a transcript run as JUnit XML: one suite, one test case per file in path order.
///
/// Everything but the `time` attributes is the same from run to run.
package enum JUnitReport {
  /// The XML document for `summary`.
  package static func xml(_ summary: TranscriptRunner.Summary) -> String {
    let tests = summary.files.count
    let failures = summary.files.count(where: { $0.status == .failed })
    let errors = summary.files.count(where: { $0.status == .error })
    let counts =
      "tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errors)\" time=\"\(seconds(summary.time))\""
    var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    xml += "<testsuites \(counts)>\n"
    xml += "  <testsuite name=\"billsh transcripts\" \(counts)>\n"
    for file in summary.files {
      xml +=
        "    <testcase classname=\"transcripts\" name=\"\(escape(file.path, attribute: true))\""
      xml += " time=\"\(seconds(file.time))\""
      let element: String
      switch file.status {
      case .passed:
        xml += "/>\n"
        continue
      case .failed: element = "failure"
      case .error: element = "error"
      }
      xml += ">\n      <\(element) message=\"\(escape(message(file), attribute: true))\">"
      xml += escape(file.report, attribute: false)
      xml += "</\(element)>\n    </testcase>\n"
    }
    xml += "  </testsuite>\n</testsuites>\n"
    return xml
  }

  /// Writes the XML for `summary` to `path`, replacing the file atomically.
  package static func write(_ summary: TranscriptRunner.Summary, to path: String)
    throws(TranscriptIOError)
  {
    try TranscriptFileIO.writeAtomically(path, Array(xml(summary).utf8))
  }

  /// One line saying what went wrong: the report's first line other than "FAIL <path>" and
  /// "updated <path>", or a fixed phrase when that line starts the diff.
  static func message(_ file: TranscriptRunner.FileOutcome) -> String {
    let lines = file.report.split(separator: "\n", omittingEmptySubsequences: false)
    let first = lines.first { $0 != "FAIL \(file.path)" && $0 != "updated \(file.path)" }
    guard let first, !first.isEmpty else { return "failed" }
    if first.hasPrefix("--- expected: ") { return "output differs from the transcript" }
    return String(first)
  }

  /// Seconds with three decimals ("0.042").
  static func seconds(_ time: Duration) -> String {
    let (whole, atto) = time.components
    guard whole >= 0, atto >= 0 else { return "0.000" }
    let millis = atto / 1_000_000_000_000_000
    let digits = String(millis)
    return "\(whole)." + String(repeating: "0", count: 3 - digits.count) + digits
  }

  /// `text` made safe for XML 1.0 inside an element (`attribute` false) or a double-quoted
  /// attribute: markup characters become entities, a carriage return a character reference,
  /// and the control characters XML 1.0 cannot hold at all the matching Control Pictures
  /// symbols (U+0001 becomes "␁"). In an attribute, tab and newline become character
  /// references, since parsers turn them into spaces.
  static func escape(_ text: String, attribute: Bool) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar.value {
      case 0x26: out += "&amp;"
      case 0x3C: out += "&lt;"
      case 0x3E: out += "&gt;"
      case 0x22: out += "&quot;"
      case 0x0D: out += "&#13;"
      case 0x09: out += attribute ? "&#9;" : "\t"
      case 0x0A: out += attribute ? "&#10;" : "\n"
      case 0x00...0x1F: out.unicodeScalars.append(Unicode.Scalar(0x2400 + scalar.value) ?? "?")
      case 0x7F: out += "\u{2421}"
      case 0xFFFE, 0xFFFF: out += "\u{FFFD}"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
