import BillingLanguage
import BillingModel
import BillingPlayback
import BillingSupport
import LineEditing
import Platform

/// Tab completion from the command table and the live world: command words, flags, flag
/// values, names of people, spaces, teams, plans and invoices, and file paths.
package struct Completer {
  let world: World
  /// The session's marks, for `.back` and `.mark`.
  let marks: [String]

  package init(world: World, marks: [String] = []) {
    self.world = world
    self.marks = marks
  }

  package func complete(_ before: String) -> TabCompletion {
    let line = Tokenizer.splitPartial(before[...])
    if line.inComment { return TabCompletion(wordLength: 0, candidates: []) }
    let current = line.current
    if let inside = insideWith(line) { return inside }
    let q = current.text
    // NB: rule ids are accepted in any case (SPEC §8), so `r1` completes to `R14`.
    let upper = q.uppercased()
    let candidates = options(words: line.words, current: current).filter {
      $0.hasPrefix(q) || (!q.isEmpty && Rule(id: $0) != nil && $0.hasPrefix(upper))
    }
    let unique = Array(Set(candidates)).sorted().map { name -> String in
      let needsQuote =
        name.contains(" ") || name.contains("\"") || name.contains("#") || current.quoted
      return needsQuote ? quotedAlways(name) : name
    }
    return TabCompletion(wordLength: line.currentLength, candidates: unique)
  }

  /// Inside `compare … --with "…` (an open quote): the step being typed after the last `;`
  /// completes as a command line of its own; the quote stays open, so typing goes on.
  func insideWith(_ line: PartialLine) -> TabCompletion? {
    let current = line.current
    guard current.quoted, let flag = line.words.last, !flag.quoted, flag.text == "--with",
      let (spec, _) = match(Array(line.words.dropLast())), spec.flag("with") != nil
    else { return nil }
    let text = current.text
    let cut = text.lastIndex(of: ";").map { text.index(after: $0) } ?? text.startIndex
    let step = text[cut...]
    let inner = Tokenizer.splitPartial(step)
    guard !inner.inComment else { return TabCompletion(wordLength: 0, candidates: []) }
    let q = inner.current.text
    // NB: `as <user> …` too; the views offered for a first word are the ones a step may be
    // (`advance`); a wrong one is refused when `compare` runs.
    var groups = Completer.runnableAs
    if let asEntry = commandTable.first(where: { $0.name == "as" }) { groups.insert(asEntry.group) }
    var options = options(words: inner.words, current: inner.current, groups: groups)
    if inner.words.isEmpty { options = options.filter { $0 != "login" && $0 != "logout" } }
    options = options.filter { $0.hasPrefix(q) && !$0.contains("\"") && !$0.contains(" ") }
    // NB: the whole word is replaced: its opening quote, the steps before, the words so far.
    let before = String(text[..<cut]) + String(step.dropLast(inner.currentLength))
    let candidates = Array(Set(options)).sorted().map { "\"" + before + $0 }
    return TabCompletion(wordLength: line.currentLength, candidates: candidates)
  }

  /// Groups of commands that `as <user>` runs: no shell commands (the parser refuses them), and
  /// no session commands (a nested `as` is refused; login and logout would not outlast the line).
  static let runnableAs: Set<CommandGroup> = [.setup, .action, .view]
  /// Groups of commands that `can <user>` checks: actions only (the parser refuses the rest).
  static let checkedByCan: Set<CommandGroup> = [.action]

  /// `groups`: the commands the line may start with (narrower after `as <user>`, `can <user>`).
  func options(
    words: [Token], current: Token, groups: Set<CommandGroup> = Set(CommandGroup.allCases)
  ) -> [String] {
    let allowed = commandTable.filter { groups.contains($0.group) }
    if words.isEmpty {
      return Set(allowed.flatMap { ([$0.words] + $0.aliases).map { $0[0] } }).sorted()
    }
    if words.count == 1, !words[0].quoted, words[0].text == "create" {
      return allowed.compactMap {
        $0.words.count == 2 && $0.words[0] == "create" ? $0.words[1] : nil
      }
    }
    guard let (spec, used) = match(words), groups.contains(spec.group) else { return [] }
    let rest = Array(words[used...])
    if spec.name == "as" || spec.name == "can" {
      // A user, then the command to run as them (or to check for them).
      guard rest.count >= 1 else { return handles }
      let inner = spec.name == "as" ? Completer.runnableAs : Completer.checkedByCan
      return options(
        words: Array(rest.dropFirst()), current: current, groups: inner.intersection(groups))
    }
    if isDashed(current) {
      let given = Set(rest.filter(isDashed).map(\.text))
      return spec.flags.map { "--" + $0.name }.filter { !given.contains($0) }
    }
    if let last = rest.last, isDashed(last), let flag = spec.flag(String(last.text.dropFirst(2))) {
      return flag.kind == .owner ? owners(spec, rest) : values(flag.kind)
    }
    if rest.count >= 2, isDashed(rest[rest.count - 2]), rest[rest.count - 2].text == "--to",
      spec.flag("to")?.kind == .scope
    {
      return rest.last.flatMap { ScopeKind(word: $0.text) }.map(names) ?? []
    }
    guard let place = walk(spec, rest) else { return [] }
    if let scopeKind = place.scopeKind { return names(scopeKind) }
    if place.userNext { return handles }
    if let id = place.idNext {
      return id == "plan"
        ? world.plans.map { $0.id.description } : world.invoices.map { $0.id.description }
    }
    guard place.argIndex < spec.args.count else { return [] }
    switch spec.args[place.argIndex].kind {
    case .scope: return ScopeKind.allCases.map(\.rawValue)
    case .user, .users: return handles
    case .invoice:
      // `explain` also takes `last` (the last refused command).
      return world.invoices.map { $0.id.description } + (spec.name == "explain" ? ["last"] : [])
    case .subject:
      // SPEC §8: a scope kind, `user`, a handle, a plan id or an invoice id (`show` only:
      // `timeline` refuses invoices).
      let kinds = ScopeKind.allCases.map(\.rawValue) + ["user"]
      let plans = world.plans.map { $0.id.description }
      guard spec.name == "show" else { return kinds + handles + plans }
      return kinds + ["plan", "invoice"] + handles + plans
        + world.invoices.map { $0.id.description }
    case .topic: return commandNames + Rule.allCases.map(\.id)
    case .rule: return Rule.allCases.map(\.id)
    // NB: today's date, to edit; `to` starts `advance to <date>`.
    // `clock <date>` is refused once a plan has existed (SPEC §8): nothing to offer then.
    case .date: return spec.name == "clock" && !world.plans.isEmpty ? [] : [world.today.description]
    case .duration: return spec.name == "advance" ? ["to"] : []
    case .file: return files(current.text)
    case .mark: return marks
    case .toggle: return ["on", "off"]
    case .name, .text, .command, .count: return []
    }
  }

  /// Where the words after a command's name stand.
  struct Place {
    /// The positional argument the next word fills.
    var argIndex = 0
    /// Set when the last word is a scope kind, so the next word is the name of such a scope.
    var scopeKind: ScopeKind?
    /// The scope named so far, with `--org` attached to a team.
    var scope: ScopeRef?
    /// Set when the last word is `user` where a subject goes, so the next word is a handle.
    var userNext = false
    /// Set to `plan` or `invoice` when that word is last where `show`'s subject goes.
    var idNext: String?
  }

  /// Walks the positional arguments, skipping flags and their values; nil when the words
  /// cannot be a start of the command (too many, or an unknown scope kind last).
  func walk(_ spec: CommandSpec, _ rest: [Token]) -> Place? {
    var place = Place()
    var org: String?
    var i = 0
    while i < rest.count {
      let w = rest[i]
      if isDashed(w) {
        let kind = spec.flag(String(w.text.dropFirst(2)))?.kind
        if w.text == "--org", kind == .org, i + 1 < rest.count { org = rest[i + 1].text }
        i += kind == FlagKind.none ? 1 : (kind == .scope ? 3 : 2)
        continue
      }
      guard place.argIndex < spec.args.count else { return nil }
      switch spec.args[place.argIndex].kind {
      case .scope:
        if i + 1 < rest.count {
          place.scope = ScopeKind(word: w.text).map { scopeRef($0, rest[i + 1].text) }
          i += 2; place.argIndex += 1
        } else {
          place.scopeKind = ScopeKind(word: w.text)
          if place.scopeKind == nil { return nil }
          i += 1
        }
      case .subject:
        let idWord = spec.name == "show" && (w.text == "plan" || w.text == "invoice")
        let keyword = ScopeKind(word: w.text) != nil || w.text == "user" || idWord
        if keyword && i + 1 < rest.count {
          place.scope = ScopeKind(word: w.text).map { scopeRef($0, rest[i + 1].text) }
          i += 2; place.argIndex += 1
        } else if keyword {
          place.scopeKind = ScopeKind(word: w.text)
          place.userNext = w.text == "user"
          place.idNext = idWord ? w.text : nil
          i += 1
        } else {
          i += 1; place.argIndex += 1
        }
      case .users, .topic: i += 1
      default: i += 1; place.argIndex += 1
      }
    }
    if case .team(let name, nil)? = place.scope, let org { place.scope = .team(name, org: org) }
    return place
  }

  private func scopeRef(_ kind: ScopeKind, _ name: String) -> ScopeRef {
    switch kind {
    case .org: return .org(name)
    case .workspace: return .workspace(name)
    case .team: return .team(name, org: nil)
    }
  }

  /// Who could be billing owner of the scope on the line (R11, R15): the members, not guests,
  /// of the space that holds it. Everyone while no scope is typed or it names nothing.
  func owners(_ spec: CommandSpec, _ rest: [Token]) -> [String] {
    guard let ref = walk(spec, rest)?.scope, let scope = world.find(ref) else {
      return handles
    }
    return world.space(world.holder(scope)).people.compactMap { id, membership in
      membership.guest ? nil : world.handle(id)
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
    case .user, .owner: return handles
    case .org: return names(.org)
    case .workspace: return names(.workspace)
    case .team: return names(.team)
    case .scope: return ScopeKind.allCases.map(\.rawValue)
    case .date: return [world.today.description]
    case .lang: return Language.allCases.map(\.rawValue)
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
