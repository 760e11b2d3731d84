//! The `buyin` command: parses arguments and runs one command from `cmd/`, which calls the
//! library, prints diagnostics and picks the exit code (0 ok, 1 the site has errors, 2
//! usage or internal error).

mod cli;
mod cmd;

// Building a large site allocates millions of small strings on two or more threads;
// mimalloc handles that markedly faster than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::process::ExitCode;

use clap::Parser;

/// mimalloc's `purge_delay` option (its place in `mi_option_t`, the same in versions 2 and
/// 3): how long freed memory is kept before it is given back to the system.
const MIMALLOC_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> ExitCode {
    // Freed memory is given back at once rather than after a second: a build frees as much
    // as it keeps (what reading the files needed, each page once written), and kept, that
    // memory made a 10,000-course build's peak 13-20 MiB higher. Memory given back is
    // faulted in again when next used, which costs some time (a 10,000-course rebuild
    // about 0.15 s; see docs/PERFORMANCE.md).
    // SAFETY: set before any other thread is started; the option takes any number.
    unsafe { libmimalloc_sys::mi_option_set(MIMALLOC_PURGE_DELAY, 0) };
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match cmd::run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
