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
pub mod codes;
pub mod diagnostics;
pub mod feeds;
pub mod load;
pub mod markdown;
pub mod model;
pub mod render;
pub mod report;
pub mod resolve;
pub mod routes;
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

/// The result of running the pipeline up to (not including) the rendering of pages.
pub struct Compiled {
    /// The planned site, whenever the theme could be loaded (also when the content has
    /// errors, so template problems can be found in the same run).
    pub rendered: Option<RenderedSite>,
    pub diagnostics: Diagnostics,
    /// How long each stage took, in order.
    pub timings: Vec<(&'static str, std::time::Duration)>,
}

impl Compiled {
    /// Renders every page to find the problems only rendering shows (template mistakes,
    /// unsafe links in Markdown); returns the site if nothing at all is wrong.
    pub fn check_pages(mut self) -> (Option<RenderedSite>, Diagnostics) {
        if let Some(rendered) = &self.rendered {
            self.diagnostics.extend(rendered.check_all());
        }
        let rendered = self.rendered.filter(|_| !self.diagnostics.has_errors());
        (rendered, self.diagnostics)
    }
}

/// Loads and resolves the site in `root` and plans its pages, collecting every problem
/// on the way. `today` decides warnings (such as stale endorsements) and the learning
/// team's report page when site.yaml asks for one; no page learners see depends on it.
pub fn compile(root: &Path, today: model::Date) -> Compiled {
    let mut timings = Vec::new();
    let mut clock = std::time::Instant::now();
    let mut lap = |name: &'static str| {
        timings.push((name, clock.elapsed()));
        clock = std::time::Instant::now();
    };
    let (source, mut diagnostics) = load::load(root);
    lap("load");
    let Some(source) = source else {
        return Compiled {
            rendered: None,
            diagnostics,
            timings,
        };
    };
    let (site, resolve_diags) = resolve::resolve(source);
    diagnostics.extend(resolve_diags);
    // Advice is given beside errors, about the records that were read as written.
    diagnostics.extend(advice::advise(&site, today, diagnostics.has_errors()));
    lap("resolve");
    let rendered = match render::render(site, today) {
        Ok(rendered) => Some(rendered),
        Err(theme_diags) => {
            diagnostics.extend(theme_diags);
            None
        }
    };
    lap("plan");
    Compiled {
        rendered,
        diagnostics,
        timings,
    }
}

/// Everything `build` checks, without writing anything.
pub fn check(root: &Path, today: model::Date) -> Diagnostics {
    compile(root, today).check_pages().1
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
    /// How long each stage took, in order.
    pub timings: Vec<(&'static str, std::time::Duration)>,
    /// What was written; `None` when the build failed and nothing was touched.
    pub report: Option<WriteReport>,
}

/// Builds the site in `root` into `out`, rendering pages as they are written. On any
/// error the previous output is untouched.
pub fn build(root: &Path, out: &Path, today: model::Date) -> Built {
    let compiled = compile(root, today);
    let mut timings = compiled.timings.clone();
    if compiled.diagnostics.has_errors() || compiled.rendered.is_none() {
        let (_, diagnostics) = compiled.check_pages();
        return Built {
            diagnostics,
            timings,
            report: None,
        };
    }
    let Compiled {
        rendered,
        mut diagnostics,
        ..
    } = compiled;
    let started = std::time::Instant::now();
    let report = match rendered.map(|r| write::write(&r, root, out)) {
        Some(Ok((report, warnings))) => {
            diagnostics.extend(warnings);
            Some(report)
        }
        Some(Err(problems)) => {
            diagnostics.extend(problems);
            None
        }
        None => None,
    };
    timings.push(("render and write", started.elapsed()));
    Built {
        diagnostics,
        timings,
        report,
    }
}
