/// Puts split uploads (Flag bit D) back together: fragments of one upload share MN, CN, QN and
/// PNUM and are numbered 1…PNUM by PNO, in any order. When the last one arrives, the upload's CP
/// is the fragments' CP texts joined with `;` in PNO order (each fragment carries whole
/// pollutant groups), and the result is one packet with the header of fragment 1.
///
/// Memory is bounded: at most `maxPending` uploads wait; beyond that the oldest is given up
/// (its fragments were archived as they came; only its judgement is lost, and counted).
public struct SplitReassembler: Sendable {
    public struct Key: Hashable, Sendable {
        var mn: String
        var cn: String
        var qn: String
        var pnum: Int
    }

    /// What adding a fragment did.
    public struct Outcome: Sendable {
        /// The whole upload, when this fragment completed it.
        public var completed: HJ212Packet?
        /// Uploads given up to stay within `maxPending`.
        public var abandoned: Int
    }

    public let maxPending: Int
    private var pending: [Key: [Int: HJ212Packet]] = [:]
    private var order: [Key] = []

    public init(maxPending: Int = 64) {
        self.maxPending = max(1, maxPending)
    }

    /// Uploads waiting for fragments.
    public var pendingCount: Int { pending.count }

    /// Adds one fragment (a packet with `isFragment`); a fragment sent twice replaces the first.
    /// Throws when the reassembled CP does not parse.
    public mutating func add(_ fragment: HJ212Packet) throws(HJ212Error) -> Outcome {
        guard let pnum = fragment.pnum, let pno = fragment.pno else {
            return Outcome(completed: fragment, abandoned: 0)
        }
        let key = Key(mn: fragment.mn, cn: fragment.cn, qn: fragment.qn ?? "", pnum: pnum)
        var abandoned = 0
        if pending[key] == nil {
            order.append(key)
            while order.count > maxPending {
                pending[order.removeFirst()] = nil
                abandoned += 1
            }
        }
        pending[key, default: [:]][pno] = fragment
        guard let parts = pending[key], parts.count == pnum else {
            return Outcome(completed: nil, abandoned: abandoned)
        }
        pending[key] = nil
        order.removeAll { $0 == key }
        let sorted = (1...pnum).compactMap { parts[$0] }
        var whole = sorted[0]
        whole.cpText = sorted.map(\.cpText).joined(separator: ";")
        whole.pno = nil
        whole.parameters = try CommandParameters(parsing: Substring(whole.cpText))
        return Outcome(completed: whole, abandoned: abandoned)
    }
}
