//! buyin turns a folder of Markdown course pages and YAML records of leadership backing
//! into a static site that shows learners, on every course, that their leaders stand
//! behind it.
//!
//! A build is a chain of stages, each a function from one type to the next, run by one
//! driver, [`Project`], for `build`, `check`, `report` and `serve`:
//!
//! ```text
//! load      disk            -> SourceSite    (files parsed; a Cache re-reads only changes)
//! resolve   SourceSite      -> Site          (typed ids, cross-references, diagnostics)
//! backing   Site            -> Backing       (who backs what; read by everything after)
//! advice    Site, Backing   -> diagnostics   (dates after today, stale or missing backing)
//! views     Site, Backing   -> PageView      (what each page shows; words come from the theme)
//! render    Site, Backing   -> RenderedSite  (path -> how its bytes are made, via the theme)
//! write     RenderedSite    -> public/       (the only code that touches the output folder)
//! ```
//!
//! `check` stops before `write`; `serve` serves the `RenderedSite` from memory and hands
//! changed files to [`Project::update`], which names the outputs they change. The library
//! prints nothing: it returns typed [`Diagnostic`]s and the binary decides how to show
//! them. docs/ARCHITECTURE.md has the map.

// Diagnostics are the error type of every stage and carry the text needed to show them;
// they are only built on the failure path, so their size does not matter.
#![allow(clippy::result_large_err)]

pub mod advice;
pub mod backing;
pub mod cache;
pub mod codes;
pub mod diagnostics;
pub mod feeds;
pub mod language_names;
pub mod load;
pub mod markdown;
pub mod memory;
pub mod model;
pub mod project;
pub mod render;
pub mod report;
pub mod resolve;
pub mod routes;
pub mod scaffold;
pub mod schema;
pub mod serve;
mod slices;
pub mod strings;
#[cfg(test)]
mod testing;
pub mod theme;
pub mod translate;
pub mod views;
pub mod write;
mod yaml;
pub mod zones;

use std::path::Path;

pub use diagnostics::{Diagnostic, Diagnostics, Location, Severity};
pub use project::{CacheUse, Project};
pub use render::RenderedSite;
pub use resolve::Site;
pub use write::WriteReport;

/// Everything `build` checks, without writing anything.
pub fn check(root: &Path, today: model::Date) -> Diagnostics {
    check_with(root, today, CacheUse::On).diagnostics
}

/// What [`check_with`] found.
pub struct Checked {
    pub diagnostics: Diagnostics,
    /// One-line notes to show (a build cache set aside).
    pub notes: Vec<String>,
    /// The site as checked (see [`Retained`]).
    pub retained: Retained,
}

/// What a build or check made, held until it is dropped: tens of thousands of small
/// allocations for a large site. A program about to exit may `std::mem::forget` it
/// instead of waiting for them to be freed.
pub struct Retained(#[allow(dead_code)] Box<dyn std::any::Any + Send>);

/// Like [`check`], using the build cache as `cache` says.
pub fn check_with(root: &Path, today: model::Date, cache: CacheUse) -> Checked {
    let mut project = Project::new(root, Some(today)).with_cache(cache);
    let update = project.build();
    Checked {
        diagnostics: update.diagnostics,
        notes: project.notes().to_vec(),
        retained: Retained(Box::new((project, update.rendered))),
    }
}

/// The backing report for the site in `root`, or the problems that prevent one.
pub fn report(root: &Path, today: model::Date) -> Result<report::Report, Diagnostics> {
    let model = Project::new(root, Some(today)).model(None)?;
    if model.diagnostics.has_errors() {
        return Err(model.diagnostics);
    }
    Ok(report::report(&model.site, &model.backing, today))
}

/// The outcome of a build.
pub struct Built {
    pub diagnostics: Diagnostics,
    /// How long each stage took, in order.
    pub timings: Vec<(&'static str, std::time::Duration)>,
    /// What was written; `None` when the build failed and nothing was touched.
    pub report: Option<WriteReport>,
    /// One-line notes to show (a build cache set aside).
    pub notes: Vec<String>,
    /// The site as built (see [`Retained`]).
    pub retained: Retained,
}

/// Builds the site in `root` into `out`, using the build cache. On any error the
/// previous output is untouched.
pub fn build(root: &Path, out: &Path, today: model::Date) -> Built {
    build_with(root, out, today, CacheUse::On)
}

/// Builds the site in `root` into `out`, using the build cache as `cache` says: with
/// one, only the files that changed are read and only the outputs whose fingerprint
/// changed are made and written, into the folder as the last build left it. The result
/// is the same, byte for byte, as a build without one.
pub fn build_with(root: &Path, out: &Path, today: model::Date, cache: CacheUse) -> Built {
    let mut project = Project::new(root, Some(today)).with_cache(cache);
    let planned = project.plan();
    let mut timings = planned.timings.clone();
    let Some(rendered) = planned.good().cloned() else {
        // Render every page too, so template problems are found in the same run.
        let checked = project.build();
        return Built {
            diagnostics: checked.diagnostics,
            timings,
            report: None,
            notes: project.notes().to_vec(),
            retained: Retained(Box::new(project)),
        };
    };
    let mut diagnostics = planned.diagnostics;
    let started = std::time::Instant::now();
    let prints = (cache != CacheUse::Off).then(|| project.fingerprints(&rendered));
    // Only the outputs that changed, when the folder holds the last build and most of it
    // stays: otherwise a fresh folder is filled and swapped in.
    let partial = prints.as_ref().and_then(|prints| {
        let (before, marker) = project.written_to(out)?;
        let (changed, removed) = project::changes(prints, &before.outputs, |_| false);
        (changed.len() * 4 <= prints.len()).then_some((marker, changed, removed))
    });
    timings.push(("compare", started.elapsed()));
    let started = std::time::Instant::now();
    let written = match &partial {
        Some((marker, changed, removed)) => {
            write::update(&rendered, root, out, marker, changed, removed)
        }
        None => write::write(&rendered, root, out),
    };
    let report = match written {
        Ok((report, warnings)) => {
            // Pages with warnings are made again next time, so the warnings are shown
            // again: nothing is remembered about a build that had any.
            let clean = warnings.is_empty();
            diagnostics.extend(warnings);
            let now = prints.filter(|_| clean).and_then(|outputs| {
                Some(cache::Written {
                    folder: std::path::absolute(out).ok()?,
                    marker: report.marker,
                    outputs,
                })
            });
            let checked = now.as_ref().map(|w| w.outputs.clone());
            project.store_cache(checked, Some(now));
            Some(report)
        }
        Err(problems) => {
            diagnostics.extend(problems);
            project.store_cache(None, None);
            None
        }
    };
    timings.push(("write", started.elapsed()));
    Built {
        diagnostics,
        timings,
        report,
        notes: project.notes().to_vec(),
        retained: Retained(Box::new((project, rendered))),
    }
}
