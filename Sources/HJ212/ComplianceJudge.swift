import ParkMetrics

/// Turns a device's averaged-data packet into a `wastewater_compliance` metric event.
///
/// A packet is judged when its CN is one of `commands` (default 2061, hourly) and its ST one of
/// `systems` (default 32). Among the pollutants the device's limits list, those flagged `N`
/// (normal; a pollutant without a flag counts as `N`, as HJ/T 212-2005 hourly data have none)
/// with a numeric `-Avg` are judged: the event's value is 1 when all of them are within limits,
/// 0 when any is out. When none is judged (maintenance `M`, calibration `C`, fault `D`, …) there
/// is no event: such data say nothing about the discharge.
///
/// The event: `event_id` = `MN-CN-DataTime` (a re-sent packet gives the same id, which the
/// workers deduplicate), `observed_at` = DataTime read in +08:00 (China has one zone), `source` =
/// MN, key and `park_id` = the device's park.
public struct ComplianceJudge: Hashable, Sendable {
    /// CNs that give events.
    public var commands: Set<String>
    /// STs whose packets are judged.
    public var systems: Set<String>

    public init(commands: Set<String> = ["2061"], systems: Set<String> = ["32"]) {
        self.commands = commands
        self.systems = systems
    }

    /// What judging one packet gave.
    public enum Judgement: Hashable, Sendable {
        /// An event to publish.
        case event(MetricEvent)
        /// No event, and why (not a judged CN, no pollutant flagged N, …).
        case none(String)
    }

    /// Judges `packet` from `device`; throws when a packet that should be judged lacks a usable
    /// DataTime.
    public func judge(_ packet: HJ212Packet, device: HJ212Device) throws(HJ212Error) -> Judgement {
        guard commands.contains(packet.cn) else { return .none("CN \(packet.cn) is not judged") }
        guard let st = packet.st, systems.contains(st) else { return .none("ST \(packet.st ?? "-") is not judged") }
        guard let dataTime = packet.parameters.dataTime else {
            throw HJ212Error(code: .unjudgeable, reason: "DataTime: missing in CP of a CN \(packet.cn) packet")
        }
        guard let observedAt = Self.instant(dataTime) else {
            throw HJ212Error(
                code: .unjudgeable, reason: "DataTime: \"\(dataTime.prefix(40))\" is not yyyyMMddHHmmss[SSS]")
        }
        var judged = 0
        var compliant = true
        for (code, limit) in device.limits.limits {
            guard let record = packet.parameters.pollutant(code), (record.flag ?? "N") == "N",
                let average = record.number("Avg")
            else { continue }
            judged += 1
            if !limit.allows(average) { compliant = false }
        }
        guard judged > 0 else { return .none("no limited pollutant flagged N with an Avg") }
        let eventID = "\(packet.mn)-\(packet.cn)-\(dataTime)"
        guard eventID.utf8.count <= 128 else {
            throw HJ212Error(code: .unjudgeable, reason: "MN: too long for an event id (MN-CN-DataTime > 128)")
        }
        return .event(
            MetricEvent(
                eventID: EventID(eventID), parkID: device.parkID, metric: .wastewaterCompliance, observedAt: observedAt,
                value: compliant ? 1 : 0, source: packet.mn))
    }

    /// `yyyyMMddHHmmss` or `yyyyMMddHHmmssSSS` in +08:00; nil when not a real instant.
    public static func instant(_ text: String) -> Timestamp? {
        let digits = Array(text.utf8)
        guard digits.count == 14 || digits.count == 17,
            digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
        else { return nil }
        func number(_ start: Int, _ length: Int) -> Int {
            digits[start..<(start + length)].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        }
        let (year, month, day) = (number(0, 4), number(4, 2), number(6, 2))
        let (hour, minute, second) = (number(8, 2), number(10, 2), number(12, 2))
        let millisecond = digits.count == 17 ? number(14, 3) : 0
        guard (1...12).contains(month), day >= 1, hour < 24, minute < 60, second < 60 else { return nil }
        let days = ParkZone.daysFromCivil(year: year, month: month, day: day)
        guard ParkZone.civil(fromDays: days) == (year, month, day) else { return nil }
        let local = Timestamp(seconds: days * 86_400 + Int64(hour * 3600 + minute * 60 + second))
        return local - .seconds(8 * 3600) + .milliseconds(millisecond)
    }
}
