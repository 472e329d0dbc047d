import Testing

@testable import ParkRules

@Suite("SlottedTable")
struct SlottedTableTests {
    @Test("slots are insertion positions that never change; a key is added once")
    func slotsAreStable() {
        var table = SlottedTable<String, Int>()
        #expect(table.slot(of: "a") == nil)
        #expect(table.slot(of: "a") { 1 } == 0)
        #expect(table.slot(of: "b") { 2 } == 1)
        #expect(table.slot(of: "a") { 99 } == 0)  // present: not made again
        table[slot: 1] += 10
        #expect(table["a"] == 1 && table["b"] == 12 && table["c"] == nil)
        #expect(table.keys == ["a", "b"] && table.count == 2)
        for key in (0..<100).map(String.init) { _ = table.slot(of: key) { 0 } }
        #expect(table.slot(of: "a") == 0 && table.slot(of: "b") == 1 && table[slot: 1] == 12)
    }

    @Test("equal when the same keys map to the same values, in any insertion order")
    func equalityIgnoresOrder() {
        var forward = SlottedTable<String, Int>()
        var backward = SlottedTable<String, Int>()
        for key in ["x", "y", "z"] { _ = forward.slot(of: key) { key.count } }
        for key in ["z", "y", "x"] { _ = backward.slot(of: key) { key.count } }
        #expect(forward == backward)
        #expect(forward.hashValue == backward.hashValue)
        backward[slot: 0] = 7
        #expect(forward != backward)
    }
}
