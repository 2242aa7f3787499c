import BillingModel
import BillingSupport
import BillingWords

/// Command words of the table, longest first, for matching the start of a line.
private let entries: [(words: [String], spec: CommandSpec)] = commandTable.flatMap { spec in
  ([spec.words] + spec.aliases).map { (words: $0, spec: spec) }
}.sorted { $0.words.count > $1.words.count }

/// The spec a command name refers to (`upgrade`, `create plan`, `downgrade`).
package func commandSpec(named name: String) -> CommandSpec? {
  let words = name.split(separator: " ").map(String.init)
  return entries.first { $0.words == words }?.spec
}

/// All command names and aliases, for suggestions and completion.
package let commandNames: [String] = entries.map { $0.words.joined(separator: " ") }.sorted()

/// What `create` makes (user, org, workspace, team, plan), in the table's order.
package let createTargets: [String] = commandTable.compactMap {
  $0.words.count == 2 && $0.words[0] == "create" ? $0.words[1] : nil
}

/// Parses one line (without its comment) into a command; an empty line gives nil.
package func parse(line: Substring) throws(Failure) -> Command? {
  let tokens = try Tokenizer.split(line)
  if tokens.isEmpty { return nil }
  return try parse(tokens: tokens)
}

/// Rebuilds a command text from tokens, quoting where needed.
package func render(_ tokens: some Collection<Token>) -> String {
  tokens.map { $0.quoted ? quotedAlways($0.text) : $0.text }.joined(separator: " ")
}

/// Entries by the length and first byte of their first word, longest first: a cheap index
/// (no hashing) that leaves a handful at most to compare word by word.
private let entriesByShape: [[(words: [String], spec: CommandSpec)]] = {
  var table = Array(repeating: [(words: [String], spec: CommandSpec)](), count: 32 * 128)
  for e in entries {
    let w = e.words[0].utf8
    let first = w.first ?? 0
    precondition(w.count < 32 && first < 128, "command words are short and ASCII")
    table[w.count * 128 + Int(first)].append(e)
  }
  return table
}()

/// The spec the tokens start with, and how many tokens its name takes.
package func match(_ tokens: [Token]) -> (CommandSpec, Int)? {
  match(tokens[...])
}

/// The same over a slice of a line's tokens (`as` and `can` match the rest of their line).
package func match(_ tokens: ArraySlice<Token>) -> (CommandSpec, Int)? {
  guard let first = tokens.first, !first.quoted else { return nil }
  let w = first.text.utf8
  guard w.count < 32, let byte = w.first, byte < 128 else { return nil }
  let candidates = entriesByShape[w.count * 128 + Int(byte)]
  let base = tokens.startIndex
  for e in candidates where e.words.count <= tokens.count {
    var ok = true
    for (i, w) in e.words.enumerated() where tokens[base + i].quoted || tokens[base + i].text != w {
      ok = false
      break
    }
    if ok { return (e.spec, e.words.count) }
  }
  return nil
}

/// `source` is the line the tokens came from (before any comment): `as` and `can` take the
/// text of their inner command from it instead of rebuilding it.
/// `inner`, when given, keeps the commands met after `as` and `can` (see `InnerCommands`).
package func parse(
  tokens: [Token], source: Substring? = nil, inner: InnerCommands? = nil
) throws(Failure) -> Command {
  try parse(tokens: tokens[...], source: source, inner: inner)
}

/// The same over a slice (no copy of the tokens of an inner command).
package func parse(
  tokens: ArraySlice<Token>, source: Substring? = nil, inner: InnerCommands? = nil
) throws(Failure) -> Command {
  guard let (spec, used) = match(tokens) else {
    let tokens = Array(tokens)
    let first = tokens[0].text
    var hint = didYouMean(suggestions(for: first, among: Set(entries.map { $0.words[0] })))
    if first == "create", tokens.count > 1 {
      hint = didYouMean(
        suggestions(
          for: "create " + tokens[1].text,
          among: entries.filter { $0.words[0] == "create" }.map { $0.words.joined(separator: " ") }),
        quote: { $0 })
      return try fail(
        "create what? \(quoted(tokens[1].text)) is not something to create (\(listed(createTargets, "or")))\(hint)"
      )
    }
    if first == "create" {
      return try fail("create needs what to create: \(listed(createTargets, "or"))")
    }
    return try fail("unknown command \(quoted(first))\(hint); try .help")
  }
  var args = Arguments(
    positionals: Positionals(), flags: FlagValues(), command: spec.name, source: source,
    inner: inner)
  try bind(spec, tokens[(tokens.startIndex + used)...], into: &args)
  return try spec.build(args)
}

