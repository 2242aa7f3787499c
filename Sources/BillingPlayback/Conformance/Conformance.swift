import BillingModel
import BillingRuntime
import BillingSupport
import Platform

/// The program under test (SPEC §9): a command line run as `sh -c CMD`, once per scenario, that
/// reads command lines on stdin and writes one §5 JSON record per line on stdout.
package struct Contender: Sendable {
  package var command: String
  /// Seconds a scenario may take before the program is killed.
  package var timeout: Double
  /// Whether the output text is compared too (`--text`).
  package var comparesText: Bool
  /// Whether billsh was asked to stop (Ctrl-C): the running program is killed, no new one starts.
  package var stop: @Sendable () -> Bool
  /// The most bytes the program may write on stdout (or stderr) for one run.
  package var outputLimit = ChildProcess.outputLimit

  package init(
    command: String, timeout: Double = 10, comparesText: Bool = false,
    stop: @escaping @Sendable () -> Bool = { false }
  ) {
    self.command = command
    self.timeout = timeout
    self.comparesText = comparesText
    self.stop = stop
  }
}

/// How one scenario (or transcript) went against the program.
package enum Verdict: Sendable, Equatable {
  /// Every record agreed.
  case agree
  /// Line `index` (0-based) is the first where the records differ.
  case disagree(Disagreement)
  /// The program broke the protocol (or could not be run): no valid record for every line.
  case broken(ProtocolError)

  package var agrees: Bool { self == .agree }
}

/// The first line where billsh and the program disagree, with both records.
package struct Disagreement: Sendable, Equatable {
  /// 0-based index of the line in the scenario.
  package var index: Int
  package var input: String
  package var difference: FieldDifference
  package var expected: JSON
  package var actual: JSON
}

/// A program that did not keep the protocol: the line it concerns (0-based; nil for the
/// scenario as a whole) and what went wrong.
package struct ProtocolError: Sendable, Equatable, Error {
  package var index: Int?
  package var message: String
}

