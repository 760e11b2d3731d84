//! How soon memory that is freed goes back to the system, for mimalloc (the allocator the
//! `buyin` command uses; where another allocator is in use these settings are unused).
//!
//! A build holds the most while it reads and resolves the site, and frees as much as it
//! keeps while doing so (what reading each file needed): given back at once, the peak of
//! a 10,000-course build is 4-7 MiB lower, below 150 MiB. Memory given back is faulted in
//! again when next used, which costs time: at 10,000 courses about 0.4 s of a 3-second
//! `check --no-cache` and 0.05 s of a 1-second rebuild from the cache (see
//! docs/PERFORMANCE.md). So freed memory is kept 10 ms for reuse once the site is
//! resolved (pages are made and let go one after another, below the peak), and from the
//! start of a build that the cache makes small. (mimalloc's own delay, a second, would
//! keep nearly everything a rebuild frees: 0.04 s quicker again, 45 MiB more at its peak.)

/// mimalloc's `purge_delay` option (its place in `mi_option_t`, the same in versions 2
/// and 3): how many milliseconds freed memory is kept before it is given back.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// How long freed memory is kept for reuse, in milliseconds.
const REUSE_DELAY: std::os::raw::c_long = 10;

fn set_delay(milliseconds: std::os::raw::c_long) {
    // SAFETY: the option is one number in mimalloc's table of options, and any value is
    // valid (0 gives memory back at once). It is set between stages of a build, when the
    // build's threads are idle; a thread of `serve` deciding at that moment whether to
    // give memory back reads the old delay or the new one, either of which is valid.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, milliseconds) };
}

/// Freed memory is given back at once (while a site is read).
pub fn give_back_at_once() {
    set_delay(0);
}

/// Freed memory is kept a moment for reuse (once the site is resolved, or for a build
/// that the cache makes small).
pub fn keep_for_reuse() {
    set_delay(REUSE_DELAY);
}
