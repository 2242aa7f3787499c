import BillingLanguage
import BillingModel
import BillingSupport
import Testing

@testable import BillingRuntime

// Every rule of SPEC §2 (R1–R22, P1–P8), driven through `Session.perform`, with a case that
// triggers the rule (exact error code and rule id of SPEC §4) next to a case that passes.
// Each case names the rule it exercises, so `grep R14 Tests` finds them.

// MARK: - The world every case starts from

/// Acme: admin adam; members ann bob carl dave; guest gus (5 billable members).
/// Design (Acme): ann carl dave + guest gus (3 billable). Ops (Acme): bob (1 billable).
/// Beta: admin bea. Side (workspace): wes wil. zed is in no space.
let baseWorld = [
  "create org Acme",
  "add adam --org Acme --admin",
  "add ann bob carl dave --org Acme",
  "add gus --org Acme --guest",
  "create team Design --org Acme",
  "add ann carl dave gus --team Design",
  "create team Ops --org Acme",
  "add bob --team Ops",
  "create org Beta",
  "add bea --org Beta --admin",
  "create workspace Side",
  "add wes wil --workspace Side",
  "create user zed",
]

/// P1: ann's starter annual plan on Acme, 5 seats, card, INV-0001 (ann becomes an admin, R13).
let acmePaid = ["as ann upgrade org Acme --tier starter"]
/// P1: ann's starter annual team plan on Design, 3 seats, card.
let designPaid = ["as ann upgrade team Design --tier starter"]
/// P1: a plan sold by sales on Acme, 20 seats, paid by invoice, owned by ann.
let acmeInvoice = ["create plan org Acme --tier starter --seats 20 --owner ann --pay invoice"]
let acmeCanceling = acmePaid + ["as ann cancel org Acme"]
let acmeTrial = ["as ann trial org Acme --tier starter"]
/// Big: 19 billable members m1…m19 (the smallest covering size is 20).
let bigOrg = [
  "create org Big", "add " + (1...19).map { "m\($0)" }.joined(separator: " ") + " --org Big",
]
/// Huge: 501 billable members h1…h501 (the smallest covering size is 525).
let hugeOrg = [
  "create org Huge", "add " + (1...501).map { "h\($0)" }.joined(separator: " ") + " --org Huge",
]

func makeSession(
  _ lines: [String], base: Bool = true, sourceLocation: SourceLocation = #_sourceLocation
) -> Session {
  let s = Session()
  for line in (base ? baseWorld : []) + lines {
    let o = s.perform(line)
    #expect(
      o.failure == nil, "setup line failed: \(line) → \(o.text)", sourceLocation: sourceLocation)
  }
  return s
}

@discardableResult
func ok(_ s: Session, _ line: String, sourceLocation: SourceLocation = #_sourceLocation) -> Outcome
{
  let o = s.perform(line)
  #expect(o.failure == nil, "\(line) → \(o.text)", sourceLocation: sourceLocation)
  return o
}

func fail(
  _ s: Session, _ line: String, _ code: String, _ rule: String?,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  let o = s.perform(line)
  #expect(o.failure?.code.rawValue == code, "\(line) → \(o.text)", sourceLocation: sourceLocation)
  #expect(o.failure?.rule?.id == rule, "\(line) → \(o.text)", sourceLocation: sourceLocation)
}

extension JSON {
  var asString: String? { if case .string(let s) = self { return s } else { return nil } }
  var asInt: Int? { if case .int(let n) = self { return n } else { return nil } }
  var asBool: Bool? { if case .bool(let b) = self { return b } else { return nil } }
  var asArray: [JSON] { if case .array(let a) = self { return a } else { return [] } }
  var isNull: Bool { self == .null }
}

/// The PLAN object of `plan <scope>` as `who` sees it (null on Basic).
func planOf(
  _ s: Session, _ scope: String, as who: String = "ann",
  sourceLocation: SourceLocation = #_sourceLocation
) -> JSON {
  ok(s, "as \(who) plan \(scope)", sourceLocation: sourceLocation).result
}

/// The events of an `advance` as "date type plan" strings.
func events(_ o: Outcome) -> [String] {
  (o.result["events"]?.asArray ?? []).map {
    "\($0["date"]?.asString ?? "?") \($0["type"]?.asString ?? "?") \($0["plan"]?.asString ?? "?")"
  }
}

// MARK: - The table

struct RuleCase: Sendable, CustomTestStringConvertible {
  /// The rule this case exercises (R1…R22, P1…P8).
  let rule: String
  let pre: [String]
  let command: String
  /// nil: the command must succeed.
  let code: String?
  /// The rule the error must cite (nil: no rule).
  let cites: String?
  /// A fragment the error message (or the output) must contain.
  let has: String?
  var testDescription: String {
    "\(rule): \(command) → \(code.map { "\($0) \(cites ?? "-")" } ?? "ok")"
  }
}

/// A case that must fail with `code`, citing `cites`, after the `pre` lines.
func fails(
  _ rule: String, _ pre: [String], _ command: String, _ code: String, _ cites: String?,
  has: String? = nil
) -> RuleCase {
  RuleCase(rule: rule, pre: pre, command: command, code: code, cites: cites, has: has)
}

func fails(_ rule: String, _ command: String, _ code: String, _ cites: String?, has: String? = nil)
  -> RuleCase
{
  fails(rule, [], command, code, cites, has: has)
}

/// A case that must succeed after the `pre` lines.
func passes(_ rule: String, _ pre: [String], _ command: String, has: String? = nil) -> RuleCase {
  RuleCase(rule: rule, pre: pre, command: command, code: nil, cites: nil, has: has)
}

func passes(_ rule: String, _ command: String, has: String? = nil) -> RuleCase {
  passes(rule, [], command, has: has)
}

func check(_ c: RuleCase, sourceLocation: SourceLocation = #_sourceLocation) {
  let s = makeSession(c.pre)
  let o = s.perform(c.command)
  if let code = c.code {
    #expect(
      o.failure?.code.rawValue == code, "\(c.command) → \(o.text)", sourceLocation: sourceLocation)
    #expect(
      o.failure?.rule?.id == c.cites, "\(c.command) → \(o.text)", sourceLocation: sourceLocation)
    if let rule = c.cites {
      #expect(
        o.text.hasSuffix("(\(rule))"), "the error line names its rule: \(o.text)",
        sourceLocation: sourceLocation)
    }
  } else {
    #expect(o.failure == nil, "\(c.command) → \(o.text)", sourceLocation: sourceLocation)
  }
  if let has = c.has {
    #expect(
      o.text.contains(has), "\(c.command) → \(o.text) should contain \(has)",
      sourceLocation: sourceLocation)
  }
}

