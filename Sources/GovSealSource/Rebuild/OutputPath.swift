#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The safety check on a declared build output path, applied before anything is read from it.
public enum OutputPath {
    /// The most symlinks followed while resolving one path.
    public static let maximumSymlinks = 40

    /// The absolute path that `relative` names inside `root`, with every symlink on the way
    /// resolved, refusing any path that does not stay inside `root`.
    ///
    /// Refused (`SourceError.unsafePath`): an empty or absolute path, a ".." component, a NUL byte,
    /// and a path that resolves through a symlink (relative or absolute, at any depth) to
    /// somewhere outside `root`, or through a symlink loop. A path that does not exist (yet) is not
    /// an error: the result then names where it would be, and reading it reports it missing.
    /// Throws `.io` when `root` itself cannot be resolved.
    public static func resolve(_ relative: String, within root: String) throws -> String {
        guard !relative.isEmpty else { throw SourceError(.unsafePath, "empty output path") }
        guard !POSIX.containsNUL(relative) else { throw SourceError(.unsafePath, "output path contains a NUL byte") }
        guard !relative.hasPrefix("/") else {
            throw SourceError(.unsafePath, "output path '\(relative)' is absolute; it must be relative to the source folder")
        }
        let components = relative.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard !components.contains("..") else {
            throw SourceError(.unsafePath, "output path '\(relative)' contains '..' and could leave the source folder")
        }
        guard let base = GitRepository.realPath(root) else { throw POSIX.ioError("cannot resolve", root) }

        var resolved: [String] = []       // components below `base`, all existing and not symlinks
        var pending = components[...]     // still to walk, front first
        var missing = false               // once something is missing, the rest is taken literally
        var symlinks = 0
        while let component = pending.popFirst() {
            if component == "." || component.isEmpty { continue }
            if component == ".." {
                guard !resolved.isEmpty else {
                    throw SourceError(.unsafePath, "output path '\(relative)' resolves through a symlink to outside the source folder")
                }
                resolved.removeLast()
                continue
            }
            let candidate = join(base, resolved + [component])
            if missing {
                resolved.append(component)
                continue
            }
            guard let info = try POSIX.pathInfo(candidate) else {
                missing = true
                resolved.append(component)
                continue
            }
            guard POSIX.isSymlink(info) else {
                resolved.append(component)
                continue
            }
            symlinks += 1
            guard symlinks <= maximumSymlinks else {
                throw SourceError(.unsafePath, "output path '\(relative)' goes through more than \(maximumSymlinks) symlinks (a loop?)")
            }
            let target = POSIX.display(try POSIX.readLink(at: AT_FDCWD, Array(candidate.utf8), displayPath: candidate))
            let targetComponents = target.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
            if target.hasPrefix("/") {
                guard target == base || target.hasPrefix(base + "/") else {
                    throw SourceError(.unsafePath, "output path '\(relative)' resolves through the symlink '\(join("", resolved + [component]).dropFirst())' to '\(target)', outside the source folder")
                }
                resolved = []
                pending = (Array(target.dropFirst(base.count).split(separator: "/").map(String.init)) + pending)[...]
            } else {
                pending = (targetComponents + pending)[...]
            }
        }
        return join(base, resolved)
    }

    private static func join(_ base: String, _ components: [String]) -> String {
        components.reduce(base) { $0 + "/" + $1 }
    }
}
