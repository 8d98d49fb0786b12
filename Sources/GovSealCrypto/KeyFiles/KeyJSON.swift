import Foundation

/// Minimal typed access to the small JSON objects of CometBFT and NEAR key files.
///
/// Error messages name members and expected types, never their (possibly secret) values.
enum KeyJSON {
    /// Parses `bytes` as one JSON object.
    static func object(_ bytes: [UInt8]) throws -> [String: Any] {
        let value: Any
        do {
            value = try JSONSerialization.jsonObject(with: Data(bytes), options: [])
        } catch {
            // Foundation's detail names a position ("around character 6"), never the content.
            let detail = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String)
                .map { $0.hasSuffix(".") ? String($0.dropLast()) : $0 }
            throw CryptoError(.invalidKeyFile, "malformed JSON key file (truncated or invalid JSON"
                + (detail.map { ": \(oneLine($0))" } ?? "") + ")")
        }
        guard let object = value as? [String: Any] else {
            throw CryptoError(.invalidKeyFile, "a JSON key file must be one JSON object")
        }
        return object
    }

    /// The string member `name` of `object`, nil when absent; throws when it is not a string.
    static func string(_ object: [String: Any], _ name: String, in place: String) throws -> String? {
        guard let value = object[name], !(value is NSNull) else { return nil }
        guard let string = value as? String else {
            throw CryptoError(.invalidKeyFile, "\(place)\(name) must be a string")
        }
        return string
    }

    /// The string member `name` of `object`; throws when it is absent or not a string.
    static func requiredString(_ object: [String: Any], _ name: String, in place: String) throws -> String {
        guard let string = try string(object, name, in: place) else {
            throw CryptoError(.invalidKeyFile, "\(place)\(name) is missing")
        }
        return string
    }

    /// The object member `name` of `object`, nil when absent; throws when it is not an object.
    static func object(_ object: [String: Any], _ name: String) throws -> [String: Any]? {
        guard let value = object[name], !(value is NSNull) else { return nil }
        guard let member = value as? [String: Any] else {
            throw CryptoError(.invalidKeyFile, "\(name) must be a JSON object")
        }
        return member
    }

    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
