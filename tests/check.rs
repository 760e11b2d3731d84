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
