//! How long the driver takes to bring a site up to date after one edit of each kind of
//! record, saved in place and through a temporary file and a rename, with the time of each
//! stage and how many outputs changed. "served" is when `serve` serves the new site
//! (read and plan); "checked" adds telling which outputs changed (compare) and rendering
//! the changed pages to look for problems.
//! A full build of the same site is the peer.
//!
//! usage: cargo run --release --example update -- SITE [--today YYYY-MM-DD] [--runs N]
//!
//! The site is edited and put back as it was.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use buyin::Project;
use buyin::model::Date;

fn main() {
    let mut args = std::env::args().skip(1);
    let mut root: Option<PathBuf> = None;
    let mut today = Date::parse("2026-12-06").expect("date");
    let mut runs = 3;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--today" => today = Date::parse(&args.next().expect("a date")).expect("a date"),
            "--runs" => runs = args.next().expect("a number").parse().expect("a number"),
            other => root = Some(PathBuf::from(other)),
        }
    }
    let root = root.expect("usage: update SITE [--today YYYY-MM-DD] [--runs N]");
    let mut project = Project::watching(&root, Some(today));
    let started = Instant::now();
    let first = project.build();
    let full = started.elapsed();
    let files = first.rendered.as_ref().map_or(0, |r| r.files.len());
    println!(
        "full build (load, resolve, plan, fingerprint, render every page): {} ms, {files} outputs",
        full.as_millis()
    );
    let edits = edits(&root);
    println!(
        "{:<44} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8}",
        "edit", "served", "read", "plan", "compare", "checked", "render", "changed"
    );
    for edit in &edits {
        let mut totals: Vec<Run> = Vec::new();
        for run in 0..runs {
            let original = std::fs::read_to_string(root.join(&edit.file)).expect("read");
            let changed = apply(&root, edit, &original, run);
            let started = Instant::now();
            let update = project.update(Some(&changed));
            let took = started.elapsed();
            assert!(
                !update.diagnostics.has_errors(),
                "{}: {:?}",
                edit.name,
                update.diagnostics.sorted()
            );
            totals.push((took, update.timings.clone(), update.changed.len()));
            // Put it back, and let the project see that too.
            std::fs::write(root.join(&edit.file), &original).expect("restore");
            project.update(Some(&BTreeSet::from([edit.file.clone()])));
        }
        totals.sort_by_key(|t| t.0);
        let (took, stages, changed) = &totals[totals.len() / 2];
        let stage = |name: &str| {
            stages
                .iter()
                .filter(|(n, _)| n.starts_with(name))
                .map(|(_, d)| d.as_secs_f64() * 1000.0)
                .sum::<f64>()
        };
        let total = took.as_secs_f64() * 1000.0;
        println!(
            "{:<44} {:>5.1} ms {:>5.1} ms {:>5.1} ms {:>5.1} ms {:>5.1} ms {:>5.1} ms {:>8}",
            edit.name,
            total - stage("compare") - stage("render"),
            stage("load"),
            stage("plan"),
            stage("compare"),
            total,
            stage("render"),
            changed
        );
    }
    println!(
        "median of {runs} runs each; the full build above is the peer ({} ms)",
        full.as_millis()
    );
}

/// One timed update: how long it took, its stages, and how many outputs changed.
type Run = (Duration, Vec<(&'static str, Duration)>, usize);

/// One edit: a file, how its text changes, and how it is saved.
struct Edit {
    name: String,
    file: String,
    change: fn(&str, usize) -> String,
    via_rename: bool,
}

fn first_file(root: &Path, dir: &str, ext: &str) -> Option<String> {
    let mut names: Vec<String> = std::fs::read_dir(root.join(dir))
        .ok()?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(ext))
        .collect();
    names.sort();
    names.first().map(|n| format!("{dir}/{n}"))
}

fn edits(root: &Path) -> Vec<Edit> {
    let mut out = Vec::new();
    let mut add = |name: &str, file: Option<String>, change: fn(&str, usize) -> String| {
        if let Some(file) = file {
            for via_rename in [false, true] {
                out.push(Edit {
                    name: format!(
                        "{name} ({})",
                        if via_rename {
                            "temp file + rename"
                        } else {
                            "in place"
                        }
                    ),
                    file: file.clone(),
                    change,
                    via_rename,
                });
            }
        }
    };
    add(
        "endorsement quote",
        first_file(root, "content/endorsements", ".yaml"),
        |t, run| {
            format!(
                "{}\nquote: Edited for the benchmark, run {run}.\n",
                without(t, "quote")
            )
        },
    );
    add(
        "leader title",
        first_file(root, "content/leaders", ".yaml"),
        |t, run| replace_value(t, "title", &format!("Edited title {run}")),
    );
    add(
        "course summary",
        first_file(root, "content/courses", ".md"),
        |t, run| replace_value(t, "summary", &format!("Edited summary {run}.")),
    );
    add(
        "meeting title",
        first_file(root, "content/meetings", ".yaml"),
        |t, run| replace_value(t, "title", &format!("Edited meeting {run}")),
    );
    add(
        "poll question",
        first_file(root, "content/polls", ".yaml"),
        |t, run| replace_value(t, "question", &format!("Edited question {run}?")),
    );
    add("site title", Some("site.yaml".to_string()), |t, run| {
        replace_value(t, "title", &format!("Edited site {run}"))
    });
    out
}

/// `text` without the top-level key `key` and the lines that continue its value.
fn without(text: &str, key: &str) -> String {
    let mut out = String::new();
    let mut skipping = false;
    for line in text.lines() {
        if line.starts_with(&format!("{key}:")) {
            skipping = true;
            continue;
        }
        if skipping && (line.starts_with(' ') || line.is_empty()) {
            continue;
        }
        skipping = false;
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// `text` with the first top-level `key:` line's value replaced.
fn replace_value(text: &str, key: &str, value: &str) -> String {
    let mut done = false;
    text.lines()
        .map(|line| {
            if !done && line.starts_with(&format!("{key}:")) {
                done = true;
                format!("{key}: \"{value}\"")
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// Saves the edit and returns the paths a file watcher would report.
fn apply(root: &Path, edit: &Edit, original: &str, run: usize) -> BTreeSet<String> {
    let text = (edit.change)(original, run);
    if edit.via_rename {
        let temp = format!("{}.~{run}~tmp", edit.file);
        std::fs::write(root.join(&temp), text).expect("write temp");
        std::fs::rename(root.join(&temp), root.join(&edit.file)).expect("rename");
        BTreeSet::from([temp, edit.file.clone()])
    } else {
        std::fs::write(root.join(&edit.file), text).expect("write");
        BTreeSet::from([edit.file.clone()])
    }
}