private func fail(_ message: String) throws(Failure) -> Command {
  throw Failure(.usage, nil, message: message)
}

/// Assigns the words after the command name to the spec's arguments and flags.
/// NB: into arguments made by the caller, so they are never copied on their way to `build`.
func bind(_ spec: CommandSpec, _ slice: ArraySlice<Token>, into a: inout Arguments) throws(Failure)
{
  // NB: the slice rebased to 0 without a copy: `tokens[i]` below counts from the first word.
  let base = slice.startIndex
  let tokens = Rebased(slice: slice, base: base)
  var i = 0
  var argIndex = 0
  func usage(_ m: String) -> Failure { Failure(.usage, nil, message: m) }
  func value(after flag: String) throws(Failure) -> Token {
    guard i < tokens.count, !tokens[i].isFlag else { throw usage("--\(flag) needs a value") }
    defer { i += 1 }
    return tokens[i]
  }
  func scopeValue(_ what: String) throws(Failure) -> ScopeRef {
    guard i < tokens.count, !tokens[i].isFlag else {
      throw usage(
        "\(what) needs a scope: org <Name>, workspace <Name> or team <Name> [--org <Org>]")
    }
    let kind = tokens[i].text
    let scopeKind = ScopeKind(word: kind)
    guard i + 1 < tokens.count, !tokens[i + 1].isFlag, let scopeKind, !tokens[i].quoted else {
      if scopeKind != nil { throw usage("\(kind) needs a name") }
      throw usage(
        "\(quoted(kind)) is not a scope: use org <Name>, workspace <Name> or team <Name> [--org <Org>]"
          + didYouMean(suggestions(for: kind, among: ScopeKind.allCases.map(\.rawValue))))
    }
    let name = tokens[i + 1].text
    i += 2
    switch scopeKind {
    case .org: return .org(name)
    case .workspace: return .workspace(name)
    case .team:
      if i + 1 < tokens.count, tokens[i].isFlag, tokens[i].text == "--org", !tokens[i + 1].isFlag {
        let org = tokens[i + 1].text
        i += 2
        return .team(name, org: org)
      }
      return .team(name, org: nil)
    }
  }
  while i < tokens.count {
    let t = tokens[i]
    if argIndex < spec.args.count, spec.args[argIndex].kind == .command {
      a.positionals.append(.rest(slice[(base + i)...]))
      argIndex += 1
      break
    }
    if t.isFlag {
      var name: String
      var inline: Token?
      var found: FlagSpec?
      // NB: the common case, `--flag` as the spec spells it, needs no new strings.
      if let f = spec.flags.first(where: { $0.dashed == t.text }) {
        name = f.name
        found = f
      } else {
        name = String(t.text.dropFirst(2))
        if let eq = name.utf8.firstIndex(of: 61) {  // `--flag=value`
          inline = Token(String(name[name.utf8.index(after: eq)...]))
          name = String(name[..<eq])
        }
        found = spec.flag(name)
      }
      guard let f = found else {
        let known = spec.flags.map { "--" + $0.name }
        let hint = didYouMean(suggestions(for: "--" + name, among: known), quote: { $0 })
        throw usage(
          "unknown flag --\(name) for \(spec.name)\(hint)"
            + (hint.isEmpty && !known.isEmpty ? " (flags: \(known.joined(separator: " ")))" : ""))
      }
      if let given = a.flags[name], f.most > 1, f.kind == .text {
        // A flag that may come again: its values in order, up to its limit.
        var list: [String]
        switch given {
        case .word(let w): list = [w]
        case .list(let l): list = l
        default: list = []
        }
        guard list.count < f.most else {
          throw usage("--\(name) is given more than \(f.most) times (at most \(f.most))")
        }
        i += 1
        let v: Token
        if let inline { v = inline } else { v = try value(after: name) }
        list.append(v.text)
        a.flags[name] = .list(list)
        continue
      }
      if a.flags[name] != nil { throw usage("--\(name) is given twice") }
      // NB: room for every flag at once: growing a list one by one reallocates it.
      if a.flags.pairs.isEmpty { a.flags.pairs.reserveCapacity(spec.flags.count) }
      i += 1
      switch f.kind {
      case .none:
        if inline != nil { throw usage("--\(name) takes no value") }
        a.flags[name] = .present
      case .int:
        let v: Token
        if let inline { v = inline } else { v = try value(after: name) }
        a.flags[name] = .int(try number(v.text, flag: name))
      case .scope:
        if inline != nil { throw usage("--\(name) takes a scope: --\(name) org <Name>") }
        a.flags[name] = .scope(try scopeValue("--\(name)"))
      default:
        let v: Token
        if let inline { v = inline } else { v = try value(after: name) }
        a.flags[name] = .word(v.text)
      }
      continue
    }
    guard argIndex < spec.args.count else {
      throw usage("unexpected \(quoted(t.text)) after \(spec.name): \(spec.synopsis)")
    }
    let arg = spec.args[argIndex]
    switch arg.kind {
    case .scope:
      a.positionals.append(.scope(try scopeValue(spec.name)))
    case .subject:
      // SPEC §8: `org|workspace|team …` is a scope, `user <h>` a user, any other word itself.
      if !t.quoted, ScopeKind(word: t.text) != nil {
        a.positionals.append(.scope(try scopeValue(spec.name)))
      } else if !t.quoted, t.text == "user" {
        guard i + 1 < tokens.count, !tokens[i + 1].isFlag else {
          throw usage("user needs a handle: \(spec.synopsis)")
        }
        a.positionals.append(.list([tokens[i + 1].text]))
        i += 2
      } else if !t.quoted, t.text == "plan" || t.text == "invoice" {
        // SPEC §8 (tolerant lookups): `show plan P1` and `show invoice INV-0001` name an id.
        guard i + 1 < tokens.count, !tokens[i + 1].isFlag else {
          throw usage("\(t.text) needs an id: \(spec.synopsis)")
        }
        a.positionals.append(.list([t.text, tokens[i + 1].text]))
        i += 2
      } else {
        a.positionals.append(.word(t.text))
        i += 1
      }
    case .users, .topic:
      var list: [String] = []
      var end = i
      while end < tokens.count, !tokens[end].isFlag { end += 1 }
      list.reserveCapacity(end - i)
      while i < tokens.count, !tokens[i].isFlag {
        list.append(tokens[i].text)
        i += 1
      }
      a.positionals.append(.list(list))
    default:
      a.positionals.append(.word(t.text))
      i += 1
    }
    argIndex += 1
  }
  if argIndex < spec.args.count, !spec.args[argIndex].optional,
    spec.args[argIndex].kind != .command || true
  {
    let missing = spec.args[argIndex]
    if !(missing.kind == .command && spec.words == ["as"]) {
      throw usage("\(spec.name) needs <\(missing.name)>: \(spec.synopsis)")
    }
  }
}

/// A whole number of 0 or more, small enough to mean something (at most 10 digits: the model
/// bounds seats and prices further, with `invalid` errors naming the limit).
func number(_ text: String, flag: String) throws(Failure) -> Int {
  guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
    throw Failure(.usage, nil, "--\(flag) needs a whole number of 0 or more, not \(quoted(text))")
  }
  guard text.utf8.count <= 10, let n = Int(text) else {
    throw Failure(
      .usage, nil, "--\(flag) \(text.prefix(20))\(text.count > 20 ? "…" : "") is too large")
  }
  return n
}

/// A slice read from index 0.
private struct Rebased {
  let slice: ArraySlice<Token>
  let base: Int
  var count: Int { slice.count }
  subscript(i: Int) -> Token { slice[base + i] }
}
