#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parses the output of `git cat-file --batch` ("<id> blob <size>\n<content>\n" per object, in the
/// order asked) as it streams, writing each blob to its path under `root` with bounded memory.
///
/// Files are created with `O_EXCL | O_NOFOLLOW` and folders with `mkdir` that must succeed, so a
/// hostile tree cannot make a write go through a symlink it planted earlier.
final class BlobStreamWriter {
    private enum State {
        case header([UInt8])
        case content(remaining: UInt64)
        case separator
    }

    private let root: [UInt8]
    private let entries: [ExportEntry]
    private var index = 0
    private var state = State.header([])
    private var file: Int32 = -1
    private var linkTarget: [UInt8] = []
    private var createdFolders: Set<[UInt8]> = []

    static let maximumLinkTarget: UInt64 = 1 << 16

    init(root: [UInt8], entries: [ExportEntry]) {
        self.root = root
        self.entries = entries
    }

    deinit { if file >= 0 { close(file) } }

    private var current: ExportEntry { entries[index] }
    private var currentDisplay: String { POSIX.display(current.path) }

    func feed(_ chunk: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < chunk.count {
            switch state {
            case .header(var line):
                guard let newline = chunk[offset...].firstIndex(of: 0x0a) else {
                    line.append(contentsOf: chunk[offset...])
                    guard line.count < 512 else { throw unreadable("an overlong object header") }
                    state = .header(line)
                    return
                }
                line.append(contentsOf: chunk[offset..<newline])
                offset = newline + 1
                try begin(header: line)
            case .content(let remaining):
                let count = Int(min(remaining, UInt64(chunk.count - offset)))
                let part = UnsafeRawBufferPointer(rebasing: chunk[offset..<(offset + count)])
                if file >= 0 {
                    try POSIX.writeAll(file, part, displayPath: currentDisplay)
                } else {
                    linkTarget.append(contentsOf: part)
                }
                offset += count
                state = .content(remaining: remaining - UInt64(count))
                if remaining == UInt64(count) { try complete() }
            case .separator:
                guard chunk[offset] == 0x0a else { throw unreadable("a missing newline after '\(currentDisplay)'") }
                offset += 1
                index += 1
                state = .header([])
            }
        }
    }

    /// Checks that every object arrived complete.
    func finish() throws {
        guard index == entries.count, case .header(let line) = state, line.isEmpty else {
            throw SourceError(.gitFailed, "git cat-file stopped after \(index) of \(entries.count) objects")
        }
    }

    private func unreadable(_ what: String) -> SourceError {
        SourceError(.gitFailed, "git cat-file printed \(what)")
    }

    private func begin(header: [UInt8]) throws {
        guard index < entries.count else { throw unreadable("more objects than asked for") }
        let fields = header.split(separator: 0x20).map { String(decoding: $0, as: UTF8.self) }
        guard fields.count == 3, fields[0] == current.objectID else {
            throw SourceError(.gitFailed, "object \(current.objectID) for '\(currentDisplay)' is missing or unreadable (git: \(String(decoding: header, as: UTF8.self)))")
        }
        guard fields[1] == "blob", let size = UInt64(fields[2]) else {
            throw unreadable("'\(String(decoding: header, as: UTF8.self))' for '\(currentDisplay)'")
        }
        try makeParentFolders(of: current.path)
        switch current.kind {
        case .file:
            let fd = POSIX.withCPath(root + [0x2f] + current.path) {
                open($0, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            }
            guard fd >= 0 else { throw POSIX.ioError("cannot create", currentDisplay) }
            file = fd
        case .symlink:
            guard size <= Self.maximumLinkTarget else {
                throw SourceError(.unsupportedEntry, "symlink '\(currentDisplay)' has a \(size)-byte target; refused")
            }
            linkTarget = []
        }
        state = .content(remaining: size)
        if size == 0 { try complete() }
    }

    private func complete() throws {
        switch current.kind {
        case .file(let executable):
            let fd = file
            file = -1
            defer { close(fd) }
            guard fchmod(fd, executable ? 0o755 : 0o644) == 0 else { throw POSIX.ioError("cannot set the mode of", currentDisplay) }
        case .symlink:
            guard !linkTarget.contains(0) else { throw SourceError(.unsupportedEntry, "symlink '\(currentDisplay)' has a target containing NUL") }
            let made = POSIX.withCPath(linkTarget) { target in
                POSIX.withCPath(root + [0x2f] + current.path) { symlink(target, $0) }
            }
            guard made == 0 else { throw POSIX.ioError("cannot create symlink", currentDisplay) }
        }
        state = .separator
    }

    /// Creates each missing parent folder; a folder this writer did not create must not exist yet.
    private func makeParentFolders(of path: [UInt8]) throws {
        let components = path.split(separator: 0x2f)
        var prefix: [UInt8] = []
        for component in components.dropLast() {
            prefix += prefix.isEmpty ? Array(component) : [0x2f] + component
            if createdFolders.contains(prefix) { continue }
            guard POSIX.withCPath(root + [0x2f] + prefix, { mkdir($0, 0o755) }) == 0 else {
                throw POSIX.ioError("cannot create folder", POSIX.display(prefix))
            }
            createdFolders.insert(prefix)
        }
    }
}
