import BillshCLI

/// The executable: everything it does is in BillshCLI, where the tests can reach it.
@main
enum Main {
  static func main() { Billsh.main() }
}
