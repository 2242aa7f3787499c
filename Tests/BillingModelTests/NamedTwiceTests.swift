import Testing

@testable import BillingModel

/// SPEC §4: an `add` naming a handle twice is refused first, with the first handle named again;
/// a few handles are compared pairwise and many go through a table: both give the same answer.
@Suite struct NamedTwiceTests {
  /// What `add` refuses, or nil when it adds them all.
  func refusal(_ handles: [String]) -> Reason? {
    let w = World()
    do {
      _ = try w.createSpace(.org, "Acme")
      _ = try w.add(handles, to: .space(.org, "Acme"), guest: false, admin: false)
      return nil
    } catch { return error.reason }
  }

  @Test("the first handle named again is the one refused, for few handles and for many")
  func firstRepeat() {
    for n in [2, 5, 30, 31, 100] {
      var handles = (0..<n).map { "u\($0)" }
      expectEqual(refusal(handles), nil, "\(n) different handles")
      // u1 comes again last, u0 again just after u1's first place: u0 is named twice first.
      handles.append("u1")
      handles.insert("u0", at: 2)
      expectEqual(refusal(handles), .namedTwice("u0"), "\(n) handles")
    }
  }

  @Test("handles that are the same text in two spellings are the same handle")
  func canonicalSpelling() {
    let composed = "caf\u{E9}"
    let decomposed = "cafe\u{301}"
    expectEqual(refusal([composed, decomposed]), .namedTwice(decomposed))
    let many = (0..<40).map { "u\($0)" }
    expectEqual(refusal([composed] + many + [decomposed]), .namedTwice(decomposed))
  }
}
