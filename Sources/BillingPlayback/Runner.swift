import BillingLanguage
import BillingModel
import BillingRuntime
import BillingStore
import BillingSupport
import Platform

/// `billsh run`, piped input, and transcript replay: sessions driven without a terminal.
package enum Runner {
  /// Exit code of a run: 0 when every line met its expectation, 2 when an unmet line was a
  /// usage or file error, 1 otherwise.
  package static func exitCode(_ s: Session) -> Int32 {
    s.unmet == 0 ? 0 : (s.unmetUsage > 0 ? 2 : 1)
  }

  /// `file.bill: 36 commands, 35 met, 1 unmet` and a newline.
  static func summary(_ file: String, _ s: Session) -> String {
    "\(file): \(s.played) command\(s.played == 1 ? "" : "s"), \(s.played - s.unmet) met, \(s.unmet) unmet\n"
  }

  /// Loads a catalog file over the defaults.
  package static func catalog(from path: String?) throws(Failure) -> Catalog {
    guard let path else { return .standard }
    let bytes = try LocalFiles.read(path)
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw Failure(.io, nil, "\(path): not UTF-8 text")
    }
    do { return try parseCatalog(try parseJSON(text), base: .standard) } catch {
      throw Failure(.io, nil, "\(path): \(error.message)")
    }
  }

  /// Plays script files, each in a fresh world. Returns the exit code.
  /// After each file, `file.bill: 36 commands, 35 met, 1 unmet` goes to `errors` (SPEC §8).
  /// NB: for `billsh run`, which exits next: the last file's session is never freed.
  package static func run(
    files: [String], json: Bool, bail: Bool, catalog: Catalog, state: String?, out: Output,
    errors: Output = Output(fd: 2), shouldStop: @escaping () -> Bool = { false }
  ) -> Int32 {
    let printer = RecordPrinter(json: json)
    var worst: Int32 = 0
    for (index, file) in files.enumerated() {
      let session = Session(catalog: catalog, files: LocalFiles())
      session.keepsResults = json
      session.shouldStop = shouldStop
      if let state, LocalFiles.exists(state) {
        do { try session.startFromSaved(state) } catch {
          out.write("error[\(error.code.rawValue)]: \(error.message.visible)\n")
          return 2
        }
      }
      if let state { session.noteStateFile(state) }
      var stop = false
      session.sink = { r in
        printer.write(r, to: out)
        if bail && !r.met { stop = true }
      }
      let inner = session.shouldStop
      session.shouldStop = { stop || inner() }
      // NB: streamed like piped input (read ahead on a second thread), so a script of any size
      // plays in constant memory beyond its world.
      do {
        let fd = try LocalFiles.openScript(file)
        session.reading = [file]
        _ = runStream(fd: fd, name: file, session: session, json: json, bail: bail, out: out)
        session.reading = []
        _ = close(fd)
        if bail && session.unmet > 0 { stop = true }
        out.flush()
        errors.write(summary(file, session))
        errors.flush()
      } catch {
        session.reject(error, input: "", file: file, line: nil)
      }
      if let state {
        do { try session.saveState(to: state) } catch {
          out.write("error[io]: \(error.message.visible)\n")
          worst = 2
        }
      }
      worst = max(worst, exitCode(session))
      // NB: Ctrl-C (or output that cannot be written) ends the run, not only this file. The
      // stopped session is kept (never freed): the process ends next, and taking a large world
      // and its journal apart first would hold Ctrl-C up for a good part of a second.
      if stop || session.stopSeen {
        _ = Unmanaged.passRetained(session)
        break
      }
      // NB: the same for the last file: the process ends next (`billsh run` exits with the
      // code), and taking its world apart first cost about 2.5% of a long playback's work.
      if index == files.count - 1 { _ = Unmanaged.passRetained(session) }
    }
    out.flush()
    return worst
  }

  /// Reads commands from a file descriptor like a script (piped stdin): no prompt, same errors.
  /// NB: from a regular file of 256 KiB or more, a second thread reads and parses ahead (`Session.prepare` needs no
  /// world) while this one runs the commands; records come out in the same order either way.
  package static func runStream(
    fd: Int32, name: String, session: Session, json: Bool, bail: Bool, out: Output
  ) -> Int32 {
    let printer = RecordPrinter(json: json)
    var stop = false
    session.sink = { r in
      printer.write(r, to: out)
      if bail && !r.met { stop = true }
    }
    // NB: so that a `.record` writes the whole session so far (SPEC §6), as in the shell.
    // Keeping it costs about a tenth of playback, so a regular file in which no line can be a
    // `.record` (or a `.read` that might hold one) is played without it.
    // NB: and the lines performed, for `.history` (a tenth of what a line costs the playing
    // thread when kept): the same scan tells whether a line can be a `.history`.
    let mayRecall = !isRegularFile(fd) || mayRecord(fd)
    session.keepsTranscript = mayRecall
    session.keepsHistory = mayRecall
    /// Runs one item; false when playback should stop.
    func consume(_ item: StreamItem) -> Bool {
      switch item {
      case .reject(let f, let input, let number):
        session.reject(f, input: input, file: name, line: number)
      case .line(let l, let prepared):
        let o = session.perform(
          l.text, file: name, line: l.number, expectation: l.expectation, prepared: prepared)
        if o.quit { return false }
      }
      return !stop && !session.stopRequested()
    }
    if isLargeRegularFile(fd) {
      // NB: the records of a batch are printed by whichever thread has time: when the reading
      // thread is ahead, they go back with the batch and it prints them (in order) when it
      // frees the batch; when it is behind and has printed all it was given, the playing thread
      // prints them itself. The two never print at once, and `out.failed`, asked between
      // commands, is safe from either.
      let handoff = Handoff<StreamItem, PlayedBatch>(
        limit: 8,
        recycle: { played in
          for r in played.records { printer.write(r, to: out) }
        })
      let reader = WorkerThread(stackSize: 8 << 20) {
        var lines = StreamLines()
        var batch: [StreamItem] = []
        batch.reserveCapacity(256)
        splitLines(fd, interrupted: { false }) { bytes, end in
          guard let item = lines.next(bytes, end: end, prepare: true) else { return true }
          batch.append(item)
          if batch.count < 256 { return true }
          defer { batch = []; batch.reserveCapacity(256) }
          return handoff.give(batch)
        }
        if let item = lines.finish() { batch.append(item) }
        if !batch.isEmpty { _ = handoff.give(batch) }
        handoff.close()
        handoff.recycleUntilFinished()
      }
      if let reader {
        var records: [Record] = []
        let printNow = session.sink
        session.sink = { r in
          if bail && !r.met { stop = true }
          records.append(r)
        }
        var used: PlayedBatch?
        playing: while let batch = handoff.take(returning: used.take()) {
          adviseHugePages()
          records.reserveCapacity(batch.count)
          for item in batch where !consume(item) {
            handoff.cancel()
            break playing
          }
          let printHere = handoff.giverIsBehind()
          if printHere {
            for r in records { printer.write(r, to: out) }
            records.removeAll(keepingCapacity: true)
          }
          // NB: `consume`, so the batch's only reference here is the one handed back.
          used = PlayedBatch(items: consume batch, records: printHere ? [] : records)
          if !printHere { records = [] }
        }
        reader.join()
        // The batch playback stopped in never went back: its records come after all the others.
        session.sink = printNow
        for r in records { printer.write(r, to: out) }
        records = []
        out.flush()
        return exitCode(session)
      }
    }
    var lines = StreamLines()
    var going = true
    splitLines(fd, interrupted: { session.stopRequested() }) { bytes, end in
      if let item = lines.next(bytes, end: end, prepare: false) { going = consume(item) }
      return going
    }
    if let item = lines.finish() { _ = consume(item) }
    out.flush()
    return exitCode(session)
  }

  /// A regular file large enough for reading ahead to pay for its thread.
  /// NB: a small script (and an empty one: the start-up figure) plays on one thread.
  static func isLargeRegularFile(_ fd: Int32) -> Bool {
    var st = stat()
    return fstat(fd, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG && st.st_size >= 256 * 1024
  }

  /// Whether the rest of the file at `fd` may hold a `.record`, `.read` or `.history` line: a
  /// `.` followed by `r`, `R`, `h`, `H` or `\` anywhere (comments and names too; a false yes only
  /// costs time).
  /// NB: reads with `pread`, so the file offset is left where it was.
  static func mayRecord(_ fd: Int32) -> Bool {
    var offset = lseek(fd, 0, SEEK_CUR)
    if offset < 0 { return true }
    // Not zeroed: `pread` fills what is looked at, and a short script touches few pages.
    let chunk = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 1 << 20)
    defer { chunk.deallocate() }
    var dotAtEnd = false
    while true {
      let n = pread(fd, chunk.baseAddress, chunk.count, offset)
      if n < 0 { if errno == EINTR { continue }; return true }
      if n == 0 { return false }
      offset += off_t(n)
      let found = { (b: UnsafeBufferPointer<UInt8>) -> Bool in
        guard let base = b.baseAddress else { return false }
        func follows(_ c: UInt8) -> Bool { c == 114 || c == 82 || c == 104 || c == 72 || c == 92 }
        if dotAtEnd && follows(b[0]) { return true }
        var start = 0
        while start < n, let hit = memchr(base + start, 46, n - start) {
          let i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
          if i + 1 < n && follows(b[i + 1]) { return true }
          start = i + 1
        }
        dotAtEnd = b[n - 1] == 46
        return false
      }(UnsafeBufferPointer(chunk))
      if found { return true }
    }
  }

  static func isRegularFile(_ fd: Int32) -> Bool {
    var st = stat()
    return fstat(fd, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG
  }

  /// How a physical line came out of `splitLines`.
  enum LineEnd {
    /// A whole line (or the last one, without a newline).
    case whole
    /// Over `ScriptReader.maxBytes`: reported as soon as the limit is passed; the rest of the
    /// line, up to its newline, is skipped.
    case tooLong
    /// No newline within `maxSkipped` bytes past the limit (`/dev/zero`, a binary file): the
    /// input is not read further.
    case endless
  }

  /// How far past the line limit a too-long line is skipped before the input is given up.
  static let maxSkipped = 1 << 20

  /// Calls `line` with each line read from `fd` (without its newline), or with `.tooLong` for a
  /// line over the limit, until it returns false. A last line without a newline counts too.
  /// NB: memory stays within the line limit whatever comes in, and `interrupted` is asked after
  /// every read, so an endless input (`/dev/zero`) ends, and Ctrl-C stops any of them.
  static func splitLines(
    _ fd: Int32, interrupted: () -> Bool,
    _ line: (UnsafeBufferPointer<UInt8>, _ end: LineEnd) -> Bool
  ) {
    var partial: [UInt8] = []
    /// Bytes of a too-long line skipped so far; nil when not skipping.
    var skipped: Int?
    // Not zeroed: `read` fills what is looked at.
    let chunk = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 65536)
    defer { chunk.deallocate() }
    var going = true
    let none = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    while going {
      let n = read(fd, chunk.baseAddress, chunk.count)
      if n < 0 { if errno == EINTR { if interrupted() { return }; continue }; break }
      if n == 0 { break }
      if interrupted() { return }
      let buf = UnsafeBufferPointer(chunk)
      guard let base = buf.baseAddress else { break }
      var start = 0
      while going, start < n {
        guard let hit = memchr(base + start, 10, n - start) else { break }
        let i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        if skipped != nil {
          skipped = nil
        } else if partial.isEmpty {
          // NB: a line wholly inside this chunk is used in place; only a line split across reads is copied.
          going = line(UnsafeBufferPointer(rebasing: buf[start..<i]), .whole)
        } else {
          partial.append(contentsOf: buf[start..<i])
          going = partial.withUnsafeBufferPointer { line($0, .whole) }
          partial.removeAll(keepingCapacity: true)
        }
        start = i + 1
      }
      guard going, start < n else { continue }
      if let s = skipped {
        skipped = s + (n - start)
        if s + (n - start) > maxSkipped {
          _ = line(none, .endless)
          going = false
        }
        continue
      }
      partial.append(contentsOf: buf[start..<n])
      if partial.count > ScriptReader.maxBytes {
        skipped = partial.count - ScriptReader.maxBytes
        partial = []
        going = line(none, .tooLong)
      }
    }
    if going && !partial.isEmpty {
      _ = partial.withUnsafeBufferPointer { line($0, .whole) }
    }
  }

  /// Replays transcript commands in a fresh world; each command's output as the shell shows it.
  /// With `path` (the transcript's), relative files are found in the transcript's folder.
  package static func replay(
    _ commands: [String], catalog: Catalog = .standard, at path: String? = nil
  ) -> [[String]] {
    // SPEC §8: a transcript is data. Its file commands stay inside its folder and write into a
    // private folder removed after the replay; paths are shown relative to its folder.
    let sandbox = path.map { TranscriptSandbox(transcript: $0) }
    defer { sandbox?.remove() }
    let session = Session(catalog: catalog, files: LocalFiles(sandbox: sandbox))
    session.keepsResults = false
    session.reading = (sandbox?.transcript ?? path).map { [$0] } ?? []
    let printer = RecordPrinter(json: false)
    var current: [String] = []
    session.sink = { r in
      var t = printer.text(r, prefixed: r.file != nil)
      if let sandbox { t = sandbox.scrub(t) }
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
  package static func transcript(of path: String, catalog: Catalog) throws(Failure) -> (
    text: String, code: Int32
  ) {
    var bytes = try LocalFiles.read(path)
    // NB: a byte order mark is not part of the first line (as `ScriptReader` reads it).
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
    let session = Session(catalog: catalog, files: LocalFiles())
    session.keepsResults = false
    session.reading = [path]
    let printer = RecordPrinter(json: false)
    var current: [String] = []
    session.sink = { r in
      current += printer.text(r, prefixed: r.file != nil && r.file != path).split(
        separator: "\n", omittingEmptySubsequences: false
      ).map(String.init)
    }
    var items: [Transcript.Item] = []
    var reader = ScriptReader()
    var start = 0, number = 0
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
      items.append(.command(text: l.text, line: 0, output: current))
    }
    if let l = reader.finish(), let f = l.failure {
      throw Failure(.usage, nil, "\(path):\(l.number): \(f.message)")
    }
    return (Transcript(items: items).render(), exitCode(session))
  }
}

