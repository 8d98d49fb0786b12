import Testing
@testable import GovSealFuzzing

/// The key-file target's leak detector must flag quoted secrets and nothing else, or a leak
/// would pass unnoticed (or the fuzzer would report false findings).
@Suite("Secret leak scan")
struct SecretLeakScanTests {
    static let pem = Array("""
        -----BEGIN PRIVATE KEY-----
        MC4CAQAwBQYDK2VwBCIEIHxXm2w8n3ZPqT7bYh3lGq9Wc0pN1fT4kR6sJ2vA8dEe
        -----END PRIVATE KEY-----

        """.utf8)

    static let cometBFT = Array("""
        {"address":"0123456789ABCDEF0123456789ABCDEF01234567",
         "pub_key":{"type":"tendermint/PubKeyEd25519","value":"q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k8l9z0x1c="},
         "priv_key":{"type":"tendermint/PrivKeyEd25519","value":"Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5d2FsZG9mcmVk"}}
        """.utf8)

    @Test("A quoted PEM body line is a leak")
    func pemBody() {
        let scan = SecretLeakScan(keyFile: Self.pem)
        #expect(scan.leak(in: "bad key MC4CAQAwBQYDK2VwBCIEIHxXm2w8 here") != nil)
        #expect(scan.leak(in: "bad key …BCIEIHxXm2w8n3ZPqT7b… here") != nil)
    }

    @Test("Quoted labels and short fragments are not leaks")
    func pemPublicParts() {
        let scan = SecretLeakScan(keyFile: Self.pem)
        #expect(scan.leak(in: "found blocks \"PRIVATE KEY\"") == nil)
        #expect(scan.leak(in: "MC4CAQAwBQYDK2V") == nil)  // 15 characters: below the window
    }

    @Test("Text that is also a label is not a leak, though it is in the body too")
    func labelCopiedIntoBody() {
        let file = Array("-----BEGIN ABCDEFGHIJKLMNOPQRST-----\nxxABCDEFGHIJKLMNOPQRSTxx\n".utf8)
        #expect(SecretLeakScan(keyFile: file).leak(in: "found blocks \"ABCDEFGHIJKLMNOPQRST\"") == nil)
    }

    @Test("JSON: the private value is secret, types and public keys are not")
    func cometBFTMembers() {
        let scan = SecretLeakScan(keyFile: Self.cometBFT)
        #expect(scan.leak(in: "priv_key.value Zm9vYmFyYmF6cXV4cXV1eGNvcmdl is wrong") != nil)
        #expect(scan.leak(in: "unsupported priv_key.type \"tendermint/PrivKeyEd25519\"") == nil)
        #expect(scan.leak(in: "pub_key.value q1w2e3r4t5y6u7i8o9p0 does not match") == nil)
        #expect(scan.leak(in: "address 0123456789ABCDEF0123456789ABCDEF01234567 does not match") == nil)
    }

    @Test("Known secret encodings are found in any text")
    func knownSecret() {
        let scan = SecretLeakScan(secretTexts: [Array("00112233445566778899aabbccddeeff".utf8)])
        #expect(scan.leak(in: "PrivateKey(ed25519, secret redacted) 99aabbccddeeff0") == nil)
        #expect(scan.leak(in: "PrivateKey(ed25519, 2233445566778899aabbcc)") != nil)
    }
}

/// The scan covers the formats of issue #17: an OpenSSH private key's body is secret, a `.pub`
/// line is public, and a keystore's decrypted key is caught through the parsed-secret scan.
@Suite("Secret leak scan: keys people already hold")
struct SecretLeakScanWildTests {
    @Test("an OpenSSH private key body line is secret; a .pub line is public")
    func openSSH() {
        let privateKey = Array("""
            -----BEGIN OPENSSH PRIVATE KEY-----
            b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
            QyNTUxOQAAACCJYs0iDdw0Fe/FTzY1b78I4H/j+R6mz2AmLtwTjHYwBAAAAJjpGas/6Rmr
            -----END OPENSSH PRIVATE KEY-----

            """.utf8)
        #expect(SecretLeakScan(keyFile: privateKey).leak(in: "oops QyNTUxOQAAACCJYs0iDdw0Fe") != nil)
        let publicLine = Array("ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTY= me@host\n".utf8)
        #expect(SecretLeakScan(keyFile: publicLine).leak(in: "SSH key type ecdsa-sha2-nistp256 is not one govseal signs with") == nil)
    }

    @Test("a parsed keystore secret quoted in hex, base64 or base58 is a leak")
    func keystoreSecret() {
        let hex = "7a28b5ba57c53603b0b07b56bba752f7784bf506fa95edc395f5cf6c7514fe9d"
        let scan = SecretLeakScan(secretTexts: [Array(hex.utf8)])
        #expect(scan.leak(in: "key " + hex) != nil)
        #expect(scan.leak(in: "the MAC does not match: wrong passphrase or a corrupted file") == nil)
    }
}
