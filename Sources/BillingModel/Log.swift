/// The log (SPEC §3 `log`): every setup and action command and every advance, in order.
/// NB: kept compactly, since a long playback keeps an entry for every logged line: an entry is
/// a day, an actor (an index into the names that acted), an outcome (an index into the few
/// different outcomes) and a command (an index into the different command texts, whose bytes
/// share one arena; a command played again is stored once). About 14 bytes an entry, plus the
/// bytes of each different command once; `LogEntry` values are made when read.
package struct Log: Sendable, RandomAccessCollection, Equatable {
  private struct Packed: Sendable {
    var day: Int32
    var actor: Int32
    var command: UInt32
  }
  private var packed: ChunkedArray<Packed> = []
  private var outcomeOf: ChunkedArray<UInt16> = []
  /// Names that acted, each once, and their indexes.
  private var names: [String] = []
  /// NB: hashed cheaply, as the world's own names (see `NameSlots`).
  private var nameSlots = NameSlots()
  /// By user index, the index in `names` of that user's handle + 1 (0: not known yet), so an
  /// entry whose actor is known by id finds its name without hashing it.
  private var nameOfUser: ChunkedArray<Int32> = []
  /// The different outcomes (few: searched from the most recent).
  private var outcomes: [String] = []
  /// The different command texts: their bytes one after the other in chunks of 16 KiB (a text
  /// never spans two chunks; a longer one has a chunk of its own), where each one is, and an
  /// open-addressing table of their indexes + 1 by hash (0: empty).
  /// NB: in chunks so that a copy of the log (a mark) shares them: an append copies the last.
  private var bytes: [[UInt8]] = []
  private struct Span: Sendable {
    var chunk: UInt32
    var start: UInt32
    var end: UInt32
  }
  private var spans: ChunkedArray<Span> = []
  private var table: ChunkedArray<UInt32> = []
  /// The last command and actor appended: a playback often logs the same one again.
  private var lastCommand = -1
  private var lastName: Int32 = -1
  /// The size of a chunk of command bytes.
  private static var chunkBytes: Int { 16 * 1024 }

  package init() {}

  package static func == (a: Log, b: Log) -> Bool { a.elementsEqual(b) }

  package init(_ entries: some Sequence<LogEntry>) {
    for e in entries { append(e) }
  }

  package var startIndex: Int { 0 }
  package var endIndex: Int { packed.count }

  package subscript(i: Int) -> LogEntry {
    let p = packed[i]
    return LogEntry(
      date: Day(number: Int(p.day)), actor: p.actor < 0 ? nil : names[Int(p.actor)],
      command: command(Int(p.command)), outcome: outcomes[Int(outcomeOf[i])])
  }

  /// The command of entry `i`, without making the rest of it.
  package func command(at i: Int) -> String { command(Int(packed[i].command)) }

  /// The outcome of entry `i`.
  package func outcome(at i: Int) -> String { outcomes[Int(outcomeOf[i])] }

  /// The log of the first `n` entries.
  /// NB: the tables are shared with this one; texts only later entries used stay in them.
  package func firstEntries(_ n: Int) -> Log {
    var l = self
    let cut = Swift.min(n, packed.count)
    l.packed.truncate(cut)
    l.outcomeOf.truncate(cut)
    return l
  }

  /// Appends an entry; `user` is the index of its actor, when known (see `nameOfUser`).
  package mutating func append(_ e: LogEntry, user: Int? = nil) {
    var actor: Int32 = -1
    if let handle = e.actor {
      if let u = user, u < nameOfUser.count, nameOfUser[u] > 0,
        names[Int(nameOfUser[u] - 1)] == handle
      {
        actor = nameOfUser[u] - 1
      } else {
        actor = name(handle)
        if let u = user {
          if u >= nameOfUser.count {
            nameOfUser.append(contentsOf: repeatElement(0, count: u + 1 - nameOfUser.count))
          }
          nameOfUser[u] = actor + 1
        }
      }
    }
    let command = UInt32(truncatingIfNeeded: intern(e.command))
    packed.append(
      Packed(day: Int32(truncatingIfNeeded: e.date.number), actor: actor, command: command))
    outcomeOf.append(UInt16(truncatingIfNeeded: Log.index(of: e.outcome, in: &outcomes)))
  }

  private mutating func name(_ handle: String) -> Int32 {
    if lastName >= 0, names[Int(lastName)] == handle { return lastName }
    let h = NameSlots.hash(handle)
    if let i = nameSlots.find(handle, h, { names[$0] }) {
      lastName = Int32(truncatingIfNeeded: i)
      return lastName
    }
    let i = Int32(truncatingIfNeeded: names.count)
    names.append(handle)
    nameSlots.add(names.count - 1, h, count: names.count) { names[$0] }
    lastName = i
    return i
  }

  /// The index of `s` in a short list of different strings, added when new.
  private static func index(of s: String, in list: inout [String]) -> Int {
    var i = list.count - 1
    while i >= 0 {
      if list[i] == s { return i }
      i -= 1
    }
    list.append(s)
    return list.count - 1
  }

  private func command(_ k: Int) -> String {
    let s = spans[k]
    return bytes[Int(s.chunk)].withUnsafeBufferPointer {
      String(decoding: UnsafeBufferPointer(rebasing: $0[Int(s.start)..<Int(s.end)]), as: UTF8.self)
    }
  }

  private func same(_ k: Int, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
    let s = spans[k]
    let start = Int(s.start)
    guard Int(s.end) - start == text.count else { return false }
    return bytes[Int(s.chunk)].withUnsafeBufferPointer { b in
      var i = 0
      while i < text.count {
        if b[start + i] != text[i] { return false }
        i += 1
      }
      return true
    }
  }

  /// A hash of a command's bytes, eight at a time (deterministic from run to run).
  private static func hash(_ text: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(text.count)
    guard let base = text.baseAddress else { return h }
    let raw = UnsafeRawPointer(base)
    var i = 0
    while i + 8 <= text.count {
      h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x9E37_79B9_7F4A_7C15
      h ^= h >> 29
      i += 8
    }
    while i < text.count {
      h = (h ^ UInt64(text[i])) &* 0x100_0000_01b3
      i += 1
    }
    return h ^ (h >> 32)
  }

  /// The index of a command text, stored when new.
  private mutating func intern(_ command: String) -> Int {
    var text = command
    return text.withUTF8 { t in
      if lastCommand >= 0, same(lastCommand, t) { return lastCommand }
      if table.count < 2 * (spans.count + 1) { grow() }
      let mask = table.count - 1
      var slot = Int(truncatingIfNeeded: Log.hash(t)) & mask
      while table[slot] != 0 {
        let k = Int(table[slot]) - 1
        if same(k, t) {
          lastCommand = k
          return k
        }
        slot = (slot + 1) & mask
      }
      let full = bytes.last.map { !$0.isEmpty && $0.count + t.count > Log.chunkBytes } ?? true
      if full {
        var chunk: [UInt8] = []
        chunk.reserveCapacity(Swift.max(Log.chunkBytes, t.count))
        bytes.append(chunk)
      }
      let c = bytes.count - 1
      let start = bytes[c].count
      bytes[c].append(contentsOf: t)
      spans.append(
        Span(
          chunk: UInt32(truncatingIfNeeded: c), start: UInt32(truncatingIfNeeded: start),
          end: UInt32(truncatingIfNeeded: bytes[c].count)))
      table[slot] = UInt32(truncatingIfNeeded: spans.count)
      lastCommand = spans.count - 1
      return lastCommand
    }
  }

  private mutating func grow() {
    let size = Swift.max(64, table.count * 2)
    table = ChunkedArray(repeating: 0, count: size)
    let mask = size - 1
    for k in 0..<spans.count {
      let s = spans[k]
      let h = bytes[Int(s.chunk)].withUnsafeBufferPointer {
        Log.hash(UnsafeBufferPointer(rebasing: $0[Int(s.start)..<Int(s.end)]))
      }
      var slot = Int(truncatingIfNeeded: h) & mask
      while table[slot] != 0 { slot = (slot + 1) & mask }
      table[slot] = UInt32(truncatingIfNeeded: k + 1)
    }
  }
}
