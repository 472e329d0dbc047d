import ParkMetrics

extension Scorecard {
    /// One JSON object (ARCHITECTURE.md §8), keys in a fixed order, numbers in shortest round-trip
    /// form, missing values as null:
    /// `{"year":2017,"method":…,"indicators":[…definitions…],"parks":[{"park_id":…,"rank":1,"score":…,
    /// "missing":[…],"indicators":{"added_value":{"weight":10,"points":…,"contents":{"added_value":
    /// {"value":…,"points":…},…}},…}},…]}`.
    public var json: String {
        var text = "{\"year\":\(year),\"method\":\"efficacy_coefficient\",\"floor\":"
        text += ShortestNumber.format(Scorer.floor) + ",\"indicators\":["
        text += Indicator.all.map(definitionJSON).joined(separator: ",")
        text += "],\"parks\":[" + parks.map(Self.parkJSON).joined(separator: ",") + "]}\n"
        return text
    }

    private func definitionJSON(_ indicator: Indicator) -> String {
        let contents = indicator.contents.map { content in
            "{\"id\":" + JSONText.quoted(content.id) + ",\"metric\":" + Self.orNull(content.metric.map(\.name))
                + ",\"measure\":\"\(content.measure.rawValue)\",\"direction\":\"\(content.direction.rawValue)\""
                + ",\"share\":" + ShortestNumber.format(content.share) + ",\"through\":"
                + Self.orNull(through[content.id]?.description) + "}"
        }
        return "{\"id\":" + JSONText.quoted(indicator.id) + ",\"number\":\(indicator.number),\"area\":\""
            + indicator.area.rawValue + "\",\"weight\":" + ShortestNumber.format(weights[indicator.id])
            + ",\"contents\":[" + contents.joined(separator: ",") + "]}"
    }

    private static func parkJSON(_ park: ParkResult) -> String {
        let indicators = park.indicators.map { result in
            let contents = result.contents.map { content in
                JSONText.quoted(content.content.id) + ":{\"value\":" + number(content.value) + ",\"points\":"
                    + number(content.points) + "}"
            }
            return JSONText.quoted(result.indicator.id) + ":{\"weight\":" + ShortestNumber.format(result.weight)
                + ",\"points\":" + number(result.points) + ",\"contents\":{" + contents.joined(separator: ",") + "}}"
        }
        return "{\"park_id\":" + JSONText.quoted(park.parkID.rawValue) + ",\"rank\":"
            + (park.rank.map(String.init) ?? "null") + ",\"score\":" + number(park.score) + ",\"missing\":["
            + park.missing.map(JSONText.quoted).joined(separator: ",") + "],\"indicators\":{"
            + indicators.joined(separator: ",") + "}}"
    }

    private static func number(_ value: Double?) -> String { value.map(ShortestNumber.format) ?? "null" }

    private static func orNull(_ text: String?) -> String { text.map(JSONText.quoted) ?? "null" }
}
