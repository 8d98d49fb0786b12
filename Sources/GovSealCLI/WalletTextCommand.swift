import ArgumentParser
import GovSealDocuments

/// `govseal wallet-text FILE`: prints W, the one line a wallet signs for the document.
struct WalletTextCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wallet-text",
        abstract: "Print W, the one line a wallet signs for a document.",
        discussion: """
            W = "govseal " + type + " " + proposal id binds the type and the canonical body as M does. \
            Sign it in Keplr (signArbitrary, alg adr036-secp256k1, for the document's Cosmos chain), \
            MetaMask or another personal_sign wallet (eip191-secp256k1) or a NEAR wallet's signMessage \
            (nep413-ed25519, recipient "govseal", nonce SHA-256(W)), then add the signature with \
            `govseal sign FILE --add-signature ALG:PUBKEY:SIG`.
            """
    )

    @Argument(help: "The document.") var file: String

    func run() throws {
        let document = try CLI.readDocument(file)
        _ = try reading(file) { try DocumentBody(document) }
        print(document.walletText)
    }
}
