import Foundation
import Testing

@testable import BillingPlayback
@testable import BillingRuntime

// MARK: - Helpers

/// A fake shell: "echo A B" prints "A B", "blank" prints an empty line,
/// "count N" prints 1...N, "silent" prints nothing, anything else prints
/// "error: unknown command".
@Sendable private func fakeReplay(_ commands: [String]) -> [[String]] {
  commands.map { command -> [String] in
    if command.hasPrefix("echo ") { return [String(command.dropFirst(5))] }
    if command == "blank" { return [""] }
    if command == "silent" { return [] }
    if command.hasPrefix("count "), let n = Int(command.dropFirst(6)) {
      return (1...max(1, n)).map(String.init)
    }
    return ["error: unknown command"]
  }
}

private func makeTempDir() -> String {
  let path = FileManager.default.temporaryDirectory
    .appendingPathComponent("transcript-tests-\(UUID().uuidString)").path
  // NB: a folder that could not be made fails the test that writes into it.
  _ = try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  return path
}

private func writeFile(_ path: String, _ text: String) {
  let dir = (path as NSString).deletingLastPathComponent
  _ = try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
  #expect(
    (try? Data(text.utf8).write(to: URL(fileURLWithPath: path))) != nil, "cannot write \(path)")
}

private func readFile(_ path: String) -> String {
  String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data(), as: UTF8.self)
}

private func runReport(
  _ paths: [String], jobs: Int = 2, update: Bool = false,
  replay: @escaping TranscriptRunner.Replay = fakeReplay
) -> (report: String, passed: Int, failed: Int) {
  var out = ""
  let result = TranscriptRunner(jobs: jobs, update: update, replay: replay).run(
    paths: paths, output: &out)
  return (out, result.passed, result.failed)
}

private let goodTranscript = """
  A session that exercises the fake shell.

    > echo hello
    hello
    > blank
  \("  ")
  Commentary between commands.
   one-space line is commentary
  \tso is a tab line

    > count 3
    1
    2
    3
  Trailing commentary.

  """

// MARK: - Parsing and rendering

@Suite struct TranscriptFormatTests {
  @Test func parsesItemsWithLineNumbers() {
    let t = Transcript.parse(goodTranscript)
    #expect(
      t.items == [
        .commentary("A session that exercises the fake shell."),
        .commentary(""),
        .command(text: "echo hello", line: 3, output: ["hello"]),
        .command(text: "blank", line: 5, output: [""]),
        .commentary("Commentary between commands."),
        .commentary(" one-space line is commentary"),
        .commentary("\tso is a tab line"),
        .commentary(""),
        .command(text: "count 3", line: 11, output: ["1", "2", "3"]),
        .commentary("Trailing commentary."),
      ])
    expectEqual(t.commands, ["echo hello", "blank", "count 3"])
  }

  @Test(arguments: [
    goodTranscript,
    "",
    "\n",
    "\n\n\n",
    "  > a\n",
    "  > a\n  \n  \n",
    "  > \n  x\n",
    "  >\n",  // not a command ("> " needed): orphan indented line, commentary
    "  orphan output\n  > a\n  out\ncomment\n  indented after commentary\n",
    "   > three spaces is output\n",
    "  > a\n   > three spaces is output of a\n",
    "  > a\n  >b\n",
    " > one space\n\t> tab\n",
    "  > a\r\n  out\r\ncomment\r\n",
    "  > caf\u{65}\u{301}\n  r\u{E9}sum\u{E9} \u{1F600}\n",
    "\u{FEFF}BOM comment\n  > x\n  y\n",
    "  > a\n  > b\n  > c\n  1\n",
    "trailing spaces   \n  > a  \n  out  \n    \n",
  ])
  func roundTripIsByteExact(_ text: String) {
    let t = Transcript.parse(text)
    expectEqual(Array(t.render().utf8), Array(text.utf8))
    expectEqual(Transcript.parse(t.render()), t)
    // Replacing the outputs with the same outputs changes nothing either.
    let outputs = t.items.compactMap { item -> [String]? in
      if case .command(_, _, let output) = item { return output }
      return nil
    }
    expectEqual(Array(t.replacingOutputs(outputs).render().utf8), Array(text.utf8))
    expectEqual(t.replacingOutputs(outputs), t)
  }

  @Test func missingFinalNewlineIsAdded() {
    expectEqual(Transcript.parse("comment\n  > a\n  out").render(), "comment\n  > a\n  out\n")
    expectEqual(Transcript.parse("x").render(), "x\n")
  }

  @Test func edgeClassification() {
    expectEqual(Transcript.parse("  >\n").items, [.commentary("  >")])
    expectEqual(Transcript.parse("  > \n").items, [.command(text: "", line: 1, output: [])])
    #expect(
      Transcript.parse("  > a\n   > b\n").items == [
        .command(text: "a", line: 1, output: [" > b"])
      ])
    #expect(
      Transcript.parse("  > a\n\n  x\n").items == [
        .command(text: "a", line: 1, output: []), .commentary(""), .commentary("  x"),
      ])
  }

  @Test func replacingOutputsRenumbersAndSplits() {
    let t = Transcript.parse("intro\n  > a\n  > b\n  old\nend\n")
    let r = t.replacingOutputs([["1", "2"], ["x\ny", ""]])
    #expect(
      r.items == [
        .commentary("intro"),
        .command(text: "a", line: 2, output: ["1", "2"]),
        .command(text: "b", line: 5, output: ["x", "y", ""]),
        .commentary("end"),
      ])
    expectEqual(r.render(), "intro\n  > a\n  1\n  2\n  > b\n  x\n  y\n  \nend\n")
    expectEqual(Transcript.parse(r.render()), r)
    // Too few output arrays: the rest have no output.
    expectEqual(t.replacingOutputs([["1"]]).render(), "intro\n  > a\n  1\n  > b\nend\n")
  }

  @Test func renderSession() {
    let text = Transcript.renderSession(
      commentary: ["Recorded by billsh.", ""],
      entries: [(command: "echo hi", output: ["hi"]), (command: "blank", output: [""])])
    expectEqual(text, "Recorded by billsh.\n\n  > echo hi\n  hi\n  > blank\n  \n")
    expectEqual(Transcript.parse(text).commands, ["echo hi", "blank"])
    expectEqual(Transcript.renderSession(commentary: [], entries: []), "")
  }
}

