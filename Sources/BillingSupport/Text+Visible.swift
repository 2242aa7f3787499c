/// Text shown to a terminal: bytes that would drive it (move the cursor, set the title, ring
/// the bell) are written as visible escapes instead.
extension Text {
  /// The text with every C0 control but tab and newline, DEL, and every C1 control
  /// (U+0080–U+009F) written as `\x1b`, `\x7f`, `\u{9b}`; the text itself when it has none.
  /// NB: names and addresses refuse control characters (`World.checkShownText`), but error
  /// messages echo what was typed, and files may hold anything: this is the last guard before
  /// the terminal.
  package var visible: Text {
    guard withBytes(Text.findsControl) else { return self }
    var out = Text(capacity: count + 16)
    withBytes { bytes in
      var i = 0
      while i < bytes.count {
        let b = bytes[i]
        if b == 0xC2, i + 1 < bytes.count, bytes[i + 1] >= 0x80, bytes[i + 1] <= 0x9F {
          out.append("\\u{")
          Text.hex(bytes[i + 1], into: &out)
          out.append("}")
          i += 2
          continue
        }
        if (b < 0x20 && b != 9 && b != 10) || b == 0x7F {
          out.append("\\x")
          Text.hex(b, into: &out)
        } else {
          out.append(byte: b)
        }
        i += 1
      }
    }
    return out
  }

  /// Rewrites the bytes from `start` on as `visible` would (for text appended in place).
  package mutating func makeVisible(from start: Int) {
    guard withBytes({ Text.findsControl(UnsafeBufferPointer(rebasing: $0[start...])) }) else {
      return
    }
    var tail = Text(capacity: count - start)
    withBytes { tail.append(UnsafeBufferPointer(rebasing: $0[start...])) }
    removeSuffix(from: start)
    append(tail.visible)
  }

  /// Whether the bytes hold anything `visible` would rewrite.
  /// NB: eight bytes at a time: a word with no byte below 0x20 and none from 0x7F up (two tests
  /// for the three kinds of byte) is skipped whole; only a word with one of them (a newline, a
  /// letter beyond ASCII) is looked at byte by byte.
  static func findsControl(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = bytes.baseAddress else { return false }
    let n = bytes.count
    func rewrites(_ i: Int) -> Bool {
      let b = base[i]
      if (b < 0x20 && b != 9 && b != 10) || b == 0x7F { return true }
      return b == 0xC2 && i + 1 < n && base[i + 1] >= 0x80 && base[i + 1] <= 0x9F
    }
    var i = 0
    while i + 8 <= n {
      let x = ByteWord.load(base, i)
      if ByteWord.hasBelow(x, 0x20) || ByteWord.hasAtLeast7F(x) {
        for j in i..<(i + 8) where rewrites(j) { return true }
      }
      i += 8
    }
    while i < n {
      if rewrites(i) { return true }
      i += 1
    }
    return false
  }

  private static func hex(_ b: UInt8, into out: inout Text) {
    func digit(_ d: UInt8) -> UInt8 { d < 10 ? 48 + d : 87 + d }
    out.append(byte: digit(b >> 4))
    out.append(byte: digit(b & 15))
  }
}

extension String {
  /// See `Text.visible`.
  package var visible: String {
    var copy = self
    let clean = copy.withUTF8 { !Text.findsControl($0) }
    return clean ? self : Text(self).visible.string
  }
}
