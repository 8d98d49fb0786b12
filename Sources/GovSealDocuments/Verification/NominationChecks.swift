import GovSealChains
import GovSealCrypto

/// A nomination is valid only when signed by the key it names and that key derives the stated
/// address under the chain's rules: exactly one of `ChainRules.validatorAddresses` (on Cosmos, a
/// secp256k1 key's `valoper` address under the chain's account rule or its CometBFT `valcons`
/// address; an Ed25519 key's `valcons` address), nothing else.
enum NominationChecks {
    static func run(_ nomination: Nomination, signatures: [SignatureCheck], context: VerificationContext) -> [Check] {
        var checks: [Check] = []
        let v = nomination.validator
        let signedByValidator = signatures.contains {
            $0.isValid && $0.algorithm == v.algorithm && $0.publicKey == v.publicKey
        }
        checks.append(Check("validator signature", passed: signedByValidator,
                            signedByValidator ? "signed by the validator key it names"
                                : "no valid signature by the validator key the body names"))
        do {
            let chain = try ChainID(parsing: nomination.chain)
            let key = try PublicKey(algorithm: v.algorithm, rawRepresentation: v.publicKey)
            let derived = try ChainRules.validatorAddresses(for: key, on: chain, bech32Prefix: context.bech32Prefix)
            if let match = derived.first(where: { $0.value == v.address }) {
                checks.append(Check("validator address", passed: true,
                                    "\(match.value) (\(match.kind)) derives from the key under \(chain) rules"))
            } else {
                var detail = "stated \(v.address), derived " + derived.map { "\($0.value) (\($0.kind))" }.joined(separator: " or ")
                    + "; no other address is accepted"
                do {
                    try ChainRules.validateAddress(v.address, on: chain, bech32Prefix: context.bech32Prefix)
                } catch {
                    detail += " (the stated address is itself invalid: \(error))"
                }
                checks.append(Check("validator address", passed: false, detail))
            }
        } catch {
            checks.append(Check("validator address", passed: false, "\(error)"))
        }
        return checks
    }
}
