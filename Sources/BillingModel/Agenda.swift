/// Dates on which live plans renew or trials end: a min-heap ordered by date, then plan id.
/// NB: entries go stale when a plan ends or its period moves; `World.advance` skips those.
struct Agenda: Sendable {
  private(set) var heap: [(day: Day, plan: PlanID)] = []

  var isEmpty: Bool { heap.isEmpty }
  var next: (day: Day, plan: PlanID)? { heap.first }

  private static func less(_ a: (day: Day, plan: PlanID), _ b: (day: Day, plan: PlanID)) -> Bool {
    a.day != b.day ? a.day < b.day : a.plan < b.plan
  }

  mutating func push(_ day: Day, _ plan: PlanID) {
    heap.append((day, plan))
    var i = heap.count - 1
    while i > 0 {
      let parent = (i - 1) / 2
      if !Agenda.less(heap[i], heap[parent]) { break }
      heap.swapAt(i, parent)
      i = parent
    }
  }

  mutating func pop() -> (day: Day, plan: PlanID)? {
    guard !heap.isEmpty else { return nil }
    let top = heap[0]
    let last = heap.removeLast()
    if !heap.isEmpty {
      heap[0] = last
      var i = 0
      while true {
        let l = 2 * i + 1, r = l + 1
        var m = i
        if l < heap.count && Agenda.less(heap[l], heap[m]) { m = l }
        if r < heap.count && Agenda.less(heap[r], heap[m]) { m = r }
        if m == i { break }
        heap.swapAt(i, m)
        i = m
      }
    }
    return top
  }
}
