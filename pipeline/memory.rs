//! Giving freed memory back to the OS at a stage boundary. Millions of records are
//! allocated by the worker threads that harmonised them; freed later from another
//! thread, their pages go back to those workers' heaps, which sit idle while the
//! engine's own threads run the queries. Asking every worker to collect returns
//! those pages at once instead of holding them through the next stages.

// Links mimalloc's C library into every binary of the crate (the tests too), not
// only the one that makes it the global allocator.
extern crate mimalloc;

extern "C" {
    // mimalloc's C API, linked in by the mimalloc crate (pinned in Cargo.toml);
    // harmless when mimalloc is not the global allocator (its heaps are then empty).
    fn mi_collect(force: bool);
}

/// Every rayon worker (and this thread) returns what its heap no longer uses.
pub fn release() {
    // SAFETY: mi_collect only walks the calling thread's own heap.
    rayon::broadcast(|_| unsafe { mi_collect(true) });
    unsafe { mi_collect(true) };
}

/// Every thread of polars' own pool returns what its heap no longer uses: the
/// queries' intermediate tables were made and let go there, and its threads sit
/// idle while publish runs on rayon's.
pub fn release_polars() {
    // SAFETY: as above.
    polars_core::runtime::THREAD_POOL.broadcast(|_| unsafe { mi_collect(true) });
}

/// This thread returns what its heap no longer uses, and the pages freed anywhere
/// that wait for the purge delay go back now: for a worker that just let go of a
/// large part (the other workers do the same when they finish theirs).
pub fn release_here() {
    // SAFETY: as above.
    unsafe { mi_collect(true) };
}

/// Rows from which a column's pages are worth giving back as soon as it goes:
/// below, the purge and the fresh pages the next column faults in cost more than
/// the memory saved (machinery, not meaning).
pub const GROTE_KOLOM: usize = 1 << 20;
