import BillingLanguage
import BillingModel

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `billsh run`, piped input, and transcript replay: sessions driven without a terminal.
public enum Runner {
  /// Exit code of a run: 0 when every line met its expectation, 2 when an unmet line was a
  /// usage or file error, 1 otherwise.
  public static func exitCode(_ s: Session) -> Int32 {
    s.unmet == 0 ? 0 : (s.unmetUsage > 0 ? 2 : 1)
  }

  /// Loads a catalog file over the defaults.
  public static func catalog(from path: String?) throws(Failure) -> Catalog {
    guard let path else { return .standard }
    let bytes = try Session.readFile(path)
    guard let text = String(validating: bytes, as: UTF8.self) else { throw Failure(.io, nil, "\(path): not UTF-8 text") }
    do { return try parseCatalog(try JSON.parse(text), base: .standard) } catch {
      throw Failure(.io, nil, "\(path): \(error.message)")
    }
  }

  /// Plays script files, each in a fresh world. Returns the exit code.
  public static func run(
    files: [String], json: Bool, bail: Bool, catalog: Catalog, state: String?, out: Output,
    shouldStop: @escaping () -> Bool = { false }
  ) -> Int32 {
    let printer = RecordPrinter(json: json)
    var worst: Int32 = 0
    for file in files {
      let session = Session(catalog: catalog)
      session.shouldStop = shouldStop
      if let state, Session.exists(state) {
        do { try session.loadWorld(from: state) } catch {
          out.write("error[\(error.code.rawValue)]: \(error.message)\n")
          return 2
        }
      }
      var stop = false
      session.sink = { r in
        printer.write(r, to: out)
        if bail && !r.met { stop = true }
      }
      let inner = session.shouldStop
      session.shouldStop = { stop || inner() }
      session.play(file: file)
      if let state {
        do { try Session.writeFile(state, session.savedText()) } catch {
          out.write("error[io]: \(error.message)\n")
          worst = 2
        }
      }
      worst = max(worst, exitCode(session))
      if stop { break }
    }
    out.flush()
    return worst
  }

  /// Reads commands from a file descriptor like a script (piped stdin): no prompt, same errors.
  public static func runStream(
    fd: Int32, name: String, session: Session, json: Bool, bail: Bool, out: Output
  ) -> Int32 {
    let printer = RecordPrinter(json: json)
    var stop = false
    session.sink = { r in
      printer.write(r, to: out)
      if bail && !r.met { stop = true }
    }
    var reader = ScriptReader()
    var line: [UInt8] = []
    var tooLong = false
    var number = 0
    var chunk = [UInt8](repeating: 0, count: 65536)
    func finishLine() -> Bool {
      number += 1
      if tooLong {
        session.reject(Failure(.usage, nil, "the line is longer than \(ScriptReader.maxBytes / 1024) KiB"), input: "", file: name, line: number)
      } else if let l = reader.feed(line[...], number: number) {
        if let f = l.failure { session.reject(f, input: l.text, file: name, line: l.number) } else {
          let o = session.perform(l.text, file: name, line: l.number, expectation: l.expectation)
          if o.quit { return false }
        }
      }
      line.removeAll(keepingCapacity: true)
      tooLong = false
      return !stop && !session.stopRequested()
    }
    loop: while true {
      let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if n < 0 { if errno == EINTR { if session.stopRequested() { break }; continue }; break }
      if n == 0 { break }
      var start = 0
      for i in 0..<n where chunk[i] == 10 {
        if !tooLong { line.append(contentsOf: chunk[start..<i]) }
        start = i + 1
        if !finishLine() { break loop }
      }
      if !tooLong {
        line.append(contentsOf: chunk[start..<n])
        if line.count > ScriptReader.maxBytes { tooLong = true; line.removeAll() }
      }
    }
    if !line.isEmpty || tooLong { _ = finishLine() }
    if let l = reader.finish() { session.reject(l.failure!, input: "", file: name, line: l.number) }
    out.flush()
    return exitCode(session)
  }

  /// Replays transcript commands in a fresh world; each command's output as the shell shows it.
  public static func replay(_ commands: [String], catalog: Catalog = .standard) -> [[String]] {
    let session = Session(catalog: catalog)
    let printer = RecordPrinter(json: false)
    var current: [String] = []
    session.sink = { r in
      let t = printer.text(r, prefixed: r.file != nil)
      current += t.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
    var outputs: [[String]] = []
    for c in commands {
      current = []
      let o = session.perform(c)
      if o.quit { outputs.append(current); break }
      outputs.append(current)
    }
    return outputs
  }

  /// A script as a transcript: comments become commentary, commands `  > ` lines, output indented.
  /// Returns the transcript and the exit code a plain `run` would give.
  public static func transcript(of path: String, catalog: Catalog) throws(Failure) -> (text: String, code: Int32) {
    let bytes = try Session.readFile(path, limit: ScriptReader.maxBytes)
    let session = Session(catalog: catalog)
    session.reading = [path]
    let printer = RecordPrinter(json: false)
    var current: [String] = []
    session.sink = { r in
      current += printer.text(r, prefixed: r.file != nil && r.file != path).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
    var items: [Transcript.Item] = []
    var reader = ScriptReader()
    var start = 0, number = 0
    var lineNo = 0
    for i in 0...bytes.count where i == bytes.count || bytes[i] == 10 {
      if i == bytes.count && start == i { break }
      number += 1
      let raw = bytes[start..<i]
      start = i + 1
      let text = String(decoding: raw, as: UTF8.self)
      let trimmed = text.drop { $0 == " " || $0 == "\t" }
      if reader.pending == nil, trimmed.isEmpty || trimmed.first == "#" {
        var c = trimmed.dropFirst(trimmed.first == "#" ? 1 : 0)
        if c.first == " " { c = c.dropFirst() }
        items.append(.commentary(String(c)))
        continue
      }
      guard let l = reader.feed(raw, number: number) else { continue }
      current = []
      if let f = l.failure {
        throw Failure(.usage, nil, "\(path):\(l.number): \(f.message)")
      }
      session.perform(l.text, file: nil, line: nil, expectation: l.expectation)
      lineNo += 1
      items.append(.command(text: l.text, line: 0, output: current))
    }
    if let l = reader.finish(), let f = l.failure { throw Failure(.usage, nil, "\(path):\(l.number): \(f.message)") }
    return (Transcript(items: items).render(), exitCode(session))
  }
}

extension Session {
  static func exists(_ path: String) -> Bool {
    access(path, F_OK) == 0
  }
}
