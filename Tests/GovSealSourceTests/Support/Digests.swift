import GovSealCrypto

/// Expected digests for test artifacts, as lowercase hex.
enum Digests {
    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef")
        return String(bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] })
    }

    static func sha256(_ text: String) -> String { hex(Digest.sha256(Array(text.utf8))) }
    static func sha256(_ bytes: [UInt8]) -> String { hex(Digest.sha256(bytes)) }
    static func sha512(_ text: String) -> String { hex(Digest.sha512(Array(text.utf8))) }
}
