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

    private var tokens:
        (JSONToken, JSONToken, JSONToken, JSONToken, JSONToken, JSONToken, JSONToken, JSONToken, JSONToken)
    private var present: UInt16 = 0

    init() {
        let absent = JSONToken.absent
        tokens = (absent, absent, absent, absent, absent, absent, absent, absent, absent)
    }

    @inline(__always)
    func has(_ name: Name) -> Bool { present & (1 &<< UInt16(truncatingIfNeeded: name.rawValue)) != 0 }

    /// The token of a field, nil when the field is absent.
    subscript(name: Name) -> JSONToken? {
        @inline(__always) get {
            guard has(name) else { return nil }
            switch name {
            case .eventID: return tokens.0
            case .parkID: return tokens.1
            case .metric: return tokens.2
            case .observedAt: return tokens.3
            case .value: return tokens.4
            case .weight: return tokens.5
            case .period: return tokens.6
            case .unit: return tokens.7
            case .source: return tokens.8
            }
        }
        @inline(__always) set {
            let bit: UInt16 = 1 &<< UInt16(truncatingIfNeeded: name.rawValue)
            guard let token = newValue else {
                present &= ~bit
                return
            }
            present |= bit
            switch name {
            case .eventID: tokens.0 = token
            case .parkID: tokens.1 = token
            case .metric: tokens.2 = token
            case .observedAt: tokens.3 = token
            case .value: tokens.4 = token
            case .weight: tokens.5 = token
            case .period: tokens.6 = token
            case .unit: tokens.7 = token
            case .source: tokens.8 = token
            }
        }
    }
}
