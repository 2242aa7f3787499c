import BillingModel
import BillingSupport
import Platform
import Synchronization

/// What `billsh fuzz --against CMD` was asked.
package struct FuzzOptions: Sendable, Equatable {
  package var seed: UInt64 = 1
  package var scenarios = 100
  package var lines = 40
  package var jobs = 1
  /// The folder a shrunk disagreement is written to.
  package var out = "."

  package init(
    seed: UInt64 = 1, scenarios: Int = 100, lines: Int = 40, jobs: Int = 1, out: String = "."
  ) {
    self.seed = seed
    self.scenarios = scenarios
    self.lines = lines
    self.jobs = jobs
    self.out = out
  }
}

/// What a fuzz run found: the report to print, the exit code (0 all agree, 1 a disagreement,
/// 2 a protocol error or a file that could not be written), and the shrunk script, if any.
package struct FuzzReport: Sendable {
  package var text: String
  package var code: Int32
  /// The `.bill` written for a disagreement (or the scenario that broke the protocol).
  package var script: String?
  package var path: String?
  /// The scenario (counted from 1) that disagreed or broke the protocol.
  package var scenario: Int?
  /// The shrunk scenario's lines, without comments or expectations.
  package var shrunk: [String] = []
  /// Where the shrunk scenario disagrees, and the rules billsh cites on that line.
  package var disagreement: Disagreement?
  package var rules: [String] = []
}