/// Plays lines in billsh and in the program, and compares record by record.
package enum Conformance {
  /// billsh's record (as `--json` writes it) for each line, played in a fresh world.
  /// NB: a line that makes several records (`.read`) is represented by its last one.
  package static func oracle(
    _ lines: [String], catalog: Catalog = .standard, file: String = "<stdin>"
  ) -> [JSON] {
    oracle(lines, catalog: catalog, file: file, sandbox: nil).records
  }

  /// billsh's records, played in `sandbox` when given (a transcript is data, SPEC §8), and the
  /// lines whose path the sandbox refused as outside the transcript's folder.
  static func oracle(
    _ lines: [String], catalog: Catalog, file: String, sandbox: TranscriptSandbox?
  ) -> (records: [JSON], withheld: Set<Int>) {
    let session = Session(catalog: catalog, files: LocalFiles(sandbox: sandbox))
    session.keepsResults = true
    if let sandbox { session.reading = [sandbox.transcript] }
    let printer = RecordPrinter(json: true)
    var last: JSON = .null
    session.sink = { r in
      // NB: paths as the transcript names them, not the sandbox's private folder.
      let line = sandbox.map { $0.scrub(printer.jsonLine(r)) } ?? printer.jsonLine(r)
      last = (try? JSON.parse(line)) ?? .null
    }
    var records: [JSON] = []
    var withheld = Set<Int>()
    records.reserveCapacity(lines.count)
    for (i, line) in lines.enumerated() {
      last = .null
      let refusals = sandbox?.refusals ?? 0
      let o = session.perform(line, file: file, line: i + 1)
      records.append(last)
      if let sandbox, sandbox.refusals > refusals { withheld.insert(i) }
      if o.quit { break }
    }
    return (records, withheld)
  }

  /// Plays `lines` in the program and in billsh, and says where they first part.
  /// With `outputs` (a transcript's recorded output, one array per line) and `--text`, the
  /// output text of each successful line is compared with the recording.
  /// With a `sandbox` (a transcript's), billsh plays the file commands inside it, and a line
  /// whose path it refused as outside the transcript's folder is not sent to the program: no
  /// transcript makes the program under test read or write a file elsewhere either.
  package static func check(
    _ all: [String], against contender: Contender, catalog: Catalog = .standard,
    outputs: [[String]]? = nil, sandbox: TranscriptSandbox? = nil
  ) -> Verdict {
    let played = oracle(all, catalog: catalog, file: "<stdin>", sandbox: sandbox)
    var expected = played.records
    if contender.comparesText, let outputs {
      for i in expected.indices where i < outputs.count {
        guard case .object(var pairs) = expected[i],
          let k = pairs.firstIndex(where: { $0.0 == "output" })
        else { continue }
        pairs[k].1 = .string(outputs[i].joined(separator: "\n"))
        expected[i] = .object(pairs)
      }
    }
    // NB: `sent` maps the program's n-th line back to its place in the scenario.
    let sent = all.indices.filter { !played.withheld.contains($0) }
    let lines = sent.map { all[$0] }
    expected = sent.map { expected[$0] }
    func place(_ i: Int?) -> Int? { i.map { $0 < sent.count ? sent[$0] : all.count } }
    var input: [UInt8] = []
    for line in lines {
      input += line.utf8
      input.append(10)
    }
    let run: ChildRun
    do {
      run = try ChildProcess.run(
        contender.command, input: input, timeout: contender.timeout,
        outputLimit: contender.outputLimit, stop: contender.stop)
    } catch {
      return .broken(ProtocolError(index: nil, message: error.message))
    }
    let (records, garbage) = parseRecords(run.stdout, upTo: expected.count + 1)
    // The records that came are compared first: a disagreement before the program broke down
    // is the more useful finding.
    for (i, actual) in records.enumerated() where i < expected.count {
      // NB: a record that names another line as its input means records went missing or were
      // added before it: a broken protocol, not a disagreement.
      if case .string(let echoed)? = actual["input"], echoed != lines[i] {
        return .broken(
          ProtocolError(
            index: sent[i],
            message:
              "its record for this line is for another line, \(quote(echoed)): a record went missing or was added before it"
          ))
      }
      if let d = RecordComparer.compare(
        expected: expected[i], actual: actual, text: contender.comparesText)
      {
        return .disagree(
          Disagreement(
            index: sent[i], input: lines[i], difference: d, expected: expected[i], actual: actual))
      }
    }
    if let garbage {
      return .broken(
        ProtocolError(
          index: place(records.count),
          message: "its output for this line is not a JSON record (\(garbage.reason)): "
            + quote(garbage.text)))
    }
    let got = records.count
    let wanted = expected.count
    switch run.end {
    case .stopped:
      return .broken(ProtocolError(index: nil, message: "stopped (Ctrl-C): it was killed"))
    case .overflowed:
      return .broken(
        ProtocolError(
          index: place(got < wanted ? got : nil),
          message:
            "it wrote more than \(contender.outputLimit >> 20) MiB and was killed, after \(count(got, "record")) for \(count(wanted, "line"))"
        ))
    case .timedOut:
      return .broken(
        ProtocolError(
          index: place(got < wanted ? got : nil),
          message:
            "it did not finish within \(seconds(contender.timeout)) (a hang?) and was killed, after \(count(got, "record")) for \(count(wanted, "line"))"
            + stderrNote(run)))
    case .signaled(let s):
      return .broken(
        ProtocolError(
          index: place(got < wanted ? got : nil),
          message:
            "it crashed (\(signalName(s))) after \(count(got, "record")) for \(count(wanted, "line"))"
            + stderrNote(run)))
    case .exited(let code):
      if got < wanted {
        return .broken(
          ProtocolError(
            index: place(got),
            message:
              "no record for this line: it wrote \(count(got, "record")) for \(count(wanted, "line")) and exited with status \(code)"
              + stderrNote(run)))
      }
      if got > wanted {
        return .broken(
          ProtocolError(
            index: nil,
            message:
              "it wrote \(count(got, "record")) for \(count(wanted, "line")) (one record per command line)"
          ))
      }
    }
    return .agree
  }

  /// The records on the program's stdout, one JSON object a line (blank lines skipped), up to
  /// the first line that is not one, and at most `limit` of them (more are not looked at).
  static func parseRecords(_ bytes: [UInt8], upTo limit: Int = .max) -> (
    records: [JSON], garbage: (text: String, reason: String)?
  ) {
    var records: [JSON] = []
    var start = 0
    while start < bytes.count && records.count < limit {
      // NB: line ends found with memchr and blank lines skipped before any copy, so a flood of
      // output costs little before it is cut off.
      let end = bytes.withUnsafeBufferPointer { b -> Int in
        guard let base = b.baseAddress, let hit = memchr(base + start, 10, b.count - start) else {
          return b.count
        }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
      }
      let blank = bytes.withUnsafeBufferPointer { b in
        b[start..<end].allSatisfy { $0 == 32 || $0 == 9 || $0 == 13 }
      }
      if blank {
        start = end + 1
        continue
      }
      var line = Array(bytes[start..<end])
      start = end + 1
      if line.last == 13 { line.removeLast() }
      func quoted() -> String { String(decoding: line.prefix(200), as: UTF8.self) }
      do {
        let value = try JSON.parse(bytes: line)
        guard case .object = value else { return (records, (quoted(), "not an object")) }
        guard case .bool? = value["ok"] else {
          return (records, (quoted(), "no \"ok\": true|false"))
        }
        records.append(value)
      } catch {
        return (records, (quoted(), error.message))
      }
    }
    return (records, nil)
  }

  /// The last lines the program wrote on stderr, if any, as a note.
  static func stderrNote(_ run: ChildRun) -> String {
    let text = String(decoding: run.stderr.suffix(300), as: UTF8.self)
    let trimmed = text.split(separator: "\n").suffix(2).joined(separator: " / ")
    return trimmed.isEmpty ? "" : "; its stderr ends: " + quote(trimmed)
  }

  /// `signal 11, SIGSEGV`.
  static func signalName(_ s: Int32) -> String {
    let names: [Int32: String] = [
      SIGSEGV: "SIGSEGV", SIGABRT: "SIGABRT", SIGBUS: "SIGBUS", SIGILL: "SIGILL", SIGFPE: "SIGFPE",
      SIGKILL: "SIGKILL", SIGTERM: "SIGTERM", SIGPIPE: "SIGPIPE", SIGINT: "SIGINT",
      SIGTRAP: "SIGTRAP",
    ]
    return "signal \(s)" + (names[s].map { ", " + $0 } ?? "")
  }

  static func quote(_ s: String) -> String {
    "\"" + s.visible + "\""
  }

  static func count(_ n: Int, _ noun: String) -> String {
    "\(n) \(noun)\(n == 1 ? "" : "s")"
  }

  static func seconds(_ t: Double) -> String {
    t == t.rounded() ? "\(Int(t)) s" : "\(t) s"
  }
}
