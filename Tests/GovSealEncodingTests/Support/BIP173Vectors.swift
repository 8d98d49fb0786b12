import Foundation
import GovSealEncoding
import Testing

/// The BIP-173 / BIP-350 test vectors in `Fixtures/bip173_bip350_vectors.json` (see SOURCES.md).
struct BIP173Vectors: Decodable {
    struct InvalidString: Decodable {
        let string: String
        let reason: String
        let bytes_hex: String?
    }

    struct ValidAddress: Decodable {
        let address: String
        let scriptPubKey: String
        let witness_version: Int
        let valid_under_bip350: Bool?
    }

    struct InvalidAddress: Decodable {
        let address: String
        let reason: String
    }

    struct BIP173: Decodable {
        let valid_bech32: [String]
        let invalid_bech32: [InvalidString]
        let valid_segwit_addresses: [ValidAddress]
        let invalid_segwit_addresses: [InvalidAddress]
    }

    struct BIP350: Decodable {
        let valid_bech32m: [String]
        let invalid_bech32m: [InvalidString]
        let valid_segwit_addresses: [ValidAddress]
        let invalid_segwit_addresses: [InvalidAddress]
    }

    let bip173: BIP173
    let bip350: BIP350

    static func load() throws -> BIP173Vectors {
        let url = try #require(Bundle.module.url(forResource: "bip173_bip350_vectors", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(BIP173Vectors.self, from: Data(contentsOf: url))
    }
}

/// One valid checksum string and the variant it must decode as.
struct ValidBech32Case: Sendable, CustomTestStringConvertible {
    let id: String
    let text: String
    let variant: Bech32.Variant
    var testDescription: String { "\(id) \(text)" }

    static func all() throws -> [ValidBech32Case] {
        let vectors = try BIP173Vectors.load()
        return vectors.bip173.valid_bech32.enumerated().map { ValidBech32Case(id: "bip173.valid[\($0)]", text: $1, variant: .bech32) }
            + vectors.bip350.valid_bech32m.enumerated().map { ValidBech32Case(id: "bip350.valid[\($0)]", text: $1, variant: .bech32m) }
    }
}

/// One string that must not decode, as the JSON gives it or as the BIP's raw bytes.
struct InvalidBech32Case: Sendable, CustomTestStringConvertible {
    let id: String
    let text: String
    let reason: String
    var testDescription: String { "\(id) (\(reason))" }

    static func all() throws -> [InvalidBech32Case] {
        let vectors = try BIP173Vectors.load()
        var cases = [InvalidBech32Case]()
        for (list, name) in [(vectors.bip173.invalid_bech32, "bip173.invalid"), (vectors.bip350.invalid_bech32m, "bip350.invalid")] {
            for (index, entry) in list.enumerated() {
                cases.append(InvalidBech32Case(id: "\(name)[\(index)]", text: entry.string, reason: entry.reason))
                if let hex = entry.bytes_hex {
                    // The raw bytes as a Swift String: 0x80 and 0xFF are not UTF-8 and become U+FFFD.
                    let raw = String(decoding: try Hex.decode(hex), as: UTF8.self)
                    cases.append(InvalidBech32Case(id: "\(name)[\(index)].bytes", text: raw, reason: entry.reason))
                }
            }
        }
        return cases
    }
}

/// One segwit address from either BIP, with the scriptPubKey it gives when it is valid today.
struct SegwitCase: Sendable, CustomTestStringConvertible {
    let id: String
    let address: String
    let scriptPubKey: String?
    let reason: String
    var testDescription: String { "\(id) \(address) (\(reason))" }

    static func valid() throws -> [SegwitCase] {
        let vectors = try BIP173Vectors.load()
        return vectors.bip350.valid_segwit_addresses.enumerated().map {
            SegwitCase(id: "bip350.valid[\($0)]", address: $1.address, scriptPubKey: $1.scriptPubKey, reason: "valid")
        } + vectors.bip173.valid_segwit_addresses.enumerated().filter { $1.valid_under_bip350 != false }.map {
            SegwitCase(id: "bip173.valid[\($0)]", address: $1.address, scriptPubKey: $1.scriptPubKey, reason: "valid")
        }
    }

    static func invalid() throws -> [SegwitCase] {
        let vectors = try BIP173Vectors.load()
        return vectors.bip350.invalid_segwit_addresses.enumerated().map {
            SegwitCase(id: "bip350.invalid[\($0)]", address: $1.address, scriptPubKey: nil, reason: $1.reason)
        } + vectors.bip173.invalid_segwit_addresses.enumerated().map {
            SegwitCase(id: "bip173.invalid[\($0)]", address: $1.address, scriptPubKey: nil, reason: $1.reason)
        } + vectors.bip173.valid_segwit_addresses.enumerated().filter { $1.valid_under_bip350 == false }.map {
            SegwitCase(id: "bip173.valid[\($0)]", address: $1.address, scriptPubKey: nil, reason: "v1+ with a Bech32 checksum, invalid under BIP-350")
        }
    }
}
