/// The SSH wire encoding (RFC 4251 §5): `uint32` big-endian, `string` = uint32 length ‖ bytes.
///
/// The reader is bounded: every length is checked against what remains before it is used.
struct SSHWireReader {
    private let bytes: [UInt8]
    private(set) var offset = 0
    /// What is being read, for error messages ("SSH signature", "OpenSSH private key").
    let what: String

    init(_ bytes: [UInt8], what: String) {
        self.bytes = bytes
        self.what = what
    }

    var isAtEnd: Bool { offset == bytes.count }
    var remaining: Int { bytes.count - offset }

    mutating func uint32(_ field: String) throws -> UInt32 {
        guard remaining >= 4 else { throw truncated(field) }
        let value = bytes[offset..<offset + 4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        offset += 4
        return value
    }

    mutating func string(_ field: String) throws -> [UInt8] {
        let length = Int(try uint32(field))
        guard length <= remaining else { throw truncated(field) }
        defer { offset += length }
        return Array(bytes[offset..<offset + length])
    }

    /// A string that must be printable ASCII (a key type, a cipher or hash name).
    mutating func name(_ field: String) throws -> String {
        let raw = try string(field)
        guard raw.count <= 64, raw.allSatisfy({ $0 >= 0x20 && $0 < 0x7f }) else {
            throw CryptoError(.invalidKeyFile, "\(what): \(field) is not a printable name")
        }
        return String(decoding: raw, as: UTF8.self)
    }

    mutating func raw(_ count: Int, _ field: String) throws -> [UInt8] {
        guard count <= remaining else { throw truncated(field) }
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    /// The bytes not read yet.
    mutating func rest() -> [UInt8] {
        defer { offset = bytes.count }
        return Array(bytes[offset...])
    }

    private func truncated(_ field: String) -> CryptoError {
        CryptoError(.invalidKeyFile, "\(what): truncated at \(field) (byte \(offset))")
    }
}

/// Builds SSH wire encodings.
struct SSHWireWriter {
    private(set) var bytes: [UInt8] = []

    mutating func uint32(_ value: UInt32) {
        bytes += [UInt8(value >> 24), UInt8(value >> 16 & 0xff), UInt8(value >> 8 & 0xff), UInt8(value & 0xff)]
    }

    mutating func string(_ value: [UInt8]) {
        uint32(UInt32(value.count))
        bytes += value
    }

    mutating func string(_ value: String) { string(Array(value.utf8)) }

    mutating func raw(_ value: [UInt8]) { bytes += value }
}
