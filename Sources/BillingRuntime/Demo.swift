/// The bundled demo world (`billsh --demo`); `Scripts/demo.bill` holds the same lines.
package enum Demo {
  package static let script = """
    # billsh demo world: Acme (an organization) with a paid team, and a paid workspace.
    create org Acme
    add ann --org Acme --admin
    add bob carl dana erin --org Acme
    add gus --org Acme --guest
    create team Design --org Acme
    create team Platform --org Acme
    add carl dana gus --team Design
    add bob erin ann --team Platform
    create workspace "Side Project"
    add fay hal --workspace "Side Project"
    # carl buys Starter for Design, monthly: 2 billable members (gus is a guest).
    as carl upgrade team Design --tier starter --monthly
    # fay buys Advanced for the workspace, annual, and is its billing owner.
    as fay upgrade workspace "Side Project" --tier advanced --address "12 Harbour Road, Portsmouth"
    login ann

    """

  /// Plays the demo script into a session (its output is not shown).
  package static func load(into session: Session) {
    let sink = session.sink
    session.sink = { _ in }
    for line in ScriptReader.lines(of: Array(script.utf8)) where line.failure == nil {
      session.perform(line.text)
    }
    session.sink = sink
  }
}
