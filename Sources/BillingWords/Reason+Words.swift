import BillingModel
import BillingSupport

// The words of a refusal (SPEC §4): each failure's facts, worded once, only when printed.

extension Reason {
  /// The failure in words: lowercase, user values quoted, what would work instead.
  package var message: Text {
    var t = Text(capacity: 128)
    appendMessage(to: &t)
    return t
  }

  /// Appends `message` to `t`.
  /// NB: the refusals most played (scripts retry what their people may not do) are written
  /// piece by piece into `t`, with no Text made for the message and copied in; the others
  /// are built by interpolation and appended.
  package func appendMessage(to t: inout Text) {
    switch self {
    case .said(_, _, let text):
      t += text
    case .forecastShowsTooMuch(let what, let shown, let target, let limit):
      t +=
        "\(what) would show about \(shown) renewals up to \(target); a forecast shows at most \(limit): choose a shorter span"
    case .forecastPlaysTooMuch(let what, let played, let renewing, let target, let limit):
      t +=
        "\(what) would play about \(played) renewals of the world's \(renewing) live plans up to \(target); a forecast plays at most \(limit): choose a shorter span"
    case .salesOnTrial(let plan):
      t += "\(plan) is a trial: sales sells a plan for it with create plan, not sales"
    case .salesNothingToChange:
      t +=
        "sales needs something to change: --tier, --seats, --monthly|--annual, --pay or --unit-cents"
    case .salesDownToSalesTier(let tier):
      t +=
        "a move down to \(tier.name) waits for the renewal, where only list prices apply: sales sells \(tier.name) with create plan once this plan ends"
    case .salesPriceAtRenewal(let tier):
      t +=
        "--unit-cents goes with a tier that starts now; \(tier.name) starts at renewal at its list price"
    case .periodPastCalendarEnd(let cycle, let since, let start):
      t +=
        "a \(cycle.rawValue) plan bought \(since) would be in a period from \(start) that runs past \(Day.latest), the calendar's end; a period must end by then"
    case .newPlanPastCalendarEnd(let cycle, let start, let last):
      t +=
        "a \(cycle.rawValue) plan starting \(start) would run past \(Day.latest), the calendar's end; the last day one can start is \(last)"
    case .trialPastCalendarEnd(let days, let start, let last):
      t +=
        "a \(days)-day trial starting \(start) would run past \(Day.latest), the calendar's end; the last day one can start is \(last)"
    case .renewalPastCalendarEnd(let command, let plan, let day, let last):
      t +=
        "\(command) would renew \(plan) on \(day) into a period ending after \(Day.latest), the calendar's end; the clock can go at most to \(last)"
    case .unknownUser(let h, let near):
      t += "unknown user \(quoted: h)\(didYouMean(near))"
    case .missingPlace(let command, let orWorkspace):
      t += "\(command) needs --org <Org>\(orWorkspace ? " or --workspace <Name>" : "")"
    case .unknownMark(let name, let marks):
      t +=
        marks.isEmpty
        ? "no mark \(quoted: name): there are no marks (make one with .mark <name>)"
        : "no mark \(quoted: name) (marks: \(marks.joined(separator: ", ")))"
    case .nothingToUndo:
      t += "nothing to undo: no command has changed the world in this session's history"
    case .undoTooFar(let asked, let can):
      t += "cannot undo \(asked) commands: \(can) can be undone; nothing was undone"
    case .wrongSpaceKind(let name, let kind, let wanted, let use):
      t += "\(quoted: name) is \(kind.article), not \(wanted.article): use \(use)"
    case .unknownSpace(let kind, let name, let near):
      t += "unknown \(kind.rawValue) \(quoted: name)\(didYouMean(near))"
    case .noSuchTeamInOrg(let name, let org, let near):
      t += "org \(quoted: org) has no team \(quoted: name)\(didYouMean(near))"
    case .unknownTeam(let name, let near):
      t += "unknown team \(quoted: name)\(didYouMean(near))"
    case .ambiguousTeam(let name, let orgs):
      t +=
        "team \(quoted: name) is in \(orgs.map { "org " + quoted($0) }.joined(separator: " and ")): add --org <Org>"
    case .unknownInvoice(let text, let issued):
      let last =
        issued == 0
        ? "there are no invoices yet"
        : "invoices run from INV-0001 to \(InvoiceID(index: issued - 1))"
      t += "unknown invoice \(quoted: text): \(last)"
    case .unknownPlan(let text, let made):
      let last =
        made == 0 ? "there are no plans yet" : "plans run from P1 to \(PlanID(index: made - 1))"
      t += "unknown plan \(quoted: text): \(last)"
    case .noActor(let what):
      t +=
        "nobody is logged in: \(what) needs an acting user; use login <user> or as <user> \(what) ..."

    case .badHandle(let h):
      t +=
        "\(quoted: h) is not a valid handle: use 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit"
    case .badName(let n, let kind):
      t +=
        "\(quoted: n) is not a valid \(kind.field): use 1 to 100 characters, without control characters"
    case .userExists(let h):
      t += "user \(quoted: h) already exists"
    case .spaceExists(let space):
      t += "\(space) already exists: space names are unique across organizations and workspaces"
    case .workspaceNamedAsOrg(let space, let team):
      t +=
        "\(space) is a workspace and workspaces have no teams: create team \(quoted: team) in an organization"
    case .workspaceHasNoTeams(let space, let team):
      t +=
        "workspaces have no teams: \(space) cannot hold team \(quoted: team); create it in an organization"
    case .teamExists(let team, let space):
      t += "\(space) already has a team \(quoted: team)"
    case .workspaceHasNoGuests(let space):
      t += "workspaces have no guests: everyone in \(space) is a member"
    case .guestAndAdmin:
      t += "a guest cannot be an admin: add them as a member with --admin"
    case .namedTwice(let h):
      t += "\(quoted: h) is named twice"
    case .alreadyInSpace(let h, let space, let m, let askedGuest):
      let role = m.guest ? "a guest" : (m.admin ? "an admin" : "a member")
      let hint = m.guest || m.admin ? "" : (askedGuest ? ": members do not become guests" : "")
      t += "\(quoted: h) is already \(role) of \(space)\(hint)"
    case .teamNeedsOrgMember(let h, let org, let orgName):
      t +=
        "\(quoted: h) is not in \(org): add them to the organization first (add \(quoted: h) --org \(quoted: orgName))"
    case .alreadyInTeam(let h, let team):
      t += "\(quoted: h) is already in team \(quoted: team)"
    case .notInSpaceToRemove(let h, let space):
      t += "\(quoted: h) is not in \(space)"
    case .ownerCannotLeave(let h, let plan, let space):
      t +=
        "\(quoted: h) is the billing owner of \(plan) and cannot leave \(space): transfer billing ownership first"
    case .notInTeamToRemove(let h, let team):
      t += "\(quoted: h) is not in team \(quoted: team)"
    case .teamPlansBlockOrgPlan(let space, let teamPlan):
      t +=
        "\(space) has team plans (\(teamPlan)): an organization plan would cover those teams; an admin can upgrade the organization, which absorbs them"
    case .noListPrice(let tier):
      t += "an \(tier.name) plan has no list price: give --unit-cents <n>"
    case .negativeUnitCents:
      t += "--unit-cents must not be negative"
    case .coveredByOrgPlan(let team, let plan):
      t +=
        "team \(quoted: team) is covered by \(plan): a team of a paid organization has no plan of its own"
    case .alreadyHasPlan(let scope, let plan):
      t.append(scope)
      t.append(" already has " as StaticString)
      t.append(plan)
      t.append(": change it with edit" as StaticString)

    case .notASize(let seats, let near):
      let hint =
        near.count == 2
        ? "the nearest sizes are \(near[0]) and \(near[1])"
        : "the smallest size is \(near.first ?? 2)"
      t +=
        "\(seats) seat\(seats == 1 ? "" : "s") is not a plan size (\(seats == 1 ? "there is no 1-seat paid plan; " : "")\(hint))"
    case .seatsDoNotCover(let seats, let need, let scope, _, let smallest):
      t +=
        "\(seats) seats do not cover the \(need) billable members of \(scope); the smallest size that does is \(smallest)"
    case .pastSelfServeLimit(let n, let limit):
      t +=
        "\(n) seats is past the self-serve limit of \(limit) seats: plans that large go through sales"
    case .tooManySeats(let n):
      t +=
        "\(n) seats is more than billsh models: a plan has at most \(Money.maxSeats) seats"
    case .unitCentsTooHigh(let n, let cycle):
      t +=
        "\(n) cents per seat is more than billsh models: a price per seat is at most \(Money.maxUnitCents(cycle)) cents (\(Money.format(Money.maxUnitCents(cycle)))) a \(cycle.unitWord)"
    case .creditsTooLarge(let space):
      let what = "the credits for the team plans of \(space.text)"
      t +=
        "\(what) would pass \(Money.format(Money.maxTotal)), the largest sum billsh computes"
    case .basicIsNotAPlan:
      t += "basic is the free tier, not a paid plan: to go back to Basic, cancel the plan"
    case .salesOnlyTier(let tier):
      t += "\(tier.name) is bought through sales; self-serve tiers are starter and advanced"
    case .ownerNotInSpace(let h, let space, let rule):
      t += "\(quoted: h) is not in \(space): \(ownerRole(rule)) must be a member of it"
    case .ownerIsGuest(let h, let space, let rule):
      t +=
        "\(quoted: h) is a guest of \(space): \(ownerRole(rule)) must be a member, not a guest"

    case .notInSpace(let a, let space, let verb, let ask):
      t +=
        "\(quoted: a) is not in \(space): only its members can \(verb.words) there, such as \(ask.words)"
    case .guestOfSpace(let a, let space, let verb, let ask):
      t +=
        "\(quoted: a) is a guest of \(space): guests cannot \(verb.words); ask a member such as \(ask.words)"
    case .guestOfTeamOrg(let a, let org, let verb, let team, let admins):
      t +=
        "\(quoted: a) is a guest of \(org): guests cannot \(verb.words) for team \(quoted: team); ask one of its members or an admin (\(admins.words))"
    case .neitherInTeamNorAdmin(let a, let team, let org, let admins):
      t.append(quoted: a)
      t.append(" is neither in team " as StaticString)
      t.append(quoted: team)
      t.append(" nor an admin of " as StaticString)
      t.append(org)
      t.append(": ask one of its members or an admin (" as StaticString)
      t.append(words: admins)
      t.append(")" as StaticString)
    case .onlyAdminsAbsorbTeamPlans(let space, let teamPlans, let admins):
      t +=
        "\(space) has team plans (\(listed(teamPlans, "and"))): only its admins (\(admins.list)) can upgrade the whole organization"
    case .invoicePaymentNotOffered(let cycle, let seats):
      t +=
        "invoice payment is offered only for annual plans of 20 or more seats (this is \(cycle.rawValue), \(seats) seats): pay by card or paypal"
    case .severalTeams(let names):
      t +=
        "upgrading several teams at once (\(listed(names.map { "team " + quoted($0) }, "and"))) goes through sales; or upgrade one team at a time, or the whole organization"
    case .alreadyOnTrial(let space, let plan, let until):
      t += "\(space) is already on trial \(plan) until \(until)"
    case .teamPlansBlockTrial(let space, let teamPlan):
      t +=
        "\(space) has team plans (\(teamPlan)): it cannot start a trial; an admin can upgrade it instead"
    case .trialUsed(let space):
      t += "\(space) has already had its trial: a scope gets one trial; upgrade instead"
    case .trialTier(let tier):
      t += "trials are of starter or advanced, not \(tier.name)"

    case .onBasic(let scope, let what):
      t.append(scope)
      t.append(" is on Basic, which has no billing tab: nobody can " as StaticString)
      t.append(what.words)
      t.append(" there; upgrade it first" as StaticString)
    case .endedPlanOwnerOnly(let id, let owner, let what):
      t += "\(id) has ended; only its last billing owner, \(quoted: owner), can \(what.words)"
    case .billingOwnerOnly(let plan, let owner, let what, let admin):
      t.append("only the billing owner of " as StaticString)
      t.append(plan)
      t.append(", " as StaticString)
      t.append(quoted: owner)
      t.append(", can " as StaticString)
      t.append(what.words)
      if admin { t.append(" (being an admin is not enough)" as StaticString) }
      t.append("; ask " as StaticString)
      t.append(quoted: owner)
      t.append(" or have them transfer billing ownership" as StaticString)
    case .paidByInvoice(let plan, let what):
      t += "\(plan) is paid by invoice: to \(what.words), contact sales from the billing tab"
    case .trialNotEditable(let plan):
      t += "\(plan) is a trial: upgrade it to choose tier, cycle and seats"
    case .salesOnlyPlan(let plan):
      t +=
        "\(plan) was bought through sales and changes only through sales: contact sales from the billing tab"
    case .cancelingNotEditable(let plan, let ends):
      t += "\(plan) is canceling on \(ends): resume it first"
    case .nothingToChange(let plan, let tier, let cycle, let seats, let scheduled, let renewal):
      t.append("nothing to change: " as StaticString)
      t.append(plan)
      t.append(" is already " as StaticString)
      t.append(tier.name)
      t.append(", " as StaticString)
      t.append(cycle.rawValue)
      t.append(", " as StaticString)
      t.append(seats)
      t.append(" seats" as StaticString)
      if let c = scheduled {
        t.append("; " as StaticString)
        t.append(c.words)
        t.append(" is scheduled for " as StaticString)
        t.append(renewal)
      }
    case .alreadyCanceling(let plan, let ends):
      t += "\(plan) is already canceling: it ends on \(ends); resume keeps it"
    case .nothingToResume(let plan, let status):
      t += "\(plan) is \(status.rawValue), not canceling: nothing to resume"
    case .alreadyOwner(let h, let plan):
      t += "\(quoted: h) already owns \(plan): transfer to another member"
    case .trialHasNoPayment(let plan):
      t += "\(plan) is a trial and has no payment method: choose one when upgrading"
    case .invoiceNotAMethod:
      t +=
        "the payment method switches between card and paypal only; invoice payment is arranged with sales for annual plans of 20 or more seats"
    case .samePayment(let plan, let method):
      t += "\(plan) is already paid by \(method.rawValue)"
    case .badAddress:
      t += "the billing address must be 1 to 500 characters, without control characters"
    case .controlCharacter(let kind, let shown, let scalar):
      t +=
        "the \(kind.field) \"\(shown)\" holds a control character (U+\(hex4(scalar))): names and addresses are shown to people, so they cannot hold control characters"
    case .trialHasNoSeats(let plan):
      t += "\(plan) is a trial and has no seats"
    case .planCannotMove(let id, let from, let to, let sameSpace):
      let place =
        sameSpace
        ? "a plan stays on the scope it was bought for"
        : "a plan cannot move to another workspace or organization"
      t += "\(place): cancel \(id) on \(from.text), then upgrade \(to.text)"
    case .teamBillingTab(let plan, let team, let owner):
      t +=
        "the billing tab of \(plan) is in team \(quoted: team)'s settings and only its billing owner, \(quoted: owner), may open it; the admin console never shows a team plan"
    case .spaceBillingTab(let plan, let space, let admins):
      t +=
        "the billing tab of \(plan) is in the admin console of \(space): only its admins (\(admins.list)) may open it"
    case .notInSpaceToView(let a, let space):
      t += "\(quoted: a) is not in \(space): only people in it may view its plans"

    case .adminMustBeMember(let h, let space):
      t += "\(quoted: h) is not in \(space): only its members can be admins"
    case .guestCannotBeAdmin(let h, let space):
      t += "\(quoted: h) is a guest of \(space): guests cannot be admins"
    case .alreadyAdmin(let h, let space):
      t += "\(quoted: h) is already an admin of \(space)"
    case .notAdmin(let h, let space):
      t += "\(quoted: h) is not an admin of \(space)"
    case .ownerStaysAdmin(let h, let plan):
      t +=
        "\(quoted: h) is the billing owner of \(plan) and stays an admin while they own it: transfer billing ownership first"
    case .adminsOnly(let a, let space, let admins):
      t +=
        "\(quoted: a) is not an admin of \(space): only its admins (\(admins.list)) appoint and revoke admins"
    case .clockFixed(let today, let first, let asked):
      t +=
        "the clock cannot be set to \(asked): \(first) exists, and once a plan exists time only moves forward; today is \(today): use advance to <YYYY-MM-DD> or advance <n>d"
    case .dateBeforeToday(let day, let today):
      t +=
        "\(day) is before today (\(today)): the clock only moves forward; to return to an earlier point, go back to a mark with .back <name>"
    case .sinceAfterToday(let day, let today):
      t +=
        "--since \(day) is after today (\(today)): a plan is bought today or earlier; advance to \(day) first, or give a date on or before \(today)"
    case .unknownRule(let id, let near):
      t +=
        "no rule \(quoted: id)\(didYouMean(near, quote: { $0 })); rules are R1 to R22 and P1 to P8 (rules lists them)"
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
    var t = Text(capacity: 64)
    t.append(words: self)
    return t.string
  }
}

extension Text {
  /// `SomePeople.words`, written straight into the text (as `listed` joins: "a, b and c").
  package mutating func append(words people: SomePeople) {
    if people.handles.isEmpty { return append("nobody yet (add a member first)" as StaticString) }
    let n = people.handles.count + (people.more > 0 ? 1 : 0)
    for i in people.handles.indices {
      if i > 0 { append(i == n - 1 ? " and " as StaticString : ", ") }
      append(quoted: people.handles[i])
    }
    if people.more > 0 {
      append(" and " as StaticString)
      append(people.more)
      append(" more" as StaticString)
    }
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
