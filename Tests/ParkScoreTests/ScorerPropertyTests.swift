import ParkMetrics
import ParkScore
import Testing

/// The scorer against the method's definition, on random measurements (seeded, so reproducible).
@Suite("scoring invariants")
struct ScorerPropertyTests {
    /// Random values for random parks, some missing, some tied.
    static func measurements(_ random: inout SeededRandom) -> Measurements {
        let parks = (0..<Int.random(in: 1...9, using: &random)).map { ParkID(rawValue: "p\($0)")! }
        var values: [String: [ParkID: Double]] = [:]
        for content in Indicator.allContents {
            var byPark: [ParkID: Double] = [:]
            for park in parks where !random.chance(0.2) {
                // Few distinct values, so that ties and equal best/worst happen.
                byPark[park] = Double(Int.random(in: -3...3, using: &random)) / 4
            }
            values[content.id] = byPark
        }
        return Measurements(year: 2017, parks: parks.shuffled(using: &random), through: [:], values: values)
    }

    @Test func pointsFollowTheEfficacyCoefficientAndRanksFollowScores() {
        var random = SeededRandom(seed: 7, stream: "scorer")
        for _ in 0..<300 {
            let input = Self.measurements(&random)
            let card = Scorer.score(input, weights: .standard)
            #expect(card.parks.count == input.parks.count)
            for (i, indicator) in Indicator.all.enumerated() {
                for (c, content) in indicator.contents.enumerated() {
                    let present = input.parks.compactMap { input.value(content.id, park: $0) }
                    let full = AssessmentWeights.standard[indicator.id] * content.share
                    let best = content.direction == .higherIsBetter ? present.max() : present.min()
                    for park in card.parks {
                        let result = park.indicators[i].contents[c]
                        #expect(result.value == input.value(content.id, park: park.parkID))
                        guard let value = result.value, let points = result.points else {
                            #expect(result.value == nil && result.points == nil)
                            continue
                        }
                        #expect(points >= 0.6 * full - 1e-12 && points <= full + 1e-12)
                        if value == best { #expect(abs(points - full) < 1e-12) }
                    }
                }
            }
            for park in card.parks {
                let sum = park.indicators.compactMap(\.points).reduce(0, +)
                #expect(park.score.map { abs($0 - sum) < 1e-9 } ?? park.indicators.allSatisfy { $0.points == nil })
            }
            let ranked = card.parks.filter { $0.rank != nil }
            #expect(ranked.first.map { $0.rank == 1 } ?? true)
            for (earlier, later) in zip(ranked, ranked.dropFirst()) {
                let (a, b) = (earlier.score ?? 0, later.score ?? 0)
                #expect(a >= b - 1e-9)
                #expect((earlier.rank == later.rank) == (abs(a - b) <= Scorer.tieTolerance))
            }
            // The order in which parks are given changes nothing.
            var reordered = input
            reordered.parks.reverse()
            #expect(Scorer.score(reordered, weights: .standard) == card)
        }
    }
}
