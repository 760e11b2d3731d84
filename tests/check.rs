//! `buyin check` as the pull-request gate: its three output formats, warnings and
//! `--deny-warnings`.

use crate::support::{COURSE, ENDORSEMENT, PRIYA, Site};

fn two_mistakes() -> Site {
    Site::valid()
        .file(
            "content/endorsements/ldc-priya.yaml",
            &ENDORSEMENT.replace("by: priya-natarajan", "by: priya-natrajan"),
        )
        .file(
            "content/leaders/tom-okafor.yaml",
            "name: Tom Okafor\ntitle: Team Leader\ndepartment: finance\nseniority: manger\n",
        )
}

#[test]
fn github_format_puts_each_problem_on_the_diff() {
    let run = two_mistakes().run(&["check", "--format", "github"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stderr, "");
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn json_format_lists_every_field() {
    let run = two_mistakes().run(&["check", "--format", "json"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stderr, "");
    let parsed: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    assert_eq!(parsed.as_array().map(Vec::len), Some(2));
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn json_format_of_a_clean_site_is_an_empty_list() {
    let run = Site::valid().run(&["check", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout.trim(), "[]");
}

fn site_with_warnings() -> Site {
    let long_quote = "This course changed how my team works. ".repeat(20);
    Site::valid()
        .file(
            "content/endorsements/ldc-priya.yaml",
            &ENDORSEMENT
                .replace(
                    "attend: leeds-dec",
                    "attend: leeds-dec\n  observe: online-jan",
                )
                .replace(
                    "quote: I will be in the room in Leeds.",
                    &format!("quote: {long_quote}"),
                ),
        )
        .file(
            "content/courses/leading-difficult-conversations.md",
            &format!(
                "{}\n<div class=\"note\">Bring a <b>real</b> example.</div>\n",
                COURSE.replace("date: 2026-12-03", "date: 2026-11-03")
            ),
        )
        .file(
            "content/leaders/priya-natarajan.yaml",
            &PRIYA.replace("department: operations\n", ""),
        )
        .file(
            "content/questions/cover.yaml",
            "course: leading-difficult-conversations\nasked: 2026-10-01\nquestion: Is there cover for the day?\n",
        )
}

#[test]
fn warnings_are_explained_and_do_not_fail() {
    let run = site_with_warnings().check();
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn deny_warnings_fails_on_warnings() {
    let site = site_with_warnings();
    let run = site.run(&["check", "--deny-warnings"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .ends_with("warning: 4 warnings\nerror: warnings are not allowed (--deny-warnings)"),
        "{}",
        run.stderr
    );
    let clean = Site::valid().run(&["check", "--deny-warnings"]);
    assert_eq!(clean.code, 0, "{}", clean.stderr);
}

#[test]
fn raw_html_is_published_only_when_the_site_allows_it() {
    let site = site_with_warnings();
    assert_eq!(site.build().code, 0);
    let page = site.output("courses/leading-difficult-conversations.html");
    assert!(
        page.contains("&lt;div class=\"note\"&gt;"),
        "raw HTML was not escaped"
    );

    let site = site.file(
        "site.yaml",
        &format!("{}allow_raw_html: true\n", crate::support::SITE_YAML),
    );
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("this HTML is published as it is"),
        "{}",
        run.stderr
    );
    let page = site.output("courses/leading-difficult-conversations.html");
    assert!(page.contains("<div class=\"note\">Bring a <b>real</b> example.</div>"));
}

#[test]
fn usage_errors_exit_with_2() {
    let run = Site::valid().run(&["check", "--format", "xml"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("invalid value 'xml'"), "{}", run.stderr);
}

/// Warnings about healthy records are shown even when other files have errors.
#[test]
fn warnings_are_shown_beside_errors() {
    let site = site_with_warnings().file(
        "content/leaders/tom-okafor.yaml",
        "name: Tom Okafor\ntitle: Team Leader\ndepartment: finance\nseniority: manger\n",
    );
    let run = site.check();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("error[not-allowed-value]"),
        "{}",
        run.stderr
    );
    for warning in [
        "unanswered-question",
        "long-quote",
        "leader-without-department",
        "raw-html",
    ] {
        assert!(
            run.stderr.contains(&format!("warning[{warning}]")),
            "{warning} missing:\n{}",
            run.stderr
        );
    }
    assert!(
        run.stderr
            .ends_with("error: could not check the site: 1 error, 4 warnings"),
        "{}",
        run.stderr
    );
}

/// With `-C site`, every format names files from the folder buyin was started in, so
/// CI annotations land on the files of the pull request.
#[test]
fn paths_are_shown_from_the_folder_buyin_was_started_in() {
    let site = two_mistakes();
    let human = site.run_from_parent(&["check"], &[]);
    assert_eq!(human.code, 1);
    assert!(
        human
            .stderr
            .contains(" --> site/content/endorsements/ldc-priya.yaml:2:5\n"),
        "{}",
        human.stderr
    );
    let github = site.run_from_parent(&["check", "--format", "github"], &[]);
    assert!(
        github
            .stdout
            .starts_with("::error file=site/content/endorsements/ldc-priya.yaml,line=2,col=5,"),
        "{}",
        github.stdout
    );
    let json = site.run_from_parent(&["check", "--format", "json"], &[]);
    assert!(
        json.stdout
            .contains("\"file\": \"site/content/leaders/tom-okafor.yaml\""),
        "{}",
        json.stdout
    );
    let gitlab = site.run_from_parent(&["check", "--format", "gitlab"], &[]);
    let report: serde_json::Value = serde_json::from_str(&gitlab.stdout).expect("JSON");
    assert_eq!(
        report[0]["location"]["path"],
        "site/content/endorsements/ldc-priya.yaml"
    );
}

/// GitHub shows at most ten annotations of each kind; the job summary lists them all.
#[test]
fn github_job_summary_lists_every_problem() {
    let mut site = Site::valid();
    for i in 0..12 {
        site = site.file(
            &format!("content/endorsements/extra-{i:02}.yaml"),
            &format!(
                "course: leading-difficult-conversations\nby: nobody-{i}\ndate: 2026-10-14\nquote: A <b>bold</b> | piped claim\n"
            ),
        );
    }
    let summary = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(summary.path(), "previous step\n").unwrap();
    let path = summary.path().display().to_string();
    let run = site.run_from_parent(
        &["check", "--format", "github"],
        &[("GITHUB_STEP_SUMMARY", path.as_str())],
    );
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout.matches("::error ").count(), 12);
    assert!(
        run.stdout.ends_with(
            "::notice title=buyin check::12 errors and 0 warnings found; the pull request shows the first 10 of each, and the job summary lists them all\n"
        ),
        "{}",
        run.stdout
    );
    let written = std::fs::read_to_string(summary.path()).unwrap();
    assert!(
        written.starts_with("previous step\n## buyin check\n"),
        "{written}"
    );
    assert_eq!(
        written.matches("| error `unknown-leader` |").count(),
        12,
        "{written}"
    );
    assert!(
        written.contains(
            "| error `unknown-leader` | site/content/endorsements/extra-00.yaml:2:5 | there is no leader called `nobody-0` |"
        ),
        "{written}"
    );
}

/// The GitLab Code Quality report: every field GitLab reads, stable fingerprints.
#[test]
fn gitlab_format_is_a_code_quality_report() {
    let run = two_mistakes().run(&["check", "--format", "gitlab"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stderr, "");
    let again = two_mistakes().run(&["check", "--format", "gitlab"]);
    assert_eq!(run.stdout, again.stdout, "fingerprints change between runs");
    insta::assert_snapshot!(run.stdout);
}
