import GovSealChains
import GovSealCrypto
import GovSealJSON

extension Document {
    /// W, the one line a wallet shows and signs: "govseal " + type + " " + proposal id (DESIGN.md).
    /// It binds the type and the canonical body exactly as M does.
    public var walletText: String { "govseal \(type.rawValue) \(proposalID)" }

    /// What each algorithm's signature covers for this document: M, W, and for `adr036-secp256k1`
    /// the rule that turns a key into its account address on the document's Cosmos chain (its
    /// `body.chain`, with the built-in bech32 prefix and account rule). A document that names no
    /// Cosmos chain the table knows has no such rule, and no ADR-036 signature verifies on it.
    public var signingContext: SigningInput {
        SigningInput(message: signingInput, walletText: walletText, cosmosAccount: cosmosAccountRule)
    }

    /// The document's Cosmos chain rule, when `body.chain` is a `cosmos:` chain with a built-in prefix.
    var cosmosChainRule: Cosmos.ChainRule? {
        guard case .string(let text)? = body["chain"], let chain = try? ChainID(parsing: text), chain.namespace == "cosmos"
        else { return nil }
        return try? Cosmos.rule(chainID: chain.reference, bech32PrefixOverride: nil)
    }

    private var cosmosAccountRule: (@Sendable ([UInt8]) throws -> String)? {
        guard let rule = cosmosChainRule else { return nil }
        return { key in try Cosmos.accountAddress(compressedSecp256k1Key: key, prefix: rule.bech32Prefix, rule: rule.accountKey) }
    }
}
