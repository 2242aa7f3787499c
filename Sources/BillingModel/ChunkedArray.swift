/// An array stored as fixed chunks of 512 elements, so that a copy of it (a mark, an undo
/// checkpoint) shares what did not change: a write after a copy copies the outer array of
/// chunk references and the one chunk written, not the whole array.
/// NB: the chunks are arrays held in an outer array; each is copied on write by itself (Swift
/// checks that its storage is uniquely referenced), so a copy costs one reference per chunk.
package struct ChunkedArray<Element>: RandomAccessCollection, MutableCollection {
  /// log2 of the elements in a chunk.
  @usableFromInline static var shift: Int { 9 }
  @usableFromInline static var mask: Int { (1 << shift) - 1 }
  /// Every chunk is full but the last.
  @usableFromInline var chunks: [[Element]] = []
  package private(set) var count = 0

  @inlinable package init() {}

  package init(repeating value: Element, count: Int) {
    var left = count
    while left > 0 {
      let n = Swift.min(left, 1 << Self.shift)
      chunks.append([Element](repeating: value, count: n))
      left -= n
    }
    self.count = count
  }

  package init(_ elements: some Sequence<Element>) {
    for e in elements { append(e) }
  }

  @inlinable package var startIndex: Int { 0 }
  @inlinable package var endIndex: Int { count }
  @inlinable package func index(after i: Int) -> Int { i + 1 }
  @inlinable package func index(before i: Int) -> Int { i - 1 }

  @inlinable package subscript(i: Int) -> Element {
    @inline(__always) get {
      precondition(i >= 0 && i < count, "ChunkedArray index out of range")
      return chunks[i &>> Self.shift][i & Self.mask]
    }
    @inline(__always) _modify {
      precondition(i >= 0 && i < count, "ChunkedArray index out of range")
      yield &chunks[i &>> Self.shift][i & Self.mask]
    }
  }

  /// NB: `e` is taken (consumed), not borrowed: a borrowed element is copied into the chunk (a
  /// retain of each of its references) and the caller's released after.
  @inlinable package mutating func append(_ e: consuming Element) {
    if count & Self.mask == 0 {
      chunks.append([])
    }
    chunks[chunks.count - 1].append(e)
    count += 1
  }

  package mutating func append(contentsOf elements: some Sequence<Element>) {
    for e in elements { append(e) }
  }

  /// Keeps the first `n` elements.
  package mutating func truncate(_ n: Int) {
    guard n < count else { return }
    let keep = (n + Self.mask) >> Self.shift
    chunks.removeSubrange(keep...)
    if n & Self.mask != 0 { chunks[keep - 1].removeSubrange((n & Self.mask)...) }
    count = n
  }

  package mutating func removeAll() {
    chunks = []
    count = 0
  }

  package mutating func removeLast() -> Element {
    let e = self[count - 1]
    truncate(count - 1)
    return e
  }

  /// The elements as one array.
  package var array: [Element] { Array(self) }

  /// How many chunks hold the elements.
  package var chunkCount: Int { chunks.count }

  /// Whether chunk `k` of this array and of `other` are the same storage (shared, not copied).
  package func sharesChunk(_ k: Int, with other: ChunkedArray) -> Bool {
    chunks[k].withUnsafeBufferPointer { a in
      other.chunks[k].withUnsafeBufferPointer { b in a.baseAddress == b.baseAddress }
    }
  }
}

extension ChunkedArray: Sendable where Element: Sendable {}

extension ChunkedArray: Equatable where Element: Equatable {
  package static func == (a: ChunkedArray, b: ChunkedArray) -> Bool { a.chunks == b.chunks }
}

extension ChunkedArray: ExpressibleByArrayLiteral {
  package init(arrayLiteral elements: Element...) { self.init(elements) }
}
