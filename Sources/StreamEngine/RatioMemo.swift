/// A derived ratio's live calendar value for one park and window, and the history stamps of the
/// numerator and denominator it was computed from: it holds while the stamps do (see
/// `PartitionEngine.liveAggregate(parkIndex:metric:window:)`). A cache, never saved.
struct RatioMemo: Sendable {
    struct Inputs: Equatable, Sendable {
        var numerator: Int
        var denominator: Int
    }

    /// The calendar windows a ratio has: `month`, `ytd`, `yoy`.
    static let windows = 3

    /// Empty: matches no inputs.
    var inputs = Inputs(numerator: -1, denominator: -1)
    var value: Aggregate?

    /// The memo's position among a ratio's `windows`.
    static func position(of window: Window) -> Int {
        switch window {
        case .ytd: 1
        case .yoy: 2
        default: 0
        }
    }
}
