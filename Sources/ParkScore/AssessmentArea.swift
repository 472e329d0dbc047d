/// One of the four areas of the 2017 assessment (附件1, 2017年度产业集聚区考核办法).
public enum AssessmentArea: String, Sendable, Hashable, CaseIterable {
    /// 经济总量.
    case economicVolume = "economic_volume"
    /// 质量效益.
    case qualityAndReturns = "quality_and_returns"
    /// 集群发展.
    case clusterDevelopment = "cluster_development"
    /// 节约集约.
    case conservation = "conservation"

    /// The area's name in English and in the source text.
    public var title: String {
        switch self {
        case .economicVolume: "economic volume (经济总量)"
        case .qualityAndReturns: "quality and returns (质量效益)"
        case .clusterDevelopment: "cluster development (集群发展)"
        case .conservation: "conservation (节约集约)"
        }
    }
}
