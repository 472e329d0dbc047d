import ArgumentParser
import ParkMetrics

/// A positive duration given to `option` (`30s`, `5m`, `1h`), or an error naming the option.
func positiveDuration(_ text: String, option: String, example: String) throws -> Duration {
    guard let duration = RuleDuration(parsing: text), duration.seconds > 0 else {
        throw ValidationError("\(option): \"\(text)\" is not a duration (e.g. \(example))")
    }
    return .seconds(duration.seconds)
}
