import ParkMetrics

/// The telemetry `event_id`s a park has accepted recently, for deduplication.
///
/// Two generations: ids go into `current`; whenever the park's latest telemetry instant has moved
/// one lateness horizon past the last rotation, `current` becomes `previous` and the old `previous`
/// is dropped. An id is therefore remembered until its park's clock is at least one horizon past
/// the event (any copy arriving later is late and rejected as such) and at most about three
/// horizons: memory is O(events per park in ~3 × allowed lateness), whatever the stream length.
/// Duplicates are re-sent copies: same park, `event_id` and `observed_at`.
struct DedupWindow: Hashable, Sendable {
    var current = StringSet()
    var previous = StringSet()
    /// The park's latest telemetry instant (µs) at the last rotation.
    var rotatedAt: Int64 = .min

    /// Rotates for the park's clock `now`, then records `id`; false when it was already there.
    @inline(__always)
    mutating func insert(_ id: EventID, now: Int64, horizon: Int64) -> Bool {
        if rotatedAt == .min {
            rotatedAt = now
        } else if now - rotatedAt >= horizon {
            rotate(now: now, horizon: horizon)
        }
        return id.withUTF8 { utf8 in
            let fingerprint = StringSet.fingerprint(utf8)
            if current.position(of: utf8, fingerprint: fingerprint) != nil { return false }
            if previous.count > 0, previous.position(of: utf8, fingerprint: fingerprint) != nil { return false }
            current.append(utf8, fingerprint: fingerprint)
            return true
        }
    }

    private mutating func rotate(now: Int64, horizon: Int64) {
        if now - rotatedAt >= 2 * horizon {
            previous.removeAll()
            current.removeAll()
        } else {
            swap(&previous, &current)
            current.removeAll()
        }
        rotatedAt = now
    }

    /// Ids remembered now.
    var count: Int { current.count + previous.count }
}
