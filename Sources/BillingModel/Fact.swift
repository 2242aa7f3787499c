/// A plan as it stood when something happened to it: what its summary shows
/// ("P1 (org Acme, starter annual, 10 seats)"), kept with the fact so words made later show it
/// as it was then.
package struct PlanShape: Sendable, Equatable {
  package var plan: PlanID
  package var scope: Scope
  package var tier: Tier
  package var cycle: Cycle
  package var seats: Int
  package var trial: Bool
}

/// A plan as a refusal names it: its summary's facts, its scope by name (words made when the
/// refusal is printed show it as it was when refused).
package struct NamedPlan: Sendable, Equatable {
  package var plan: PlanID
  package var scope: ScopeRef
  package var tier: Tier
  package var cycle: Cycle
  package var seats: Int
  package var trial: Bool
  package init(plan: PlanID, scope: ScopeRef, tier: Tier, cycle: Cycle, seats: Int, trial: Bool) {
    self.plan = plan; self.scope = scope; self.tier = tier; self.cycle = cycle
    self.seats = seats; self.trial = trial
  }
}

/// What a plan was sold with when it started (the journal's `plan-started` entry).
package struct PlanTerms: Sendable, Equatable {
  package var plan: PlanID
  package var tier: Tier
  package var cycle: Cycle
  package var seats: Int
  package var payment: Payment?
  package var owner: UserID
}

/// A change made at once (P3): the tier step and the seats added, each when it changed.
package struct PlanStep: Sendable, Equatable {
  package var fromTier: Tier
  package var toTier: Tier
  package var fromSeats: Int
  package var toSeats: Int
  package var tierChanged: Bool { fromTier != toTier }
  package var seatsChanged: Bool { fromSeats != toSeats }
}

/// Why a plan is over its size and not resized (P5).
package enum OverSizeCause: Sendable, Equatable {
  /// Paid by invoice: sales follow up.
  case invoicePaid
  /// The size that would cover everyone is past the self-serve limit.
  case pastSelfServeLimit(size: Int, limit: Int)
}

/// Why a plan ended (`show`, `plan` of an ended plan).
package enum EndReason: Sendable, Equatable {
  case trialEnded
  case trialCanceled
  case canceled
  /// P6: a team plan absorbed by its organization's plan.
  case absorbed
  case replacedBySales
  /// As a save made before the reasons were values words it.
  case said(String)
}

/// What an invoice bills (its label).
package enum InvoiceLabel: Sendable, Equatable {
  /// The first period, less the credits for team plans absorbed (P6).
  case firstPeriod(credits: Int)
  /// P3: a change made at once, charged pro rata until the period ends.
  case proRata(PlanStep, until: Day)
  /// P5: seats added to cover new members, pro rata.
  case resize(from: Int, to: Int)
  /// A renewal: the new period.
  case renewal(tier: Tier, cycle: Cycle, seats: Int, start: Day, end: Day)
  /// `create plan --since`: the current period of a plan bought earlier.
  case bought(start: Day, end: Day, on: Day)
  /// As a save made before the labels were values words it.
  case said(String)
}

/// How a person joined a space or team, as the journal keeps it.
package enum JoinRole: Sendable, Equatable {
  case member, admin, guest
}

/// Something that happened, as a value: who did it, to which plan or scope, with which amounts.
/// The journal, the inboxes, `advance`'s events and the results of commands keep these; the
/// runtime words them (one place per output), so a new wording is a new renderer.
package enum Fact: Sendable, Equatable {
  // Plans.
  /// A paid plan started (upgrade, a converted trial, or sold by sales, maybe bought earlier).
  case planStarted(PlanTerms, bySales: Bool, bought: Day?)
  case trialStarted(PlanShape, by: UserID, ends: Day)
  /// P4: a trial upgraded in place.
  case trialConverted(PlanID)
  /// A trial's time ran out.
  case trialExpired(PlanShape)
  /// R20: a trial canceled ends at once.
  case trialCanceled(PlanShape, by: UserID)
  /// A trial replaced by a plan sold by sales.
  case trialReplaced(PlanID)
  /// P3: increases made at once, charged pro rata.
  case changedNow(PlanID, PlanStep, chargedCents: Int, days: Int, periodDays: Int)
  /// P3: a change waiting for the renewal on `on`.
  case scheduled(PlanID, PlanChange, on: Day)
  /// The change scheduled for `on` is dropped (the edit asked for the plan as it is).
  case scheduleDropped(PlanID, on: Day)
  /// P3: a scheduled change made at renewal.
  case changedAtRenewal(PlanID, PlanChange)
  /// A renewal: a new period, billed by `invoice`.
  case renewed(PlanID, invoice: InvoiceID, start: Day, end: Day)
  /// A renewal that raised the seats to cover the billable members.
  case renewedResized(PlanID, start: Day, end: Day, from: Int, to: Int, billable: Int)
  /// P5: seats raised at once to cover new members, charged pro rata.
  case resized(PlanShape, from: Int, to: Int, billable: Int, invoice: InvoiceID, cents: Int)
  /// P5: more billable members than seats, and no resize.
  case overSize(PlanShape, billable: Int, seats: Int, cause: OverSizeCause)
  /// R20: canceled, active until `until`.
  case canceled(PlanShape, by: UserID, until: Day)
  case resumed(PlanShape, by: UserID, renews: Day)
  /// R21: a canceled plan ended at renewal.
  case endedCanceled(PlanShape)
  /// P6: a team plan ended, absorbed by the plan of `by`, its unused time credited.
  case absorbed(PlanShape, by: Scope, creditCents: Int)
  /// R14, R15: billing ownership passed; `name` is the new owner's handle as the command gave it.
  /// `by` is nil when support moved it (`support transfer`).
  case transferred(PlanShape, from: UserID, to: UserID, name: String, by: UserID?)
  /// `by` is nil when sales changed it (`sales --pay`).
  case paymentChanged(PlanShape, Payment, by: UserID?)
  case addressChanged(PlanShape, String, by: UserID)
  /// R16: an invoice issued, with its lines.
  case invoiceIssued(InvoiceID)
  // People.
  /// People added to a space or team, in the order the command named them.
  case joined(JoinRole, [UserID])
  /// One person added (a timeline lists an `add` of several one person a line).
  case joinedAs(JoinRole)
  /// A person already in the space, now a member or an admin.
  case roleChanged(admin: Bool)
  case removed
  /// Removed from a team because they left its organization.
  case leftSpace(SpaceID)
  /// R13, P7: appointed (or revoked) admin; `name` is the handle as the command gave it.
  case adminChanged(name: String, space: SpaceID, admin: Bool)
  /// An entry of a save made before the journal kept values: its words as saved.
  case said(String)
}

/// One message of an inbox: what happened, on which day, told to whom.
package struct Message: Sendable, Equatable {
  package var date: Day
  package var fact: Fact
  package var to: UserID
}
