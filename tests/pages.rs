//! What learners read: the `<main>` of each page type for a small site.

use crate::support::{Site, main_of};

fn built() -> Site {
    let site = Site::valid();
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    site
}

#[test]
fn course_page() {
    let site = built();
    insta::assert_snapshot!(main_of(
        &site.output("courses/leading-difficult-conversations.html")
    ));
}

#[test]
fn catalog_page() {
    insta::assert_snapshot!(main_of(&built().output("index.html")));
}

#[test]
fn leader_page() {
    insta::assert_snapshot!(main_of(&built().output("leaders/priya-natarajan.html")));
}

#[test]
fn meeting_page() {
    insta::assert_snapshot!(main_of(&built().output("meetings/ops-briefing.html")));
}

#[test]
fn polls_page() {
    insta::assert_snapshot!(main_of(&built().output("polls/index.html")));
}

#[test]
fn department_page() {
    insta::assert_snapshot!(main_of(&built().output("departments/operations.html")));
}

#[test]
fn course_without_backing_says_so() {
    let site = Site::valid()
        .remove("content/endorsements/ldc-priya.yaml")
        .file(
            "content/courses/leading-difficult-conversations.md",
            &crate::support::COURSE.replace("sign_off: priya-natarajan\n", ""),
        )
        .file(
            "content/meetings/ops-briefing.yaml",
            "title: Operations briefing\ndate: 2026-09-18\nkind: briefing\nattendees: [tom-okafor]\n",
        );
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let main = main_of(&site.output("courses/leading-difficult-conversations.html"));
    assert!(
        main.contains("No leader has endorsed this course yet."),
        "{main}"
    );
    assert!(
        main.contains("Not yet. No senior leader has committed to attend a session."),
        "{main}"
    );
    let catalog = main_of(&site.output("index.html"));
    assert!(
        catalog.contains("No leader has endorsed this course yet."),
        "{catalog}"
    );
}

#[test]
fn senior_leader_attending_is_answered_plainly() {
    let main = main_of(&built().output("courses/leading-difficult-conversations.html"));
    assert!(
        main.contains("Yes. A senior leader is taking part in this course."),
        "{main}"
    );
    assert!(
        main.contains(
            "Priya Natarajan, Chief Operating Officer, on 3 December 2026 (Leeds, Room 4)"
        ),
        "{main}"
    );
}

/// A site rewords one sentence by giving its key in its own strings file; every other
/// sentence keeps the theme's words.
#[test]
fn a_site_rewords_one_sentence_and_keeps_the_rest() {
    let site = Site::valid().file(
        "themes/default/i18n/en.yaml",
        "senior:\n  attending:\n    headline:\n      one: \"Yes: one of our senior leaders is taking this course with you.\"\n      other: \"Yes: {n} of our senior leaders are taking this course with you.\"\n",
    );
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let main = main_of(&site.output("courses/leading-difficult-conversations.html"));
    assert!(
        main.contains("Yes: one of our senior leaders is taking this course with you."),
        "{main}"
    );
    assert!(!main.contains("A senior leader is taking part"), "{main}");
    // The detail and the labels keep the theme's words.
    assert!(main.contains("Will attend: Priya Natarajan, Chief Operating Officer, on 3 December 2026 (Leeds, Room 4)."), "{main}");
    assert!(main.contains(">Executive<"), "{main}");
}

#[test]
fn self_paced_course_says_there_is_nothing_to_attend() {
    let site = Site::valid().file(
        "content/courses/data-protection.md",
        "---\ntitle: Data Protection Essentials\nsummary: Handle personal data safely.\ndepartments: [finance]\nformat: e-learning\n---\nBody.\n",
    );
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let main = main_of(&site.output("courses/data-protection.html"));
    assert!(
        main.contains("There are no sessions to attend: this course is taken at your own pace."),
        "{main}"
    );
    assert!(main.contains("No senior leader backs it yet."), "{main}");
    let catalog = main_of(&site.output("index.html"));
    assert!(
        catalog.contains("No leader has endorsed this course yet."),
        "{catalog}"
    );
}
