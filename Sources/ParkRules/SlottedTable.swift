/// A dictionary whose entries also have slots: positions, in insertion order, that never change.
/// A caller that keeps an entry's slot reads and changes the entry by position without hashing its
/// key again; the pipeline does so per event (hashing park ids per event and rule was ~10 % of
/// replay's CPU).
///
/// Entries are never removed. Two tables are equal when they map the same keys to the same values,
/// whatever order the entries came in (slots are not part of the state).
struct SlottedTable<Key: Hashable & Sendable, Value: Hashable & Sendable>: Hashable, Sendable {
    private var slots: [Key: Int] = [:]
    /// Per slot: its key.
    private(set) var keys: [Key] = []
    private var values: [Value] = []

    var count: Int { keys.count }

    /// The slot of `key`, if it has an entry.
    func slot(of key: Key) -> Int? { slots[key] }

    /// The slot of `key`, adding the entry `make()` first if it has none.
    mutating func slot(of key: Key, inserting make: () -> Value) -> Int {
        if let slot = slots[key] { return slot }
        slots[key] = keys.count
        keys.append(key)
        values.append(make())
        return keys.count - 1
    }

    /// The entry at `slot`, changed in place.
    subscript(slot slot: Int) -> Value {
        get { values[slot] }
        _modify { yield &values[slot] }
    }

    /// The entry of `key`, if any.
    subscript(key: Key) -> Value? { slots[key].map { values[$0] } }

    /// The entries as a dictionary (for equality, hashing and tests; not for the hot path).
    var dictionary: [Key: Value] { Dictionary(uniqueKeysWithValues: zip(keys, values)) }

    static func == (lhs: SlottedTable, rhs: SlottedTable) -> Bool { lhs.dictionary == rhs.dictionary }

    func hash(into hasher: inout Hasher) { hasher.combine(dictionary) }
}