// MARK: - Unified diff

@Suite struct UnifiedDiffTests {
  @Test func equalInputsGiveNil() {
    expectTrue(UnifiedDiff.make(expected: [], actual: [], path: "p") == nil)
    expectTrue(UnifiedDiff.make(expected: ["a", "b"], actual: ["a", "b"], path: "p") == nil)
  }

  @Test func singleChangeWithContext() {
    let expected = (1...20).map { "line \($0)" }
    var actual = expected
    actual[9] = "changed"
    let diff = UnifiedDiff.make(expected: expected, actual: actual, path: "t.transcript")
    #expect(
      diff == """
        --- expected: t.transcript
        +++ actual: t.transcript
        @@ -7,7 +7,7 @@
         line 7
         line 8
         line 9
        -line 10
        +changed
         line 11
         line 12
         line 13

        """)
  }

  @Test func separateAndMergedHunks() {
    let expected = (1...30).map(String.init)
    var actual = expected
    actual[2] = "x"  // line 3
    actual[9] = "y"  // line 10: 6 equal lines between -> merged
    actual[25] = "z"  // line 26: separate hunk
    let diff = UnifiedDiff.make(expected: expected, actual: actual, path: "p")!
    let headers = diff.split(separator: "\n").filter { $0.hasPrefix("@@") }
    expectEqual(headers, ["@@ -1,13 +1,13 @@", "@@ -23,7 +23,7 @@"])
  }

  @Test func insertionsAndDeletionsAtEdges() {
    #expect(
      UnifiedDiff.make(expected: [], actual: ["a", "b"], path: "p")
        == "--- expected: p\n+++ actual: p\n@@ -0,0 +1,2 @@\n+a\n+b\n")
    #expect(
      UnifiedDiff.make(expected: ["a"], actual: [], path: "p")
        == "--- expected: p\n+++ actual: p\n@@ -1,1 +0,0 @@\n-a\n")
    #expect(
      UnifiedDiff.make(expected: ["a", "b", "c"], actual: ["a", "b", "c", "d"], path: "p")
        == "--- expected: p\n+++ actual: p\n@@ -1,3 +1,4 @@\n a\n b\n c\n+d\n")
    #expect(
      UnifiedDiff.make(expected: ["a", "b"], actual: ["a", "b"], path: "p", context: 0) == nil)
    #expect(
      UnifiedDiff.make(expected: ["a", "b"], actual: ["a", "x", "b"], path: "p", context: 0)
        == "--- expected: p\n+++ actual: p\n@@ -1,0 +2,1 @@\n+x\n")
  }

  /// The lines kept by `ops` (equal ones) and what they make of `a`: `b` again, and as many
  /// kept lines as the longest common subsequence has.
  static func apply(_ ops: [UnifiedDiff.Op], _ a: [String], _ b: [String]) -> (
    result: [String], kept: Int
  ) {
    var i = 0, j = 0, out: [String] = [], kept = 0
    for op in ops {
      switch op {
      case .equal:
        out.append(a[i])
        i += 1
        j += 1
        kept += 1
      case .delete: i += 1
      case .insert:
        out.append(b[j])
        j += 1
      }
    }
    return (out, kept)
  }

  static func longestCommon(_ a: [String], _ b: [String]) -> Int {
    var row = [Int](repeating: 0, count: b.count + 1)
    for x in a {
      var diagonal = 0
      for (k, y) in b.enumerated() {
        let above = row[k + 1]
        row[k + 1] = x == y ? diagonal + 1 : max(row[k + 1], row[k])
        diagonal = above
      }
    }
    return row[b.count]
  }

  /// Issue 23: lines the other side lacks are set aside before the search; the script is
  /// still a shortest one (as many kept lines as the longest common subsequence).
  @Test func shortestScriptOnRandomInputsWithLinesOnOneSideOnly() {
    var seed: UInt64 = 7
    func next(_ n: Int) -> Int {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((seed >> 33) % UInt64(n))
    }
    for _ in 0..<300 {
      let a = (0..<next(12)).map { _ in "abcdefgh".map(String.init)[next(8)] }
      let b = (0..<next(12)).map { _ in "efghijkl".map(String.init)[next(8)] }
      let ops = UnifiedDiff.editScript(a, b)
      let (result, kept) = Self.apply(ops, a, b)
      expectEqual(result, b, "\(a) → \(b)")
      expectEqual(kept, Self.longestCommon(a, b), "\(a) → \(b)")
    }
  }

  /// Issue 23: a block where every line differs is one hunk of deletions, then insertions.
  @Test func everyLineDifferentIsDeletionsThenInsertions() {
    let a = (0..<100_000).map { "expected \($0)" }
    let b = (0..<100_000).map { "actual \($0)" }
    let ops = UnifiedDiff.editScript(a, b)
    expectEqual(ops.count, 200_000)
    expectTrue(ops.prefix(100_000).allSatisfy { $0 == .delete })
    expectTrue(ops.suffix(100_000).allSatisfy { $0 == .insert })
  }

  @Test func comparesExactBytes() {
    // Canonically equivalent but byte-different lines are a difference.
    let diff = UnifiedDiff.make(expected: ["caf\u{E9}"], actual: ["cafe\u{301}"], path: "p")
    expectTrue(diff != nil)
  }

  /// Applies an edit script and checks it yields `b` and is as short as the LCS allows.
  @Test func editScriptIsMinimalOnRandomInputs() {
    var rng = SeededRandom(seed: 42)
    for _ in 0..<3000 {
      let a = (0..<Int(rng.next() % 14)).map { _ in String(rng.next() % 4) }
      let b = (0..<Int(rng.next() % 14)).map { _ in String(rng.next() % 4) }
      let ops = UnifiedDiff.editScript(a, b)
      var i = 0
      var j = 0
      var rebuilt: [String] = []
      for op in ops {
        switch op {
        case .equal:
          expectEqual(a[i], b[j])
          rebuilt.append(a[i])
          i += 1
          j += 1
        case .delete: i += 1
        case .insert:
          rebuilt.append(b[j])
          j += 1
        }
      }
      expectEqual(i, a.count)
      expectEqual(j, b.count)
      expectEqual(rebuilt, b)
      let edits = ops.filter { $0 != .equal }.count
      expectEqual(edits, a.count + b.count - 2 * lcsLength(a, b), "a=\(a) b=\(b)")
    }
  }

  @Test func largeMostlyEqualInputIsFast() {
    let expected = (0..<100_000).map { "line \($0)" }
    var actual = expected
    actual[50_000] = "changed"
    let diff = UnifiedDiff.make(expected: expected, actual: actual, path: "big")!
    expectTrue(diff.contains("@@ -49998,7 +49998,7 @@\n"))
    expectTrue(diff.contains("-line 50000\n+changed\n"))
  }

  @Test func largeDifferentInputsUseLinearSpace() {
    // Half-different 6,000-line inputs: the O(ND) search must not allocate
    // an N×D trace (it would need gigabytes).
    let expected = (0..<6_000).map { "a\($0)" }
    let actual = (0..<6_000).map { $0 % 2 == 0 ? "a\($0)" : "b\($0)" }
    let ops = UnifiedDiff.editScript(expected, actual)
    expectEqual(ops.filter { $0 == .equal }.count, 3_000)
  }
}

