/// The writes a saved world needs that no command makes: BillingStore's restore puts stored
/// values back as they were saved, through these and the setup operations.
extension World {
  /// A saved inbox: its messages' words as saved.
  package func restoreInbox(of user: UserID, _ inbox: [String]) {
    users[user.index].inbox = inbox.map { Message(date: today, fact: .said($0), to: user) }
  }

  /// Appends a plan as saved; a live one is attached to its scope by `attach` after the checks.
  package func restorePlan(_ plan: Plan) {
    plans.append(plan)
    invoicesOfPlan.append([])
  }

  package func restoreInvoice(_ invoice: Invoice) {
    invoices.append(invoice)
    invoicesOfPlan[invoice.plan.index].append(invoice.id)
  }

  package func restoreTrialUsed(_ scope: Scope) { trialsUsed.insert(scope) }

  /// Appends a saved journal entry (after the log, which refusals point into).
  package func restoreHappening(_ h: Happening, fact: Fact?) {
    journal.append(h, to: h.scope, fact: fact)
  }

  /// Sets a user's saved timeline of actions and messages.
  package func restoreDeeds(of user: UserID, _ deeds: [Deed]) {
    for d in deeds { journal.note(d, of: user) }
  }

  /// Ids from saved indexes (BillingStore checks the range first).
  package func planID(at index: Int) -> PlanID { PlanID(index: index) }
  package func invoiceID(at index: Int) -> InvoiceID { InvoiceID(index: index) }
  package func userID(at index: Int) -> UserID { UserID(index: index) }
}

extension Plan {
  /// A plan with every saved field (ended-on and end reason are set after).
  package static func restored(
    id: PlanID, scope: Scope, tier: Tier, cycle: Cycle, seats: Int, owner: UserID,
    payment: Payment?,
    address: String, status: PlanStatus, anchor: Day, periodIndex: Int, periodStart: Day,
    periodEnd: Day,
    scheduled: PlanChange?, unitCents: Int?
  ) -> Plan {
    Plan(
      id: id, scope: scope, tier: tier, cycle: cycle, seats: seats, owner: owner, payment: payment,
      address: address, status: status, anchor: anchor, periodIndex: periodIndex,
      periodStart: periodStart,
      periodEnd: periodEnd, scheduled: scheduled, unitCents: unitCents)
  }
}

extension Invoice {
  package static func restored(
    id: InvoiceID, plan: PlanID, date: Day, amountCents: Int, payment: Payment, sentTo: UserID,
    label: InvoiceLabel, lines: [InvoiceLine]?
  ) -> Invoice {
    Invoice(
      id: id, plan: plan, date: date, amountCents: amountCents, payment: payment, sentTo: sentTo,
      label: label, lines: lines)
  }
}
