/// Copies of the world, for marks, undo checkpoints, forecasts and comparisons (SPEC §8).
extension World {
  /// An independent world equal to this one.
  /// NB: every stored property is copied here (a test fails for one left out:
  /// `copyCopiesEveryStoredProperty`). The arrays and tables are values: the copy shares their storage until one
  /// side changes them, so copying costs nothing now and one copy of each changed table later.
  package func copy() -> World {
    let c = World(catalog: catalog)
    c.today = today
    c.users = users
    c.spaces = spaces
    c.teams = teams
    c.plans = plans
    c.invoices = invoices
    c.log = log
    c.handleSlots = handleSlots
    c.spacesByName = spacesByName
    c.teamsByName = teamsByName
    c.planOfScope = planOfScope
    c.trialsUsed = trialsUsed
    c.agenda = agenda
    c.invoicesOfPlan = invoicesOfPlan
    c.journal = journal
    c.sentThisCommand = sentThisCommand
    c.commandActor = commandActor
    c.forecastPlay = forecastPlay
    return c
  }

  /// Roughly how many entries a copy of the world has to duplicate once it is changed: people,
  /// invoices, plans and log entries (an undo checkpoint is taken when that many steps passed).
  package var copyWeight: Int { users.count + invoices.count + plans.count + log.count / 4 }
}
