import BillingSupport

/// Dates and ids written straight into a `Text`, by the same digit writer as every number.
extension Text {
  /// `YYYY-MM-DD` (see `Day.description`).
  package mutating func append(_ d: Day) {
    var scratch = DigitScratch()
    scratch.putDay(d)
    scratch.written { append($0) }
  }

  /// `P3`.
  package mutating func append(_ id: PlanID) {
    var scratch = DigitScratch()
    scratch.decimal(id.index + 1, prefix: "P") { append($0) }
  }

  /// `INV-0007`.
  package mutating func append(_ id: InvoiceID) {
    var scratch = DigitScratch()
    scratch.decimal(id.index + 1, prefix: "INV-", width: 4) { append($0) }
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
