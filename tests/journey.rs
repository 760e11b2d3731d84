//! Backing across the learning journey: the manager's brief and its sign-off form,
//! commitments before and after a course, learners' questions, who attended and who will,
//! how to join, and prerequisites.

use crate::support::{COURSE, ENDORSEMENT, Site, main_of};

const BRIEF: &str = "\
manager_brief:
  why: |
    Fewer problems reach **People & Culture** as grievances.
  before:
    - Ask which conversation they have been putting off
  after:
    - Review one real conversation together within six weeks
";

const ANSWERED: &str = "\
course: leading-difficult-conversations
asked: 2026-10-21
asked_by: A ward manager in Clinical Services
question: What if the person is senior to me?
answer: >
  Use the same four steps: they work upwards too.
answered_by: priya-natarajan
answered: 2026-10-28
";

/// The valid site with `extra` added to the course's front matter.
fn with_course(extra: &str) -> Site {
    Site::valid().file(
        "content/courses/leading-difficult-conversations.md",
        &COURSE.replacen(
            "tags: [communication]\n",
            &format!("tags: [communication]\n{extra}"),
            1,
        ),
    )
}

fn built(site: Site) -> Site {
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    site
}

#[test]
fn brief_page() {
    let site = built(with_course(BRIEF));
    insta::assert_snapshot!(main_of(
        &site.output("briefs/leading-difficult-conversations.html")
    ));
    let course = site.output("courses/leading-difficult-conversations.html");
    assert!(
        course.contains("href=\"../briefs/leading-difficult-conversations.html\""),
        "the course page links to its brief"
    );
    let leader = site.output("leaders/priya-natarajan.html");
    assert!(
        leader.contains("href=\"../briefs/leading-difficult-conversations.html\""),
        "the backing leader's page links to the brief"
    );
}

#[test]
fn a_course_without_a_brief_has_no_brief_page() {
    let site = built(Site::valid());
    assert!(!site.public().join("briefs").exists());
    assert!(
        !site
            .output("courses/leading-difficult-conversations.html")
            .contains("briefs/")
    );
}

#[test]
fn the_sign_off_form_prints_on_a_page_of_its_own() {
    let site = built(with_course(BRIEF));
    let page = site.output("briefs/leading-difficult-conversations.html");
    assert!(page.contains("<body class=\"page-brief\">"), "{page}");
    let css = site.output("style.css");
    for rule in [
        ".page-brief .site-header, .page-brief .site-footer",
        ".sign-off-form { break-before: page;",
    ] {
        assert!(css.contains(rule), "print styles miss {rule:?}");
    }
    // The objectives are the evidence points; the signer is named; rows are blank.
    let main = main_of(&page);
    assert!(
        main.contains("<tr><td>Open a difficult conversation in two minutes</td>"),
        "{main}"
    );
    assert!(
        main.contains("<th scope=\"row\">Signed off by</th><td>Priya Natarajan</td>"),
        "{main}"
    );
    assert!(
        main.contains("<th scope=\"row\">Learner</th><td></td>"),
        "{main}"
    );
}

#[test]
fn a_course_without_objectives_gets_a_form_with_rows_to_write_them_in() {
    let site = Site::valid().file(
        "content/courses/leading-difficult-conversations.md",
        &COURSE
            .replacen(
                "objectives:\n  - Open a difficult conversation in two minutes\n",
                "",
                1,
            )
            .replacen(
                "tags: [communication]\n",
                &format!("tags: [communication]\n{BRIEF}"),
                1,
            ),
    );
    let main = main_of(&built(site).output("briefs/leading-difficult-conversations.html"));
    assert!(
        main.contains("This course lists no objectives: write in what the learner should show"),
        "{main}"
    );
    assert_eq!(
        main.matches("<tr class=\"form-blank\"><td></td>").count(),
        4,
        "{main}"
    );
}

#[test]
fn course_journey() {
    let site = built(with_course(BRIEF).file(
        "content/endorsements/ldc-priya.yaml",
        &format!(
            "{ENDORSEMENT}  completed: 2025-05-14\n  follow_up: 4 weeks\n  brief_team: true\n"
        ),
    ));
    let main = main_of(&site.output("courses/leading-difficult-conversations.html"));
    let start = main
        .find("<section class=\"journey\"")
        .expect("a journey section");
    let end = main[start..].find("\n    </section>").expect("its end") + start;
    insta::assert_snapshot!(&main[start..end]);
    assert!(
        main.contains("<li>Took this course in May 2025</li>"),
        "{main}"
    );
    assert!(
        main.contains(
            "<li>Meets each learner within 4 weeks of the course to agree how to use it</li>"
        ),
        "{main}"
    );
}

