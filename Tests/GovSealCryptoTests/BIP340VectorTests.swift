import GovSealCrypto
import GovSealEncoding
import Testing

/// The official BIP-340 vectors (`test-vectors.csv`, CRLF lines) against `BIP340`.
@Suite("BIP-340 vectors")
struct BIP340VectorTests {
    @Test("all rows: verification result; signing byte-for-byte where a secret key is given",
          arguments: try BIP340Vector.load())
    func vector(_ vector: BIP340Vector) throws {
        #expect(BIP340.verify(signature: vector.signature, message: vector.message, xOnlyPublicKey: vector.publicKey)
                == vector.expected)
        if let secretKey = vector.secretKey {
            #expect(try BIP340.xOnlyPublicKey(secretKey: secretKey) == vector.publicKey)
            let signature = try BIP340.sign(message: vector.message, secretKey: secretKey,
                                            auxiliaryRandomness: vector.auxiliaryRandomness)
            #expect(signature == vector.signature)
        }
    }

    @Test("the file has 19 rows, 8 of them signing tests")
    func rowCount() throws {
        let vectors = try BIP340Vector.load()
        #expect(vectors.map(\.index) == Array(0...18))
        #expect(vectors.filter { $0.secretKey != nil }.count == 8)
    }
}

struct BIP340Vector: Sendable, CustomTestStringConvertible {
    let index: Int
    let secretKey: [UInt8]?
    let publicKey: [UInt8]
    let auxiliaryRandomness: [UInt8]?
    let message: [UInt8]
    let signature: [UInt8]
    let expected: Bool
    let comment: String

    var testDescription: String { "index \(index)" + (comment.isEmpty ? "" : " (\(comment))") }

    static func load() throws -> [BIP340Vector] {
        let text = String(decoding: try Fixtures.data("test-vectors.csv"), as: UTF8.self)
        // Lines end in CRLF, which Swift treats as one Character; split on it explicitly.
        let lines = text.split(separator: "\r\n", omittingEmptySubsequences: true)
        guard lines.first?.hasPrefix("index,secret key,public key") == true else {
            throw FixtureError("test-vectors.csv: unexpected header")
        }
        return try lines.dropFirst().map { line in
            let fields = line.split(separator: ",", maxSplits: 7, omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 8, let index = Int(fields[0]) else {
                throw FixtureError("test-vectors.csv: bad row \(line)")
            }
            return BIP340Vector(
                index: index,
                secretKey: fields[1].isEmpty ? nil : hex(fields[1]),
                publicKey: hex(fields[2]),
                auxiliaryRandomness: fields[3].isEmpty ? nil : hex(fields[3]),
                message: hex(fields[4]),
                signature: hex(fields[5]),
                expected: fields[6] == "TRUE",
                comment: fields[7])
        }
    }
}
