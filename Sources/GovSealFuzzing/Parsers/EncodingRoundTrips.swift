import GovSealEncoding

/// The text encodings: decode must never crash; decode→encode gives back the text where the
/// format is canonical, and encode→decode gives back any bytes. Each returns whether the
/// decoder accepted the text.
enum EncodingRoundTrips {
    static let target = FuzzTarget.parsers

    /// bech32 and bech32m: decode→encode == the input in lowercase.
    static func bech32(_ text: String) throws(PropertyViolation) -> Bool {
        guard let (hrp, data, variant) = try? Bech32.decode(text) else { return false }
        let encoded = try? Bech32.encode(hrp: hrp, data: data, variant: variant)
        try target.require(encoded == text.lowercased(), "bech32 decode→encode gives the input in lowercase",
                           "'\(text)' became '\(encoded ?? "an error")'")
        return true
    }

    /// The 5-bit form: decode5→encode5 == the input in lowercase.
    static func bech32Words(_ text: String) throws(PropertyViolation) -> Bool {
        guard let (hrp, words, variant) = try? Bech32.decode5(text) else { return false }
        let encoded = try? Bech32.encode5(hrp: hrp, words: words, variant: variant)
        try target.require(encoded == text.lowercased(), "bech32 decode5→encode5 gives the input in lowercase",
                           "'\(text)' became '\(encoded ?? "an error")'")
        return true
    }

    /// Base58 has one form per byte string: decode→encode == input, encode→decode == bytes.
    static func base58(_ text: String, raw: [UInt8]) throws(PropertyViolation) -> Bool {
        let bytes = Array(raw.prefix(256))  // the codec is quadratic: keep the reverse trip cheap
        try target.require((try? Base58.decode(Base58.encode(bytes))) == bytes, "base58 encode→decode gives the bytes back")
        guard let decoded = try? Base58.decode(text) else { return false }
        try target.require(Base58.encode(decoded) == text, "base58 decode→encode gives the input back", "'\(text)'")
        return true
    }

    /// Strict padded base64: decode→encode == input, encode→decode == bytes.
    static func base64(_ text: String, raw: [UInt8]) throws(PropertyViolation) -> Bool {
        try target.require((try? Base64.decode(Base64.encode(raw))) == raw, "base64 encode→decode gives the bytes back")
        guard let decoded = try? Base64.decode(text) else { return false }
        try target.require(Base64.encode(decoded) == text, "base64 decode→encode gives the input back", "'\(text)'")
        return true
    }

    /// Hex: decode→encode == the input in lowercase (== input when lowercase only); encode→decode == bytes.
    static func hex(_ text: String, raw: [UInt8]) throws(PropertyViolation) -> Bool {
        try target.require((try? Hex.decode(Hex.encode(raw), lowercaseOnly: true)) == raw, "hex encode→decode gives the bytes back")
        let lowercaseOnly = try? Hex.decode(text, lowercaseOnly: true)
        if let lowercaseOnly {
            try target.require(Hex.encode(lowercaseOnly) == text, "lowercase hex decode→encode gives the input back", "'\(text)'")
        }
        guard let decoded = try? Hex.decode(text) else {
            try target.require(lowercaseOnly == nil, "hex that the lowercase-only decoder accepts is accepted by the lenient one")
            return false
        }
        try target.require(Hex.encode(decoded) == text.lowercased(), "hex decode→encode gives the input in lowercase", "'\(text)'")
        try target.require((try? Hex.decode(text, length: decoded.count)) == decoded, "hex of the stated length is accepted")
        return true
    }

    /// Lowercase unpadded base32: decode→encode == input, encode→decode == bytes.
    static func base32(_ text: String, raw: [UInt8]) throws(PropertyViolation) -> Bool {
        try target.require((try? Base32.decode(Base32.encodeLower(raw))) == raw, "base32 encode→decode gives the bytes back")
        guard let decoded = try? Base32.decode(text) else { return false }
        try target.require(Base32.encodeLower(decoded) == text, "base32 decode→encode gives the input back", "'\(text)'")
        return true
    }
}