private func lcsLength(_ a: [String], _ b: [String]) -> Int {
  var row = [Int](repeating: 0, count: b.count + 1)
  for x in a {
    var prevDiag = 0
    for j in 1...max(1, b.count) where j <= b.count {
      let saved = row[j]
      row[j] = x == b[j - 1] ? prevDiag + 1 : max(row[j], row[j - 1])
      prevDiag = saved
    }
  }
  return row[b.count]
}

// MARK: - Runner

@Suite struct TranscriptRunnerTests {
  @Test func passingTranscript() {
    let dir = makeTempDir()
    writeFile("\(dir)/good.transcript", goodTranscript)
    let r = runReport([dir])
    expectEqual(r.report, "1 passed, 0 failed\n")
    expectEqual(r.passed, 1)
    expectEqual(r.failed, 0)
  }

  @Test func tamperedTranscriptShowsDiff() {
    let dir = makeTempDir()
    let path = "\(dir)/t.transcript"
    writeFile(path, goodTranscript.replacingOccurrences(of: "  2\n", with: "  two\n"))
    let r = runReport([path])
    #expect(
      r.report == """
        FAIL \(path)
        --- expected: \(path)
        +++ actual: \(path)
        @@ -10,6 +10,6 @@
         
         \("  > count 3")
         \("  1")
        -  two
        +  2
         \("  3")
         Trailing commentary.
        0 passed, 1 failed

        """)
    expectEqual(r.passed, 0)
    expectEqual(r.failed, 1)
  }

  @Test func updateRestoresTamperedFileByteForByte() {
    let dir = makeTempDir()
    let path = "\(dir)/t.transcript"
    let tampered =
      goodTranscript
      .replacingOccurrences(of: "  hello\n", with: "  goodbye\n  extra\n")
      .replacingOccurrences(of: "  3\n", with: "")
    writeFile(path, tampered)
    try! FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path)
    let r = runReport([dir], update: true)
    expectEqual(r.report, "updated \(path)\n1 passed, 0 failed\n")
    expectEqual(Array(readFile(path).utf8), Array(goodTranscript.utf8))
    // The permission bits survive the atomic replacement.
    let mode = try! FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    expectEqual(mode, 0o640)
    // No temporary files are left behind.
    #expect(try! FileManager.default.contentsOfDirectory(atPath: dir) == ["t.transcript"])
    // And now it passes without --update.
    expectEqual(runReport([dir]).report, "1 passed, 0 failed\n")
  }

  @Test func missingOutputFailsWithoutUpdateAndIsRecordedWithUpdate() {
    let dir = makeTempDir()
    let path = "\(dir)/new.transcript"
    let unrecorded = "New test.\n  > echo a\n  > count 2\nend\n"
    writeFile(path, unrecorded)

    let r = runReport([path])
    #expect(
      r.report == """
        FAIL \(path)
        \(path):2: command has no recorded output (run with --update to record)
        \(path):3: command has no recorded output (run with --update to record)
        --- expected: \(path)
        +++ actual: \(path)
        @@ -1,4 +1,7 @@
         New test.
         \("  > echo a")
        +  a
         \("  > count 2")
        +  1
        +  2
         end
        0 passed, 1 failed

        """)
    expectEqual(readFile(path), unrecorded)

    let u = runReport([path], update: true)
    expectEqual(u.report, "updated \(path)\n1 passed, 0 failed\n")
    expectEqual(readFile(path), "New test.\n  > echo a\n  a\n  > count 2\n  1\n  2\nend\n")
    expectEqual(runReport([path]).report, "1 passed, 0 failed\n")
  }

  @Test func commandThatPrintsNothingFailsEvenWhenOutputsMatch() {
    let dir = makeTempDir()
    let path = "\(dir)/s.transcript"
    writeFile(path, "  > silent\n")
    #expect(
      runReport([path]).report
        == "FAIL \(path)\n\(path):1: command has no recorded output (run with --update to record)\n0 passed, 1 failed\n"
    )
    #expect(
      runReport([path], update: true).report
        == "FAIL \(path)\n\(path):1: command produced no output; nothing recorded\n0 passed, 1 failed\n"
    )
  }

  @Test func refusesToUpdateFileChangedWhileRunning() {
    let dir = makeTempDir()
    let path = "\(dir)/t.transcript"
    let tampered = goodTranscript.replacingOccurrences(of: "  hello\n", with: "  bye\n")
    writeFile(path, tampered)
    let edited = tampered + "Edited by the user during the run.\n"
    let r = runReport(
      [path], update: true,
      replay: { commands in
        writeFile(path, edited)
        return fakeReplay(commands)
      })
    expectEqual(r.report, "\(path): changed while running; not updated\n0 passed, 1 failed\n")
    expectEqual(readFile(path), edited)
  }

  @Test func ioErrors() {
    let dir = makeTempDir()
    writeFile("\(dir)/a.transcript", goodTranscript)
    try! Data([0x20, 0x20, 0x3E, 0x20, 0xFF, 0x0A]).write(
      to: URL(fileURLWithPath: "\(dir)/bad.transcript"))
    let missing = "\(dir)/nope"
    let r = runReport([dir, missing])
    #expect(
      r.report == """
        \(dir)/bad.transcript: error[io]: not valid UTF-8
        \(missing): error[io]: no such file or directory
        1 passed, 2 failed

        """)
  }

  @Test func emptyOrCommentaryOnlyTranscriptsFail() {
    let dir = makeTempDir()
    writeFile("\(dir)/empty.transcript", "")
    writeFile("\(dir)/notes.transcript", "Just commentary.\n\nMore.\n")
    let r = runReport([dir])
    expectEqual(r.passed, 0)
    expectEqual(r.failed, 2)
    expectTrue(r.report.contains("\(dir)/empty.transcript: nothing to check"))
    expectTrue(r.report.contains("\(dir)/notes.transcript: nothing to check"))
    expectEqual(runReport([dir], update: true).failed, 2)
  }

  @Test func crlfLineEndsAreReadAsLF() {
    let dir = makeTempDir()
    writeFile("\(dir)/crlf.transcript", goodTranscript.replacingOccurrences(of: "\n", with: "\r\n"))
    expectEqual(runReport([dir]).report, "1 passed, 0 failed\n")
    let bad = goodTranscript.replacingOccurrences(of: "  2\n", with: "  two\n")
    writeFile("\(dir)/crlf.transcript", bad.replacingOccurrences(of: "\n", with: "\r\n"))
    let r = runReport([dir])
    expectEqual(r.failed, 1)
    expectTrue(r.report.contains("-  two\n+  2\n"))
  }

  @Test func noTranscripts() {
    let dir = makeTempDir()
    writeFile("\(dir)/notes.txt", "  > echo x\n")
    expectEqual(runReport([dir]).report, "0 passed, 0 failed\n")
    expectEqual(runReport([]).report, "0 passed, 0 failed\n")
  }

  @Test func findsRecursivelyInSortedOrderAndDeduplicates() {
    let dir = makeTempDir()
    for name in ["b/z.transcript", "a.transcript", "b/a/c.transcript", "c.transcript"] {
      writeFile("\(dir)/\(name)", "  > echo \(name)\n  wrong\n")
    }
    let r = runReport([dir, "\(dir)/a.transcript", "\(dir)/"])
    let fails = r.report.split(separator: "\n").filter { $0.hasPrefix("FAIL ") }
    #expect(
      fails == [
        "FAIL \(dir)/a.transcript", "FAIL \(dir)/b/a/c.transcript", "FAIL \(dir)/b/z.transcript",
        "FAIL \(dir)/c.transcript",
      ])
    expectTrue(r.report.hasSuffix("\n0 passed, 4 failed\n"))
  }

  @Test func reportsAreIdenticalForAnyNumberOfJobs() {
    let dir = makeTempDir()
    for i in 0..<24 {
      var text = "File \(i).\n  > echo \(i)\n  \(i)\n  > count \(i % 5 + 1)\n"
      text += (1...(i % 5 + 1)).map { "  \($0)\n" }.joined()
      if i % 3 == 0 { text = text.replacingOccurrences(of: "  1\n", with: "  one\n") }
      if i % 7 == 0 { text += "  > echo unrecorded\n" }
      writeFile("\(dir)/f\(i).transcript", text)
    }
    // Vary timing so completion order differs from path order.
    let replay: TranscriptRunner.Replay = { commands in
      usleep(UInt32.random(in: 0...3000))
      return fakeReplay(commands)
    }
    let paths = [dir, "\(dir)/missing.transcript"]
    let one = runReport(paths, jobs: 1, replay: replay)
    let two = runReport(paths, jobs: 2, replay: replay)
    let four = runReport(paths, jobs: 4, replay: replay)
    expectEqual(one.report, two.report)
    expectEqual(one.report, four.report)
    expectEqual(one.passed, 14)
    expectEqual(one.failed, 11)
  }

  @Test func workersRunConcurrently() {
    let dir = makeTempDir()
    for i in 0..<4 { writeFile("\(dir)/f\(i).transcript", "  > echo \(i)\n  \(i)\n") }
    let counter = ConcurrencyCounter()
    let replay: TranscriptRunner.Replay = { commands in
      counter.enter()
      // Wait (bounded) until another worker is running too.
      _ = HangGuard.waitUntil { counter.maxSeen >= 2 }
      counter.leave()
      return fakeReplay(commands)
    }
    let r = runReport([dir], jobs: 2, replay: replay)
    expectEqual(r.report, "4 passed, 0 failed\n")
    expectEqual(counter.maxSeen, 2)
  }
}

