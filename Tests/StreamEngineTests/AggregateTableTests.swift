import ParkMetrics
import StreamEngine
import Testing

@Suite("Replay aggregates table")
struct AggregateTableTests {
    @Test("the same input gives byte-identical CSV", arguments: [UInt64(3), 11, 23])
    func deterministic(seed: UInt64) {
        var generator = StreamGenerator(seed: seed)
        let events = generator.stream(count: 300)
        func csv() -> String {
            var engine = PartitionEngine()
            for event in events { _ = engine.ingest(event) }
            return engine.aggregateTable().csv
        }
        let first = csv()
        #expect(Array(first.utf8) == Array(csv().utf8))
        #expect(first.hasPrefix("park_id,metric,window,window_end,value,count\n"))
    }

    @Test func rowsFollowTheContract() {
        var engine = PartitionEngine()
        let at = Shanghai.instant(2017, 2, 3)
        _ = engine.ingest(monthly("a1", "jinshan", .addedValue, 2016, 1, 100, at: at))
        _ = engine.ingest(monthly("a2", "jinshan", .addedValue, 2017, 1, 110, at: at))
        _ = engine.ingest(monthly("a3", "jinshan", .addedValue, 2017, 1, 120, at: at + .seconds(1)))  // revision
        _ = engine.ingest(telemetry("e1", "jinshan", .energyConsumption, Shanghai.instant(2017, 1, 31, 23, 59), 6))
        _ = engine.ingest(telemetry("e2", "jinshan", .energyConsumption, Shanghai.instant(2017, 2, 1, 0, 0), 4))
        _ = engine.ingest(telemetry("w1", "baoshan", .wastewaterCompliance, Shanghai.instant(2017, 1, 5), 1, weight: 3))
        _ = engine.ingest(telemetry("w2", "baoshan", .wastewaterCompliance, Shanghai.instant(2017, 1, 6), 0, weight: 1))
        let expected = """
            park_id,metric,window,window_end,value,count
            baoshan,wastewater_compliance,month,2017-02-01T00:00:00+08:00,0.75,2
            baoshan,wastewater_compliance,ytd,2017-02-01T00:00:00+08:00,0.75,2
            jinshan,energy_consumption,month,2017-02-01T00:00:00+08:00,6,1
            jinshan,energy_consumption,ytd,2017-02-01T00:00:00+08:00,6,1
            jinshan,energy_consumption,month,2017-03-01T00:00:00+08:00,4,1
            jinshan,energy_consumption,ytd,2017-03-01T00:00:00+08:00,10,2
            jinshan,added_value,month,2016-02-01T00:00:00+08:00,100,1
            jinshan,added_value,ytd,2016-02-01T00:00:00+08:00,100,1
            jinshan,added_value,month,2017-02-01T00:00:00+08:00,120,1
            jinshan,added_value,ytd,2017-02-01T00:00:00+08:00,120,1
            jinshan,added_value,yoy,2017-02-01T00:00:00+08:00,0.2,1
            jinshan,energy_intensity,month,2017-02-01T00:00:00+08:00,0.05,2
            jinshan,energy_intensity,ytd,2017-02-01T00:00:00+08:00,0.05,2

            """
        #expect(engine.aggregateTable().csv == expected)
    }

    @Test("partitioned by park and merged == one engine", arguments: [UInt64(5), 6, 7])
    func partitionsMergeToTheWhole(seed: UInt64) {
        var generator = StreamGenerator(seed: seed)
        let events = generator.stream(count: 300)
        var whole = PartitionEngine()
        var partitions = [PartitionEngine(), PartitionEngine()]
        for event in events {
            let outcome = whole.ingest(event)
            #expect(partitions[event.parkID.rawValue == "jinshan" ? 0 : 1].ingest(event) == outcome)
        }
        let merged = partitions[0].aggregateTable().merged(with: partitions[1].aggregateTable())
        #expect(merged.csv == whole.aggregateTable().csv)
    }

    @Test func mergingPartitionsSorts() {
        var left = PartitionEngine()
        var right = PartitionEngine()
        _ = left.ingest(telemetry("1", "zhangjiang", .energyConsumption, Shanghai.instant(2017, 3, 1), 1))
        _ = right.ingest(telemetry("1", "anting", .energyConsumption, Shanghai.instant(2017, 3, 1), 2))
        let merged = left.aggregateTable().merged(with: right.aggregateTable())
        #expect(merged.rows.map(\.parkID.rawValue) == ["anting", "anting", "zhangjiang", "zhangjiang"])
    }
}
