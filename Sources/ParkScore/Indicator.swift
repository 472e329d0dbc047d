/// One of the 11 indicators of the 2017 assessment, with the contents its weight is split over.
public struct Indicator: Sendable, Hashable {
    /// `added_value`: the key of the weights file and of the outputs.
    public let id: String
    /// 1…11, in the order of the source text.
    public let number: Int
    public let area: AssessmentArea
    /// The indicator in English and in the source text.
    public let title: String
    /// What the indicator's weight is split over (shares add up to 1).
    public let contents: [IndicatorContent]

    /// An indicator as given.
    public init(id: String, number: Int, area: AssessmentArea, title: String, contents: [IndicatorContent]) {
        self.id = id
        self.number = number
        self.area = area
        self.title = title
        self.contents = contents
    }
}
