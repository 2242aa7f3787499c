import BillingLanguage
import BillingModel
import BillingSupport

/// The pieces of a reply to a customer (`explain`, SPEC §8), each in English and Indonesian in
/// one entry, so a missing translation is an empty side a test finds. `{1}`, `{2}`… are filled
/// in order. No rule ids, no commands: plain words, amounts and dates.
enum Reply: CaseIterable {
  case greeting, invoiceHead, paidBy, openBy, total, closing
  case whyFirst, whyFirstCredits, whyProRata, whyResize, whyRenewal, whyBought, whyOther
  case linePeriod, lineAdded, lineTierStep, lineCredit, lineTrialCredit, lineNotPaidOut
  case lineNoRefund, lineUnitemized, days
  case refusedHead, refusedWhy, refusedArticle, refusedWhat, nothingRefused
  case doOwner, doSales, doSupport, doUpgrade, doWait, doOther

  /// English, then Indonesian (as an Indonesian support agent writes to a customer).
  var words: (en: String, id: String) {
    switch self {
    case .greeting: ("Hello,", "Halo,")
    case .invoiceHead:
      (
        "Invoice {1} of {2} for your {3} is {4}.",
        "Faktur {1} tanggal {2} untuk {3} Anda sebesar {4}."
      )
    case .paidBy: ("It was paid by {1}.", "Faktur ini telah dibayar dengan {1}.")
    case .openBy:
      ("It is open, to be paid by invoice.", "Faktur ini masih terbuka dan dibayar melalui faktur.")
    case .total: ("Total: {1}.", "Total: {1}.")
    case .closing:
      (
        "Please let us know if anything is unclear.",
        "Jika ada yang kurang jelas, jangan ragu menghubungi kami kembali."
      )
    case .whyFirst:
      (
        "It is the first period of your {1} plan.",
        "Faktur ini adalah periode pertama paket {1} Anda."
      )
    case .whyFirstCredits:
      (
        "It is the first period of your {1} plan, less {2} for the unused time of the team plans it replaced.",
        "Faktur ini adalah periode pertama paket {1} Anda, dikurangi {2} untuk sisa waktu paket tim yang digantikannya."
      )
    case .whyProRata:
      (
        "Your plan changed in the middle of its period ({1}); the change is charged only for the days left until {2}.",
        "Paket Anda diubah di tengah periode ({1}); perubahan ini hanya ditagih untuk sisa hari sampai {2}."
      )
    case .whyResize:
      (
        "New members joined, so your plan grew from {1} to {2} seats; the added seats are charged only for the days left in the period.",
        "Ada anggota baru yang bergabung, sehingga paket Anda bertambah dari {1} menjadi {2} kursi; kursi tambahan hanya ditagih untuk sisa hari dalam periode ini."
      )
    case .whyRenewal:
      (
        "It is the renewal of your plan for the period {1} to {2}.",
        "Faktur ini adalah perpanjangan paket Anda untuk periode {1} sampai {2}."
      )
    case .whyBought:
      (
        "It is the period {1} to {2} of the plan you bought on {3}.",
        "Faktur ini adalah periode {1} sampai {2} dari paket yang Anda beli pada {3}."
      )
    case .whyOther: ("It bills: {1}.", "Faktur ini menagih: {1}.")
    case .linePeriod:
      ("- {1} seats × {2}, the whole period: {3}", "- {1} kursi × {2}, satu periode penuh: {3}")
    case .lineAdded:
      (
        "- {1} seats added ({2} → {3}) × {4}{5}: {6}",
        "- {1} kursi tambahan ({2} → {3}) × {4}{5}: {6}"
      )
    case .lineTierStep:
      (
        "- the move from {1} to {2} on your {3} seats, {4} more per seat{5}: {6}",
        "- peningkatan dari {1} ke {2} untuk {3} kursi Anda, {4} lebih per kursi{5}: {6}"
      )
    case .lineCredit:
      (
        "- credit for the unused time of the plan of your {1}, {2} seats × {3}{4}: {5}",
        "- kredit untuk sisa waktu paket {1} Anda, {2} kursi × {3}{4}: {5}"
      )
    case .lineTrialCredit:
      (
        "- the trial of your {1} ends: nothing to credit, {2}",
        "- uji coba {1} Anda berakhir: tidak ada yang dikreditkan, {2}"
      )
    case .lineNotPaidOut:
      (
        "- credits above the price are not paid out: {1}, so the total is {2}",
        "- kredit yang melebihi harga tidak dibayarkan kembali: {1}, sehingga totalnya {2}"
      )
    case .lineNoRefund:
      (
        "- the new price is below the one agreed; nothing is refunded: {1}, so the total is {2}",
        "- harga baru lebih rendah dari harga yang disepakati; tidak ada pengembalian dana: {1}, sehingga totalnya {2}"
      )
    case .lineUnitemized: ("- {1} (no breakdown was kept)", "- {1} (rinciannya tidak tersimpan)")
    case .days:
      (" for {1} of {2} days ({3} to {4})", " untuk {1} dari {2} hari ({3} sampai {4})")
    case .refusedHead:
      (
        "What you tried on your {1} could not be done.",
        "Permintaan Anda pada {1} Anda tidak dapat dilakukan."
      )
    case .refusedWhy: ("Why: {1}.", "Alasannya: {1}.")
    case .refusedArticle:
      ("From our help article (in Indonesian): “{1}”", "Dari artikel bantuan kami: “{1}”")
    case .refusedWhat: ("What you can do: {1}", "Yang dapat Anda lakukan: {1}")
    case .nothingRefused:
      (
        "nothing has been refused in this session yet",
        "belum ada permintaan yang ditolak dalam sesi ini"
      )
    case .doOwner:
      (
        "ask the billing owner of the plan to do it, or to pass billing ownership to you.",
        "mintalah pemilik tagihan paket untuk melakukannya, atau untuk mengalihkan kepemilikan tagihan kepada Anda."
      )
    case .doSales:
      (
        "contact our sales team from the billing tab; they will make the change for you.",
        "hubungi Tim penjualan kami melalui tab penagihan; mereka akan melakukan perubahan untuk Anda."
      )
    case .doSupport:
      (
        "contact our support team; we will help you.",
        "hubungi Tim dukungan kami; kami akan membantu Anda."
      )
    case .doUpgrade:
      ("upgrade to a paid plan first.", "tingkatkan ke paket berbayar terlebih dahulu.")
    case .doWait:
      (
        "nothing is needed now; the change takes effect on the date given above.",
        "saat ini tidak ada yang perlu dilakukan; perubahan berlaku pada tanggal di atas."
      )
    case .doOther:
      (
        "check the details above and try again, or reply to this message and we will help.",
        "periksa kembali detail di atas dan coba lagi, atau balas pesan ini dan kami akan membantu."
      )
    }
  }

