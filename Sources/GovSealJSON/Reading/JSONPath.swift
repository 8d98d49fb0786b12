/// A place inside a JSON value, as a list of member names and array indices.
///
/// Its `description` is the form every govseal error message uses: `""` for the root,
/// `body.release.artifacts[2].size`; a name that is not `[A-Za-z_][A-Za-z0-9_]*` is written
/// `["like this"]` with JSON string escaping, so any name prints unambiguously on one line.
public struct JSONPath: Sendable, Equatable, CustomStringConvertible {
    /// One step into a value.
    public enum Component: Sendable, Equatable {
        /// The member with this name of an object.
        case member(String)
        /// The element at this 0-based index of an array.
        case index(Int)

        /// Compares names by their exact UTF-8 bytes.
        public static func == (lhs: Component, rhs: Component) -> Bool {
            switch (lhs, rhs) {
            case let (.member(l), .member(r)): l.hasSameUTF8(as: r)
            case let (.index(l), .index(r)): l == r
            default: false
            }
        }
    }

    /// The steps from the root, outermost first.
    public var components: [Component]

    /// The path of the root value.
    public static let root = JSONPath([])

    /// A path made of these steps, outermost first.
    public init(_ components: [Component]) { self.components = components }

    /// This path extended by the member `name`.
    public func appending(_ name: String) -> JSONPath { JSONPath(components + [.member(name)]) }

    /// This path extended by the array element at `index`.
    public func appending(index: Int) -> JSONPath { JSONPath(components + [.index(index)]) }

    /// The path as error messages write it (see the type's documentation).
    public var description: String {
        // The common case, one plain member name (document readers build child paths this
        // way for every field they read), is the name itself.
        if components.count == 1, case .member(let name) = components[0], Self.isIdentifier(name) { return name }
        var text: [UInt8] = []
        for component in components {
            switch component {
            case .member(let name):
                if Self.isIdentifier(name) {
                    if !text.isEmpty { text.append(UInt8(ascii: ".")) }
                    text.append(contentsOf: name.utf8)
                } else {
                    text.append(UInt8(ascii: "["))
                    JSONStringEscaper.appendQuoted(name, to: &text)
                    text.append(UInt8(ascii: "]"))
                }
            case .index(let index):
                text.append(UInt8(ascii: "["))
                text.append(contentsOf: String(index).utf8)
                text.append(UInt8(ascii: "]"))
            }
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Whether `name` matches `[A-Za-z_][A-Za-z0-9_]*`.
    static func isIdentifier(_ name: String) -> Bool {
        var isFirst = true
        for byte in name.utf8 {
            let isLetter = (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
            let isDigit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            guard isLetter || byte == UInt8(ascii: "_") || (isDigit && !isFirst) else { return false }
            isFirst = false
        }
        return !isFirst
    }
}
