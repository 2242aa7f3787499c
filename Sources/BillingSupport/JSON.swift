/// A JSON value with ordered object keys, so output is byte-for-byte deterministic.
package enum JSON: Sendable, Equatable {
  case null
  case bool(Bool)
  case int(Int)
  case string(String)
  case array([JSON])
  case object([(String, JSON)])

  package static func == (a: JSON, b: JSON) -> Bool {
    switch (a, b) {
    case (.null, .null): return true
    case (.bool(let x), .bool(let y)): return x == y
    case (.int(let x), .int(let y)): return x == y
    case (.string(let x), .string(let y)): return x == y
    case (.array(let x), .array(let y)): return x == y
    case (.object(let x), .object(let y)):
      // NB: an index loop, not zip/allSatisfy: the tests compare whole worlds this way, and
      // the generic form costs several times more in a debug build.
      guard x.count == y.count else { return false }
      for i in x.indices where x[i].0 != y[i].0 || x[i].1 != y[i].1 { return false }
      return true
    default: return false
    }
  }

  package subscript(key: String) -> JSON? {
    if case .object(let pairs) = self { return pairs.first { $0.0 == key }?.1 }
    return nil
  }

  package static func str(_ s: String?) -> JSON { s.map { .string($0) } ?? .null }
  package static func num(_ n: Int?) -> JSON { n.map { .int($0) } ?? .null }

  /// Compact text, keys in their given order.
  package var text: String {
    var out = ""
    write(to: &out)
    return out
  }

  package func write(to out: inout String) {
    switch self {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .int(let n): out += String(n)
    case .string(let s): JSON.escape(s, into: &out)
    case .array(let items):
      out += "["
      for (i, v) in items.enumerated() {
        if i > 0 { out += ", " }
        v.write(to: &out)
      }
      out += "]"
    case .object(let pairs):
      out += "{"
      for (i, (k, v)) in pairs.enumerated() {
        if i > 0 { out += ", " }
        JSON.escape(k, into: &out)
        out += ": "
        v.write(to: &out)
      }
      out += "}"
    }
  }

  /// NB: by UTF-8 bytes, each run that needs no escape appended whole: appending scalar by
  /// scalar was most of the work of a `--json` playback. Every byte an escape starts at is
  /// ASCII or the lead byte 0xC2 of a C1 control, so every cut falls between scalars.
  static func escape(_ s: String, into out: inout String) {
    out += "\""
    // NB: most strings need no escape at all: found eight bytes at a time, then appended whole.
    if s.utf8.withContiguousStorageIfAvailable(JSON.mayNeedEscape) == false {
      out += s
      out += "\""
      return
    }
    let u = s.utf8
    var run = u.startIndex
    var i = u.startIndex
    while i != u.endIndex {
      let b = u[i]
      var next = u.index(after: i)
      let escaped: String
      switch b {
      case 0x22: escaped = "\\\""
      case 0x5C: escaped = "\\\\"
      case 0x0A: escaped = "\\n"
      case 0x0D: escaped = "\\r"
      case 0x09: escaped = "\\t"
      case 0xC2 where next != u.endIndex && u[next] >= 0x80 && u[next] <= 0x9F:
        // NB: C1 controls too (U+0080–U+009F): a terminal reading the JSON acts on them.
        escaped = JSON.unicodeEscape(UInt32(u[next]))
        next = u.index(after: next)
      default:
        guard b < 0x20 || b == 0x7F else {
          i = next
          continue
        }
        escaped = JSON.unicodeEscape(UInt32(b))
      }
      out.append(contentsOf: s[run..<i])
      out += escaped
      run = next
      i = next
    }
    out.append(contentsOf: s[run..<u.endIndex])
    out += "\""
  }

  /// Whether some byte may start an escape (a quote, a backslash, a control, DEL or 0xC2, the
  /// first byte of a C1 control); a false yes only costs the byte loop.
  private static func mayNeedEscape(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = bytes.baseAddress else { return false }
    let n = bytes.count
    var i = 0
    while i + 8 <= n {
      let x = ByteWord.load(base, i)
      if ByteWord.hasBelow(x, 0x20) || ByteWord.has(x, 0x22) || ByteWord.has(x, 0x5C)
        || ByteWord.has(x, 0x7F) || ByteWord.has(x, 0xC2)
      {
        return true
      }
      i += 8
    }
    while i < n {
      let b = base[i]
      if b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F || b == 0xC2 { return true }
      i += 1
    }
    return false
  }

  /// `\u` and four hex digits.
  private static func unicodeEscape(_ value: UInt32) -> String {
    let hex = String(value, radix: 16)
    return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
  }

  /// Parses JSON text; errors say where (line:column) and what. An object naming a key twice is
  /// an error (which value would count is not said anywhere).
  package static func parse(_ text: String) throws(JSONSyntaxError) -> JSON {
    try parse(bytes: Array(text.utf8))
  }

  /// Parses JSON from UTF-8 bytes (strings are checked as they are read), without a copy as text.
  /// With `keys`, an object key not among them is an error where it stands, before its value
  /// is read: a file of junk under unknown keys is refused without being held in memory.
  package static func parse(bytes: [UInt8], keys: Set<String>? = nil) throws(JSONSyntaxError)
    -> JSON
  {
    var p = JSONParser(bytes: bytes, keys: keys)
    p.skipSpace()
    let v = try p.value(depth: 0)
    p.skipSpace()
    if p.i < p.bytes.count { throw p.error("unexpected text after the JSON value") }
    return v
  }
}

