/// The fields of one event as found in the input, before validation: where each value is and what
/// JSON type it has. The JSON decoder and the CSV reader both fill this, so both validate alike.
struct EventFields {
    /// The fields of event v1, in the order they are validated (the first rule broken is reported).
    enum Name: Int, CaseIterable {
        case eventID, parkID, metric, observedAt, value, weight, period, unit, source

        var wireName: String {
            switch self {
            case .eventID: "event_id"
            case .parkID: "park_id"
            case .metric: "metric"
            case .observedAt: "observed_at"
            case .value: "value"
            case .weight: "weight"
            case .period: "period"
            case .unit: "unit"
            case .source: "source"
            }
        }

        /// The key with its quotes and colon, as a canonical event spells it.
        var quotedKey: StaticString {
            switch self {
            case .eventID: "\"event_id\":"
            case .parkID: "\"park_id\":"
            case .metric: "\"metric\":"
            case .observedAt: "\"observed_at\":"
            case .value: "\"value\":"
            case .weight: "\"weight\":"
            case .period: "\"period\":"
            case .unit: "\"unit\":"
            case .source: "\"source\":"
            }
        }

        /// The field a key names, matched on its bytes without making a string.
        @inline(__always)
        static func matching(_ base: UnsafePointer<UInt8>, start: Int, end: Int) -> Name? {
            let key = base + start
            switch end - start {
            case 4: return equals(key, "unit") ? .unit : nil
            case 5: return equals(key, "value") ? .value : nil
            case 6:
                switch key[0] {
                case UInt8(ascii: "m"): return equals(key, "metric") ? .metric : nil
                case UInt8(ascii: "w"): return equals(key, "weight") ? .weight : nil
                case UInt8(ascii: "p"): return equals(key, "period") ? .period : nil
                case UInt8(ascii: "s"): return equals(key, "source") ? .source : nil
                default: return nil
                }
            case 7: return equals(key, "park_id") ? .parkID : nil
            case 8: return equals(key, "event_id") ? .eventID : nil
            case 11: return equals(key, "observed_at") ? .observedAt : nil
            default: return nil
            }
        }

        @inline(__always)
        private static func equals(_ key: UnsafePointer<UInt8>, _ word: StaticString) -> Bool {
            let bytes = word.utf8Start
            for index in 0..<word.utf8CodeUnitCount where key[index] != bytes[index] { return false }
            return true
        }
    }

    /// One slot per `Name`, inline (nine tokens, no allocation and no closure to reach them); a
    /// slot counts only once written, as `present` records.
    private var tokens: Slots = (.absent, .absent, .absent, .absent, .absent, .absent, .absent, .absent, .absent)
    private var present: UInt16 = 0

    private typealias Slots = (
        JSONToken, JSONToken, JSONToken, JSONToken, JSONToken, JSONToken, JSONToken, JSONToken, JSONToken
    )

    /// No fields yet.
    init() {
        assert(MemoryLayout<Slots>.size == Name.allCases.count * MemoryLayout<JSONToken>.stride)
    }

    @inline(__always)
    func has(_ name: Name) -> Bool { present & (1 &<< UInt16(truncatingIfNeeded: name.rawValue)) != 0 }

    /// The token of a field, nil when the field is absent.
    subscript(name: Name) -> JSONToken? {
        @inline(__always) get {
            guard has(name) else { return nil }
            return withUnsafeBytes(of: tokens) {
                $0.load(fromByteOffset: name.rawValue * MemoryLayout<JSONToken>.stride, as: JSONToken.self)
            }
        }
        @inline(__always) set {
            let bit: UInt16 = 1 &<< UInt16(truncatingIfNeeded: name.rawValue)
            guard let token = newValue else {
                present &= ~bit
                return
            }
            present |= bit
            withUnsafeMutableBytes(of: &tokens) {
                $0.storeBytes(
                    of: token, toByteOffset: name.rawValue * MemoryLayout<JSONToken>.stride, as: JSONToken.self)
            }
        }
    }
}
