import BillingModel

/// One word of a command line.
public struct Token: Sendable, Equatable {
  public var text: String
  /// Written in double quotes: never a flag, may be empty or hold spaces.
  public var quoted: Bool
  public init(_ text: String, quoted: Bool = false) {
    self.text = text
    self.quoted = quoted
  }
  public var isFlag: Bool { !quoted && text.hasPrefix("--") && text.count > 2 }
}

/// Splits a line into words: spaces separate, double quotes group (with `\"` and `\\` inside),
/// and `#` outside quotes starts a comment.
public enum Tokenizer {
  public static func split(_ line: Substring) throws(Failure) -> [Token] {
    var tokens: [Token] = []
    var current = ""
    var inWord = false
    var inQuotes = false
    var wasQuoted = false
    var escaping = false
    for ch in line {
      if inQuotes {
        if escaping {
          current.append(ch)
          escaping = false
        } else if ch == "\\" {
          escaping = true
        } else if ch == "\"" {
          inQuotes = false
        } else {
          current.append(ch)
        }
        continue
      }
      if ch == " " || ch == "\t" || ch == "\r" {
        if inWord {
          tokens.append(Token(current, quoted: wasQuoted))
          current = ""
          inWord = false
          wasQuoted = false
        }
      } else if ch == "#" {
        break
      } else if ch == "\"" {
        inQuotes = true
        inWord = true
        wasQuoted = true
      } else {
        current.append(ch)
        inWord = true
      }
    }
    if inQuotes { throw Failure(.usage, nil, "unterminated quote: close it with \"") }
    if inWord { tokens.append(Token(current, quoted: wasQuoted)) }
    return tokens
  }
}
