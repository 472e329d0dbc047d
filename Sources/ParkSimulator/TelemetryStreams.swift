import ParkMetrics

/// A wastewater monitor: one sample every few minutes, 1 when every pollutant is within limits.
final class ComplianceStream: PeriodicStream {
    override func sample(at time: Timestamp) -> (metric: Metric, value: Double, weight: Double) {
        var rate = park.compliance
        for case .complianceSag(let from, let until, let sagRate) in park.shortfalls where from <= time && time < until
        {
            rate = sagRate
        }
        return (.wastewaterCompliance, random.chance(rate) ? 1 : 0, 1)
    }

    override func isSilent(at time: Timestamp) -> Bool {
        park.shortfalls.contains {
            if case .silentMonitor(let monitor, let from, let until) = $0 {
                return monitor == source && from <= time && time < until
            }
            return false
        }
    }
}

/// The treatment plant: the share of the park's wastewater treated, weighted by volume (m³).
final class TreatmentStream: PeriodicStream {
    override func sample(at time: Timestamp) -> (metric: Metric, value: Double, weight: Double) {
        let rate = min(1, random.around(0.978, spread: 0.008))
        return (.wastewaterTreatmentRate, Self.round(rate, 4), Self.round(random.around(520, spread: 120), 1))
    }

    static func round(_ value: Double, _ digits: Int) -> Double {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        return (value * scale).rounded() / scale
    }
}

/// Daily solid-waste treatment, weighted by tonnes.
final class SolidWasteStream: PeriodicStream {
    override func sample(at time: Timestamp) -> (metric: Metric, value: Double, weight: Double) {
        let rate = min(1, random.around(0.985, spread: 0.01))
        return (
            .solidWasteTreatmentRate, TreatmentStream.round(rate, 4),
            TreatmentStream.round(random.around(80, spread: 20), 1)
        )
    }
}

/// Daily heating coverage: rises through the year to its final level by the park's completion day.
final class HeatingStream: PeriodicStream {
    override func sample(at time: Timestamp) -> (metric: Metric, value: Double, weight: Double) {
        let zone = ParkZone.shanghai
        let day = zone.localDay(of: time)
        let year = ParkZone.civil(fromDays: day).year
        let dayOfYear = Double(day - ParkZone.daysFromCivil(year: year, month: 1, day: 1) + 1)
        let progress = min(1, dayOfYear / Double(park.heatingCompleteDay))
        let coverage = park.heatingStart + (park.heatingFinal - park.heatingStart) * progress
        // Coverage counts connected firms: report it as a share of 40 heat-demanding firms.
        return (.heatingCoverage, (coverage * 40).rounded(.down) / 40, 1)
    }
}

/// The park's energy meter: tonnes of standard coal used per interval, following the month's
/// added value so that energy intensity comes out as the profile says.
final class EnergyStream: PeriodicStream {
    let statistics: MonthlyFigures

    init(
        park: ParkProfile, source: String, statistics: MonthlyFigures, from start: Timestamp, every interval: Duration,
        until end: Timestamp, seed: UInt64
    ) {
        self.statistics = statistics
        super.init(park: park, source: source, from: start, every: interval, until: end, seed: seed)
    }

    override func sample(at time: Timestamp) -> (metric: Metric, value: Double, weight: Double) {
        let zone = ParkZone.shanghai
        let month = zone.monthOrdinal(of: time)
        let monthLength =
            zone.startOfMonth(ordinal: month + 1).microseconds - zone.startOfMonth(ordinal: month).microseconds
        let share = Double(interval.microsecondsRoundedDown) / Double(monthLength)
        let energy = statistics.energy(monthOrdinal: month) * share * random.around(1, spread: 0.04)
        return (.energyConsumption, TreatmentStream.round(max(0, energy), 3), 1)
    }
}
