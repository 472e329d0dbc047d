import ArgumentParser
import Foundation
import ParkMetrics
import ParkScore

/// `parkstream score`: the 2017 assessment's 11 indicators, scored and ranked.
struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score and rank the parks on the assessment's 11 indicators for one year.",
        discussion: """
            Reads metric events v1 (NDJSON), aggregates them as the workers do, and scores each park \
            on the 11 indicators of the 2017 assessment (附件1) with the efficacy-coefficient method: \
            per content, the best park earns all its points, the worst 60 %. An indicator with an \
            absolute value and a growth rate splits its weight 50/50; one with several contents \
            splits it equally. Growth is January-N of the year over the same months a year earlier. \
            Missing data is shown as missing (—, an empty field, null) and earns no points. Weights: \
            rules/assessment-weights.yaml unless --weights is given. Bad lines are reported as \
            `line N: <field>: <reason>` on stderr; the ranking of the valid ones is still printed \
            and the exit status is 2. See docs/assessment-score.md.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, csv, json
    }

    @Option(help: "NDJSON file of metric events, with the year before --year for growth rates.")
    var input: String

    @Option(help: "The assessment year.")
    var year: Int

    @Option(help: "Weights file (YAML); default: the built-in weights of rules/assessment-weights.yaml.")
    var weights: String?

    @Option(help: "Output format: table, csv or json.")
    var format: Format = .table

    func validate() throws {
        guard (2...9999).contains(year) else { throw ValidationError("--year must be 2 to 9999") }
    }

    func run() throws {
        let assessmentWeights: AssessmentWeights
        do {
            assessmentWeights = try weights.map { try AssessmentWeights.load(path: $0) } ?? .standard
        } catch {
            throw CommandFailure("\(weights ?? ""): \(error)")
        }
        let mapped = try? Data(contentsOf: URL(fileURLWithPath: input), options: .alwaysMapped)
        guard let bytes = mapped ?? FileManager.default.contents(atPath: input) else {
            throw CommandFailure("cannot read \(input)")
        }
        var assessmentInput = AssessmentInput()
        bytes.withUnsafeBytes { assessmentInput.add(ndjson: $0) }
        let scorecard = Scorer.score(
            Measurements(input: assessmentInput, year: year), weights: assessmentWeights)
        switch format {
        case .table: print(scorecard.table, terminator: "")
        case .csv: print(scorecard.csv, terminator: "")
        case .json: print(scorecard.json, terminator: "")
        }
        for error in assessmentInput.rejected.prefix(20) { printError(error.description) }
        for (line, event) in assessmentInput.late.prefix(20) {
            printError("line \(line): observed_at: late (behind \(event.parkID)'s watermark); not counted")
        }
        printError(
            "\(assessmentInput.read) lines: \(assessmentInput.accepted) counted, \(assessmentInput.duplicates) "
                + "duplicates, \(assessmentInput.late.count) late, \(assessmentInput.rejected.count) rejected")
        if !assessmentInput.rejected.isEmpty { throw ExitCode(2) }
    }
}
