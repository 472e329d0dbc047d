#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension MetricEventDecoder {
    /// One line of an input file: its number (1-based, counting every line) and its bytes,
    /// without the newline (`\n` or `\r\n`).
    public struct Line: Sendable, Hashable {
        /// 1 for the first line of the input.
        public var number: Int
        /// Offsets of the line's bytes in the input, newline excluded.
        public var range: Range<Int>

        /// A line numbered `number` spanning `range`.
        public init(number: Int, range: Range<Int>) {
            self.number = number
            self.range = range
        }
    }

    /// A bad line: `line N: <field>: <reason>`, as `parkstream publish` reports it (ARCHITECTURE.md §8).
    public struct LineError: Error, Sendable, Hashable, CustomStringConvertible {
        /// The 1-based line number.
        public var line: Int
        /// What is wrong with it.
        public var error: MetricEventError

        /// The error `error` on line `line`.
        public init(line: Int, error: MetricEventError) {
            self.line = line
            self.error = error
        }

        /// `line 3: value: 1.2 is outside the range of wastewater_compliance (must be >= 0 and <= 1)`.
        public var description: String { "line \(line): \(error)" }
    }

    /// Calls `body` for each line of NDJSON `bytes` that is not blank, in order.
    ///
    /// Blank lines (empty or only spaces, tabs and carriage returns) are skipped and not counted as
    /// errors, but they are counted in line numbers. A UTF-8 byte order mark is skipped at the very
    /// start of the input and is an error anywhere else.
    ///
    /// `part`, when given, limits the walk to those bytes, which must start at the input's start or
    /// just after a newline; `firstNumber` is then the number of the part's first line. Parts of one
    /// input can so be read in parallel with the numbers and errors of one pass over all of it.
    public static func forEachLine(
        in bytes: UnsafeRawBufferPointer, part: Range<Int>? = nil, firstNumber: Int = 1, _ body: (Line) throws -> Void
    ) rethrows {
        guard let base = bytes.baseAddress else { return }
        let part = part ?? 0..<bytes.count
        var start = part.lowerBound == 0 && hasByteOrderMark(bytes, at: 0) ? 3 : part.lowerBound
        var number = firstNumber
        while start < part.upperBound {
            let remaining = part.upperBound - start
            let end: Int
            if let newline = memchr(base + start, 0x0A, remaining) {
                end = base.distance(to: UnsafeRawPointer(newline))
            } else {
                end = part.upperBound
            }
            var lineEnd = end
            if lineEnd > start, bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            if !isBlank(bytes, start..<lineEnd) { try body(Line(number: number, range: start..<lineEnd)) }
            start = end + 1
            number += 1
        }
    }

    /// Decodes every non-blank line of NDJSON `bytes`, handing each outcome to `body` in order:
    /// a bad line never stops the good ones after it. `body` owns each outcome (`consuming`), so it
    /// can keep the event without copying it.
    ///
    /// `part` and `firstNumber`: as in `forEachLine`.
    public mutating func decodeLines(
        _ bytes: UnsafeRawBufferPointer, part: Range<Int>? = nil, firstNumber: Int = 1,
        _ body: (Line, consuming Result<MetricEvent, LineError>) throws -> Void
    ) rethrows {
        try Self.forEachLine(in: bytes, part: part, firstNumber: firstNumber) { line in
            let slice = UnsafeRawBufferPointer(rebasing: bytes[line.range])
            if line.range.lowerBound > 0, Self.hasByteOrderMark(bytes, at: line.range.lowerBound) {
                let error = MetricEventError.encoding("a UTF-8 byte order mark is only allowed at the start of a file")
                try body(line, .failure(LineError(line: line.number, error: error)))
                return
            }
            switch result(slice) {
            case .success(let event): try body(line, .success(event))
            case .failure(let error): try body(line, .failure(LineError(line: line.number, error: error)))
            }
        }
    }

    static func hasByteOrderMark(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> Bool {
        offset + 3 <= bytes.count && bytes[offset] == 0xEF && bytes[offset + 1] == 0xBB && bytes[offset + 2] == 0xBF
    }

    @inline(__always)
    private static func isBlank(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Bool {
        for index in range {
            let byte = bytes[index]
            if byte != 0x20 && byte != 0x09 && byte != 0x0D { return false }
        }
        return true
    }
}