extension Session {
  static func exists(_ path: String) -> Bool {
    access(path, F_OK) == 0
  }
}

/// One line of a stream, read (and, when read ahead, prepared), ready to run.
enum StreamItem: Sendable {
  case reject(Failure, input: String, line: Int)
  case line(ScriptLine, Session.Prepared?)
}

/// Physical lines of a stream to `StreamItem`s: numbering, the length limit, the script reader.
struct StreamLines {
  var reader = ScriptReader()
  var number = 0
  /// The words of the line being prepared (one list for all the lines).
  var words: [Token] = []
  /// Lines prepared lately (made at the first line prepared).
  var recent: RecentLines?

  mutating func next(_ bytes: UnsafeBufferPointer<UInt8>, end: Runner.LineEnd, prepare: Bool)
    -> StreamItem?
  {
    switch end {
    case .whole: break
    case .tooLong:
      number += 1
      return .reject(
        Failure(.usage, nil, "the line is longer than \(ScriptReader.maxBytes / 1024) KiB"),
        input: "", line: number)
    case .endless:
      return .reject(
        Failure(
          .usage, nil,
          "no end of line in \(Runner.maxSkipped / (1024 * 1024)) MiB past the line limit: not a script; the rest is not read"
        ), input: "", line: number)
    }
    number += 1
    guard prepare else {
      guard let l = reader.feed(bytes, number: number) else { return nil }
      if let f = l.failure { return .reject(f, input: l.text, line: l.number) }
      return .line(l, nil)
    }
    // NB: taken out while the reader runs, so its lookup may use it (put back before returning).
    var recent = self.recent.take() ?? RecentLines()
    defer { self.recent = recent }
    // The slot of the line's text, worked out from its bytes when they are looked up.
    var slot: Int?
    let line = reader.feed(bytes, number: number) { command in
      slot = RecentLines.slot(of: command)
      return slot.flatMap { recent.text(in: $0, matching: command) }
    }
    guard let l = line else { return nil }
    if let f = l.failure { return .reject(f, input: l.text, line: l.number) }
    return .line(
      l, recent.prepare(l.text, slot: slot ?? RecentLines.slot(of: l.text), words: &words))
  }

