import BillingLanguage
import BillingModel
import BillingSupport

/// What-ifs (SPEC §8): marks, undo, forecasts and comparisons.
extension Session {
  /// The names of the marks, in the order they were made (for completion).
  package var markNames: [String] { marks.map(\.name) }

  /// Starts a new undo history when the world was replaced from outside a command (`--state`,
  /// `--demo`, a test): undo cannot go back past it.
  func followWorld() {
    guard journaling, world !== followed else { return }
    followed = world
    history = UndoHistory(base: world)
  }

  /// Notes a command that ran in the undo history (`effect` from `undoEffect`); `was` is the
  /// world before it and `text` the command as written (for one that replaced the world).
  func journal(_ effect: UndoEffect, was: World? = nil, text: String = "") {
    guard journaling else { return }
    let kind: UndoHistory.Step.Kind
    var entry: Int? = world.logCount - 1
    switch effect {
    case .none: return
    case .logged: kind = .logged
    case .replayed: kind = .replayed(actor: actor)
    case .clock(let day): kind = .clock(day)
    case .replaced:
      followed = world
      kind = .replaced(.init(outgoing: was?.log ?? Log(), text: text))
      entry = nil
    }
    let step = UndoHistory.Step(kind: kind, entry: entry)
    history.add(step, world: world)
    if step.counts { backAt = nil }
  }

  func mark(_ name: String) -> Outcome {
    followWorld()
    let m = Mark(
      name: name, world: world.copy(), actor: actor, focus: focus, history: history,
      line: linesPlayed)
    let i = marks.firstIndex(where: { $0.name == name })
    if let i { marks[i] = m } else { marks.append(m) }
    return outcome(.marked(name, moved: i != nil, date: world.today, actor: actor))
  }

  func back(_ name: String) throws(Failure) -> Outcome {
    guard let m = marks.first(where: { $0.name == name }) else {
      throw Failure(.unknownMark(name, marks: markNames))
    }
    world = m.world.copy()
    followed = world
    history = m.history
    actor = m.actor
    focus = m.focus
    backAt = name
    return outcome(.backAt(name, date: world.today, actor: actor))
  }

  func listMarks() -> Outcome {
    // NB: the `.marks` line itself is not one of the lines played since a mark.
    let now = linesPlayed - 1
    return outcome(
      .marks(
        marks.map { m in
          MarkRow(
            name: m.name, date: m.world.today, ago: max(0, now - m.line),
            actor: m.actor.map { m.world.handle($0) })
        }))
  }

  func undo(_ n: Int) throws(Failure) -> Outcome {
    followWorld()
    guard history.undoable > 0 else { throw Failure(.nothingToUndo) }
    let can = history.undoable
    guard let r = history.undo(n, log: world.log) else {
      throw Failure(.undoTooFar(asked: n, can: can))
    }
    // SPEC §8: who acts stays (nobody, if that user no longer exists).
    let who = actor.map { world.handle($0) }
    let space = focus.map { world.space($0).name }
    replay(r.replay, from: r.source, on: r.base)
    actor = who.flatMap { world.userID($0) }
    focus = actor == nil ? nil : space.flatMap { world.spaceID($0) }
    return outcome(.undone(r.undone, date: world.today, actor: actor))
  }

  /// Rebuilds the world from a checkpoint by playing the steps after it again.
  /// `source` is the log the steps' entries are in.
  private func replay(_ steps: ArraySlice<UndoHistory.Step>, from source: Log, on base: World) {
    let saved = (actor, focus, keepsResults, journaling)
    keepsResults = false
    journaling = false
    world = base
    // NB: the world being replaced is let go before the replay, so it is not kept alongside.
    followed = world
    for s in steps {
      world.beginCommand()
      let entry = s.entry.map { source[$0] }
      switch s.kind {
      case .logged: break
      case .replayed(let who):
        // NB: the log holds the command as written (without `as <user>`); parsed again it is
        // the same command, and run by the same user it makes the same change.
        actor = who
        if let text = entry?.command, let command = try? parse(line: text[...]) {
          // SPEC §8 "who did it": replayed, an action is its actor's again.
          world.beginCommand(actor: command.spec.group == .action ? who : nil)
          _ = try? dispatch(command)
        }
      case .clock(let day): _ = world.advance(to: day)
      case .replaced:
        // NB: never among the steps replayed: a replacement is followed by a checkpoint, and
        // replay starts from the latest checkpoint at or before its target.
        break
      }
      guard let first = s.entry else { continue }
      for e in first..<(first + s.run) {
        // NB: through `appendLog`, so the timelines get the action and any refusal again.
        let entry = source[e]
        var refused: [Scope] = []
        if entry.outcome != "ok", let command = try? parse(line: entry.command[...]) {
          refused = refusedScopes(command)
        }
        world.appendLog(entry, by: entry.actor.flatMap { world.userID($0) }, refusedIn: refused)
      }
    }
    (actor, focus, keepsResults, journaling) = saved
    followed = world
  }

  /// The end of a forecast window of `scope`, or a usage error when it leaves the calendar (as
  /// `advance`), or `invalid` when it would renew too many plans (`checkForecastSize`).
  private func window(_ span: Duration, _ command: String, _ scope: Scope) throws(Failure) -> Day {
    let target = span.apply(to: world.today)
    guard target.isInRange, target.number - world.today.number <= 3_000_000 else {
      throw Failure(
        .usage, nil,
        "\(command) \(span.text) would leave the calendar (2000-01-01 to 9999-12-31); today is \(world.today)"
      )
    }
    try world.checkCalendarEnd(upTo: target, "\(command) \(span.text)")
    try world.checkForecastSize(scope, upTo: target, "\(command) \(span.text)")
    return target
  }

