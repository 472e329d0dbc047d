import Foundation

/// Runs the built `parkstream` and other commands as child processes.
enum ChildProcess {
    /// The directory with the built products (beside the test bundle).
    static var productsDirectory: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    }

    /// The built `parkstream` executable.
    static var parkstream: URL { productsDirectory.appendingPathComponent("parkstream") }

    /// The environment of child processes, with `extra` added: tests name their brokers and Kafka
    /// properties explicitly, so a developer's own settings must not leak in.
    static func environment(_ extra: [String: String] = [:]) -> [String: String] {
        ProcessInfo.processInfo.environment.filter {
            !["PARKSTREAM_BROKERS", "PARKSTREAM_KAFKA_CONFIG"].contains($0.key)
        }
        .merging(extra) { $1 }
    }

    /// Runs a command to completion with `input` on stdin; returns its status, stdout and stderr.
    @discardableResult
    static func run(
        _ executable: String, _ arguments: [String], input: String? = nil, environment: [String: String] = [:]
    ) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = Self.environment(environment)
        let out = Pipe()
        let err = Pipe()
        let inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inPipe
        try process.run()
        if let input { inPipe.fileHandleForWriting.write(Data(input.utf8)) }
        try inPipe.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (
            process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self)
        )
    }
}

/// `parkstream broker` running in the background for one test.
final class BrokerProcess {
    let process = Process()
    let bootstrap: String

    init(arguments: [String] = []) throws {
        process.executableURL = ChildProcess.parkstream
        process.arguments = ["broker"] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        let reader = out.fileHandleForReading
        while true {
            let byte = reader.readData(ofLength: 1)
            if byte.isEmpty || byte == Data("\n".utf8) { break }
            line.append(byte)
        }
        bootstrap = String(decoding: line, as: UTF8.self)
    }

    /// Sends SIGINT and waits; returns the exit status.
    func stop() -> Int32 {
        process.interrupt()
        process.waitUntilExit()
        return process.terminationStatus
    }

    deinit {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }
}
