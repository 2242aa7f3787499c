import BillingModel

// The parts of a session, each with one job: the world and who acts in it stay on `Session`
// (the interpreter's state); around it, the lines it played (`LineHistory`), how they went
// (`Tally`), what it keeps for `.record` (`Keeping`), and the what-ifs (`UndoHistory`, marks:
// Session+WhatIfs.swift).

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
