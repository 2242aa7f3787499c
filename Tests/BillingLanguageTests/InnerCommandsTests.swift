import BillingModel
import Testing

@testable import BillingLanguage

/// A line parsed as it is, or its failure, written out (commands are compared by what they hold).
private func parsed(_ line: String, inner: InnerCommands? = nil) -> String {
  do {
    let (tokens, length) = try Tokenizer.words(line[...])
    let source = line[..<line.utf8.index(line.utf8.startIndex, offsetBy: length)]
    return String(describing: try parse(tokens: tokens, source: source, inner: inner))
  } catch {
    return "failure: \(error.message)"
  }
}

/// The commands met after `as` and `can` (`InnerCommands`): a line parses the same with them as
/// without, whether its inner command was met before or not.
@Suite struct InnerCommandsTests {
  @Test func anInnerCommandMetAgainParsesTheSame() {
    let inner = InnerCommands()
    let lines = [
      "as ann upgrade team T1 --tier starter --monthly",
      "as bob upgrade team T1 --tier starter --monthly",
      "can carl upgrade team T1 --tier starter --monthly",
      "as ann   upgrade team T1 --tier starter --monthly  # note",
      "as ann upgrade team T1 --tier nope", "as bob upgrade team T1 --tier nope",
      "as ann as bob whoami", "as carl as bob whoami", "can ann as bob cancel org Acme",
      "can bob as bob cancel org Acme", "can ann plan org Acme", "can bob plan org Acme",
      "as ann .help", "as bob .help", "as ann", "as ann billing \"org\" Acme",
      "as bob billing \"org\" Acme", "as ann billing org \"Acme\"",
    ]
    for line in lines {
      expectEqual(parsed(line, inner: inner), parsed(line), "\(line)")
    }
    // A second time round, every inner command that parsed is met again.
    for line in lines {
      expectEqual(parsed(line, inner: inner), parsed(line), "\(line)")
    }
  }

  /// More inner commands than slots: those that share a slot are told apart.
  @Test func innerCommandsOfOneSlotAreToldApart() {
    let inner = InnerCommands()
    let lines = (0..<6000).map { "as u\($0 % 7) seats team T\($0 % 5000)" }
    for line in lines + lines.reversed() {
      let got = parsed(line, inner: inner)
      let want = parsed(line)
      guard got == want else {
        expectEqual(got, want, "\(line)")
        return
      }
    }
  }
}
