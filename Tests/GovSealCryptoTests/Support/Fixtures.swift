import Foundation
import Testing
import GovSealEncoding

/// Loads the vector files in `Fixtures/` (see `Fixtures/SOURCES.md`).
enum Fixtures {
    static func data(_ name: String) throws -> Data {
        let dot = name.lastIndex(of: ".")!
        let url = Bundle.module.url(forResource: String(name[..<dot]), withExtension: String(name[name.index(after: dot)...]),
                                    subdirectory: "Fixtures")
        guard let url else { throw FixtureError("fixture \(name) not found in the test bundle") }
        return try Data(contentsOf: url)
    }

    static func json<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
        try JSONDecoder().decode(type, from: data(name))
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Decodes test-vector hex (upper or lower case).
func hex(_ text: String) -> [UInt8] {
    // Vector files are trusted test data; a bad one should fail loudly.
    try! Hex.decode(text)
}

// MARK: - Wycheproof

struct WycheproofFile<Group: Decodable>: Decodable {
    let numberOfTests: Int
    let testGroups: [Group]
}

struct WycheproofTest: Decodable {
    let tcId: Int
    let comment: String
    let flags: [String]
    let msg: String
    let sig: String
    let result: String
}

struct WycheproofECDSAGroup: Decodable {
    struct Key: Decodable { let uncompressed: String }
    let publicKey: Key
    let tests: [WycheproofTest]
}

struct WycheproofEdDSAGroup: Decodable {
    struct Key: Decodable { let pk: String }
    let publicKey: Key
    let tests: [WycheproofTest]
}

/// One Wycheproof verification case, named by its file and tcId.
struct SignatureCase: Sendable, CustomTestStringConvertible {
    let file: String
    let tcId: Int
    let comment: String
    let flags: [String]
    let publicKey: [UInt8]
    let message: [UInt8]
    let signature: [UInt8]
    let valid: Bool

    var testDescription: String { "tcId \(tcId) (\(comment.isEmpty ? flags.joined(separator: ",") : comment))" }
}

enum Wycheproof {
    static func ecdsa(_ file: String) throws -> [SignatureCase] {
        let parsed = try Fixtures.json(WycheproofFile<WycheproofECDSAGroup>.self, file)
        let cases = parsed.testGroups.flatMap { group in
            group.tests.map {
                SignatureCase(file: file, tcId: $0.tcId, comment: $0.comment, flags: $0.flags,
                              publicKey: hex(group.publicKey.uncompressed), message: hex($0.msg),
                              signature: hex($0.sig), valid: $0.result == "valid")
            }
        }
        guard cases.count == parsed.numberOfTests else { throw FixtureError("\(file): test count mismatch") }
        return cases
    }

    static func ed25519() throws -> [SignatureCase] {
        let file = "ed25519_test.json"
        let parsed = try Fixtures.json(WycheproofFile<WycheproofEdDSAGroup>.self, file)
        let cases = parsed.testGroups.flatMap { group in
            group.tests.map {
                SignatureCase(file: file, tcId: $0.tcId, comment: $0.comment, flags: $0.flags,
                              publicKey: hex(group.publicKey.pk), message: hex($0.msg),
                              signature: hex($0.sig), valid: $0.result == "valid")
            }
        }
        guard cases.count == parsed.numberOfTests else { throw FixtureError("\(file): test count mismatch") }
        return cases
    }
}
