import BillingLanguage
import BillingModel

/// How a command that ran enters the undo history (SPEC §8: what `.undo` counts).
/// NB: made in one place, from the command's table entry (`CommandSpec.undo`) and its outcome.
enum UndoEffect {
  /// Nothing in the world changed.
  case none
  /// Only the log changed: a refused command, an action that only reads, an `advance` that did
  /// not move the clock. Not counted by `.undo`, but its log entry is replayed.
  case logged
  /// The command changed the world; played again with the same actor it changes it the same way.
  case replayed
  /// The clock moved to this day (with every event on the way).
  case clock(Day)
  /// The whole world was replaced (`.load`, `.demo`, `.reset`).
  case replaced
}

extension Session {
  /// What `.undo` makes of a command that ran; `logged` says whether it went into the log.
  static func undoEffect(of rule: UndoRule, ok: Bool, logged: Bool, clock: (Day, Day))
    -> UndoEffect
  {
    let onlyLogged: UndoEffect = logged ? .logged : .none
    guard ok else { return onlyLogged }
    switch rule {
    case .replayed: return .replayed
    case .clock: return clock.0 != clock.1 ? .clock(clock.1) : onlyLogged
    // NB: it may set the clock back (while no plan ever existed), which `advance` cannot.
    case .setClock: return clock.0 != clock.1 ? .replayed : onlyLogged
    case .replaced: return .replaced
    case .none: return onlyLogged
    }
  }
}

/// The undo history: copies of the world at a few checkpoints and every step since the oldest.
/// `.undo n` restores the checkpoint at or before the target and replays the steps up to it
/// (replay is deterministic: same commands, same actors, same log entries).
/// NB: a step is small and holds no command: it points at the log entry its command made (the
/// log is append-only between world replacements, and a replacement keeps the log it replaced),
/// and a replayed command is parsed again from that entry's text. So a session that never
/// undoes pays for appending a few words per logged command. A checkpoint is a copy of the
/// world, which costs nothing until the world next changes, then one copy of each table it
/// changes; checkpoints are taken every `copyWeight` steps (at least `minimumInterval`), so
/// their cost per command stays a small constant whatever the world's size, and a replay is at
/// most that many steps.
struct UndoHistory {
  /// The log of a world that was replaced, and the command that replaced it.
  /// NB: a class, so a step stays a few words whatever a log holds.
  final class Replacement {
    let outgoing: Log
    let text: String
    init(outgoing: Log, text: String) {
      self.outgoing = outgoing
      self.text = text
    }
  }

  struct Step {
    enum Kind {
      /// Only log entries (not counted by `.undo`): `run` of them, one after the other.
      case logged
      /// A command that changed the world, run by `actor`; its text is its log entry's.
      case replayed(actor: UserID?)
      case clock(Day)
      /// The log of the world it replaced and the command as written (`.load`, `.demo` and
      /// `.reset` are not logged); a checkpoint of the new world follows.
      case replaced(Replacement)
    }
    var kind: Kind
    /// The index of the command's entry in the log, when it made one.
    var entry: Int?
    /// How many log entries the step made, from `entry`: more than one only for `.logged`
    /// steps, which run together (see `add`).
    var run: Int = 1
    var counts: Bool { if case .logged = kind { false } else { true } }
  }

  /// At least this many world-changing commands can be undone (SPEC §8).
  static let kept = 1000
  static let minimumInterval = 256

  /// Absolute position of `steps[0]`: the number of steps ever dropped from the front.
  private(set) var start = 0
  private(set) var steps: [Step] = []
  /// Copies of the world after the first `position` steps, the first at `start`, each without
  /// its log, which is the first `logCount` entries of the log its steps point into.
  /// NB: so a checkpoint never shares the live log, and appending to it copies nothing.
  private(set) var checkpoints: [(position: Int, world: World, logCount: Int)]
  /// Positions of the steps `.undo` counts, oldest first.
  private(set) var counting: [Int] = []

  init(base: World) { checkpoints = [UndoHistory.checkpoint(0, base)] }

  /// A checkpoint at `position` of `world`: a copy without its log.
  private static func checkpoint(_ position: Int, _ world: World) -> (
    position: Int, world: World, logCount: Int
  ) {
    let c = world.copy()
    c.log = Log()
    return (position, c, world.logCount)
  }

  var end: Int { start + steps.count }
  /// How many commands `.undo` can take back.
  var undoable: Int { counting.count }

  /// Notes a step; `world` is the world after it.
  /// NB: logged-only steps that follow one another since the last checkpoint are one step, so
  /// a long run of views costs no memory here: the history holds a step for each command that
  /// changed the world (at most `kept` of them, with what lies between them) and a few more.
  mutating func add(_ step: Step, world: World) {
    if case .logged = step.kind, let e = step.entry, let last = steps.last,
      case .logged = last.kind, end - 1 >= checkpoints[checkpoints.count - 1].position,
      let first = last.entry, first + last.run == e
    {
      steps[steps.count - 1].run += 1
      return
    }
    steps.append(step)
    if step.counts { counting.append(end - 1) }
    if case .replaced = step.kind {
      checkpoints.append(UndoHistory.checkpoint(end, world))
      trim()
    } else if end - checkpoints[checkpoints.count - 1].position
      >= max(UndoHistory.minimumInterval, world.copyWeight)
    {
      checkpoints.append(UndoHistory.checkpoint(end, world))
      trim()
    }
  }

  /// Drops the checkpoints and steps no undo within `kept` needs.
  private mutating func trim() {
    guard counting.count > UndoHistory.kept else { return }
    let oldest = counting[counting.count - UndoHistory.kept]
    guard let i = checkpoints.lastIndex(where: { $0.position <= oldest }), i > 0 else { return }
    let cut = checkpoints[i].position
    checkpoints.removeFirst(i)
    steps.removeFirst(cut - start)
    start = cut
    counting.removeFirst(counting.firstIndex { $0 >= cut } ?? counting.count)
  }

  /// What `.undo n` replays: the checkpoint to start from, the steps after it, the log their
  /// entries are in, and the commands undone (oldest first). Nil when fewer than `n` can be
  /// undone. `log` is the live world's log. The history then ends at the target.
  mutating func undo(_ n: Int, log: Log) -> (
    base: World, replay: ArraySlice<Step>, source: Log, undone: [String]
  )? {
    guard n >= 1, n <= counting.count else { return nil }
    let target = counting[counting.count - n]
    guard let cp = checkpoints.last(where: { $0.position <= target }) else { return nil }
    // Walking back from the end, each step's entry is in the log of its stretch: the live one,
    // or the one a later replacement kept.
    var source = log
    var undone: [String] = []
    var p = end - 1
    while p >= target {
      let s = steps[p - start]
      if case .replaced(let r) = s.kind {
        source = r.outgoing
        undone.append(r.text)
      } else if s.counts, let e = s.entry {
        undone.append(source.command(at: e))
      }
      p -= 1
    }
    let replay = steps[(cp.position - start)..<(target - start)]
    let base = cp.world.copy()
    base.log = source.firstEntries(cp.logCount)
    steps.removeLast(end - target)
    counting.removeLast(n)
    checkpoints.removeAll { $0.position > target }
    return (base, replay, source, undone.reversed())
  }
}

/// A named copy of the whole session (SPEC §8 `.mark`).
struct Mark {
  var name: String
  /// A copy nobody changes; `.back` works on a copy of it.
  var world: World
  var actor: UserID?
  var focus: SpaceID?
  var history: UndoHistory
  /// Lines played when the mark was made (for `ago`).
  var line: Int
}
