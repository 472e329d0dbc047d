/// A value derived from its owner's state only to skip work (a cache). It takes no part in the
/// owner's equality or hash: two states that differ only in their hints are the same state. It
/// starts unknown (`nil`), so a state rebuilt field by field (a checkpoint restore) recomputes it.
struct Hint<Value: Sendable>: Hashable, Sendable {
    var value: Value?

    static func == (lhs: Hint, rhs: Hint) -> Bool { true }

    func hash(into hasher: inout Hasher) {}
}
