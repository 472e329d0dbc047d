import ParkMetrics

/// How a `PartitionEngine` cuts time. Part of every checkpoint: a checkpoint restores with the
/// configuration it was written with.
public struct EngineConfiguration: Hashable, Sendable {
    /// The parks' time zone for calendar windows.
    public var zone: ParkZone
    /// How far behind its park's latest telemetry instant an event may be and still count;
    /// 0 … `maximumLateness` (an engine clamps it into that range).
    public var allowedLateness: Duration
    /// The sliding windows kept, each pre-aggregated in `bucketsPerWindow` buckets (at most
    /// `maximumSlidingWindows`; an engine keeps the first ones). A rule on a sliding window needs
    /// its duration listed here.
    public var slidingWindows: [Duration]
    /// Buckets per sliding window, 1 … `maximumBucketsPerWindow` (an engine clamps it): the bucket
    /// width is `window / bucketsPerWindow`, the resolution and error bound of the window (see
    /// `PartitionEngine.aggregate(park:metric:window:)`). Memory per park × telemetry metric is
    /// about 48 bytes × the next power of two of it, per window.
    public var bucketsPerWindow: Int

    /// The defaults: Asia/Shanghai, 10 minutes of lateness, 1h, 24h, 7d, 30d in 60 buckets each.
    public init(
        zone: ParkZone = .shanghai,
        allowedLateness: Duration = .seconds(600),
        slidingWindows: [Duration] = [.seconds(3600), .seconds(86_400), .seconds(7 * 86_400), .seconds(30 * 86_400)],
        bucketsPerWindow: Int = 60
    ) {
        self.zone = zone
        self.allowedLateness = allowedLateness
        self.slidingWindows = slidingWindows
        self.bucketsPerWindow = bucketsPerWindow
    }

    /// The most sliding windows an engine keeps.
    public static let maximumSlidingWindows = 32
    /// The finest resolution: 4,096 buckets per window.
    public static let maximumBucketsPerWindow = 4096

    /// The largest allowed lateness: 31 days (state for the `day` window grows with it).
    public static let maximumLateness = Duration.seconds(31 * 86_400)

    /// `allowedLateness` in µs, clamped to 0 … `maximumLateness`.
    var latenessMicroseconds: Int64 {
        min(max(0, allowedLateness.microsecondsRoundedDown), Self.maximumLateness.microsecondsRoundedDown)
    }

    /// `bucketsPerWindow` clamped to 1 … `maximumBucketsPerWindow`.
    var bucketCount: Int { min(max(1, bucketsPerWindow), Self.maximumBucketsPerWindow) }

    /// The sliding windows an engine keeps.
    var keptWindows: [Duration] { Array(slidingWindows.prefix(Self.maximumSlidingWindows)) }

    /// The position of `duration` in `keptWindows`, without building that array (queries ask it).
    func keptWindowIndex(of duration: Duration) -> Int? {
        slidingWindows.prefix(Self.maximumSlidingWindows).firstIndex(of: duration)
    }

    /// Bucket width of each kept sliding window, in microseconds (at least 1).
    var bucketWidths: [Int64] {
        keptWindows.map { max(1, $0.microsecondsRoundedDown / Int64(bucketCount)) }
    }

    /// Local days kept for the `day` window: enough that every day an accepted event can fall in
    /// (today and the days the lateness reaches back into) is still there.
    var daysKept: Int {
        Int(latenessMicroseconds / 86_400_000_000) + 2
    }
}