  /// End of input: a continuation left open.
  mutating func finish() -> StreamItem? {
    guard let l = reader.finish(), let f = l.failure else { return nil }
    return .reject(f, input: "", line: l.number)
  }
}

/// Lines prepared lately, by their text: a line met again (a view asked again, a step repeated)
/// shares the text and the prepared form made the first time instead of being split and parsed
/// again.
/// NB: preparing needs no world (`Session.prepare`), so a text is always prepared the same way.
/// Direct-mapped by a hash of the text and bounded: a line takes the place of the one before it
/// in its slot, so memory stays the same whatever the length of the script. A long line (a
/// list of many users) is prepared afresh: such lines rarely come again, and hashing costs.
struct RecentLines {
  static let slotBits = 13
  static let longest = 200
  private var texts = [String](repeating: "", count: 1 << RecentLines.slotBits)
  private var prepared = [Session.Prepared?](repeating: nil, count: 1 << RecentLines.slotBits)
  /// The commands met after `as <user>` and `can <user>` (most lines that are not met again
  /// differ only in their user).
  private let inner = InnerCommands()

  /// The text kept in `slot`, when its bytes are `bytes`.
  func text(in slot: Int, matching bytes: UnsafeBufferPointer<UInt8>) -> String? {
    guard prepared[slot] != nil, TextSlot.same(texts[slot], bytes) else { return nil }
    return texts[slot]
  }

  /// The prepared form of `text`: the one kept for it, or a new one, kept from now on.
  mutating func prepare(_ text: String, words: inout [Token]) -> Session.Prepared {
    prepare(text, slot: RecentLines.slot(of: text), words: &words)
  }

  /// The same when the slot of `text` is known (nil for a long line, never kept).
  mutating func prepare(_ text: String, slot: Int?, words: inout [Token]) -> Session.Prepared {
    guard let slot else { return Session.prepare(text, words: &words, inner: inner) }
    if let p = prepared[slot], texts[slot] == text { return p }
    let p = Session.prepare(text, words: &words, inner: inner)
    texts[slot] = text
    prepared[slot] = p
    return p
  }

  static func slot(of text: String) -> Int? {
    var line = text
    return line.withUTF8 { slot(of: $0) }
  }

  /// The slot of a text's bytes, or nil for a long one.
  static func slot(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    bytes.count <= longest ? TextSlot.of(bytes, bits: slotBits) : nil
  }
}

/// A played batch on its way back to the reading thread: its items, to free there, and the
/// records they made, to print there.
/// NB: unchecked: the playing thread hands it over and keeps no reference to any of it.
struct PlayedBatch: @unchecked Sendable {
  var items: [StreamItem]
  var records: [Record]
}
