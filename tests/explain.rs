//! `buyin explain`: one registry of codes says what each message means, shows a wrong and
//! a right example (checked here against the demo site), and makes CONTRIBUTING's tables.

use std::fs;
use std::path::Path;

use crate::support::Site;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A copy of the demo site (the repository's own content).
fn demo() -> Site {
    let mut site = Site::empty().file(
        "site.yaml",
        &fs::read_to_string(repo().join("site.yaml")).unwrap(),
    );
    for dir in ["content", "static"] {
        for entry in walkdir::WalkDir::new(repo().join(dir)) {
            let entry = entry.unwrap();
            if entry.file_type().is_file() {
                let rel = entry.path().strip_prefix(repo()).unwrap();
                site = site.bytes(&rel.to_string_lossy(), &fs::read(entry.path()).unwrap());
            }
        }
    }
    site
}

#[test]
fn explain_prints_the_meaning_an_example_and_the_fix() {
    let run = Site::empty().run(&["explain", "unknown-leader"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!(run.stdout);
    let bracketed = Site::empty().run(&["explain", "error[unknown-leader]"]);
    assert_eq!(bracketed.stdout, run.stdout);
}

#[test]
fn an_unknown_code_is_a_usage_error_with_a_suggestion() {
    let run = Site::empty().run(&["explain", "unknown-leeder"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: there is no message called `unknown-leeder`; did you mean `unknown-leader`? (`buyin explain` lists them all)"
    );
}

#[test]
fn explain_without_a_code_lists_every_code() {
    let run = Site::empty().run(&["explain"]);
    assert_eq!(run.code, 0);
    for code in buyin::codes::ALL {
        assert!(
            run.stdout.contains(&format!("\n{} ", code.name)),
            "{} is not listed",
            code.name
        );
    }
}

/// Every example in the registry is true: the wrong file gives its code, the right one
/// gives no error at all.
#[test]
fn every_example_shows_its_problem_and_its_fix() {
    let mut checked = 0;
    for code in buyin::codes::ALL {
        let Some(example) = &code.example else {
            continue;
        };
        let site = demo().file(example.file, example.wrong);
        let run = site.check();
        assert!(
            run.stderr
                .contains(&format!("{}[{}]", code.severity, code.name)),
            "the wrong example of {} does not show it:\n{}",
            code.name,
            run.stderr
        );
        let site = match example.right_file {
            Some(right_file) => site.remove(example.file).file(right_file, example.right),
            None => site.file(example.file, example.right),
        };
        let run = site.check();
        assert_eq!(
            run.code, 0,
            "the right example of {} is not right:\n{}",
            code.name, run.stderr
        );
        checked += 1;
    }
    assert!(checked >= 15, "only {checked} examples");
}

/// CONTRIBUTING's tables of messages are the registry's, word for word.
#[test]
fn contributing_tables_come_from_the_registry() {
    let run = Site::empty().run(&["explain", "--table"]);
    assert_eq!(run.code, 0);
    let contributing = fs::read_to_string(repo().join("CONTRIBUTING.md")).unwrap();
    assert!(
        contributing.contains(&run.stdout),
        "CONTRIBUTING.md's tables differ from `buyin explain --table`; paste its output in:\n{}",
        run.stdout
    );
}
