#if canImport(Glibc)
import Glibc
#endif

/// An RFC 3339 UTC time as documents hold it: `YYYY-MM-DDTHH:MM:SSZ`, with optional fractional
/// seconds (1 to 9 digits), always `Z`. Kept exactly: whole seconds since the Unix epoch plus
/// nanoseconds, so every comparison (expiry, quiet period, finished after disclosure, future
/// checks) uses the value as written, fractions included; the text is kept as written.
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Whole seconds since the Unix epoch (the fraction is in `nanoseconds`).
    public let secondsSinceEpoch: Int64
    /// The fraction of the second, 0 ..< 1,000,000,000.
    public let nanoseconds: Int32
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
        var fraction: Int32 = 0
        if b[i] == 0x2e {
            i += 1
            let start = i
            while i < b.count, (0x30...0x39).contains(b[i]) { i += 1 }
            guard i > start, i - start <= 9 else { throw fail("fractional seconds need 1 to 9 digits") }
            for k in start..<start + 9 {
                fraction = fraction * 10 + (k < i ? Int32(b[k] - 0x30) : 0)
            }
        }
        guard i == b.count - 1, b[i] == 0x5a else { throw fail("must end in 'Z' (UTC)") }
        guard (1...12).contains(month) else { throw fail("month \(month) out of range") }
        guard (1...Timestamp.daysIn(month: month, year: year)).contains(day) else { throw fail("day \(day) out of range") }
        guard hour < 24, minute < 60, second < 60 else { throw fail("time of day out of range") }
        guard year >= 1970 else { throw fail("year before 1970") }
        secondsSinceEpoch = Timestamp.epochSeconds(year: year, month: month, day: day)
            + Int64(hour * 3600 + minute * 60 + second)
        nanoseconds = fraction
        self.text = text
    }

    /// The timestamp for seconds (and nanoseconds, clamped to 0 ..< 10^9) since the epoch, formatted
    /// `YYYY-MM-DDTHH:MM:SSZ`, with the fraction (trailing zeros dropped) when it is not zero.
    public init(secondsSinceEpoch: Int64, nanoseconds: Int32 = 0) {
        self.secondsSinceEpoch = secondsSinceEpoch
        let nanoseconds = min(max(nanoseconds, 0), 999_999_999)
        self.nanoseconds = nanoseconds
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
        var fraction = ""
        if nanoseconds != 0 {
            fraction = "." + pad(Int64(nanoseconds), 9)
            while fraction.hasSuffix("0") { fraction.removeLast() }
        }
        text = "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(rem / 3600, 2)):\(pad(rem % 3600 / 60, 2)):\(pad(rem % 60, 2))\(fraction)Z"
    }

    /// The current time, whole seconds (for times written into new documents, which read best
    /// without a fraction). Checks compare with `now()`, never with this.
    public static func nowInWholeSeconds() -> Timestamp {
        Timestamp(secondsSinceEpoch: now().secondsSinceEpoch)
    }

    /// The current time of the system clock, to the nanosecond: what expiry, embargo and
    /// future checks compare with (truncating it would accept a document expired by a fraction).
    public static func now() -> Timestamp {
        var clock = timespec()
        guard clock_gettime(CLOCK_REALTIME, &clock) == 0 else { return Timestamp(secondsSinceEpoch: Int64(time(nil))) }
        return Timestamp(secondsSinceEpoch: Int64(clock.tv_sec), nanoseconds: Int32(clock.tv_nsec))
    }

    /// The time `days` later (the fraction of the second kept); saturates instead of overflowing
    /// (the result is then far beyond any document's range, so validation rejects it).
    public func adding(days: Int64) -> Timestamp {
        let (seconds, overflow) = days.multipliedReportingOverflow(by: 86_400)
        return overflow ? adding(seconds: days < 0 ? .min : .max) : adding(seconds: seconds)
    }

    /// The time `seconds` later (the fraction of the second kept); saturates at the epoch and at
    /// 9999-12-31T23:59:59Z instead of overflowing.
    public func adding(seconds: Int64) -> Timestamp {
        let (sum, overflow) = secondsSinceEpoch.addingReportingOverflow(seconds)
        let limit: Int64 = 253_402_300_799  // 9999-12-31T23:59:59Z
        if overflow { return Timestamp(secondsSinceEpoch: seconds < 0 ? 0 : limit) }
        if sum > limit { return Timestamp(secondsSinceEpoch: limit) }
        if sum < 0 { return Timestamp(secondsSinceEpoch: 0) }
        return Timestamp(secondsSinceEpoch: sum, nanoseconds: nanoseconds)
    }

    /// The exact time from `earlier` to this time (negative when `earlier` is later).
    public func since(_ earlier: Timestamp) -> Duration {
        .seconds(secondsSinceEpoch - earlier.secondsSinceEpoch) + .nanoseconds(Int64(nanoseconds) - Int64(earlier.nanoseconds))
    }

    public var description: String { text }

    /// Compares the exact instants, fractions of a second included (never the text).
    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        (lhs.secondsSinceEpoch, lhs.nanoseconds) < (rhs.secondsSinceEpoch, rhs.nanoseconds)
    }
    public static func == (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.secondsSinceEpoch == rhs.secondsSinceEpoch && lhs.nanoseconds == rhs.nanoseconds
    }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(secondsSinceEpoch)
        hasher.combine(nanoseconds)
    }

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