@Suite("Rules R1–R11: scopes, sizes, tiers, who may upgrade")
struct RulesR1toR11 {
  @Test(
    "R1–R11",
    arguments: [
      // R1: a plan covers a workspace, an organization or one team; workspaces have no teams.
      fails("R1", "create team Lab --workspace Side", "invalid", "R1"),
      passes("R1", "create team Lab --org Acme"),
      passes("R1", "as wes upgrade workspace Side --tier starter"),
      // R2: monthly or annual, annual = 10 × monthly.
      fails("R2", "quote org Acme --tier starter --monthly --annual", "usage", nil),
      passes("R2", "quote org Acme --tier starter --monthly", has: "$67.45"),
      passes("R2", "quote org Acme --tier starter --annual", has: "$674.50"),
      passes("R2", "quote org Acme --tier advanced --seats 10 --monthly", has: "$304.90"),
      passes("R2", "quote org Acme --tier advanced --seats 10", has: "$3,049.00"),
      // R3: a space plan covers every billable member (guests are free).
      fails(
        "R3", "as ann upgrade org Acme --tier starter --seats 4", "invalid", "R3",
        has: "smallest size that does is 5"),
      passes("R3", "as ann upgrade org Acme --tier starter --seats 5"),
      passes(
        "R3", ["add g1 g2 g3 --org Acme --guest"],
        "as ann upgrade org Acme --tier starter --seats 5"),
      fails(
        "R3", ["add wim --workspace Side"],
        "as wes upgrade workspace Side --tier starter --seats 2", "invalid", "R3"),
      passes("R3", "as wes upgrade workspace Side --tier starter --seats 2"),
      fails("R3", acmePaid, "as ann edit org Acme --seats 4", "invalid", "R3"),
      fails("R3", "create plan org Acme --tier starter --seats 4 --owner ann", "invalid", "R3"),
      // R4: a team plan covers the team's billable members only.
      fails(
        "R4", "as ann upgrade team Design --tier starter --seats 2", "invalid", "R4",
        has: "smallest size that does is 3"),
      passes("R4", "as ann upgrade team Design --tier starter --seats 3"),
      passes("R4", "as bob upgrade team Ops --tier starter --seats 2"),
      fails("R4", "create plan team Design --tier starter --seats 2 --owner ann", "invalid", "R4"),
      // R5: sizes 2, 3, 4, 5, 10…30 by 5, 40…100 by 10, 125 and up by 25; no 1-seat plan.
      fails(
        "R5", "as ann upgrade org Acme --tier starter --seats 1", "invalid", "R5",
        has: "no 1-seat paid plan"),
      fails(
        "R5", "as ann upgrade org Acme --tier starter --seats 0", "invalid", "R5",
        has: "smallest size is 2"),
      fails(
        "R5", "as ann upgrade org Acme --tier starter --seats 6", "invalid", "R5",
        has: "nearest sizes are 5 and 10"),
      fails(
        "R5", "as ann upgrade org Acme --tier starter --seats 130", "invalid", "R5",
        has: "nearest sizes are 125 and 150"),
      fails(
        "R5", "quote org Acme --tier starter --seats 35", "invalid", "R5",
        has: "nearest sizes are 30 and 40"),
      fails("R5", "create plan org Acme --tier starter --seats 6 --owner ann", "invalid", "R5"),
      fails(
        "R5", acmePaid, "as ann edit org Acme --seats 11", "invalid", "R5",
        has: "nearest sizes are 10 and 15"),
      passes("R5", "as ann upgrade org Acme --tier starter --seats 10"),
      passes("R5", "as ann upgrade org Acme --tier starter --seats 175"),
      // R6: an org plan covers its teams; a team of a paid org has no plan of its own.
      fails(
        "R6", acmePaid, "as ann upgrade team Design --tier starter", "conflict", "R6", has: "P1"),
      fails("R6", acmeTrial, "as ann trial team Design --tier starter", "conflict", "R6"),
      fails("R6", acmeTrial, "as ann upgrade team Design --tier starter", "conflict", "R6"),
      fails("R6", acmePaid, "as ann cancel team Design", "conflict", "R6", has: "P1"),
      fails("R6", acmePaid, "as ann billing team Design", "conflict", "R6"),
      fails("R6", acmePaid, "create plan team Design --tier starter --owner ann", "conflict", "R6"),
      fails("R6", designPaid, "create plan org Acme --tier starter --owner adam", "conflict", "R6"),
      passes("R6", "as ann upgrade team Design --tier starter"),
      passes("R6", acmePaid, "as carl plan team Design", has: "covered by the organization plan"),
      // R7: a plan cannot move; cancel and upgrade the right one.
      fails(
        "R7", acmePaid, "as ann move org Acme --to org Beta", "invalid", "R7", has: "cancel P1"),
      fails(
        "R7", ["as wes upgrade workspace Side --tier starter"],
        "as wes move workspace Side --to org Acme", "invalid", "R7"),
      fails(
        "R7", designPaid, "as ann move team Design --to team Ops", "invalid", "R7",
        has: "stays on the scope"),
      // R10/P2: with no admins, the refusal names team members who may upgrade instead.
      fails(
        "R10",
        [
          "create org Solo", "add sam --org Solo", "add gia --org Solo --guest",
          "create team T --org Solo", "add sam gia --team T",
        ],
        "as gia upgrade team T --tier starter", "permission-denied", "R10", has: "(sam)"),
      passes("R7", acmePaid, "as ann cancel org Acme"),
      // R8: several teams at once go through sales, once names and the actor check out.
      fails("R8", "as ann upgrade team Design,Ops", "contact-sales", "R8"),
      fails("R8", "as ann upgrade team Design,Ops --tier starter", "contact-sales", "R8"),
      fails("R8", "as zed upgrade team Design,Ops", "contact-sales", "R8"),
      fails("R8", "as ann upgrade team Design,Nope", "not-found", nil),
      fails("R8", "as ann upgrade team \"Design, Ops\"", "contact-sales", "R8"),
      fails("R8", "as ann upgrade team Design,Ops --org Acme", "contact-sales", "R8"),
      fails("R8", "as ann upgrade team Design,Ops --org Beta", "not-found", nil),
      fails("R8", "as nobody upgrade team Design,Ops", "not-found", nil),
      fails("R8", "upgrade team Design,Ops", "no-actor", nil),
      passes("R8", "as ann upgrade team Design --tier starter"),
      // R9: Starter, Advanced self-serve; Enterprise tiers through sales; basic is not a plan.
      fails("R9", "as ann upgrade org Acme --tier enterprise", "contact-sales", "R9"),
      fails("R9", "as ann upgrade org Acme --tier enterprise+", "contact-sales", "R9"),
      fails("R9", "as ann upgrade org Acme --tier enterprise-plus", "contact-sales", "R9"),
      fails("R9", "as ann upgrade org Acme --tier basic", "invalid", "R9", has: "cancel"),
      fails("R9", "as ann upgrade org Acme --tier personal", "invalid", "R9"),
      fails("R9", "quote org Acme --tier enterprise", "contact-sales", "R9"),
      fails("R9", acmePaid, "as ann edit org Acme --tier enterprise", "contact-sales", "R9"),
      fails("R9", acmePaid, "as ann edit org Acme --tier basic", "invalid", "R9"),
      fails("R9", "create plan org Acme --tier enterprise --seats 10 --owner ann", "usage", nil),
      fails("R9", "create plan org Acme --tier basic --owner ann", "invalid", "R9"),
      // R9: a plan sold by sales changes only through sales, checked with the scope's state.
      fails(
        "R9", ["create plan org Acme --tier enterprise --seats 10 --owner ann --unit-cents 5000"],
        "as ann edit org Acme --seats 20", "contact-sales", "R9", has: "through sales"),
      fails(
        "R9",
        ["create plan org Acme --tier enterprise-plus --seats 10 --owner ann --unit-cents 9000"],
        "as ann edit org Acme --seats 5", "contact-sales", "R9"),
      fails(
        "R9", ["create plan org Acme --tier enterprise --seats 10 --owner ann --unit-cents 5000"],
        "as adam edit org Acme --seats 20", "permission-denied", "R14"),
      passes(
        "R9", ["create plan org Acme --tier enterprise --seats 10 --owner ann --unit-cents 5000"],
        "as ann cancel org Acme"),
      passes(
        "R9", ["create plan org Acme --tier enterprise --seats 10 --owner ann --unit-cents 5000"],
        "as ann address org Acme \"1 Main St\""),
      passes(
        "R9", "create plan org Acme --tier enterprise --seats 10 --owner ann --unit-cents 5000"),
      passes(
        "R9", "create plan org Acme --tier enterprise+ --seats 10 --owner ann --unit-cents 9000"),
      passes("R9", "as ann upgrade org Acme --tier advanced"),
      // R10: members upgrade their space; guests cannot.
      fails("R10", "as gus upgrade org Acme --tier starter", "permission-denied", "R10"),
      fails("R10", "as zed upgrade org Acme --tier starter", "permission-denied", "R10"),
      fails("R10", "as bea upgrade workspace Side --tier starter", "permission-denied", "R10"),
      fails("R10", "as gus upgrade team Design --tier starter", "permission-denied", "R10"),
      fails("R10", "as gus trial org Acme --tier starter", "permission-denied", "R10"),
      // SPEC §4: "a team may be upgraded ... by its people who are members ... or by the organization's admins (P2); a guest gets R10."
      fails(
        "R10", ["add gil --org Acme --guest"], "as gil upgrade team Design --tier starter",
        "permission-denied", "R10"),
      fails(
        "R10", ["add gil --org Acme --guest"], "as gil trial team Ops --tier starter",
        "permission-denied", "R10"),
      passes("R10", "as carl upgrade org Acme --tier starter"),
      passes("R10", "as wil upgrade workspace Side --tier starter"),
      passes("R10", "as carl trial org Acme --tier advanced"),
      // R11: the billing owner is the upgrader by default, and must be a member (not a guest).
      fails("R11", "as ann upgrade org Acme --tier starter --billing-owner gus", "invalid", "R11"),
      fails("R11", "as ann upgrade org Acme --tier starter --billing-owner zed", "invalid", "R11"),
      fails("R11", "as ann upgrade org Acme --tier starter --billing-owner bea", "invalid", "R11"),
      fails(
        "R11", "as ann upgrade team Design --tier starter --billing-owner gus", "invalid", "R11"),
      fails("R11", "create plan org Acme --tier starter --owner gus", "invalid", "R11"),
      fails("R11", "create plan org Acme --tier starter --owner zed", "invalid", "R11"),
      fails(
        "R11", "as ann upgrade org Acme --tier starter --billing-owner nobody", "not-found", nil),
      passes(
        "R11", "as ann upgrade org Acme --tier starter --billing-owner bob",
        has: "billing owner bob"),
      passes("R11", "as ann upgrade team Design --tier starter --billing-owner bob"),
      passes("R11", "as ann upgrade org Acme --tier starter", has: "billing owner ann"),
    ])
  func rule(_ c: RuleCase) { check(c) }
}

