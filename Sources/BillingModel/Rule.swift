/// A rule of SPEC §2: `R*` from the help article, `P*` this project's modelling choices.
/// NB: the one place rule ids are spelled; failures name a rule through this type, never a string.
package enum Rule: String, CaseIterable, Sendable {
  case r1 = "R1", r2 = "R2", r3 = "R3", r4 = "R4", r5 = "R5", r6 = "R6", r7 = "R7", r8 = "R8"
  case r9 = "R9", r10 = "R10", r11 = "R11", r12 = "R12", r13 = "R13", r14 = "R14", r15 = "R15"
  case r16 = "R16", r17 = "R17", r18 = "R18", r19 = "R19", r20 = "R20", r21 = "R21", r22 = "R22"
  case p1 = "P1", p2 = "P2", p3 = "P3", p4 = "P4", p5 = "P5", p6 = "P6", p7 = "P7", p8 = "P8"

  /// `R14`, as printed in errors and the log.
  package var id: String { rawValue }

  /// The rule for an id in any case (`r14`, `P6`), or nil.
  package init?(id: String) {
    guard let rule = Rule(rawValue: id.uppercased()) else { return nil }
    self = rule
  }
}
