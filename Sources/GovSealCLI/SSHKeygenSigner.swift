import GovSealCrypto
import GovSealSource
#if canImport(Glibc)
import Glibc
#endif

/// Signs M with `ssh-keygen -Y sign -n govseal -f KEY`, so keys held by an SSH agent or on a
/// FIDO token can make the signature (only `ssh-ed25519` keys verify for now: a FIDO `sk-ssh-ed25519`
/// signature is refused by the check that follows). Its output is never trusted: the caller
/// verifies the signature.
struct SSHKeygenSigner {
    /// The private key file, or the `.pub` file of a key held by the agent.
    let keyPath: String
    let timeout: Duration

    /// The `sshsig` public key behind `keyPath`: the `.pub` file itself, the public half of an
    /// unencrypted private key, or else the `KEY.pub` beside an encrypted one.
    func publicKey() throws -> PublicKey {
        let loaded: LoadedKey
        do {
            loaded = try reading(keyPath) { try KeyFile.load(path: keyPath) }
        } catch let error as InputError where !keyPath.hasSuffix(".pub") {
            guard let sibling = try? KeyFile.load(path: keyPath + ".pub") else { throw error }
            loaded = sibling
        }
        guard let key = try reading(keyPath, { try loaded.publicKeys() }).first(where: { $0.algorithm == .ed25519 }) else {
            throw InputError(file: keyPath, "is not an ssh-ed25519 key (sshsig signs with Ed25519 SSH keys)")
        }
        return try reading(keyPath) {
            try PublicKey(algorithm: .sshsig, rawRepresentation: SSHSignature.ed25519KeyBlob(key.rawRepresentation))
        }
    }

    /// The SSHSIG blob `ssh-keygen` makes over `message`.
    func sign(_ message: [UInt8]) throws -> [UInt8] {
        guard let executable = Self.findExecutable("ssh-keygen") else {
            throw InputError(file: "--ssh-key", "ssh-keygen is not on PATH (OpenSSH 8.1 or later signs with -Y sign)")
        }
        let output = try CLI.runSigner(executable: executable,
                                       arguments: ["-Y", "sign", "-n", SSHSignature.govsealNamespace, "-f", keyPath, "-"],
                                       message: message, timeout: timeout, place: keyPath, what: "ssh-keygen -Y sign")
        do {
            return try SSHSignature.dearmor(output)
        } catch {
            throw InputError(file: keyPath, "ssh-keygen printed no SSH signature: \(error)")
        }
    }

    static func findExecutable(_ name: String) -> String? {
        let path = getenv("PATH").map { String(cString: $0) } ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { access($0, X_OK) == 0 }
    }
}
