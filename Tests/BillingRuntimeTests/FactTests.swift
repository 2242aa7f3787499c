import BillingModel
import BillingStore
import BillingSupport
import BillingWords
import Testing

@testable import BillingRuntime

/// The model records what happened as values (`Fact`), with the actor, and the runtime words
/// them (`Words`): the journal, inboxes and results hold facts, not sentences.
@Suite struct FactTests {
  static let world = [
    "create org Acme", "add ann bob --org Acme --admin", "add cy --org Acme",
    "as ann upgrade org Acme --tier starter --monthly",
  ]

  func session(_ more: [String] = []) -> Session {
    let s = Session()
    for line in FactTests.world + more {
      let o = s.perform(line)
      expectTrue(o.isOK, "\(line): \(o.text)")
    }
    return s
  }

  func facts(_ s: Session, of scope: String = "Acme") -> [Fact] {
    guard let id = s.world.spaceID(scope) else {
      Issue.record("no space \(scope)")
      return []
    }
    return s.world.timeline(of: .space(id)).compactMap(\.fact)
  }

  @Test func aCancelKeepsWhoCanceledAndTheEndDate() throws {
    let s = session(["as ann transfer org Acme --to bob", "as bob cancel org Acme"])
    let bob = try #require(s.world.userID("bob"))
    let ann = try #require(s.world.userID("ann"))
    guard case .canceled(let shape, let by, let until)? = facts(s).last else {
      Issue.record("the last fact is not a cancel: \(facts(s))")
      return
    }
    expectEqual(by, bob)
    expectEqual(until, Day(year: 2026, month: 2, day: 1))
    expectEqual(shape.tier, .starter)
    let transfer = facts(s).first {
      if case .transferred = $0 { return true }
      return false
    }
    guard case .transferred(_, let from, let to, _, let actor)? = transfer else {
      Issue.record("no transfer in \(facts(s))")
      return
    }
    expectEqual(from, ann)
    expectEqual(to, bob)
    expectEqual(actor, ann)
  }

  @Test func aRefusedMoveKeepsTheScopesByName() throws {
    let s = session(["create workspace Side", "add ann --workspace Side"])
    let ann = try #require(s.world.userID("ann"))
    do {
      try s.world.move(.org("Acme"), to: .workspace("Side"), by: ann)
      Issue.record("the move was not refused")
    } catch {
      expectEqual(
        error.reason,
        .planCannotMove(
          PlanID(index: 0), from: .org("Acme"), to: .workspace("Side"), sameSpace: false))
      expectEqual(
        error.message,
        "a plan cannot move to another workspace or organization: cancel P1 on org Acme, then upgrade workspace Side"
      )
    }
  }

  @Test func aRefusalKeepsThePlanAndTheAdminsAsFactsWordedWhenPrinted() throws {
    let s = session()
    let bob = try #require(s.world.userID("bob"))
    let cy = try #require(s.world.userID("cy"))
    let p1 = PlanID(index: 0)
    let seats = s.world.plan(p1).seats
    let named = NamedPlan(
      plan: p1, scope: .org("Acme"), tier: .starter, cycle: .monthly, seats: seats, trial: false)
    expectEqual(s.world.byName(p1), named)
    expectEqual(s.world.summary(p1).string, "P1 (org Acme, starter monthly, \(seats) seats)")
    do {
      _ = try s.world.checkCancel(.org("Acme"), by: bob)
      Issue.record("bob, not the billing owner, canceled")
    } catch {
      expectEqual(
        error.reason, .billingOwnerOnly(named, owner: "ann", what: .cancelPlan, actorIsAdmin: true))
    }
    do {
      _ = try s.world.billingTab(.org("Acme"), by: cy)
      Issue.record("cy, not an admin, opened the billing tab")
    } catch {
      expectEqual(
        error.reason,
        .spaceBillingTab(
          named, space: .org("Acme"), admins: SomePeople(handles: ["ann", "bob"], more: 0)))
      expectEqual(
        error.message,
        "the billing tab of P1 (org Acme, starter monthly, \(seats) seats) is in the admin console of org Acme: only its admins (ann and bob) may open it"
      )
    }
  }

  @Test func anInboxHoldsFactsWordedWhenRead() throws {
    let s = session(["as ann cancel org Acme"])
    let ann = try #require(s.world.userID("ann"))
    let inbox = s.world.user(ann).inbox
    expectEqual(inbox.count, 2)
    guard case .invoiceIssued? = inbox.first?.fact, case .canceled? = inbox.last?.fact else {
      Issue.record("unexpected messages: \(inbox)")
      return
    }
    let words = inbox.map { Words().message($0, in: s.world) }
    expectEqual(
      words.last,
      "2026-01-01 P1 (org Acme, starter monthly, 3 seats) will end on 2026-02-01; resume it before then to keep it"
    )
    expectEqual(s.perform("inbox ann").text, words.joined(separator: "\n"))
  }

  @Test func aPlanTheActorCanceledIsWordedAsItStoodThen() {
    // The seats grow after the cancel; the message keeps the plan as it was.
    let s = session(["as ann cancel org Acme", "add dee --org Acme"])
    let text = s.perform("timeline org Acme").text
    expectTrue(text.contains("P1 canceled by ann: active until 2026-02-01 (R20)"), "\(text)")
    expectTrue(text.contains("P1 resized from 3 to 4 seats"), "\(text)")
    let inbox = s.perform("inbox ann").text
    expectTrue(inbox.contains("P1 (org Acme, starter monthly, 3 seats) will end"), "\(inbox)")
  }

  @Test func aSavedWorldKeepsWordsAndLoadsBackToTheSameWords() throws {
    let s = session(["as ann cancel org Acme", "add dee --org Acme", "advance 1m"])
    let saved = s.savedText()
    let fresh = Session()
    fresh.world = try World.restore(try parseJSON(saved))
    expectEqual(fresh.savedText(), saved)
    for line in ["timeline org Acme", "inbox ann", "show P1"] {
      expectEqual(fresh.perform(line).text, s.perform(line).text, "\(line)")
    }
  }
}
