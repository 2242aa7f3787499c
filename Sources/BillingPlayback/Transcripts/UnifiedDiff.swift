// Unified diffs of line arrays.
//
// The edit script is computed with Myers' O(ND) algorithm in its linear-space
// form (middle snake, divide and conquer), after stripping the common prefix and
// suffix, so large inputs that are mostly equal cost near-linear time and memory
// is O(N + M). Lines that the other side lacks are set aside first, so inputs that
// are mostly different cost near-linear time too. Lines are compared by their
// exact UTF-8 bytes.

package enum UnifiedDiff {
  /// A unified diff with `context` lines of context, labelled
  /// "--- expected: <path>" / "+++ actual: <path>", with hunk headers
  /// "@@ -a,b +c,d @@" (1-based line numbers; a range of length 0 starts at the
  /// line before it, as in GNU diff). Every line of the result ends with "\n".
  /// Returns nil if the inputs are identical.
  package static func make(
    expected: [String], actual: [String], path: String, context: Int = 3
  ) -> String? {
    let ops = editScript(expected, actual)
    guard ops.contains(where: { $0 != .equal }) else { return nil }
    let context = max(0, context)

    // Positions in `expected` / `actual` before op i.
    var aAt = [Int](repeating: 0, count: ops.count + 1)
    var bAt = [Int](repeating: 0, count: ops.count + 1)
    for (i, op) in ops.enumerated() {
      aAt[i + 1] = aAt[i] + (op == .insert ? 0 : 1)
      bAt[i + 1] = bAt[i] + (op == .delete ? 0 : 1)
    }

    var out = "--- expected: \(path)\n+++ actual: \(path)\n"
    var i = 0
    while i < ops.count {
      guard ops[i] != .equal else { i += 1; continue }
      // A hunk starts `context` ops before the first change and grows while the
      // next change is separated by at most 2 * context equal lines.
      let start = max(0, i - context)
      var lastChange = i
      var j = i + 1
      while j < ops.count {
        if ops[j] != .equal {
          lastChange = j
        } else if j - lastChange > 2 * context {
          break
        }
        j += 1
      }
      let end = min(ops.count, lastChange + context + 1)

      let aCount = aAt[end] - aAt[start]
      let bCount = bAt[end] - bAt[start]
      let aStart = aCount == 0 ? aAt[start] : aAt[start] + 1
      let bStart = bCount == 0 ? bAt[start] : bAt[start] + 1
      out += "@@ -\(aStart),\(aCount) +\(bStart),\(bCount) @@\n"
      for k in start..<end {
        switch ops[k] {
        case .equal: out += " " + expected[aAt[k]]
        case .delete: out += "-" + expected[aAt[k]]
        case .insert: out += "+" + actual[bAt[k]]
        }
        out += "\n"
      }
      i = end
    }
    return out
  }

  enum Op: Equatable {
    case equal, delete, insert
  }

  /// A shortest edit script turning `a` into `b`: one op per line, in order.
  /// NB: not `b.difference(from: a)`: on interned lines, half-different inputs of 6,000 and
  /// 20,000 lines took the standard library 1.06 s and 6.43 s (-O), this 0.20 s and 2.26 s, in
  /// about the same memory; its removals and insertions would also have to be turned back into
  /// ops, and where several shortest scripts exist it may pick another, changing pinned diffs.
  static func editScript(_ a: [String], _ b: [String]) -> [Op] {
    // Intern lines as integers (by exact bytes) so comparisons are cheap.
    var ids: [ExactLine: Int] = [:]
    func intern(_ s: String) -> Int {
      let key = ExactLine(s)
      if let id = ids[key] { return id }
      let id = ids.count
      ids[key] = id
      return id
    }
    let x = a.map(intern)
    let y = b.map(intern)
    // NB: a line that the other side does not have at all can only be deleted or inserted, so
    // the search runs on the lines both sides have (as GNU diff discards them): a block where
    // every line differs costs O(N + M), not O((N + M)²). Where the lines all match somewhere,
    // this is Myers' search as before.
    var inA = [Bool](repeating: false, count: ids.count)
    var inB = [Bool](repeating: false, count: ids.count)
    for id in x { inA[id] = true }
    for id in y { inB[id] = true }
    let keptA = x.indices.filter { inB[x[$0]] }
    let keptB = y.indices.filter { inA[y[$0]] }
    if keptA.count == x.count && keptB.count == y.count {
      var differ = MyersDiffer(a: x, b: y)
      differ.diff(0, x.count, 0, y.count)
      return differ.ops
    }
    var differ = MyersDiffer(a: keptA.map { x[$0] }, b: keptB.map { y[$0] })
    differ.diff(0, keptA.count, 0, keptB.count)
    // The matched pairs, mapped back; between two of them, deletions before insertions.
    var ops: [Op] = []
    ops.reserveCapacity(x.count + y.count)
    var i = 0, j = 0, fi = 0, fj = 0
    func gap(to ai: Int, _ bj: Int) {
      ops.append(contentsOf: repeatElement(.delete, count: ai - i))
      ops.append(contentsOf: repeatElement(.insert, count: bj - j))
      i = ai
      j = bj
    }
    for op in differ.ops {
      switch op {
      case .equal:
        gap(to: keptA[fi], keptB[fj])
        ops.append(.equal)
        i += 1
        j += 1
        fi += 1
        fj += 1
      case .delete: fi += 1
      case .insert: fj += 1
      }
    }
    gap(to: x.count, y.count)
    return ops
  }
}

