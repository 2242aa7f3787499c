import Testing

@testable import BillingModel
@testable import BillingRuntime
import BillingSupport

/// The customer's language (SPEC §8): `explain` and `rules <id> --lang id`.
@Suite struct ExplainTests {
  /// The `{n}` placeholders of a text, in order of first use.
  static func holes(_ t: String) -> Set<String> {
    Set((1...9).map { "{\($0)}" }.filter { t.contains($0) })
  }

  @Test(arguments: Reply.allCases)
  func everyMessageHasBothLanguages(_ reply: Reply) {
    let (en, id) = reply.words
    expectTrue(!en.isEmpty && !id.isEmpty, "\(reply) misses a language")
    expectEqual(Self.holes(en), Self.holes(id), "\(reply): the two languages fill different values")
  }

  @Test(arguments: Rule.allCases)
  func everyRuleHasIndonesianAndAnArticleSentenceQuotedAsItStands(_ rule: Rule) {
    expectTrue(!rule.indonesian.isEmpty)
    // R rules come from the article; its sentence is quoted as the article writes it.
    if rule.id.hasPrefix("R") {
      expectTrue(rule.articleSentence != nil, "\(rule.id) has no sentence of the article")
    }
  }

  static let story = [
    "clock 2026-03-01", "create org Nusantara", "add dewi agus --org Nusantara --admin",
    "create plan org Nusantara --tier enterprise --seats 25 --owner dewi --unit-cents 4500",
    "advance to 2026-09-01", "sales org Nusantara --seats 40 --pay invoice",
  ]

  @Test func anInvoiceIsExplainedWithoutRuleIdsOrCommands() {
    let s = Session()
    for l in Self.story { expectTrue(s.perform(l).isOK, "\(l)") }
    for lang in ["en", "id"] {
      let o = s.perform("explain INV-0002 --lang \(lang)")
      expectTrue(o.isOK, "\(o.text)")
      expectEqual(o.result["lang"]?.asString, lang)
      let text = o.result["text"]?.asString ?? ""
      expectTrue(text.contains("$334.73") && text.contains("2026-09-01"), "\(text)")
      for word in ["R14", "P3", "(P", "(R", "sales org", "edit ", "INV-0001"] {
        expectTrue(!text.contains(word), "\(lang): \(word) in \(text)")
      }
    }
    expectEqual(s.perform("explain INV-0002 --lang fr").failure?.code, .usage)
    expectEqual(s.perform("explain INV-0009").failure?.code, .notFound)
  }

  @Test func theLastRefusalIsExplainedWithTheArticlesSentence() {
    let s = Session()
    for l in Self.story { expectTrue(s.perform(l).isOK, "\(l)") }
    expectTrue(s.perform("explain last").text.contains("nothing has been refused"))
    _ = s.perform("as agus cancel org Nusantara")
    _ = s.perform("bogus command")  // a usage error is no refusal
    let id = s.perform("explain last --lang id").text
    expectTrue(id.contains("“Hanya pemilik tagihan yang dapat memperbarui"), "\(id)")
    expectTrue(!id.contains("R14"), "\(id)")
    let rules = s.perform("rules r19 --lang id")
    expectTrue(rules.text.contains("menghubungi Tim penjualan melalui"), "\(rules.text)")
    expectTrue(rules.result["rules"]?.asArray.first?["article"]?.asString != nil)
  }
}
