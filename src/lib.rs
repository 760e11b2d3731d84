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
pub mod codes;
pub mod diagnostics;
pub mod feeds;
pub mod language_names;
pub mod load;
pub mod markdown;
pub mod model;
pub mod project;
pub mod render;
pub mod report;
pub mod resolve;
pub mod routes;
pub mod scaffold;
pub mod schema;
pub mod serve;
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
pub use project::Project;
pub use render::RenderedSite;
pub use resolve::Site;
pub use write::WriteReport;

/// Everything `build` checks, without writing anything.
pub fn check(root: &Path, today: model::Date) -> Diagnostics {
    Project::new(root, Some(today)).build().diagnostics
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
}

/// Builds the site in `root` into `out`. On any error the previous output is untouched.
pub fn build(root: &Path, out: &Path, today: model::Date) -> Built {
    let mut project = Project::new(root, Some(today));
    let planned = project.plan();
    let mut timings = planned.timings.clone();
    let Some(rendered) = planned.good().cloned() else {
        // Render every page too, so template problems are found in the same run.
        let checked = project.build();
        return Built {
            diagnostics: checked.diagnostics,
            timings,
            report: None,
        };
    };
    let mut diagnostics = planned.diagnostics;
    let started = std::time::Instant::now();
    let report = match write::write(&rendered, root, out) {
        Ok((report, warnings)) => {
            diagnostics.extend(warnings);
            Some(report)
        }
        Err(problems) => {
            diagnostics.extend(problems);
            None
        }
    };
    timings.push(("write", started.elapsed()));
    Built {
        diagnostics,
        timings,
        report,
    }
}
