import BillingLanguage
import BillingModel
import BillingStore
import BillingSupport

/// Scripts, saved worlds and recordings: the file commands. Their files are reached through
/// `files` (see `FileAccess`).
extension Session {
  package static let maxWorldBytes = 512 * 1024 * 1024

  /// Resolves a path against the folder of the script being read (or the working folder); in a
  /// replayed transcript, inside its sandbox (`writing` for `.save` and `.record`).
  func resolvePath(_ path: String, writing: Bool) throws(Failure) -> String {
    try files.place(path, from: reading.last, writing: writing)
  }

  /// Resolves a path against the folder of `script` (or the working folder, when none).
  package static func resolve(_ path: String, from script: String?) -> String {
    if path.hasPrefix("/") { return path }
    guard let current = script else { return path }
    let dir = directoryName(current)
    return dir == "." ? path : dir + "/" + path
  }

  /// The folder part of a path (`.` when it has none).
  package static func directoryName(_ path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    if slash == path.startIndex { return "/" }
    return String(path[..<slash])
  }

  /// Plays a script file line by line as it is read (SPEC §5: no size limit, each line at most
  /// 64 KiB); each line's record goes to the sink. Returns whether it was stopped (Ctrl-C).
  @discardableResult
  package func play(file path: String) -> Bool {
    do { return try files.play(path, in: self) } catch {
      reject(error, input: "", file: path, line: nil)
      return false
    }
  }

  func readScript(_ given: String) -> Outcome {
    let path: String
    do { path = try resolvePath(given, writing: false) } catch { return .fail(error) }
    let key = files.canonical(path)
    if reading.contains(where: { files.canonical($0) == key }) {
      return .fail(
        Failure(.io, nil, "\(path): .read cycle (\((reading + [path]).joined(separator: " → ")))"))
    }
    if reading.count >= 32 {
      return .fail(Failure(.io, nil, "\(path): .read nested more than 32 deep"))
    }
    let before = unmet
    let stopped: Bool
    do { stopped = try files.play(path, in: self) } catch { return .fail(error) }
    return outcome(.read(path: path, unmet: unmet - before, interrupted: stopped))
  }

  /// The world (and who acts) as JSON text.
  package func savedText() -> String {
    var pairs = world.snapshot()
    pairs.insert(("actor", .str(actor.map { world.handle($0) })), at: 3)
    var out = ""
    JSON.object(pairs).writePretty(to: &out)
    return out + "\n"
  }

  /// The saved world's text, if billsh can load it back: a world larger than `maxWorldBytes`
  /// is refused rather than written (`.load` reads no more).
  func loadableSavedText(for path: String) throws(Failure) -> String {
    let text = savedText()
    if text.utf8.count > Session.maxWorldBytes {
      throw Failure(
        .io, nil,
        "\(path): the world is \(text.utf8.count / (1024 * 1024)) MiB as JSON, more than the \(Session.maxWorldBytes / (1024 * 1024)) MiB billsh loads; nothing was written"
      )
    }
    return text
  }

  func save(_ given: String) throws(Failure) -> Outcome {
    let path = try resolvePath(given, writing: true)
    try files.write(path, Array(loadableSavedText(for: path).utf8))
    files.saved(path)
    return outcome(.saved(path: path))
  }

  /// Replaces the world with a saved one; a bad file leaves the current world untouched.
  package func loadWorld(from path: String) throws(Failure) {
    try loadWorld(try files.read(path), from: path)
  }

  /// Replaces the world with the saved one in `bytes`, read from `path`.
  package func loadWorld(_ bytes: [UInt8], from path: String) throws(Failure) {
    if let last = lastLoad, last.bytes == bytes {
      replaceWorld(last.world.copy(), actingAs: last.actor)
      return
    }
    // NB: parsed in place, no copy of a large file as text. The reader checks the UTF-8 of every
    // string and allows only ASCII outside them, so the whole file is checked only on a failure,
    // to say why.
    let json: JSON
    let w: World
    do throws(Failure) {
      do { json = try JSON.parse(bytes: bytes, keys: World.savedKeys) } catch {
        if String(validating: bytes, as: UTF8.self) == nil {
          throw Failure(.io, nil, "not UTF-8 text")
        }
        throw Failure(.io, nil, message: error.message)
      }
      w = try World.restore(json)
    } catch {
      throw Failure(.io, nil, "\(path): \(error.message); the current world is unchanged")
    }
    var handle: String?
    if case .string(let h)? = json["actor"] { handle = h }
    lastLoad = (bytes, w.copy(), handle)
    replaceWorld(w, actingAs: handle)
  }

  private func replaceWorld(_ w: World, actingAs handle: String?) {
    let newActor = handle.flatMap { w.userID($0) }
    world = w
    actor = newActor
    focus = newActor.flatMap { world.spacesOf($0).first }
  }

  /// NB: the text names the file as given, so a recording replays the same wherever it is
  /// replayed from (the JSON `file` is the path read).
  func load(_ given: String) throws(Failure) -> Outcome {
    let path = try resolvePath(given, writing: false)
    try loadWorld(from: path)
    return outcome(.loaded(file: (given, path)))
  }
}

extension JSON {
  /// Indented form for saved worlds: one key per line, short arrays of scalars kept on one line.
  func writePretty(to out: inout String, indent: String = "") {
    switch self {
    case .array(let items) where !items.isEmpty:
      if items.allSatisfy({
        if case .object = $0 { return false }; if case .array = $0 { return false }; return true
      }) {
        write(to: &out)
        return
      }
      out += "[\n"
      for (i, v) in items.enumerated() {
        out += indent + "  "
        v.writePretty(to: &out, indent: indent + "  ")
        out += i + 1 < items.count ? ",\n" : "\n"
      }
      out += indent + "]"
    case .object(let pairs) where !pairs.isEmpty:
      out += "{\n"
      for (i, (k, v)) in pairs.enumerated() {
        out += indent + "  "
        JSON.string(k).write(to: &out)
        out += ": "
        v.writePretty(to: &out, indent: indent + "  ")
        out += i + 1 < pairs.count ? ",\n" : "\n"
      }
      out += indent + "}"
    default:
      write(to: &out)
    }
  }
}

extension Session {
  /// Saves the world atomically (temp file, then rename): a failure leaves the old file as it was.
  package func saveWorld(to path: String) throws(Failure) {
    try files.write(path, Array(loadableSavedText(for: path).utf8))
  }
}
