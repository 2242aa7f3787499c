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
    let (words, current) = Completer.split(before)
    let q = current.hasPrefix("\"") ? String(current.dropFirst()) : current
    let candidates = options(words: words, current: q).filter { $0.hasPrefix(q) }
    let unique = Array(Set(candidates)).sorted().map { name -> String in
      let needsQuote = name.contains(" ") || name.contains("\"") || name.contains("#") || current.hasPrefix("\"")
      return needsQuote ? quotedAlways(name) : name
    }
    return Completion(wordLength: current.count, candidates: unique)
  }

  /// Finished words and the word under the cursor (an open quote keeps it going).
  static func split(_ text: String) -> ([String], String) {
    var words: [String] = []
    var cur = ""
    var inQuotes = false
    var started = false
    for ch in text {
      if inQuotes {
        if ch == "\"" { inQuotes = false } else { cur.append(ch) }
        continue
      }
      if ch == " " || ch == "\t" {
        if started { words.append(cur); cur = ""; started = false }
      } else if ch == "\"" {
        inQuotes = true
        started = true
      } else {
        cur.append(ch)
        started = true
      }
    }
    let current: String
    if inQuotes { current = "\"" + cur } else { current = cur }
    return (words, current)
  }

  func options(words: [String], current: String) -> [String] {
    if words.isEmpty { return Set(commandNames.map { String($0.split(separator: " ")[0]) }).sorted() }
    if words.count == 1, words[0] == "create" { return ["user", "org", "workspace", "team", "plan"] }
    let tokens = words.map { Token($0) }
    guard let (spec, used) = match(tokens) else { return [] }
    let rest = Array(words[used...])
    if (spec.name == "as" || spec.name == "can") && rest.count >= 1 {
      // The command after the user: shell commands (.help, .record, ...) cannot be run as someone.
      let inner = options(words: Array(rest.dropFirst()), current: current)
      return rest.count == 1 ? inner.filter { !$0.hasPrefix(".") } : inner
    }
    if spec.name == "as" || spec.name == "can", rest.isEmpty { return handles }
    if current.hasPrefix("--") {
      let given = Set(rest.filter { $0.hasPrefix("--") })
      return spec.flags.map { "--" + $0.name }.filter { !given.contains($0) }
    }
    if let last = rest.last, last.hasPrefix("--"), let flag = spec.flag(String(last.dropFirst(2))) {
      return values(flag.kind)
    }
    if rest.count >= 2, rest[rest.count - 2] == "--to", spec.flag("to")?.kind == .scope {
      return names(kind: rest.last ?? "")
    }
    // Positional: walk the arguments, skipping flags and their values.
    var argIndex = 0
    var i = 0
    var scopeKind: String?
    while i < rest.count {
      let w = rest[i]
      if w.hasPrefix("--") {
        let kind = spec.flag(String(w.dropFirst(2)))?.kind
        i += kind == FlagKind.none ? 1 : (kind == .scope ? 3 : 2)
        continue
      }
      guard argIndex < spec.args.count else { return [] }
      switch spec.args[argIndex].kind {
      case .scope:
        if i + 1 < rest.count { i += 2; argIndex += 1 } else { scopeKind = w; i += 1 }
      case .users, .topic: i += 1
      default: i += 1; argIndex += 1
      }
    }
    if let scopeKind { return names(kind: scopeKind) }
    guard argIndex < spec.args.count else { return [] }
    switch spec.args[argIndex].kind {
    case .scope: return ["org", "workspace", "team"]
    case .user, .users: return handles
    case .invoice: return world.invoices.map { $0.id.description }
    case .topic: return commandNames
    case .file: return files(current)
    case .name, .text, .duration, .command: return []
    }
  }

  var handles: [String] { Array(world.allHandles) }

  func names(kind: String) -> [String] {
    switch kind {
    case "org": return world.spaceIDs.filter { world.space($0).kind == .org }.map { world.space($0).name }
    case "workspace": return world.spaceIDs.filter { world.space($0).kind == .workspace }.map { world.space($0).name }
    case "team": return Array(world.allTeamNames)
    default: return []
    }
  }

  func values(_ kind: FlagKind) -> [String] {
    switch kind {
    case .tier: return ["starter", "advanced", "enterprise", "enterprise-plus", "basic"]
    case .payment: return ["card", "paypal", "invoice"]
    case .method: return ["card", "paypal"]
    case .user: return handles
    case .org: return names(kind: "org")
    case .workspace: return names(kind: "workspace")
    case .team: return names(kind: "team")
    case .scope: return ["org", "workspace", "team"]
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
      if name == "." || name == ".." || (name.hasPrefix(".") && !current.contains("/.") && !current.hasPrefix(".")) { continue }
      out.append(dir + name + (Int32(e.pointee.d_type) == Int32(DT_DIR) ? "/" : ""))
    }
    return out
  }
}

func quotedAlways(_ s: String) -> String {
  let q = quoted(s)
  return q.hasPrefix("\"") ? q : "\"" + s + "\""
}
