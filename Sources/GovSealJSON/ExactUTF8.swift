extension String {
    /// Whether both strings have exactly the same UTF-8 bytes (never Swift's canonical
    /// equivalence, under which "é" and "e\u{301}" are equal). Compares contiguous storage
    /// directly: member lookups and duplicate checks run on every document read.
    @inline(__always)
    func hasSameUTF8(as other: String) -> Bool {
        let fast = utf8.withContiguousStorageIfAvailable { lhs in
            other.utf8.withContiguousStorageIfAvailable { rhs in
                lhs.count == rhs.count && lhs.elementsEqual(rhs)
            }
        }
        if let fast, let equal = fast { return equal }
        return utf8.elementsEqual(other.utf8)
    }
}
