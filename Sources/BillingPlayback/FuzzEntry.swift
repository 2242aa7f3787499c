import BillingModel
import BillingRuntime
import BillingStore
import BillingSupport

/// The fuzz entry point logic, without libFuzzer: Fuzz/Sources/billsh-fuzz calls it for each
/// input, and HostileInputTests replays Tests/FuzzCorpus through it.
package enum FuzzEntry {
  /// What an input's first byte selects: 0x01 a saved world, 0x02 a catalog (each followed by
  /// the JSON, then optionally a NUL byte and a script to play over it); anything else is a
  /// script played in a fresh session.
  package static let worldMode: UInt8 = 1
  package static let catalogMode: UInt8 = 2

  /// Plays one input, catching nothing: a crash, a trap or a hang is a finding.
  package static func play(_ bytes: [UInt8]) {
    switch bytes.first {
    case worldMode?:
      let (json, script) = split(bytes.dropFirst())
      let session = Session(files: LocalFiles())
      do { try session.loadWorld(json, from: "fuzz.json") } catch {
        guard error.code == .io else { fatalError("a bad world file fails \(error.code)") }
        return
      }
      // A loaded world saves, and what it saves loads back and saves the same bytes.
      let saved = session.savedText()
      let again = Session()
      do { try again.loadWorld(Array(saved.utf8), from: "saved.json") } catch {
        fatalError("a saved world does not load: \(error.message)\n\(saved)")
      }
      if again.savedText() != saved { fatalError("a loaded world saves differently\n\(saved)") }
      play(script, in: session)
    case catalogMode?:
      let (json, script) = split(bytes.dropFirst())
      let catalog: Catalog
      do {
        let text = String(decoding: json, as: UTF8.self)
        catalog = try parseCatalog(try parseJSON(text), base: .standard)
      } catch {
        guard error.code == .io else { fatalError("a bad catalog fails \(error.code)") }
        return
      }
      play(script, in: Session(catalog: catalog, files: LocalFiles()))
    default:
      play(bytes, in: Session(files: LocalFiles()))
    }
  }

  /// The JSON before the first NUL byte, and the script after it.
  static func split(_ bytes: ArraySlice<UInt8>) -> ([UInt8], [UInt8]) {
    guard let nul = bytes.firstIndex(of: 0) else { return (Array(bytes), []) }
    return (Array(bytes[..<nul]), Array(bytes[(nul + 1)...]))
  }

  /// Plays `bytes` as a script in `session`. Lines that would write files (`.save`, `.record`)
  /// are skipped, and so are `.read`/`.load` lines naming a path with a slash (the fuzzer runs
  /// in a scratch folder). After the script, the world must survive a save/restore round trip
  /// unchanged.
  static func play(_ bytes: [UInt8], in session: Session) {
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
