import ArgumentParser
import Foundation
import Logging

/// The `parkstream` command: one subcommand per job (ARCHITECTURE.md §8).
@main
struct ParkStream: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parkstream",
        abstract: "Industrial-park metrics on Kafka: publish, aggregate, alert, replay.",
        subcommands: [
            BrokerCommand.self, TopicsCommand.self, PublishCommand.self, SimulateCommand.self, ReplayCommand.self,
            AlertsCommand.self, ExportCommand.self, WorkerCommand.self, DemoCommand.self, ScoreCommand.self,
            HJ212GatewayCommand.self,
        ]
    )

    static func main() {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel =
                Logger.Level(rawValue: ProcessInfo.processInfo.environment["PARKSTREAM_LOG_LEVEL"] ?? "") ?? .info
            return handler
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}
