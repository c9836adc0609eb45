//! The allocator setting of the `graphgen` and `xtask` binaries, which allocate with mimalloc.

#[cfg(test)]
use libmimalloc_sys::mi_option_get;
use libmimalloc_sys::{mi_collect, mi_option_set, mi_option_t};

/// mimalloc's `mi_option_purge_delay`: its position in `mi_option_e` (mimalloc v2's
/// `mimalloc.h`), for which libmimalloc-sys names no constant. The test below checks that
/// the option there has the purge delay's default.
const PURGE_DELAY: mi_option_t = 15;

/// Keeps the memory a run frees for the run's own later allocations. By default mimalloc
/// returns memory free for 10 ms to the operating system, which hands it back zeroed when
/// it is touched again; a run frees its pages while it builds the model and the output, so
/// that memory came back zeroed moments later (on v1.0, about a third of the run's system
/// time). A run is short: the process returns everything when it exits.
pub fn keep_freed_memory() {
    // SAFETY: sets one integer option; mimalloc allows changing options at any time. Called
    // first thing in `main`, before any other thread exists.
    unsafe { mi_option_set(PURGE_DELAY, -1) }
}

/// Has each thread of the pool, and the caller, take back the blocks other threads freed
/// for it. mimalloc returns a block freed by another thread to its owner lazily, during the
/// owner's next allocations: after a run's result is freed on the main thread, that work
/// fell into whatever the pool did next (in `cargo xtask bench`, the next round's timing,
/// 4-6% of it). A fresh process has none pending; a bench calls this between its runs.
pub fn collect_freed() {
    // SAFETY: `mi_collect` only tidies the calling thread's own heap; any thread may call it.
    rayon::broadcast(|_| unsafe { mi_collect(false) });
    // SAFETY: as above, for the calling thread.
    unsafe { mi_collect(false) }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_option_is_the_purge_delay() {
        // Tests run with the system allocator and never set the option: mimalloc's default
        // purge delay is 10 ms, and no option next to it defaults to 10.
        // SAFETY: reads one integer option.
        assert_eq!(unsafe { super::mi_option_get(super::PURGE_DELAY) }, 10);
    }
}
