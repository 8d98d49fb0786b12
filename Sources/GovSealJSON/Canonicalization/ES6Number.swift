/// The ECMAScript `Number::toString` form of a double, which RFC 8785 §3.2.2.3 makes the
/// canonical form of a JSON number.
public enum ES6Number {
    /// ECMAScript Number::toString of `value`: the shortest digits that round trip, laid out
    /// as plain digits for 1e-7 ≤ |value| < 1e21 and with an exponent (`1e+21`, `1.5e-7`)
    /// outside that range; no trailing `.0`; `-0` gives `"0"`.
    ///
    /// Non-finite values, which JSON cannot hold, give ECMAScript's `"NaN"`, `"Infinity"` and
    /// `"-Infinity"`; callers writing JSON must not pass them.
    public static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        if value == 0 { return "0" }
        let (digits, pointPosition) = shortestDigits(of: value.magnitude)
        var text: [UInt8] = value < 0 ? [UInt8(ascii: "-")] : []
        layOut(digits: digits, pointPosition: pointPosition, into: &text)
        return String(decoding: text, as: UTF8.self)
    }

    /// The shortest round-trip decimal digits of a positive finite `value` (no leading or
    /// trailing zeros) and `n`, the position of the decimal point: value = 0.d1d2… × 10^n.
    ///
    /// Swift's `description` already yields the shortest, closest digits (as ECMAScript
    /// requires); this only reads them back out of its layout (`1.25e-07`, `1234.5`).
    static func shortestDigits(of value: Double) -> (digits: [UInt8], pointPosition: Int) {
        let text = Array(value.description.utf8)
        var digits: [UInt8] = []
        var pointIndex: Int?
        var exponent = 0
        var index = 0
        while index < text.count {
            let byte = text[index]
            if byte == UInt8(ascii: ".") {
                pointIndex = digits.count
            } else if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                exponent = Int(String(decoding: text[(index + 1)...], as: UTF8.self)) ?? 0
                break
            } else {
                digits.append(byte)
            }
            index += 1
        }
        var pointPosition = (pointIndex ?? digits.count) + exponent
        let leadingZeros = digits.prefix { $0 == UInt8(ascii: "0") }.count
        digits.removeFirst(leadingZeros)
        pointPosition -= leadingZeros
        while digits.last == UInt8(ascii: "0") { digits.removeLast() }
        return (digits, pointPosition)
    }

    /// Lays out digits d1…dk with value 0.d1…dk × 10^n by ECMAScript's Number::toString steps.
    private static func layOut(digits: [UInt8], pointPosition n: Int, into text: inout [UInt8]) {
        let k = digits.count
        let zero = UInt8(ascii: "0")
        if k <= n && n <= 21 {
            text.append(contentsOf: digits)
            text.append(contentsOf: repeatElement(zero, count: n - k))
        } else if 0 < n && n <= 21 {
            text.append(contentsOf: digits[..<n])
            text.append(UInt8(ascii: "."))
            text.append(contentsOf: digits[n...])
        } else if -6 < n && n <= 0 {
            text.append(contentsOf: [zero, UInt8(ascii: ".")])
            text.append(contentsOf: repeatElement(zero, count: -n))
            text.append(contentsOf: digits)
        } else {
            text.append(digits[0])
            if k > 1 {
                text.append(UInt8(ascii: "."))
                text.append(contentsOf: digits[1...])
            }
            let exponent = n - 1
            text.append(UInt8(ascii: "e"))
            text.append(exponent < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            text.append(contentsOf: String(exponent.magnitude).utf8)
        }
    }
}
