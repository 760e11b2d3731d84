//! `buyin build`: builds the site into the output folder.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context as _;

use super::{Context, print_diagnostics};

pub fn run(
    context: &Context,
    output: PathBuf,
    timings: bool,
    cache: buyin::CacheUse,
) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let out = context.in_site(output);
    let built = buyin::build_with(&context.root, &out, context.today, cache);
    // The program ends after printing: the built site need not be freed.
    std::mem::forget(built.retained);
    for note in &built.notes {
        eprintln!("{note}");
    }
    if timings {
        for (stage, took) in &built.timings {
            eprintln!("{stage:>16}: {:>7.1} ms", took.as_secs_f64() * 1000.0);
        }
    }
    if print_diagnostics(context.shown(built.diagnostics), "build the site") {
        return Ok(ExitCode::from(1));
    }
    let written = built
        .report
        .context("the build finished without writing anything")?;
    let changed = match written.changed {
        n if n == written.files => String::new(),
        0 => ", none changed".to_string(),
        1 => ", 1 changed".to_string(),
        n => format!(", {n} changed"),
    };
    eprintln!(
        "built {} files ({:.1} MiB{changed}) into {} in {} ms",
        written.files,
        written.bytes as f64 / (1024.0 * 1024.0),
        out.display(),
        started.elapsed().as_millis()
    );
    if let Ok(index) = std::path::absolute(out.join("index.html")) {
        eprintln!("open file://{} in a browser to see it", index.display());
    }
    Ok(ExitCode::SUCCESS)
}
