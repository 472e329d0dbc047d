/// Where one park's state is kept in the threshold rules' evaluator and the absence trackers,
/// found once per park: hashing the park id per event and rule was ~10 % of replay's CPU. Derived
/// from the rules' state and never saved (slots never change; a restored pipeline finds them again).
struct RuleSlots: Sendable {
    /// Not looked up yet.
    static let unknown = -1
    /// The rule does not apply to the park.
    static let notApplicable = -2

    /// Per position in `rules.targets`: the slot in the evaluator.
    var rules: [Int]
    /// Per absence tracker: the park's slot in it.
    var absences: [Int]

    init(rules: Int, absences: Int) {
        self.rules = Array(repeating: Self.unknown, count: rules)
        self.absences = Array(repeating: Self.unknown, count: absences)
    }
}
