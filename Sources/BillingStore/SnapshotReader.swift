import BillingModel
import BillingSupport

/// Field access into a saved world, with errors that name the JSON path (`plans[3].seats`).
struct Reader {
  let json: JSON
  let path: String

  /// An object with only these keys (each required unless listed as optional when read).
  /// NB: an unknown key is refused, so a file cannot carry what `.save` would never write.
  static func object(_ json: JSON, _ path: String, keys: [String], optional: [String] = [])
    throws(Failure) -> Reader
  {
    guard case .object(let pairs) = json else {
      throw Failure(.io, nil, "\(path.isEmpty ? "top level" : path): expected an object")
    }
    let r = Reader(json: json, path: path)
    for (k, _) in pairs where !keys.contains(k) {
      throw r.fail(k, "unknown key (expected \(keys.joined(separator: ", ")))")
    }
    // NB: keys are known and never repeated (the JSON reader refuses duplicates), so a full
    // count means none is missing.
    if pairs.count < keys.count {
      for k in keys where !optional.contains(k) && json[k] == nil { throw r.fail(k, "missing") }
    }
    return r
  }

  func fail(_ key: String, _ m: String) -> Failure {
    Failure(.io, nil, "\(path.isEmpty ? key : path + "." + key): \(m)")
  }
  func value(_ key: String) throws(Failure) -> JSON {
    guard case .object = json else {
      throw Failure(.io, nil, "\(path.isEmpty ? "top level" : path): expected an object")
    }
    guard let v = json[key] else { throw fail(key, "missing") }
    return v
  }
  func string(_ key: String) throws(Failure) -> String {
    guard case .string(let s) = try value(key) else { throw fail(key, "expected a string") }
    return s
  }
  func optionalString(_ key: String) throws(Failure) -> String? {
    guard let v = json[key], v != .null else { return nil }
    guard case .string(let s) = v else { throw fail(key, "expected a string or null") }
    return s
  }
  func int(_ key: String) throws(Failure) -> Int {
    guard case .int(let n) = try value(key) else { throw fail(key, "expected a whole number") }
    return n
  }
  func optionalInt(_ key: String) throws(Failure) -> Int? {
    let v = try value(key)
    if v == .null { return nil }
    guard case .int(let n) = v else { throw fail(key, "expected a whole number or null") }
    return n
  }
  func bool(_ key: String) throws(Failure) -> Bool {
    guard case .bool(let b) = try value(key) else { throw fail(key, "expected true or false") }
    return b
  }
  func array(_ key: String) throws(Failure) -> [JSON] {
    guard case .array(let a) = try value(key) else { throw fail(key, "expected a list") }
    return a
  }
  /// A date as `.save` writes it, in SPEC §1's range and, with `notAfter`, not after that day.
  func day(_ key: String, notAfter last: Day? = nil) throws(Failure) -> Day {
    let s = try string(key)
    guard let d = Day(s), d.isInRange, d.description == s else {
      throw fail(key, "expected a date YYYY-MM-DD between 2000-01-01 and 9999-12-31")
    }
    if let last, d > last { throw fail(key, "\(s) is after the world's date \(last)") }
    return d
  }
  /// A paid tier as `.save` writes it (never basic).
  func tier(_ key: String) throws(Failure) -> Tier {
    let s = try string(key)
    guard let t = Tier(word: s), t != .basic, t.name == s else {
      throw fail(key, "expected starter, advanced, enterprise or enterprise-plus")
    }
    return t
  }
  /// R5 and billsh's bound on a plan's seats, in the world's catalog.
  func checkSeats(_ n: Int, _ key: String, _ catalog: Catalog) throws(Failure) {
    guard n >= 2, n <= Money.maxSeats, catalog.isSize(n) else {
      throw fail(key, "\(n) is not a plan size of 2 to \(Money.maxSeats) seats (R5)")
    }
  }
  /// P3: a change waiting for the renewal, to a self-serve tier, a size or a cycle.
  func scheduled(_ key: String, _ catalog: Catalog) throws(Failure) -> PlanChange? {
    let v = try value(key)
    if v == .null { return nil }
    let cr = try Reader.object(v, path + "." + key, keys: ["tier", "seats", "cycle"])
    var change = PlanChange()
    if cr.json["tier"] != .null {
      let t = try cr.tier("tier")
      if t.isSalesOnly { throw cr.fail("tier", "\(t.name) is bought through sales (R9)") }
      change.tier = t
    }
    if let n = try cr.optionalInt("seats") {
      try cr.checkSeats(n, "seats", catalog)
      change.seats = n
    }
    if let c = try cr.optionalString("cycle") {
      guard let cycle = Cycle(rawValue: c) else {
        throw cr.fail("cycle", "expected monthly, annual or null")
      }
      change.cycle = cycle
    }
    if change.isEmpty { throw fail(key, "a scheduled change changes something: expected null") }
    return change
  }
  func user(_ key: String, in w: World) throws(Failure) -> UserID {
    let h = try string(key)
    guard let u = w.userID(h) else { throw fail(key, "unknown user \(quoted(h))") }
    return u
  }
  func scope(_ key: String, in w: World) throws(Failure) -> Scope {
    let v = try value(key)
    let p = path.isEmpty ? key : path + "." + key
    let kind: String
    if case .string(let k)? = v["kind"] { kind = k } else { kind = "" }
    let sr = try Reader.object(
      v, p, keys: kind == "team" ? ["kind", "name", "org"] : ["kind", "name"])
    _ = try sr.string("kind")
    let name = try sr.string("name")
    switch kind {
    case "org", "workspace":
      guard let s = w.spaceID(name), w.spaces[s.index].kind.rawValue == kind else {
        throw sr.fail("name", "unknown \(kind) \(quoted(name))")
      }
      return .space(s)
    case "team":
      let org = try sr.string("org")
      guard let o = w.spaceID(org), let t = w.spaces[o.index].teamsByName[name]
      else {
        throw sr.fail("name", "unknown team \(quoted(name)) of \(quoted(org))")
      }
      return .team(t)
    default: throw sr.fail("kind", "expected org, workspace or team")
    }
  }
}
