//! `buyin check`: everything `build` checks, writing nothing: the gate for pull requests,
//! in the format of the CI that runs it.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context as _;

use super::{Context, count, print_diagnostics};
use crate::cli::Format;

/// GitHub shows at most this many annotations of each kind for one step.
const GITHUB_ANNOTATIONS: usize = 10;

pub fn run(
    context: &Context,
    format: Format,
    deny_warnings: bool,
    cache: buyin::CacheUse,
) -> anyhow::Result<ExitCode> {
    let checked = buyin::check_with(&context.root, context.today, cache);
    // The program ends after printing: the checked site need not be freed.
    std::mem::forget(checked.retained);
    for note in checked.notes {
        eprintln!("{note}");
    }
    let diagnostics = context.shown(checked.diagnostics);
    let failed = diagnostics.has_errors() || (deny_warnings && !diagnostics.is_empty());
    match format {
        Format::Human => {
            let has_errors = print_diagnostics(diagnostics, "check the site");
            if !has_errors && failed {
                eprintln!("error: warnings are not allowed (--deny-warnings)");
            } else if !has_errors {
                eprintln!("the site is ready to publish: no errors");
            }
        }
        Format::Github => {
            let errors = diagnostics.error_count();
            let warnings = diagnostics.warning_count();
            let sorted = diagnostics.sorted();
            let mut out = std::io::stdout().lock();
            for d in &sorted {
                if writeln!(out, "{}", d.github()).is_err() {
                    break;
                }
            }
            if errors > GITHUB_ANNOTATIONS || warnings > GITHUB_ANNOTATIONS {
                let _ = writeln!(
                    out,
                    "::notice title=buyin check::{} and {} found; the pull request shows the first {GITHUB_ANNOTATIONS} of each, and the job summary lists them all",
                    count(errors, "error"),
                    count(warnings, "warning")
                );
            }
            if let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) {
                let summary = buyin::diagnostics::markdown_summary(&sorted);
                std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(&path)
                    .and_then(|mut file| file.write_all(summary.as_bytes()))
                    .with_context(|| {
                        format!(
                            "could not write the job summary to {}",
                            std::path::Path::new(&path).display()
                        )
                    })?;
            }
        }
        Format::Gitlab => {
            let report = buyin::diagnostics::gitlab_report(&diagnostics.sorted());
            println!("{report}");
        }
        Format::Json => {
            let sorted = diagnostics.sorted();
            let records: Vec<_> = sorted.iter().map(|d| d.record()).collect();
            let json = serde_json::to_string_pretty(&records)
                .context("could not write the problems as JSON")?;
            println!("{json}");
        }
    }
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
