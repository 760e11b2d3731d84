//! JSON Schemas and `buyin new`: the schemas describe the files people write, validate
//! the demo site with a real JSON Schema validator, and stay in step with the code.

use std::fs;
use std::path::Path;

use crate::support::{ENDORSEMENT, Site};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn schema(kind: &str) -> jsonschema::Validator {
    let text = fs::read_to_string(repo().join(format!("schemas/{kind}.schema.json")))
        .unwrap_or_else(|e| panic!("read schemas/{kind}.schema.json: {e}"));
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    jsonschema::options()
        .should_validate_formats(true)
        .build(&value)
        .expect("a valid JSON Schema")
}

fn yaml_value(text: &str) -> serde_json::Value {
    let yaml: serde_yaml::Value = serde_yaml::from_str(text).unwrap();
    serde_json::to_value(yaml).unwrap()
}

fn errors(validator: &jsonschema::Validator, text: &str) -> Vec<String> {
    let value = yaml_value(text);
    validator
        .iter_errors(&value)
        .map(|e| e.to_string())
        .collect()
}

#[test]
fn committed_schemas_match_the_code() {
    let site = Site::empty();
    let run = site.run(&["schema", "--out", "schemas"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for entry in fs::read_dir(site.path().join("schemas")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let committed = fs::read_to_string(repo().join("schemas").join(&name))
            .unwrap_or_else(|_| panic!("schemas/{name} is not in the repository"));
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            committed,
            "schemas/{name} is out of date: run `cargo run -- schema --out schemas`"
        );
    }
}

#[test]
fn schemas_validate_every_file_of_the_demo_site() {
    let mut checked = 0;
    let site = schema("site");
    assert_eq!(
        errors(
            &site,
            &fs::read_to_string(repo().join("site.yaml")).unwrap()
        ),
        Vec::<String>::new()
    );
    for (folder, kind) in [
        ("leaders", "leader"),
        ("endorsements", "endorsement"),
        ("meetings", "meeting"),
        ("polls", "poll"),
        ("questions", "question"),
    ] {
        let validator = schema(kind);
        for entry in fs::read_dir(repo().join("content").join(folder)).unwrap() {
            let path = entry.unwrap().path();
            let found = errors(&validator, &fs::read_to_string(&path).unwrap());
            assert!(found.is_empty(), "{}: {found:?}", path.display());
            checked += 1;
        }
    }
    let course = schema("course");
    let translation = schema("course-translation");
    for entry in walkdir::WalkDir::new(repo().join("content/courses")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "md") {
            let text = fs::read_to_string(entry.path()).unwrap();
            let front = text
                .split("\n---")
                .next()
                .unwrap()
                .trim_start_matches("---\n");
            // `x.fr.md` and `index.fr.md` are translations.
            let stem = entry
                .path()
                .file_stem()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let validator = if stem.contains('.') {
                &translation
            } else {
                &course
            };
            let found = errors(validator, front);
            assert!(found.is_empty(), "{}: {found:?}", entry.path().display());
            checked += 1;
        }
    }
    assert!(checked > 40, "only {checked} files checked");
}

#[test]
fn schemas_reject_the_mistakes_check_reports() {
    let endorsement = schema("endorsement");
    assert_eq!(errors(&endorsement, ENDORSEMENT), Vec::<String>::new());
    assert!(!errors(&endorsement, &ENDORSEMENT.replace("quote:", "qoute:")).is_empty());
    assert!(
        !errors(
            &endorsement,
            &ENDORSEMENT.replace("date: 2026-10-14", "date: 14/10/2026")
        )
        .is_empty()
    );
    assert!(
        !errors(
            &endorsement,
            &ENDORSEMENT.replace("by: priya-natarajan\n", "")
        )
        .is_empty()
    );
    let leader = schema("leader");
    assert!(!errors(&leader, &crate::support::PRIYA.replace("executive", "exec")).is_empty());
    // The rules JSON Schema can say: real dates, ids, allowed words, example text.
    for (name, text) in [
        (
            "a month 14",
            ENDORSEMENT.replace("2026-10-14", "2026-14-10"),
        ),
        (
            "30 February",
            ENDORSEMENT.replace("2026-10-14", "2026-02-30"),
        ),
        (
            "a name for an id",
            ENDORSEMENT.replace("by: priya-natarajan", "by: Priya Natarajan"),
        ),
        (
            "yes for true",
            ENDORSEMENT.replace("sign_off: true", "sign_off: yes"),
        ),
        (
            "a session name",
            ENDORSEMENT.replace("attend: leeds-dec", "attend: Leeds Dec"),
        ),
        (
            "example text",
            ENDORSEMENT.replace(
                "quote: I will be in the room in Leeds.",
                "quote: Why I back this course, and what I will do for it.",
            ),
        ),
    ] {
        assert!(
            !errors(&endorsement, &text).is_empty(),
            "{name} is accepted"
        );
    }
    let course = schema("course");
    let front = |extra: &str| {
        format!("title: T\nsummary: S\ndepartments: [operations]\nformat: workshop\n{extra}")
    };
    assert_eq!(errors(&course, &front("")), Vec::<String>::new());
    for (name, extra) in [
        (
            "a session with no place",
            "sessions:\n  - id: a\n    date: 2027-01-10\n",
        ),
        (
            "a time with a dot",
            "sessions:\n  - id: a\n    date: 2027-01-10\n    start: \"9.30\"\n    location: R\n",
        ),
        (
            "a script link",
            "sessions:\n  - id: a\n    date: 2027-01-10\n    link: javascript:alert(1)\n",
        ),
        (
            "a negative capacity",
            "sessions:\n  - id: a\n    date: 2027-01-10\n    location: R\n    capacity: -1\n",
        ),
    ] {
        assert!(
            !errors(&course, &front(extra)).is_empty(),
            "{name} is accepted"
        );
    }
    for file in fs::read_dir(repo().join("schemas")).unwrap() {
        let text = fs::read_to_string(file.unwrap().path()).unwrap();
        assert!(
            !text.contains("uint"),
            "number formats validators do not know"
        );
    }
}

