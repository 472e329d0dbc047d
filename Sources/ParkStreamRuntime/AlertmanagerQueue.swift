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
///
/// Entries know the input partition whose events raised them: a worker that gives partitions up
/// `release`s their firing alerts (their next owner `adopt`s them), so that no two workers keep
/// the same alert alive.
struct AlertmanagerQueue {
    struct Entry {
        var alert: AlertmanagerAlert
        /// The input partition the alert belongs to (nil: not from a partition, e.g. a file).
        var partition: Int32?
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
    mutating func add(id: String, alert: AlertmanagerAlert, partition: Int32? = nil) -> Int {
        nextSequence += 1
        entries[id] = Entry(alert: alert, partition: partition, sequence: nextSequence)
        return shrinkToCapacity()
    }

    /// Adds the firing alert `id` taken over with its partition, to be sent at once, unless the
    /// queue holds the id already (its latest transition, delivered here, wins); returns how many
    /// entries were dropped to stay within capacity.
    mutating func adopt(id: String, alert: AlertmanagerAlert, partition: Int32) -> Int {
        guard entries[id] == nil else { return 0 }
        return add(id: id, alert: alert, partition: partition)
    }

    /// Forgets the firing alerts of `partitions`, sent or not (their next owner adopts them);
    /// resolves stay until Alertmanager has them. Returns how many were forgotten.
    mutating func release(partitions: Set<Int32>) -> Int {
        let released = entries.filter { entry in
            !entry.value.alert.isResolved && entry.value.partition.map(partitions.contains) == true
        }
        for id in released.keys { entries[id] = nil }
        return released.count
    }

    private mutating func shrinkToCapacity() -> Int {
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
