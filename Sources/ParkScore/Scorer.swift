import ParkMetrics

/// Scores measurements with the efficacy-coefficient method (功效系数法), deterministically.
///
/// For each content, among the parks that have a value: the best value (highest, or lowest where
/// lower is better) earns 100 % of the content's points, the worst 60 %, and the others in
/// proportion between: points = weight × share × (0.6 + 0.4 × (value − worst) / (best − worst)).
/// When all values are equal, every park earns 100 %. A missing value earns no points and is shown
/// as missing. A park's score is the sum of its points (at most 100).
public enum Scorer {
    /// The share of a content's points that the worst park still earns.
    public static let floor = 0.6

    /// Scores closer than this count as equal (ties share a rank), so that the order of float
    /// additions never decides a rank.
    public static let tieTolerance = 1e-9

    /// The scorecard of `measurements` under `weights`.
    public static func score(_ measurements: Measurements, weights: AssessmentWeights) -> Scorecard {
        var parks = measurements.parks.map { park in
            ParkResult(
                parkID: park, rank: nil, score: nil,
                indicators: Indicator.all.map { indicator in
                    IndicatorResult(
                        indicator: indicator, weight: weights[indicator.id], points: nil,
                        contents: indicator.contents.map { content in
                            ContentResult(
                                content: content, value: measurements.value(content.id, park: park), points: nil)
                        })
                })
        }
        for (i, indicator) in Indicator.all.enumerated() {
            for (c, content) in indicator.contents.enumerated() {
                let present = parks.compactMap { $0.indicators[i].contents[c].value }
                guard let best = content.direction == .higherIsBetter ? present.max() : present.min(),
                    let worst = content.direction == .higherIsBetter ? present.min() : present.max()
                else { continue }
                let full = weights[indicator.id] * content.share
                for p in parks.indices {
                    guard let value = parks[p].indicators[i].contents[c].value else { continue }
                    let position = best == worst ? 1 : (value - worst) / (best - worst)
                    parks[p].indicators[i].contents[c].points = full * (floor + (1 - floor) * position)
                }
            }
        }
        for p in parks.indices {
            for i in parks[p].indicators.indices {
                parks[p].indicators[i].points = sum(parks[p].indicators[i].contents.map(\.points))
            }
            parks[p].score = sum(parks[p].indicators.map(\.points))
        }
        return Scorecard(
            year: measurements.year, weights: weights, through: measurements.through, parks: ranked(parks))
    }

    /// The sum of the values present, in order; nil when none is.
    private static func sum(_ values: [Double?]) -> Double? {
        let present = values.compactMap { $0 }
        return present.isEmpty ? nil : present.reduce(0, +)
    }

    /// Competition ranking (1, 2, 2, 4) by score; unscored parks last, unranked.
    private static func ranked(_ parks: [ParkResult]) -> [ParkResult] {
        let scored = parks.filter { $0.score != nil }.sorted { lhs, rhs in
            let (left, right) = (lhs.score ?? 0, rhs.score ?? 0)
            if abs(left - right) > tieTolerance { return left > right }
            return lhs.parkID < rhs.parkID
        }
        var result: [ParkResult] = []
        for (index, var park) in scored.enumerated() {
            if let previous = result.last, let rank = previous.rank,
                abs((previous.score ?? 0) - (park.score ?? 0)) <= tieTolerance
            {
                park.rank = rank
            } else {
                park.rank = index + 1
            }
            result.append(park)
        }
        return result + parks.filter { $0.score == nil }.sorted { $0.parkID < $1.parkID }
    }
}
