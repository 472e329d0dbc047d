import Foundation

/// A one-line progress display on stderr, redrawn at most a few times a second, only on a terminal.
final class Progress {
    private let enabled = isatty(STDERR_FILENO) != 0
    private let started = ContinuousClock.now
    private var lastDrawn = ContinuousClock.now - .seconds(1)

    /// Seconds since the display was created.
    var elapsed: Double {
        let duration = ContinuousClock.now - started
        return Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// Redraws the line with `text` (rate-limited unless `force`).
    func update(_ text: @autoclosure () -> String, force: Bool = false) {
        guard enabled else { return }
        let now = ContinuousClock.now
        guard force || now - lastDrawn >= .milliseconds(200) else { return }
        lastDrawn = now
        FileHandle.standardError.write(Data(("\r\u{1B}[2K" + text()).utf8))
    }

    /// Clears the line, so that the summary stands alone.
    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }

    /// `1,234,567`.
    static func count(_ value: Int) -> String {
        let digits = String(value)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return out
    }
}

/// Writes to stderr.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
