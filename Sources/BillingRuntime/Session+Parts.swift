import BillingModel

// The parts of a session, each with one job: the world and who acts in it stay on `Session`
// (the interpreter's state); around it, the lines it played (`LineHistory`), how they went
// (`Tally`), what it keeps for `.record` (`Keeping`), when to stop (`Stopping`), the lines
// being played (`Nesting`), what later commands recall (`Recall`), how outcomes are shown
// (`Display`), and the what-ifs (`WhatIfs`: `UndoHistory`, marks; Session+WhatIfs.swift).
// The session reaches each part's fields through the pass-throughs at the end of this file.

/// Lines performed at the top level, for `.history` outside the shell: the last `kept`, as the
/// shell keeps (a long playback keeps no more).
/// NB: a ring once full: the next line replaces the oldest, at `end`.
struct LineHistory {
  static let kept = 1000
  private var lines: [String] = []
  private var end = 0

  mutating func append(_ line: String) {
    if lines.count < LineHistory.kept {
      lines.append(line)
    } else {
      lines[end] = line
      end = end + 1 == LineHistory.kept ? 0 : end + 1
    }
  }

  /// Oldest first.
  var inOrder: [String] { Array(lines[end...] + lines[..<end]) }
}

/// How the lines played so far went: the summary of `billsh run` and the exit status.
struct Tally {
  /// Command lines played, nested `.read` lines and unreadable lines included (played − unmet
  /// lines met their expectation).
  var played = 0
  /// Unmet expectations.
  var unmet = 0
  /// Unmet lines that failed with `usage` or `io` (SPEC §5: the session then ends with 2).
  var unmetUsage = 0

  /// A line played: unmet when its record did not meet its expectation.
  mutating func count(_ record: Record) {
    played += 1
    guard !record.met else { return }
    unmet += 1
    // SPEC §5: an unmet line that failed with usage or io gives 2, expected or not.
    if let f = record.outcome.failure, f.code == .usage || f.code == .io { unmetUsage += 1 }
  }

  /// A failure outside any line's own outcome (an unreadable line, a recording that stopped).
  mutating func countIOFailure(played line: Bool) {
    if line { played += 1 }
    unmet += 1
    unmetUsage += 1
  }
}

/// What a session keeps for `.record`: its commands and output so far, the recording being
/// written, and the world it started from.
struct Keeping {
  /// Commands and their output so far, in transcript form (see `Session.keepsTranscript`).
  var spool: (any TranscriptKeeping)?
  /// Set by `.record`; each finished top-level line is appended to it.
  var recording: (any TranscriptRecording)?
  /// Whether a write to the recording failed (it stopped): the session then ends with 2.
  var recordingFailed = false
  /// The world the session started from, when not empty (a recording starts by rebuilding it).
  var origin: Origin?
}

/// When to stop a long `.read` or `advance` (Ctrl-C).
struct Stopping {
  /// Asked between commands: true stops a long `.read` or `advance` (Ctrl-C).
  var shouldStop: () -> Bool = { false }
  /// A stop seen during the current top-level line; it holds until the next one starts, so an
  /// `advance` that notices Ctrl-C also stops the `.read` or input it is part of.
  var stopSeen = false
  /// The events of an `advance` that Ctrl-C stopped, kept so that ending the process does not
  /// wait for them to be freed.
  var eventsOnStop: [Event] = []
}

/// The lines being played inside one another (`.read` plays lines inside a line).
struct Nesting {
  /// How deep `perform` calls nest.
  var depth = 0
  /// Files being played, innermost last (for `.read` cycles and relative paths).
  var reading: [String] = []
}

/// What later commands recall of earlier ones.
struct Recall {
  /// Lines performed at the top level, for `.history` outside the shell.
  var performed = LineHistory()
  /// The last command refused (not for its syntax), for `explain last` (SPEC §8).
  /// NB: its outcome (which holds the failure) is kept by reference: copying the failure, and
  /// later taking the copy apart, cost every refused line a few hundred instructions.
  var lastRefusal: (text: String, outcome: Outcome)?
}

/// How outcomes are shown.
struct Display {
  /// Whether outcomes carry their JSON result (JSON output, tests); text output skips building it.
  var keepsResults = true
  /// `.pager on|off`: whether the shell pages output longer than the screen (only the
  /// interactive shell with a terminal on stdout does; elsewhere it is only remembered).
  var pager = true
}

/// The what-ifs (SPEC §8): the undo history, the marks and what `.load` may share.
struct WhatIfs {
  /// Every step since the oldest one `.undo` may need.
  var history: UndoHistory
  /// The world `history` follows; another one (set from outside, e.g. `--state`) starts a new
  /// history from itself.
  var followed: World
  /// Marks, in the order they were first made.
  var marks: [Mark] = []
  /// Command lines played so far, nested ones included (for `.marks`' `ago`).
  var linesPlayed = 0
  /// The mark the session went back to, until the world changes again (for the prompt).
  var backAt: String?
  /// Off while a command runs on a copy (`compare`) or history is replayed.
  var journaling = true
  /// The bytes last loaded, the world they made (nobody changes it) and who acted in it: a
  /// `.load` of the same bytes again starts from a copy of that world, which shares its tables
  /// with it and with the undo history's checkpoints of the earlier loads.
  var lastLoad: (bytes: [UInt8], world: World, actor: String?)?

  init(world: World) {
    followed = world
    history = UndoHistory(base: world)
  }
}

// Pass-throughs: the session's fields as they were before it was split into parts, so code
// (and the other modules' use of the package API) reads them as before.
// NB: `_modify` yields the field in place: changing it copies nothing.
extension Session {
  package var shouldStop: () -> Bool {
    get { stopping.shouldStop }
    _modify { yield &stopping.shouldStop }
  }
  package var stopSeen: Bool {
    get { stopping.stopSeen }
    _modify { yield &stopping.stopSeen }
  }
  var eventsOnStop: [Event] {
    get { stopping.eventsOnStop }
    _modify { yield &stopping.eventsOnStop }
  }
  var depth: Int {
    get { nesting.depth }
    _modify { yield &nesting.depth }
  }
  package var reading: [String] {
    get { nesting.reading }
    _modify { yield &nesting.reading }
  }
  var performed: LineHistory {
    get { recall.performed }
    _modify { yield &recall.performed }
  }
  var lastRefusal: (text: String, outcome: Outcome)? {
    get { recall.lastRefusal }
    _modify { yield &recall.lastRefusal }
  }
  package var keepsResults: Bool {
    get { display.keepsResults }
    _modify { yield &display.keepsResults }
  }
  package var pager: Bool {
    get { display.pager }
    _modify { yield &display.pager }
  }
  var history: UndoHistory {
    get { whatIfs.history }
    _modify { yield &whatIfs.history }
  }
  var followed: World {
    get { whatIfs.followed }
    _modify { yield &whatIfs.followed }
  }
  var marks: [Mark] {
    get { whatIfs.marks }
    _modify { yield &whatIfs.marks }
  }
  var linesPlayed: Int {
    get { whatIfs.linesPlayed }
    _modify { yield &whatIfs.linesPlayed }
  }
  package internal(set) var backAt: String? {
    get { whatIfs.backAt }
    _modify { yield &whatIfs.backAt }
  }
  var journaling: Bool {
    get { whatIfs.journaling }
    _modify { yield &whatIfs.journaling }
  }
  var lastLoad: (bytes: [UInt8], world: World, actor: String?)? {
    get { whatIfs.lastLoad }
    _modify { yield &whatIfs.lastLoad }
  }
}
