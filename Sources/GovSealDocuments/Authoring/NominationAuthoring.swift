import GovSealChains
import GovSealCrypto

extension Nomination {
    /// Builds and signs a self-nomination with the validator's own key: the address is derived
    /// from the key under the chain's rules, so a nomination made here always verifies. `role`
    /// is `.consensus` for a CometBFT consensus key (`priv_validator_key.json`): on Cosmos its
    /// address is the `valcons` one, whatever its curve.
    ///
    /// `ageRecipient` (an `age1…` X25519 recipient) is signed in as `recipients.age`: where the
    /// group sends an embargoed patch.
    ///
    /// Throws when the chain is unknown, the key's algorithm is not one the chain uses, a
    /// contact kind is not known, or the age recipient is malformed (`DocumentError`, `body.recipients.age`).
    public static func signed(by key: PrivateKey, algorithm: SignatureAlgorithm? = nil, chain: String, group: String,
                              contact: [(kind: String, value: String)], ageRecipient: String? = nil, statement: String? = nil,
                              bech32Prefix: String? = nil, created: Timestamp = .nowInWholeSeconds(),
                              expires: Timestamp? = nil, role: KeyRole = .operator) throws -> Document {
        let alg = algorithm ?? key.curve.defaultAlgorithm
        let publicKey = try key.publicKey(for: alg)
        let chainID = try ChainID(parsing: chain)
        let address = try ChainRules.validatorAddress(for: publicKey, on: chainID, bech32Prefix: bech32Prefix, role: role)
        let draft = Nomination(chain: chain, group: group,
                               validator: Validator(address: address, algorithm: alg, publicKey: publicKey.rawRepresentation),
                               contact: contact, ageRecipient: ageRecipient, statement: statement, created: created, expires: expires)
        let body = try Nomination(body: draft.json).json
        return try Document(type: .nomination, body: body).signed(by: key, algorithm: alg)
    }
}
