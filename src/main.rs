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

fn main() -> ExitCode {
    // Until a build finds a cache that makes it small (see `buyin::memory`).
    buyin::memory::give_back_at_once();
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
