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
        var command: any ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            exit(withError: error)
        }
        do {
            try command.run()
        } catch let error as ValidationError {
            // A command-line mistake found while running: the subcommand's usage, not the root's.
            let subcommand = type(of: command)
            let name = subcommand.configuration.commandName ?? "<subcommand>"
            FileHandle.standardError.write(
                Data(
                    "Error: \(error.message)\nUsage: \(usageString(for: subcommand))\n  See 'parkstream \(name) --help' for more information.\n"
                        .utf8))
            exit(withError: ExitCode.validationFailure)
        } catch {
            exit(withError: error)
        }
    }
}
