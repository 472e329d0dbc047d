import ParkMetrics

extension Indicator {
    /// The 11 indicators of 附件1 (2017年度产业集聚区考核办法), mapped onto the metric catalog v1.
    ///
    /// The text's two splitting rules: an indicator with an absolute value and a growth rate gives
    /// each 50 %; an indicator with two or more contents splits its weight equally among them.
    /// Which indicators carry a growth rate is in the text's table, which is not in the text: here
    /// the amounts (added value, investment, employees, tax, outside capital) and energy intensity,
    /// whose provincial target is a rate of decline. docs/assessment-score.md gives the reasoning.
    public static let all: [Indicator] = [
        // MARK: - 经济总量
        Indicator(
            id: "added_value", number: 1, area: .economicVolume, title: "added value (增加值)",
            contents: levelAndGrowth(.addedValue, share: 1, title: "industrial added value")),
        Indicator(
            id: "fixed_asset_investment", number: 2, area: .economicVolume, title: "fixed-asset investment (固定资产投资)",
            contents: levelAndGrowth(.fixedAssetInvestment, share: 1, title: "fixed-asset investment")),
        Indicator(
            id: "employees", number: 3, area: .economicVolume, title: "employees (从业人员)",
            contents: levelAndGrowth(.employees, share: 1, title: "employees")),
        // MARK: - 质量效益
        Indicator(
            id: "tax_revenue", number: 4, area: .qualityAndReturns, title: "tax revenue (税收收入)",
            contents: levelAndGrowth(.taxRevenue, share: 1, title: "tax revenue")),
        Indicator(
            id: "rd_intensity", number: 5, area: .qualityAndReturns,
            title: "R&D expenditure as a share of added value (R&D经费支出占增加值的比重)",
            contents: [
                IndicatorContent(
                    id: "rd_intensity", metric: .rdIntensity, share: 1, title: "R&D expenditure / added value")
            ]),
        Indicator(
            id: "input_output_efficiency", number: 6, area: .qualityAndReturns,
            title: "input-output efficiency (投入产出效益)",
            contents: [
                IndicatorContent(
                    id: "input_output_efficiency", metric: nil, share: 1,
                    title: "no catalog metric: missing for every park")
            ]),
        // MARK: - 集群发展
        Indicator(
            id: "leading_industry_va_share", number: 7, area: .clusterDevelopment,
            title: "leading-industry share of added value (主导产业增加值占增加值的比重)",
            contents: [
                IndicatorContent(
                    id: "leading_industry_va_share", metric: .leadingIndustryVaShare, share: 1,
                    title: "leading-industry added value / added value")
            ]),
        Indicator(
            id: "leading_investment_and_external_capital", number: 8, area: .clusterDevelopment,
            title: "leading-industry share of investment and capital from outside the province and abroad "
                + "(主导产业投资占固定资产投资的比重与实际利用省外境外资金)",
            contents: [
                IndicatorContent(
                    id: "leading_industry_investment_share", metric: .leadingIndustryInvestmentShare, share: 0.5,
                    title: "leading-industry investment / fixed-asset investment")
            ] + levelAndGrowth(.externalCapitalUsed, share: 0.5, title: "capital used from outside the province")),
        // MARK: - 节约集约
        Indicator(
            id: "energy_intensity", number: 9, area: .conservation,
            title: "energy use per 10,000 yuan of added value (万元增加值能耗)",
            contents: levelAndGrowth(
                .energyIntensity, share: 1, direction: .lowerIsBetter, title: "energy use / added value")),
        Indicator(
            id: "waste_treatment_and_compliance", number: 10, area: .conservation,
            title: "wastewater and solid-waste treatment rate and wastewater-plant compliance "
                + "(污水固废集中处理率及污水集中处理设施运行达标率)",
            contents: [
                IndicatorContent(
                    id: "wastewater_treatment_rate", metric: .wastewaterTreatmentRate, share: 1.0 / 3,
                    title: "share of wastewater centrally treated"),
                IndicatorContent(
                    id: "solid_waste_treatment_rate", metric: .solidWasteTreatmentRate, share: 1.0 / 3,
                    title: "share of solid waste centrally treated"),
                IndicatorContent(
                    id: "wastewater_compliance", metric: .wastewaterCompliance, share: 1.0 / 3,
                    title: "share of wastewater samples within limits"),
            ]),
        Indicator(
            id: "idle_assets_revitalization", number: 11, area: .conservation,
            title: "revitalization rate of idle plant and land (闲置资源盘活率)",
            contents: [
                IndicatorContent(
                    id: "idle_assets_revitalization", metric: .idleAssetsRevitalization, share: 1,
                    title: "revitalized / all idle plant and land")
            ]),
    ]

    /// Every content of every indicator, in indicator order.
    public static var allContents: [IndicatorContent] { all.flatMap(\.contents) }

    /// The indicator with id `id`.
    public static func named(_ id: String) -> Indicator? { all.first { $0.id == id } }

    /// An absolute value and its growth, 50 % each of `share`.
    private static func levelAndGrowth(
        _ metric: Metric, share: Double, direction: IndicatorContent.Direction = .higherIsBetter, title: String
    ) -> [IndicatorContent] {
        [
            IndicatorContent(
                id: metric.name, metric: metric, measure: .level, direction: direction, share: share / 2, title: title),
            IndicatorContent(
                id: metric.name + "_yoy", metric: metric, measure: .growth, direction: direction, share: share / 2,
                title: title + ", growth on the same months a year earlier"),
        ]
    }
}
