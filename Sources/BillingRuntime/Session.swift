import BillingLanguage
import BillingModel
import BillingSupport

/// A world, who acts in it, and how command lines become outcomes.
/// NB: the session never prints; records go to `sink`, and the front end renders them.
package final class Session {
  package var world: World
  package var actor: UserID?
  /// The space the acting user last worked in (for the prompt).
  package var focus: SpaceID?
  package let catalog: Catalog
  /// Called with each finished command line, nested `.read` lines included.
  /// NB: takes the record (consuming): a sink that keeps it (playback's batch) moves it in,
  /// where a borrowed record was copied (two strings and the outcome retained, then released).
  package var sink: (consuming Record) -> Void = { _ in }

  /// Whether to stop now (Ctrl-C): asks `shouldStop` once and remembers a yes for this line.
  package func stopRequested() -> Bool {
    if !stopSeen && shouldStop() { stopSeen = true }
    return stopSeen
  }
  /// Whether top-level lines are kept for `.history` (a script that cannot ask need not).
  package var keepsHistory = true
  /// The shell's history, for `.history`.
  package lazy var historyLines: () -> [String] = { [unowned self] in self.performed.inOrder }
  /// How file commands reach files (see `FileAccess`): the interpreter itself opens none.
  package var files: any FileAccess
  /// What the session keeps for `.record` (see `Keeping`).
  var keeping = Keeping()
  /// Whether a write to the recording failed (it stopped): the session then ends with 2.
  package var recordingFailed: Bool { keeping.recordingFailed }
  /// Whether the session keeps its commands and output so far, so that a `.record` started
  /// late writes the whole session: the shell, piped input and scripts do.
  package var keepsTranscript: Bool {
    get { keeping.spool != nil }
    set { keeping.spool = newValue ? (keeping.spool ?? files.keeper()) : nil }
  }
  /// How the lines played so far went (see `Tally`).
  private(set) var tally = Tally()
  /// Unmet expectations seen by this session, and whether one was a usage or io error.
  package var unmet: Int { tally.unmet }
  package var unmetUsage: Int { tally.unmetUsage }
  /// Command lines played, nested `.read` lines and unreadable lines included (the summary of
  /// `billsh run`: played − unmet lines met their expectation).
  package var played: Int { tally.played }

  /// When to stop a long line (see `Stopping`).
  var stopping = Stopping()
  /// The lines being played: how deep, and which files (see `Nesting`).
  var nesting = Nesting()
  /// What later commands recall of earlier ones (see `Recall`).
  var recall = Recall()
  /// How outcomes are shown (see `Display`).
  var display = Display()
  /// Log outcomes made so far (see `logOutcome`).
  /// NB: a short list searched in order, not a dictionary: a playback meets a handful of
  /// different ones, and comparing two small values costs less than hashing one.
  private var logOutcomes: [(key: LogOutcomeKey, text: String)] = []
  /// The what-ifs (SPEC §8; see `WhatIfs`, Session+WhatIfs.swift).
  var whatIfs: WhatIfs

  package init(catalog: Catalog = .standard, files: any FileAccess = NoFiles()) {
    self.catalog = catalog
    self.files = files
    let w = World(catalog: catalog)
    self.world = w
    self.whatIfs = WhatIfs(world: w)
  }

  /// Runs one line and emits its record. Returns the outcome.
  @discardableResult
  package func perform(
    _ input: String, file: String? = nil, line: Int? = nil, expectation: Expectation? = nil,
    prepared: Prepared? = nil
  ) -> Outcome {
    depth += 1
    defer { depth -= 1 }
    linesPlayed += 1
    if depth == 1 {
      if keepsHistory { performed.append(input) }
      stopSeen = false
    }
    // A top-level line and its output go to the spool and the recording, when there is one.
    // NB: `.record` itself stays out: replaying it would truncate the file being replayed.
    guard depth == 1, let spool = keeping.spool, !Session.isRecordCommand(input) else {
      return performOne(input, file: file, line: line, expectation: expectation, prepared: prepared)
    }
    spool.begin(input, file: file, line: line)
    let outcome = performOne(
      input, file: file, line: line, expectation: expectation, prepared: prepared)
    let entry = spool.end()
    if let r = keeping.recording {
      do { try r.append(entry: entry) } catch {
        keeping.recording = nil
        keeping.recordingFailed = true
        sink(
          Record(
            file: nil, line: nil, input: input,
            outcome: .fail(Failure(.io, nil, "\(error); recording stopped")), expectation: nil))
        tally.countIOFailure(played: false)
      }
    }
    return outcome
  }

  /// Whether `line` is a `.record` command (first word `.record`, unquoted, as the parser reads it).
  /// NB: tolerant, so a `.record` line with an open quote stays out too.
  static func isRecordCommand(_ line: String) -> Bool {
    // NB: most lines are told apart by their first bytes, with no tokenizing.
    let start = line.utf8.first { $0 != 32 && $0 != 9 }
    guard start == UInt8(ascii: ".") || start == UInt8(ascii: "\\") else { return false }
    let words = Tokenizer.splitPartial(line[...])
    guard let first = words.words.first ?? (words.currentLength > 0 ? words.current : nil) else {
      return false
    }
    return !first.quoted && first.text == ".record"
  }

  private func performOne(
    _ input: String, file: String?, line: Int?, expectation: Expectation?, prepared: Prepared?
  ) -> Outcome {
    let outcome = execute(prepared ?? Session.prepare(input))
    let record = Record(
      file: file, line: line, input: input, outcome: outcome, expectation: expectation)
    tally.count(record)
    if let spool = keeping.spool, spool.isOpen { spool.add(record) }
    sink(record)
    return outcome
  }

  /// A record for a line that could not even be read (bad UTF-8, NUL, unterminated continuation).
  package func reject(_ failure: Failure, input: String, file: String?, line: Int?) {
    let record = Record(
      file: file, line: line, input: input, outcome: .fail(failure), expectation: nil)
    tally.countIOFailure(played: true)
    sink(record)
    if let spool = keeping.spool, spool.isOpen { spool.add(record) }
  }

  /// What a line means without the world: its words and its command, or why it has none.
  /// NB: pure (no session, no world), so playback can work it out ahead, on another thread.
  /// A class, so handing a prepared line over costs one reference, not a copy of its parts.
  package final class Prepared: Sendable {
    // NB: fields read in place, not an enum of the cases: matching on a stored enum copied all
    // of it, through the runtime's generic copy of its tuples, on every line. The cases: a
    // command (with its text); a refusal (failure, words and text); an unreadable line (a
    // failure, no words); an empty line (none of them).
    /// The command, when `hasCommand` (otherwise `.whoami`, never run).
    /// NB: not an optional: freeing an optional of this many-cased enum went through the
    /// runtime's generic witness for optionals on every line.
    fileprivate let command: Command
    fileprivate let hasCommand: Bool
    /// The command text (for the log), when the line has words.
    fileprivate let text: String
    /// Why the line has no command: it could not be read, or its words were refused.
    fileprivate let failure: Failure?
    /// The words of a refused line (empty otherwise).
    fileprivate let tokens: [Token]

    fileprivate init(
      command: Command? = nil, text: String = "", failure: Failure? = nil, tokens: [Token] = []
    ) {
      if let command {
        self.command = command
        hasCommand = true
      } else {
        self.command = .whoami
        hasCommand = false
      }
      self.text = text
      self.failure = failure
      self.tokens = tokens
    }
  }

  /// Tokenizes and parses one line (see `Prepared`).
  package static func prepare(_ line: String) -> Prepared {
    var words: [Token] = []
    return prepare(line, words: &words)
  }

  /// The same with a list for the words that a reader of many lines keeps from line to line,
  /// and the commands it met after `as` and `can` (see `InnerCommands`).
  package static func prepare(
    _ line: String, words tokens: inout [Token], inner: InnerCommands? = nil
  ) -> Prepared {
    let input = line[...]
    let length: Int
    do { length = try Tokenizer.words(input, into: &tokens) } catch {
      return Prepared(failure: error)
    }
    if tokens.isEmpty { return Prepared() }
    let text = Session.commandText(line, length)
    do {
      let command = try parse(
        tokens: tokens, source: input[..<input.utf8.index(input.utf8.startIndex, offsetBy: length)],
        inner: inner)
      return Prepared(command: command, text: text)
    } catch {
      return Prepared(text: text, failure: error, tokens: tokens)
    }
  }

  func execute(_ prepared: Prepared) -> Outcome {
    world.beginCommand()
    if prepared.hasCommand { return run(prepared.command, text: prepared.text) }
    guard let error = prepared.failure else { return ok("") }
    // An unreadable line has no words; a refused one has.
    let tokens = prepared.tokens
    if tokens.isEmpty { return .fail(error) }
    let text = prepared.text
    var who = actor.map { world.handle($0) }
    var logText = text
    var found = match(tokens)
    // `as <user> <action>` refused while parsing is a refused action too (SPEC §3 `log`).
    if let (spec, used) = found, spec.words == ["as"], tokens.count > used + 1 {
      let rest = Array(tokens[(used + 1)...])
      found = match(rest)
      logText = render(rest)
      // SPEC §5 `log`: charged to the named user when it exists, else to nobody.
      who = world.userID(tokens[used].text).map { world.handle($0) }
    }
    if let (spec, used) = found, Session.isLogged(spec, hasArguments: tokens.count > used) {
      followWorld()
      record(
        logText, actor: spec.group == .setup ? nil : who.flatMap { world.userID($0) },
        .fail(error))
      journal(.logged)
    }
    return .fail(error)
  }

  /// The command as written, without its comment and surrounding spaces (for the log).
  static func commandText(_ line: String, _ length: Int) -> String {
    var copy = line
    return copy.withUTF8 { b in
      var end = min(length, b.count)
      while end > 0, b[end - 1] == 32 || b[end - 1] == 9 || b[end - 1] == 13 { end -= 1 }
      var start = 0
      while start < end, b[start] == 32 || b[start] == 9 { start += 1 }
      // NB: usually the line is already its own command text; then it is shared, not copied.
      if start == 0 && end == b.count { return line }
      return String(decoding: UnsafeBufferPointer(rebasing: b[start..<end]), as: UTF8.self)
    }
  }

  /// Runs a parsed command; logs setup, actions and `advance` (SPEC §3, `log`).
  package func run(_ command: Command, text: String) -> Outcome {
    switch command {
    case .runAs(let handle, let inner, let innerText):
      let u: UserID
      do { u = try world.resolveUser(handle) } catch {
        // Refused before it could run as anyone: logged without the prefix, charged to nobody.
        if Session.isLogged(inner.spec, hasArguments: inner.hasArguments) {
          followWorld()
          record(innerText, actor: nil, .fail(error), refused: refusedScopes(inner))
          journal(.logged)
        }
        return .fail(error)
      }
      let saved = actor
      actor = u
      defer { actor = saved }
      return run(inner, text: innerText)
    default:
      followWorld()
      let was = world
      let before = world.today
      // SPEC §5 `log`: setup commands have no actor, whoever is logged in.
      let spec = command.spec
      let who = spec.group == .setup ? nil : actor
      // SPEC §8 "who did it": an action's doings are its actor's; the clock's are nobody's.
      world.beginCommand(actor: spec.group == .action ? actor : nil)
      var outcome: Outcome
      do { outcome = try dispatch(command) } catch { outcome = .fail(error) }
      if !outcome.isOK, spec.group == .action || spec.group == .setup,
        outcome.failure?.code != .usage
      {
        lastRefusal = (text, outcome)
      }
      let logged = Session.isLogged(spec, hasArguments: command.hasArguments)
      if logged {
        record(
          text, actor: who, outcome, date: before,
          refused: outcome.isOK ? [] : refusedScopes(command))
      }
      let effect = Session.undoEffect(
        of: spec.undo, ok: outcome.isOK, logged: logged, clock: (before, world.today))
      if case .none = effect {} else { journal(effect, was: was, text: text) }
      return outcome
    }
  }

  /// A successful outcome; its JSON result is built only when this session keeps results.
  /// NB: `"… \(x) …"` here is a `Text`, built as bytes.
  func ok(_ text: Text, _ result: @autoclosure () -> JSON = .object([])) -> Outcome {
    Outcome(okText: text, result: keepsResults ? result() : .null, failure: nil)
  }

  /// Whether a command goes in the log, as its table entry says (SPEC §3, `log`; SPEC §8).
  static func isLogged(_ spec: CommandSpec, hasArguments: Bool) -> Bool {
    switch spec.log {
    case .always: true
    case .never: false
    case .withArguments: hasArguments
    }
  }

  private func record(
    _ text: String, actor: UserID?, _ outcome: Outcome, date: Day? = nil, refused: [Scope] = []
  ) {
    let result = outcome.failure.map(logOutcome) ?? "ok"
    world.appendLog(
      LogEntry(
        date: date ?? world.today, actor: actor.map { world.handle($0) }, command: text,
        outcome: result), by: actor, refusedIn: refused)
  }

  /// The scopes a refused command named, as its table entry says (SPEC §8: they list it in their
  /// timelines); names that do not resolve are left out.
  func refusedScopes(_ command: Command) -> [Scope] {
    let refs = command.spec.scopes(command)
    // NB: one scope is the usual case: resolved straight into its list.
    if refs.count == 1 { return world.find(refs[0]).map { [$0] } ?? [] }
    var scopes: [Scope] = []
    for r in refs {
      if let s = world.find(r), !scopes.contains(s) { scopes.append(s) }
    }
    return scopes
  }

  /// `error[code] (rule)` for the log; the few different ones are made once and shared.
  private func logOutcome(_ f: Failure) -> String {
    let (code, rule) = f.reason.classification
    let key = LogOutcomeKey(code: code, rule: rule)
    for known in logOutcomes where known.key == key { return known.text }
    let made = ("error[\(code.rawValue)]" as Text).string + (rule.map { " (\($0.id))" } ?? "")
    logOutcomes.append((key, made))
    return made
  }

  /// Notes the space a command worked in, for the prompt.
  func touch(_ scope: Scope) {
    let s = world.holder(scope)
    if let a = actor, world.membership(a, in: s) != nil { focus = s }
  }

  /// The prompt's words: the acting user and their roles in the focused space.
  package var promptParts: (user: String?, roles: String?) {
    guard let a = actor else { return (nil, nil) }
    let name = world.handle(a)
    let spaces = world.spacesOf(a)
    guard let s = focus.flatMap({ world.membership(a, in: $0) != nil ? $0 : nil }) ?? spaces.first
    else {
      return (name, nil)
    }
    let roles = world.roles(of: a).first { $0.space == s }?.roles ?? []
    return (name, world.describe(.space(s)) + ": " + roles.joined(separator: ", "))
  }
}

struct LogOutcomeKey: Equatable {
  let code: ErrorCode
  let rule: Rule?
}
