import BillingModel
import Testing

@testable import BillingRuntime

/// A forecast plays every plan but keeps only what its scope shows; what it shows is what the
/// whole world played forward shows for that scope.
@Suite struct ForecastScopeTests {
  func world() -> Session {
    let s = Session()
    var lines = ["create org Big", "add owner --org Big --admin"]
    for t in 0..<6 {
      lines += [
        "create team T\(t) --org Big", "add a\(t) b\(t) --org Big", "add a\(t) b\(t) --team T\(t)",
        "create plan team T\(t) --tier starter --\(t % 2 == 0 ? "monthly" : "annual") --owner a\(t)",
      ]
    }
    lines += ["advance 10d", "add c1 --org Big", "add c1 --team T1"]
    for line in lines {
      let o = s.perform(line)
      expectTrue(o.isOK, "\(line): \(o.text)")
    }
    return s
  }

  @Test("a team's forecast keeps its plan's invoices and events, with the ids they would get")
  func sameAsTheWholeWorld() throws {
    let s = world()
    let w = s.world
    let target = w.today.adding(months: 30)
    for name in ["T0", "T1", "T4"] {
      let team = try #require(w.teamIDs(named: name).first)
      let f = w.copy().forecast(.team(team), to: target, invoicesFrom: w.invoices.count)
      let all = w.copy()
      let followed = w.forecastPlans(.team(team))
      let events = all.advance(to: target).events.filter { followed.contains($0.plan) }
      let invoices = all.invoices[w.invoices.count...].filter { followed.contains($0.plan) }
      expectEqual(f.events, events)
      expectEqual(f.invoices, invoices.map(\.id))
      expectEqual(f.totalCents, invoices.reduce(0) { $0 + $1.amountCents })
      for i in invoices { expectEqual(f.world.invoice(i.id).amountCents, i.amountCents) }
    }
    // The world itself is untouched.
    expectEqual(s.world.invoices.count, w.invoices.count)
  }

  @Test("a span that would play too many renewals is refused, naming the limit")
  func tooLong() {
    let s = world()
    for t in 10..<50 {
      for line in [
        "create team T\(t) --org Big", "add a\(t) --org Big", "add a\(t) --team T\(t)",
        "create plan team T\(t) --tier starter --monthly --owner a\(t)",
      ] {
        expectTrue(s.perform(line).isOK, "\(line)")
      }
    }
    let o = s.perform("forecast org Big 7000y")
    expectEqual(o.failure?.code, .invalid)
    expectTrue(o.text.contains("a forecast shows at most 1000000"), "\(o.text)")
    expectTrue(s.perform("forecast team T1 100y").isOK)
  }
}
