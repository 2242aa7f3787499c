import BillingModel
import BillingSupport

/// JSON text as a value; text that is not JSON is an io failure saying where.
package func parseJSON(_ text: String) throws(Failure) -> JSON {
  do { return try JSON.parse(text) } catch { throw Failure(.io, nil, message: error.message) }
}

/// A catalog as JSON (the `--catalog` file format).
package func catalogJSON(_ c: Catalog) -> JSON {
  func prices(_ t: Tier) -> JSON {
    .object([("monthly", .num(c.monthly[t])), ("annual", .num(c.annual[t]))])
  }
  return .object([
    ("prices", .object([("starter", prices(.starter)), ("advanced", prices(.advanced))])),
    ("sizes", .array(c.sizes.map { .int($0) })), ("self_serve_limit", .int(c.selfServeLimit)),
    ("trial_days", .int(c.trialDays)),
  ])
}

/// Reads a catalog file's JSON over a base; keys left out keep the base, an annual price left out is 10 × monthly (R2).
package func parseCatalog(_ json: JSON, base: Catalog) throws(Failure) -> Catalog {
  var c = base
  guard case .object(let pairs) = json else {
    throw Failure(.io, nil, "catalog: expected an object")
  }
  for (k, v) in pairs {
    switch k {
    case "prices":
      guard case .object(let tiers) = v else {
        throw Failure(.io, nil, "catalog.prices: expected an object")
      }
      for (tn, pv) in tiers {
        guard let t = Tier(word: tn), t != .basic else {
          throw Failure(.io, nil, "catalog.prices: unknown tier \(quoted(tn))")
        }
        guard case .object(let cyc) = pv else {
          throw Failure(.io, nil, "catalog.prices.\(tn): expected an object")
        }
        var monthly: Int?, annual: Int?
        for (ck, cv) in cyc {
          guard let cycle = Cycle(rawValue: ck) else {
            throw Failure(
              .io, nil, "catalog.prices.\(tn): unknown key \(quoted(ck)) (monthly, annual)")
          }
          let limit = Money.maxUnitCents(cycle)
          guard case .int(let n) = cv, n >= 0, n <= limit else {
            throw Failure(
              .io, nil,
              "catalog.prices.\(tn).\(ck): expected a whole number of cents from 0 to \(limit) (\(Money.format(limit)) per seat)"
            )
          }
          if cycle == .monthly { monthly = n } else { annual = n }
        }
        if let monthly {
          c.monthly[t] = monthly; c.annual[t] = annual ?? monthly * 10
        } else if let annual {
          c.annual[t] = annual
        }
      }
    case "sizes":
      guard case .array(let items) = v, !items.isEmpty else {
        throw Failure(.io, nil, "catalog.sizes: expected a list of sizes")
      }
      var sizes: [Int] = []
      for item in items {
        guard case .int(let n) = item, n >= 2, n <= Money.maxSeats,
          sizes.last.map({ n > $0 }) ?? true
        else {
          throw Failure(
            .io, nil, "catalog.sizes: expected whole numbers from 2 to \(Money.maxSeats), ascending"
          )
        }
        sizes.append(n)
      }
      c.sizes = sizes
    case "self_serve_limit":
      guard case .int(let n) = v, n >= 2, n <= Money.maxSeats else {
        throw Failure(
          .io, nil, "catalog.self_serve_limit: expected a whole number from 2 to \(Money.maxSeats)")
      }
      c.selfServeLimit = n
    case "trial_days":
      guard case .int(let n) = v, n >= 1, n <= 3650 else {
        throw Failure(.io, nil, "catalog.trial_days: expected 1 to 3650")
      }
      c.trialDays = n
    default:
      throw Failure(
        .io, nil, "catalog: unknown key \(quoted(k)) (prices, sizes, self_serve_limit, trial_days)")
    }
  }
  return c
}
