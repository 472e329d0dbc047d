import ParkMetrics

extension Scorecard {
    /// The ranking for people: one line per park with its score and the points of each indicator
    /// (`—` where all of an indicator's contents are missing), then what each column is, and which
    /// contents are missing, for every park and park by park.
    public var table: String {
        let idWidth = max(4, parks.map(\.parkID.rawValue.count).max() ?? 0)
        var text = "Assessment \(year): \(parks.count) parks, efficacy coefficient (the best park earns 100 % of a "
        text += "content's points, the worst \(Int(Scorer.floor * 100)) %; a missing value earns none)\n\n"
        var header = Self.pad("rank", 4) + "  " + "park".padding(idWidth) + "  " + Self.pad("score", 6)
        for indicator in Indicator.all { header += " " + Self.pad("I\(indicator.number)", 6) }
        text += header + "\n"
        for park in parks {
            var line = Self.pad(park.rank.map(String.init) ?? "—", 4) + "  " + park.parkID.rawValue.padding(idWidth)
            line += "  " + Self.pad(Self.fixed(park.score), 6)
            for indicator in park.indicators { line += " " + Self.pad(Self.fixed(indicator.points), 6) }
            text += line + "\n"
        }
        text += "\n"
        for indicator in Indicator.all {
            text += "I\(indicator.number)".padding(4) + indicator.title + ", "
            text += ShortestNumber.format(weights[indicator.id]) + " points: "
            text += indicator.contents.map { content in
                let share = ShortestNumber.format((content.share * 1000).rounded() / 10) + " %"
                let window = through[content.id].map { "through \($0)" } ?? "no data"
                let direction = content.direction == .lowerIsBetter ? ", lower is better" : ""
                return "\(content.id) \(share) (\(window)\(direction))"
            }.joined(separator: ", ")
            text += "\n"
        }
        let everywhere = Indicator.allContents.map(\.id).filter { id in parks.allSatisfy { $0.missing.contains(id) } }
        if !everywhere.isEmpty {
            text += "\nmissing for every park: " + everywhere.joined(separator: ", ") + "\n"
        }
        for park in parks {
            let own = park.missing.filter { !everywhere.contains($0) }
            if !own.isEmpty { text += "missing for \(park.parkID): " + own.joined(separator: ", ") + "\n" }
        }
        return text
    }

    /// Two decimals, or `—` when missing.
    static func fixed(_ value: Double?) -> String {
        guard let value else { return "—" }
        let hundredths = Int((value * 100).rounded())
        let sign = hundredths < 0 ? "-" : ""
        let magnitude = abs(hundredths)
        let cents = magnitude % 100
        return sign + String(magnitude / 100) + "." + (cents < 10 ? "0" : "") + String(cents)
    }

    /// Right-aligned in `width` characters.
    static func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}

extension String {
    /// Left-aligned in `width` characters.
    fileprivate func padding(_ width: Int) -> String {
        self + String(repeating: " ", count: max(0, width - count))
    }
}
