import ParkMetrics

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Cuts NDJSON input into windows and parts at line ends, each part with the number of its first
/// line, so that parts decode in parallel with the line numbers and errors of one pass over all of
/// it (`MetricEventDecoder.decodeLines(_:part:firstNumber:_:)`). Replay and publish read files so.
enum LineParts {
    /// A part of a window: its bytes and the number of its first line.
    struct Part {
        var range: Range<Int>
        var firstLine: Int
        var lines: Int
    }

    /// The cores this process may use.
    static var cores: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    /// The offset just after the first newline at or after `offset` (or the input's end).
    static func lineEnd(in input: UnsafeRawBufferPointer, after offset: Int) -> Int {
        guard offset < input.count, offset > 0, let base = input.baseAddress else { return input.count }
        if input[offset - 1] == 0x0A { return offset }
        guard let newline = memchr(base + offset, 0x0A, input.count - offset) else { return input.count }
        return base.distance(to: UnsafeRawPointer(newline)) + 1
    }

    /// `window` cut into at most `count` parts at line ends, each with its first line's number.
    static func split(_ input: UnsafeRawBufferPointer, _ window: Range<Int>, into count: Int, firstLine: Int) -> [Part]
    {
        var parts: [Part] = []
        var start = window.lowerBound
        var line = firstLine
        let size = max(1, window.count / count)
        while start < window.upperBound {
            let end = min(window.upperBound, lineEnd(in: input, after: min(window.upperBound, start + size)))
            let lines = newlines(in: input, start..<end) + (end == input.count && input[end - 1] != 0x0A ? 1 : 0)
            parts.append(Part(range: start..<end, firstLine: line, lines: lines))
            line += lines
            start = end
        }
        return parts
    }

    /// Decodes every part on a decoder of its own, the parts in parallel, folding each part's
    /// lines in order into an output of its own (given by `start`); the outputs in part order.
    static func decode<Output>(
        _ input: UnsafeRawBufferPointer, _ parts: [Part], decoders: inout [MetricEventDecoder],
        into start: () -> Output,
        _ fold: (inout Output, MetricEventDecoder.Line, consuming Result<MetricEvent, MetricEventDecoder.LineError>)
            -> Void
    ) -> [Output] {
        precondition(decoders.count >= parts.count, "a decoder per part")
        // The decoders move into the jobs and back (their caches carry over to the next window).
        var jobs = parts.map { _ in (decoder: MetricEventDecoder(), output: start()) }
        for index in jobs.indices { swap(&jobs[index].decoder, &decoders[index]) }
        Parallel.forEach(&jobs) { index, job in
            job.decoder.decodeLines(input, part: parts[index].range, firstNumber: parts[index].firstLine) {
                line, result in
                fold(&job.output, line, result)
            }
        }
        for index in jobs.indices { swap(&jobs[index].decoder, &decoders[index]) }
        return jobs.map(\.output)
    }

    private static func newlines(in input: UnsafeRawBufferPointer, _ range: Range<Int>) -> Int {
        guard let base = input.baseAddress else { return 0 }
        var count = 0
        var offset = range.lowerBound
        while offset < range.upperBound, let found = memchr(base + offset, 0x0A, range.upperBound - offset) {
            count += 1
            offset = base.distance(to: UnsafeRawPointer(found)) + 1
        }
        return count
    }
}
