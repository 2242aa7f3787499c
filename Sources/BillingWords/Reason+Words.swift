import BillingModel
import BillingSupport

// The words of a refusal (SPEC §4): each failure's facts, worded once, only when printed.

extension Reason {
  /// The failure in words: lowercase, user values quoted, what would work instead.
  package var message: Text {
    switch self {
    case .said(_, _, let text):
      return text
    case .forecastShowsTooMuch(let what, let shown, let target, let limit):
      return
        "\(what) would show about \(shown) renewals up to \(target); a forecast shows at most \(limit): choose a shorter span"
    case .forecastPlaysTooMuch(let what, let played, let renewing, let target, let limit):
      return
        "\(what) would play about \(played) renewals of the world's \(renewing) live plans up to \(target); a forecast plays at most \(limit): choose a shorter span"
    case .salesOnTrial(let plan):
      return "\(plan) is a trial: sales sells a plan for it with create plan, not sales"
    case .salesNothingToChange:
      return
        "sales needs something to change: --tier, --seats, --monthly|--annual, --pay or --unit-cents"
    case .salesDownToSalesTier(let tier):
      return
        "a move down to \(tier.name) waits for the renewal, where only list prices apply: sales sells \(tier.name) with create plan once this plan ends"
    case .salesPriceAtRenewal(let tier):
      return
        "--unit-cents goes with a tier that starts now; \(tier.name) starts at renewal at its list price"
    case .periodPastCalendarEnd(let cycle, let since, let start):
      return
        "a \(cycle.rawValue) plan bought \(since) would be in a period from \(start) that runs past \(Day.latest), the calendar's end; a period must end by then"
    case .newPlanPastCalendarEnd(let cycle, let start, let last):
      return
        "a \(cycle.rawValue) plan starting \(start) would run past \(Day.latest), the calendar's end; the last day one can start is \(last)"
    case .trialPastCalendarEnd(let days, let start, let last):
      return
        "a \(days)-day trial starting \(start) would run past \(Day.latest), the calendar's end; the last day one can start is \(last)"
    case .renewalPastCalendarEnd(let command, let plan, let day, let last):
      return
        "\(command) would renew \(plan) on \(day) into a period ending after \(Day.latest), the calendar's end; the clock can go at most to \(last)"
    case .unknownUser(let h, let near):
      return "unknown user \(quoted(h))\(didYouMean(near))"
    case .missingPlace(let command, let orWorkspace):
      return "\(command) needs --org <Org>\(orWorkspace ? " or --workspace <Name>" : "")"
    case .unknownMark(let name, let marks):
      return marks.isEmpty
        ? "no mark \(quoted(name)): there are no marks (make one with .mark <name>)"
        : "no mark \(quoted(name)) (marks: \(marks.joined(separator: ", ")))"
    case .nothingToUndo:
      return "nothing to undo: no command has changed the world in this session's history"
    case .undoTooFar(let asked, let can):
      return "cannot undo \(asked) commands: \(can) can be undone; nothing was undone"
    case .wrongSpaceKind(let name, let kind, let wanted, let use):
      return "\(quoted(name)) is \(kind.article), not \(wanted.article): use \(use)"
    case .unknownSpace(let kind, let name, let near):
      return "unknown \(kind.rawValue) \(quoted(name))\(didYouMean(near))"
    case .noSuchTeamInOrg(let name, let org, let near):
      return "org \(quoted(org)) has no team \(quoted(name))\(didYouMean(near))"
    case .unknownTeam(let name, let near):
      return "unknown team \(quoted(name))\(didYouMean(near))"
    case .ambiguousTeam(let name, let orgs):
      return
        "team \(quoted(name)) is in \(orgs.map { "org " + quoted($0) }.joined(separator: " and ")): add --org <Org>"
    case .unknownInvoice(let text, let issued):
      let last =
        issued == 0
        ? "there are no invoices yet"
        : "invoices run from INV-0001 to \(InvoiceID(index: issued - 1))"
      return "unknown invoice \(quoted(text)): \(last)"
    case .unknownPlan(let text, let made):
      let last =
        made == 0 ? "there are no plans yet" : "plans run from P1 to \(PlanID(index: made - 1))"
      return "unknown plan \(quoted(text)): \(last)"
    case .noActor(let what):
      return
        "nobody is logged in: \(what) needs an acting user; use login <user> or as <user> \(what) ..."

    case .badHandle(let h):
      return
        "\(quoted(h)) is not a valid handle: use 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit"
    case .badName(let n, let kind):
      return
        "\(quoted(n)) is not a valid \(kind.field): use 1 to 100 characters, without control characters"
    case .userExists(let h):
      return "user \(quoted(h)) already exists"
    case .spaceExists(let space):
      return "\(space) already exists: space names are unique across organizations and workspaces"
    case .workspaceNamedAsOrg(let space, let team):
      return
        "\(space) is a workspace and workspaces have no teams: create team \(quoted(team)) in an organization"
    case .workspaceHasNoTeams(let space, let team):
      return
        "workspaces have no teams: \(space) cannot hold team \(quoted(team)); create it in an organization"
    case .teamExists(let team, let space):
      return "\(space) already has a team \(quoted(team))"
    case .workspaceHasNoGuests(let space):
      return "workspaces have no guests: everyone in \(space) is a member"
    case .guestAndAdmin:
      return "a guest cannot be an admin: add them as a member with --admin"
    case .namedTwice(let h):
      return "\(quoted(h)) is named twice"
    case .alreadyInSpace(let h, let space, let m, let askedGuest):
      let role = m.guest ? "a guest" : (m.admin ? "an admin" : "a member")
      let hint = m.guest || m.admin ? "" : (askedGuest ? ": members do not become guests" : "")
      return "\(quoted(h)) is already \(role) of \(space)\(hint)"
    case .teamNeedsOrgMember(let h, let org, let orgName):
      return
        "\(quoted(h)) is not in \(org): add them to the organization first (add \(quoted(h)) --org \(quoted(orgName)))"
    case .alreadyInTeam(let h, let team):
      return "\(quoted(h)) is already in team \(quoted(team))"
    case .notInSpaceToRemove(let h, let space):
      return "\(quoted(h)) is not in \(space)"
    case .ownerCannotLeave(let h, let plan, let space):
      return
        "\(quoted(h)) is the billing owner of \(plan) and cannot leave \(space): transfer billing ownership first"
    case .notInTeamToRemove(let h, let team):
      return "\(quoted(h)) is not in team \(quoted(team))"
    case .teamPlansBlockOrgPlan(let space, let teamPlan):
      return
        "\(space) has team plans (\(teamPlan)): an organization plan would cover those teams; an admin can upgrade the organization, which absorbs them"
    case .noListPrice(let tier):
      return "an \(tier.name) plan has no list price: give --unit-cents <n>"
    case .negativeUnitCents:
      return "--unit-cents must not be negative"
    case .coveredByOrgPlan(let team, let plan):
      return
        "team \(quoted(team)) is covered by \(plan): a team of a paid organization has no plan of its own"
    case .alreadyHasPlan(let scope, let plan):
      return "\(scope) already has \(plan): change it with edit"

    case .notASize(let seats, let near):
      let hint =
        near.count == 2
        ? "the nearest sizes are \(near[0]) and \(near[1])"
        : "the smallest size is \(near.first ?? 2)"
      return
        "\(seats) seat\(seats == 1 ? "" : "s") is not a plan size (\(seats == 1 ? "there is no 1-seat paid plan; " : "")\(hint))"
    case .seatsDoNotCover(let seats, let need, let scope, _, let smallest):
      return
        "\(seats) seats do not cover the \(need) billable members of \(scope); the smallest size that does is \(smallest)"
    case .pastSelfServeLimit(let n, let limit):
      return
        "\(n) seats is past the self-serve limit of \(limit) seats: plans that large go through sales"
    case .tooManySeats(let n):
      return
        "\(n) seats is more than billsh models: a plan has at most \(Money.maxSeats) seats"
    case .unitCentsTooHigh(let n, let cycle):
      return
        "\(n) cents per seat is more than billsh models: a price per seat is at most \(Money.maxUnitCents(cycle)) cents (\(Money.format(Money.maxUnitCents(cycle)))) a \(cycle.unitWord)"
    case .creditsTooLarge(let space):
      let what = "the credits for the team plans of \(space.text)"
      return
        "\(what) would pass \(Money.format(Money.maxTotal)), the largest sum billsh computes"
    case .basicIsNotAPlan:
      return "basic is the free tier, not a paid plan: to go back to Basic, cancel the plan"
    case .salesOnlyTier(let tier):
      return "\(tier.name) is bought through sales; self-serve tiers are starter and advanced"
    case .ownerNotInSpace(let h, let space, let rule):
      return "\(quoted(h)) is not in \(space): \(ownerRole(rule)) must be a member of it"
    case .ownerIsGuest(let h, let space, let rule):
      return
        "\(quoted(h)) is a guest of \(space): \(ownerRole(rule)) must be a member, not a guest"

    case .notInSpace(let a, let space, let verb, let ask):
      return
        "\(quoted(a)) is not in \(space): only its members can \(verb.words) there, such as \(ask.words)"
    case .guestOfSpace(let a, let space, let verb, let ask):
      return
        "\(quoted(a)) is a guest of \(space): guests cannot \(verb.words); ask a member such as \(ask.words)"
    case .guestOfTeamOrg(let a, let org, let verb, let team, let admins):
      return
        "\(quoted(a)) is a guest of \(org): guests cannot \(verb.words) for team \(quoted(team)); ask one of its members or an admin (\(admins.words))"
    case .neitherInTeamNorAdmin(let a, let team, let org, let admins):
      return
        "\(quoted(a)) is neither in team \(quoted(team)) nor an admin of \(org): ask one of its members or an admin (\(admins.words))"
    case .onlyAdminsAbsorbTeamPlans(let space, let teamPlans, let admins):
      return
        "\(space) has team plans (\(listed(teamPlans, "and"))): only its admins (\(admins.list)) can upgrade the whole organization"
    case .invoicePaymentNotOffered(let cycle, let seats):
      return
        "invoice payment is offered only for annual plans of 20 or more seats (this is \(cycle.rawValue), \(seats) seats): pay by card or paypal"
    case .severalTeams(let names):
      return
        "upgrading several teams at once (\(listed(names.map { "team " + quoted($0) }, "and"))) goes through sales; or upgrade one team at a time, or the whole organization"
    case .alreadyOnTrial(let space, let plan, let until):
      return "\(space) is already on trial \(plan) until \(until)"
    case .teamPlansBlockTrial(let space, let teamPlan):
      return
        "\(space) has team plans (\(teamPlan)): it cannot start a trial; an admin can upgrade it instead"
    case .trialUsed(let space):
      return "\(space) has already had its trial: a scope gets one trial; upgrade instead"
    case .trialTier(let tier):
      return "trials are of starter or advanced, not \(tier.name)"

    case .onBasic(let scope, let what):
      return
        "\(scope) is on Basic, which has no billing tab: nobody can \(what.words) there; upgrade it first"
    case .endedPlanOwnerOnly(let id, let owner, let what):
      return "\(id) has ended; only its last billing owner, \(quoted(owner)), can \(what.words)"
    case .billingOwnerOnly(let plan, let owner, let what, let admin):
      let adminNote = admin ? " (being an admin is not enough)" : ""
      return
        "only the billing owner of \(plan), \(quoted(owner)), can \(what.words)\(adminNote); ask \(quoted(owner)) or have them transfer billing ownership"
    case .paidByInvoice(let plan, let what):
      return "\(plan) is paid by invoice: to \(what.words), contact sales from the billing tab"
    case .trialNotEditable(let plan):
      return "\(plan) is a trial: upgrade it to choose tier, cycle and seats"
    case .salesOnlyPlan(let plan):
      return
        "\(plan) was bought through sales and changes only through sales: contact sales from the billing tab"
    case .cancelingNotEditable(let plan, let ends):
      return "\(plan) is canceling on \(ends): resume it first"
    case .nothingToChange(let plan, let tier, let cycle, let seats, let scheduled, let renewal):
      let later = scheduled.map { "; \($0.words) is scheduled for \(renewal)" } ?? ""
      return
        "nothing to change: \(plan) is already \(tier.name), \(cycle.rawValue), \(seats) seats\(later)"
    case .alreadyCanceling(let plan, let ends):
      return "\(plan) is already canceling: it ends on \(ends); resume keeps it"
    case .nothingToResume(let plan, let status):
      return "\(plan) is \(status.rawValue), not canceling: nothing to resume"
    case .alreadyOwner(let h, let plan):
      return "\(quoted(h)) already owns \(plan): transfer to another member"
    case .trialHasNoPayment(let plan):
      return "\(plan) is a trial and has no payment method: choose one when upgrading"
    case .invoiceNotAMethod:
      return
        "the payment method switches between card and paypal only; invoice payment is arranged with sales for annual plans of 20 or more seats"
    case .samePayment(let plan, let method):
      return "\(plan) is already paid by \(method.rawValue)"
    case .badAddress:
      return "the billing address must be 1 to 500 characters, without control characters"
    case .controlCharacter(let kind, let shown, let scalar):
      return
        "the \(kind.field) \"\(shown)\" holds a control character (U+\(hex4(scalar))): names and addresses are shown to people, so they cannot hold control characters"
    case .trialHasNoSeats(let plan):
      return "\(plan) is a trial and has no seats"
    case .planCannotMove(let id, let from, let to, let sameSpace):
      let place =
        sameSpace
        ? "a plan stays on the scope it was bought for"
        : "a plan cannot move to another workspace or organization"
      return "\(place): cancel \(id) on \(from.text), then upgrade \(to.text)"
    case .teamBillingTab(let plan, let team, let owner):
      return
        "the billing tab of \(plan) is in team \(quoted(team))'s settings and only its billing owner, \(quoted(owner)), may open it; the admin console never shows a team plan"
    case .spaceBillingTab(let plan, let space, let admins):
      return
        "the billing tab of \(plan) is in the admin console of \(space): only its admins (\(admins.list)) may open it"
    case .notInSpaceToView(let a, let space):
      return "\(quoted(a)) is not in \(space): only people in it may view its plans"

    case .adminMustBeMember(let h, let space):
      return "\(quoted(h)) is not in \(space): only its members can be admins"
    case .guestCannotBeAdmin(let h, let space):
      return "\(quoted(h)) is a guest of \(space): guests cannot be admins"
    case .alreadyAdmin(let h, let space):
      return "\(quoted(h)) is already an admin of \(space)"
    case .notAdmin(let h, let space):
      return "\(quoted(h)) is not an admin of \(space)"
    case .ownerStaysAdmin(let h, let plan):
      return
        "\(quoted(h)) is the billing owner of \(plan) and stays an admin while they own it: transfer billing ownership first"
    case .adminsOnly(let a, let space, let admins):
      return
        "\(quoted(a)) is not an admin of \(space): only its admins (\(admins.list)) appoint and revoke admins"
    case .clockFixed(let today, let first, let asked):
      return
        "the clock cannot be set to \(asked): \(first) exists, and once a plan exists time only moves forward; today is \(today): use advance to <YYYY-MM-DD> or advance <n>d"
    case .dateBeforeToday(let day, let today):
      return
        "\(day) is before today (\(today)): the clock only moves forward; to return to an earlier point, go back to a mark with .back <name>"
    case .sinceAfterToday(let day, let today):
      return
        "--since \(day) is after today (\(today)): a plan is bought today or earlier; advance to \(day) first, or give a date on or before \(today)"
    case .unknownRule(let id, let near):
      return
        "no rule \(quoted(id))\(didYouMean(near, quote: { $0 })); rules are R1 to R22 and P1 to P8 (rules lists them)"
    }
  }
}

