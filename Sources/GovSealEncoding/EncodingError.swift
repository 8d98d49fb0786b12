/// An error from a decoder: which encoding, and what exactly is wrong (a character and its
/// offset, a length, a checksum). Equality compares the encoding only.
public struct EncodingError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case hex, base64, base58, bech32, base32
    }

    public let code: Code
    public let reason: String

    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    public var description: String { reason }

    public static func == (lhs: EncodingError, rhs: EncodingError) -> Bool { lhs.code == rhs.code }
}