#[test]
fn an_empty_phase_says_so_and_the_card_shows_all_three_in_words() {
    let site = built(Site::valid().file(
        "content/courses/leading-difficult-conversations.md",
        &COURSE.replace("sign_off: priya-natarajan\n", ""),
    ).file(
        "content/endorsements/ldc-priya.yaml",
        &ENDORSEMENT.replace("  sign_off: true\n", ""),
    ).file(
        "content/meetings/ops-briefing.yaml",
        "title: Operations briefing\ndate: 2026-09-18\nkind: briefing\nattendees: [tom-okafor]\n",
    ));
    let main = main_of(&site.output("courses/leading-difficult-conversations.html"));
    assert!(
        main.contains(
            "No leader has committed to follow up with learners or sign off completions yet."
        ),
        "{main}"
    );
    assert!(main.contains("class=\"phase phase-empty\""), "{main}");
    let catalog = main_of(&site.output("index.html"));
    assert!(
        catalog.contains("<div><dt>Before</dt><dd class=\"answer answer-no\">Not yet</dd></div><div><dt>During</dt><dd class=\"answer answer-yes\">Yes</dd></div><div><dt>After</dt><dd class=\"answer answer-no\">Not yet</dd></div>"),
        "{catalog}"
    );
    let check = site.check();
    assert!(
        check.stderr.contains("warning[no-after-support]: nobody supports learners after `leading-difficult-conversations`"),
        "{}",
        check.stderr
    );
}

#[test]
fn answered_questions_on_course_and_leader_pages() {
    let site = built(
        Site::valid()
            .file("content/questions/senior-colleague.yaml", ANSWERED)
            .file(
                "content/questions/waiting.yaml",
                "course: leading-difficult-conversations\nasked: 2026-11-20\nquestion: Is lunch provided?\n",
            ),
    );
    let course = main_of(&site.output("courses/leading-difficult-conversations.html"));
    let start = course
        .find("<h3 id=\"questions\">")
        .expect("a questions section");
    let end = course[start..].find("</ul>").expect("its end") + start + 5;
    insta::assert_snapshot!("question_on_course_page", &course[start..end]);
    assert!(
        !course.contains("Is lunch provided?"),
        "unanswered questions are not published"
    );
    let leader = main_of(&site.output("leaders/priya-natarajan.html"));
    let start = leader
        .find("<section aria-labelledby=\"answered\">")
        .expect("a questions section");
    let end = leader[start..].find("</section>").expect("its end") + start + 10;
    insta::assert_snapshot!("question_on_leader_page", &leader[start..end]);
    let feed = site.output("feed.xml");
    assert!(
        feed.contains("<title>Priya Natarajan answered a question about Leading Difficult Conversations</title>"),
        "{feed}"
    );
    assert!(
        feed.contains("courses/leading-difficult-conversations.html#question-senior-colleague"),
        "{feed}"
    );
    let report = site.run(&["report"]);
    assert!(
        report.stdout.contains("UNANSWERED QUESTIONS\n2026-11-20  2 days  leading-difficult-conversations\n    Is lunch provided?"),
        "{}",
        report.stdout
    );
}

#[test]
fn a_question_waiting_over_two_weeks_is_a_warning() {
    let site = Site::valid().file(
        "content/questions/waiting.yaml",
        "course: leading-difficult-conversations\nasked: 2026-11-01\nquestion: Is lunch provided?\n",
    );
    let run = site.check();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("warning[unanswered-question]: a question about `leading-difficult-conversations` has waited 21 days for an answer\n --> content/questions/waiting.yaml:2:8"),
        "{}",
        run.stderr
    );
    let fresh = site.run_on("2026-11-10", &["check"]);
    assert!(
        !fresh.stderr.contains("unanswered-question"),
        "{}",
        fresh.stderr
    );
}

