import Foundation
import ParkMetrics
import ParkRules
import ParkSimulator
import StreamEngine

@testable import ParkStreamRuntime

/// Three weeks of simulated Hebi data without history: jinshan's compliance sag (5–9 June), May's
/// monthly reports and the 10 June deadline fall inside (coarser sampling keeps debug builds quick).
let checkpointStream: [MetricEvent] = {
    var configuration = SimulationConfiguration(start: ParkProfile.at(2017, 5, 24), end: ParkProfile.at(2017, 6, 14))
    configuration.includeHistory = false
    configuration.wastewaterInterval = .seconds(1800)
    configuration.energyInterval = .seconds(3600)
    return Array(ParkSimulation(configuration: configuration))
}()

/// Rules that, on top of the Hebi rules, fire often in three weeks: during the sag, `for` and
/// hysteresis keep threshold alerts pending and firing across many events; hourly energy readings
/// keep an absence alert flapping; May's reports, due on 5 June, partly arrive later.
let flappingRules = """
      - id: checkpoint-compliance-1h
        metric: wastewater_compliance
        window: 1h
        when: "< 0.9"
        clear: ">= 0.97"
        for: 30m
        severity: info

      - id: checkpoint-compliance-day
        metric: wastewater_compliance
        window: day
        when: "< 0.99"
        clear: ">= 0.995"
        for: 2h
        severity: info
        overrides:
          qibin:
            when: "< 0.98"

      - id: checkpoint-energy-absent
        metric: energy_consumption
        absent: 1h
        severity: info

      - id: checkpoint-added-value-report
        metric: added_value
        due_day: 5
        severity: info
        parks: [baoshan, chengxiang, jinshan, kaifaqu, qibin, qixian, shancheng, xunxian]

    """

/// The Hebi rules followed by `extra` (YAML list items).
func checkpointRules(_ extra: String = flappingRules) throws -> RuleSet {
    let hebi = try String(
        contentsOfFile: repositoryRoot.appendingPathComponent("rules/hebi-2017.yaml").path, encoding: .utf8)
    return try RuleSet(yaml: hebi + "\n" + extra)
}

/// What a pipeline fed a stream produced.
struct PipelineRun: Equatable {
    var transitions: [AlertTransition] = []
    var accepted = 0

    /// Feeds `events` to `pipeline`, collecting its transitions.
    mutating func feed(_ pipeline: inout PartitionPipeline, _ events: ArraySlice<MetricEvent>) {
        for event in events {
            let step = pipeline.process(event)
            if step.outcome == .accepted { accepted += 1 }
            transitions += step.transitions
        }
    }
}

extension PartitionPipeline {
    /// Whether any threshold alert is pending now.
    var hasPendingAlert: Bool {
        evaluator.rules.targets.contains { rule in
            ParkProfile.hebi.contains { park in
                guard case .pending = evaluator.lifecycle(ruleID: rule.id, park: park.id)?.phase else { return false }
                return true
            }
        }
    }

    /// Whether any alert, threshold or completeness, is firing now.
    var hasFiringAlert: Bool {
        !firing.isEmpty || absences.contains { !$0.firingParks.isEmpty }
            || deadlines.contains { !$0.firingAlerts.isEmpty }
    }
}