@Suite("Rules R12–R22: invoices, admins, the billing tab")
struct RulesR12toR22 {
  @Test(
    "R12–R22",
    arguments: [
      // R12: invoice payment only for annual plans of 20 or more seats.
      fails("R12", "as ann upgrade org Acme --tier starter --pay invoice", "unavailable", "R12"),
      fails(
        "R12", "as ann upgrade org Acme --tier starter --seats 15 --pay invoice", "unavailable",
        "R12"),
      fails(
        "R12", "as ann upgrade org Acme --tier starter --seats 20 --monthly --pay invoice",
        "unavailable", "R12"),
      fails(
        "R12", "as ann upgrade org Acme --tier starter --seats 100 --monthly --pay invoice",
        "unavailable", "R12"),
      passes("R12", "as ann upgrade org Acme --tier starter --seats 20 --pay invoice"),
      passes("R12", "as ann upgrade org Acme --tier starter --seats 20 --annual --pay invoice"),
      passes("R12", bigOrg, "as m1 upgrade org Big --tier starter --pay invoice", has: "20 seats"),
      passes(
        "R12", "create plan org Acme --tier starter --seats 5 --monthly --owner ann --pay invoice"),
      // R13: the billing owner of a space plan is an admin; admins appoint and revoke admins.
      fails("R13", "as carl appoint dave --org Acme", "permission-denied", "R13"),
      fails("R13", "as bob revoke adam --org Acme", "permission-denied", "R13"),
      fails("R13", "as ann appoint carl --org Acme", "permission-denied", "R13"),
      passes("R13", acmePaid, "as ann appoint carl --org Acme"),
      passes(
        "R13", ["as wes upgrade workspace Side --tier starter"],
        "as wes appoint wil --workspace Side"),
      passes("R13", "as adam appoint carl --org Acme"),
      passes("R13", ["as adam appoint carl --org Acme"], "as adam revoke carl --org Acme"),
      passes(
        "R13", acmePaid + ["as ann transfer org Acme --to carl"], "as carl appoint dave --org Acme"),
      fails("R13", "as adam appoint gus --org Acme", "invalid", nil),
      fails("R13", "as adam appoint adam --org Acme", "conflict", nil),
      // R14: only the current billing owner changes the plan; admins who are not cannot.
      fails(
        "R14", acmePaid, "as adam cancel org Acme", "permission-denied", "R14",
        has: "being an admin is not enough"),
      fails(
        "R14", acmePaid, "as adam edit org Acme --seats 10", "permission-denied", "R14", has: "ann"),
      fails("R14", acmePaid, "as adam pay org Acme --method paypal", "permission-denied", "R14"),
      fails("R14", acmePaid, "as adam address org Acme \"1 Main St\"", "permission-denied", "R14"),
      fails("R14", acmePaid, "as adam seats org Acme", "permission-denied", "R14"),
      fails("R14", acmePaid, "as adam invoices org Acme", "permission-denied", "R14"),
      fails("R14", acmePaid, "as adam invoice INV-0001", "permission-denied", "R14"),
      fails("R14", acmePaid, "as adam transfer org Acme --to bob", "permission-denied", "R14"),
      fails("R14", acmeCanceling, "as adam resume org Acme", "permission-denied", "R14"),
      fails("R14", acmePaid, "as carl cancel org Acme", "permission-denied", "R14"),
      fails("R14", designPaid, "as adam cancel team Design", "permission-denied", "R14"),
      fails("R14", designPaid, "as carl edit team Design --seats 5", "permission-denied", "R14"),
      passes("R14", acmePaid, "as ann cancel org Acme"),
      passes("R14", acmePaid, "as ann edit org Acme --seats 10"),
      passes("R14", acmePaid, "as ann pay org Acme --method paypal"),
      passes("R14", acmePaid, "as ann address org Acme \"1 Main St\""),
      passes("R14", acmePaid, "as ann seats org Acme", has: "5 seats"),
      passes("R14", acmePaid, "as ann invoices org Acme", has: "INV-0001"),
      passes("R14", acmePaid, "as ann invoice INV-0001", has: "INV-0001"),
      passes("R14", acmeCanceling, "as ann resume org Acme"),
      passes("R14", designPaid, "as ann cancel team Design"),
      // R15: billing ownership passes only to another member (not a guest) of the same space.
      fails("R15", acmePaid, "as ann transfer org Acme --to gus", "invalid", "R15"),
      fails("R15", acmePaid, "as ann transfer org Acme --to zed", "invalid", "R15"),
      fails("R15", acmePaid, "as ann transfer org Acme --to bea", "invalid", "R15"),
      fails("R15", acmePaid, "as ann transfer org Acme --to ann", "invalid", "R15"),
      fails("R15", designPaid, "as ann transfer team Design --to gus", "invalid", "R15"),
      fails("R15", acmePaid, "as ann transfer org Acme --to nobody", "not-found", nil),
      passes("R15", acmePaid, "as ann transfer org Acme --to bob", has: "admin"),
      passes("R15", designPaid, "as ann transfer team Design --to bob"),
      // R16: the billing owner gets a copy of every invoice.
      passes("R16", acmePaid, "inbox ann", has: "invoice INV-0001"),
      passes(
        "R16", ["as ann upgrade org Acme --tier starter --billing-owner bob"], "inbox bob",
        has: "invoice INV-0001"),
      passes(
        "R16", ["as ann upgrade org Acme --tier starter --billing-owner bob"], "inbox ann",
        has: "no messages"),
      // R17: there is no billing tab on Basic.
      fails("R17", "as ann billing org Acme", "unavailable", "R17"),
      fails("R17", "as ann cancel org Acme", "unavailable", "R17"),
      fails("R17", "as ann resume org Acme", "unavailable", "R17"),
      fails("R17", "as ann edit org Acme --seats 10", "unavailable", "R17"),
      fails("R17", "as ann seats org Acme", "unavailable", "R17"),
      fails("R17", "as ann invoices org Acme", "unavailable", "R17"),
      fails("R17", "as ann pay org Acme --method paypal", "unavailable", "R17"),
      fails("R17", "as ann address org Acme \"x\"", "unavailable", "R17"),
      fails("R17", "as ann transfer org Acme --to bob", "unavailable", "R17"),
      fails("R17", "as ann move org Acme --to org Beta", "unavailable", "R17"),
      fails("R17", "as wes billing workspace Side", "unavailable", "R17"),
      fails("R17", "as ann billing team Design", "unavailable", "R17"),
      fails("R17", designPaid, "as adam billing org Acme", "unavailable", "R17"),
      passes("R17", acmePaid, "as ann billing org Acme"),
      passes("R17", acmeTrial, "as ann billing org Acme"),
      // R18: a space plan's tab is in the admin console (admins); a team plan's in the team's settings (its owner).
      fails("R18", acmePaid, "as carl billing org Acme", "permission-denied", "R18"),
      fails("R18", acmePaid, "as gus billing org Acme", "permission-denied", "R18"),
      fails(
        "R18", designPaid, "as adam billing team Design", "permission-denied", "R18",
        has: "admin console never shows a team plan"),
      fails("R18", designPaid, "as carl billing team Design", "permission-denied", "R18"),
      passes("R18", acmePaid, "as adam billing org Acme", has: "only the billing owner"),
      passes("R18", acmePaid, "as ann billing org Acme", has: "billing owner ann"),
      passes("R18", designPaid, "as ann billing team Design", has: "team's settings"),
      // R19: a plan paid by invoice changes only through sales.
      fails("R19", acmeInvoice, "as ann cancel org Acme", "contact-sales", "R19"),
      fails("R19", acmeInvoice, "as ann edit org Acme --seats 25", "contact-sales", "R19"),
      fails("R19", acmeInvoice, "as ann edit org Acme --tier advanced", "contact-sales", "R19"),
      fails("R19", acmeInvoice, "as ann edit org Acme --monthly", "contact-sales", "R19"),
      fails("R19", acmeInvoice, "as ann downgrade org Acme --seats 10", "contact-sales", "R19"),
      fails("R19", acmeInvoice, "as ann pay org Acme --method card", "contact-sales", "R19"),
      passes("R19", acmeInvoice, "as ann address org Acme \"1 Sales Rd\""),
      passes("R19", acmeInvoice, "as ann seats org Acme"),
      passes("R19", acmeInvoice, "as ann transfer org Acme --to bob"),
      passes(
        "R19", acmeInvoice, "as ann billing org Acme", has: "contact sales: paid by invoice (R19)"),
      // R20: canceling takes effect at the period end and can be undone; a trial cancels at once.
      passes("R20", acmePaid, "as ann cancel org Acme", has: "2027-01-01"),
      fails("R20", acmeCanceling, "as ann cancel org Acme", "conflict", "R20"),
      fails(
        "R20", acmeCanceling, "as ann edit org Acme --seats 10", "conflict", "R20", has: "resume"),
      passes("R20", acmeCanceling, "as ann resume org Acme"),
      fails("R20", acmePaid, "as ann resume org Acme", "conflict", nil),
      passes("R20", acmeTrial, "as ann cancel org Acme", has: "at once"),
      passes("R20", acmeCanceling, "as ann plan org Acme", has: "canceling"),
      // R21: canceling never deletes data: invoices stay, open to the last billing owner.
      passes("R21", acmeCanceling + ["advance 1y"], "as ann invoice INV-0001"),
      fails(
        "R21", acmeCanceling + ["advance 1y"], "as adam invoice INV-0001", "permission-denied",
        "R14"),
      fails(
        "R21", acmeCanceling + ["advance 1y"], "as ann invoices org Acme", "unavailable", "R17"),
      passes("R21", acmeCanceling + ["advance 1y"], "remove carl --team Design"),
      passes("R21", acmeCanceling + ["advance 1y"], "as adam appoint carl --org Acme"),
      // R22: the payment method switches between card and PayPal.
      fails("R22", acmePaid, "as ann pay org Acme --method invoice", "invalid", "R22"),
      fails("R22", acmePaid, "as ann pay org Acme --method card", "conflict", nil),
      fails("R22", acmePaid, "as ann pay org Acme --method cash", "usage", nil),
      passes("R22", acmePaid, "as ann pay org Acme --method paypal", has: "paypal"),
      passes(
        "R22", acmePaid + ["as ann pay org Acme --method paypal"],
        "as ann pay org Acme --method card"),
    ])
  func rule(_ c: RuleCase) { check(c) }
}