  /// The words in `lang`, with `{n}` filled from `values`.
  func text(_ lang: Language, _ values: String...) -> String {
    var t = lang == .id ? words.id : words.en
    for (i, v) in values.enumerated() { t = t.replacing("{\(i + 1)}", with: v) }
    return t
  }
}

extension Language {
  /// A scope as a customer names it: "organization Acme", "organisasi Acme".
  func scope(_ s: Scope, in w: World) -> String {
    switch s {
    case .space(let id):
      let sp = w.space(id)
      switch (sp.kind, self) {
      case (.org, .en): return "organization \(sp.name)"
      case (.org, .id): return "organisasi \(sp.name)"
      case (.workspace, .en): return "workspace \(sp.name)"
      case (.workspace, .id): return "ruang kerja \(sp.name)"
      }
    case .team(let t):
      return (self == .en ? "team " : "tim ") + w.team(t).name
    }
  }

  func payment(_ p: Payment) -> String {
    switch (p, self) {
    case (.card, .en): "card"
    case (.card, .id): "kartu kredit"
    case (.paypal, _): "PayPal"
    case (.invoice, .en): "invoice"
    case (.invoice, .id): "faktur"
    }
  }

  func step(_ s: PlanStep) -> String {
    var parts: [String] = []
    if s.tierChanged { parts.append("\(s.fromTier.name) → \(s.toTier.name)") }
    if s.seatsChanged {
      parts.append("\(s.fromSeats) → \(s.toSeats) " + (self == .en ? "seats" : "kursi"))
    }
    if parts.isEmpty {
      parts.append(s.toTier.name + (self == .en ? " at a new price" : " dengan harga baru"))
    }
    return parts.joined(separator: ", ")
  }
}

extension Session {
  /// `explain <invoice-id>|last [--lang en|id]`: `{"lang", "text"}`.
  func explain(_ what: Explained, lang: Language) throws(Failure) -> Outcome {
    switch what {
    case .invoice(let id): return outcome(.invoiceExplained(try world.resolveInvoice(id), lang))
    case .last: return outcome(.refusalExplained(lastRefused(), lang))
    }
  }

  /// The last refusal as facts: the scope its command named (if it still exists), its code
  /// and rule; nil when nothing was refused yet.
  private func lastRefused() -> Refused? {
    guard let (text, outcome) = lastRefusal, let f = outcome.failure else { return nil }
    var scope: Scope?
    if let command = try? parse(line: text[...]) {
      var inner = command
      if case .runAs(_, let c, _) = command { inner = c }
      if let ref = inner.spec.scopes(inner).first { scope = world.find(ref) }
    }
    return Refused(scope: scope, code: f.code, rule: f.rule)
  }
}

/// The customer's language (`explain`): the text view of an explained invoice or refusal.
extension Reply {
  static func explanation(of id: InvoiceID, _ lang: Language, in w: World) -> String {
    let inv = w.invoice(id)
    let plan = w.plan(inv.plan)
    let m = Money.format
    var out = [Reply.greeting.text(lang)]
    out.append(
      Reply.invoiceHead.text(
        lang, id.description, inv.date.description, lang.scope(plan.scope, in: w),
        m(inv.amountCents)))
    switch inv.label {
    case .firstPeriod(let credits):
      out.append(
        credits > 0
          ? Reply.whyFirstCredits.text(lang, plan.tier.name, m(credits))
          : Reply.whyFirst.text(lang, plan.tier.name))
    case .proRata(let s, let until):
      out.append(Reply.whyProRata.text(lang, lang.step(s), until.description))
    case .resize(let from, let to):
      out.append(Reply.whyResize.text(lang, String(from), String(to)))
    case .renewal(_, _, _, let start, let end):
      out.append(Reply.whyRenewal.text(lang, start.description, end.description))
    case .bought(let start, let end, let on):
      out.append(Reply.whyBought.text(lang, start.description, end.description, on.description))
    case .said(let s): out.append(Reply.whyOther.text(lang, s))
    }
    for l in inv.lines ?? [InvoiceLine(kind: .unitemized, cents: inv.amountCents)] {
      var days = ""
      if let span = l.span(issued: inv.date), let d = l.days, let pd = l.periodDays {
        days = Reply.days.text(
          lang, String(d), String(pd), span.from.description, span.to.description)
      }
      let seats = String(l.seats ?? 0)
      let unit = m(l.unitCents ?? 0)
      switch l.kind {
      case .period: out.append(Reply.linePeriod.text(lang, seats, unit, m(l.cents)))
      case .addedSeats(let from, let to):
        out.append(
          Reply.lineAdded.text(lang, seats, String(from), String(to), unit, days, m(l.cents)))
      case .tierStep(let from, let to):
        // NB: the same tier at a new price reads as a move to it.
        out.append(
          Reply.lineTierStep.text(lang, from.name, to.name, seats, unit, days, m(l.cents)))
      case .credit(let q):
        let absorbed = w.plan(q)
        out.append(
          absorbed.wasTrial
            ? Reply.lineTrialCredit.text(lang, lang.scope(absorbed.scope, in: w), m(0))
            : Reply.lineCredit.text(
              lang, lang.scope(absorbed.scope, in: w), seats, unit, days, m(l.cents)))
      case .notPaidOut: out.append(Reply.lineNotPaidOut.text(lang, m(l.cents), m(0)))
      case .noRefund: out.append(Reply.lineNoRefund.text(lang, m(l.cents), m(0)))
      case .unitemized: out.append(Reply.lineUnitemized.text(lang, m(l.cents)))
      }
    }
    out.append(Reply.total.text(lang, m(inv.amountCents)))
    out.append(
      inv.payment == .invoice && inv.status != "paid"
        ? Reply.openBy.text(lang) : Reply.paidBy.text(lang, lang.payment(inv.payment)))
    out.append(Reply.closing.text(lang))
    return out.joined(separator: "\n")
  }

  static func explanation(of refused: Refused?, _ lang: Language, in w: World) -> String {
    guard let f = refused else { return Reply.nothingRefused.text(lang) }
    var out = [Reply.greeting.text(lang)]
    // NB: the command's scope in the customer's words, and what was tried as a plain verb.
    let place = f.scope.map { lang.scope($0, in: w) } ?? (lang == .en ? "plan" : "paket")
    out.append(Reply.refusedHead.text(lang, place))
    if let r = f.rule {
      out.append(Reply.refusedWhy.text(lang, lang == .en ? r.summary : r.indonesian))
      if lang == .id, let a = r.articleSentence { out.append(Reply.refusedArticle.text(lang, a)) }
    }
    let remedy: Reply =
      switch f.code {
      case .permissionDenied: .doOwner
      case .contactSales: .doSales
      case .unavailable: f.rule == .r17 ? .doUpgrade : .doSales
      case .notFound, .invalid, .conflict: .doOther
      default: .doSupport
      }
    out.append(Reply.refusedWhat.text(lang, remedy.text(lang)))
    out.append(Reply.closing.text(lang))
    return out.joined(separator: "\n")
  }
}
