/// SplitMix64: a small, fast, seeded generator, so a simulation is the same on every machine.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        self.state = seed
    }

    /// A generator for one stream of a simulation, independent of the others' draws.
    public init(seed: UInt64, stream: String) {
        self.init(seed: seed ^ FNV1a.hash(stream.utf8))
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Roughly normal around `mean` (sum of four uniforms), cheap and deterministic.
    public mutating func around(_ mean: Double, spread: Double) -> Double {
        let sum = unit() + unit() + unit() + unit() - 2
        return mean + sum * spread
    }

    /// True with probability `probability`.
    public mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }
}
