//! `buyin new`: ids made from names, example text that cannot be published unedited, and
//! a site repository that works on its own.

use std::fs;

use crate::support::Site;

#[test]
fn ids_are_made_from_names_in_any_alphabet() {
    let site = Site::valid();
    for (args, path) in [
        (
            vec!["new", "leader", "--name", "José Núñez"],
            "content/leaders/jose-nunez.yaml",
        ),
        (
            vec!["new", "leader", "--name", "Siobhán O'Brien"],
            "content/leaders/siobhan-obrien.yaml",
        ),
        (
            vec!["new", "course", "--title", "Leadership: the Basics"],
            "content/courses/leadership-the-basics.md",
        ),
        (
            vec!["new", "meeting", "--title", "Finance briefing, Q4"],
            "content/meetings/finance-briefing-q4.yaml",
        ),
        (
            vec!["new", "poll", "--question", "What gets in the way?"],
            "content/polls/what-gets-in-the-way.yaml",
        ),
    ] {
        let run = site.run(&args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        assert_eq!(
            run.stderr,
            format!("created {path}; fill it in, then run `buyin check`")
        );
    }
    let leader = fs::read_to_string(site.path().join("content/leaders/jose-nunez.yaml")).unwrap();
    assert!(leader.contains("\nname: José Núñez\n"), "{leader}");
    let course =
        fs::read_to_string(site.path().join("content/courses/leadership-the-basics.md")).unwrap();
    assert!(
        course.starts_with("---\ntitle: \"Leadership: the Basics\"\n"),
        "a title with `: ` is quoted: {course}"
    );
}

#[test]
fn an_id_that_is_not_valid_is_answered_with_its_suggestion() {
    let site = Site::valid();
    let run = site.run(&["new", "leader", "José Núñez"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: `José Núñez` cannot be used as the name of a leader; names use lowercase letters, digits and hyphens: use `jose-nunez`"
    );
    let run = site.run(&["new", "course", "Budgeting Basics"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.ends_with("use `budgeting-basics`"),
        "{}",
        run.stderr
    );
    let run = site.run(&["new", "leader"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: give the leader's name with `--name`, for example `buyin new leader --name \"Priya Natarajan\"`: its file name is made from it"
    );
}

/// Every file `buyin new` writes is reported until its example text is replaced; a draft
/// course only with warnings, as it is not published.
#[test]
fn example_text_from_new_cannot_be_published() {
    let site = Site::valid();
    for args in [
        vec!["new", "leader", "--name", "Sam Patel"],
        vec!["new", "meeting", "--title", "Finance briefing"],
        vec!["new", "poll", "--question", "What gets in the way?"],
        vec!["new", "course", "--title", "Budgeting Basics"],
    ] {
        assert_eq!(site.run(&args).code, 0);
    }
    let run = site.check();
    assert_eq!(run.code, 1, "{}", run.stderr);
    for (file, severity, example) in [
        ("content/leaders/sam-patel.yaml", "error", "Job title"),
        (
            "content/meetings/finance-briefing.yaml",
            "error",
            "What was discussed, in Markdown.",
        ),
        (
            "content/polls/what-gets-in-the-way.yaml",
            "error",
            "A problem managers raised, in their words.",
        ),
        (
            "content/courses/budgeting-basics.md",
            "warning",
            "What learners will get from this course.",
        ),
    ] {
        let expected = format!(
            "{severity}[placeholder-text]: \"{example}\" is the example text from `buyin new`"
        );
        let at = run
            .stderr
            .find(&expected)
            .unwrap_or_else(|| panic!("{expected}\n{}", run.stderr));
        assert!(
            run.stderr[at..]
                .lines()
                .nth(1)
                .is_some_and(|l| l.contains(&format!("--> {file}:"))),
            "{expected} is not at {file}"
        );
    }
    // Once published, the course's example text is an error too.
    let path = site.path().join("content/courses/budgeting-basics.md");
    let course = fs::read_to_string(&path).unwrap();
    fs::write(&path, course.replace("draft: true", "draft: false")).unwrap();
    let run = site.check();
    assert!(
        run.stderr.contains(
            "error[placeholder-text]: \"What learners will get from this course.\" is the example text"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn an_empty_site_checks_clean_and_works_on_its_own() {
    let outer = Site::empty();
    let run = outer.run(&["new", "site", "training", "--empty"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let site = outer.path().join("training");
    let check = outer.run(&["-C", "training", "check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert_eq!(check.stderr, "the site is ready to publish: no errors");
    assert_eq!(
        fs::read_to_string(site.join(".gitignore")).unwrap(),
        "public/\n.buyin-cache/\n.buyin/\n"
    );
    let workflow = fs::read_to_string(site.join(".github/workflows/buyin.yml")).unwrap();
    assert!(workflow.contains("cargo install --locked"), "{workflow}");
    assert!(workflow.contains("actions/cache@"), "{workflow}");
    assert!(
        workflow.contains("buyin check --format github"),
        "{workflow}"
    );
    assert!(workflow.contains("actions/upload-artifact@"), "{workflow}");
    assert!(!workflow.contains("Cargo.toml") && !workflow.contains("cargo build"));
    let gitlab = fs::read_to_string(site.join(".gitlab-ci.yml")).unwrap();
    assert!(gitlab.contains("cargo install --locked"), "{gitlab}");
    assert!(
        gitlab.contains("codequality: gl-code-quality-report.json"),
        "{gitlab}"
    );
    let contributing = fs::read_to_string(site.join("CONTRIBUTING.md")).unwrap();
    assert!(
        contributing.contains("| `unknown-leader` |"),
        "{contributing}"
    );
    assert!(!contributing.contains("{{"), "{contributing}");
    let settings = fs::read_to_string(site.join(".vscode/settings.json")).unwrap();
    assert!(settings.contains("./schemas/endorsement.schema.json"));
    for kind in ["site", "course", "leader", "endorsement", "meeting", "poll"] {
        assert!(site.join(format!("schemas/{kind}.schema.json")).is_file());
    }
    assert!(!site.join("Cargo.toml").exists());
    let build = outer.run(&["-C", "training", "build"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(site.join("public/index.html").is_file());
    // A first course, leader and endorsement, made with `buyin new`, then filled in.
    let run = outer.run(&["-C", "training", "new", "leader", "--name", "Sam Patel"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "created training/content/leaders/sam-patel.yaml; fill it in, then run `buyin check`"
    );
}

#[test]
fn a_demo_site_keeps_its_content_and_gets_the_same_repository_files() {
    let outer = Site::empty();
    let run = outer.run(&["new", "site", "demo"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let site = outer.path().join("demo");
    assert!(site.join("content/endorsements").is_dir());
    for file in [
        ".gitignore",
        "CONTRIBUTING.md",
        "README.md",
        ".github/workflows/buyin.yml",
        ".gitlab-ci.yml",
        ".vscode/settings.json",
        "schemas/endorsement.schema.json",
    ] {
        assert!(site.join(file).is_file(), "{file} missing");
    }
    let contributing = fs::read_to_string(site.join("CONTRIBUTING.md")).unwrap();
    assert!(
        contributing.contains("course: leading-difficult-conversations\n")
            && contributing.contains("by: priya-natarajan\n"),
        "{contributing}"
    );
    let check = outer.run(&["-C", "demo", "check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
}

/// README says how to install buyin before it uses the bare `buyin` command.
#[test]
fn readme_installs_buyin_before_using_it() {
    let readme = fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let install = readme
        .find("cargo install --path .")
        .expect("README says `cargo install --path .`");
    let first_use = readme.find("`buyin ").expect("README uses buyin");
    assert!(
        install < first_use,
        "README uses `buyin` before installing it"
    );
}
