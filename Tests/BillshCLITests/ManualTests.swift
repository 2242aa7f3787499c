import BillingLanguage
import BillingModel
import Testing

@testable import BillshCLI

// `billsh --man`: the man page built from the command table, the rules and the command-line table.

private let page = Manual.page
private let lines = page.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)

@Test func manualHasEverySection() {
  #expect(lines.first?.hasPrefix(".TH BILLSH 1 ") == true)
  for name in [
    "NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "COMMANDS", "RULES", "FILES", "EXIT STATUS",
    "ENVIRONMENT",
  ] {
    #expect(lines.contains(".SH \"\(name)\""), "no section \(name)")
  }
  #expect(page.contains("NO_COLOR"))
  #expect(page.contains("PAGER"))
}

@Test func manualListsTheOptions() {
  for option in cliCommands.flatMap(\.options) + commonOptions {
    #expect(page.contains(Manual.term(option)), "no \(option.dashed)")
  }
  for sub in ["run", "test"] { #expect(lines.contains(".SS \"billsh \(sub)\"")) }
}

@Test(arguments: commandTable.map(\.synopsis))
func manualListsEveryCommand(_ synopsis: String) {
  #expect(page.contains("\\fB" + Manual.escape(synopsis) + "\\fR"))
}

@Test(arguments: Rule.allCases)
func manualListsEveryRule(_ rule: Rule) {
  #expect(lines.contains("\\fB\(rule.id)\\fR"))
  #expect(page.contains(Manual.text(rule.summary)))
}

@Test func manualCommandsAreGroupedAsHelpGroupsThem() {
  let titles = CommandGroup.allCases.map { ".SS " + Manual.quotedArgument($0.title) }
  let found = titles.compactMap { lines.firstIndex(of: $0) }
  #expect(found.count == titles.count)
  #expect(found == found.sorted())
}

@Test func manualLinesStartingWithADotAreRequests() {
  let requests: Set<String> = ["TH", "SH", "SS", "TP", "PP", "br"]
  for line in lines where line.hasPrefix(".") || line.hasPrefix("'") {
    let name = line.dropFirst().prefix { $0 != " " }
    #expect(requests.contains(String(name)), "not a request: \(line)")
  }
}

@Test func manualEscapesEveryBackslash() {
  // A backslash only starts an escape billsh writes: \e, \-, \&, \fB, \fI, \fR, \(dq.
  let escapes = ["\\e", "\\-", "\\&", "\\fB", "\\fI", "\\fR", "\\(dq"]
  for line in lines {
    var rest = Substring(line)
    while let i = rest.firstIndex(of: "\\") {
      let tail = rest[i...]
      #expect(escapes.contains { tail.hasPrefix($0) }, "bare backslash in \(line)")
      rest = tail.dropFirst(2)
    }
  }
}

@Test func roffTextEscapesLeadingDotsQuotesAndBackslashes() {
  #expect(Manual.text(".help") == "\\&.help")
  #expect(Manual.text("'quoted'") == "\\&'quoted'")
  #expect(Manual.text("a\\b -c") == "a\\eb \\-c")
}
