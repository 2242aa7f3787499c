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

extension Session {
  /// A view's result as an outcome: its text view, and its JSON view when results are kept.
  func outcome(_ v: ViewResult) -> Outcome {
    ok(v.text(in: world), v.json(in: world))
  }
}
