extension ParkID {
    /// For text already checked against the pattern.
    init(validated rawValue: String) {
        self.rawValue = rawValue
    }
}