private final class ConcurrencyCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var current = 0
  private var maximum = 0
  func enter() {
    lock.lock()
    current += 1
    maximum = max(maximum, current)
    lock.unlock()
  }
  func leave() {
    lock.lock()
    current -= 1
    lock.unlock()
  }
  var maxSeen: Int {
    lock.lock()
    defer { lock.unlock() }
    return maximum
  }
}

// MARK: - Recorder

@Suite struct TranscriptRecorderTests {
  @Test func recordsAValidTranscriptAfterEveryAppend() throws {
    let dir = makeTempDir()
    let path = "\(dir)/rec.transcript"
    let recorder = try TranscriptRecorder(path: path, header: ["Recorded session.", ""])
    expectEqual(readFile(path), "Recorded session.\n\n")
    try recorder.append(command: "echo hi", output: ["hi"])
    expectEqual(readFile(path), "Recorded session.\n\n  > echo hi\n  hi\n")
    try recorder.append(command: "blank", output: [""])
    let expected = Transcript.renderSession(
      commentary: ["Recorded session.", ""],
      entries: [(command: "echo hi", output: ["hi"]), (command: "blank", output: [""])])
    expectEqual(readFile(path), expected)
    recorder.close()
    recorder.close()
    #expect(throws: TranscriptIOError.self) { try recorder.append(command: "x", output: ["y"]) }
    // The recorded file replays cleanly.
    expectEqual(runReport([path]).report, "1 passed, 0 failed\n")
  }

  @Test func failsForUnwritablePath() {
    #expect(throws: TranscriptIOError.self) {
      _ = try TranscriptRecorder(path: "/nonexistent-dir/x.transcript", header: [])
    }
  }
}

// MARK: - The .record check

/// `.record` lines stay out of the transcript; the check reads words as the parser does.
@Suite struct RecordCheckTests {
  @Test(arguments: [
    (".record", true), ("  .record x.transcript", true), (".record\tx", true),
    (".record off # stop", true),
    (".record \"open quote", true), (".record#x", true), (".record\rx", true),
    ("\".record\" x", false), (".re\"cord\"", false), ("# .record x", false), ("", false),
    (".recording x", false), ("show", false), ("as ann .record x", false),
  ])
  func recordCommand(_ line: String, _ expected: Bool) {
    expectEqual(Session.isRecordCommand(line), expected)
  }
}
