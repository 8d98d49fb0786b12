internal import CZlib

/// zlib decompression of one stream, as git stores every object (loose files and pack entries).
enum Inflate {
    /// Why a stream could not be decompressed; the caller names the object and where it was read.
    enum Failure: Error {
        /// zlib reported corrupt data (its message).
        case corrupt(String)
        /// The input ended before the stream did.
        case truncated
        /// The stream holds more than `limit` bytes (or more than the size it was expected to have).
        case tooLarge
        /// The stream holds fewer bytes than the size it was expected to have.
        case tooShort
    }

    /// Decompresses one zlib stream whose compressed bytes `read` supplies in chunks (returning the
    /// number of bytes it put in the buffer, 0 at the end of the input). Stops at the end of the
    /// stream: bytes after it are never asked for beyond the chunk that held the end.
    ///
    /// The output may not exceed `limit` bytes; when `expectedSize` is given it must be exactly that
    /// long. Memory grows with the output actually produced, never with a size an input claims.
    static func stream(limit: Int, expectedSize: Int? = nil,
                       read: (UnsafeMutableRawBufferPointer) throws -> Int) throws -> [UInt8] {
        var stream = z_stream()
        guard govseal_inflateInit(&stream) == Z_OK else { throw Failure.corrupt("zlib could not start") }
        defer { inflateEnd(&stream) }

        let chunk = 1 << 16
        let input = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 16)
        defer { input.deallocate() }
        var output: [UInt8] = []
        let bound = expectedSize ?? limit
        guard bound <= limit else { throw Failure.tooLarge }
        output.reserveCapacity(min(bound, 1 << 20))
        let window = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 16)
        defer { window.deallocate() }

        var ended = false
        while !ended {
            if stream.avail_in == 0 {
                let count = try read(input)
                guard count > 0 else { throw Failure.truncated }
                stream.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
                stream.avail_in = uInt(count)
            }
            repeat {
                stream.next_out = window.baseAddress!.assumingMemoryBound(to: Bytef.self)
                stream.avail_out = uInt(chunk)
                let status = inflate(&stream, Z_NO_FLUSH)
                let produced = chunk - Int(stream.avail_out)
                guard output.count + produced <= bound else { throw Failure.tooLarge }
                output.append(contentsOf: UnsafeRawBufferPointer(rebasing: window[0..<produced]))
                switch status {
                case Z_STREAM_END:
                    ended = true
                case Z_OK:
                    break
                case Z_BUF_ERROR:
                    // No progress possible without more input.
                    guard stream.avail_in == 0 else { throw Failure.corrupt("zlib made no progress") }
                default:
                    let message = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                    throw Failure.corrupt(message)
                }
            } while !ended && stream.avail_out == 0
        }
        if let expectedSize, output.count != expectedSize { throw Failure.tooShort }
        return output
    }
}
