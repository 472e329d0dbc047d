import ParkMetrics

/// What to simulate: which parks, over which span of event time, how densely, from which seed.
public struct SimulationConfiguration: Sendable {
    /// The first instant of live data; history (2016 baselines) comes before it.
    public var start: Timestamp
    /// The end of the simulated span (exclusive).
    public var end: Timestamp
    public var seed: UInt64 = 2017
    /// One compliance sample per monitor this often.
    public var wastewaterInterval = Duration.seconds(600)
    /// One energy reading per park this often.
    public var energyInterval = Duration.seconds(900)
    /// One treatment-rate sample per park this often.
    public var treatmentInterval = Duration.seconds(3600)
    /// Whether to send the year before `start` as history: monthly statistics and hourly energy
    /// totals, so that year-on-year growth is defined from the first month.
    public var includeHistory = true
    public var parks: [ParkProfile] = ParkProfile.hebi

    /// 2017 in Hebi, the plan's year.
    public init(start: Timestamp = ParkProfile.at(2017, 1, 1), end: Timestamp = ParkProfile.at(2018, 1, 1)) {
        self.start = start
        self.end = end
    }

    /// The first instant of the history year.
    var historyStart: Timestamp {
        let zone = ParkZone.shanghai
        return zone.startOfMonth(ordinal: zone.monthOrdinal(of: start) - 12)
    }
}