/// Why a text is not JSON, and where: `bad JSON at line 3, column 7: expected a value`.
package struct JSONSyntaxError: Error, Equatable, Sendable {
  package var message: String
}

/// A JSON reader that keeps object keys in order and says where text goes wrong.
/// NB: kept rather than Foundation's JSONDecoder: no target of ours imports Foundation, and the
/// runtime and the fuzz build link none of it. A tiny program decoding one array with
/// JSONDecoder took 13.7 to 15.9 ms a run against 10.1 to 11.5 ms without it (-O, 200 runs each, 2-core Linux). JSONDecoder also loses key order (the
/// catalog names the first unknown key) and words its errors differently (no line and column),
/// so messages would change.
struct JSONParser {
  let bytes: [UInt8]
  var keys: Set<String>? = nil
  var i = 0

  func error(_ m: String) -> JSONSyntaxError {
    var line = 1, col = 1
    for b in bytes[..<min(i, bytes.count)] {
      if b == 10 { line += 1; col = 1 } else { col += 1 }
    }
    return JSONSyntaxError(message: "bad JSON at line \(line), column \(col): \(m)")
  }

  mutating func skipSpace() {
    // NB: a switch, not `[32, 9, 10, 13].contains`: no array per byte in unoptimized builds.
    while i < bytes.count {
      switch bytes[i] {
      case 32, 9, 10, 13: i += 1
      default: return
      }
    }
  }

