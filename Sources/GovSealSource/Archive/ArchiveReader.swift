#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
internal import CArchive

/// A streaming reader over one tar or zip archive (plain, gzip, xz, zstd or bzip2 compressed),
/// through libarchive. It owns its `struct archive` and frees it in `deinit`; a nested reader reads
/// the current member of its parent as its input, so an archive inside an archive is never held in
/// memory. Only the tar and zip formats and those four filters are enabled: no external
/// decompression program is ever run.
final class ArchiveReader {
    /// One entry's header.
    struct Entry {
        enum Kind: String { case file, directory, symlink, hardlink, other }
        let path: String
        let kind: Kind
        let size: UInt64
        let mode: UInt32
        let mtime: Int64
        let mtimeNanoseconds: Int
        let uid: Int64
        let gid: Int64
        let userName: String
        let groupName: String
        let linkTarget: String
    }

    private let handle: OpaquePointer
    private let displayPath: String
    private var descriptor: Int32 = -1
    private var parent: ArchiveReader?
    private var inputBuffer: UnsafeMutableRawBufferPointer?

    /// The archive in the regular file `path`, opened without blocking (a FIFO or device put in
    /// its place is refused, never waited on). Throws `.io` or `.unsafePath`.
    init(path: String) throws {
        guard let handle = archive_read_new() else { throw SourceError(.io, "libarchive: out of memory") }
        self.handle = handle
        self.displayPath = path
        Self.enableFormats(handle)
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw POSIX.ioError("cannot open", path) }
        descriptor = fd
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw POSIX.ioError("cannot inspect", path) }
        guard POSIX.isRegular(info) else { throw SourceError(.unsafePath, "'\(path)' is not a regular file") }
        guard archive_read_open_fd(handle, fd, 1 << 16) == ARCHIVE_OK else { throw failure("cannot open") }
    }

    /// The archive held in the current member of `parent` (one nesting level: its data is read
    /// through `parent` as it is needed).
    init(nestedIn parent: ArchiveReader, name: String) throws {
        guard let handle = archive_read_new() else { throw SourceError(.io, "libarchive: out of memory") }
        self.handle = handle
        self.displayPath = parent.displayPath + "!" + name
        self.parent = parent
        self.inputBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        Self.enableFormats(handle)
        let status = archive_read_open(handle, Unmanaged.passUnretained(self).toOpaque(), nil, { _, client, buffer in
            guard let client, let buffer else { return -1 }
            let reader = Unmanaged<ArchiveReader>.fromOpaque(client).takeUnretainedValue()
            guard let parent = reader.parent, let input = reader.inputBuffer,
                  let count = try? parent.read(into: input) else { return -1 }
            buffer.pointee = UnsafeRawPointer(input.baseAddress)
            return la_ssize_t(count)
        }, nil)
        guard status == ARCHIVE_OK else { throw failure("cannot open") }
    }

    deinit {
        archive_read_free(handle)
        if descriptor >= 0 { close(descriptor) }
        inputBuffer?.deallocate()
    }

    /// libarchive converts member names to the process's LC_CTYPE charset, and in the C locale a
    /// zip name flagged UTF-8 that is not ASCII is lost: LC_CTYPE is set to `C.UTF-8` once, before
    /// the first archive is read, when it is still the default `C` (nothing else here depends on it).
    private static let utf8CharacterType: Bool = {
        guard let current = setlocale(LC_CTYPE, nil), String(cString: current) == "C" else { return false }
        return setlocale(LC_CTYPE, "C.UTF-8") != nil
    }()

    private static func enableFormats(_ handle: OpaquePointer) {
        _ = utf8CharacterType
        archive_read_support_filter_gzip(handle)
        archive_read_support_filter_xz(handle)
        archive_read_support_filter_zstd(handle)
        archive_read_support_filter_bzip2(handle)
        archive_read_support_format_tar(handle)
        archive_read_support_format_gnutar(handle)
        archive_read_support_format_zip(handle)
    }

    /// The next entry, or nil at the end. Throws `.malformedArchive` for an unreadable header
    /// (including "not an archive" on the first one).
    func next() throws -> Entry? {
        var entry: OpaquePointer?
        let status = archive_read_next_header(handle, &entry)
        if status == ARCHIVE_EOF { return nil }
        guard status == ARCHIVE_OK || status == ARCHIVE_WARN, let entry else { throw failure("unreadable entry") }
        func text(_ pointer: UnsafePointer<CChar>?) -> String { pointer.map { String(cString: $0) } ?? "" }
        let kind: Entry.Kind
        let type = archive_entry_filetype(entry)
        if archive_entry_hardlink(entry) != nil {
            kind = .hardlink
        } else if type == 0o100000 {
            kind = .file
        } else if type == 0o040000 {
            kind = .directory
        } else if type == 0o120000 {
            kind = .symlink
        } else {
            kind = .other
        }
        // The stored bytes first (tar keeps names as bytes); a zip name flagged UTF-8 converts only
        // to UTF-8 in the C locale.
        guard let path = archive_entry_pathname(entry) ?? archive_entry_pathname_utf8(entry) else {
            throw SourceError(.malformedArchive, "'\(displayPath)': a member name cannot be read")
        }
        let link = archive_entry_symlink(entry) ?? archive_entry_symlink_utf8(entry) ?? archive_entry_hardlink(entry)
        return Entry(path: text(path), kind: kind, size: UInt64(max(0, archive_entry_size(entry))),
                     mode: UInt32(archive_entry_mode(entry)) & 0o7777, mtime: Int64(archive_entry_mtime(entry)),
                     mtimeNanoseconds: Int(archive_entry_mtime_nsec(entry)),
                     uid: Int64(archive_entry_uid(entry)), gid: Int64(archive_entry_gid(entry)),
                     userName: text(archive_entry_uname(entry)), groupName: text(archive_entry_gname(entry)), linkTarget: text(link))
    }

    /// Reads the current entry's data into `buffer`; 0 at its end. Throws `.malformedArchive`.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = archive_read_data(handle, buffer.baseAddress, buffer.count)
        guard count >= 0 else { throw failure("unreadable data") }
        return count
    }

    private func failure(_ what: String) -> SourceError {
        let message = archive_error_string(handle).map { String(cString: $0) } ?? "unknown error"
        return SourceError(.malformedArchive, "'\(displayPath)': \(what): \(message)")
    }
}
