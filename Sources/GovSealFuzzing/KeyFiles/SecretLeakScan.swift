import GovSealJSON

/// Finds secret key material quoted in text a user may see (an error, a description).
///
/// "Secret material" is what a key file keeps its secret in: the `priv_key.value`,
/// `secret_key` and `private_key` strings of a JSON key file, and the lines of a PEM, OpenSSH or hex
/// file other than `-----BEGIN/END …-----` and `Name: value` headers and OpenSSH `.pub` lines. A run of
/// `windowLength` characters of it (from the base64, base58 and hex alphabets) that appears
/// in the text is a leak, unless the same characters also stand in a public part of the file
/// (a label, a member name, a `type` value), which messages may quote.
struct SecretLeakScan {
    /// 16 characters: 8 bytes in hex, 12 in base64.
    static let windowLength = 16

    /// The runs of key-alphabet characters, at least `windowLength` long, in secret material.
    let runs: [[UInt8]]
    /// Every window of the file's public parts.
    let publicWindows: Set<ArraySlice<UInt8>>

    /// A scan for the secret material of a key file's bytes.
    init(keyFile bytes: [UInt8]) {
        let (secret, open) = Self.split(bytes)
        runs = secret.flatMap(Self.keyAlphabetRuns)
        publicWindows = Set(open.flatMap(Self.windows))
    }

    /// A scan for known secret texts (the encodings of a parsed secret).
    init(secretTexts: [[UInt8]]) {
        runs = secretTexts.flatMap(Self.keyAlphabetRuns)
        publicWindows = []
    }

    /// Where the first quoted run of secret material starts in that run, if any (an offset,
    /// never the characters themselves).
    func leak(in text: String) -> Int? {
        let quoted = Set(Self.windows(Array(text.utf8)))
        guard !quoted.isEmpty else { return nil }
        for run in runs {
            for window in Self.windows(run) where quoted.contains(window) && !publicWindows.contains(window) {
                return window.startIndex
            }
        }
        return nil
    }

    /// The secret and the public texts of a key file.
    static func split(_ bytes: [UInt8]) -> (secret: [[UInt8]], public: [[UInt8]]) {
        let first = bytes.first { !isWhitespace($0) }
        if first == UInt8(ascii: "{") {
            // A file the strict reader rejects (duplicate names…) is all public: the scan must
            // never mistake a quoted `type` for a secret.
            guard case .object(let object)? = try? JSONReader.parse(bytes, limits: .general) else { return ([], [bytes]) }
            var secret: [[UInt8]] = [], open: [[UInt8]] = []
            collect(.object(object), secretMember: false, depth: 0, secret: &secret, open: &open)
            return (secret, open)
        }
        let lines = bytes.split { $0 == 0x0a || $0 == 0x0d }.map(Array.init)
        // OpenSSH `.pub` lines (`ssh-ed25519 AAAA… comment`) hold only a public key.
        let publicKeyLine: ([UInt8]) -> Bool = { line in
            ["ssh-", "ecdsa-sha2-", "sk-ssh-", "sk-ecdsa-"].contains { line.starts(with: Array($0.utf8)) }
        }
        let isPublic: ([UInt8]) -> Bool = {
            $0.starts(with: Array("-----".utf8)) || $0.contains(UInt8(ascii: ":")) || publicKeyLine($0)
        }
        return (lines.filter { !isPublic($0) }, lines.filter(isPublic))
    }

    /// Sorts a JSON key file's strings: the values of `secret_key`, `private_key` and
    /// `priv_key.value` are secret, every other string and every member name public.
    private static func collect(_ value: JSONValue, secretMember: Bool, depth: Int,
                                secret: inout [[UInt8]], open: inout [[UInt8]]) {
        switch value {
        case .string(let text):
            if secretMember { secret.append(Array(text.utf8)) } else { open.append(Array(text.utf8)) }
        case .array(let items):
            for item in items { collect(item, secretMember: false, depth: depth + 1, secret: &secret, open: &open) }
        case .object(let object):
            for (name, member) in object.members {
                open.append(Array(name.utf8))
                let isSecret = (depth == 0 && (name == "secret_key" || name == "private_key"))
                    || (depth == 1 && name == "value" && secretMember)
                let inPrivKey = depth == 0 && name == "priv_key"
                collect(member, secretMember: isSecret || inPrivKey, depth: depth + 1, secret: &secret, open: &open)
            }
        default:
            break
        }
    }

    static func windows(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        guard bytes.count >= windowLength else { return [] }
        return (0...(bytes.count - windowLength)).map { bytes[$0..<($0 + windowLength)] }
    }

    static func keyAlphabetRuns(_ text: [UInt8]) -> [[UInt8]] {
        text.split { !isKeyAlphabet($0) }.filter { $0.count >= windowLength }.map(Array.init)
    }

    /// Base64 (standard and URL-safe), base58 and hex characters.
    static func isKeyAlphabet(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "+"), UInt8(ascii: "/"), UInt8(ascii: "-"), UInt8(ascii: "_"):
            true
        default:
            false
        }
    }

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0a || byte == 0x0d || byte == 0x09
    }
}
