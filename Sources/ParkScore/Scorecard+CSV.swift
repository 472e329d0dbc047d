import ParkMetrics

extension Scorecard {
    /// The CSV header line, without its newline.
    public static let csvHeader =
        "rank,park_id,score,indicator,weight,indicator_points,content,metric,measure,through,value,points"

    /// One row per park × content, parks in ranking order, contents in indicator order; `\n` line
    /// ends; numbers in shortest round-trip form; a missing value, points or rank is an empty field
    /// (never 0). No field needs quoting (ids, names, months and numbers only).
    public var csv: String {
        var text = Self.csvHeader + "\n"
        for park in parks {
            let head = (park.rank.map(String.init) ?? "") + "," + park.parkID.rawValue + "," + Self.field(park.score)
            for indicator in park.indicators {
                let middle =
                    indicator.indicator.id + "," + ShortestNumber.format(indicator.weight) + ","
                    + Self.field(indicator.points)
                for content in indicator.contents {
                    text += head + "," + middle + "," + content.content.id + ","
                    text += (content.content.metric?.name ?? "") + "," + content.content.measure.rawValue + ","
                    text += (through[content.content.id]?.description ?? "") + ","
                    text += Self.field(content.value) + "," + Self.field(content.points) + "\n"
                }
            }
        }
        return text
    }

    private static func field(_ value: Double?) -> String { value.map(ShortestNumber.format) ?? "" }
}
