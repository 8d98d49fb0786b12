import GovSealEncoding
import Testing

/// A malformed input for one decoder and a phrase its error must contain.
struct BadInput: Sendable, CustomTestStringConvertible {
    let input: String
    let message: String
    var testDescription: String { "\(input.debugDescription) → \(message)" }

    init(_ input: String, _ message: String) {
        self.input = input
        self.message = message
    }

    /// Checks that `decode` throws an `EncodingError` with `code` whose reason names the problem.
    func check(_ code: EncodingError.Code, _ decode: (String) throws -> [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
        let error = #expect(throws: EncodingError.self, sourceLocation: sourceLocation) { try decode(input) }
        #expect(error?.code == code, sourceLocation: sourceLocation)
        #expect(error?.reason.contains(message) == true, "\(error?.reason ?? "")", sourceLocation: sourceLocation)
    }
}

/// A byte string and its text form from a published table.
struct TextVector: Sendable, CustomTestStringConvertible {
    let bytes: [UInt8]
    let text: String
    var testDescription: String { "\(Hex.encode(bytes)) ↔ \(text.debugDescription)" }

    init(hex: String, _ text: String) {
        self.bytes = try! Hex.decode(hex)
        self.text = text
    }

    init(ascii: String, _ text: String) {
        self.bytes = Array(ascii.utf8)
        self.text = text
    }
}
