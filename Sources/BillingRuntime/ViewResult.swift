import BillingLanguage
import BillingModel

/// What a view command found, as one value: ids, facts and rows, no words. Its text and its JSON
/// are two views of it, each written once (`ViewResult+Text.swift`, `ViewResult+JSON.swift`);
/// a third view (another language) is one more function, not a new case in every command.
/// NB: the session builds the JSON view only when it keeps results (`keepsResults`), so text
/// playback pays for the text alone.
enum ViewResult {
  /// `whoami`: who acts (nil: nobody) and their roles in each space.
  case whoami(UserID?, [Roles])
  /// `clock`, and `clock <date>` after it set the date: today, with no events.
  case clock(Day)
  /// `quote`: a price for a scope.
  case quote(Quote, for: Scope)
  /// `inbox`: a user (as the command named them) and their messages.
  case inbox(String, [Message])
  /// `.history`: the lines performed, oldest first.
  case history([String])
  // The support person's views.
  /// `features <user>`: what each scope the user is in gives them, and the plan behind it.
  case features(UserID, [Access])
  /// `log`: its entries, oldest first.
  case log(Log)
  /// `.marks`: the marks, oldest first.
  case marks([MarkRow])
  /// `rules`: every rule, one line each.
  case rules
  /// `rules <id>` (also `.help <id>`): one rule in full; with `--lang id`, in Indonesian too.
  case rule(Rule, Language)
  /// `show`: the world at a glance, and who acts (nil: nobody).
  case shownWorld(acting: UserID?)
  /// `show <scope>`: the plan in effect, its next invoice and last action, people, teams and
  /// invoices.
  case shownScope(ScopeGlance)
  /// `show <user>`: their spaces, teams, the plans they own and their inbox's size.
  case shownUser(UserGlance)
  /// `show <plan-id>`: the plan, its invoices and its journal's entries.
  case shownPlan(PlanID, invoices: [InvoiceID], events: [TimelineEntry])
  /// `show <invoice-id>`: the invoice and its lines (one unitemized line for an invoice loaded
  /// from a save made before invoices kept their lines).
  case shownInvoice(InvoiceID, lines: [InvoiceLine])
  /// `timeline <scope>`: the journal's entries, oldest first.
  case timeline([TimelineEntry], of: Scope)
  /// `timeline <plan-id>`: the journal's entries about one plan, oldest first.
  case planTimeline([TimelineEntry], of: PlanID)
  /// `timeline <user>`: their actions (log entries) and messages, in the journal's order.
  case userTimeline(UserID, [Deed])
  // The what-if views and the customer's explanation.
  /// `advance`, `advance to`: the day reached and the events on the way.
  case advanced(Day, EventListing)
  /// `forecast`: a scope (as the session's world names it) and its forecast.
  case forecast(Scope, ForecastListing)
  /// `compare … --with <command>` of one command: as is, and after the command (as written).
  case compared(Scope, command: String, asIs: ForecastListing, after: ForecastListing)
  /// `compare` of alternatives: as is, and each alternative's path (the first is `after`).
  case comparedPaths(Scope, asIs: ForecastListing, paths: [Session.Path])
  /// `explain <invoice>`: an invoice, in the customer's language.
  case invoiceExplained(InvoiceID, Language)
  /// `explain last`: the last refusal (nil: none yet), in the customer's language.
  case refusalExplained(Refused?, Language)
  /// `can`: the user as the command named them, and what refused the action (nil: allowed).
  case can(String, refusal: Failure?)
  // The shell's commands.
  /// `login`: who acts now, and the user as the command named them.
  case loggedIn(UserID, as: String)
  /// `logout`: who acted (nil: nobody was acting).
  case loggedOut(UserID?)
  /// `.pager`, with or without `on`/`off`: whether the pager is on now.
  case pager(Bool)
  /// `.mark`: the mark's name, whether it replaced one of that name, the day and who acts.
  case marked(String, moved: Bool, date: Day, actor: UserID?)
  /// `.back`: the mark gone back to, its day and who acts in it.
  case backAt(String, date: Day, actor: UserID?)
  /// `.undo`: the lines undone, newest first, then the day and who acts.
  case undone([String], date: Day, actor: UserID?)
  /// `.save`: the file written.
  case saved(path: String)
  /// `.load` (the file as named and as read) and `.demo` (nil): the world's size and date are
  /// read from the world loaded.
  case loaded(file: (given: String, path: String)?)
  /// `.reset`: the empty world's date.
  case reset(Day)
  /// `move`: nothing to show.
  case moved
  /// `.read`: the file read, how many of its lines did not meet their expectation, and whether
  /// Ctrl-C stopped it.
  case read(path: String, unmet: Int, interrupted: Bool)
  /// `.record <file>`: the file recorded to, and how many earlier commands went into it.
  case recording(path: String, earlier: Int)
  /// `.record` alone: the recording it stopped (nil: none was running).
  case recordingStopped(path: String?)
  /// `.help` (nil: every command) and `.help <command>`.
  case help(CommandSpec?)
  /// `.quit`: the session ends.
  case bye
}

