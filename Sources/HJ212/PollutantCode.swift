/// Pollutant codes: HJ 212-2017 names water pollutants `w` + five digits (`w01018` COD); the
/// older HJ/T 212-2005 used three characters (`011` COD). Limits and events speak 2017 codes;
/// a 2005 code is translated on reading.
public enum PollutantCode {
    /// HJ/T 212-2005 water codes and their HJ 212-2017 equivalents (HJ 212-2017 annex, water table).
    public static let fromHJT2005: [String: String] = [
        "B01": "w00000",  // wastewater flow
        "001": "w01001",  // pH
        "002": "w01002",  // colour
        "003": "w01012",  // suspended solids
        "010": "w01017",  // BOD5
        "011": "w01018",  // COD
        "015": "w01020",  // total organic carbon
        "020": "w20111",  // total mercury
        "022": "w20115",  // total cadmium
        "023": "w20116",  // total chromium
        "024": "w20117",  // hexavalent chromium
        "026": "w20119",  // total arsenic
        "027": "w20120",  // total lead
        "060": "w21003",  // ammonia nitrogen
        "065": "w21001",  // total nitrogen
        "070": "w21016",  // cyanide
        "080": "w22001",  // petroleum
        "101": "w21011",  // total phosphorus
        "110": "w23002",  // volatile phenol
    ]

    /// The HJ 212-2017 code for `code`: a 2005 code translated, any other code as it is.
    public static func normalized(_ code: String) -> String {
        fromHJT2005[code] ?? code
    }
}
