#if canImport(Glibc)
import Glibc
#endif

/// An RFC 3339 UTC time as documents hold it: `YYYY-MM-DDTHH:MM:SSZ`, with optional fractional
/// seconds, always `Z`. Kept as whole seconds since the Unix epoch (fractions are truncated for
/// comparison, the text is kept as written).
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let secondsSinceEpoch: Int64
    public let text: String

    /// Parses a strict RFC 3339 UTC timestamp; throws `DocumentError.invalidValue` naming what is wrong.
    public init(parsing text: String, path: @autoclosure () -> String = "") throws {
        let b = Array(text.utf8)
        func fail(_ why: String) -> DocumentError {
            DocumentError(.invalidValue, path: path(), "'\(text.prefix(40))' is not an RFC 3339 UTC time (YYYY-MM-DDTHH:MM:SSZ): \(why)")
        }
        guard b.count >= 20 else { throw fail("too short") }
        func digits(_ range: Range<Int>) throws -> Int {
            var v = 0
            for i in range {
                guard (0x30...0x39).contains(b[i]) else { throw fail("expected a digit at offset \(i)") }
                v = v * 10 + Int(b[i] - 0x30)
            }
            return v
        }
        let year = try digits(0..<4)
        guard b[4] == 0x2d else { throw fail("expected '-' at offset 4") }
        let month = try digits(5..<7)
        guard b[7] == 0x2d else { throw fail("expected '-' at offset 7") }
        let day = try digits(8..<10)
        guard b[10] == 0x54 else { throw fail("expected 'T' at offset 10") }
        let hour = try digits(11..<13)
        guard b[13] == 0x3a else { throw fail("expected ':' at offset 13") }
        let minute = try digits(14..<16)
        guard b[16] == 0x3a else { throw fail("expected ':' at offset 16") }
        let second = try digits(17..<19)
        var i = 19
        if b[i] == 0x2e {
            i += 1
            let start = i
            while i < b.count, (0x30...0x39).contains(b[i]) { i += 1 }
            guard i > start, i - start <= 9 else { throw fail("fractional seconds need 1 to 9 digits") }
        }
        guard i == b.count - 1, b[i] == 0x5a else { throw fail("must end in 'Z' (UTC)") }
        guard (1...12).contains(month) else { throw fail("month \(month) out of range") }
        guard (1...Timestamp.daysIn(month: month, year: year)).contains(day) else { throw fail("day \(day) out of range") }
        guard hour < 24, minute < 60, second < 60 else { throw fail("time of day out of range") }
        guard year >= 1970 else { throw fail("year before 1970") }
        secondsSinceEpoch = Timestamp.epochSeconds(year: year, month: month, day: day)
            + Int64(hour * 3600 + minute * 60 + second)
        self.text = text
    }

    /// The timestamp for whole seconds since the epoch, formatted `YYYY-MM-DDTHH:MM:SSZ`.
    public init(secondsSinceEpoch: Int64) {
        self.secondsSinceEpoch = secondsSinceEpoch
        var days = secondsSinceEpoch / 86_400
        var rem = secondsSinceEpoch % 86_400
        if rem < 0 { rem += 86_400; days -= 1 }
        // Civil-from-days (Howard Hinnant's algorithm).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        func pad(_ v: Int64, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        text = "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(rem / 3600, 2)):\(pad(rem % 3600 / 60, 2)):\(pad(rem % 60, 2))Z"
    }

    /// The current time, truncated to whole seconds.
    public static func now() -> Timestamp {
        Timestamp(secondsSinceEpoch: Int64(time(nil)))
    }

    /// The time `days` later; saturates instead of overflowing (the result is then far beyond
    /// any document's range, so validation rejects it).
    public func adding(days: Int64) -> Timestamp {
        let (seconds, o1) = days.multipliedReportingOverflow(by: 86_400)
        let (sum, o2) = secondsSinceEpoch.addingReportingOverflow(seconds)
        let limit: Int64 = 253_402_300_799  // 9999-12-31T23:59:59Z
        return Timestamp(secondsSinceEpoch: o1 || o2 ? (days < 0 ? 0 : limit) : min(max(sum, 0), limit))
    }

    public var description: String { text }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.secondsSinceEpoch < rhs.secondsSinceEpoch }
    public static func == (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.secondsSinceEpoch == rhs.secondsSinceEpoch }
    public func hash(into hasher: inout Hasher) { hasher.combine(secondsSinceEpoch) }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func epochSeconds(year: Int, month: Int, day: Int) -> Int64 {
        // Days-from-civil (Howard Hinnant's algorithm).
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = Int64(month > 2 ? month - 3 : month + 9)
        let doy = (153 * mp + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return (era * 146_097 + doe - 719_468) * 86_400
    }
}