@Suite("Rules P1–P8: the project's modelling choices")
struct RulesP1toP8 {
  @Test(
    "P1–P8",
    arguments: [
      // P1: self-serve plans go up to 500 seats.
      fails("P1", "as ann upgrade org Acme --tier starter --seats 525", "contact-sales", "P1"),
      fails("P1", "as ann upgrade org Acme --tier starter --seats 1000", "contact-sales", "P1"),
      fails(
        "P1", hugeOrg, "as h1 upgrade org Huge --tier starter", "contact-sales", "P1", has: "525"),
      fails("P1", hugeOrg, "quote org Huge --tier starter", "contact-sales", "P1"),
      fails("P1", "quote org Acme --tier starter --seats 525", "contact-sales", "P1"),
      fails("P1", acmePaid, "as ann edit org Acme --seats 525", "contact-sales", "P1"),
      fails("P1", "as ann upgrade org Acme --tier starter --seats 510", "invalid", "R5"),
      passes("P1", "as ann upgrade org Acme --tier starter --seats 500"),
      passes("P1", "quote org Acme --tier starter --seats 500"),
      passes("P1", "create plan org Acme --tier starter --seats 600 --owner ann"),
      passes("P1", hugeOrg, "create plan org Huge --tier starter --owner h1", has: "525 seats"),
      // P2: a team is upgraded or trialed by one of its members or an admin of its organization.
      fails("P2", "as bob upgrade team Design --tier starter", "permission-denied", "P2"),
      fails("P2", "as bea upgrade team Design --tier starter", "permission-denied", "P2"),
      fails("P2", "as bob trial team Design --tier starter", "permission-denied", "P2"),
      passes("P2", "as adam upgrade team Design --tier starter"),
      passes("P2", "as carl upgrade team Design --tier starter"),
      passes("P2", "as adam trial team Design --tier advanced"),
      passes("P2", "as bob upgrade team Ops --tier advanced --seats 2 --monthly"),
      // P3: increases at once, pro rata; decreases and cycle changes at renewal.
      passes("P3", acmePaid, "as ann edit org Acme --seats 10", has: "pro rata"),
      passes("P3", acmePaid, "as ann edit org Acme --tier advanced", has: "pro rata"),
      passes("P3", acmePaid, "as ann edit org Acme --monthly", has: "on 2027-01-01"),
      passes(
        "P3", ["as ann upgrade org Acme --tier advanced --seats 10"],
        "as ann downgrade org Acme --tier starter --seats 5", has: "on 2027-01-01"),
      fails(
        "P3", acmePaid, "as ann edit org Acme --seats 5", "conflict", nil, has: "nothing to change"),
      fails("P3", acmePaid, "as ann edit org Acme --annual", "conflict", nil),
      fails("P3", acmePaid, "as ann edit org Acme --tier starter", "conflict", nil),
      // P4: 30-day trials, Starter or Advanced, once per scope; no seats, no invoices.
      passes("P4", "as ann trial org Acme --tier starter", has: "2026-01-31"),
      passes("P4", "as ann trial team Design --tier advanced"),
      fails("P4", acmeTrial, "as ann trial org Acme --tier starter", "conflict", "P4"),
      fails(
        "P4", acmeTrial + ["advance 30d"], "as ann trial org Acme --tier starter", "conflict", "P4"),
      fails(
        "P4", acmeTrial + ["as ann cancel org Acme"], "as ann trial org Acme --tier advanced",
        "conflict", "P4"),
      fails("P4", "as ann trial org Acme --tier enterprise", "invalid", "P4"),
      fails("P4", acmeTrial, "as ann edit org Acme --seats 10", "conflict", "P4"),
      fails("P4", acmeTrial, "as ann pay org Acme --method paypal", "conflict", "P4"),
      fails("P4", acmeTrial, "as ann seats org Acme", "conflict", "P4"),
      fails("P4", acmePaid, "as ann trial org Acme --tier starter", "conflict", nil),
      passes("P4", acmeTrial, "as ann upgrade org Acme --tier starter", has: "P1"),
      passes("P4", acmeTrial + ["advance 30d"], "as ann upgrade org Acme --tier starter"),
      // P5: adding a billable member to a full plan resizes it (card/PayPal) or flags it (invoice).
      passes("P5", acmePaid, "add eve --org Acme", has: "resized from 5 to 10"),
      passes("P5", acmePaid, "add e1 e2 e3 e4 e5 e6 --org Acme", has: "resized from 5 to 15"),
      passes("P5", acmePaid, "add gus --org Acme", has: "resized from 5 to 10"),
      passes("P5", designPaid, "add bob --team Design", has: "resized from 3 to 4"),
      passes(
        "P5", ["as ann upgrade org Acme --tier starter --seats 20 --pay invoice"],
        "add " + (1...16).map { "e\($0)" }.joined(separator: " ") + " --org Acme",
        has: "over its size"),
      // P6: an org with team plans is upgraded only by its admins; no trial for it.
      fails("P6", designPaid, "as bob upgrade org Acme --tier starter", "permission-denied", "P6"),
      fails("P6", designPaid, "as ann upgrade org Acme --tier starter", "permission-denied", "P6"),
      fails("P6", designPaid, "as adam trial org Acme --tier starter", "conflict", "P6"),
      fails("P6", designPaid, "as bob trial org Acme --tier starter", "conflict", "P6"),
      fails(
        "P6", ["as ann trial team Design --tier starter"], "as adam trial org Acme --tier starter",
        "conflict", "P6"),
      passes("P6", designPaid, "as adam upgrade org Acme --tier starter", has: "credited"),
      passes("P6", "as bob upgrade org Acme --tier starter"),
      // P7: a billing owner cannot leave the space, nor lose the admin role while owning its plan.
      fails("P7", acmePaid, "remove ann --org Acme", "conflict", "P7"),
      fails("P7", acmePaid, "as adam revoke ann --org Acme", "conflict", "P7"),
      fails("P7", designPaid, "remove ann --org Acme", "conflict", "P7"),
      fails(
        "P7", ["as wes upgrade workspace Side --tier starter"], "remove wes --workspace Side",
        "conflict", "P7"),
      passes("P7", acmePaid + ["as ann transfer org Acme --to bob"], "remove ann --org Acme"),
      passes(
        "P7", acmePaid + ["as ann transfer org Acme --to bob"], "as adam revoke ann --org Acme"),
      passes("P7", designPaid, "remove ann --team Design"),
      passes("P7", acmePaid, "remove carl --org Acme"),
      // P8: anyone in a space (member or guest) may view its plans.
      fails("P8", acmePaid, "as zed plan org Acme", "permission-denied", "P8"),
      fails("P8", designPaid, "as bea plan team Design", "permission-denied", "P8"),
      passes("P8", acmePaid, "as gus plan org Acme", has: "P1"),
      passes("P8", acmePaid, "as carl plan org Acme", has: "P1"),
      passes("P8", designPaid, "as bob plan team Design", has: "P1"),
      passes("P8", "as carl plan org Acme", has: "Basic"),
    ])
  func rule(_ c: RuleCase) { check(c) }
}

// MARK: - Check order (SPEC §4)

