import BillingModel
import Testing

@testable import BillingLanguage

// The tolerant split for a line still being typed (tab completion, SPEC §7): the same words,
// quotes, escapes and comments as `Tokenizer.split`, but an open quote is the word under the cursor.

@Suite("Tokenizer.splitPartial: the line under the cursor")
struct PartialLineTests {
  struct Case: Sendable, CustomTestStringConvertible {
    let line: String
    let words: [String]
    let current: String
    let quoted: Bool
    let length: Int
    var inComment = false
    var testDescription: String { line }
  }

  @Test(
    "finished words and the word under the cursor",
    arguments: [
      Case(line: "", words: [], current: "", quoted: false, length: 0),
      Case(line: "   ", words: [], current: "", quoted: false, length: 0),
      Case(line: "upg", words: [], current: "upg", quoted: false, length: 3),
      Case(line: "upgrade ", words: ["upgrade"], current: "", quoted: false, length: 0),
      Case(
        line: "upgrade org Acme --ti", words: ["upgrade", "org", "Acme"], current: "--ti",
        quoted: false, length: 4),
      Case(line: "login\tann\t", words: ["login", "ann"], current: "", quoted: false, length: 0),
      Case(
        line: "plan workspace \"Side P", words: ["plan", "workspace"], current: "Side P",
        quoted: true, length: 7),
      Case(
        line: "plan workspace \"", words: ["plan", "workspace"], current: "", quoted: true,
        length: 1),
      Case(
        line: "plan workspace \"Side Project\"", words: ["plan", "workspace"],
        current: "Side Project", quoted: true, length: 14),
      Case(
        line: "plan workspace \"Side Project\" ", words: ["plan", "workspace", "Side Project"],
        current: "", quoted: false, length: 0),
      Case(
        line: #"address org Acme "1 \"Main"#, words: ["address", "org", "Acme"],
        current: #"1 "Main"#, quoted: true, length: 9),
      Case(line: #"x "a\\b"#, words: ["x"], current: #"a\b"#, quoted: true, length: 5),
      Case(line: #"x "a # b"#, words: ["x"], current: "a # b", quoted: true, length: 6),
      Case(line: "x ab\"c d", words: ["x"], current: "abc d", quoted: true, length: 6),
      Case(
        line: "create team 設", words: ["create", "team"], current: "設", quoted: false, length: 1),
      Case(
        line: "create org \"Café Ü", words: ["create", "org"], current: "Café Ü", quoted: true,
        length: 7),
      Case(
        line: "login ann # who", words: ["login", "ann"], current: "", quoted: false, length: 0,
        inComment: true),
      Case(
        line: "login ann#", words: ["login", "ann"], current: "", quoted: false, length: 0,
        inComment: true),
      Case(line: "# login a", words: [], current: "", quoted: false, length: 0, inComment: true),
    ])
  func partial(_ c: Case) {
    let p = Tokenizer.splitPartial(c.line[...])
    expectEqual(p.words.map(\.text), c.words)
    expectEqual(p.current.text, c.current)
    expectEqual(p.current.quoted, c.quoted)
    expectEqual(p.currentLength, c.length)
    expectEqual(p.inComment, c.inComment)
  }

  @Test(
    "a finished line splits as Tokenizer.split does",
    arguments: [
      "create user ann bob", "create workspace \"Side Project\" ",
      #"address org Acme "1 \"Main\" St" "#,
      "login ann # who acts", "x \"--seats\" ", "x --tier \"--tier\" -- ",
    ])
  func sameWords(_ line: String) throws {
    let p = Tokenizer.splitPartial(line[...])
    let all = p.words + (p.currentLength > 0 ? [p.current] : [])
    #expect(all == (try Tokenizer.split(line[...])))
  }

  @Test("the word under the cursor starts where its first byte is")
  func offsets() {
    let p = Tokenizer.splitPartial("create org \"Café Ü"[...])
    expectEqual(p.current.offset, 11)
    expectEqual(p.words.map(\.offset), [0, 7])
    expectEqual(Tokenizer.splitPartial("login "[...]).current.offset, 6)
  }

  @Test("a quoted word under the cursor is never a flag")
  func quotedCurrentIsNotAFlag() {
    expectTrue(!Tokenizer.splitPartial("upgrade org Acme \"--ti"[...]).current.isFlag)
    expectTrue(Tokenizer.splitPartial("upgrade org Acme --ti"[...]).current.isFlag)
  }
}
