/// What an ``AlertmanagerSink`` still has to send, as a pure state machine: the sink's thread
/// asks it what is due, sends that, and reports the outcome; nothing here does I/O or reads a clock.
///
/// One entry per alert id. A firing alert stays until it is resolved and is due again every
/// `resendInterval` after its last successful send; a transition not yet accepted is due at once
/// (unless a failed POST asked to back off). A resolve replaces its firing entry and leaves once
/// Alertmanager has it. Batches go out in delivery order, so a resolve always precedes a later
/// alert of the same rule and park (Alertmanager would otherwise merge the two). At most
/// `capacity` entries: past it, the oldest undelivered resolve goes first (Alertmanager resolves
/// an alert that is not re-sent within its `resolve_timeout` anyway), then the oldest firing alert.
struct AlertmanagerQueue {
    struct Entry {
        var alert: AlertmanagerAlert
        /// Order of the latest delivery of this id.
        var sequence: UInt64
        /// Changed since Alertmanager last accepted it.
        var unsent = true
        var lastSent: ContinuousClock.Instant?
    }

    /// What one POST carries: alert ids with the sequence each had when taken.
    struct Batch {
        var ids: [(id: String, sequence: UInt64)]
        var alerts: [AlertmanagerAlert]
    }

    let capacity: Int
    let resendInterval: Duration
    let initialBackoff: Duration
    let maxBackoff: Duration
    private(set) var entries: [String: Entry] = [:]
    private var nextSequence: UInt64 = 0
    private var failures = 0
    private var retryAt: ContinuousClock.Instant?

    init(capacity: Int, resendInterval: Duration, initialBackoff: Duration, maxBackoff: Duration) {
        self.capacity = max(1, capacity)
        self.resendInterval = resendInterval
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
    }

    /// Transitions not yet accepted by Alertmanager.
    var unsentCount: Int { entries.values.count { $0.unsent } }

    /// Firing alerts being kept (and re-sent).
    var firingCount: Int { entries.values.count { !$0.alert.isResolved } }

    /// POSTs that failed in a row.
    var consecutiveFailures: Int { failures }

    /// Adds or replaces the alert `id`; returns how many entries were dropped to stay within capacity.
    mutating func add(id: String, alert: AlertmanagerAlert) -> Int {
        nextSequence += 1
        entries[id] = Entry(alert: alert, sequence: nextSequence)
        var dropped = 0
        while entries.count > capacity, let victim = victim() {
            entries[victim] = nil
            dropped += 1
        }
        return dropped
    }

    private func victim() -> String? {
        let resolved = entries.filter { $0.value.alert.isResolved }
        let pool = resolved.isEmpty ? entries : resolved
        return pool.min { $0.value.sequence < $1.value.sequence }?.key
    }

    private func isDue(_ entry: Entry, now: ContinuousClock.Instant) -> Bool {
        if entry.unsent { return true }
        guard !entry.alert.isResolved, let lastSent = entry.lastSent else { return false }
        return lastSent + resendInterval <= now
    }

    /// When something is next due (nil: nothing is); never before the end of a backoff.
    func nextWake(now: ContinuousClock.Instant) -> ContinuousClock.Instant? {
        var earliest: ContinuousClock.Instant?
        for entry in entries.values where entry.unsent || !entry.alert.isResolved {
            let due = entry.unsent ? now : (entry.lastSent.map { $0 + resendInterval } ?? now)
            earliest = min(earliest ?? due, due)
        }
        guard let earliest else { return nil }
        return max(earliest, retryAt ?? earliest)
    }

    /// The alerts due at `now`, oldest delivery first, at most `limit`; nil when none are or while
    /// backing off.
    func due(now: ContinuousClock.Instant, limit: Int) -> Batch? {
        if let retryAt, now < retryAt { return nil }
        let due = entries.filter { isDue($0.value, now: now) }.sorted { $0.value.sequence < $1.value.sequence }
        guard !due.isEmpty else { return nil }
        let taken = due.prefix(max(1, limit))
        return Batch(ids: taken.map { ($0.key, $0.value.sequence) }, alerts: taken.map(\.value.alert))
    }

    /// Alertmanager took the batch (or refused parts of it for good): resolves leave, firing
    /// alerts wait for their next re-send. Entries replaced meanwhile stay unsent.
    mutating func accepted(_ batch: Batch, at now: ContinuousClock.Instant) {
        failures = 0
        retryAt = nil
        for (id, sequence) in batch.ids {
            guard var entry = entries[id], entry.sequence == sequence else { continue }
            if entry.alert.isResolved {
                entries[id] = nil
            } else {
                entry.unsent = false
                entry.lastSent = now
                entries[id] = entry
            }
        }
    }

    /// The POST failed: keep everything and wait `initialBackoff · 2^(failures−1)`, at most
    /// `maxBackoff`, before the next attempt. Returns that wait.
    @discardableResult
    mutating func failed(at now: ContinuousClock.Instant) -> Duration {
        failures += 1
        var wait = initialBackoff
        for _ in 0..<min(failures - 1, 40) where wait < maxBackoff { wait *= 2 }
        wait = min(wait, maxBackoff)
        retryAt = now + wait
        return wait
    }
}
