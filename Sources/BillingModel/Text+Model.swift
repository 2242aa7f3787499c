import BillingSupport

/// Dates and ids written straight into a `Text`, by the same digit writer as every number.
extension Text {
  /// `YYYY-MM-DD` (see `Day.description`).
  package mutating func append(_ d: Day) {
    let f = d.fields
    // NB: a year of four digits (every date but the calendar's far ends) is ten bytes written
    // at once; others go through the digit writer.
    guard f.year >= 0 && f.year <= 9999 else {
      var scratch = DigitScratch()
      scratch.putDay(d)
      return scratch.written { append($0) }
    }
    var b: (UInt64, UInt16) = (0, 0)
    withUnsafeMutableBytes(of: &b) { p in
      p[0] = 48 + UInt8(f.year / 1000)
      p[1] = 48 + UInt8(f.year / 100 % 10)
      p[2] = 48 + UInt8(f.year / 10 % 10)
      p[3] = 48 + UInt8(f.year % 10)
      p[4] = 45
      p[5] = 48 + UInt8(f.month / 10)
      p[6] = 48 + UInt8(f.month % 10)
      p[7] = 45
      p[8] = 48 + UInt8(f.day / 10)
      p[9] = 48 + UInt8(f.day % 10)
    }
    withUnsafeBytes(of: &b) { p in
      append(UnsafeBufferPointer(rebasing: p.assumingMemoryBound(to: UInt8.self)[0..<10]))
    }
  }

  /// `P3`.
  package mutating func append(_ id: PlanID) {
    append(id.index + 1, prefix: "P")
  }

  /// `INV-0007`.
  package mutating func append(_ id: InvoiceID) {
    append(id.index + 1, prefix: "INV-", width: 4)
  }
}

extension Text.Interpolation {
  package mutating func appendInterpolation(_ d: Day) { text.append(d) }
  package mutating func appendInterpolation(_ id: PlanID) { text.append(id) }
  package mutating func appendInterpolation(_ id: InvoiceID) { text.append(id) }
}

extension DigitScratch {
  /// `YYYY-MM-DD` (a year outside 0…9999 with its sign and all its digits).
  package mutating func day<R>(_ d: Day, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    putDay(d)
    return written(body)
  }

  /// Puts `YYYY-MM-DD`, last byte first.
  package mutating func putDay(_ d: Day) {
    let f = d.fields
    putDigits(f.day, 2)
    put(45)
    putDigits(f.month, 2)
    put(45)
    putDigits(f.year, 4)
  }
}
