/// glibc's malloc settings for this process's two kinds of work: a run (`opendata run`) and the server.
package enum ProcessHeap {
    /// Malloc arenas for a run: the pipeline's worker threads share two instead of glibc's default of up to eight
    /// per core. With one arena per thread, memory a stage freed on one thread was not reused by the next stage's
    /// allocations on another, and a run's RSS stayed above its heap (peak RSS at 100 k datasets 1,903 → 1,803 MB;
    /// at 10 k 265–283 → 260–267 MB, for 1–10 % more user CPU in alternating runs, wall time within noise).
    static let runArenas: Int32 = 2

    /// Blocks of at least this many bytes get a mapping of their own in a run (`mapAllocations`): the render
    /// steps' byte buffers and the pieces of large files. Left dynamic, the threshold rose with the first large
    /// buffers freed; later ones came from the heap, between long-lived objects, and stayed resident. Peak RSS at
    /// 100 k datasets 1,007,064 KB with the dynamic threshold, 988,144-990,240 KB fixed at 256 KiB (one run each;
    /// 131,072 bytes: 990,292 KB).
    static let runMappedAllocationBytes: Int32 = 256 << 10

    /// Call before a run starts its worker threads.
    package static func configureForRun() {
        #if canImport(Glibc)
        _ = glibcMallopt(-8, runArenas)  // M_ARENA_MAX
        #endif
        mapAllocations(from: runMappedAllocationBytes)
    }

    /// Gives allocations of at least `bytes` their own mapping, returned to the system as soon as they are freed,
    /// and keeps the threshold there (left dynamic, glibc raises it to the size of each large block freed).
    package static func mapAllocations(from bytes: Int32) {
        #if canImport(Glibc)
        _ = glibcMallopt(-3, bytes)  // M_MMAP_THRESHOLD
        #endif
    }

    /// Returns freed heap pages to the system (glibc keeps them after a load peak).
    package static func trim() {
        #if canImport(Glibc)
        _ = glibcMallocTrim(0)
        #endif
    }
}

#if canImport(Glibc)
/// glibc's `malloc_trim` (not in the Glibc module map).
@_silgen_name("malloc_trim")
private func glibcMallocTrim(_ pad: Int) -> Int32

/// glibc's `mallopt` (not in the Glibc module map).
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif
