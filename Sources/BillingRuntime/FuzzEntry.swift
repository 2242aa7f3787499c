import BillingModel
import BillingStore
import BillingSupport

/// The fuzz entry point logic, without libFuzzer: Fuzz/Sources/billsh-fuzz calls it for each
/// input, and HostileInputTests replays Tests/FuzzCorpus through it.
package enum FuzzEntry {
  /// Plays `bytes` as a script in a fresh session, catching nothing: a crash, a trap or a
  /// hang is a finding. Lines that would write files (`.save`, `.record`) are skipped, and so
  /// are `.read`/`.load` lines naming a path with a slash (the fuzzer runs in a scratch folder).
  /// After the script, the world must survive a save/restore round trip unchanged.
  package static func play(_ bytes: [UInt8]) {
    let session = Session()
    let text = RecordPrinter(json: false), json = RecordPrinter(json: true)
    var rendered = 0
    session.sink = { r in rendered &+= text.render(r).utf8.count &+ json.render(r).utf8.count }
    for l in ScriptReader.lines(of: bytes) {
      if let f = l.failure {
        session.reject(f, input: l.text, file: "fuzz.bill", line: l.number)
        continue
      }
      let lower = l.text.lowercased()
      if lower.contains(".save") || lower.contains(".record") { continue }
      if (lower.contains(".read") || lower.contains(".load")) && l.text.contains("/") { continue }
      let o = session.perform(l.text, file: "fuzz.bill", line: l.number, expectation: l.expectation)
      if o.quit { break }
    }
    let saved = session.savedText()
    let restored: World
    do { restored = try World.restore(try parseJSON(saved)) } catch {
      fatalError("a saved world does not load: \(error.message)\n\(saved)")
    }
    if JSON.object(restored.snapshot()) != JSON.object(session.world.snapshot()) {
      fatalError("a saved world loads as a different world\n\(saved)")
    }
    _ = rendered
  }
}
