/// An error in a govseal document: a stable code, the JSON path of the place, and a reason a
/// user can act on. Equality compares the code only.
public struct DocumentError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// Not JSON, or JSON that breaks the strict I-JSON rules.
        case malformedJSON
        /// The envelope or a body is not of the documented shape.
        case invalidDocument
        /// A value is of the right type but not allowed (bad hex, bad time, bad chain id).
        case invalidValue
        /// A signature entry is malformed (as opposed to merely failing to verify).
        case invalidSignatureEntry
        /// Signing was refused (the same key twice, a key of the wrong curve).
        case signingRefused
        /// Reading or writing a file failed.
        case io
    }

    public let code: Code
    /// The JSON path, e.g. `body.release.artifacts[2].size`; empty for the whole document.
    public let path: String
    public let reason: String

    public init(_ code: Code, path: String = "", _ reason: String) {
        self.code = code
        self.path = path
        self.reason = reason
    }

    public var description: String {
        path.isEmpty ? reason : "at \(path): \(reason)"
    }

    public static func == (lhs: DocumentError, rhs: DocumentError) -> Bool { lhs.code == rhs.code }
}
