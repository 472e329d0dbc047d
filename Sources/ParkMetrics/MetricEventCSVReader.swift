/// Reads metric events from CSV (RFC 4180) with a header row of field names, validating each
/// record exactly as `MetricEventDecoder` validates a JSON line.
///
/// Columns named like event fields (`event_id`, `park_id`, `metric`, `observed_at`, `value`,
/// `weight`, `period`, `unit`, `source`) are read; other columns are ignored. An empty cell is an
/// absent field. `value` and `weight` cells must be JSON-style numbers (`0.95`, `1e3`). Records end
/// with `\n` or `\r\n`; quoted cells may hold commas, `""` and newlines; empty lines are skipped.
/// Line numbers count physical lines, a record being numbered by the line it starts on.
public struct MetricEventCSVReader: Sendable, IteratorProtocol, Sequence {
    private let bytes: [UInt8]
    private var position = 0
    private var line = 1
    private var columns: [EventFields.Name?] = []
    private var caches = DecoderCaches()
    private var cells: [Range<Int>] = []
    private var scratch: [UInt8] = []

    /// Reads the header row; throws when it is missing or names a field twice.
    public init(_ bytes: [UInt8]) throws(MetricEventDecoder.LineError) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
        let headerLine = line
        do throws(MetricEventError) {
            guard try readRecord() else { throw .csv("no header row") }
        } catch {
            throw MetricEventDecoder.LineError(line: headerLine, error: error)
        }
        var seen: Set<EventFields.Name> = []
        for cell in cells {
            let name = String(decoding: scratch[cell], as: UTF8.self)
            let field = EventFields.Name.allCases.first { $0.wireName == name }
            if let field, !seen.insert(field).inserted {
                throw MetricEventDecoder.LineError(
                    line: headerLine, error: .csv("column \(field.wireName) appears twice"))
            }
            columns.append(field)
        }
    }

    /// The next record as an event or as the reason it is refused; nil at the end of the input.
    public mutating func next() -> Result<MetricEvent, MetricEventDecoder.LineError>? {
        skipEmptyLines()
        let number = line
        var recordRead = false
        do throws(MetricEventError) {
            guard try readRecord() else { return nil }
            recordRead = true
            guard cells.count == columns.count else {
                throw .csv("record has \(cells.count) fields, the header has \(columns.count)")
            }
            return .success(try event())
        } catch {
            if !recordRead { skipRestOfLine() }
            return .failure(MetricEventDecoder.LineError(line: number, error: error))
        }
    }

    /// After a broken record, resynchronizes on the next newline.
    private mutating func skipRestOfLine() {
        while position < bytes.count, bytes[position] != 0x0A { position += 1 }
    }

    private mutating func event() throws(MetricEventError) -> MetricEvent {
        var caches = self.caches
        defer { self.caches = caches }
        let columns = self.columns
        let cells = self.cells
        return try scratch.withUnsafeBufferPointer { buffer throws(MetricEventError) -> MetricEvent in
            guard let base = buffer.baseAddress else { throw .field("event_id", .required, "required") }
            var fields = EventFields()
            for (index, name) in columns.enumerated() {
                guard let name, !cells[index].isEmpty else { continue }
                let cell = cells[index]
                if String(validating: buffer[cell], as: UTF8.self) == nil {
                    throw .field(name.wireName, .encoding, "invalid UTF-8")
                }
                var token = JSONToken(kind: .string, start: cell.lowerBound, end: cell.upperBound)
                if name == .value || name == .weight {
                    let isNumber = JSONNumber.parse(base, start: cell.lowerBound, end: cell.upperBound) != nil
                    token.kind = isNumber ? .number : .badNumber
                }
                fields[name] = token
            }
            return try fields.validate(in: base, caches: &caches)
        }
    }

    // MARK: - RFC 4180

    /// Reads the next non-empty record into `cells` (ranges of `scratch`); false at the end.
    private mutating func skipEmptyLines() {
        while position < bytes.count, bytes[position] == 0x0A || bytes[position] == 0x0D {
            if bytes[position] == 0x0A { line += 1 }
            position += 1
        }
    }

    private mutating func readRecord() throws(MetricEventError) -> Bool {
        skipEmptyLines()
        guard position < bytes.count else { return false }
        cells.removeAll(keepingCapacity: true)
        scratch.removeAll(keepingCapacity: true)
        let start = position
        while true {
            try readCell()
            if position - start > MetricEventDecoder.maxLineBytes {
                throw MetricEventError(
                    field: nil, code: .tooLong,
                    reason: "record is over the limit of \(MetricEventDecoder.maxLineBytes) bytes")
            }
            guard position < bytes.count else { return true }
            let byte = bytes[position]
            position += 1
            if byte == UInt8(ascii: ",") { continue }
            if byte == 0x0D, position < bytes.count, bytes[position] == 0x0A { position += 1 }
            line += 1
            return true
        }
    }

    /// Reads one cell, stopping before its `,`, newline or the end of the input.
    private mutating func readCell() throws(MetricEventError) {
        let cellStart = scratch.count
        defer { cells.append(cellStart..<scratch.count) }
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
            while position < bytes.count {
                let byte = bytes[position]
                if byte == UInt8(ascii: ",") || byte == 0x0A || (byte == 0x0D && isNewline(at: position)) { return }
                if byte == UInt8(ascii: "\"") { throw .csv("quote inside an unquoted cell") }
                scratch.append(byte)
                position += 1
            }
            return
        }
        position += 1
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            if byte == UInt8(ascii: "\"") {
                guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                    guard position == bytes.count || bytes[position] == UInt8(ascii: ",") || isNewline(at: position)
                    else {
                        throw .csv("unexpected character after a closing quote")
                    }
                    return
                }
                position += 1
            } else if byte == 0x0A {
                line += 1
            }
            scratch.append(byte)
        }
        throw .csv("unterminated quoted cell")
    }

    private func isNewline(at index: Int) -> Bool {
        bytes[index] == 0x0A || (bytes[index] == 0x0D && (index + 1 == bytes.count || bytes[index + 1] == 0x0A))
    }
}

extension MetricEventError {
    static func csv(_ reason: String) -> MetricEventError {
        MetricEventError(field: nil, code: .csv, reason: reason)
    }
}