@Suite("Check order: syntax → names → actor → plan (R17) → permission → state → values")
struct CheckOrderTests {
  @Test(
    "the first failure wins",
    arguments: [
      fails("R14", acmePaid, "as ann cancel org Nope --frob", "usage", nil),
      fails("R14", "cancel org Nope", "not-found", nil),
      fails("R14", "as zed cancel org Nope", "not-found", nil),
      fails("R14", acmePaid, "as nobody cancel org Acme", "not-found", nil),
      fails("R15", "transfer org Acme --to nobody", "not-found", nil),
      fails("R11", "upgrade org Acme --tier starter --billing-owner nobody", "not-found", nil),
      fails("R14", acmePaid, "cancel org Acme", "no-actor", nil),
      fails("R10", "upgrade org Acme --tier enterprise --seats 6", "no-actor", nil),
      fails("P8", "plan org Acme", "no-actor", nil),
      fails("R17", "as carl cancel org Acme", "unavailable", "R17"),
      fails("R17", "as zed cancel org Acme", "unavailable", "R17"),
      fails("R17", "as gus billing org Acme", "unavailable", "R17"),
      fails("R17", "as carl transfer org Acme --to gus", "unavailable", "R17"),
      fails("R14", acmePaid, "as adam resume org Acme", "permission-denied", "R14"),
      fails("R14", acmeInvoice, "as adam cancel org Acme", "permission-denied", "R14"),
      fails("R14", acmePaid, "as adam transfer org Acme --to ann", "permission-denied", "R14"),
      fails("R14", acmePaid, "as adam pay org Acme --method invoice", "permission-denied", "R14"),
      fails("R14", acmePaid, "as adam move org Acme --to org Beta", "permission-denied", "R14"),
      fails(
        "R10", "as gus upgrade org Acme --tier enterprise --seats 6", "permission-denied", "R10"),
      fails(
        "R6", acmePaid, "as ann upgrade team Design --tier enterprise --seats 6", "conflict", "R6"),
      fails("R20", acmeCanceling, "as ann edit org Acme --seats 6", "conflict", "R20"),
      fails("R19", acmeInvoice, "as ann edit org Acme --seats 6", "contact-sales", "R19"),
      fails("R19", acmeInvoice, "as ann pay org Acme --method invoice", "contact-sales", "R19"),
      fails("P4", acmeTrial, "as ann edit org Acme --seats 6", "conflict", "P4"),
      fails("R9", acmePaid, "as ann upgrade org Acme --tier enterprise", "conflict", nil),
      fails("R9", "as ann upgrade org Acme --tier basic --seats 6", "invalid", "R9"),
      fails(
        "R5", "as ann upgrade org Acme --tier starter --seats 6 --billing-owner gus --pay invoice",
        "invalid", "R5"),
      fails(
        "R3", "as ann upgrade org Acme --tier starter --seats 4 --billing-owner gus", "invalid",
        "R3"),
      fails(
        "P1", "as ann upgrade org Acme --tier starter --seats 525 --billing-owner gus",
        "contact-sales", "P1"),
      fails(
        "R11", "as ann upgrade org Acme --tier starter --billing-owner gus --pay invoice --monthly",
        "invalid", "R11"),
      fails("R15", acmePaid, "as ann transfer org Acme --to ann", "invalid", "R15"),
      fails("R8", "as ann upgrade team Nope,Ops", "not-found", nil),
      fails("R14", "invoice INV-0099", "not-found", nil),
      fails("R13", "appoint nobody --org Acme", "not-found", nil),
      fails("R13", "appoint carl --org Nope", "not-found", nil),
      fails("R13", "appoint carl --org Acme", "no-actor", nil),
      fails("R7", acmePaid, "as ann move org Acme --to org Nope", "not-found", nil),
      // Syntax (every usage error) before names, names before state (SPEC §4).
      fails(
        "R9", "create plan org Nope --tier enterprise --owner nobody", "usage", nil,
        has: "--unit-cents"),
      fails("R4", "add ann stranger1 --team Design", "not-found", nil, has: "stranger1"),
      fails("R4", "add ann ann --team Nope", "usage", nil, has: "named twice"),
      fails("R13", "appoint nobody", "usage", nil),
      fails("R14", "address org Nope \"a\\tb\"", "not-found", nil),
      fails("R14", acmePaid, "as bob address org Acme \"\"", "usage", nil),
      fails("R11", "as ann upgrade org Nope --tier starter --address \"\"", "usage", nil),
      fails("R18", acmePaid, "billing org Acme", "no-actor", nil),
    ])
  func order(_ c: RuleCase) { check(c) }
}

// MARK: - Boundaries

@Suite("Boundaries: sizes, thresholds, limits")
struct BoundaryTests {
  @Test("R5/P1: every seat count from 0 to 560 through quote on a 1-member workspace")
  func sizesThroughQuote() {
    let s = makeSession(["create workspace Solo", "add sol --workspace Solo"], base: false)
    let valid = Set(
      [2, 3, 4, 5, 10, 15, 20, 25, 30, 40, 50, 60, 70, 80, 90, 100]
        + Array(stride(from: 125, through: 600, by: 25)))
    for n in 0...560 {
      let o = s.perform("quote workspace Solo --tier starter --seats \(n)")
      if !valid.contains(n) {
        expectEqual(o.failure?.code, .invalid, "R5 \(n): \(o.text)")
        expectEqual(o.failure?.rule, .r5, "R5 \(n): \(o.text)")
        if n >= 3 {
          let up = valid.sorted().first { $0 > n }!, down = valid.sorted().last { $0 < n }!
          expectTrue(o.text.contains("\(down) and \(up)"), "R5 hint for \(n): \(o.text)")
        } else {
          expectTrue(o.text.contains("smallest size is 2"), "R5 hint for \(n): \(o.text)")
        }
      } else if n > 500 {
        expectEqual(o.failure?.code, .contactSales, "P1 \(n): \(o.text)")
        expectEqual(o.failure?.rule, .p1, "P1 \(n): \(o.text)")
      } else {
        expectTrue(o.failure == nil, "\(n): \(o.text)")
        expectEqual(o.result["seats"]?.asInt, n)
        expectEqual(o.result["period_cents"]?.asInt, n * 13490)
        expectEqual(o.result["unit_cents"]?.asInt, 13490)
      }
    }
  }

  @Test("R12: 19 billable members → 20 seats by default, invoice allowed; 15 or monthly 20 refused")
  func invoiceThreshold() {
    let s = makeSession(bigOrg)
    fail(s, "as m1 upgrade org Big --tier starter --seats 15 --pay invoice", "invalid", "R3")
    fail(
      s, "as m1 upgrade org Big --tier starter --seats 20 --monthly --pay invoice", "unavailable",
      "R12")
    expectEqual(ok(s, "quote org Big --tier starter").result["seats"]?.asInt, 20)
    let o = ok(s, "as m1 upgrade org Big --tier starter --pay invoice")
    expectEqual(o.result["plan"]?["seats"]?.asInt, 20)
    expectEqual(o.result["plan"]?["payment"]?.asString, "invoice")
    expectEqual(o.result["invoice"]?["status"]?.asString, "open")
    expectEqual(o.result["invoice"]?["amount_cents"]?.asInt, 20 * 13490)
  }

  @Test("R12: a 5-member org: 15 annual by invoice refused, 20 annual accepted, card at any size")
  func invoiceThresholdSmall() {
    let s = makeSession([])
    fail(s, "as ann upgrade org Acme --tier starter --seats 15 --pay invoice", "unavailable", "R12")
    let o = ok(s, "as ann upgrade org Acme --tier starter --seats 20 --pay invoice")
    expectEqual(o.result["invoice"]?["payment"]?.asString, "invoice")
    let w = makeSession([])
    #expect(
      ok(w, "as wes upgrade workspace Side --tier starter --seats 2 --monthly --pay paypal").result[
        "invoice"]?["status"]?.asString == "paid")
  }

  @Test("P1 does not limit create plan; P1/R12 do not apply to sales plans")
  func createPlanUnlimited() {
    let s = makeSession(hugeOrg)
    fail(s, "as h1 upgrade org Huge --tier starter", "contact-sales", "P1")
    let o = ok(
      s, "create plan org Huge --tier starter --seats 1000 --monthly --owner h2 --pay invoice")
    expectEqual(o.result["plan"]?["seats"]?.asInt, 1000)
    expectEqual(o.result["plan"]?["cycle"]?.asString, "monthly")
    expectEqual(o.result["invoice"]?["amount_cents"]?.asInt, 1000 * 1349)
    // and R13: the sales plan's owner is an admin of the space
    expectTrue(ok(s, "as h2 appoint h3 --org Huge").failure == nil)
  }

  @Test("quote checks the same values as upgrade")
  func quoteValues() {
    let s = makeSession([])
    #expect(
      ok(s, "quote team Design --tier advanced --monthly").result["period_cents"]?.asInt == 3 * 3049
    )
    expectEqual(ok(s, "quote team Ops --tier starter").result["seats"]?.asInt, 2)
    fail(s, "quote team Design --tier starter --seats 2", "invalid", "R4")
    fail(s, "quote org Acme --tier basic", "invalid", "R9")
    fail(s, "quote org Nope --tier starter", "not-found", nil)
  }
}

// MARK: - Dates and the clock

@Suite("Dates: month ends, leap years, renewals on the exact day")
struct DateTests {
  @Test("monthly plan bought Jan 31 renews Feb 28, Mar 31, Apr 30 (anchored)")
  func monthEnds() {
    let s = makeSession(["advance 30d"])
    expectEqual(ok(s, "clock").result["date"]?.asString, "2026-01-31")
    let o = ok(s, "as ann upgrade org Acme --tier starter --monthly")
    expectEqual(o.result["plan"]?["period_start"]?.asString, "2026-01-31")
    expectEqual(o.result["plan"]?["period_end"]?.asString, "2026-02-28")
    expectTrue(events(ok(s, "advance 27d")).isEmpty)
    expectEqual(events(ok(s, "advance 1d")), ["2026-02-28 renewal P1"])
    expectEqual(planOf(s, "org Acme")["period_end"]?.asString, "2026-03-31")
    expectEqual(events(ok(s, "advance 31d")), ["2026-03-31 renewal P1"])
    expectEqual(planOf(s, "org Acme")["period_end"]?.asString, "2026-04-30")
    expectEqual(events(ok(s, "advance 2m")), ["2026-04-30 renewal P1", "2026-05-31 renewal P1"])
    expectEqual(planOf(s, "org Acme")["period_start"]?.asString, "2026-05-31")
    expectEqual(planOf(s, "org Acme")["period_end"]?.asString, "2026-06-30")
  }

