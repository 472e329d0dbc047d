import ParkMetrics

extension RuleSet {
    /// Identifies a rules file's text (FNV-1a, 16 hex digits): a worker stores it with each
    /// checkpoint, so that it can tell state computed under other rules.
    public static func fingerprint(of text: String) -> String {
        FNV1a.hex(FNV1a.hash(text.utf8))
    }
}
