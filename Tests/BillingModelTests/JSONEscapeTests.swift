import Testing

@testable import BillingSupport

/// JSON strings are escaped by runs of UTF-8 bytes; the result is what escaping scalar by
/// scalar gives (quotes, backslashes, C0 and C1 controls and DEL escaped, the rest as it is).
@Suite struct JSONEscapeTests {
  /// The escape scalar by scalar, as it was written first.
  func byScalars(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
      switch u {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if u.value < 0x20 || (u.value >= 0x7f && u.value <= 0x9f) {
          let hex = String(u.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(u)
        }
      }
    }
    return out + "\""
  }

  func escaped(_ s: String) -> String {
    var out = ""
    JSON.escape(s, into: &out)
    return out
  }

  @Test("runs, escapes at either end, C1 controls next to other two-byte letters")
  func sameAsByScalars() {
    let cases = [
      "", "plain", "\"", "\\", "a\"b\\c", "\n", "line\nline\r\n\ttab", "\u{0}\u{1}\u{1F}\u{7F}",
      "\u{80}\u{9F}\u{A0}\u{BF}", "caf\u{E9} \u{C2}\u{A2} \u{C2}\u{9B}x", "e\u{301}\n\u{301}",
      "\u{1F600}\"\u{1F600}", "Acme Holdings \u{FC}\u{1B}[31m",
      String(repeating: "ab\"", count: 300), "end\u{85}", "\u{9B}start",
      String(repeating: "abcdefgh", count: 40),
      "0123456789abcdef\u{1}", "0123456789abcdef\\", "0123456789abcde\u{9F}z",
    ]
    for s in cases { expectEqual(escaped(s), byScalars(s), "\(s.debugDescription)") }
    expectEqual(escaped("a\u{9B}b\u{7F}c\u{1B}d\"\\\n"), "\"a\\u009bb\\u007fc\\u001bd\\\"\\\\\\n\"")
    expectEqual(escaped("\u{C2}\u{A2}\u{85}"), "\"\u{C2}\u{A2}\\u0085\"")
  }
}