  @Test("annual plan bought on 2028-02-29 renews 2029-02-28 … 2032-02-29")
  func leapDay() {
    let s = makeSession(["advance 2y", "advance 59d"])
    expectEqual(ok(s, "clock").result["date"]?.asString, "2028-02-29")
    let o = ok(s, "as ann upgrade org Acme --tier starter")
    expectEqual(o.result["plan"]?["period_end"]?.asString, "2029-02-28")
    expectEqual(events(ok(s, "advance 1y")), ["2029-02-28 renewal P1"])
    expectEqual(planOf(s, "org Acme")["period_end"]?.asString, "2030-02-28")
    expectEqual(events(ok(s, "advance 2y")), ["2030-02-28 renewal P1", "2031-02-28 renewal P1"])
    expectEqual(planOf(s, "org Acme")["period_end"]?.asString, "2032-02-29")
    expectEqual(events(ok(s, "advance 365d")), [])  // 2032-02-28
    expectEqual(events(ok(s, "advance 1d")), ["2032-02-29 renewal P1"])
    expectEqual(planOf(s, "org Acme")["period_end"]?.asString, "2033-02-28")
  }

  @Test("a renewal dated on the day advanced to is handled, with its invoice dated that day")
  func exactDay() {
    let s = makeSession(acmePaid)
    expectTrue(events(ok(s, "advance 364d")).isEmpty)
    let o = ok(s, "advance 1d")
    expectEqual(o.result["date"]?.asString, "2027-01-01")
    expectEqual(events(o), ["2027-01-01 renewal P1"])
    expectEqual(o.result["events"]?.asArray.first?["invoice"]?.asString, "INV-0002")
    let inv = ok(s, "as ann invoice INV-0002").result
    expectEqual(inv["date"]?.asString, "2027-01-01")
    expectEqual(inv["amount_cents"]?.asInt, 5 * 13490)
    expectEqual(inv["sent_to"]?.asString, "ann")
    let t = makeSession(acmePaid)
    expectEqual(events(ok(t, "advance 1y")), ["2027-01-01 renewal P1"])
  }

  @Test("events of one day are listed by plan id, whatever their kind")
  func sameDayOrder() {
    let s = makeSession([
      "as wes upgrade workspace Side --tier starter",  // P1, annual: renews 2027-01-01
      "advance 334d",  // 2026-12-01
      "as bea upgrade org Beta --tier advanced --monthly",  // P2: renews 2027-01-01
      "as ann upgrade team Design --tier starter --monthly",  // P3: renews 2027-01-01
      "as wes cancel workspace Side",
    ])
    expectEqual(ok(s, "clock").result["date"]?.asString, "2026-12-01")
    let o = ok(s, "advance 1m")
    #expect(
      events(o) == ["2027-01-01 cancellation P1", "2027-01-01 renewal P2", "2027-01-01 renewal P3"])
  }

  @Test("advance outside 2000-01-01…9999-12-31 is a usage error and changes nothing")
  func calendarRange() {
    let s = makeSession([])
    fail(s, "advance 8000y", "usage", nil)
    fail(s, "advance 97974y", "usage", nil)
    fail(s, "advance 9999999m", "usage", nil)
    fail(s, "advance 9999999d", "usage", nil)
    expectEqual(ok(s, "clock").result["date"]?.asString, "2026-01-01")
    ok(s, "advance 0d")
    expectEqual(ok(s, "clock").result["date"]?.asString, "2026-01-01")
  }
}

// MARK: - Cancellation, trials (R20, R21, P4)

@Suite("Cancellation and trials")
struct CancelTrialTests {
  @Test(
    "R20: a canceled plan stays active until its period end, then the scope is on Basic; R21 keeps data"
  )
  func cancelAtPeriodEnd() {
    let s = makeSession(acmeCanceling)
    expectEqual(planOf(s, "org Acme")["status"]?.asString, "canceling")
    expectTrue(events(ok(s, "advance 364d")).isEmpty)
    expectEqual(planOf(s, "org Acme")["status"]?.asString, "canceling")
    let f = ok(s, "features carl").result["access"]?.asArray ?? []
    expectEqual(f.first?["tier"]?.asString, "starter")
    let o = ok(s, "advance 1d")
    expectEqual(events(o), ["2027-01-01 cancellation P1"])
    expectEqual(o.result["events"]?.asArray.first?["invoice"]?.isNull, true)
    expectTrue(planOf(s, "org Acme").isNull)
    // R21: people, teams, admins and invoices stay
    let show = ok(s, "show").result
    expectEqual(show["teams"]?.asInt, 2)
    expectEqual(show["invoices"]?.asInt, 1)
    ok(s, "as ann invoice INV-0001")
    ok(s, "as ann appoint carl --org Acme")  // ann stays an admin
    ok(s, "as adam appoint dave --org Acme")
    expectTrue(ok(s, "inbox ann").text.contains("ended as canceled"))
  }

  @Test("R20: resume undoes the cancellation; the plan renews")
  func resume() {
    let s = makeSession(acmeCanceling + ["as ann resume org Acme"])
    expectEqual(planOf(s, "org Acme")["status"]?.asString, "active")
    expectEqual(events(ok(s, "advance 1y")), ["2027-01-01 renewal P1"])
  }

  @Test("R20: a trial cancels at once; P4: no second trial")
  func trialCancel() {
    let s = makeSession(acmeTrial)
    ok(s, "as ann cancel org Acme")
    expectTrue(planOf(s, "org Acme").isNull)
    fail(s, "as ann trial org Acme --tier advanced", "conflict", "P4")
    expectTrue(events(ok(s, "advance 60d")).isEmpty)
    ok(s, "as ann upgrade org Acme --tier starter")
  }

  @Test("P4: a trial lasts 30 days, has no seats and no invoices, then returns the scope to Basic")
  func trialEnds() {
    let s = makeSession(acmeTrial)
    let p = planOf(s, "org Acme")
    expectEqual(p["status"]?.asString, "trial")
    expectEqual(p["period_end"]?.asString, "2026-01-31")
    expectEqual(p["seats"]?.isNull, true)
    expectEqual(p["period_cents"]?.asInt, 0)
    expectEqual(
      ok(s, "features carl").result["access"]?.asArray.first?["tier"]?.asString, "starter")
    expectTrue(events(ok(s, "advance 29d")).isEmpty)
    expectEqual(planOf(s, "org Acme")["status"]?.asString, "trial")
    let o = ok(s, "advance 1d")
    expectEqual(events(o), ["2026-01-31 trial-end P1"])
    expectTrue(planOf(s, "org Acme").isNull)
    expectEqual(ok(s, "show").result["invoices"]?.asInt, 0)
    expectTrue(ok(s, "inbox ann").text.contains("trial P1 of org Acme ended"))
  }

  @Test("P4: upgrading during a trial keeps the plan id and starts the paid period that day")
  func upgradeTrial() {
    let s = makeSession(acmeTrial + ["advance 10d"])
    let o = ok(s, "as bob upgrade org Acme --tier advanced")
    expectEqual(o.result["plan"]?["id"]?.asString, "P1")
    expectEqual(o.result["plan"]?["status"]?.asString, "active")
    expectEqual(o.result["plan"]?["billing_owner"]?.asString, "bob")
    expectEqual(o.result["plan"]?["period_start"]?.asString, "2026-01-11")
    expectEqual(o.result["plan"]?["period_end"]?.asString, "2027-01-11")
    expectEqual(o.result["invoice"]?["amount_cents"]?.asInt, 5 * 30490)
    expectTrue(events(ok(s, "advance 30d")).isEmpty)  // the old trial end is no event
  }

  @Test("create plan ends an open trial; the new plan gets a new id")
  func createPlanEndsTrial() {
    let s = makeSession(acmeTrial)
    let o = ok(
      s, "create plan org Acme --tier enterprise --seats 10 --owner bob --unit-cents 50000")
    expectEqual(o.result["plan"]?["id"]?.asString, "P2")
    expectEqual(o.result["invoice"]?["amount_cents"]?.asInt, 500_000)
    expectEqual(planOf(s, "org Acme")["id"]?.asString, "P2")
  }

  @Test("trial results: invoice null (SPEC §5)")
  func trialResult() {
    let s = makeSession([])
    let o = ok(s, "as ann trial team Design --tier advanced")
    expectEqual(o.result["invoice"]?.isNull, true)
    expectEqual(o.result["plan"]?["status"]?.asString, "trial")
  }
}

// MARK: - Money: P3 pro rata, P5 resize, P6 credits

