import Foundation
import Testing

@testable import BillshCLI

/// `docs/reference.md` is the reference written from the tables: it must match them.
/// `BILLSH_WRITE_REFERENCE=1` writes it instead.
@Test func referenceMatchesTheTables() throws {
  let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().path
  let path = root + "/docs/reference.md"
  let text = Reference.markdown + "\n"
  if ProcessInfo.processInfo.environment["BILLSH_WRITE_REFERENCE"] != nil {
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return
  }
  let written = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
  #expect(
    written == text,
    "docs/reference.md differs from the tables: BILLSH_WRITE_REFERENCE=1 swift test --filter referenceMatchesTheTables writes it"
  )
}

@Test func referenceHasEveryCommandAndRule() {
  let text = Reference.markdown
  for c in cliCommands { #expect(text.contains("### billsh \(c.name)")) }
  for r in ["R1", "R14", "R22", "P1", "P8"] { #expect(text.contains("### \(r)\n")) }
  #expect(text.contains("#### `.pager [on|off]`"))
  #expect(text.contains("#### `upgrade"))
}
