/// Coin amounts as the Cosmos SDK CLI parses a deposit (`sdk.ParseCoinsNormalized`):
/// comma-separated `<amount><denom>`, e.g. `10000000uatom`.
public enum CosmosCoins {
    /// Checks a deposit: one or more comma-separated coins, each a non-zero integer amount
    /// (no sign, no fraction) followed by a denom `[a-zA-Z][a-zA-Z0-9/:._-]{2,127}`.
    ///
    /// Throws `ExportError.invalidOption` naming `option` and the bad coin.
    public static func validate(_ text: String, option: String = "--deposit") throws {
        guard !text.isEmpty else {
            throw ExportError(.invalidOption, place: option, "is empty (expected e.g. 10000000uatom)")
        }
        for coin in text.split(separator: ",", omittingEmptySubsequences: false) {
            let bytes = Array(coin.utf8)
            let digits = bytes.prefix(while: { (0x30...0x39).contains($0) })
            let denom = bytes.dropFirst(digits.count)
            let denomOK = (3...128).contains(denom.count) && isLetter(denom.first!)
                && denom.allSatisfy { isLetter($0) || (0x30...0x39).contains($0) || "/:._-".utf8.contains($0) }
            guard !digits.isEmpty, digits.contains(where: { $0 != 0x30 }), denomOK else {
                throw ExportError(.invalidOption, place: option,
                                  "'\(coin)' is not a coin: expected a positive integer amount and a denom, e.g. 10000000uatom")
            }
        }
    }

    static func isLetter(_ byte: UInt8) -> Bool {
        (0x41...0x5a).contains(byte) || (0x61...0x7a).contains(byte)
    }
}
