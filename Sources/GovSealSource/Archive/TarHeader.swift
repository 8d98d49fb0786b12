/// The fields of one 512-byte tar header that the parser needs, checked strictly.
struct TarHeader {
    let name: String
    let size: UInt64
    let typeFlag: UInt8

    /// Decodes a header block that starts at archive offset `start`.
    ///
    /// Throws `.malformedArchive` for a checksum mismatch ("not a tar archive" on the first
    /// header) or an unreadable size.
    init(_ block: [UInt8], at start: UInt64, first: Bool) throws {
        precondition(block.count == 512)
        guard let stored = Self.octal(block[148..<156]) else {
            throw SourceError(.malformedArchive, first ? "not a tar archive" : "unreadable header checksum at byte \(start)")
        }
        var unsigned: UInt64 = 0
        var signed: Int64 = 0
        for (index, byte) in block.enumerated() {
            let value = (148..<156).contains(index) ? 0x20 : byte
            unsigned += UInt64(value)
            signed += Int64(Int8(bitPattern: value))
        }
        guard stored == unsigned || Int64(bitPattern: stored) == signed else {
            throw SourceError(.malformedArchive, first ? "not a tar archive (header checksum mismatch)" : "header checksum mismatch at byte \(start)")
        }
        guard let size = Self.number(block[124..<136]) else {
            throw SourceError(.malformedArchive, "unreadable member size in the header at byte \(start)")
        }
        var name = Self.text(block[0..<100])
        let magic = Array(block[257..<263])
        if magic == Array("ustar\0".utf8) {
            let prefix = Self.text(block[345..<500])
            if !prefix.isEmpty { name = prefix + "/" + name }
        }
        self.name = name
        self.size = size
        self.typeFlag = block[156]
    }

    /// A NUL-terminated text field.
    static func text(_ field: ArraySlice<UInt8>) -> String {
        String(decoding: field.prefix { $0 != 0 }, as: UTF8.self)
    }

    /// A numeric field: octal digits (space or NUL padded), or GNU base-256 when the top bit is set.
    static func number(_ field: ArraySlice<UInt8>) -> UInt64? {
        guard let first = field.first else { return nil }
        if first & 0x80 != 0 {
            guard first & 0x40 == 0 else { return nil }  // negative
            var value: UInt64 = UInt64(first & 0x3f)
            for byte in field.dropFirst() {
                guard value >> 56 == 0 else { return nil }
                value = value << 8 | UInt64(byte)
            }
            return value
        }
        return octal(field)
    }

    static func octal(_ field: ArraySlice<UInt8>) -> UInt64? {
        let digits = field.drop { $0 == 0x20 }.prefix { $0 != 0 && $0 != 0x20 }
        let rest = field.drop { $0 == 0x20 }.dropFirst(digits.count)
        guard rest.allSatisfy({ $0 == 0 || $0 == 0x20 }) else { return nil }
        if digits.isEmpty { return 0 }
        var value: UInt64 = 0
        for digit in digits {
            guard (0x30...0x37).contains(digit), value >> 60 == 0 else { return nil }
            value = value << 3 | UInt64(digit - 0x30)
        }
        return value
    }
}

/// pax extended header records: "<length> <key>=<value>\n", the length counting the whole record.
enum PaxRecords {
    static func parse(_ bytes: [UInt8]) throws -> [String: String] {
        var records: [String: String] = [:]
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0 { break }  // NUL padding after the last record
            guard let space = bytes[index...].firstIndex(of: 0x20),
                  let length = Int(String(decoding: bytes[index..<space], as: UTF8.self)),
                  length > space - index, index + length <= bytes.count, bytes[index + length - 1] == 0x0a,
                  let equals = bytes[(space + 1)..<(index + length)].firstIndex(of: 0x3d) else {
                throw SourceError(.malformedArchive, "unreadable pax record at offset \(index) of a pax header")
            }
            let key = String(decoding: bytes[(space + 1)..<equals], as: UTF8.self)
            let value = String(decoding: bytes[(equals + 1)..<(index + length - 1)], as: UTF8.self)
            records[key] = value
            index += length
        }
        return records
    }
}
