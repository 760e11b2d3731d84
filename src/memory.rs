//! How soon memory that is freed goes back to the system, for mimalloc (the allocator the
//! `buyin` command uses; where another allocator is in use these settings are unused).
//!
//! A build from scratch frees as much as it keeps (what reading each file needed, each
//! page once written): given back at once, its peak at 10,000 courses is 4-7 MiB lower,
//! below 150 MiB. Memory given back is faulted in again when next used, which costs time
//! (about 0.05 s of a 1-second rebuild from the cache at 10,000 courses; see
//! docs/PERFORMANCE.md), so a build that the cache makes small keeps freed memory for
//! 10 ms, for reuse. (mimalloc's own delay, a second, would keep nearly everything a
//! rebuild frees: 0.04 s quicker again, but 45 MiB more at its peak.)

/// mimalloc's `purge_delay` option (its place in `mi_option_t`, the same in versions 2
/// and 3): how many milliseconds freed memory is kept before it is given back.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// How long a build that the cache makes small keeps freed memory, in milliseconds.
const REUSE_DELAY: std::os::raw::c_long = 10;

fn set_delay(milliseconds: std::os::raw::c_long) {
    // SAFETY: the option is a number in mimalloc's table of options, written whole; any
    // value is valid (0 gives memory back at once). It is set while no other thread is
    // allocating: at start, or between stages of a build.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, milliseconds) };
}

/// Freed memory is given back at once (for a build from scratch).
pub fn give_back_at_once() {
    set_delay(0);
}

/// Freed memory is kept a moment for reuse (for a build that the cache makes small).
pub fn keep_for_reuse() {
    set_delay(REUSE_DELAY);
}
