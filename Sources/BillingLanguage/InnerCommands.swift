import BillingModel
import BillingSupport

/// Commands parsed lately after `as <user>` and `can <user>`, by their text: a reader of many
/// lines keeps one, so `as ann upgrade team T1 --tier starter` and `as bob upgrade team T1 --tier
/// starter` parse `upgrade team T1 --tier starter` once.
/// NB: an inner command is parsed from its own words alone, and its words are its text, so a text
/// always gives the same command. Only commands parsed without a failure are kept. Direct-mapped
/// by a hash of the text and bounded: a command takes the place of the one before it in its slot.
/// Unchecked Sendable: one thread keeps it (playback's reading thread) and uses it only while it
/// parses a line.
package final class InnerCommands: @unchecked Sendable {
  static let slotBits = 12
  /// Texts longer than this are not kept.
  static let longest = 200
  private var texts = [String](repeating: "", count: 1 << InnerCommands.slotBits)
  private var commands = [Command?](repeating: nil, count: 1 << InnerCommands.slotBits)
  /// The slot of the text last looked for (-1 when it is not to be kept).
  private var last = -1

  package init() {}

  /// The command kept for the text from `words` to the end of `source` (as `Arguments.text(from:)`
  /// cuts it), and that text.
  func find(_ words: ArraySlice<Token>, in source: Substring?) -> (command: Command, text: String)?
  {
    last = -1
    guard var line = source, let first = words.first, first.offset >= 0 else { return nil }
    return line.withUTF8 { b -> (command: Command, text: String)? in
      guard first.offset <= b.count else { return nil }
      var end = b.count
      while end > first.offset, b[end - 1] == 32 || b[end - 1] == 9 || b[end - 1] == 13 { end -= 1 }
      let text = UnsafeBufferPointer(rebasing: b[first.offset..<end])
      guard text.count <= InnerCommands.longest else { return nil }
      let slot = TextSlot.of(text, bits: InnerCommands.slotBits)
      last = slot
      guard let command = commands[slot], TextSlot.same(texts[slot], text) else { return nil }
      return (command, texts[slot])
    }
  }

  /// Keeps `command`, parsed from the text last looked for (`text`).
  func keep(_ command: Command, text: String) {
    guard last >= 0 else { return }
    texts[last] = text
    commands[last] = command
    last = -1
  }
}