/// On 3 December the Leeds session takes place; from the next day, Priya attended it.
#[test]
fn attending_becomes_attended_once_the_session_is_over() {
    let site = Site::valid();
    let before = site.run_on("2026-11-22", &["build"]);
    assert_eq!(before.code, 0, "{}", before.stderr);
    let page = main_of(&site.output("courses/leading-difficult-conversations.html"));
    assert!(
        page.contains("Yes. A senior leader is taking part in this course."),
        "{page}"
    );
    assert!(page.contains("Will attend: Priya Natarajan, Chief Operating Officer, on 3 December 2026 (Leeds, Room 4)."), "{page}");
    assert!(
        page.contains("Attends the 3 December 2026 session (Leeds, Room 4)"),
        "{page}"
    );

    let after = site.run_on("2026-12-04", &["build"]);
    assert_eq!(after.code, 0, "{}", after.stderr);
    let page = main_of(&site.output("courses/leading-difficult-conversations.html"));
    assert!(!page.contains("is taking part"), "{page}");
    assert!(
        page.contains("Yes. A senior leader has taken part in this course."),
        "{page}"
    );
    assert!(page.contains("Attended: Priya Natarajan, Chief Operating Officer, on 3 December 2026 (Leeds, Room 4)."), "{page}");
    assert!(
        page.contains("Attended the 3 December 2026 session (Leeds, Room 4)"),
        "{page}"
    );
    assert!(page.contains("This session has taken place."), "{page}");
    assert!(page.contains("Leaders who attended:"), "{page}");
    let card = main_of(&site.output("index.html"));
    assert!(
        card.contains("<dd class=\"answer answer-yes\">Took part</dd>"),
        "{card}"
    );
    let leader = main_of(&site.output("leaders/priya-natarajan.html"));
    assert!(
        leader.contains("Attended <a href=\"../courses/leading-difficult-conversations.html\">"),
        "{leader}"
    );
}

#[test]
fn a_senior_leader_who_took_the_course_is_the_answer() {
    let site = built(Site::valid().file(
        "content/endorsements/ldc-priya.yaml",
        &ENDORSEMENT.replace("  attend: leeds-dec\n", "  completed: 2025-05-14\n"),
    ));
    let main = main_of(&site.output("courses/leading-difficult-conversations.html"));
    assert!(
        main.contains("Yes. A senior leader has taken part in this course."),
        "{main}"
    );
    assert!(
        main.contains(
            "Took this course themselves: Priya Natarajan, Chief Operating Officer, in May 2025."
        ),
        "{main}"
    );
}

#[test]
fn booking_a_place_full_sessions_and_waiting_lists() {
    let site = built(
        Site::valid().file(
            "content/courses/leading-difficult-conversations.md",
            &COURSE
                .replace(
                    "    location: Leeds, Room 4\n",
                    "    location: Leeds, Room 4\n    capacity: 16\n    full: true\n    waitlist: https://lms.example.org/wait/leeds\n",
                )
                .replace(
                    "    link: https://meet.example.org/abc\n",
                    "    link: https://meet.example.org/abc\n    enrol: mailto:learning@example.org?subject=January\n",
                )
                .replace("tags: [communication]\n", "tags: [communication]\nenrol: https://lms.example.org/book/ldc\n"),
        ),
    );
    let main = main_of(&site.output("courses/leading-difficult-conversations.html"));
    assert!(
        main.contains("<a class=\"button button-primary\" href=\"https://lms.example.org/book/ldc\">Book a place</a>"),
        "{main}"
    );
    assert!(main.contains("16 places, as of 22 November 2026"), "{main}");
    assert!(
        main.contains("<strong>This session is full.</strong> <a class=\"button button-secondary\" href=\"https://lms.example.org/wait/leeds\">Join the waiting list</a>"),
        "{main}"
    );
    assert!(
        main.contains("<a class=\"button\" href=\"mailto:learning@example.org?subject=January\">Book this session</a>"),
        "{main}"
    );
    assert!(!main.contains("There is no booking link"), "{main}");
}

#[test]
fn a_course_with_no_way_to_join_says_whom_to_ask() {
    let site = built(Site::valid().file(
        "content/leaders/priya-natarajan.yaml",
        &format!(
            "{}contact: mailto:priya@example.org\n",
            crate::support::PRIYA
        ),
    ));
    let main = main_of(&site.output("courses/leading-difficult-conversations.html"));
    assert!(
        main.contains("There is no booking link for this course yet. Ask Priya Natarajan how to join. <a href=\"mailto:priya@example.org\">Ask Priya Natarajan a question</a>"),
        "{main}"
    );
    let leader = main_of(&site.output("leaders/priya-natarajan.html"));
    assert!(
        leader.contains("<a class=\"button button-secondary\" href=\"mailto:priya@example.org\">Ask Priya Natarajan a question</a>"),
        "{leader}"
    );
}

