import ArgumentParser

/// The `parkstream` command: one subcommand per job (ARCHITECTURE.md §8).
@main
struct ParkStream: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parkstream",
        abstract: "Industrial-park metrics on Kafka: publish, aggregate, alert, replay.",
        subcommands: []
    )
}
