//! `buyin serve`: builds, serves on localhost, rebuilds on change; prints what happens.

use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use buyin::serve::Event;

use super::{Context, color};

pub fn run(
    context: &Context,
    port: u16,
    bind: IpAddr,
    base_path: String,
    write: bool,
    output: PathBuf,
) -> anyhow::Result<ExitCode> {
    let options = buyin::serve::Options {
        root: context.root.clone(),
        bind,
        port,
        base_path: buyin::serve::normalise_base_path(&base_path),
        write_to: write.then(|| context.in_site(output)),
        today: context.today_given,
    };
    let shown = context.shown.clone();
    buyin::serve::run(options, move |event| print_event(event, &shown))?;
    eprintln!("stopped");
    Ok(ExitCode::SUCCESS)
}

/// What `serve` shows in the terminal.
fn print_event(event: Event<'_>, shown: &str) {
    match event {
        Event::Listening { url } => {
            eprintln!("serving at {url} (press Ctrl-C to stop)");
        }
        Event::Built {
            millis,
            checked_millis,
            changed,
            diagnostics,
            pages,
            updated,
            first,
            kind,
        } => {
            let color = color();
            for d in diagnostics.iter().filter(|d| first || d.is_error()) {
                eprintln!("{}\n", d.clone().shown_from(shown).render(color));
            }
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            let warnings = diagnostics.len() - errors;
            let what = if changed.is_empty() {
                "built".to_string()
            } else {
                let mut list = changed
                    .iter()
                    .take(3)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ");
                if changed.len() > 3 {
                    list.push_str(&format!(" and {} more", changed.len() - 3));
                }
                format!("rebuilt after changes to {list}")
            };
            let plural = |n: usize| if n == 1 { "" } else { "s" };
            if errors > 0 {
                eprintln!(
                    "{what}: {errors} error{} in {checked_millis} ms; still serving the last good version",
                    plural(errors)
                );
            } else {
                let done = match kind {
                    buyin::serve::Rebuild::Full => {
                        format!("{pages} files in {checked_millis} ms")
                    }
                    buyin::serve::Rebuild::Incremental => format!(
                        "served in {millis} ms, {updated} of {pages} files changed, checked in {checked_millis} ms"
                    ),
                };
                if warnings > 0 && !first {
                    eprintln!(
                        "{what}: {done} ({warnings} warning{}; `buyin check` shows them)",
                        plural(warnings)
                    );
                } else {
                    eprintln!("{what}: {done}");
                }
            }
        }
        Event::WriteFailed(problems) => {
            for d in problems {
                eprintln!("{}\n", d.clone().shown_from(shown).render(color()));
            }
        }
    }
}
