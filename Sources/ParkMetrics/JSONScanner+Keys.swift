extension JSONScanner {
    /// Tries the event fields from `first` on (at most three) against the bytes at the current
    /// position, each spelled `"name":`. On a match, moves past the colon and returns the field.
    ///
    /// Exact bytes are an exact answer: such a key has no escapes, so it is the string the general
    /// path would have read.
    @inline(__always)
    mutating func matchKey(from first: Int) -> EventFields.Name? {
        var candidate = first
        while candidate < first + 3, let name = EventFields.Name(rawValue: candidate) {
            let literal = name.quotedKey
            let length = literal.utf8CodeUnitCount
            if position + length <= count, Bytes.equal(base + position, literal.utf8Start, count: length) {
                position += length
                return name
            }
            candidate += 1
        }
        return nil
    }
}