@Suite("Money through commands: pro rata, resizes, credits")
struct MoneyFlowTests {
  @Test("P3: pro rata at exactly half a cent rounds up (one rounding)")
  func halfCent() {
    // A monthly plan of Feb 2026 (28 days); 14 days left; +5 starter seats: 6745 × 14 / 28 = 3372.5.
    let s = makeSession([
      "advance 31d", "as ann upgrade org Acme --tier starter --monthly", "advance 14d",
    ])
    let o = ok(s, "as ann edit org Acme --seats 10")
    expectEqual(o.result["invoice"]?["amount_cents"]?.asInt, 3373)
    expectEqual(o.result["plan"]?["seats"]?.asInt, 10)
    expectEqual(o.result["plan"]?["period_end"]?.asString, "2026-03-01")
  }

  @Test("P3: a higher tier takes effect at once, charged pro rata for the rest of the period")
  func tierUp() {
    let s = makeSession(acmePaid + ["advance 100d"])
    let o = ok(s, "as ann edit org Acme --tier advanced")
    // 5 × (30490 − 13490) × 265 / 365 = 61712.33
    expectEqual(o.result["invoice"]?["amount_cents"]?.asInt, 61712)
    expectEqual(o.result["plan"]?["tier"]?.asString, "advanced")
    expectEqual(o.result["plan"]?["period_end"]?.asString, "2027-01-01")
  }

  @Test("P3: fewer seats, a lower tier, a cycle change wait for the renewal")
  func decreasesWait() {
    let s = makeSession(["as ann upgrade org Acme --tier advanced --seats 10"])
    let o = ok(s, "as ann edit org Acme --tier starter --seats 5 --monthly")
    expectEqual(o.result["invoice"]?.isNull, true)
    expectEqual(o.result["plan"]?["seats"]?.asInt, 10)
    expectEqual(o.result["plan"]?["tier"]?.asString, "advanced")
    expectEqual(o.result["plan"]?["scheduled"]?["seats"]?.asInt, 5)
    let a = ok(s, "advance 1y")
    expectEqual(events(a), ["2027-01-01 change P1"])
    let p = planOf(s, "org Acme")
    expectEqual(p["tier"]?.asString, "starter")
    expectEqual(p["seats"]?.asInt, 5)
    expectEqual(p["cycle"]?.asString, "monthly")
    expectEqual(p["period_start"]?.asString, "2027-01-01")
    expectEqual(p["period_end"]?.asString, "2027-02-01")  // renewals count from the change
    expectEqual(ok(s, "as ann invoice INV-0002").result["amount_cents"]?.asInt, 5 * 1349)
  }

  @Test(
    "a scheduled size that no longer covers everyone renews at the smallest size that does (resize)"
  )
  func scheduledResize() {
    let s = makeSession([
      "as ann upgrade org Acme --tier starter --seats 10", "as ann edit org Acme --seats 5",
      "add e1 e2 e3 --org Acme",
    ])
    expectEqual(planOf(s, "org Acme")["seats"]?.asInt, 10)
    let a = ok(s, "advance 1y")
    expectEqual(events(a), ["2027-01-01 resize P1"])
    expectEqual(planOf(s, "org Acme")["seats"]?.asInt, 10)
    expectEqual(ok(s, "as ann invoice INV-0002").result["amount_cents"]?.asInt, 10 * 13490)
  }

  @Test(
    "P5: everyone added at once: one resize to the smallest covering size, pro rata, owner told")
  func resizeAtOnce() {
    let s = makeSession(acmePaid + ["advance 100d"])
    let o = ok(s, "add e1 e2 e3 e4 e5 e6 --org Acme")
    expectTrue(o.text.contains("resized from 5 to 15"))
    expectEqual(planOf(s, "org Acme")["seats"]?.asInt, 15)
    let inv = ok(s, "as ann invoice INV-0002").result
    expectEqual(inv["amount_cents"]?.asInt, 97941)  // 10 × 13490 × 265 / 365 = 97941.10
    expectTrue(ok(s, "inbox ann").text.contains("resized from 5 to 15"))
    expectEqual(ok(s, "show").result["invoices"]?.asInt, 2)
  }

  @Test("P5: guests are free: adding one changes nothing")
  func guestFree() {
    let s = makeSession(acmePaid)
    let o = ok(s, "add g1 g2 --org Acme --guest")
    expectTrue(!o.text.contains("resized"))
    let seats = ok(s, "as ann seats org Acme").result
    expectEqual(seats["seats"]?.asInt, 5)
    expectEqual(seats["used"]?.asInt, 5)
    expectEqual(seats["over"]?.asBool, false)
  }

  @Test("P5: a full invoice plan is flagged over its size instead")
  func invoiceOver() {
    let s = makeSession(["as ann upgrade org Acme --tier starter --seats 20 --pay invoice"])
    ok(s, "add " + (1...16).map { "e\($0)" }.joined(separator: " ") + " --org Acme")
    let seats = ok(s, "as ann seats org Acme").result
    expectEqual(seats["seats"]?.asInt, 20)
    expectEqual(seats["used"]?.asInt, 21)
    expectEqual(seats["over"]?.asBool, true)
    expectEqual(ok(s, "show").result["invoices"]?.asInt, 1)
    expectTrue(ok(s, "inbox ann").text.contains("over its size"))
  }

  @Test("P5: a resize past the self-serve limit is not made; the plan is flagged")
  func resizePastLimit() {
    let s = makeSession(["as ann upgrade org Acme --tier starter --seats 500"])
    ok(s, "add " + (1...496).map { "x\($0)" }.joined(separator: " ") + " --org Acme")
    let seats = ok(s, "as ann seats org Acme").result
    expectEqual(seats["seats"]?.asInt, 500)
    expectEqual(seats["used"]?.asInt, 501)
    expectEqual(seats["over"]?.asBool, true)
  }

  @Test(
    "P6: team plans end the day the org is upgraded; unused time is credited on its first invoice")
  func credits() {
    let s = makeSession(designPaid + ["advance 100d"])
    let o = ok(s, "as adam upgrade org Acme --tier starter")
    expectEqual(o.result["plan"]?["id"]?.asString, "P2")
    // 5 × 13490 − round(3 × 13490 × 265 / 365) = 67450 − 29382
    expectEqual(o.result["invoice"]?["amount_cents"]?.asInt, 67450 - 29382)
    expectEqual(planOf(s, "team Design", as: "carl")["id"]?.asString, "P2")
    expectTrue(ok(s, "inbox ann").text.contains("P1 (team Design) ended"))
    ok(s, "as ann invoice INV-0001")  // R21: the absorbed plan's invoices stay with its last owner
  }

  @Test("P6: the first invoice is never below 0; a trial is credited 0")
  func creditFloor() {
    let s = makeSession(["as ann upgrade team Design --tier advanced --seats 100"])
    let o = ok(s, "as adam upgrade org Acme --tier starter")
    expectEqual(o.result["invoice"]?["amount_cents"]?.asInt, 0)
    let t = makeSession(["as ann trial team Design --tier advanced"])
    let u = ok(t, "as adam upgrade org Acme --tier starter")
    expectEqual(u.result["invoice"]?["amount_cents"]?.asInt, 67450)
  }
}

// MARK: - Roles: R4, R13, R16, P7, features, can, log

@Suite("Roles, features, can and log")
struct RoleTests {
  func access(_ s: Session, _ user: String) -> [String: String] {
    var out: [String: String] = [:]
    for a in ok(s, "features \(user)").result["access"]?.asArray ?? [] {
      out[a["scope"]?.asString ?? "?"] = a["tier"]?.asString
    }
    return out
  }

  @Test(
    "R4: a team plan covers its team only; everyone else stays on Basic; guests get the features free"
  )
  func teamOnly() {
    let s = makeSession(designPaid)
    expectEqual(access(s, "carl"), ["org Acme": "basic", "team Design": "starter"])
    expectEqual(access(s, "gus"), ["org Acme": "basic", "team Design": "starter"])
    expectEqual(access(s, "bob"), ["org Acme": "basic", "team Ops": "basic"])
  }

  @Test("R6: an org plan gives every team the paid features")
  func orgCoversTeams() {
    let s = makeSession(["as ann upgrade org Acme --tier advanced"])
    expectEqual(access(s, "bob"), ["org Acme": "advanced", "team Ops": "advanced"])
    expectEqual(access(s, "gus"), ["org Acme": "advanced", "team Design": "advanced"])
    expectTrue(access(s, "zed").isEmpty)
  }

  @Test(
    "R13: the billing owner becomes an admin; transfer makes the new owner one (and the old stays)")
  func ownerIsAdmin() {
    let s = makeSession(["as ann upgrade org Acme --tier starter --billing-owner carl"])
    let roles = ok(s, "as carl whoami").result["spaces"]?.asArray.first?["roles"]?.asArray
      .compactMap(\.asString)
    expectEqual(roles, ["member", "admin", "billing-owner"])
    ok(s, "as carl transfer org Acme --to dave")
    let d = ok(s, "as dave whoami").result["spaces"]?.asArray.first?["roles"]?.asArray.compactMap(
      \.asString)
    expectEqual(d, ["member", "admin", "billing-owner"])
    let c = ok(s, "as carl whoami").result["spaces"]?.asArray.first?["roles"]?.asArray.compactMap(
      \.asString)
    expectEqual(c, ["member", "admin"])
    ok(s, "as dave revoke carl --org Acme")
    fail(s, "as carl revoke dave --org Acme", "permission-denied", "R13")
    fail(s, "as adam revoke dave --org Acme", "conflict", "P7")
  }

