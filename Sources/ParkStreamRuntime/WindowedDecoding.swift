import ParkMetrics

/// NDJSON input read a window at a time: each window's lines are decoded in parallel parts (every
/// core, `LineParts`) on other threads while the caller works through the window before, so that
/// decoding and the caller's work overlap. Replay and publish read files so.
struct WindowedDecoding<Output> {
    /// Folds one line's outcome into its part's output; called for a part's lines in input order.
    typealias Fold = (
        inout Output, MetricEventDecoder.Line, consuming Result<MetricEvent, MetricEventDecoder.LineError>
    )
        -> Void

    /// A decoded window and where the next one starts.
    private struct Window {
        var outputs: [Output]
        var end: Int
        var nextLine: Int
        /// Handed on to the next window's decoding (their caches carry over).
        var decoders: [MetricEventDecoder]
    }

    private let input: UnsafeRawBufferPointer
    private let windowBytes: Int
    private let makeOutput: () -> Output
    private let reset: (inout Output) -> Void
    private let fold: Fold
    private var pending: BackgroundJob<Window>?
    /// Outputs handed back (`recycle`), emptied, for the next window started to fill.
    private var spare: [Output] = []

    /// Starts decoding the first window of about `windowBytes` (whole lines) of `input`, which must
    /// stay valid until the last window has been taken. `makeOutput` makes an empty output; `reset`
    /// empties a recycled one, keeping its buffers.
    init(
        _ input: UnsafeRawBufferPointer, windowBytes: Int, into makeOutput: @escaping () -> Output,
        reset: @escaping (inout Output) -> Void, _ fold: @escaping Fold
    ) {
        self.input = input
        self.windowBytes = windowBytes
        self.makeOutput = makeOutput
        self.reset = reset
        self.fold = fold
        pending = decoding(
            from: 0, firstLine: 1, decoders: Array(repeating: MetricEventDecoder(), count: 2 * LineParts.cores))
    }

    /// The next window's outputs, one per part in input order (nil after the last window), once
    /// decoded; the window after it starts decoding meanwhile.
    mutating func next() -> [Output]? {
        guard let job = pending.take() else { return nil }
        let window = job.wait()
        pending = decoding(from: window.end, firstLine: window.nextLine, decoders: window.decoders)
        return window.outputs
    }

    /// Hands back a window's outputs once done with them: a later window fills them again, so
    /// their buffers are reused (no growing, no fresh pages to fault in for every window).
    mutating func recycle(_ outputs: consuming [Output]) {
        var outputs = outputs
        for index in outputs.indices { reset(&outputs[index]) }
        spare += outputs
    }

    private mutating func decoding(from start: Int, firstLine: Int, decoders: consuming [MetricEventDecoder])
        -> BackgroundJob<Window>?
    {
        guard start < input.count else { return nil }
        let end = LineParts.lineEnd(in: input, after: min(input.count, start + windowBytes))
        let (input, makeOutput, fold) = (input, makeOutput, fold)
        let reused = spare
        spare = []
        return BackgroundJob((decoders: decoders, reused: reused)) { job in
            var reused = job.reused
            job.reused = []  // leaves `reused` the only reference
            let parts = LineParts.split(input, start..<end, into: job.decoders.count, firstLine: firstLine)
            let outputs = LineParts.decode(
                input, parts, decoders: &job.decoders, into: { reused.popLast() ?? makeOutput() }, fold)
            let nextLine = parts.last.map { $0.firstLine + $0.lines } ?? firstLine
            return Window(outputs: outputs, end: end, nextLine: nextLine, decoders: job.decoders)
        }
    }
}