  func forecast(_ ref: ScopeRef, _ span: Duration) throws(Failure) -> Outcome {
    let scope = try world.resolve(ref)
    let target = try window(span, "forecast", scope)
    let f = world.copy().forecast(
      scope, to: target, invoicesFrom: world.invoices.count, shouldStop: stopRequested)
    return outcome(.forecast(scope, listing(f)))
  }

  func compare(_ ref: ScopeRef, _ span: Duration, _ command: Command, _ commandText: String)
    throws(Failure) -> Outcome
  {
    let scope = try world.resolve(ref)
    let target = try window(span, "compare", scope)
    let asIs = world.copy().forecast(
      scope, to: target, invoicesFrom: world.invoices.count, shouldStop: stopRequested)
    // The command runs as the acting user on a copy; the session's own world, actor and focus
    // are put back whatever it does.
    let saved = (world, actor, focus, journaling, keepsResults)
    let copy = world.copy()
    world = copy
    journaling = false
    keepsResults = false
    let outcome = run(command, text: commandText)
    (world, actor, focus, journaling, keepsResults) = saved
    if let f = outcome.failure { throw f }
    try copy.checkCalendarEnd(upTo: target, "compare \(span.text) after \(quoted(commandText))")
    let after = copy.forecast(
      scope, to: target, invoicesFrom: saved.0.invoices.count, shouldStop: stopRequested)
    // NB: listed in the order they are shown (as is, then after), each asking about Ctrl-C.
    let asIsListed = listing(asIs)
    return self.outcome(
      .compared(scope, command: commandText, asIs: asIsListed, after: listing(after)))
  }

  /// A forecast with how many of its events are listed (all, or those before Ctrl-C).
  func listing(_ f: Forecast) -> ForecastListing {
    ForecastListing(forecast: f, listed: listable(f.events.count))
  }
}

/// Paths compared (SPEC §8): alternatives of several steps, `advance` among them.
extension Session {
  static func isAdvance(_ c: Command) -> Bool {
    switch c {
    case .advance, .advanceTo: return true
    case .runAs(_, let inner, _): return isAdvance(inner)
    default: return false
    }
  }

  /// What one alternative comes to: the scope's invoices in the window and their total.
  struct Path {
    var text: String
    var world: World
    var invoices: [InvoiceID]
    var total: Int
  }

  /// Plays one alternative's steps on a copy from today, then the clock to `target`.
  func play(
    _ alt: Alternative, number: Int, of count: Int, scope: Scope, to target: Day
  ) throws(Failure) -> Path {
    let first = world.invoices.count
    let saved = (world, actor, focus, journaling, keepsResults)
    let copy = world.copy()
    world = copy
    journaling = false
    keepsResults = false
    defer { (world, actor, focus, journaling, keepsResults) = saved }
    var followed = copy.forecastPlans(scope)
    for (k, step) in alt.steps.enumerated() {
      let place =
        count > 1 ? "alternative \(number), step \(k + 1)" : "step \(k + 1)"
      func fail(_ f: Failure) -> Failure {
        Failure(f.code, f.rule, "\(place) (\(quoted(step.text))): \(f.message)")
      }
      if Session.isAdvance(step.command) {
        // SPEC §8: `advance` inside the window (today, today + span].
        let day: Day
        switch step.command {
        case .advance(let d), .runAs(_, .advance(let d), _): day = d.apply(to: copy.today)
        case .advanceTo(let d), .runAs(_, .advanceTo(let d), _): day = d
        default: day = copy.today
        }
        if day > target || day <= saved.0.today {
          throw fail(
            Failure(
              .invalid, nil,
              "advance goes to \(day), outside the window \(saved.0.today) to \(target) (after today, up to its end)"
            ))
        }
      }
      let o = run(step.command, text: step.text)
      if let f = o.failure { throw fail(f) }
      followed.formUnion(copy.forecastPlans(scope))
    }
    try copy.checkCalendarEnd(upTo: target, "compare to \(target) after \(quoted(alt.text))")
    let stored = copy.invoices.count
    let f = copy.forecast(scope, to: target, invoicesFrom: first, shouldStop: stopRequested)
    followed.formUnion(f.world.forecastPlans(scope))
    var ids: [InvoiceID] = []
    var total = 0
    if first < stored {
      for i in copy.invoices[first..<stored] where followed.contains(i.plan) {
        ids.append(i.id)
        total += i.amountCents
      }
    }
    // NB: the invoices the forecast itself issued are kept beside the world's list (a forecast
    // keeps only its scope's), numbered on from it.
    for id in f.invoices where id.index >= stored {
      ids.append(id)
      total += f.world.invoice(id).amountCents
    }
    return Path(text: alt.text, world: copy, invoices: ids, total: total)
  }

  func compare(_ ref: ScopeRef, _ span: Duration, _ alternatives: [Alternative])
    throws(Failure) -> Outcome
  {
    let scope = try world.resolve(ref)
    let target = try window(span, "compare", scope)
    let asIs = world.copy().forecast(
      scope, to: target, invoicesFrom: world.invoices.count, shouldStop: stopRequested)
    var paths: [Path] = []
    for (n, alt) in alternatives.enumerated() {
      paths.append(
        try play(alt, number: n + 1, of: alternatives.count, scope: scope, to: target))
    }
    return outcome(.comparedPaths(scope, asIs: listing(asIs), paths: paths))
  }
}
