import Foundation
import ParkMetrics
import ParkRules
import Synchronization

/// Writes one line per alert transition to standard output (or another file handle): the
/// ``AlertLine`` form for people, coloured by severity on a terminal, or the canonical alert JSON
/// (`--json`) for machines.
///
/// Each line is written with one `write` as it is delivered, so lines from several threads never
/// interleave; a terminal or pipe that is slower than the alerts holds up the caller only as long
/// as the kernel's pipe buffer is full.
public final class StdoutAlertSink: AlertSink {
    /// How each transition is printed.
    public enum Format: Sendable, Hashable {
        /// ``AlertLine``, in ANSI colours when `color` is true.
        case line(color: Bool)
        /// ``AlertEvent/canonicalJSON(offsetSeconds:)``, one object per line.
        case json
    }

    private let format: Format
    private let offsetSeconds: Int
    private let output: FileHandle
    private let closed = Mutex(false)

    /// A sink writing to `output`, times in the zone `offsetSeconds` east of UTC.
    public init(
        format: Format, output: FileHandle = .standardOutput,
        offsetSeconds: Int = Int(ParkZone.shanghai.utcOffsetSeconds)
    ) {
        self.format = format
        self.output = output
        self.offsetSeconds = offsetSeconds
    }

    /// Lines for people, coloured when standard output is a terminal; JSON lines when `json`.
    public static func standardOutput(json: Bool) -> StdoutAlertSink {
        StdoutAlertSink(format: json ? .json : .line(color: isatty(STDOUT_FILENO) != 0))
    }

    /// The text written for `event`, without its newline.
    public func text(for event: AlertEvent) -> String {
        switch format {
        case .line(let color): AlertLine.format(event, color: color, offsetSeconds: offsetSeconds)
        case .json: event.canonicalJSON(offsetSeconds: offsetSeconds)
        }
    }

    public func deliver(_ event: AlertEvent) throws {
        let line = Data((text(for: event) + "\n").utf8)
        try closed.withLock { closed in
            guard !closed else { throw AlertSinkError(code: .closed, reason: "the stdout alert sink is closed") }
            output.write(line)
        }
    }

    /// Lines are written as they are delivered, so there is nothing to wait for.
    public func flush(timeout: Duration) throws {}

    public func close(timeout: Duration) throws {
        closed.withLock { $0 = true }
    }
}
