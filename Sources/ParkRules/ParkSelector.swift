import ParkMetrics

/// The parks a rule applies to: `["*"]` (every park) or a list of park ids.
public enum ParkSelector: Hashable, Sendable {
    /// Every park.
    case all
    /// Only these parks.
    case only(Set<ParkID>)

    /// Whether the rule applies to `park`.
    public func contains(_ park: ParkID) -> Bool {
        switch self {
        case .all: true
        case .only(let parks): parks.contains(park)
        }
    }

    /// The listed parks in order, or empty for every park.
    public var listed: [ParkID] {
        switch self {
        case .all: []
        case .only(let parks): parks.sorted()
        }
    }
}