/// `billsh fuzz --against CMD` (SPEC §9): random scenarios played in billsh and in CMD; the first
/// that disagrees is shrunk to a minimal script and written as `disagreement-N.bill`.
package enum Fuzzer {
  package static func run(_ o: FuzzOptions, contender: Contender, catalog: Catalog = .standard)
    -> FuzzReport
  {
    let generator = ScenarioGenerator(seed: o.seed, lines: o.lines)
    let first = firstFailure(o, generator: generator, contender: contender, catalog: catalog)
    if contender.stop() {
      return FuzzReport(
        text: "fuzz: stopped (Ctrl-C); no disagreement was found before\n", code: 130)
    }
    let scope =
      "\(Conformance.count(o.scenarios, "scenario")) of \(Conformance.count(o.lines, "line")), seed \(o.seed)"
    guard let (index, verdict) = first else {
      return FuzzReport(text: "fuzz: \(scope): all agree\n", code: 0)
    }
    let lines = generator.scenario(index).lines
    switch verdict {
    case .agree:
      return FuzzReport(text: "fuzz: \(scope): all agree\n", code: 0)
    case .broken(let p):
      return protocolReport(p, index: index, lines: lines, options: o, contender: contender)
    case .disagree(let found):
      var shrinker = Shrinker { candidate in
        if contender.stop() { return false }
        if case .disagree = Conformance.check(candidate, against: contender, catalog: catalog) {
          return true
        }
        return false
      }
      let small = shrinker.shrink(lines)
      let final = Conformance.check(small, against: contender, catalog: catalog)
      guard case .disagree(let d) = final else {
        return FuzzReport(
          text: "fuzz: scenario \(index) disagreed once but not again: is CMD deterministic?\n",
          code: 1, scenario: index)
      }
      let script = disagreementScript(
        small, d, catalog: catalog, options: o, contender: contender, index: index,
        from: lines.count)
      let path = o.out + "/disagreement-\(index).bill"
      var text =
        "fuzz: \(scope): scenario \(index) disagrees at line \(found.index + 1) of \(lines.count): \(found.input)\n"
        + "  \(found.difference.description)\n"
        + "shrunk from \(lines.count) lines to \(small.count) (\(shrinker.tried) runs of CMD):\n\n"
        + script + "\n"
      var code: Int32 = 1
      do throws(Failure) {
        try write(script, to: path, folder: o.out)
        text += "written to \(path)\n"
      } catch {
        text += "error[io]: \(error.message)\n"
        code = 2
      }
      return FuzzReport(
        text: text, code: code, script: script, path: path, scenario: index, shrunk: small,
        disagreement: d, rules: rulesCited(d.expected))
    }
  }

  /// The first scenario (by number) that does not agree, and how; nil when all agree.
  /// NB: scenarios are taken in order, and once one fails no later one is started, while the
  /// earlier ones in flight finish: the one reported is the first failing one whatever `jobs`.
  static func firstFailure(
    _ o: FuzzOptions, generator: ScenarioGenerator, contender: Contender, catalog: Catalog
  ) -> (Int, Verdict)? {
    struct Progress {
      var next = 1
      var failure: (Int, Verdict)?
    }
    let progress = Mutex(Progress())
    let total = o.scenarios
    let work: @Sendable () -> Void = {
      while true {
        let index: Int? = progress.withLock { p in
          guard p.next <= total, p.failure.map({ p.next < $0.0 }) ?? true else { return nil }
          p.next += 1
          return p.next - 1
        }
        guard let index, !contender.stop() else { return }
        let verdict = Conformance.check(
          generator.scenario(index).lines, against: contender, catalog: catalog)
        if verdict != .agree {
          progress.withLock { p in
            if p.failure.map({ index < $0.0 }) ?? true { p.failure = (index, verdict) }
          }
        }
      }
    }
    let threads = (0..<max(1, min(o.jobs, total))).compactMap { _ in
      WorkerThread(stackSize: 16 << 20, work)
    }
    if threads.isEmpty { work() }
    for t in threads { t.join() }
    return progress.withLock { $0.failure }
  }

  /// The shrunk script as a `.bill`: a header saying what disagreed and how to rerun it, then
  /// the lines, each refused one with billsh's outcome as its expectation (`!R14`, `!conflict`).
  static func disagreementScript(
    _ lines: [String], _ d: Disagreement, catalog: Catalog, options o: FuzzOptions,
    contender: Contender, index: Int, from: Int
  ) -> String {
    let records = Conformance.oracle(lines, catalog: catalog)
    let name = "disagreement-\(index).bill"
    var header = [
      "# billsh fuzz --against \(shellQuoted(contender.command)) --seed \(o.seed) --lines \(o.lines): scenario \(index), shrunk from \(from) lines to \(lines.count).",
      "# billsh and CMD disagree on the last line: \(d.difference.description).",
      "# billsh: \(d.expected.text)",
      "# CMD:    \(d.actual.text)",
      "# Every refused line expects billsh's outcome, so `billsh run \(name)` passes. To rerun CMD:",
      "#   sed -e '/^#/d' -e 's/^![^ ]* //' \(name) | \(contender.command)",
    ]
    let rules = rulesCited(d.expected)
    if !rules.isEmpty {
      let list = rules.joined(separator: ", ")
      header.insert(
        "# The rule at stake: \(list) (`billsh rules \(rules[0])` explains it).", at: 2)
    }
    // NB: a line after the disagreeing one is kept only when the shrinker could not drop it.
    if d.index != lines.count - 1 {
      header[1] =
        "# billsh and CMD disagree on line \(header.count + d.index + 1): \(d.difference.description)."
    }
    var body: [String] = []
    for (i, line) in lines.enumerated() {
      body.append(expectation(records.indices.contains(i) ? records[i] : .null) + line)
    }
    return (header + body).joined(separator: "\n") + "\n"
  }

  /// The rules billsh's record cites: the error's rule, or those its output names in
  /// parentheses (`charged $40.47 pro rata … (P3)`), in order.
  package static func rulesCited(_ record: JSON) -> [String] {
    if case .string(let rule)? = record["error"]?["rule"] { return [rule] }
    guard case .string(let output)? = record["output"] else { return [] }
    var found: [String] = []
    for part in output.split(separator: "(").dropFirst() {
      guard let close = part.firstIndex(of: ")") else { continue }
      for word in part[..<close].split(separator: ",") {
        let id = word.trimmingPrefix(" ")
        if let rule = Rule(rawValue: String(id)), !found.contains(rule.id) { found.append(rule.id) }
      }
    }
    return found
  }

  /// `!R14 ` (or `!conflict ` when no rule applies) for a refused record; nothing for one that
  /// succeeded.
  static func expectation(_ record: JSON) -> String {
    guard record["ok"] == .bool(false) else { return "" }
    if case .string(let rule)? = record["error"]?["rule"] { return "!\(rule) " }
    if case .string(let code)? = record["error"]?["code"] { return "!\(code) " }
    return "! "
  }

  static func protocolReport(
    _ p: ProtocolError, index: Int, lines: [String], options o: FuzzOptions,
    contender: Contender
  ) -> FuzzReport {
    var text = "fuzz: scenario \(index) (seed \(o.seed)): CMD broke the protocol"
    if let i = p.index, i < lines.count {
      text += " at line \(i + 1) (\(lines[i])): \(p.message)\n"
    } else {
      text += ": \(p.message)\n"
    }
    let upTo = min(lines.count, (p.index ?? lines.count - 1) + 1)
    let script =
      "# billsh fuzz --against \(shellQuoted(contender.command)) --seed \(o.seed) --lines \(o.lines): scenario \(index) broke the protocol.\n"
      + "# \(p.message.replacing("\n", with: " "))\n"
      + lines.prefix(upTo).joined(separator: "\n") + "\n"
    let path = o.out + "/protocol-error-\(index).bill"
    do throws(Failure) {
      try write(script, to: path, folder: o.out)
      text += "the scenario up to that line is in \(path)\n"
    } catch {
      text += "error[io]: \(error.message)\n"
    }
    return FuzzReport(text: text, code: 2, script: script, path: path, scenario: index)
  }

  /// Writes `text` to `path`, making `folder` first if it is not there.
  static func write(_ text: String, to path: String, folder: String) throws(Failure) {
    if access(folder, F_OK) != 0 && mkdir(folder, 0o755) != 0 && errno != EEXIST {
      throw Failure(
        .io, nil, "\(folder): cannot make the folder: \(String(cString: strerror(errno)))")
    }
    try LocalFiles.write(path, text)
  }

  /// `text` as one word for sh.
  static func shellQuoted(_ text: String) -> String {
    "'" + text.replacing("'", with: "'\\''") + "'"
  }
}