/// What `show <scope>` found (SPEC §8 "one glance").
struct ScopeGlance {
  var scope: Scope
  /// The plan in effect: the scope's own, or the organization's that covers a team.
  var covering: PlanID?
  /// The organization's plan, when it covers a team that has none of its own.
  var coveredBy: PlanID?
  /// Billable members of the scope itself.
  var billable: Int
  /// The plan's seats, the billable members of its scope and whether it is over its size (P5);
  /// nil on Basic and for a trial.
  var usage: (seats: Int, used: Int, over: Bool)?
  /// The invoice its renewal would issue.
  var next: (date: Day, cents: Int)?
  /// The last billing action on the plan: the command's word, its date and who acted.
  var last: (date: Day, command: String, actor: UserID?)?
  /// Each person in join order, with their roles and whether they are billable.
  var people: [(user: UserID, roles: [String], billable: Bool)]
  /// An organization's teams, each with its own plan or the organization's that covers it.
  var teams: [(team: TeamID, plan: PlanID?, coveredBy: PlanID?)]
  /// The invoices of the plan in effect.
  var invoices: [InvoiceID]
}

/// What `show <user>` found.
struct UserGlance {
  var user: UserID
  var acting: Bool
  /// Their roles in each space, with the plans they own there.
  var spaces: [(roles: Roles, plans: [PlanID])]
  /// Their teams, each with the plan that covers it.
  var teams: [(team: TeamID, plan: PlanID?)]
  var owned: [PlanID]
  var messages: Int
}

/// One mark as `.marks` lists it: its name, the day and who acted in its world, and how many
/// commands ago it was made.
struct MarkRow: Equatable {
  var name: String
  var date: Day
  var ago: Int
  /// The handle of who acted (nil: nobody), read in the mark's own world.
  var actor: String?
}

/// Events found by `advance`, and how many of them are listed: the listing stops at Ctrl-C
/// (`Session.listable`), the rest are counted, not listed.
struct EventListing {
  var events: [Event]
  var listed: Int
  /// Ctrl-C stopped the clock before the target day.
  var stopped: Bool
}

/// A forecast, and how many of its events are listed (as `EventListing`).
struct ForecastListing {
  var forecast: Forecast
  var listed: Int
}

/// What `explain last` tells of a refusal: where it was tried and what refused it, no words.
struct Refused {
  /// The scope the refused command named, when it names one that still exists.
  var scope: Scope?
  var code: ErrorCode
  var rule: Rule?
}

extension Session {
  /// A view's result as an outcome: its text view, and its JSON view when results are kept.
  func outcome(_ v: ViewResult) -> Outcome {
    ok(v.text(in: world), v.json(in: world))
  }

  /// `.quit`'s outcome: its view, and the shell stops.
  func quitting() -> Outcome {
    let v = ViewResult.bye
    return Outcome(
      okText: v.text(in: world), result: keepsResults ? v.json(in: world) : .null, failure: nil,
      quit: true)
  }
}
