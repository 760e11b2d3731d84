//! buyin turns a folder of Markdown course pages and YAML records of leadership backing
//! into a static site that shows learners, on every course, that their leaders stand
//! behind it.
//!
//! A build is a chain of stages, each a function from one type to the next:
//!
//! ```text
//! load      disk          -> SourceSite     (walkdir, front matter, YAML, texts kept)
//! resolve   SourceSite    -> Site           (ids, cross-references, lookups, diagnostics)
//! render    Site          -> RenderedSite   (Markdown + Tera; a map path -> bytes)
//! write     RenderedSite  -> public/        (the only code that touches the output folder)
//! ```
//!
//! `check` stops before `write`. The library prints nothing: it returns typed
//! [`Diagnostic`]s and the binary decides how to show them.

// Diagnostics are the error type of every stage and carry the text needed to show them;
// they are only built on the failure path, so their size does not matter.
#![allow(clippy::result_large_err)]

pub mod advice;
pub mod diagnostics;
pub mod feeds;
pub mod load;
pub mod markdown;
pub mod model;
pub mod render;
pub mod report;
pub mod resolve;
pub mod scaffold;
pub mod schema;
pub mod serve;
pub mod theme;
pub mod write;
mod yaml;

use std::path::Path;

pub use diagnostics::{Diagnostic, Diagnostics, Location, Severity};
pub use render::RenderedSite;
pub use resolve::Site;
pub use write::WriteReport;

/// The result of running the pipeline up to (not including) `write`.
pub struct Compiled {
    /// The rendered site, when no stage found an error.
    pub rendered: Option<RenderedSite>,
    pub diagnostics: Diagnostics,
}

/// Loads, resolves and renders the site in `root`, collecting every problem on the way.
/// `today` decides warnings (such as stale endorsements) and the learning team's report
/// page when site.yaml asks for one; no page learners see depends on it.
pub fn compile(root: &Path, today: model::Date) -> Compiled {
    let (source, mut diagnostics) = load::load(root);
    let Some(source) = source else {
        return Compiled {
            rendered: None,
            diagnostics,
        };
    };
    let (site, resolve_diags) = resolve::resolve(source);
    diagnostics.extend(resolve_diags);
    // Advice about a site with errors would be built on records that were dropped (an
    // endorsement by a leader whose file is broken looks like no backing at all).
    if !diagnostics.has_errors() {
        diagnostics.extend(advice::advise(&site, today));
    }
    // Render even when content has errors, so template problems are reported in the same
    // run; the result is only kept when everything is clean.
    let (rendered, render_diags) = render::render(&site, today);
    diagnostics.extend(render_diags);
    let rendered = (!diagnostics.has_errors()).then_some(rendered);
    Compiled {
        rendered,
        diagnostics,
    }
}

/// Everything `build` checks, without writing anything.
pub fn check(root: &Path, today: model::Date) -> Diagnostics {
    compile(root, today).diagnostics
}

/// The backing report for the site in `root`, or the problems that prevent one.
pub fn report(root: &Path, today: model::Date) -> Result<report::Report, Diagnostics> {
    let (source, mut diagnostics) = load::load(root);
    let Some(source) = source else {
        return Err(diagnostics);
    };
    let (site, resolve_diags) = resolve::resolve(source);
    diagnostics.extend(resolve_diags);
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    Ok(report::report(&site, today))
}

/// The outcome of a build.
pub struct Built {
    pub diagnostics: Diagnostics,
    /// What was written; `None` when the build failed and nothing was touched.
    pub report: Option<WriteReport>,
}

/// Builds the site in `root` into `out`. On any error the previous output is untouched.
pub fn build(root: &Path, out: &Path, today: model::Date) -> Built {
    let Compiled {
        rendered,
        mut diagnostics,
    } = compile(root, today);
    let report = match rendered {
        Some(rendered) => match write::write(&rendered, root, out) {
            Ok(report) => Some(report),
            Err(d) => {
                diagnostics.push(d);
                None
            }
        },
        None => None,
    };
    Built {
        diagnostics,
        report,
    }
}
