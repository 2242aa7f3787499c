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
}
