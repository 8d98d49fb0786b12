import COpenSSL

/// An error from the crypto core: a stable `code` for matching, a `reason` a user can act on.
///
/// Equality compares the code only, so tests can match `CryptoError.invalidKey` whatever the reason.
public struct CryptoError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case invalidKey, invalidSignature, invalidKeyFile, unsupportedAlgorithm, insecureKeyFile, io, openssl, secp256k1
    }

    public let code: Code
    public let reason: String

    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    public var description: String { reason }

    public static func == (lhs: CryptoError, rhs: CryptoError) -> Bool { lhs.code == rhs.code }

    public static let invalidKey = CryptoError(.invalidKey, "")
    public static let invalidSignature = CryptoError(.invalidSignature, "")
    public static let invalidKeyFile = CryptoError(.invalidKeyFile, "")
    public static let unsupportedAlgorithm = CryptoError(.unsupportedAlgorithm, "")
    public static let insecureKeyFile = CryptoError(.insecureKeyFile, "")
    public static let io = CryptoError(.io, "")

    /// An OpenSSL failure, with OpenSSL's own error string for the queued error.
    static func openssl(_ function: String) -> CryptoError {
        CryptoError(.openssl, "\(function) failed: \(openSSLErrorText())")
    }

    /// OpenSSL's error string for the earliest queued error ("unknown error" when none), then
    /// clears the queue.
    static func openSSLErrorText() -> String {
        let code = ERR_get_error()
        var text = "unknown error"
        if code != 0 {
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        ERR_clear_error()
        return text
    }
}
