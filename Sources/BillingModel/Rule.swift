/// A rule of SPEC §2: `R*` from the help article, `P*` this project's modelling choices.
/// NB: the one place rule ids are spelled; failures name a rule through this type, never a string.
package enum Rule: String, CaseIterable, Sendable {
  case r1 = "R1", r2 = "R2", r3 = "R3", r4 = "R4", r5 = "R5", r6 = "R6", r7 = "R7", r8 = "R8"
  case r9 = "R9", r10 = "R10", r11 = "R11", r12 = "R12", r13 = "R13", r14 = "R14", r15 = "R15"
  case r16 = "R16", r17 = "R17", r18 = "R18", r19 = "R19", r20 = "R20", r21 = "R21", r22 = "R22"
  case p1 = "P1", p2 = "P2", p3 = "P3", p4 = "P4", p5 = "P5", p6 = "P6", p7 = "P7", p8 = "P8"

  /// `R14`, as printed in errors and the log.
  package var id: String { rawValue }

  /// The rule for an id in any case (`r14`, `P6`), or nil.
  package init?(id: String) {
    guard let rule = Rule(rawValue: id.uppercased()) else { return nil }
    self = rule
  }

  /// The rule in one line.
  package var summary: String {
    switch self {
    case .r1: "a plan covers one workspace, one organization or one team of an organization"
    case .r2: "monthly or annual; the annual per-seat price is ten times the monthly one"
    case .r3: "a workspace or organization plan has a seat for every billable member"
    case .r4:
      "a team plan has a seat for each of the team's billable members; the rest stay on Basic"
    case .r5: "plans come in sizes 2-5, 10-30 by 5, 40-100 by 10, then by 25; no 1-seat plan"
    case .r6:
      "an organization plan covers all its teams; their teams cannot have plans of their own"
    case .r7: "a plan cannot move to another workspace or organization"
    case .r8: "upgrading several teams at once goes through sales"
    case .r9:
      "Starter and Advanced are self-serve; Enterprise and Enterprise+ are bought through sales"
    case .r10: "members of a workspace or organization can upgrade it; guests cannot"
    case .r11:
      "the upgrader names the billing owner, who must be a member (not a guest) of the space"
    case .r12: "invoice payment only for annual plans of 20 or more seats"
    case .r13:
      "the billing owner of a space plan is an admin of it; admins appoint and revoke admins"
    case .r14:
      "only the billing owner changes the plan, billing info, ownership, seats and invoices"
    case .r15: "billing ownership passes only to another member (not a guest) of the same space"
    case .r16: "the billing owner receives a copy of every invoice"
    case .r17: "there is no billing tab on Basic"
    case .r18:
      "a space plan's billing tab is in the admin console; a team plan's, in the team's settings"
    case .r19: "a plan paid by invoice changes or cancels only through sales"
    case .r20: "canceling takes effect at the end of the period and can be undone until then"
    case .r21: "upgrading, downgrading or canceling never deletes data"
    case .r22: "the payment method switches between card and PayPal"
    case .p1: "self-serve plans go up to 500 seats; larger ones go through sales"
    case .p2: "a team is upgraded or trialed by one of its members or an admin of its organization"
    case .p3: "price rises apply at once, charged pro rata; decreases and cycle changes at renewal"
    case .p4: "a 30-day Starter or Advanced trial, once per scope, with no seats and no invoices"
    case .p5: "adding someone to a full plan resizes it at once (card, PayPal) or marks it over"
    case .p6: "only admins upgrade an organization with team plans; those end and are credited"
    case .p7: "a billing owner cannot leave the space or drop the admin role: transfer first"
    case .p8: "anyone in a space may view its plans"
    }
  }
}
