import Foundation
import ParkMetrics
import StreamEngine
import Testing

@Suite("Park zone calendar math")
struct ParkZoneTests {
    @Test("local day and month agree with Foundation's Asia/Shanghai from 1992 to 2100")
    func agreesWithFoundation() {
        var random = SeededRandom(seed: 8)
        let low: Int64 = 694_224_000  // 1992-01-01
        let high: Int64 = 4_102_444_800  // 2100-01-01
        for _ in 0..<20_000 {
            var seconds = low + Int64(random.next() % UInt64(high - low))
            if random.next() % 4 == 0 { seconds -= seconds % 86_400 + 8 * 3600 + Int64(random.next() % 3) - 1 }
            let instant = Timestamp(seconds: seconds)
            #expect(ParkZone.shanghai.monthOrdinal(of: instant) == Shanghai.month(instant))
            let day = ParkZone.shanghai.localDay(of: instant)
            let civil = ParkZone.civil(fromDays: day)
            #expect((civil.year * 100 + civil.month) * 100 + civil.day == Shanghai.day(instant))
            #expect(ParkZone.daysFromCivil(year: civil.year, month: civil.month, day: civil.day) == day)
        }
    }

    @Test func monthStartsAndFormatting() {
        let zone = ParkZone.shanghai
        let march2016 = YearMonth(year: 2016, month: 3)!.ordinal
        #expect(zone.startOfMonth(ordinal: march2016) == Shanghai.instant(2016, 3, 1))
        #expect(zone.format(zone.startOfMonth(ordinal: march2016)) == "2016-03-01T00:00:00+08:00")
        #expect(zone.format(Timestamp(microseconds: 1_500)) == "1970-01-01T08:00:00.0015+08:00")
        let west = ParkZone(utcOffsetSeconds: -(5 * 3600 + 30 * 60))!
        #expect(west.format(Timestamp(seconds: 0)) == "1969-12-31T18:30:00-05:30")
        #expect(west.monthOrdinal(of: Timestamp(seconds: 0)) == YearMonth(year: 1969, month: 12)!.ordinal)
        #expect(ParkZone(utcOffsetSeconds: 19 * 3600) == nil)
    }

    @Test func windowsParseAndPrint() {
        for text in ["1h", "24h", "2d", "7d", "30d", "90m", "45s", "day", "month", "ytd", "yoy", "latest"] {
            #expect(Window(text)?.description == text)
        }
        #expect(Window("60m") == .sliding(.seconds(3600)))
        #expect(Window("60m")?.description == "1h")
        for bad in ["", "h", "0h", "-1h", "+1h", " 1h", "1w", "1.5h", "24 h", "99999999999999d"] {
            #expect(Window(bad) == nil, "\(bad)")
        }
    }
}
