import Foundation
import ParkMetrics
import ParkStreamOps
import StreamEngine
import Testing

@Suite("ops HTTP port", .serialized, .timeLimit(.minutes(2)))
struct OpsServerTests {
    @Test("/healthz answers ok, and the bound port is the system's pick")
    func healthz() async throws {
        try await OpsHTTP.withServer(OpsState()) { port in
            #expect(port > 0)
            let reply = try await OpsHTTP.get("/healthz", port: port)
            #expect(reply.status == 200)
            #expect(reply.body == "ok\n")
        }
    }

    @Test("/readyz is 503 until the worker says ready, and again when it says not ready")
    func readinessFlips() async throws {
        let state = OpsState()
        try await OpsHTTP.withServer(state) { port in
            let answer1 = try await OpsHTTP.get("/readyz", port: port)
            #expect(answer1.status == 503)
            state.setReady(true)
            let answer2 = try await OpsHTTP.get("/readyz", port: port)
            #expect(answer2.status == 200)
            state.setReady(false)
            let answer3 = try await OpsHTTP.get("/readyz", port: port)
            #expect(answer3.status == 503)
        }
    }

    @Test("/metrics exposes every ParkStream series in Prometheus text format")
    func metrics() async throws {
        let state = OpsState()
        state.record(
            OpsBatchReport(
                events: 10, duration: .milliseconds(3), rejected: ["late": 1, "bad-json": 2], duplicates: 1,
                firing: 1, lag: [3: 42]))
        var afterRebalance = OpsBatchReport(events: 5, duration: .milliseconds(30), lag: [3: 7])
        afterRebalance.droppedOutputs = 4
        state.record(afterRebalance)
        state.recordCheckpoint(partition: 3, at: .now - .seconds(2))
        state.setFiring([OpsFixtures.firing()], partition: 3)
        try await OpsHTTP.withServer(state) { port in
            let reply = try await OpsHTTP.get("/metrics", port: port)
            #expect(reply.status == 200)
            #expect(reply.contentType?.hasPrefix("text/plain") == true)
            let lines = Set(reply.body.split(separator: "\n").map(String.init))
            for line in [
                "parkstream_events_total 15", #"parkstream_rejected_total{reason="late"} 1"#,
                #"parkstream_rejected_total{reason="bad-json"} 2"#, "parkstream_duplicates_total 1",
                #"parkstream_partition_lag{partition="3"} 7.0"#, "parkstream_alerts_firing 1.0",
                "parkstream_batch_duration_seconds_count 2", #"parkstream_batch_duration_seconds_bucket{le="0.005"} 1"#,
                #"parkstream_alert_transitions_total{state="firing"} 1"#, "parkstream_checkpoints_total 1",
                "parkstream_outputs_dropped_total 4",
            ] {
                #expect(lines.contains(line), "missing \(line)")
            }
            let age = try #require(lines.first { $0.hasPrefix(#"parkstream_checkpoint_age_seconds{partition="3"} "#) })
            let seconds = try #require(Double(age.split(separator: " ").last.map(String.init) ?? ""))
            #expect(seconds >= 2 && seconds < 60)
        }
        #expect(state.snapshot().late == 1)
    }

    @Test("/api/aggregates reports every window of a park and metric, as the engine computes it")
    func aggregates() async throws {
        let state = OpsState()
        let engine = OpsFixtures.engine()
        state.publish(engine: engine, partition: 3)
        try await OpsHTTP.withServer(state) { port in
            let reply = try await OpsHTTP.get("/api/aggregates?park=jinshan&metric=wastewater_compliance", port: port)
            #expect(reply.status == 200)
            #expect(reply.contentType == "application/json")
            let object = try #require(try OpsHTTP.json(reply) as? [String: Any])
            #expect(object["park_id"] as? String == "jinshan")
            #expect(object["metric"] as? String == "wastewater_compliance")
            let windows = try #require(object["windows"] as? [[String: Any]])
            let names = windows.compactMap { $0["window"] as? String }
            #expect(names == ["1h", "24h", "7d", "30d", "day", "month", "ytd"])
            for row in windows {
                let name = try #require(row["window"] as? String)
                let window = try #require(Window(name))
                let expected = try #require(
                    engine.aggregate(park: OpsFixtures.jinshan, metric: .wastewaterCompliance, window: window))
                #expect(row["value"] as? Double == expected.value)
                #expect((row["count"] as? NSNumber)?.int64Value == expected.count)
            }
            let day = try #require(windows.first { $0["window"] as? String == "day" })
            #expect(day["value"] as? Double == 0.75)
            #expect((day["count"] as? NSNumber)?.intValue == 60)
        }
    }

    @Test("/api/aggregates: 400 naming the bad parameter, 404 for a park nobody has seen")
    func aggregatesErrors() async throws {
        let state = OpsState()
        state.publish(engine: OpsFixtures.engine(), partition: 0)
        try await OpsHTTP.withServer(state) { port in
            let cases: [(String, Int, String)] = [
                ("/api/aggregates?metric=wastewater_compliance", 400, "park: missing"),
                ("/api/aggregates?park=Not%20A%20Park&metric=wastewater_compliance", 400, "park: not a park id"),
                ("/api/aggregates?park=jinshan", 400, "metric: missing"),
                ("/api/aggregates?park=jinshan&metric=rainfall", 400, "metric: unknown metric: rainfall"),
                ("/api/aggregates?park=baoshan&metric=wastewater_compliance", 404, "park: unknown park: baoshan"),
            ]
            for (path, status, message) in cases {
                let reply = try await OpsHTTP.get(path, port: port)
                #expect(reply.status == status, "\(path)")
                let object = try #require(try OpsHTTP.json(reply) as? [String: String])
                #expect(object["error"]?.hasPrefix(message) == true, "\(path): \(reply.body)")
            }
        }
    }

    @Test("/api/alerts lists the firing alert events as canonical JSON, and forgets revoked partitions")
    func alerts() async throws {
        let state = OpsState()
        let early = OpsFixtures.firing(startedAt: "2017-06-08T09:00:00+08:00")
        let late = OpsFixtures.firing()
        state.setFiring([late], partition: 3)
        state.setFiring([early], partition: 5)
        try await OpsHTTP.withServer(state) { port in
            var reply = try await OpsHTTP.get("/api/alerts", port: port)
            #expect(reply.status == 200)
            let ordered = [early, late].sorted { $0.transition.alertID < $1.transition.alertID }
            #expect(reply.body == "[" + ordered.map { $0.canonicalJSON() }.joined(separator: ",") + "]")
            let array = try #require(try OpsHTTP.json(reply) as? [[String: Any]])
            #expect(array.count == 2)
            state.removePartition(5)
            reply = try await OpsHTTP.get("/api/alerts", port: port)
            #expect(reply.body == "[" + late.canonicalJSON() + "]")
            state.setFiring([], partition: 3)
            let answer4 = try await OpsHTTP.get("/api/alerts", port: port)
            #expect(answer4.body == "[]")
        }
    }
}
