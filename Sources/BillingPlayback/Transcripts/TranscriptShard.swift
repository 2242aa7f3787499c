// `billsh test --shard K/N`: which share of the transcripts one of N runs replays.

/// Shard K of N: the files whose position in path order, counted from 0, leaves K-1 when
/// divided by N.
///
/// NB: by position rather than by a hash of the path, so the N shards differ in size by at most
/// one file; a file added or removed moves the files after it to other shards, which only
/// matters to runs that see different corpora.
package struct TranscriptShard: Sendable, Equatable {
  /// The shard's number, 1...count.
  package let index: Int
  package let count: Int

  /// All files: shard 1 of 1.
  package static let whole = TranscriptShard(validIndex: 1, count: 1)

  private init(validIndex: Int, count: Int) {
    self.index = validIndex
    self.count = count
  }

  /// Shard `index` of `count`; nil unless 1 ≤ index ≤ count.
  package init?(index: Int, count: Int) {
    guard 1 <= index, index <= count else { return nil }
    self.init(validIndex: index, count: count)
  }

  /// Reads "K/N" (two whole numbers in decimal digits); nil for anything else or K outside 1...N.
  package init?(_ text: String) {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let k = Self.number(parts[0]), let n = Self.number(parts[1]) else {
      return nil
    }
    self.init(index: k, count: n)
  }

  private static func number(_ digits: Substring) -> Int? {
    guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
      return nil
    }
    return Int(digits)
  }

  /// The shard's share of `items`, which are in path order.
  package func share<T>(of items: [T]) -> [T] {
    if count == 1 { return items }
    return items.indices.filter { $0 % count == index - 1 }.map { items[$0] }
  }
}
