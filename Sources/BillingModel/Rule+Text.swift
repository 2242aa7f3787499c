/// A rule in full, as `rules <id>` and `.help <id>` show it (SPEC §8).
package struct RuleText: Sendable {
  /// The rule in our own words.
  package let text: String
  /// What the help article says about it, paraphrased in English (for P rules: that the
  /// article is silent, and what it does say nearby).
  package let source: String
  /// The commands that enforce it (or show its effect), as the command table names them.
  package let commands: [String]
  /// A script for a fresh world whose last line fails citing the rule, or, for a rule that
  /// refuses nothing (R2, R16, R21, P3, P5), shows its effect.
  package let example: [String]
}

/// The billing commands that live in the billing tab, so need a plan (R17).
private let billingTab = [
  "billing", "edit", "cancel", "resume", "transfer", "pay", "address", "seats", "invoices",
]

/// A world of one organization with two members, used by several examples.
private let acme = ["create org Acme", "add ann bob --org Acme"]

extension Rule {
  /// Whether the rule refuses nothing, so its example shows its effect instead (SPEC §8).
  package var refusesNothing: Bool { [.r2, .r16, .r21, .p3, .p5].contains(self) }

  /// The rule in full (SPEC §8, `rules <id>`).
  package var full: RuleText {
    switch self {
    case .r1:
      RuleText(
        text:
          "A plan covers exactly one scope: a whole workspace, a whole organization, or one team of an organization. Workspaces have no teams, so a team can only be created in an organization.",
        source:
          "When upgrading you choose what to upgrade: a workspace, a team inside an organization, or the whole organization.",
        commands: ["create team", "create plan", "upgrade", "trial"],
        example: ["create workspace Side", "create team Design --org Side"])
    case .r2:
      RuleText(
        text:
          "A plan is billed monthly or annually. The annual price per seat is ten times the monthly one: a year costs ten months (two months free).",
        source:
          "You choose monthly or annual billing; annual plans get a discount worth two months.",
        commands: ["quote", "upgrade", "create plan", "edit"],
        example: acme + [
          "quote org Acme --tier starter --monthly", "quote org Acme --tier starter --annual",
        ])
    case .r3:
      RuleText(
        text:
          "A workspace or organization plan pays for every billable member: its seats must be at least the number of members (guests of an organization are free).",
        source:
          "Upgrading a workspace or an organization means upgrading all of its members.",
        commands: ["create plan", "upgrade", "quote", "edit", "add"],
        example: [
          "create org Acme", "add ann bob carl --org Acme", "login ann",
          "upgrade org Acme --tier starter --seats 2",
        ])
    case .r4:
      RuleText(
        text:
          "A team plan pays only for the team's billable members (its people who are members of the organization): its seats must cover them. Everyone else in the organization stays on Basic.",
        source:
          "Upgrading one team of an organization upgrades only that team's members; the other members and teams stay on Basic and can upgrade later.",
        commands: ["create plan", "upgrade", "quote", "edit", "add"],
        example: [
          "create org Acme", "add ann bob carl --org Acme", "create team Design --org Acme",
          "add ann bob carl --team Design", "login ann",
          "upgrade team Design --tier starter --seats 2",
        ])
    case .r5:
      RuleText(
        text:
          "Plans come in sizes: 2, 3, 4 and 5 seats, then 10 to 30 by 5, 40 to 100 by 10, and 125 and up by 25. There is no paid plan for one person.",
        source:
          "Plans of 2, 3, 4 and 5 seats serve small teams; all plans are tiered, and there is no paid plan for a single user.",
        commands: ["create plan", "upgrade", "edit", "quote"],
        example: [
          "create org Acme", "add ann --org Acme", "login ann",
          "upgrade org Acme --tier starter --seats 7",
        ])
    case .r6:
      RuleText(
        text:
          "An organization plan gives every team of the organization the paid features, so a team of a paid organization cannot have a plan of its own; billing actions on such a team name the organization plan.",
        source:
          "If you upgrade the organization, you pay for every member, and the whole organization and all its teams get the paid features.",
        commands: [
          "create plan", "upgrade", "trial", "edit", "cancel", "resume", "transfer", "pay",
          "address",
          "seats", "invoices",
        ],
        example: [
          "create org Acme", "add ann bob --org Acme", "create team Design --org Acme",
          "add ann bob --team Design", "create plan org Acme --tier starter --owner ann",
          "login ann", "upgrade team Design --tier starter",
        ])
    case .r7:
      RuleText(
        text:
          "A plan stays on the workspace or organization it was bought for: it cannot move to another one. Cancel it, then upgrade the right one.",
        source:
          "A subscription cannot be transferred between different workspaces and organizations; if you upgraded the wrong workspace, cancel first, then upgrade the right one.",
        commands: ["move"],
        example: [
          "create workspace Wrong", "create workspace Right", "add ann --workspace Wrong",
          "add ann --workspace Right", "create plan workspace Wrong --tier starter --owner ann",
          "login ann", "move workspace Wrong --to workspace Right",
        ])
    case .r8:
      RuleText(
        text:
          "Upgrading several teams at once (or a division of teams) is not self-serve: it goes through sales.",
        source:
          "In an organization you may upgrade the whole organization, one team, or a group of teams under one division; to upgrade several teams at once, contact sales.",
        commands: ["upgrade"],
        example: [
          "create org Acme", "add ann --org Acme", "create team Design --org Acme",
          "create team Sales --org Acme", "login ann", "upgrade team Design,Sales --tier starter",
        ])
    case .r9:
      RuleText(
        text:
          "The paid tiers are Starter, Advanced, Enterprise and Enterprise+. Starter and Advanced are bought self-serve; Enterprise and Enterprise+ only through sales. Basic is the free tier, not a plan.",
        source:
          "The upgrade page offers the Starter, Advanced, Enterprise and Enterprise+ plans; for help with upgrading, contact support.",
        commands: ["upgrade", "edit", "quote", "create plan", "trial"],
        example: [
          "create org Acme", "add ann --org Acme", "login ann",
          "upgrade org Acme --tier enterprise",
        ])
    case .r10:
      RuleText(
        text:
          "Any member of a workspace or organization can upgrade it (or start a trial); a guest cannot, and neither can someone outside it.",
        source:
          "Anyone in the workspace or organization can start an upgrade from the upgrade button or their profile menu; the article speaks of members only.",
        commands: ["upgrade", "trial"],
        example: [
          "create org Acme", "add ann --org Acme", "add gus --org Acme --guest", "login gus",
          "upgrade org Acme --tier starter",
        ])
    case .r11:
      RuleText(
        text:
          "Whoever upgrades names the plan's billing owner (themself by default). The billing owner must be a member, not a guest, of the space that holds the plan's scope.",
        source:
          "During the upgrade you can make yourself or a colleague the billing owner of the subscription; the billing owner must be a member of the upgraded workspace.",
        commands: ["create plan", "upgrade", "trial"],
        example: [
          "create org Acme", "add ann --org Acme", "add gus --org Acme --guest", "login ann",
          "upgrade org Acme --tier starter --billing-owner gus",
        ])
    case .r12:
      RuleText(
        text:
          "Paying by invoice is offered only for annual plans of 20 seats or more; smaller or monthly plans pay by card or PayPal.",
        source:
          "Invoice payment is offered for annual plans of 20 members or more; contact sales for more.",
        commands: ["upgrade"],
        example: acme + ["login ann", "upgrade org Acme --tier starter --pay invoice"])
    case .r13:
      RuleText(
        text:
          "The billing owner of a workspace or organization plan is an admin of that space, automatically. Admins appoint other admins and revoke them; nobody else can.",
        source:
          "The billing owner automatically becomes an admin of the paid organization and can appoint other admins.",
        commands: ["create plan", "upgrade", "trial", "transfer", "appoint", "revoke"],
        example: acme + ["add carl --org Acme", "login bob", "appoint carl --org Acme"])
    case .r14:
      RuleText(
        text:
          "Only the current billing owner of a plan updates its billing info (address, payment method), changes it (tier, cycle, seats, cancel, resume), transfers billing ownership, sees seat usage, and lists or downloads invoices. An admin who is not the billing owner cannot.",
        source:
          "Billing owners have different permissions from admins: only the billing owner can update billing information, change the subscription, transfer billing ownership, view seat usage and download invoices.",
        commands: [
          "edit", "cancel", "resume", "transfer", "pay", "address", "seats", "invoices", "invoice",
          "move",
        ],
        example: [
          "create org Acme", "add ann bob --org Acme --admin",
          "create plan org Acme --tier starter --owner ann", "as bob invoices org Acme",
        ])
    case .r15:
      RuleText(
        text:
          "Billing ownership passes only to someone else who is a member (not a guest) of the same space; passing it to the current owner is refused too.",
        source: "The billing owner can reassign another member as billing owner.",
        commands: ["transfer"],
        example: [
          "create org Acme", "add ann --org Acme", "add gus --org Acme --guest",
          "create plan org Acme --tier starter --owner ann", "as ann transfer org Acme --to gus",
        ])
    case .r16:
      RuleText(
        text:
          "Every invoice goes to the plan's billing owner at the time it is issued: a copy lands in their inbox.",
        source:
          "The billing owner receives a copy of the latest invoice every billing cycle and can reach the earlier ones.",
        commands: ["inbox", "invoices", "invoice", "advance"],
        example: acme + [
          "create plan org Acme --tier starter --owner ann --monthly", "advance 1m", "inbox ann",
        ])
    case .r17:
      RuleText(
        text:
          "A scope on Basic (free) has no billing tab, so every billing action on it is unavailable.",
        source:
          "The billing tab is not available to customers on the free Basic plan; it appears once you subscribe.",
        commands: billingTab,
        example: ["create org Acme", "add ann --org Acme", "login ann", "billing org Acme"])
    case .r18:
      RuleText(
        text:
          "A workspace or organization plan's billing tab is in the admin console: its admins may open it (the billing owner is one). A team plan's billing tab is in the team's settings, and only its billing owner opens it; the admin console never shows a team plan.",
        source:
          "The billing page of a workspace or organization is reached through the admin console; a team's billing page through the team's settings.",
        commands: ["billing"],
        example: [
          "create org Acme", "add ann bob --org Acme --admin", "create team Design --org Acme",
          "add ann bob --team Design", "create plan team Design --tier starter --owner ann",
          "as bob billing team Design",
        ])
    case .r19:
      RuleText(
        text:
          "A plan paid by invoice is not changed or canceled self-serve (tier, cycle, seats, payment method, cancel): that goes through sales.",
        source:
          "Billing owners of plans paid by manual invoice who want to adjust or cancel the plan must contact sales through the billing tab.",
        commands: ["edit", "cancel", "pay"],
        example: [
          "create org Acme", "add ann --org Acme",
          "create plan org Acme --tier starter --seats 20 --owner ann --pay invoice",
          "as ann edit org Acme --seats 25",
        ])
    case .r20:
      RuleText(
        text:
          "Canceling takes effect at the end of the current period (for an annual plan, its renewal date). Until then the plan stays active and the cancellation can be undone with resume. A trial cancels at once.",
        source:
          "If you are on an annual plan and cancel, the subscription is canceled automatically on the plan's renewal date.",
        commands: ["cancel", "resume", "edit", "advance"],
        example: acme + [
          "create plan org Acme --tier starter --owner ann", "as ann cancel org Acme",
          "as ann cancel org Acme",
        ])
    case .r21:
      RuleText(
        text:
          "Upgrading, downgrading or canceling never deletes data: people, teams, admins and invoices stay, and an ended plan's invoices stay open to its last billing owner.",
        source: "Upgrading or downgrading does not make you lose data.",
        commands: ["upgrade", "edit", "cancel", "invoices", "invoice"],
        example: acme + [
          "create plan org Acme --tier starter --owner ann --monthly", "as ann cancel org Acme",
          "advance 1m", "as ann invoice INV-0001",
        ])
    case .r22:
      RuleText(
        text:
          "The payment method switches between card and PayPal; invoice payment is arranged with sales, not chosen here.",
        source:
          "The billing owner can change the payment method from credit card to PayPal and back in the billing tab.",
        commands: ["pay"],
        example: acme + [
          "create plan org Acme --tier starter --owner ann", "as ann pay org Acme --method invoice",
        ])
    case .p1:
      RuleText(
        text:
          "Self-serve plans go up to 500 seats; a larger plan (by upgrade, edit or an automatic resize) goes through sales.",
        source:
          "The article gives no seat limit; this project sets one so that very large plans go through sales, as enterprise purchases do.",
        commands: ["upgrade", "edit", "quote", "add"],
        example: [
          "create org Acme", "add ann --org Acme", "login ann",
          "upgrade org Acme --tier starter --seats 525",
        ])
    case .p2:
      RuleText(
        text:
          "A team is upgraded or trialed by one of its people who is a member of the organization, or by an admin of the organization; other members cannot.",
        source:
          "The article lets you choose one team to upgrade but does not say who may; this project lets the team's own members and the organization's admins.",
        commands: ["upgrade", "trial"],
        example: [
          "create org Acme", "add ann bob --org Acme", "create team Design --org Acme",
          "add ann --team Design", "login bob", "upgrade team Design --tier starter",
        ])
    case .p3:
      RuleText(
        text:
          "A change that raises the price (a higher tier, more seats) takes effect at once and is charged pro rata for the rest of the period; a lower tier, fewer seats or another cycle waits for the next renewal.",
        source:
          "The article says the billing owner can upgrade, downgrade or change the plan size, but not when changes take effect or how they are charged; this is the project's choice.",
        commands: ["edit", "advance"],
        example: acme + [
          "create plan org Acme --tier starter --seats 2 --owner ann --monthly", "advance 10d",
          "as ann edit org Acme --seats 3",
        ])
    case .p4:
      RuleText(
        text:
          "A trial lasts 30 days, is of Starter or Advanced, happens once per scope, and is started like an upgrade by someone who becomes its billing owner; it has no seats and no invoices. Upgrading during a trial ends it and starts the paid plan that day; a trial that ends without an upgrade returns the scope to Basic.",
        source:
          "The article mentions canceling a plan or trial in the billing tab but not how trials work; this project models them.",
        commands: ["trial", "upgrade", "advance", "edit", "pay", "seats"],
        example: [
          "create org Acme", "add ann --org Acme", "login ann", "trial org Acme --tier advanced",
          "advance 31d", "trial org Acme --tier advanced",
        ])
    case .p5:
      RuleText(
        text:
          "Adding a billable member to a full plan paid by card or PayPal resizes it at once to the next size, charged pro rata, and tells the billing owner; a full plan paid by invoice is marked over its size instead, for sales to follow up.",
        source:
          "The billing owner can add seats in the admin console or the team's settings, and plans paid by manual invoice go to sales for changes; what happens when a plan is full is this project's choice.",
        commands: ["add", "seats", "advance"],
        example: acme + [
          "create plan org Acme --tier starter --seats 2 --owner ann", "add carl --org Acme",
        ])
    case .p6:
      RuleText(
        text:
          "An organization that has team plans can be upgraded only by one of its admins; the team plans end that day, their unused time is credited on the organization plan's first invoice, and their billing owners are told. Such an organization cannot start a trial.",
        source:
          "The article says an organization plan covers every team but not what happens to teams that already pay; this project absorbs them with a credit.",
        commands: ["upgrade", "trial", "create plan"],
        example: [
          "create org Acme", "add ann bob --org Acme", "create team Design --org Acme",
          "add bob --team Design", "create plan team Design --tier starter --owner bob",
          "login bob", "upgrade org Acme --tier starter",
        ])
    case .p7:
      RuleText(
        text:
          "A plan's billing owner cannot leave the plan's space, and cannot lose the admin role while owning a workspace or organization plan: transfer billing ownership first.",
        source:
          "The article makes the billing owner an admin of the paid organization but does not say what happens if they leave; this project keeps the plan owned.",
        commands: ["remove", "revoke"],
        example: acme + [
          "create plan org Acme --tier starter --owner ann", "remove ann --org Acme",
        ])
    case .p8:
      RuleText(
        text:
          "Anyone in a space, member or guest, may view the plans in it (its own plan and its teams'); someone outside the space may not.",
        source:
          "The article does not say who can see which plan a space is on; this project shows it to everyone in the space.",
        commands: ["plan"],
        example: [
          "create org Acme", "create org Other", "add ann --org Acme", "add olga --org Other",
          "login olga", "plan org Acme",
        ])
    }
  }
}
