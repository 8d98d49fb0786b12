import Foundation
import GovSealEncoding

/// Loads `Fixtures/*.json` (see `Fixtures/SOURCES.md`).
enum ChainFixtures {
    static func json<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try JSONDecoder().decode(type, from: Data(contentsOf: url))
    }
}

/// One chain of the cosmos/chain-registry extract.
struct RegistryChain: Decodable, Sendable, CustomStringConvertible {
    let path: String
    let chain_id: String
    let bech32_prefix: String
    let key_algos: [String]?

    var description: String { chain_id }

    static func load() throws -> [RegistryChain] {
        struct File: Decodable { let chains: [RegistryChain] }
        return try ChainFixtures.json(File.self, "chain_registry").chains
    }
}

/// The published key → address pairs of `address_vectors.json`.
struct AddressVectors: Decodable, Sendable {
    struct Account: Decodable, Sendable, CustomStringConvertible {
        let source, rule, prefix, public_key, account: String
        let secret_key, ethereum: String?
        var description: String { account }
    }
    struct Consensus: Decodable, Sendable, CustomStringConvertible {
        let source, curve, public_key, address_bytes: String
        var description: String { "\(curve) \(address_bytes)" }
    }
    struct Encoding: Decodable, Sendable, CustomStringConvertible {
        let source, ethereum, bech32: String
        var description: String { bech32 }
    }
    let accounts: [Account]
    let consensus: [Consensus]
    let ethermint_encodings: [Encoding]

    static func load() throws -> AddressVectors { try ChainFixtures.json(AddressVectors.self, "address_vectors") }
}
