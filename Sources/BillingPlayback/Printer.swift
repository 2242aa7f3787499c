import BillingModel
import BillingRuntime
import BillingSupport
import Platform
import Synchronization

/// Buffered writes to a file descriptor (stdout by default); flushes at 64 KiB and on demand.
/// NB: the buffer is a `Text`, so every piece is one copy into it, with no String made.
package final class Output: TextOutputStream {
  let fd: Int32
  var buffer = Text(capacity: 65536 + 4096)
  package var flushEachWrite = false
  /// Whether `write` shows control bytes escaped (`Text.visible`): for reports that quote files
  /// (`billsh test`'s diffs), which may hold anything.
  package var escapesControls = false

  package init(fd: Int32 = 1) {
    self.fd = fd
  }

  package func write(_ string: String) {
    buffer.append(escapesControls ? string.visible : string)
    written()
  }

  package func write(_ text: Text) {
    buffer.append(escapesControls ? text.visible : text)
    written()
  }

  /// A literal piece (no String made for it).
  package func put(_ literal: StaticString) {
    buffer.append(literal)
    written()
  }

  /// A record's line as `Text.visible` shows it, and a newline, written straight into the
  /// buffer: the failure's place (`file:line: `) and line, or the success's text (nothing when
  /// it is empty). One scan for control bytes covers the whole line, and no Text is made for it.
  package func writeLine(of r: Record) {
    let start = buffer.count
    if let f = r.outcome.failure {
      if let file = r.file {
        buffer.append(file)
        if let line = r.line {
          buffer.append(":" as StaticString)
          buffer.append(line)
        }
        buffer.append(": " as StaticString)
        if r.showsAsExpected { buffer.append("expected " as StaticString) }
      }
      f.appendLine(to: &buffer)
    } else {
      r.outcome.appendOK(to: &buffer)
      if buffer.count == start { return }
    }
    buffer.makeVisible(from: start)
    buffer.append(byte: 10)
    written()
  }

  /// A whole number in decimal.
  package func write(_ n: Int) {
    buffer.append(n)
    written()
  }

  @inline(__always)
  private func written() {
    if flushEachWrite || buffer.count >= 65536 { flush() }
  }

  /// The error of the first write that failed (a full disk, a closed pipe); nil while every
  /// write went through. After it, output is dropped: the front end reports it and exits 2.
  package var failure: Int32? {
    let e = failedWith.load(ordering: .relaxed)
    return e == 0 ? nil : e
  }
  /// Whether a write failed.
  /// NB: may be asked from another thread than the one writing (playback asks it between
  /// commands while the reading thread prints: see `Runner.runStream`).
  package var failed: Bool { failedWith.load(ordering: .relaxed) != 0 }
  /// The errno of the first failed write; 0 while none failed.
  private let failedWith = Atomic<Int32>(0)

  package func flush() {
    if !failed {
      buffer.withBytes { bytes in
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
          let n = Glibc.write(fd, base + offset, bytes.count - offset)
          if n < 0 {
            if errno == EINTR { continue }
            failedWith.store(errno == 0 ? EIO : errno, ordering: .relaxed)
            break
          }
          offset += n
        }
      }
    }
    buffer.removeAll()
  }

  /// Why output failed, in words, for stderr; nil if it did not.
  package var failureMessage: String? {
    failure.map { "cannot write the output: \(String(cString: strerror($0)))" }
  }

  deinit { flush() }
}

/// How records are shown: text for people (errors prefixed with `file:line:` in scripts), or one JSON object a line.
package struct RecordPrinter: Sendable {
  package var json: Bool
  package init(json: Bool) { self.json = json }

  package func render(_ r: Record) -> String {
    json ? jsonLine(r) : text(r)
  }

  /// The text a person sees; `prefixed` adds `file:line: ` to errors (scripts and piped input).
  package func text(_ r: Record, prefixed: Bool = true) -> String {
    let place = prefixed ? location(r) : ""
    var out: String
    if let f = r.outcome.failure {
      // SPEC §8: a `!` line that failed as expected says so, where it has a place to name.
      out = place + (r.showsAsExpected && !place.isEmpty ? "expected " : "") + f.line
    } else {
      out = r.outcome.text
    }
    if let e = r.expectation, !r.met {
      let loc = location(r)
      if let f = r.outcome.failure {
        out +=
          "\n\(loc)expected \(e.text) but got error[\(f.code.rawValue)]"
          + (f.rule.map { " (\($0.id))" } ?? "")
          + (e.word == nil && f.code == .usage
            ? " (a bare ! expects the command to run and be refused; write !usage to expect a"
              + " usage error)" : "")
      } else {
        out += (out.isEmpty ? "" : "\n") + "\(loc)expected \(e.text) but the command succeeded"
      }
    }
    return out.visible
  }

  /// Writes what `render` returns, and a newline, without building it as one string first.
  package func write(_ r: Record, to out: Output) {
    if json {
      out.write(jsonLine(r))
      out.put("\n")
      return
    }
    if r.expectation != nil && !r.met {
      out.write(text(r))
      out.put("\n")
      return
    }
    out.writeLine(of: r)
  }

  func location(_ r: Record) -> String {
    guard let file = r.file else { return "" }
    return file + (r.line.map { ":\($0)" } ?? "") + ": "
  }

  package func jsonLine(_ r: Record) -> String {
    var pairs: [(String, JSON)] = [
      ("file", .str(r.file)), ("line", .num(r.line)), ("input", .string(r.input)),
      ("ok", .bool(r.outcome.isOK)),
    ]
    if let f = r.outcome.failure {
      pairs.append(("error", f.json))
    } else {
      pairs.append(("output", .string(r.outcome.text)))
      pairs.append(("result", r.outcome.result))
    }
    if let e = r.expectation {
      pairs.append(("expect", .str(e.word)))
      pairs.append(("met", .bool(r.met)))
    }
    return JSON.object(pairs).text
  }
}