#[test]
fn new_endorsement_checks_names_and_starts_with_the_schema_line() {
    let site = Site::valid().remove("content/endorsements/ldc-priya.yaml");
    let run = site.run(&[
        "new",
        "endorsement",
        "--course",
        "leading-dificult-conversations",
        "--by",
        "priya-natarajan",
    ]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: there is no course called `leading-dificult-conversations` in content/courses; did you mean `leading-difficult-conversations`?"
    );
    let run = site.run(&[
        "new",
        "endorsement",
        "--course",
        "leading-difficult-conversations",
        "--by",
        "priya",
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("did you mean `priya-natarajan`?"),
        "{}",
        run.stderr
    );

    let run = site.run(&[
        "new",
        "endorsement",
        "--course",
        "leading-difficult-conversations",
        "--by",
        "priya-natarajan",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let path = "content/endorsements/leading-difficult-conversations--priya-natarajan.yaml";
    let text = fs::read_to_string(site.path().join(path)).unwrap();
    assert!(
        text.starts_with("# yaml-language-server: $schema=../../schemas/endorsement.schema.json\n")
    );
    assert!(
        text.contains("# Sessions of this course: leeds-dec, online-jan"),
        "{text}"
    );
    assert!(text.contains("date: 2026-11-22"), "{text}");
    assert!(
        site.path()
            .join("schemas/endorsement.schema.json")
            .is_file()
    );
    // The file as created cannot be published until its example quote is replaced.
    let check = site.check();
    assert_eq!(check.code, 1, "{}", check.stderr);
    assert!(
        check.stderr.contains("error[placeholder-text]"),
        "{}",
        check.stderr
    );
    fs::write(
        site.path().join(path),
        text.replace(
            "Why I back this course, and what I will do for it.",
            "I ask every new manager to take it.",
        ),
    )
    .unwrap();
    let check = site.check();
    assert_eq!(check.code, 0, "{}", check.stderr);
    // It is never overwritten.
    fs::write(site.path().join(path), "mine").unwrap();
    let again = site.run(&[
        "new",
        "endorsement",
        "--course",
        "leading-difficult-conversations",
        "--by",
        "priya-natarajan",
    ]);
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);
    assert_eq!(fs::read_to_string(site.path().join(path)).unwrap(), "mine");
}

#[test]
fn new_course_leader_and_meeting_create_named_files() {
    let site = Site::valid();
    for (args, path) in [
        (
            vec![
                "new",
                "course",
                "budgeting-basics",
                "--title",
                "Budgeting Basics",
            ],
            "content/courses/budgeting-basics.md",
        ),
        (
            vec!["new", "leader", "ana-lima", "--name", "Ana Lima"],
            "content/leaders/ana-lima.yaml",
        ),
        (
            vec!["new", "meeting", "finance-briefing"],
            "content/meetings/finance-briefing.yaml",
        ),
    ] {
        let run = site.run(&args);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(site.path().join(path).is_file(), "{path} missing");
    }
    let course =
        fs::read_to_string(site.path().join("content/courses/budgeting-basics.md")).unwrap();
    assert!(
        course.starts_with("---\ntitle: Budgeting Basics\n"),
        "{course}"
    );
    let bad = site.run(&["new", "leader", "Ana Lima"]);
    assert_eq!(bad.code, 2);
    assert_eq!(
        bad.stderr,
        "error: `Ana Lima` cannot be used as the name of a leader; names use lowercase letters, digits and hyphens: use `ana-lima`"
    );
}
