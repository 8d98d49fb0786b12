import GovSealJSON

/// Typed access to the small JSON objects of CometBFT and NEAR key files, read with the same
/// strict I-JSON reader as documents (duplicate members, bad UTF-8 and the rest are errors).
///
/// Error messages name members and expected types, never their (possibly secret) values.
enum KeyJSON {
    /// Parses `bytes` as one JSON object. A key file is small: 64 KiB at most.
    static func object(_ bytes: [UInt8]) throws -> JSONObject {
        let value: JSONValue
        do {
            value = try JSONReader.parse(bytes, limits: JSONLimits(maxBytes: 64 << 10, maxDepth: 8, integersOnly: false))
        } catch let error as JSONError {
            // The reader's message names the place and the rule, never the content of a string.
            throw CryptoError(.invalidKeyFile, "malformed JSON key file: \(error)")
        }
        guard case .object(let object) = value else {
            throw CryptoError(.invalidKeyFile, "a JSON key file must be one JSON object")
        }
        return object
    }

    /// The string member `name` of `object`, nil when absent or null; throws when it is not a string.
    static func string(_ object: JSONObject, _ name: String, in place: String) throws -> String? {
        switch object[name] {
        case nil, .null?: return nil
        case .string(let text)?: return text
        default: throw CryptoError(.invalidKeyFile, "\(place)\(name) must be a string")
        }
    }

    /// The string member `name` of `object`; throws when it is absent or not a string.
    static func requiredString(_ object: JSONObject, _ name: String, in place: String) throws -> String {
        guard let string = try string(object, name, in: place) else {
            throw CryptoError(.invalidKeyFile, "\(place)\(name) is missing")
        }
        return string
    }

    /// The object member `name` of `object`, nil when absent or null; throws when it is not an object.
    static func object(_ object: JSONObject, _ name: String) throws -> JSONObject? {
        switch object[name] {
        case nil, .null?: return nil
        case .object(let member)?: return member
        default: throw CryptoError(.invalidKeyFile, "\(name) must be a JSON object")
        }
    }
}