  mutating func value(depth: Int) throws(JSONSyntaxError) -> JSON {
    guard depth < 64 else { throw error("nested too deeply") }
    guard i < bytes.count else { throw error("unexpected end of file") }
    switch bytes[i] {
    case UInt8(ascii: "{"):
      i += 1
      var pairs: [(String, JSON)] = []
      var seen: Set<String>?
      skipSpace()
      if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .object(pairs) }
      while true {
        skipSpace()
        guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else {
          throw error("expected a key in double quotes")
        }
        let keyAt = i
        let k = try string()
        if let keys, !keys.contains(k) { i = keyAt; throw error("unknown key \"\(k)\"") }
        if seen != nil {
          if seen?.insert(k).inserted == false { i = keyAt; throw error("duplicate key \"\(k)\"") }
        } else if pairs.contains(where: { $0.0 == k }) {
          i = keyAt
          throw error("duplicate key \"\(k)\"")
        } else if pairs.count == 16 {
          // NB: a set once an object is large, so many keys cost no quadratic search.
          seen = Set(pairs.map(\.0))
          seen?.insert(k)
        }
        skipSpace()
        guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else {
          throw error("expected ':' after key \"\(k)\"")
        }
        i += 1
        skipSpace()
        pairs.append((k, try value(depth: depth + 1)))
        skipSpace()
        guard i < bytes.count else { throw error("unexpected end of file in an object") }
        if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
        if bytes[i] == UInt8(ascii: "}") { i += 1; return .object(pairs) }
        throw error("expected ',' or '}'")
      }
    case UInt8(ascii: "["):
      i += 1
      var items: [JSON] = []
      skipSpace()
      if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
      while true {
        skipSpace()
        items.append(try value(depth: depth + 1))
        skipSpace()
        guard i < bytes.count else { throw error("unexpected end of file in an array") }
        if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
        if bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
        throw error("expected ',' or ']'")
      }
    case UInt8(ascii: "\""):
      return .string(try string())
    case UInt8(ascii: "t"): return try literal("true", .bool(true))
    case UInt8(ascii: "f"): return try literal("false", .bool(false))
    case UInt8(ascii: "n"): return try literal("null", .null)
    default:
      let start = i
      if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
      while i < bytes.count, bytes[i] >= 48, bytes[i] <= 57 { i += 1 }
      if i < bytes.count,
        [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(bytes[i])
      {
        throw error("only whole numbers are used here")
      }
      guard i > start, let n = Int(String(decoding: bytes[start..<i], as: UTF8.self)) else {
        i = start
        throw error("expected a value")
      }
      return .int(n)
    }
  }

  mutating func literal(_ word: String, _ v: JSON) throws(JSONSyntaxError) -> JSON {
    let w = Array(word.utf8)
    guard i + w.count <= bytes.count, Array(bytes[i..<i + w.count]) == w else {
      throw error("expected a value")
    }
    i += w.count
    return v
  }

  mutating func string() throws(JSONSyntaxError) -> String {
    i += 1
    var out: [UInt8] = []
    while i < bytes.count {
      let b = bytes[i]
      if b == UInt8(ascii: "\"") {
        i += 1
        guard let s = String(validating: out, as: UTF8.self) else {
          throw error("invalid UTF-8 in a string")
        }
        return s
      }
      if b < 0x20 { throw error("control character in a string") }
      if b == UInt8(ascii: "\\") {
        i += 1
        guard i < bytes.count else { break }
        switch bytes[i] {
        case UInt8(ascii: "n"): out.append(10)
        case UInt8(ascii: "t"): out.append(9)
        case UInt8(ascii: "r"): out.append(13)
        case UInt8(ascii: "b"): out.append(8)
        case UInt8(ascii: "f"): out.append(12)
        case UInt8(ascii: "/"): out.append(47)
        case UInt8(ascii: "\\"): out.append(92)
        case UInt8(ascii: "\""): out.append(34)
        case UInt8(ascii: "u"):
          guard i + 4 < bytes.count,
            let code = UInt32(String(decoding: bytes[i + 1...i + 4], as: UTF8.self), radix: 16)
          else {
            throw error("bad \\u escape")
          }
          i += 4
          var scalarValue = code
          if (0xD800...0xDBFF).contains(code), i + 6 < bytes.count, bytes[i + 1] == 92,
            bytes[i + 2] == UInt8(ascii: "u"),
            let low = UInt32(String(decoding: bytes[i + 3...i + 6], as: UTF8.self), radix: 16),
            (0xDC00...0xDFFF).contains(low)
          {
            scalarValue = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            i += 6
          }
          guard let sc = Unicode.Scalar(scalarValue) else { throw error("bad \\u escape") }
          out.append(contentsOf: Array(String(Character(sc)).utf8))
        default: throw error("bad escape in a string")
        }
        i += 1
        continue
      }
      out.append(b)
      i += 1
    }
    throw error("unterminated string")
  }
}
