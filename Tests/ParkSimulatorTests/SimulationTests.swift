import ParkMetrics
import ParkSimulator
import Testing

/// A year of the default simulation, made once for all the tests below (coarser sampling keeps
/// debug builds quick; the planted shortfalls do not depend on it).
let year: [MetricEvent] = {
    var configuration = SimulationConfiguration()
    configuration.wastewaterInterval = .seconds(1800)
    configuration.energyInterval = .seconds(3600)
    return Array(ParkSimulation(configuration: configuration))
}()

private func time(_ text: String) -> Timestamp {
    Timestamp(rfc3339: text) ?? Timestamp(microseconds: 0)
}

@Suite("Hebi simulation")
struct SimulationTests {
    @Test func eventsComeInEventTimeOrderWithUniqueIDs() {
        #expect(zip(year, year.dropFirst()).allSatisfy { $0.observedAt <= $1.observedAt })
        #expect(Set(year.map { "\($0.parkID)/\($0.eventID)" }).count == year.count)
    }

    @Test func everyPublishableMetricAppearsForEveryPark() {
        let publishable = Set(Metric.allCases.filter { $0.kind.isPublishable })
        for park in ParkProfile.hebi.map(\.id) {
            #expect(Set(year.filter { $0.parkID == park }.map(\.metric)) == publishable, "\(park)")
        }
    }

    @Test func theSameSeedGivesTheSameEventsAndAnotherSeedOthers() {
        var configuration = SimulationConfiguration(
            start: time("2017-06-01T00:00:00+08:00"), end: time("2017-06-03T00:00:00+08:00"))
        configuration.includeHistory = false
        let first = Array(ParkSimulation(configuration: configuration))
        #expect(first == Array(ParkSimulation(configuration: configuration)))
        configuration.seed = 7
        #expect(first != Array(ParkSimulation(configuration: configuration)))
    }

    @Test func jinshansComplianceSagsInEarlyJune() {
        func rate(_ park: String, _ from: String, _ to: String) -> Double {
            let samples = year.filter {
                $0.parkID.rawValue == park && $0.metric == .wastewaterCompliance && $0.observedAt >= time(from)
                    && $0.observedAt < time(to)
            }
            return samples.map(\.value).reduce(0, +) / Double(samples.count)
        }
        #expect(rate("jinshan", "2017-06-05T00:00:00+08:00", "2017-06-09T00:00:00+08:00") < 0.75)
        #expect(rate("jinshan", "2017-06-12T00:00:00+08:00", "2017-06-30T00:00:00+08:00") > 0.98)
        #expect(rate("baoshan", "2017-06-05T00:00:00+08:00", "2017-06-09T00:00:00+08:00") > 0.98)
    }

    @Test func xunxianMissesTheHeatingDeadlineAndTheOthersMeetIt() {
        let deadline = time("2017-10-31T00:00:00+08:00")
        for park in ParkProfile.hebi.map(\.id) {
            let after = year.filter { $0.parkID == park && $0.metric == .heatingCoverage && $0.observedAt >= deadline }
            #expect(!after.isEmpty)
            if park.rawValue == "xunxian" {
                #expect(after.allSatisfy { $0.value < 0.9 })
            } else {
                #expect(after.allSatisfy { $0.value == 1 }, "\(park)")
            }
        }
    }

    @Test func qixiansInvestmentGrowsUnderEighteenPercent() {
        let reported = year.filter { $0.metric == .fixedAssetInvestmentGrowth }
        for park in ParkProfile.hebi.map(\.id) {
            let values = reported.filter { $0.parkID == park }.map(\.value)
            #expect(values.count == 10, "February to November: December's report arrives in 2018")
            if park.rawValue == "qixian" {
                #expect(values.allSatisfy { $0 < 0.16 })
            } else {
                #expect(values.allSatisfy { $0 > 0.18 }, "\(park)")
            }
        }
    }

    @Test func shanchengsAugustReportIsLate() {
        let august = YearMonth(year: 2017, month: 8)
        let reports = year.filter { $0.metric == .addedValue && $0.period == august }
        let deadline = time("2017-09-10T00:00:00+08:00")
        for report in reports {
            #expect((report.observedAt > deadline) == (report.parkID.rawValue == "shancheng"), "\(report.parkID)")
        }
    }

    @Test func qibinsMonitorFallsSilentForThirtySixHours() {
        let samples = year.filter { $0.parkID.rawValue == "qibin" && $0.metric == .wastewaterCompliance }
        let gaps = zip(samples, samples.dropFirst()).map { $1.observedAt.microseconds - $0.observedAt.microseconds }
        #expect(gaps.max() ?? 0 >= 36 * 3_600_000_000)
        #expect(gaps.filter { $0 > 1_800_000_000 }.count == 1, "one silence, else every 30 minutes")
    }

    @Test func historyMakesYearOnYearGrowthDefined() {
        let january2016 = YearMonth(year: 2016, month: 1)
        let history = year.filter { $0.metric == .addedValue && $0.period == january2016 }
        #expect(history.count == ParkProfile.hebi.count)
        let energy2016 = year.filter {
            $0.metric == .energyConsumption && $0.observedAt < time("2017-01-01T00:00:00+08:00")
        }
        #expect(energy2016.count == 366 * 24 * ParkProfile.hebi.count, "hourly readings through the leap year 2016")
    }
}
