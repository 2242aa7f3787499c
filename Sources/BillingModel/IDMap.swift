/// A map from dense ids (people by user id) that a copy shares piece by piece: up to 512
/// entries it is one dictionary; past that it is sharded by ranges of 512 ids, so a change
/// after a copy copies the outer list of shards and the one shard written, not every entry.
/// NB: the iteration order is not the ids' order (as with a Dictionary): sort where it matters.
package struct IDMap<Key: DenseID & Hashable, Value>: Sequence {
  @usableFromInline static var shift: Int { 9 }
  /// All entries while there are few (`shards` is empty then).
  @usableFromInline var small: [Key: Value] = [:]
  /// Past 512 entries: the entries of ids `k << 9 ..< (k + 1) << 9` in shard `k`.
  @usableFromInline var shards: [[Key: Value]] = []
  package private(set) var count = 0

  package init() {}

  package var isEmpty: Bool { count == 0 }

  @inlinable package subscript(key: Key) -> Value? {
    get {
      if shards.isEmpty { return small[key] }
      let k = key.index >> Self.shift
      return k < shards.count ? shards[k][key] : nil
    }
    set {
      if let newValue { insert(key, newValue) } else { removeValue(forKey: key) }
    }
  }

  @usableFromInline mutating func insert(_ key: Key, _ value: Value) {
    if shards.isEmpty {
      if small.updateValue(value, forKey: key) == nil { count += 1 }
      if count > 1 << Self.shift { shard() }
      return
    }
    let k = key.index >> Self.shift
    if k >= shards.count {
      shards.append(contentsOf: repeatElement([:], count: k + 1 - shards.count))
    }
    if shards[k].updateValue(value, forKey: key) == nil { count += 1 }
  }

  private mutating func shard() {
    for (key, value) in small {
      let k = key.index >> Self.shift
      if k >= shards.count {
        shards.append(contentsOf: repeatElement([:], count: k + 1 - shards.count))
      }
      shards[k][key] = value
    }
    small = [:]
  }

  @discardableResult
  package mutating func removeValue(forKey key: Key) -> Value? {
    let old: Value?
    if shards.isEmpty {
      old = small.removeValue(forKey: key)
    } else {
      let k = key.index >> Self.shift
      old = k < shards.count ? shards[k].removeValue(forKey: key) : nil
    }
    if old != nil { count -= 1 }
    return old
  }

  package var keys: [Key] { map(\.key) }

  /// How many shards hold the entries (0: one dictionary).
  package var shardCount: Int { shards.count }

  /// Whether shard `k` of this map and of `other` are the same storage (shared, not copied).
  package func sharesShard(_ k: Int, with other: IDMap) -> Bool {
    withUnsafeBytes(of: shards[k]) { a in
      withUnsafeBytes(of: other.shards[k]) { b in a.elementsEqual(b) }
    }
  }

  package func makeIterator() -> Iterator { Iterator(map: self) }

  package struct Iterator: IteratorProtocol {
    let map: IDMap
    var shard = -1
    var inner: Dictionary<Key, Value>.Iterator

    init(map: IDMap) {
      self.map = map
      inner = map.small.makeIterator()
    }

    package mutating func next() -> (key: Key, value: Value)? {
      while true {
        if let e = inner.next() { return e }
        shard += 1
        guard shard < map.shards.count else { return nil }
        inner = map.shards[shard].makeIterator()
      }
    }
  }
}

extension IDMap: Sendable where Key: Sendable, Value: Sendable {}
