import BillingModel
import BillingSupport
import BillingWords

/// The English words of the model's facts, in one place: journal entries (`timeline`, `show`),
/// inbox messages, the results and notes of commands, `advance`'s events, end reasons and
/// invoice labels. A second language is a second value of this kind.
/// NB: words are made when shown (or saved), not when the fact happens: a playback makes none.
package struct Words: SavedWords {
  package init() {}

  // MARK: Pieces

  /// "P1 (org Acme, starter annual, 10 seats)", as the plan stood then.
  func summary(_ s: PlanShape, _ w: World) -> String {
    s.trial
      ? "\(s.plan) (\(w.describe(s.scope)), \(s.tier.name) trial)"
      : "\(s.plan) (\(w.describe(s.scope)), \(s.tier.name) \(s.cycle.rawValue), \(s.seats) seats)"
  }

  /// "starter → advanced, 5 → 10 seats".
  func step(_ s: PlanStep) -> String {
    var parts: [String] = []
    if s.tierChanged { parts.append("\(s.fromTier.name) → \(s.toTier.name)") }
    if s.seatsChanged { parts.append("\(s.fromSeats) → \(s.toSeats) seats") }
    // NB: neither changed: sales set a new price for the same tier.
    if parts.isEmpty { parts.append("\(s.toTier.name) at a new price") }
    return parts.joined(separator: ", ")
  }

  func cause(_ c: OverSizeCause) -> String {
    switch c {
    case .invoicePaid: "it is paid by invoice; sales will follow up"
    case .pastSelfServeLimit(let size, let limit):
      "\(size) seats is past the self-serve limit of \(limit); contact sales"
    }
  }

  func role(_ r: JoinRole) -> String {
    switch r {
    case .member: "member"
    case .admin: "admin"
    case .guest: "guest"
    }
  }

  /// Why a billing-tab action is closed to the actor.
  func block(_ b: BillingAction.Block) -> String {
    switch b {
    case .notOwner(let owner): "only the billing owner \(quoted(owner)) (R14)"
    case .trial: "not on a trial (P4)"
    case .paidByInvoice: "contact sales: paid by invoice (R19)"
    case .salesOnly: "contact sales: bought through sales (R9)"
    case .canceling: "not while canceling: resume it first (R20)"
    case .noOtherOwner: "nobody else in the space could own it (R15)"
    }
  }

  package func endReason(_ r: EndReason) -> String {
    switch r {
    case .trialEnded: "trial ended"
    case .trialCanceled: "trial canceled"
    case .canceled: "canceled"
    case .absorbed: "absorbed by the organization plan (P6)"
    case .replacedBySales: "replaced by a plan sold by sales"
    case .said(let s): s
    }
  }

  package func label(_ l: InvoiceLabel, in w: World) -> String {
    var t = Text(capacity: 64)
    appendLabel(l, to: &t)
    return t.string
  }

  /// Appends `label` to `t`, built as bytes.
  func appendLabel(_ l: InvoiceLabel, to t: inout Text) {
    switch l {
    case .firstPeriod(let credits):
      if credits > 0 {
        t += "first period less \(money: credits) credited for team plans"
      } else {
        t.append("first period" as StaticString)
      }
    case .proRata(let s, let until): t += "pro rata for \(step(s)) until \(until)"
    case .resize(let from, let to): t += "resize from \(from) to \(to) seats, pro rata"
    case .renewal(let tier, let cycle, let seats, let start, let end):
      t += "\(tier.name) \(cycle.rawValue), \(seats) seats, \(start) to \(end)"
    case .bought(let start, let end, let on): t += "period \(start) to \(end), bought \(on)"
    case .said(let s): t.append(s)
    }
  }

  // MARK: The journal (`timeline`, `show <plan>`)

  /// A journal entry's words, naming who caused it (SPEC §8 "who did it"): `P1 canceled by
  /// wati: active until 2026-05-20`. Invoices and refusals name nobody more (an invoice is the
  /// action's, listed after it; a refusal names who was refused).
  package func entry(_ h: Happening, _ fact: Fact?, in w: World) -> String {
    let text = entryText(h, fact, in: w)
    guard let actor = h.actor, h.kind != .invoice, h.kind != .refused else { return text }
    let by = " by \(quoted(w.handle(actor)))"
    // NB: before the first ": " (the verb's end), else at the end.
    var i = text.startIndex
    while i < text.endIndex {
      let next = text.index(after: i)
      if text[i] == ":" && next < text.endIndex && text[next] == " " {
        return String(text[..<i]) + by + String(text[i...])
      }
      i = next
    }
    return text + " (\(by.dropFirst()))"
  }

  /// A journal entry's words: made from its fact, or for invoices and refusals from their ids.
  func entryText(_ h: Happening, _ fact: Fact?, in w: World) -> String {
    switch h.kind {
    case .added, .removed, .role:
      let who = h.user.map { quoted(w.handle($0)) } ?? "someone"
      if h.kind == .role {
        let admin = fact == .roleChanged(admin: true)
        return "\(who) is now \(admin ? "an admin" : "a member") of \(w.describe(h.scope))"
      }
      let verb = h.kind == .added ? "added to" : "removed from"
      let text = "\(who) \(verb) \(w.describe(h.scope))"
      let more: String =
        switch fact {
        case .joinedAs(let r)?: r == .member ? "" : "as " + role(r)
        case .leftSpace(let s)?: "(left \(w.describe(.space(s))))"
        case .joined?: note(h, fact, in: w)
        case .said(let s)?: s
        default: ""
        }
      return more.isEmpty ? text : "\(text) \(more)"
    case .invoice:
      guard let id = h.invoice else { return said(fact) }
      let i = w.invoice(id)
      return
        "\(id) \(Money.format(i.amountCents)) for \(i.plan), \(i.status): \(label(i.label, in: w))"
    case .refused:
      guard let n = h.log, n < w.log.count else { return said(fact) }
      let e = w.log[n]
      return "\(e.actor.map(quoted) ?? "-") \(e.command) → \(e.outcome)"
    case .renewed where fact == nil:
      guard let id = h.invoice, let plan = h.plan else { return "" }
      return "\(plan) renewed: \(label(w.invoice(id).label, in: w))"
    default:
      return fact.map { journal($0, in: w) } ?? ""
    }
  }

  private func said(_ fact: Fact?) -> String {
    if case .said(let s)? = fact { return s }
    return ""
  }

  /// A plan's or an admin's fact as the journal words it.
  func journal(_ f: Fact, in w: World) -> String {
    switch f {
    case .planStarted(let t, let bySales, let bought):
      let started =
        "\(t.plan) started: \(t.tier.name) \(t.cycle.rawValue), \(t.seats) seats, \(t.payment?.rawValue ?? "-"), billing owner \(quoted(w.handle(t.owner)))"
      guard bySales else { return started }
      // Only terms self-serve cannot sell say "sold by sales"; a plan set up as bought earlier
      // on self-serve terms says when it was bought.
      let p = w.plan(t.plan)
      let salesOnly =
        t.tier.isSalesOnly || t.payment == .invoice || t.seats > w.catalog.selfServeLimit
        || p.unitCents != nil
      let bought = bought.map { " (bought \($0))" } ?? ""
      return salesOnly ? "\(started), sold by sales\(bought)" : started + bought
    case .trialStarted(let s, let by, let ends):
      return "\(s.tier.name) trial \(s.plan) started by \(quoted(w.handle(by))); it ends on \(ends)"
    case .trialConverted(let id): return "trial \(id) ended: upgraded, now paid (P4)"
    case .trialExpired(let s): return "\(s.tier.name) trial \(s.plan) ended; back on Basic"
    case .trialCanceled(let s, _): return "trial \(s.plan) canceled at once; back on Basic (R20)"
    case .trialReplaced(let id): return "trial \(id) ended: replaced by a plan sold by sales"
    case .changedNow(let id, let s, _, _, _): return "\(id) changed now: \(step(s)) (P3)"
    case .scheduled(let id, let c, let on):
      return "\(id) on \(on): \(w.describe(c)) (scheduled, P3)"
    case .scheduleDropped(let id, let on):
      return "\(id): the change scheduled for \(on) is dropped"
    case .changedAtRenewal(let id, let c): return "\(id) changed to \(w.describe(c)) (P3)"
    case .renewed(let id, let inv, _, _):
      return "\(id) renewed: \(label(w.invoice(inv).label, in: w))"
    case .renewedResized(let id, let start, let end, let from, let to, let need):
      return
        "\(id) renewed for \(start) to \(end); seats raised from \(from) to \(to) to cover \(need) billable members"
    case .resized(let s, let from, let to, let need, _, _):
      return "\(s.plan) resized from \(from) to \(to) seats to cover \(need) billable members (P5)"
    case .overSize(let s, let need, let seats, let c):
      return
        "\(s.plan) over its size: \(need) billable members on \(seats) seats (\(cause(c))) (P5)"
    case .canceled(let s, _, let until): return "\(s.plan) canceled: active until \(until) (R20)"
    case .resumed(let s, _, let renews): return "\(s.plan) resumed: it renews on \(renews)"
    case .endedCanceled(let s): return "\(s.plan) ended as canceled; back on Basic (R21)"
    case .absorbed(let s, let by, let credit):
      return
        "\(s.plan) ended: absorbed by the plan of \(w.describe(by)), \(Money.format(credit)) credited (P6)"
    case .transferred(let s, let from, _, let name, let by):
      return
        "billing ownership of \(s.plan) passed from \(quoted(w.handle(from))) to \(quoted(name))"
        + (by == nil ? " by support" : "")
    case .paymentChanged(let s, let m, let by):
      return "\(s.plan) now paid by \(m.rawValue)" + (by == nil ? ", arranged with sales" : "")
    case .addressChanged(let s, let text, _):
      return "billing address of \(s.plan) set to \(quoted(text))"
    case .adminChanged(let name, _, let admin):
      return admin ? "\(quoted(name)) appointed admin" : "\(quoted(name)) no longer admin"
    case .said(let s): return s
    case .invoiceIssued, .joined, .joinedAs, .roleChanged, .removed, .leftSpace: return ""
    }
  }

  /// A journal entry's note as `.save` keeps it: the words, or for people the role (and the
  /// handles an `add` named), as saves have always had them.
  package func note(_ h: Happening, _ fact: Fact?, in w: World) -> String {
    switch fact {
    case .joined(let r, let people)?:
      var text = role(r)
      for u in people { text += " " + w.handle(u) }
      return text
    case .joinedAs(let r)?: return role(r)
    case .roleChanged(let admin)?: return admin ? "admin" : "member"
    case .leftSpace(let s)?: return "(left \(w.describe(.space(s))))"
    case .removed?, .invoiceIssued?, .renewed?, nil: return ""
    case let f?: return journal(f, in: w)
    }
  }

  // MARK: Inboxes

  /// An inbox message: its date, then what its reader is told.
  package func message(_ m: Message, in w: World) -> String {
    if case .said(let s) = m.fact { return s }
    return "\(m.date) \(told(m.fact, to: m.to, in: w))"
  }

  private func told(_ f: Fact, to reader: UserID, in w: World) -> String {
    switch f {
    case .absorbed(let s, let by, let credit):
      return
        "\(s.plan) (\(w.describe(s.scope))) ended: \(w.describe(by)) was upgraded and now covers the team; \(Money.format(credit)) of unused time credited on its first invoice"
    case .trialStarted(let s, _, let ends):
      return
        "\(s.tier.name) trial \(s.plan) of \(w.describe(s.scope)) started; it ends on \(ends) unless upgraded"
    case .trialCanceled(let s, _):
      return "trial \(s.plan) of \(w.describe(s.scope)) canceled; back on Basic"
    case .canceled(let s, _, let until):
      return "\(summary(s, w)) will end on \(until); resume it before then to keep it"
    case .resumed(let s, _, let renews):
      return "\(summary(s, w)) resumed; it renews on \(renews)"
    case .transferred(let s, let from, _, let name, let by):
      if reader == from && by == nil {
        return "support passed billing ownership of \(summary(s, w)) from you to \(quoted(name))"
      }
      return reader == from
        ? "you passed billing ownership of \(summary(s, w)) to \(quoted(name))"
        : "you are now the billing owner of \(summary(s, w))"
    case .trialExpired(let s):
      return
        "\(s.tier.name) trial \(s.plan) of \(w.describe(s.scope)) ended; back on Basic (upgrade to keep the paid features)"
    case .endedCanceled(let s):
      return
        "\(s.plan) of \(w.describe(s.scope)) ended as canceled; back on Basic (data kept, R21)"
    case .overSize(let s, let need, let seats, let c):
      return
        "\(summary(s, w)) is over its size: \(need) billable members on \(seats) seats; \(cause(c))"
    case .resized(let s, let from, let to, let need, let inv, let cents):
      return
        "\(s.plan) (\(w.describe(s.scope))) resized from \(from) to \(to) seats to cover \(need) billable members; \(inv) for \(Money.format(cents))"
    case .invoiceIssued(let id):
      let i = w.invoice(id)
      let paid = i.payment == .invoice ? "open, pay by invoice" : "paid by \(i.payment.rawValue)"
      return
        "invoice \(id) for \(i.plan) (\(w.describe(w.plan(i.plan).scope))): \(Money.format(i.amountCents)), \(label(i.label, in: w)), \(paid)"
    default:
      return journal(f, in: w)
    }
  }

  // MARK: Results of commands

  /// What a billing-tab change or an admin change did, as its command says.
  package func result(_ f: Fact, in w: World) -> String {
    switch f {
    case .trialCanceled(let s, _):
      let scope = w.describe(s.scope)
      return
        "\(s.tier.name) trial \(s.plan) of \(scope) canceled at once; \(scope) is back on Basic (R20)"
    case .canceled(let s, _, let until):
      return
        "\(summary(s, w)) is canceling: it stays active until \(until), then \(w.describe(s.scope)) returns to Basic; resume undoes this (R20)"
    case .resumed(let s, _, let renews): return "\(summary(s, w)) resumed: it renews on \(renews)"
    case .transferred(let s, let from, _, let name, _):
      var text =
        "billing ownership of \(summary(s, w)) passed from \(quoted(w.handle(from))) to \(quoted(name))"
      if case .space = s.scope {
        text += "; \(quoted(name)) is now an admin of \(w.describe(s.scope)) (R13)"
      }
      return text
    case .paymentChanged(let s, let m, _): return "\(summary(s, w)) is now paid by \(m.rawValue)"
    case .addressChanged(let s, let text, _):
      return "billing address of \(summary(s, w)) set to \(quoted(text))"
    case .adminChanged(let name, let space, let admin):
      return
        "\(quoted(name)) \(admin ? "is now" : "is no longer") an admin of \(w.describe(.space(space)))"
    default: return journal(f, in: w)
    }
  }

  /// A note under a command's result (a team plan absorbed, a trial converted, a resize).
  package func note(_ f: Fact, in w: World) -> String {
    var t = Text(capacity: 128)
    appendNote(f, in: w, to: &t)
    return t.string
  }

  /// Appends `note` to `t`.
  /// NB: built as bytes (`Text` interpolation), with no String made per piece.
  func appendNote(_ f: Fact, in w: World, to t: inout Text) {
    switch f {
    case .absorbed(let s, _, let credit):
      t +=
        "\(s.plan) (\(w.byName(s.scope))) ended: absorbed by the organization plan, \(money: credit) credited (P6)"
    case .trialConverted(let id): t += "trial ended: \(id) is now paid (P4)"
    case .trialReplaced(let id): t += "trial \(id) ended"
    case .changedNow(_, let s, let cents, let days, let periodDays):
      t +=
        "now: \(step(s)), charged \(money: cents) pro rata for \(days) of \(periodDays) days (P3)"
    case .scheduleDropped(_, let on): t += "the change scheduled for \(on) is dropped"
    case .overSize(let s, let need, let seats, let c):
      t +=
        "\(s.plan) is over its size: \(need) billable members on \(seats) seats (\(cause(c))) (P5)"
    case .resized(let s, let from, let to, let need, let inv, let cents):
      t +=
        "\(s.plan) resized from \(from) to \(to) seats to cover \(need) billable members; \(inv) charged \(money: cents) pro rata (P5)"
    default: t.append(journal(f, in: w))
    }
  }

  // MARK: advance's events

  /// What an event did: "changed to starter; new period 2026-02-01 to 2026-03-01".
  package func detail(_ e: Event, in w: World) -> String {
    var parts: [String] = []
    for f in e.facts {
      switch f {
      case .trialExpired(let s):
        parts.append("\(s.tier.name) trial ended; \(w.describe(s.scope)) is back on Basic")
      case .endedCanceled(let s):
        parts.append("canceled plan ended; \(w.describe(s.scope)) is back on Basic")
      case .changedAtRenewal(_, let c): parts.append("changed to \(w.describe(c))")
      case .renewedResized(_, let start, let end, let from, let to, let need):
        parts.append("seats raised from \(from) to \(to) to cover \(need) billable members")
        parts.append("new period \(start) to \(end)")
      case .renewed(_, _, let start, let end): parts.append("new period \(start) to \(end)")
      default: parts.append(journal(f, in: w))
      }
    }
    return parts.joined(separator: "; ")
  }
}

extension World {
  /// The world as `.save` writes it, its facts in English.
  package func snapshot(history: Bool = true) -> [(String, JSON)] {
    snapshot(history: history, words: Words())
  }
}
