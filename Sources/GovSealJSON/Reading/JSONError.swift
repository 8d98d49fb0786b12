/// An error from the strict JSON reader: a stable `code` for matching, the JSON `path` and
/// the 1-based `line` and `column` of the offending byte, and a `reason` a user can act on.
///
/// Equality compares the code only, so tests can match `JSONError.duplicateMember` whatever
/// the place and reason.
public struct JSONError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of rule the input broke.
    public enum Code: String, Sendable {
        /// The text is not RFC 8259 JSON (also: a byte order mark, leading zeros, a bad escape).
        case syntax
        /// An object has two members whose names are the same UTF-8 bytes.
        case duplicateMember
        /// A byte sequence is not well-formed UTF-8 (overlong, surrogate, > U+10FFFF, truncated).
        case invalidUTF8
        /// A `\u` escape is a surrogate that is not part of a high-low pair.
        case loneSurrogate
        /// A number is not allowed: not an integer, `-0`, beyond ±2^53, or overflowing to infinity.
        case number
        /// Arrays and objects nest deeper than the limit.
        case tooDeep
        /// The input is larger than the limit.
        case tooLarge
        /// A string holds an unescaped control character (U+0000 to U+001F).
        case controlCharacter
        /// Something other than whitespace follows the JSON value.
        case trailingData
    }

    /// The kind of error; the only thing equality compares.
    public let code: Code
    /// The JSON path of the place: `""` for the root, else as `JSONPath.description` writes it
    /// (`body.release.artifacts[2].size`, `labels["two words"]`).
    public let path: String
    /// 1-based line of the offending byte (lines end at LF, CR LF or CR).
    public let line: Int
    /// 1-based column of the offending byte, counted in Unicode scalars from the line start.
    public let column: Int
    /// What is wrong, in words: what was expected and what was found.
    public let reason: String

    /// Makes an error; the reader fills every field, callers matching errors use the statics.
    public init(_ code: Code, path: String = "", line: Int = 0, column: Int = 0, _ reason: String = "") {
        self.code = code
        self.path = path
        self.line = line
        self.column = column
        self.reason = reason
    }

    /// `at body.release.artifacts[2].size (line 7, column 19): number 1.5 is not an integer`.
    public var description: String {
        let place = path.isEmpty ? "the root" : path
        return "at \(place) (line \(line), column \(column)): \(reason)"
    }

    /// Compares the codes only.
    public static func == (lhs: JSONError, rhs: JSONError) -> Bool { lhs.code == rhs.code }

    /// An error with code `.syntax`, for matching in `#expect(throws:)` and `catch`.
    public static let syntax = JSONError(.syntax)
    /// An error with code `.duplicateMember`, for matching in `#expect(throws:)` and `catch`.
    public static let duplicateMember = JSONError(.duplicateMember)
    /// An error with code `.invalidUTF8`, for matching in `#expect(throws:)` and `catch`.
    public static let invalidUTF8 = JSONError(.invalidUTF8)
    /// An error with code `.loneSurrogate`, for matching in `#expect(throws:)` and `catch`.
    public static let loneSurrogate = JSONError(.loneSurrogate)
    /// An error with code `.number`, for matching in `#expect(throws:)` and `catch`.
    public static let number = JSONError(.number)
    /// An error with code `.tooDeep`, for matching in `#expect(throws:)` and `catch`.
    public static let tooDeep = JSONError(.tooDeep)
    /// An error with code `.tooLarge`, for matching in `#expect(throws:)` and `catch`.
    public static let tooLarge = JSONError(.tooLarge)
    /// An error with code `.controlCharacter`, for matching in `#expect(throws:)` and `catch`.
    public static let controlCharacter = JSONError(.controlCharacter)
    /// An error with code `.trailingData`, for matching in `#expect(throws:)` and `catch`.
    public static let trailingData = JSONError(.trailingData)
}
