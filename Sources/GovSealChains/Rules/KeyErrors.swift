import GovSealCrypto

/// Runs a key check or conversion from the crypto module, reporting its failure as a
/// `ChainError` (`.invalidKey`) so this module throws one error type.
func reportingKeyErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as CryptoError {
        throw ChainError(.invalidKey, error.reason)
    }
}
