//! The commands of the binary, one module each: each takes its arguments and what every
//! command shares (the site folder, today's date, how paths are shown), calls the
//! library, prints, and returns the exit code.

mod build;
mod check;
mod explain;
mod new;
mod report;
mod schema;
mod serve;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use buyin::Diagnostics;
use buyin::model::Date;

use crate::cli::{Cli, Command};

/// What every command needs to know besides its own arguments.
pub struct Context {
    /// The site folder, as given with `-C` (`.` by default).
    pub root: PathBuf,
    pub today: Date,
    /// `--today`, when given: serve reads the date afresh at each rebuild otherwise.
    pub today_given: Option<Date>,
    /// What to put before a site-relative path so it reads from the folder buyin was
    /// started in (`site/` for `-C site`).
    pub shown: String,
}

impl Context {
    /// A path given on the command line for something in the site: relative paths are
    /// taken from the site folder.
    pub fn in_site(&self, path: PathBuf) -> PathBuf {
        if path.is_absolute() || self.root == Path::new(".") {
            path
        } else {
            self.root.join(path)
        }
    }

    /// The diagnostics with their paths as seen from the folder buyin was started in.
    pub fn shown(&self, diagnostics: Diagnostics) -> Diagnostics {
        diagnostics.shown_from(&self.shown)
    }
}

/// How the site folder reads from the current folder, as a prefix for its paths.
fn shown_prefix(root: &Path) -> String {
    let root = match std::env::current_dir() {
        Ok(cwd) if root.is_absolute() => root.strip_prefix(&cwd).unwrap_or(root).to_path_buf(),
        _ => root.to_path_buf(),
    };
    let text = root.to_string_lossy().replace('\\', "/");
    let text = text.trim_start_matches("./").trim_end_matches('/');
    if text.is_empty() || text == "." {
        String::new()
    } else {
        format!("{text}/")
    }
}

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let context = Context {
        shown: shown_prefix(&cli.root),
        root: cli.root,
        today: cli.today.unwrap_or_else(Date::today),
        today_given: cli.today,
    };
    match cli.command {
        Command::Build {
            output,
            timings,
            no_cache,
        } => build::run(&context, output, timings, cache_use(no_cache)),
        Command::Check {
            format,
            deny_warnings,
            no_cache,
        } => check::run(&context, format, deny_warnings, cache_use(no_cache)),
        Command::New { what } => new::run(&context, what),
        Command::Serve {
            port,
            bind,
            base_path,
            write,
            output,
        } => serve::run(&context, port, bind, base_path, write, output),
        Command::Report { format } => report::run(&context, format),
        Command::Schema { out } => schema::run(&context, out),
        Command::Explain { code, table } => explain::run(code, table),
    }
}

/// Whether to colour what is printed on stderr.
pub fn color() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stderr().is_terminal()
}

/// "1 error", "3 warnings".
pub fn count(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// Prints every diagnostic in the cargo layout, then a one-line summary; returns whether
/// there were errors.
/// How `--no-cache` says to use the build cache.
fn cache_use(no_cache: bool) -> buyin::CacheUse {
    if no_cache {
        buyin::CacheUse::Fresh
    } else {
        buyin::CacheUse::On
    }
}

pub fn print_diagnostics(diagnostics: Diagnostics, action: &str) -> bool {
    let has_errors = diagnostics.has_errors();
    let errors = diagnostics.error_count();
    let warnings = diagnostics.warning_count();
    let color = color();
    // A large site can have thousands of warnings: they are laid out side by side and
    // written in one go (stderr is not buffered).
    use rayon::prelude::*;
    let shown: Vec<String> = diagnostics
        .sorted()
        .par_iter()
        .map(|d| format!("{}\n\n", d.render(color)))
        .collect();
    let mut err = std::io::BufWriter::with_capacity(1 << 16, std::io::stderr().lock());
    for text in &shown {
        let _ = err.write_all(text.as_bytes());
    }
    if has_errors {
        let mut summary = format!("could not {action}: {}", count(errors, "error"));
        if warnings > 0 {
            summary.push_str(&format!(", {}", count(warnings, "warning")));
        }
        let _ = writeln!(err, "error: {summary}");
    } else if warnings > 0 {
        let _ = writeln!(err, "warning: {}", count(warnings, "warning"));
    }
    let _ = err.flush();
    has_errors
}
