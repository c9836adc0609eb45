//! The allocator setting of the `graphgen` and `xtask` binaries, which allocate with mimalloc.

#[cfg(test)]
use libmimalloc_sys::mi_option_get;
use libmimalloc_sys::{mi_collect, mi_malloc, mi_option_set, mi_option_t, mi_realloc};
use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

/// mimalloc, entered by its plain `malloc` and `realloc` when the alignment asked for is one
/// every block already has (std's allocator over the C `malloc` makes the same test). The
/// `mimalloc` crate enters by the aligned functions for every allocation: a v1.0 run took
/// 40 M more instructions (2.6%) in their checks. The rest goes to the crate.
pub struct Allocator;

/// The alignment mimalloc gives every block of at least this size (`MI_MAX_ALIGN_SIZE`);
/// smaller blocks (8 bytes) to 8.
const PLAIN_ALIGN: usize = 16;

/// Whether a block of `size` bytes aligned to `align` may come from the plain entry.
fn plain(align: usize, size: usize) -> bool {
    align <= PLAIN_ALIGN && align <= size
}

// SAFETY: every block comes from mimalloc and goes back to it (`mi_free` takes blocks of
// either entry); a plain block is aligned as `plain` requires (see `PLAIN_ALIGN`).
unsafe impl GlobalAlloc for Allocator {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if plain(layout.align(), layout.size()) {
            // SAFETY: a plain C allocation of a non-zero size.
            let p = unsafe { mi_malloc(layout.size()) as *mut u8 };
            prefetch_next(p);
            p
        } else {
            // SAFETY: the caller's contract, passed on.
            unsafe { mimalloc::MiMalloc.alloc(layout) }
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract, passed on.
        unsafe { mimalloc::MiMalloc.alloc_zeroed(layout) }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller's contract, passed on.
        unsafe { mimalloc::MiMalloc.dealloc(ptr, layout) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if plain(layout.align(), new_size) {
            // SAFETY: `ptr` is a block of this allocator; the new size is not zero.
            unsafe { mi_realloc(ptr as *mut c_void, new_size) as *mut u8 }
        } else {
            // SAFETY: the caller's contract, passed on.
            unsafe { mimalloc::MiMalloc.realloc(ptr, layout, new_size) }
        }
    }
}

/// Starts loading the block that the next allocation of this size will get. In a run's
/// later rounds (and wherever memory is reused) that block was freed long before, and
/// mimalloc reads its first word, the link to the block after it, before it can return it:
/// a cache miss on every allocation (`mi_malloc` was 8.5% of the samples of a v1.0 round and
/// 3.5% with this, and rounds took 4.9% less CPU time over 10 alternated pairs; on another
/// machine, 6.1% and 3.5% of the samples, with no difference in time). A block
/// mimalloc has just returned still holds that link in its first word.
#[inline(always)]
fn prefetch_next(p: *mut u8) {
    #[cfg(target_arch = "x86_64")]
    if !p.is_null() {
        // SAFETY: reads the first word of a block just allocated to us (a plain block is at
        // least 8 bytes: mimalloc's smallest) and prefetches whatever address it holds; a
        // prefetch never faults, whatever the address (a stale word costs one useless load).
        unsafe {
            std::arch::asm!("mov {t}, qword ptr [{p}]", "prefetcht0 [{t}]", p = in(reg) p, t = out(reg) _, options(nostack, readonly, preserves_flags));
        }
    }
}

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
    use super::*;

    #[test]
    fn blocks_have_the_alignment_asked_for() {
        // Plain and aligned entries both, and reallocations that cross between them.
        for align in [1, 2, 4, 8, 16, 32, 64, 4096] {
            for size in (1..=300).chain([1024, 4096, 70_000]) {
                let layout = Layout::from_size_align(size, align).unwrap();
                // SAFETY: a non-zero size; each block is written within bounds and freed once.
                unsafe {
                    let p = Allocator.alloc(layout);
                    assert!(!p.is_null() && (p as usize).is_multiple_of(align), "alloc {size} / {align}");
                    p.write_bytes(7, size);
                    let grown = size * 3 + 5;
                    let q = Allocator.realloc(p, layout, grown);
                    assert!(!q.is_null() && (q as usize).is_multiple_of(align), "realloc {size} -> {grown} / {align}");
                    assert_eq!(*q.add(size - 1), 7);
                    q.write_bytes(9, grown);
                    Allocator.dealloc(q, Layout::from_size_align(grown, align).unwrap());
                }
            }
        }
    }

    #[test]
    fn the_option_is_the_purge_delay() {
        // Tests run with the system allocator and never set the option: mimalloc's default
        // purge delay is 10 ms, and no option next to it defaults to 10.
        // SAFETY: reads one integer option.
        assert_eq!(unsafe { super::mi_option_get(super::PURGE_DELAY) }, 10);
    }
}