  @Test("R13: a team plan's owner does not become an org admin")
  func teamOwnerNotAdmin() {
    let s = makeSession(designPaid)
    let roles = ok(s, "as ann whoami").result["spaces"]?.asArray.first?["roles"]?.asArray
      .compactMap(\.asString)
    expectEqual(roles, ["member", "billing-owner"])
  }

  @Test("R16: after a transfer, renewal invoices go to the new billing owner")
  func invoicesFollowOwner() {
    let s = makeSession(acmePaid + ["as ann transfer org Acme --to bob", "advance 1y"])
    let inv = ok(s, "as bob invoice INV-0002").result
    expectEqual(inv["sent_to"]?.asString, "bob")
    expectTrue(ok(s, "inbox bob").text.contains("invoice INV-0002"))
    expectTrue(!ok(s, "inbox ann").text.contains("invoice INV-0002"))
    fail(s, "as ann invoice INV-0002", "permission-denied", "R14")
  }

  @Test("can: yes, or the error as allowed:false; usage and unknown users fail; nothing changes")
  func can() {
    let s = makeSession([])
    let yes = ok(s, "can ann upgrade org Acme --tier starter")
    expectEqual(yes.result["allowed"]?.asBool, true)
    expectTrue(planOf(s, "org Acme").isNull)
    let no = ok(s, "can gus upgrade org Acme --tier starter")
    expectEqual(no.result["allowed"]?.asBool, false)
    expectEqual(no.result["error"]?["code"]?.asString, "permission-denied")
    expectEqual(no.result["error"]?["rule"]?.asString, "R10")
    let basic = ok(s, "can ann cancel org Acme")
    expectEqual(basic.result["error"]?["rule"]?.asString, "R17")
    let missing = ok(s, "can ann cancel org Nope")
    expectEqual(missing.result["error"]?["code"]?.asString, "not-found")
    fail(s, "can nobody cancel org Acme", "not-found", nil)
    fail(s, "can ann upgarde org Acme", "usage", nil)
    let sev = ok(s, "can ann upgrade team Design,Ops")
    expectEqual(sev.result["error"]?["rule"]?.asString, "R8")
    expectEqual(ok(s, "show").result["invoices"]?.asInt, 0)
  }

  @Test(
    "log: setup, actions and advance, refused ones included, with their code and rule; views are not logged"
  )
  func log() {
    let s = Session()
    ok(s, "create org Acme")
    ok(s, "add ann --org Acme")
    s.perform("as ann cancel org Acme")
    ok(s, "quote org Acme --tier starter")
    ok(s, "advance 1d")
    s.perform("upgrade org Acme --tier starter")
    let entries = ok(s, "log").result["entries"]?.asArray ?? []
    #expect(
      entries.map { $0["command"]?.asString ?? "" } == [
        "create org Acme", "add ann --org Acme", "cancel org Acme", "advance 1d",
        "upgrade org Acme --tier starter",
      ])
    #expect(
      entries.map { $0["outcome"]?.asString ?? "" } == [
        "ok", "ok", "error[unavailable] (R17)", "ok", "error[no-actor]",
      ])
    expectEqual(entries[2]["actor"]?.asString, "ann")
    expectEqual(entries[4]["actor"]?.isNull, true)
    expectEqual(entries[4]["date"]?.asString, "2026-01-02")
  }

  @Test(
    "log: actions refused while parsing are logged too, also under `as`; views and shell commands are not"
  )
  func logUsage() {
    let s = makeSession([], base: false)
    ok(s, "create org Acme")
    ok(s, "add ann --org Acme")
    s.perform("upgrade org Acme --tier starter --seats abc")
    s.perform("as ann upgrade org Acme --tier gold")
    s.perform("quote org Acme --tier gold")
    s.perform("advance 1x")
    let entries = ok(s, "log").result["entries"]?.asArray ?? []
    #expect(
      entries.map { $0["command"]?.asString ?? "" } == [
        "create org Acme", "add ann --org Acme", "upgrade org Acme --tier starter --seats abc",
        "upgrade org Acme --tier gold", "advance 1x",
      ])
    #expect(
      entries.dropFirst(2).map { $0["outcome"]?.asString ?? "" } == [
        "error[usage]", "error[usage]", "error[usage]",
      ])
    expectEqual(entries[3]["actor"]?.asString, "ann")
  }

  @Test(
    "log: setup has no actor whoever is logged in; `as <user>` is charged to that user if it exists, without the prefix"
  )
  func logActors() {
    let s = makeSession([], base: false)
    ok(s, "create org Acme")
    ok(s, "add ann bob --org Acme")
    ok(s, "login ann")
    ok(s, "create user zed")
    s.perform("as nobody upgrade org Acme --tier starter")
    s.perform("as bob cancel org Acme")
    s.perform("as nobody upgrade org Acme --tier gold")
    s.perform("add x --org")
    let entries = ok(s, "log").result["entries"]?.asArray ?? []
    let rows = entries.dropFirst(2).map {
      "\($0["actor"]?.asString ?? "-") \($0["command"]?.asString ?? "")"
    }
    #expect(
      rows == [
        "- create user zed", "- upgrade org Acme --tier starter", "bob cancel org Acme",
        "- upgrade org Acme --tier gold", "- add x --org",
      ])
  }
}

// MARK: - Setup keeps every invariant (SPEC §3 Setup, §4 details)

@Suite("Setup commands: no actor, no permission check, invariants kept")
struct SetupTests {
  @Test(
    "setup outcomes",
    arguments: [
      fails("R1", "add wil --workspace Side --guest", "invalid", nil),
      fails("R1", "create team Design --org Acme", "conflict", nil),
      fails("R1", "create org Side", "conflict", nil),
      fails("R1", "create workspace Acme", "conflict", nil),
      fails("R1", "create team X --org Nope", "not-found", nil),
      fails("R1", "create team X --org Side", "invalid", "R1"),
      fails("R1", "create user ann", "conflict", nil),
      fails("R1", "create user \"bad handle\"", "usage", nil),
      fails("R1", "create user -ann", "usage", nil),
      fails("R1", "create org \"\"", "usage", nil),
      fails("R1", "create user " + String(repeating: "a", count: 101), "usage", nil),
      passes("R1", "create user " + String(repeating: "a", count: 100)),
      fails("R1", "create org " + String(repeating: "b", count: 101), "usage", nil),
      passes("R1", "create org " + String(repeating: "b", count: 100)),
      fails("R1", "add ann --org Acme", "conflict", nil),
      fails("R1", "add ann --org Acme --guest", "conflict", nil),
      fails("R1", "add gus --org Acme --guest", "conflict", nil),
      fails("R1", "add newbie --org Acme --guest --admin", "invalid", nil),
      fails("R1", "add zed --team Design", "invalid", nil),
      fails("R1", "add ann --team Design", "conflict", nil),
      fails("R1", "add nobody --team Design", "not-found", nil),
      fails("R1", "remove zed --org Acme", "conflict", nil),
      fails("R1", "remove bob --team Design", "conflict", nil),
      passes("R1", "add gus --org Acme"),
      passes("R1", "add ann --org Acme --admin"),
      passes("R1", "add newbie --org Acme"),
      passes("R1", "add zed --org Acme --guest"),
      passes("R1", "remove carl --org Acme", has: "and its teams"),
      passes("R1", "create org \"Acme Two\""),
      passes("R11", "create plan org Acme --tier starter --owner ann"),
      passes("R11", "create plan team Design --tier advanced --monthly --owner bob --pay paypal"),
      fails(
        "R11", ["create team Design --org Beta"], "as ann upgrade team Design --tier starter",
        "ambiguous", nil),
      passes(
        "R11", ["create team Design --org Beta"],
        "as ann upgrade team Design --org Acme --tier starter"),
      fails(
        "R11", ["create team Design --org Beta"],
        "as ann upgrade team Design --org Beta --tier starter", "permission-denied", "P2"),
    ])
  func setup(_ c: RuleCase) { check(c) }

  @Test("leaving an organization leaves its teams, and team plans count the rest (R4)")
  func leavingCounts() {
    let s = makeSession(["remove carl --org Acme"])
    expectEqual(ok(s, "quote team Design --tier starter").result["seats"]?.asInt, 2)
    fail(s, "add carl --team Design", "invalid", nil)
    let t = makeSession(designPaid + ["remove carl --org Acme"])
    expectEqual(ok(t, "as ann seats team Design").result["used"]?.asInt, 2)
  }

  @Test("R13 at setup: a plan created by sales makes its owner an admin")
  func salesOwnerAdmin() {
    let s = makeSession(["create plan workspace Side --tier starter --owner wil"])
    let roles = ok(s, "as wil whoami").result["spaces"]?.asArray.first?["roles"]?.asArray
      .compactMap(\.asString)
    expectEqual(roles, ["member", "admin", "billing-owner"])
  }
}