#[test]
fn the_site_ask_url_stands_in_for_leaders_without_a_contact() {
    let site = built(Site::valid().file(
        "site.yaml",
        &format!(
            "{}ask_url: https://intranet.example.org/ask\n",
            crate::support::SITE_YAML
        ),
    ));
    let leader = main_of(&site.output("leaders/tom-okafor.html"));
    assert!(
        leader.contains("href=\"https://intranet.example.org/ask\">Ask Tom Okafor a question</a>"),
        "{leader}"
    );
}

#[test]
fn prerequisites_are_shown_both_ways() {
    let site = built(
        Site::valid().file(
            "content/courses/coaching.md",
            "---\ntitle: Coaching for Performance\nsummary: Coaching.\ndepartments: [operations]\nformat: coaching\nrequires: [leading-difficult-conversations]\n---\nBody.\n",
        ),
    );
    let coaching = main_of(&site.output("courses/coaching.html"));
    assert!(
        coaching.contains("<div><dt>Take first</dt><dd><a href=\"../courses/leading-difficult-conversations.html\">Leading Difficult Conversations</a></dd></div>"),
        "{coaching}"
    );
    let ldc = main_of(&site.output("courses/leading-difficult-conversations.html"));
    assert!(
        ldc.contains("<div><dt>Leads on to</dt><dd><a href=\"../courses/coaching.html\">Coaching for Performance</a></dd></div>"),
        "{ldc}"
    );
}

/// A draft course is left out of what published pages say, and check says why.
#[test]
fn drafts_are_not_advertised_as_prerequisites_or_answered_about() {
    let site = Site::valid()
        .file(
            "content/courses/coaching.md",
            "---\ntitle: Coaching for Performance\nsummary: Coaching.\ndepartments: [operations]\nformat: coaching\ndraft: true\n---\nBody.\n",
        )
        .file(
            "content/courses/wellbeing.md",
            "---\ntitle: Wellbeing Check-ins\nsummary: Check-ins.\ndepartments: [operations]\nformat: virtual\ndraft: true\nrequires: [leading-difficult-conversations]\n---\nBody.\n",
        )
        .file(
            "content/courses/leading-difficult-conversations.md",
            &COURSE.replacen("tags: [communication]\n", "tags: [communication]\nrequires: [coaching]\n", 1),
        )
        .file(
            "content/questions/about-the-draft.yaml",
            &ANSWERED.replace("course: leading-difficult-conversations", "course: coaching"),
        );
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("warning[draft-course]: `coaching` is a draft, so this page does not say to take it first yet\n  --> content/courses/leading-difficult-conversations.md:23:11"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("warning[draft-course]: `coaching` is a draft, so this answer is not published yet\n --> content/questions/about-the-draft.yaml:1:9"),
        "{}",
        run.stderr
    );
    let ldc = main_of(&site.output("courses/leading-difficult-conversations.html"));
    assert!(!ldc.contains("Coaching for Performance"), "{ldc}");
    assert!(!ldc.contains("Wellbeing Check-ins"), "{ldc}");
    let leader = main_of(&site.output("leaders/priya-natarajan.html"));
    assert!(!leader.contains("What if the person is senior"), "{leader}");
}

#[test]
fn new_question_writes_a_file_that_is_not_published_until_filled_in() {
    let site = Site::valid();
    let run = site.run(&[
        "new",
        "question",
        "--course",
        "leading-difficult-conversations",
        "--question",
        "Is there cover for the day on the ward?",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(
        site.path()
            .join("content/questions/is-there-cover-for-the-day.yaml"),
    )
    .unwrap();
    assert!(
        text.contains("question: Is there cover for the day on the ward?\n"),
        "{text}"
    );
    assert!(text.contains("# session: leeds-dec"), "{text}");
    let check = site.check();
    assert_eq!(check.code, 0, "{}", check.stderr);
    let unknown = site.run(&[
        "new",
        "question",
        "--course",
        "leading-difficult-conversatons",
    ]);
    assert_eq!(unknown.code, 2, "{}", unknown.stderr);
    assert!(
        unknown.stderr.contains("leading-difficult-conversations"),
        "{}",
        unknown.stderr
    );
}
