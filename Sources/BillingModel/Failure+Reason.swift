import BillingSupport

/// Why a command failed, with the facts it names: people, spaces, plans, sizes, and what would
/// work instead. Each case's code and rule are given here, and its words once, in `message`.
/// NB: facts are ids and names taken when the failure happens (a scope as `ScopeRef`, a plan as
/// `NamedPlan`); the words are written only when the failure is printed, in BillingWords.
/// NB: indirect, so a failure is one reference: passing and copying it (the printer, the log,
/// the unmet count) costs a retain, not a copy of each of its facts.
package indirect enum Reason: Equatable, Sendable {
  // Words written where the failure happened: syntax, files, loaded data.
  case said(ErrorCode, Rule?, Text)

  // The calendar's end (SPEC §8): every date lies in 2000-01-01…9999-12-31.
  /// A plan of `cycle` bought `since`: its period from `start` would end after the calendar's end.
  case periodPastCalendarEnd(Cycle, since: Day, start: Day)
  /// A new plan of `cycle` starting `start`; `last` is the last day one can start.
  case newPlanPastCalendarEnd(Cycle, start: Day, last: Day)
  /// A trial of `days` days starting `start`; `last` is the last day one can start.
  case trialPastCalendarEnd(days: Int, start: Day, last: Day)
  /// `command` (as typed) would renew `plan` on `day`; the clock can go at most to `last`.
  case renewalPastCalendarEnd(command: String, plan: PlanID, day: Day, last: Day)

  // Names (not-found, ambiguous) and the acting user.
  case unknownUser(String, suggestions: [String])
  case wrongSpaceKind(String, is: SpaceKind, wanted: SpaceKind, use: ScopeRef)
  case unknownSpace(SpaceKind, String, suggestions: [String])
  case noSuchTeamInOrg(String, org: String, suggestions: [String])
  case unknownTeam(String, suggestions: [String])
  case ambiguousTeam(String, orgs: [String])
  case unknownInvoice(String, issued: Int)
  case unknownPlan(String, made: Int)
  case noActor(String)

  // Setup.
  /// A command that needs the place it acts in and the line named none: `create team` needs
  /// an organization; `appoint` and `revoke` an organization or a workspace (`orWorkspace`).
  case missingPlace(command: String, orWorkspace: Bool)
  case badHandle(String)
  /// A name of 0 or more than 100 characters: the text, and which name it is.
  case badName(String, ShownText)
  case userExists(String)
  case spaceExists(ScopeRef)
  case workspaceNamedAsOrg(ScopeRef, team: String)
  case workspaceHasNoTeams(ScopeRef, team: String)
  case teamExists(String, in: ScopeRef)
  case workspaceHasNoGuests(ScopeRef)
  case guestAndAdmin
  case namedTwice(String)
  case alreadyInSpace(String, space: ScopeRef, as: Membership, askedGuest: Bool)
  case teamNeedsOrgMember(String, org: ScopeRef, orgName: String)
  case alreadyInTeam(String, team: String)
  case notInSpaceToRemove(String, space: ScopeRef)
  case ownerCannotLeave(String, plan: NamedPlan, space: ScopeRef)
  case notInTeamToRemove(String, team: String)
  case teamPlansBlockOrgPlan(ScopeRef, teamPlan: NamedPlan)
  case noListPrice(Tier)
  case negativeUnitCents
  case coveredByOrgPlan(team: String, plan: NamedPlan)
  case alreadyHasPlan(ScopeRef, plan: NamedPlan)

  // Values: tiers, sizes, billing owners.
  case notASize(Int, nearest: [Int])
  case seatsDoNotCover(Int, billable: Int, of: ScopeRef, isTeam: Bool, smallest: Int)
  case pastSelfServeLimit(Int, limit: Int)
  case tooManySeats(Int)
  case unitCentsTooHigh(Int, cycle: Cycle)
  /// P6: the credits for the team plans of the named space.
  case creditsTooLarge(space: ScopeRef)
  case basicIsNotAPlan
  case salesOnlyTier(Tier)
  /// R11 (the billing owner) or R15 (a new billing owner).
  case ownerNotInSpace(String, space: ScopeRef, rule: Rule)
  case ownerIsGuest(String, space: ScopeRef, rule: Rule)

  // Upgrades and trials.
  case notInSpace(String, space: ScopeRef, verb: Attempt, ask: SomePeople)
  case guestOfSpace(String, space: ScopeRef, verb: Attempt, ask: SomePeople)
  case guestOfTeamOrg(String, org: ScopeRef, verb: Attempt, team: String, admins: SomePeople)
  case neitherInTeamNorAdmin(String, team: String, org: ScopeRef, admins: SomePeople)
  case onlyAdminsAbsorbTeamPlans(space: ScopeRef, teamPlans: [String], admins: SomePeople)
  case invoicePaymentNotOffered(cycle: Cycle, seats: Int)
  case severalTeams([String])
  case alreadyOnTrial(space: ScopeRef, plan: NamedPlan, until: Day)
  case teamPlansBlockTrial(space: ScopeRef, teamPlan: NamedPlan)
  case trialUsed(ScopeRef)
  case trialTier(Tier)

  // The billing tab.
  case onBasic(ScopeRef, what: Attempt)
  case endedPlanOwnerOnly(PlanID, owner: String, what: Attempt)
  case billingOwnerOnly(NamedPlan, owner: String, what: Attempt, actorIsAdmin: Bool)
  case paidByInvoice(NamedPlan, what: Attempt)
  case trialNotEditable(NamedPlan)
  case salesOnlyPlan(NamedPlan)
  case cancelingNotEditable(NamedPlan, ends: Day)
  case nothingToChange(
    NamedPlan, tier: Tier, cycle: Cycle, seats: Int, scheduled: PlanChange?, renewal: Day)
  case alreadyCanceling(NamedPlan, ends: Day)
  case nothingToResume(NamedPlan, status: PlanStatus)
  case alreadyOwner(String, NamedPlan)
  case trialHasNoPayment(NamedPlan)
  case invoiceNotAMethod
  case samePayment(NamedPlan, Payment)
  case badAddress
  /// A name or address holding a control character: the field, the text shown escaped, the
  /// character.
  case controlCharacter(ShownText, String, scalar: UInt32)
  case trialHasNoSeats(NamedPlan)
  /// R7: a plan stays on its scope; the scopes by name, and whether they share a space.
  case planCannotMove(PlanID, from: ScopeRef, to: ScopeRef, sameSpace: Bool)
  case teamBillingTab(NamedPlan, team: String, owner: String)
  case spaceBillingTab(NamedPlan, space: ScopeRef, admins: SomePeople)
  case notInSpaceToView(String, space: ScopeRef)

  // The clock and the rules (SPEC §8).
  case clockFixed(today: Day, firstPlan: PlanID, asked: Day)
  case dateBeforeToday(Day, today: Day)
  case sinceAfterToday(Day, today: Day)
  case unknownRule(String, suggestions: [String])

  // Admins.
  case adminMustBeMember(String, space: ScopeRef)
  case guestCannotBeAdmin(String, space: ScopeRef)
  case alreadyAdmin(String, space: ScopeRef)
  case notAdmin(String, space: ScopeRef)
  case ownerStaysAdmin(String, plan: NamedPlan)
  case adminsOnly(String, space: ScopeRef, admins: SomePeople)

  // Remedies (SPEC §8): what `sales` cannot do.
  case salesOnTrial(NamedPlan)
  case salesNothingToChange
  case salesDownToSalesTier(Tier)
  case salesPriceAtRenewal(Tier)

  // What-ifs (SPEC §8).
  case forecastShowsTooMuch(String, renewals: Int, to: Day, limit: Int)
  case forecastPlaysTooMuch(String, renewals: Int, plans: Int, to: Day, limit: Int)
  case unknownMark(String, marks: [String])
  case nothingToUndo
  case undoTooFar(asked: Int, can: Int)

  /// The error code and the rule that explains the failure (SPEC §4).
  package var classification: (ErrorCode, Rule?) {
    switch self {
    case .said(let code, let rule, _): (code, rule)
    case .periodPastCalendarEnd, .newPlanPastCalendarEnd, .trialPastCalendarEnd,
      .renewalPastCalendarEnd:
      (.invalid, nil)
    case .unknownUser, .wrongSpaceKind, .unknownSpace, .noSuchTeamInOrg, .unknownTeam,
      .unknownInvoice, .unknownPlan:
      (.notFound, nil)
    case .unknownMark: (.notFound, nil)
    case .salesNothingToChange: (.usage, nil)
    case .salesOnTrial, .salesDownToSalesTier, .salesPriceAtRenewal: (.invalid, nil)
    case .forecastShowsTooMuch, .forecastPlaysTooMuch: (.invalid, nil)
    case .nothingToUndo, .undoTooFar: (.conflict, nil)
    case .ambiguousTeam: (.ambiguous, nil)
    case .noActor: (.noActor, nil)
    case .missingPlace, .badHandle, .badName, .namedTwice, .noListPrice, .negativeUnitCents,
      .badAddress:
      (.usage, nil)
    case .userExists, .spaceExists, .teamExists, .alreadyInSpace, .alreadyInTeam,
      .notInSpaceToRemove, .notInTeamToRemove, .alreadyHasPlan, .samePayment, .nothingToChange,
      .nothingToResume, .alreadyAdmin, .notAdmin:
      (.conflict, nil)
    case .workspaceNamedAsOrg, .workspaceHasNoTeams: (.invalid, .r1)
    case .workspaceHasNoGuests, .guestAndAdmin, .teamNeedsOrgMember, .adminMustBeMember,
      .guestCannotBeAdmin, .controlCharacter:
      (.invalid, nil)
    case .ownerCannotLeave, .ownerStaysAdmin: (.conflict, .p7)
    case .teamPlansBlockOrgPlan, .coveredByOrgPlan: (.conflict, .r6)
    case .notASize: (.invalid, .r5)
    case .seatsDoNotCover(_, _, _, let isTeam, _): (.invalid, isTeam ? .r4 : .r3)
    case .pastSelfServeLimit: (.contactSales, .p1)
    case .tooManySeats, .unitCentsTooHigh, .creditsTooLarge: (.invalid, nil)
    case .basicIsNotAPlan: (.invalid, .r9)
    case .salesOnlyTier, .salesOnlyPlan: (.contactSales, .r9)
    case .ownerNotInSpace(_, _, let rule), .ownerIsGuest(_, _, let rule): (.invalid, rule)
    case .notInSpace, .guestOfSpace, .guestOfTeamOrg: (.permissionDenied, .r10)
    case .neitherInTeamNorAdmin: (.permissionDenied, .p2)
    case .onlyAdminsAbsorbTeamPlans: (.permissionDenied, .p6)
    case .invoicePaymentNotOffered: (.unavailable, .r12)
    case .severalTeams: (.contactSales, .r8)
    case .alreadyOnTrial, .trialUsed, .trialNotEditable, .trialHasNoPayment, .trialHasNoSeats:
      (.conflict, .p4)
    case .teamPlansBlockTrial: (.conflict, .p6)
    case .trialTier: (.invalid, .p4)
    case .onBasic: (.unavailable, .r17)
    case .endedPlanOwnerOnly, .billingOwnerOnly: (.permissionDenied, .r14)
    case .paidByInvoice: (.contactSales, .r19)
    case .cancelingNotEditable, .alreadyCanceling: (.conflict, .r20)
    case .alreadyOwner: (.invalid, .r15)
    case .invoiceNotAMethod: (.invalid, .r22)
    case .planCannotMove: (.invalid, .r7)
    case .teamBillingTab, .spaceBillingTab: (.permissionDenied, .r18)
    case .notInSpaceToView: (.permissionDenied, .p8)
    case .adminsOnly: (.permissionDenied, .r13)
    case .clockFixed: (.conflict, nil)
    case .dateBeforeToday, .sinceAfterToday: (.invalid, nil)
    case .unknownRule: (.notFound, nil)
    }
  }
}

/// What the actor tried, as a refusal names it ("only the billing owner … can cancel the plan").
package enum Attempt: Sendable, Equatable {
  case upgrade, startTrial
  case changePlan, cancel, cancelPlan, resumePlan, transferOwnership, changePayment
  case updateBillingInfo, viewSeatUsage, listInvoices, download(InvoiceID), moveAPlan, movePlan
  case openBillingTab
}

/// Who to ask instead: the first few handles, and how many more (none: nobody yet).
package struct SomePeople: Sendable, Equatable {
  package var handles: [String]
  package var more: Int
  package init(handles: [String], more: Int) { self.handles = handles; self.more = more }
}