/// A string hashed and compared by its UTF-8 bytes.
private struct ExactLine: Hashable {
  let s: String
  init(_ s: String) { self.s = s }
  static func == (l: ExactLine, r: ExactLine) -> Bool { l.s.utf8.elementsEqual(r.s.utf8) }
  func hash(into hasher: inout Hasher) {
    var s = self.s
    s.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    hasher.combine(s.utf8.count)
  }
}

/// Linear-space Myers diff on interned lines (the bisection follows Myers 1986,
/// section 4b, in the formulation used by diff-match-patch).
private struct MyersDiffer {
  let a: [Int]
  let b: [Int]
  var ops: [UnifiedDiff.Op] = []

  init(a: [Int], b: [Int]) {
    self.a = a
    self.b = b
    ops.reserveCapacity(a.count + b.count)
  }

  /// Appends the ops turning a[aLo..<aHi] into b[bLo..<bHi].
  mutating func diff(_ aLo: Int, _ aHi: Int, _ bLo: Int, _ bHi: Int) {
    var aLo = aLo, aHi = aHi, bLo = bLo, bHi = bHi
    // Common prefix.
    while aLo < aHi, bLo < bHi, a[aLo] == b[bLo] {
      ops.append(.equal)
      aLo += 1
      bLo += 1
    }
    // Common suffix (emitted last).
    var suffix = 0
    while aLo < aHi, bLo < bHi, a[aHi - 1] == b[bHi - 1] {
      aHi -= 1
      bHi -= 1
      suffix += 1
    }
    if aLo == aHi {
      ops.append(contentsOf: repeatElement(.insert, count: bHi - bLo))
    } else if bLo == bHi {
      ops.append(contentsOf: repeatElement(.delete, count: aHi - aLo))
    } else if let (x, y) = middleSnake(aLo, aHi, bLo, bHi) {
      diff(aLo, x, bLo, y)
      diff(x, aHi, y, bHi)
    } else {
      ops.append(contentsOf: repeatElement(.delete, count: aHi - aLo))
      ops.append(contentsOf: repeatElement(.insert, count: bHi - bLo))
    }
    ops.append(contentsOf: repeatElement(.equal, count: suffix))
  }

  /// A split point (absolute indices) on an optimal path through the box, found
  /// where the forward and backward searches overlap.
  func middleSnake(_ aLo: Int, _ aHi: Int, _ bLo: Int, _ bHi: Int) -> (Int, Int)? {
    let n = aHi - aLo
    let m = bHi - bLo
    let maxD = (n + m + 1) / 2
    let offset = maxD
    let length = 2 * maxD + 2
    var v1 = [Int](repeating: -1, count: length)
    var v2 = [Int](repeating: -1, count: length)
    v1[offset + 1] = 0
    v2[offset + 1] = 0
    let delta = n - m
    let front = delta % 2 != 0
    var k1start = 0, k1end = 0, k2start = 0, k2end = 0

    for d in 0..<maxD {
      // Forward path.
      var k1 = -d + k1start
      while k1 <= d - k1end {
        let k1o = offset + k1
        var x1: Int
        if k1 == -d || (k1 != d && v1[k1o - 1] < v1[k1o + 1]) {
          x1 = v1[k1o + 1]
        } else {
          x1 = v1[k1o - 1] + 1
        }
        var y1 = x1 - k1
        while x1 < n, y1 < m, a[aLo + x1] == b[bLo + y1] {
          x1 += 1
          y1 += 1
        }
        v1[k1o] = x1
        if x1 > n {
          k1end += 2  // ran off the right of the box
        } else if y1 > m {
          k1start += 2  // ran off the bottom of the box
        } else if front {
          let k2o = offset + delta - k1
          if k2o >= 0, k2o < length, v2[k2o] != -1 {
            let x2 = n - v2[k2o]  // mirror the reverse x
            if x1 >= x2 { return (aLo + x1, bLo + y1) }
          }
        }
        k1 += 2
      }
      // Reverse path.
      var k2 = -d + k2start
      while k2 <= d - k2end {
        let k2o = offset + k2
        var x2: Int
        if k2 == -d || (k2 != d && v2[k2o - 1] < v2[k2o + 1]) {
          x2 = v2[k2o + 1]
        } else {
          x2 = v2[k2o - 1] + 1
        }
        var y2 = x2 - k2
        while x2 < n, y2 < m, a[aLo + n - x2 - 1] == b[bLo + m - y2 - 1] {
          x2 += 1
          y2 += 1
        }
        v2[k2o] = x2
        if x2 > n {
          k2end += 2
        } else if y2 > m {
          k2start += 2
        } else if !front {
          let k1o = offset + delta - k2
          if k1o >= 0, k1o < length, v1[k1o] != -1 {
            let x1 = v1[k1o]
            let y1 = offset + x1 - k1o
            if x1 >= n - x2 { return (aLo + x1, bLo + y1) }
          }
        }
        k2 += 2
      }
    }
    return nil
  }
}
