import BillingLanguage
import Testing

@testable import BillingPlayback
@testable import BillingRuntime

/// Lines prepared lately (`RecentLines`): a text met again shares its prepared form; another text
/// in the same slot never does.
@Suite struct RecentLinesTests {
  @Test func aLineMetAgainSharesItsPreparedForm() {
    var recent = RecentLines()
    var words: [Token] = []
    let first = recent.prepare("as ann plan org Acme", words: &words)
    let again = recent.prepare("as ann plan org Acme", words: &words)
    let other = recent.prepare("as bob plan org Acme", words: &words)
    expectTrue(first === again)
    expectTrue(first !== other)
  }

  /// Two texts of one slot take turns: each is prepared for itself, never given the other's.
  @Test func textsOfOneSlotAreToldApart() throws {
    let a = "as ann plan org Acme"
    let slot = try #require(RecentLines.slot(of: a))
    let b = try #require(
      (0..<1_000_000).lazy.map { "as u\($0) plan org Acme" }.first {
        RecentLines.slot(of: $0) == slot
      })
    var recent = RecentLines()
    var words: [Token] = []
    let pa = recent.prepare(a, words: &words)
    let pb = recent.prepare(b, words: &words)
    let pa2 = recent.prepare(a, words: &words)
    expectTrue(pb !== pa)
    expectTrue(pa2 !== pb)
    expectTrue(recent.prepare(a, words: &words) === pa2)
  }

  /// A long line (many users) is prepared afresh each time, and kept nowhere.
  @Test func aLongLineIsNotKept() {
    let long = "add " + (0..<100).map { "u\($0)" }.joined(separator: " ") + " --org Acme"
    expectTrue(long.utf8.count > RecentLines.longest)
    expectTrue(RecentLines.slot(of: long) == nil)
    var recent = RecentLines()
    var words: [Token] = []
    expectTrue(recent.prepare(long, words: &words) !== recent.prepare(long, words: &words))
  }
}
