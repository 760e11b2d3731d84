//! The driver that `serve` uses: after any edit, the outputs it names as changed include
//! every output whose bytes a full rendering of the site changes, and the ones it names as
//! removed are exactly the outputs that are gone.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use buyin::Project;
use buyin::model::Date;

use crate::support::{Site, TODAY};

/// Every output of the project's site with its bytes, made from scratch.
fn outputs(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let update = Project::new(root, Date::parse(TODAY)).build();
    let rendered = update
        .good()
        .unwrap_or_else(|| panic!("{:?}", update.diagnostics.clone().sorted()))
        .clone();
    rendered
        .files
        .iter()
        .map(|(path, output)| {
            let made = rendered.make(path, output).expect("every output is made");
            (path.clone(), made.bytes.into_owned())
        })
        .collect()
}

fn copy_demo(to: &Path) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for top in ["site.yaml", "content", "static"] {
        for entry in walkdir::WalkDir::new(root.join(top)) {
            let entry = entry.unwrap();
            let target = to.join(entry.path().strip_prefix(root).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&target).unwrap();
            } else {
                std::fs::copy(entry.path(), &target).unwrap();
            }
        }
    }
    let config = std::fs::read_to_string(to.join("site.yaml")).unwrap();
    std::fs::write(to.join("site.yaml"), format!("{config}report: true\n")).unwrap();
}

fn replace(root: &Path, rel: &str, from: &str, to: &str) {
    let text = std::fs::read_to_string(root.join(rel)).unwrap();
    assert!(text.contains(from), "{rel} has no {from:?}");
    std::fs::write(root.join(rel), text.replacen(from, to, 1)).unwrap();
}

/// Replaces the top-level line with the same key as `line`.
fn set_line(root: &Path, rel: &str, line: &str) {
    let key = line.split(':').next().unwrap();
    let text = std::fs::read_to_string(root.join(rel)).unwrap();
    let lines: Vec<&str> = text
        .lines()
        .map(|l| {
            if l.starts_with(&format!("{key}:")) {
                line
            } else {
                l
            }
        })
        .collect();
    std::fs::write(root.join(rel), lines.join("\n") + "\n").unwrap();
}

#[test]
fn an_update_names_every_output_an_edit_changes() {
    let site = Site::empty();
    let root = site.path();
    copy_demo(root);
    let mut project = Project::watching(root, Date::parse(TODAY));
    let first = project.build();
    assert!(first.good().is_some());
    let mut before = outputs(root);
    assert_eq!(
        first.changed.len(),
        before.len(),
        "the first build changes everything"
    );

    type Edit = (&'static str, Box<dyn Fn(&Path)>);
    let edits: Vec<Edit> = vec![
        (
            "content/endorsements/coaching-for-performance--grace-mensah.yaml",
            Box::new(|r| {
                set_line(
                    r,
                    "content/endorsements/coaching-for-performance--grace-mensah.yaml",
                    "date: 2026-11-21",
                )
            }),
        ),
        (
            "content/leaders/tom-okafor.yaml",
            Box::new(|r| {
                replace(
                    r,
                    "content/leaders/tom-okafor.yaml",
                    "seniority: senior",
                    "seniority: manager",
                )
            }),
        ),
        (
            "content/courses/wellbeing-check-ins.md",
            Box::new(|r| {
                replace(
                    r,
                    "content/courses/wellbeing-check-ins.md",
                    "title: ",
                    "title: Better ",
                )
            }),
        ),
        (
            "content/courses/coaching-for-performance.fr.md",
            Box::new(|r| {
                replace(
                    r,
                    "content/courses/coaching-for-performance.fr.md",
                    "title: ",
                    "title: Nouveau, ",
                )
            }),
        ),
        (
            "content/courses/budgeting-for-managers.fr.md",
            Box::new(|r| {
                std::fs::remove_file(r.join("content/courses/budgeting-for-managers.fr.md"))
                    .unwrap()
            }),
        ),
        (
            "content/meetings/managers-town-hall-2026-11.yaml",
            Box::new(|r| {
                std::fs::remove_file(r.join("content/meetings/managers-town-hall-2026-11.yaml"))
                    .unwrap()
            }),
        ),
        (
            "content/polls/clinical-managers-2026.yaml",
            Box::new(|r| {
                replace(
                    r,
                    "content/polls/clinical-managers-2026.yaml",
                    "respondents: ",
                    "respondents: 1",
                )
            }),
        ),
        (
            "static/photos/priya-natarajan.svg",
            Box::new(|r| {
                std::fs::write(
                    r.join("static/photos/priya-natarajan.svg"),
                    "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
                )
                .unwrap()
            }),
        ),
        (
            "site.yaml",
            Box::new(|r| replace(r, "site.yaml", "organisation: ", "organisation: The ")),
        ),
    ];
    for (file, edit) in edits {
        edit(root);
        let update = project.update(Some(&BTreeSet::from([file.to_string()])));
        assert!(
            update.good().is_some(),
            "{file}: {:?}",
            update.diagnostics.clone().sorted()
        );
        let after = outputs(root);
        let differ: Vec<&String> = after
            .iter()
            .filter(|(path, bytes)| before.get(*path) != Some(*bytes))
            .map(|(path, _)| path)
            .collect();
        assert!(!differ.is_empty(), "{file}: the edit changes nothing");
        let missed: Vec<&&String> = differ
            .iter()
            .filter(|p| !update.changed.contains(p))
            .collect();
        assert!(
            missed.is_empty(),
            "{file}: changed but not named: {missed:?}"
        );
        let gone: Vec<String> = before
            .keys()
            .filter(|p| !after.contains_key(*p))
            .cloned()
            .collect();
        assert_eq!(update.removed, gone, "{file}");
        // Nothing unchanged is named, but for pages whose view changed in a way the HTML
        // does not show: at most a few in each of the demo's two languages.
        assert!(
            update.changed.len() <= differ.len() + 4,
            "{file}: {} named, {} changed: {:?}",
            update.changed.len(),
            differ.len(),
            update.changed
        );
        before = after;
    }
}
