import BillingLanguage
import BillingModel
import BillingSupport
import Platform

/// Tab completion from the command table and the live world: command words, flags, flag
/// values, names of people, spaces, teams, plans and invoices, and file paths.
package struct Completer {
  let world: World

  package init(world: World) { self.world = world }

  package func complete(_ before: String) -> Completion {
    let line = Tokenizer.splitPartial(before[...])
    if line.inComment { return Completion(wordLength: 0, candidates: []) }
    let current = line.current
    let q = current.text
    let candidates = options(words: line.words, current: current).filter { $0.hasPrefix(q) }
    let unique = Array(Set(candidates)).sorted().map { name -> String in
      let needsQuote =
        name.contains(" ") || name.contains("\"") || name.contains("#") || current.quoted
      return needsQuote ? quotedAlways(name) : name
    }
    return Completion(wordLength: line.currentLength, candidates: unique)
  }

  func options(words: [Token], current: Token) -> [String] {
    if words.isEmpty {
      return Set(commandNames.map { String($0.split(separator: " ")[0]) }).sorted()
    }
    if words.count == 1, !words[0].quoted, words[0].text == "create" { return createTargets }
    guard let (spec, used) = match(words) else { return [] }
    let rest = Array(words[used...])
    if (spec.name == "as" || spec.name == "can") && rest.count >= 1 {
      // The command after the user: shell commands (.help, .record, ...) cannot be run as someone.
      let inner = options(words: Array(rest.dropFirst()), current: current)
      return rest.count == 1 ? inner.filter { !$0.hasPrefix(".") } : inner
    }
    if spec.name == "as" || spec.name == "can", rest.isEmpty { return handles }
    if isDashed(current) {
      let given = Set(rest.filter(isDashed).map(\.text))
      return spec.flags.map { "--" + $0.name }.filter { !given.contains($0) }
    }
    if let last = rest.last, isDashed(last), let flag = spec.flag(String(last.text.dropFirst(2))) {
      return values(flag.kind)
    }
    if rest.count >= 2, isDashed(rest[rest.count - 2]), rest[rest.count - 2].text == "--to",
      spec.flag("to")?.kind == .scope
    {
      return rest.last.flatMap { ScopeKind(rawValue: $0.text) }.map(names) ?? []
    }
    // Positional: walk the arguments, skipping flags and their values.
    var argIndex = 0
    var i = 0
    var scopeKind: ScopeKind?
    while i < rest.count {
      let w = rest[i]
      if isDashed(w) {
        let kind = spec.flag(String(w.text.dropFirst(2)))?.kind
        i += kind == FlagKind.none ? 1 : (kind == .scope ? 3 : 2)
        continue
      }
      guard argIndex < spec.args.count else { return [] }
      switch spec.args[argIndex].kind {
      case .scope:
        if i + 1 < rest.count {
          i += 2; argIndex += 1
        } else {
          scopeKind = ScopeKind(rawValue: w.text); if scopeKind == nil { return [] }; i += 1
        }
      case .users, .topic: i += 1
      default: i += 1; argIndex += 1
      }
    }
    if let scopeKind { return names(scopeKind) }
    guard argIndex < spec.args.count else { return [] }
    switch spec.args[argIndex].kind {
    case .scope: return ScopeKind.allCases.map(\.rawValue)
    case .user, .users: return handles
    case .invoice: return world.invoices.map { $0.id.description }
    case .topic: return commandNames
    case .file: return files(current.text)
    case .name, .text, .duration, .command: return []
    }
  }

  /// A word that starts with `--` and is not in quotes (a flag, or the start of one).
  /// NB: unlike `Token.isFlag`, a bare `--` counts, as the completer always took it.
  private func isDashed(_ t: Token) -> Bool { !t.quoted && t.text.hasPrefix("--") }

  var handles: [String] { Array(world.allHandles) }

  func names(_ kind: ScopeKind) -> [String] {
    switch kind {
    case .org:
      return world.spaceIDs.filter { world.space($0).kind == .org }.map { world.space($0).name }
    case .workspace:
      return world.spaceIDs.filter { world.space($0).kind == .workspace }.map {
        world.space($0).name
      }
    case .team: return Array(world.allTeamNames)
    }
  }

  func values(_ kind: FlagKind) -> [String] {
    switch kind {
    case .tier: return Tier.allCases.map(\.name)
    case .payment: return Payment.allCases.map(\.rawValue)
    case .method: return switchablePayments.map(\.rawValue)
    case .user: return handles
    case .org: return names(.org)
    case .workspace: return names(.workspace)
    case .team: return names(.team)
    case .scope: return ScopeKind.allCases.map(\.rawValue)
    case .none, .int, .text, .name: return []
    }
  }

  /// Entries of the folder named by the word so far; folders end with "/".
  func files(_ current: String) -> [String] {
    let slash = current.lastIndex(of: "/")
    let dir = slash.map { String(current[...$0]) } ?? ""
    guard let d = opendir(dir.isEmpty ? "." : dir) else { return [] }
    defer { closedir(d) }
    var out: [String] = []
    while let e = readdir(d) {
      let name = withUnsafeBytes(of: e.pointee.d_name) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
      }
      if name == "." || name == ".."
        || (name.hasPrefix(".") && !current.contains("/.") && !current.hasPrefix("."))
      {
        continue
      }
      out.append(dir + name + (Int32(e.pointee.d_type) == Int32(DT_DIR) ? "/" : ""))
    }
    return out
  }
}

func quotedAlways(_ s: String) -> String {
  let q = quoted(s)
  return q.hasPrefix("\"") ? q : "\"" + s + "\""
}
