import GovSealCrypto
import GovSealEncoding

/// A push parser for the tar format: feed it bytes in any chunking, then `finish()`.
struct TarStreamParser {
    static let blockSize = 512
    /// The largest pax extended header or GNU long name accepted.
    static let maximumMetadata = 1 << 20

    private enum Body {
        case member(path: String, hasher: StreamingHasher, size: UInt64)
        case paxHeader([UInt8])
        case longName([UInt8])
        case skip
    }

    private enum State {
        case header
        case body(Body, remaining: UInt64)
        case padding(Int)
        case ended
    }

    private var state = State.header
    private var block: [UInt8] = []
    private var offset: UInt64 = 0           // archive offset of the next byte
    private var headers = 0
    private var zeroBlocks = 0
    private var pendingPath: String?
    private var pendingSize: UInt64?
    private var members: [TarArchive.Member] = []
    private var paddingAfter = 0               // bytes that pad the current body to a block

    mutating func feed(_ chunk: UnsafeRawBufferPointer) throws {
        var index = 0
        while index < chunk.count {
            switch state {
            case .ended:
                return  // trailing blocks after the end-of-archive marker
            case .header:
                let take = min(Self.blockSize - block.count, chunk.count - index)
                block.append(contentsOf: chunk[index..<(index + take)])
                index += take
                offset += UInt64(take)
                if block.count == Self.blockSize {
                    let header = block
                    block = []
                    try process(header: header)
                }
            case .body(let body, let remaining):
                let take = Int(min(remaining, UInt64(chunk.count - index)))
                let part = UnsafeRawBufferPointer(rebasing: chunk[index..<(index + take)])
                var next = body
                switch body {
                case .member(_, let hasher, _): hasher.update(part)
                case .paxHeader(let bytes): next = .paxHeader(bytes + part)
                case .longName(let bytes): next = .longName(bytes + part)
                case .skip: break
                }
                index += take
                offset += UInt64(take)
                if remaining == UInt64(take) {
                    try complete(next)
                } else {
                    state = .body(next, remaining: remaining - UInt64(take))
                }
            case .padding(let count):
                let take = min(count, chunk.count - index)
                index += take
                offset += UInt64(take)
                state = count == take ? .header : .padding(count - take)
            }
        }
    }

    /// The members, once the whole archive has been fed.
    func finish() throws -> [TarArchive.Member] {
        switch state {
        case .ended:
            return members
        case .header where block.isEmpty && headers > 0:
            return members  // no end-of-archive marker: tolerated, as tar does
        case .header where headers == 0 && block.isEmpty:
            throw SourceError(.malformedArchive, "empty file, not a tar archive")
        case .body(.member(let path, _, let size), let remaining):
            throw SourceError(.malformedArchive, "truncated: member '\(path)' ends after \(size - remaining) of \(size) bytes")
        default:
            throw SourceError(.malformedArchive, "truncated at byte \(offset)")
        }
    }

    private mutating func process(header: [UInt8]) throws {
        let start = offset - UInt64(Self.blockSize)
        if header.allSatisfy({ $0 == 0 }) {
            zeroBlocks += 1
            if zeroBlocks == 2 { state = .ended }
            return
        }
        zeroBlocks = 0
        let fields = try TarHeader(header, at: start, first: headers == 0)
        headers += 1
        let size = fields.typeFlag == 0x78 || fields.typeFlag == 0x4c ? fields.size : (pendingSize ?? fields.size)
        let body: Body
        switch fields.typeFlag {
        case 0x30, 0x00, 0x37:  // '0', NUL, '7': regular file
            body = .member(path: pendingPath ?? fields.name, hasher: try FileDigest.hasher(.sha256), size: size)
            pendingPath = nil
            pendingSize = nil
        case 0x78:  // 'x': pax extended header for the next member
            guard size <= UInt64(Self.maximumMetadata) else { throw oversized("pax header", at: start) }
            body = .paxHeader([])
        case 0x4c:  // 'L': GNU long name for the next member
            guard size <= UInt64(Self.maximumMetadata) else { throw oversized("GNU long name", at: start) }
            body = .longName([])
        default:    // links, folders, devices, global pax headers, GNU 'K' long link names, …
            body = .skip
            pendingPath = nil
            pendingSize = nil
        }
        paddingAfter = Int((UInt64(Self.blockSize) - size % UInt64(Self.blockSize)) % UInt64(Self.blockSize))
        state = .body(body, remaining: size)
        if size == 0 { try complete(body) }
    }

    private mutating func complete(_ body: Body) throws {
        switch body {
        case .member(let path, let hasher, let size):
            members.append((path: path, size: size, sha256: Hex.encode(hasher.finalize())))
        case .paxHeader(let bytes):
            let records = try PaxRecords.parse(bytes)
            if let path = records["path"] { pendingPath = path }
            if let text = records["size"] {
                guard let size = UInt64(text) else { throw SourceError(.malformedArchive, "pax size '\(text)' is not a number") }
                pendingSize = size
            }
        case .longName(let bytes):
            pendingPath = String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
        case .skip:
            break
        }
        state = paddingAfter > 0 ? .padding(paddingAfter) : .header
    }

    private func oversized(_ what: String, at start: UInt64) -> SourceError {
        SourceError(.malformedArchive, "\(what) at byte \(start) is larger than \(Self.maximumMetadata) bytes")
    }
}
