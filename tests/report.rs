//! The backing report for the learning team: `buyin report` as a table, CSV and JSON, and
//! the unlinked `report/index.html` page that `build` writes when site.yaml asks for it.

use std::process::Command;

use crate::support::{COURSE, ENDORSEMENT, SITE_YAML, Site, TODAY, main_of};

/// The exact stdout of `buyin report <args>` (`Site::run` joins lines with `\n`, which
/// would hide the CSV's CRLF line ends and the final newline).
fn report(site: &Site, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_buyin"))
        .arg("report")
        .args(args)
        .args(["--today", TODAY])
        .current_dir(site.path())
        .env("NO_COLOR", "1")
        .output()
        .expect("run buyin");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    String::from_utf8(out.stdout).expect("the report is UTF-8")
}

/// The valid site plus a draft course with an old endorsement and a course whose title a
/// spreadsheet would read as a formula.
fn site_with_gaps() -> Site {
    Site::valid()
        .file(
            "content/courses/budget-basics.md",
            "---\ntitle: Budget Basics\nsummary: Plan a year.\ndepartments: [finance]\nformat: e-learning\ndraft: true\n---\n",
        )
        .file(
            "content/endorsements/budget-tom.yaml",
            "course: budget-basics\nby: tom-okafor\ndate: 2025-01-10\n",
        )
        .file(
            "content/courses/formula.md",
            "---\ntitle: \"=HYPERLINK(\\\"https://evil.example\\\", \\\"Click, here\\\")\"\nsummary: S\ndepartments: [operations]\nformat: virtual\n---\n",
        )
}

#[test]
fn table() {
    insta::assert_snapshot!(report(&Site::valid(), &[]));
}

#[test]
fn table_with_drafts_stale_endorsements_and_gaps() {
    insta::assert_snapshot!(report(&site_with_gaps(), &[]));
}

#[test]
fn csv() {
    let csv = report(&Site::valid(), &["--format", "csv"]);
    // RFC 4180 ends every record with CRLF; compare the rest as text.
    assert!(csv.ends_with("\r\n"), "{csv:?}");
    assert_eq!(csv.matches("\r\n").count(), csv.matches('\n').count());
    insta::assert_snapshot!(csv.replace("\r\n", "\n"));
}

#[test]
fn csv_never_holds_a_spreadsheet_formula() {
    let csv = report(&site_with_gaps(), &["--format", "csv"]);
    let record = csv
        .split("\r\n")
        .find(|line| line.starts_with("formula,"))
        .unwrap_or_else(|| panic!("no record for the course in\n{csv}"));
    assert_eq!(
        record,
        "formula,\"'=HYPERLINK(\"\"https://evil.example\"\", \"\"Click, here\"\")\",false,0,0,,0,,,,false,false,false"
    );
    insta::assert_snapshot!(csv.replace("\r\n", "\n"));
}

#[test]
fn json() {
    let json = report(&Site::valid(), &["--format", "json"]);
    assert!(json.ends_with("}\n"), "{json}");
    insta::assert_snapshot!(json);
}

#[test]
fn json_marks_drafts_and_stale_endorsements() {
    let json = report(&site_with_gaps(), &["--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(value["today"], "2026-11-22");
    let budget = value["courses"]
        .as_array()
        .expect("a list of courses")
        .iter()
        .find(|c| c["slug"] == "budget-basics")
        .unwrap_or_else(|| panic!("the draft is in the report: {json}"));
    assert_eq!(budget["draft"], true);
    assert_eq!(
        budget["stale_endorsements"],
        serde_json::json!(["Tom Okafor"])
    );
    assert_eq!(budget["last_activity"], "2025-01-10");
    // Tom only endorses a draft, so Finance still has a leader backing nothing.
    let finance = value["departments"]
        .as_array()
        .expect("a list of departments")
        .iter()
        .find(|d| d["id"] == "finance")
        .unwrap_or_else(|| panic!("finance is in the report: {json}"));
    assert_eq!(finance["courses"], 0);
    assert_eq!(
        finance["leaders_backing_nothing"],
        serde_json::json!(["Tom Okafor"])
    );
}

#[test]
fn two_runs_give_identical_reports() {
    let site = site_with_gaps();
    for format in ["table", "csv", "json"] {
        assert_eq!(
            report(&site, &["--format", format]),
            report(&site, &["--format", format]),
            "{format}"
        );
    }
    assert_eq!(report(&site, &[]), report(&site, &["--format", "table"]));
}

#[test]
fn report_page_is_built_when_site_yaml_asks_for_it() {
    let site = site_with_gaps().file("site.yaml", &format!("{SITE_YAML}report: true\n"));
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = site.output("report/index.html");
    let main = main_of(&page);
    assert!(
        main.contains("<a href=\"../courses/leading-difficult-conversations.html\">"),
        "{main}"
    );
    assert!(
        !main.contains("courses/budget-basics.html"),
        "drafts have no page to link to: {main}"
    );
    insta::assert_snapshot!(main);
}

#[test]
fn report_page_is_not_built_by_default() {
    let site = Site::valid();
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!site.public().join("report").exists());
    // Nor is it linked from any page of the site.
    assert!(!site.output("index.html").contains("report/"));
}

#[test]
fn report_page_escapes_contributor_text() {
    let site = Site::valid()
        .file("site.yaml", &format!("{SITE_YAML}report: true\n"))
        .file(
            "content/courses/leading-difficult-conversations.md",
            &COURSE.replace(
                "title: Leading Difficult Conversations",
                "title: \"<script>alert(1)</script>\"",
            ),
        )
        .file(
            "content/endorsements/ldc-priya.yaml",
            &ENDORSEMENT.replace("date: 2026-10-14", "date: 2024-10-14"),
        );
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let main = main_of(&site.output("report/index.html"));
    assert!(!main.contains("<script>"), "{main}");
    assert!(
        main.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{main}"
    );
    assert!(
        main.contains("Priya Natarajan"),
        "stale endorsement listed: {main}"
    );
}
