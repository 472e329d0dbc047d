extension JSONScanner {
    /// Skips the array or object at the current position, whose parent sits at `depth`.
    ///
    /// Iterative: a bit per level says whether it is an object, so the depth limit, not the
    /// stack, bounds the work. Keys of nested objects are checked for duplicates too.
    @inline(never)
    mutating func skipContainer(depth parentDepth: Int) throws(MetricEventError) {
        var objects: UInt64 = 0  // bit n: level n (0 = this container) is an object
        var level = -1
        var keys: [Set<[UInt8]>] = []
        var expectValue = true
        while true {
            if expectValue {
                let byte = try peek()
                if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
                    level += 1
                    guard parentDepth + level + 1 <= Self.maxDepth else {
                        throw MetricEventError(
                            field: nil, code: .tooDeep,
                            reason: "nesting deeper than \(Self.maxDepth) levels at byte \(position)")
                    }
                    let isObject = byte == UInt8(ascii: "{")
                    let bit: UInt64 = 1 << UInt64(level)
                    objects = isObject ? objects | bit : objects & ~bit
                    position += 1
                    skipWhitespace()
                    let closer = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
                    if try peek() == closer {
                        position += 1
                        level -= 1
                        if level < 0 { return }
                        expectValue = false
                        continue
                    }
                    if isObject {
                        while keys.count <= level { keys.append([]) }
                        keys[level].removeAll(keepingCapacity: true)
                        try scanMemberKey(into: &keys[level])
                    }
                    continue
                }
                _ = try scanValue(depth: parentDepth + level + 1)
                expectValue = false
            }
            skipWhitespace()
            let isObject = objects & (1 << UInt64(level)) != 0
            let byte = try peek()
            if byte == UInt8(ascii: ",") {
                position += 1
                skipWhitespace()
                if isObject { try scanMemberKey(into: &keys[level]) }
                expectValue = true
            } else if byte == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                position += 1
                level -= 1
                if level < 0 { return }
            } else {
                throw unexpected(at: position)
            }
        }
    }

    /// Scans `"key" :` inside a nested object and records the key, refusing a repeated one.
    private mutating func scanMemberKey(into seen: inout Set<[UInt8]>) throws(MetricEventError) {
        guard try peek() == UInt8(ascii: "\"") else { throw unexpected(at: position) }
        let key = try scanString()
        let bytes = JSONStrings.bytes(of: key, in: base)
        if !seen.insert(bytes).inserted, duplicate == nil {
            duplicate = JSONStrings.string(of: key, in: base)
        }
        skipWhitespace()
        try expect(UInt8(ascii: ":"))
        skipWhitespace()
    }
}
