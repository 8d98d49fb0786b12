import Dispatch

extension Array where Element: Sendable {
    /// Maps the elements on all cores, keeping the order. `transform` must be safe to run concurrently.
    func parallelMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        guard count > 1 else { return map(transform) }
        let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        nonisolated(unsafe) let slots = results
        self.withUnsafeBufferPointer { input in
            nonisolated(unsafe) let items = input
            DispatchQueue.concurrentPerform(iterations: count) { i in
                slots[i] = transform(items[i])
            }
        }
        return results.map { $0! }
    }
}