/// R11 names the billing owner of a plan being bought; R15 the new owner of a transfer.
private func ownerRole(_ rule: Rule) -> String {
  rule == .r15 ? "a new billing owner" : "the billing owner"
}

extension Attempt {
  package var words: String {
    switch self {
    case .upgrade: "upgrade"
    case .startTrial: "start a trial"
    case .changePlan: "change the plan"
    case .cancel: "cancel"
    case .cancelPlan: "cancel the plan"
    case .resumePlan: "resume the plan"
    case .transferOwnership: "transfer billing ownership"
    case .changePayment: "change the payment method"
    case .updateBillingInfo: "update billing info"
    case .viewSeatUsage: "view seat usage"
    case .listInvoices: "list invoices"
    case .download(let id): "download \(id)"
    case .moveAPlan: "move a plan"
    case .movePlan: "move the plan"
    case .openBillingTab: "open the billing tab"
    }
  }
}

extension SomePeople {
  /// "ann, bob and 3 more", or "nobody yet (add a member first)".
  package var words: String {
    if handles.isEmpty { return "nobody yet (add a member first)" }
    var names = handles.map { quoted($0) }
    if more > 0 { names.append("\(more) more") }
    return listed(names, "and")
  }
}

extension SpaceKind {
  /// "an org", "a workspace".
  package var article: String { self == .org ? "an org" : "a workspace" }
}

/// A code point as four (or more) upper-case hex digits: `001B`.
private func hex4(_ value: UInt32) -> String {
  let digits = String(value, radix: 16, uppercase: true)
  return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
}
