//! Every kind of content mistake is reported at its file, line and column, in plain words,
//! with exit code 1. Each case compares the whole of what `buyin check` printed.

use crate::support::{COURSE, ENDORSEMENT, MEETING, POLL, PRIYA, SITE_YAML, Site};

/// Runs `check`, asserts it failed with exit code 1, and returns what it printed.
fn failing_check(site: &Site) -> String {
    let run = site.check();
    assert_eq!(run.code, 1, "expected exit 1, got:\n{}", run.stderr);
    assert_eq!(run.stdout, "");
    run.stderr
}

macro_rules! error_case {
    ($name:ident, $site:expr) => {
        #[test]
        fn $name() {
            let site: Site = $site;
            insta::assert_snapshot!(stringify!($name), failing_check(&site));
        }
    };
}

error_case!(
    unknown_leader_suggests_the_closest_id,
    Site::valid().file(
        "content/endorsements/ldc-priya.yaml",
        &ENDORSEMENT.replace("by: priya-natarajan", "by: priya-natrajan")
    )
);

error_case!(
    unknown_course_in_endorsement,
    Site::valid().file(
        "content/endorsements/ldc-priya.yaml",
        &ENDORSEMENT.replace(
            "course: leading-difficult-conversations",
            "course: leading-dificult-conversations"
        )
    )
);

error_case!(
    unknown_session_lists_the_course_sessions,
    Site::valid().file(
        "content/endorsements/ldc-priya.yaml",
        &ENDORSEMENT.replace("attend: leeds-dec", "attend: [online-jan, leeds-jan]")
    )
);

error_case!(
    unknown_department_in_course,
    Site::valid().file(
        "content/courses/leading-difficult-conversations.md",
        &COURSE.replace(
            "departments: [operations]",
            "departments: [operations, finanse]"
        )
    )
);

error_case!(
    unknown_poll_problem_in_course,
    Site::valid().file(
        "content/courses/leading-difficult-conversations.md",
        &COURSE.replace("addresses: [hard-talks]", "addresses: [hard-talk]")
    )
);

error_case!(
    unknown_leaders_in_meeting,
    Site::valid().file(
        "content/meetings/ops-briefing.yaml",
        &MEETING
            .replace("tom-okafor]", "tom-okafr]")
            .replace("owner: priya-natarajan", "owner: priya")
    )
);

error_case!(
    unknown_leader_in_sign_off,
    Site::valid().file(
        "content/courses/leading-difficult-conversations.md",
        &COURSE.replace("sign_off: priya-natarajan", "sign_off: tom-okafo")
    )
);

error_case!(
    unknown_department_of_leader,
    Site::valid().file(
        "content/leaders/priya-natarajan.yaml",
        &PRIYA.replace("department: operations", "department: ops")
    )
);

error_case!(
    duplicate_problem_id_across_polls,
    Site::valid().file("content/polls/second.yaml", POLL)
);

error_case!(
    duplicate_endorsement_by_the_same_leader,
    Site::valid().file("content/endorsements/again.yaml", ENDORSEMENT)
);

error_case!(
    duplicate_session_id,
    Site::valid().file(
        "content/courses/leading-difficult-conversations.md",
        &COURSE.replace("id: online-jan", "id: leeds-dec")
    )
);

error_case!(
    duplicate_course_in_both_forms,
    Site::valid().file(
        "content/courses/leading-difficult-conversations/index.md",
        COURSE
    )
);

error_case!(
    duplicate_department_in_site_yaml,
    Site::valid().file(
        "site.yaml",
        &format!("{SITE_YAML}  - id: finance\n    name: Money\n")
    )
);

error_case!(
    missing_required_field,
    Site::valid().file(
        "content/endorsements/ldc-priya.yaml",
        &ENDORSEMENT.replace("by: priya-natarajan\n", "")
    )
);

error_case!(
    missing_title_in_front_matter,
    Site::valid().file(
        "content/courses/leading-difficult-conversations.md",
        &COURSE.replace("title: Leading Difficult Conversations\n", "")
    )
);

error_case!(
    wrong_type_for_a_number,
    Site::valid().file(
        "content/polls/pulse.yaml",
        &POLL.replace("respondents: 40", "respondents: forty")
    )
);

error_case!(
    wrong_type_for_a_list,
    Site::valid().file(
        "content/meetings/ops-briefing.yaml",
        &MEETING.replace(
            "attendees: [priya-natarajan, tom-okafor]",
            "attendees:\n  name: priya-natarajan"
        )
    )
);

error_case!(
    bad_date_in_endorsement,
    Site::valid().file(
        "content/endorsements/ldc-priya.yaml",
        &ENDORSEMENT.replace("date: 2026-10-14", "date: 14/10/2026")
    )
);

error_case!(
    impossible_date_in_session,
    Site::valid().file(
        "content/courses/leading-difficult-conversations.md",
        &COURSE.replace("date: 2027-01-14", "date: 2027-02-30")
    )
);

error_case!(
    bad_time_in_session,
    Site::valid().file(
        "content/courses/leading-difficult-conversations.md",
        &COURSE.replace("start: \"13:00\"", "start: 1pm")
    )
);

error_case!(
    session_ends_before_it_starts,
    Site::valid().file(
        "content/courses/leading-difficult-conversations.md",
        &COURSE.replace("end: \"15:00\"", "end: \"12:00\"")
    )
);

error_case!(
    misspelt_field_suggests_the_right_one,
    Site::valid().file(
        "content/endorsements/ldc-priya.yaml",
        &ENDORSEMENT.replace("quote:", "qoute:")
    )
);

error_case!(
    value_not_in_the_allowed_list,
    Site::valid().file(
        "content/leaders/priya-natarajan.yaml",
        &PRIYA.replace("seniority: executive", "seniority: exec")
    )
);

error_case!(
    course_without_front_matter,
    Site::valid().file(
        "content/courses/leading-difficult-conversations.md",
        "# Leading Difficult Conversations\n\nNo front matter here.\n"
    )
);

error_case!(
    front_matter_never_closed,
    Site::valid().file(
        "content/courses/leading-difficult-conversations.md",
        "---\ntitle: Leading Difficult Conversations\nsummary: x\n"
    )
);

error_case!(
    invalid_yaml_syntax,
    Site::valid().file(
        "content/endorsements/ldc-priya.yaml",
        &ENDORSEMENT.replace(
            "quote: I will be in the room in Leeds.",
            "quote: \"I will be in the room\" in Leeds."
        )
    )
);

error_case!(
    file_that_is_not_utf8,
    Site::valid().bytes(
        "content/endorsements/ldc-priya.yaml",
        b"course: leading-difficult-conversations\nby: priya-natarajan\nquote: caf\xe9\n"
    )
);

error_case!(
    empty_record_file,
    Site::valid().file("content/endorsements/ldc-priya.yaml", "\n")
);

error_case!(
    file_name_that_is_not_an_id,
    Site::valid().file("content/leaders/Tom Okafor.yaml", PRIYA)
);

error_case!(
    script_link_in_course_body,
    Site::valid().file(
        "content/courses/leading-difficult-conversations.md",
        &format!("{COURSE}\nSee [the slides](javascript:alert(document.cookie)).\n")
    )
);

error_case!(
    script_link_as_session_link,
    Site::valid().file(
        "content/courses/leading-difficult-conversations.md",
        &COURSE.replace(
            "link: https://meet.example.org/abc",
            "link: javascript:alert(1)"
        )
    )
);

error_case!(
    photo_that_does_not_exist,
    Site::valid().file(
        "content/leaders/priya-natarajan.yaml",
        &format!("{PRIYA}photo: photos/priya.jpg\n")
    )
);

error_case!(
    outcome_without_decision_or_commitment,
    Site::valid().file(
        "content/meetings/ops-briefing.yaml",
        &MEETING.replace(
            "    decision: Every new manager attends within six months.\n",
            ""
        )
    )
);

error_case!(missing_site_yaml, Site::valid().remove("site.yaml"));

error_case!(
    template_error_in_a_site_theme,
    Site::valid().file(
        "themes/default/templates/course.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ course.titel }}</h1>\n{% endblock content %}\n"
    )
);

error_case!(
    template_syntax_error_in_a_site_theme,
    Site::valid().file(
        "themes/default/templates/leader.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ leader.name }</h1>\n{% endblock content %}\n"
    )
);

error_case!(
    template_asks_for_a_sentence_the_theme_does_not_have,
    Site::valid().file(
        "themes/default/templates/polls.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ t(key=\"polls.heading\") }}</h1>\n{% endblock content %}\n"
    )
);

error_case!(
    unreadable_wording_file_in_a_site_theme,
    Site::valid().file(
        "themes/default/i18n/en.yaml",
        "senior:\n  attending:\n    short: Yes\n  observing:\n    short: [Dropping, in]\n"
    )
);

/// The valid course with `extra` added to its front matter.
fn course_with(extra: &str) -> String {
    COURSE.replacen(
        "tags: [communication]\n",
        &format!("tags: [communication]\n{extra}"),
        1,
    )
}

const QUESTION: &str = "course: leading-difficult-conversations\nasked: 2026-10-21\nquestion: Is there cover for the day?\n";

error_case!(
    unknown_course_in_requires,
    Site::valid().file(
        "content/courses/leading-difficult-conversations.md",
        &course_with("requires: [first-time-managers]\n")
    )
);

error_case!(
    course_that_requires_itself,
    Site::valid().file(
        "content/courses/leading-difficult-conversations.md",
        &course_with("requires: [leading-difficult-conversations]\n")
    )
);

error_case!(
    courses_that_require_each_other,
    Site::valid()
        .file(
            "content/courses/leading-difficult-conversations.md",
            &course_with("requires: [coaching]\n")
        )
        .file(
            "content/courses/coaching.md",
            "---\ntitle: Coaching\nsummary: Coaching.\ndepartments: [operations]\nformat: coaching\nrequires: [leading-difficult-conversations]\n---\nBody.\n"
        )
);

error_case!(
    empty_manager_brief,
    Site::valid().file(
        "content/courses/leading-difficult-conversations.md",
        &course_with("manager_brief:\n  before: []\n")
    )
);

error_case!(
    misspelt_field_in_manager_brief,
    Site::valid().file(
        "content/courses/leading-difficult-conversations.md",
        &course_with("manager_brief:\n  bfore:\n    - Talk it through\n")
    )
);

error_case!(
    booking_link_that_is_not_an_address,
    Site::valid().file(
        "content/courses/leading-difficult-conversations.md",
        &course_with("enrol: the LMS\n")
    )
);

error_case!(
    waiting_list_link_that_runs_code,
    Site::valid().file(
        "content/courses/leading-difficult-conversations.md",
        &COURSE.replace(
            "    location: Leeds, Room 4\n",
            "    location: Leeds, Room 4\n    full: true\n    waitlist: javascript:alert(1)\n"
        )
    )
);

error_case!(
    leader_contact_that_is_not_mail_or_https,
    Site::valid().file(
        "content/leaders/priya-natarajan.yaml",
        &format!("{PRIYA}contact: http://intranet.example.org/priya\n")
    )
);

error_case!(
    leader_contact_without_mailto,
    Site::valid().file(
        "content/leaders/priya-natarajan.yaml",
        &format!("{PRIYA}contact: priya.natarajan@northwind.example\n")
    )
);

error_case!(
    site_ask_url_that_is_not_an_address,
    Site::valid().file("site.yaml", &format!("{SITE_YAML}ask_url: learning team\n"))
);

error_case!(
    completed_after_today,
    Site::valid().file(
        "content/endorsements/ldc-priya.yaml",
        &format!("{ENDORSEMENT}  completed: 2027-05-14\n")
    )
);

error_case!(
    follow_up_that_is_not_a_period,
    Site::valid().file(
        "content/endorsements/ldc-priya.yaml",
        &format!("{ENDORSEMENT}  follow_up: soon after\n")
    )
);

error_case!(
    question_about_unknown_course,
    Site::valid().file(
        "content/questions/cover.yaml",
        &QUESTION.replace(
            "leading-difficult-conversations",
            "leading-dificult-conversations"
        )
    )
);

error_case!(
    question_at_unknown_session,
    Site::valid().file(
        "content/questions/cover.yaml",
        &format!("{QUESTION}session: leeds-december\n")
    )
);

error_case!(
    question_answered_by_unknown_leader,
    Site::valid().file(
        "content/questions/cover.yaml",
        &format!("{QUESTION}answer: Yes.\nanswered_by: priya\nanswered: 2026-10-22\n")
    )
);

error_case!(
    answer_without_who_or_when,
    Site::valid().file(
        "content/questions/cover.yaml",
        &format!("{QUESTION}answer: Yes, the bank covers it.\n")
    )
);

error_case!(
    answer_dated_before_the_question,
    Site::valid().file(
        "content/questions/cover.yaml",
        &format!("{QUESTION}answer: Yes.\nanswered_by: priya-natarajan\nanswered: 2026-10-01\n")
    )
);

error_case!(
    question_asked_after_today,
    Site::valid().file(
        "content/questions/cover.yaml",
        &QUESTION.replace("2026-10-21", "2026-12-21")
    )
);

error_case!(
    question_with_the_example_text,
    Site::valid().file(
        "content/questions/cover.yaml",
        &QUESTION.replace(
            "Is there cover for the day?",
            "The learner's question, in their words."
        )
    )
);

error_case!(
    question_without_a_question,
    Site::valid().file(
        "content/questions/cover.yaml",
        "course: leading-difficult-conversations\nasked: 2026-10-21\n"
    )
);

/// A manager's pull request with several mistakes in several files gets them all in one
/// run, sorted by file and line.
#[test]
fn every_problem_is_reported_at_once() {
    let site = Site::valid()
        .file(
            "content/endorsements/ldc-priya.yaml",
            &ENDORSEMENT.replace("by: priya-natarajan", "by: priya-natrajan"),
        )
        .file(
            "content/endorsements/ldc-tom.yaml",
            "course: leading-difficult-conversations\nby: tom-okafor\ndate: 2026-10-20\ncommitments:\n  observe: online-feb\n",
        )
        .file(
            "content/endorsements/old.yaml",
            "course: leading-difficult-conversations\nby: tom-okafor\ndate: 2026-14-10\n",
        )
        .file(
            "content/courses/leading-difficult-conversations.md",
            &COURSE.replace("departments: [operations]", "departments: [operation]"),
        )
        .file(
            "content/meetings/ops-briefing.yaml",
            &MEETING.replace("tom-okafor]", "tom]"),
        );
    insta::assert_snapshot!(failing_check(&site));
}

/// References to a record whose own file is broken are not reported a second time.
#[test]
fn a_broken_leader_file_is_reported_once() {
    let site = Site::valid().file(
        "content/leaders/priya-natarajan.yaml",
        &PRIYA.replace("seniority: executive", "seniority: [executive]"),
    );
    insta::assert_snapshot!(failing_check(&site));
}

/// Warnings are shown but do not fail the check.
#[test]
fn stale_endorsements_and_courses_without_backing_are_warnings() {
    let site = Site::valid()
        .file(
            "content/endorsements/ldc-priya.yaml",
            &ENDORSEMENT.replace("date: 2026-10-14", "date: 2025-06-30"),
        )
        .file(
            "content/courses/data-protection.md",
            "---\ntitle: Data Protection Essentials\nsummary: Handle personal data safely.\ndepartments: [finance]\nformat: e-learning\n---\nBody.\n",
        );
    let run = site.check();
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!(run.stderr);
}

error_case!(
    photo_that_is_a_script_url,
    Site::valid().file(
        "content/leaders/priya-natarajan.yaml",
        &format!("{PRIYA}photo: \"javascript:alert(1)\"\n")
    )
);

#[cfg(unix)]
#[test]
fn link_to_a_file_outside_the_site_is_refused() {
    let outside = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(outside.path(), PRIYA).unwrap();
    let site = Site::valid();
    std::os::unix::fs::symlink(
        outside.path(),
        site.path().join("content/leaders/mallory.yaml"),
    )
    .unwrap();
    let stderr = failing_check(&site);
    assert_eq!(
        stderr,
        "error[link-outside-site]: `content/leaders/mallory.yaml` is a link to a file outside the site folder\n\
         --> content/leaders/mallory.yaml\n \
         = help: copy the file into the site instead of linking to it\n\n\
         error: could not check the site: 1 error"
    );
}

error_case!(
    votes_larger_than_the_respondents,
    Site::valid().file(
        "content/polls/pulse.yaml",
        &POLL.replace("votes: 25", "votes: 4000000000")
    )
);

error_case!(
    script_link_in_meeting_summary,
    Site::valid().file(
        "content/meetings/ops-briefing.yaml",
        &MEETING.replace(
            "summary: We walked through the *new* objectives.",
            "summary: |\n  We walked through the *new* objectives.\n\n  Slides: [here](javascript:steal())"
        )
    )
);

error_case!(
    field_written_twice,
    Site::valid().file(
        "content/endorsements/ldc-priya.yaml",
        &format!("{ENDORSEMENT}by: tom-okafor\n")
    )
);

/// The mistakes managers make in one file are all reported in one run, each at its own
/// line: a misspelt leader, a date in words, a misspelt session and `yes` for `true`.
#[test]
fn four_mistakes_in_one_file_are_all_reported() {
    let site = Site::valid().file(
        "content/endorsements/ldc-priya.yaml",
        "course: leading-difficult-conversations\nby: priya-natrajan\ndate: 14 Oct 2026\nquote: I will be in the room.\ncommitments:\n  attend: leeds-decc\n  sign_off: yes\n",
    );
    insta::assert_snapshot!(failing_check(&site));
}

error_case!(
    hash_in_text_would_cut_it_short,
    Site::valid().file(
        "content/endorsements/ldc-priya.yaml",
        &ENDORSEMENT.replace(
            "quote: I will be in the room in Leeds.",
            "quote: We are #1 in the region"
        )
    )
);

error_case!(
    tab_used_for_indentation,
    Site::valid().file(
        "content/endorsements/ldc-priya.yaml",
        &ENDORSEMENT.replace("  sign_off: true", "\tsign_off: true")
    )
);

error_case!(
    non_breaking_spaces_used_for_indentation,
    Site::valid().file(
        "content/endorsements/ldc-priya.yaml",
        &ENDORSEMENT.replace("  sign_off: true", "\u{a0}\u{a0}sign_off: true")
    )
);

error_case!(
    zero_width_space_inside_an_id,
    Site::valid().file(
        "content/endorsements/ldc-priya.yaml",
        &ENDORSEMENT.replace("by: priya-natarajan", "by: priya\u{200b}-natarajan")
    )
);

// The commonest mistake: a second line of quote that is not indented. The message is
// on that line (line 5 of 5), not past the end of the file.
error_case!(
    two_line_quote_without_a_block_marker,
    Site::valid().file(
        "content/endorsements/ldc-priya.yaml",
        "course: leading-difficult-conversations\nby: priya-natarajan\ndate: 2026-10-14\nquote: I will be in the room in Leeds.\nSee you there.\n"
    )
);

error_case!(
    no_space_after_the_colon,
    Site::valid().file(
        "content/endorsements/ldc-priya.yaml",
        &ENDORSEMENT.replace(
            "quote: I will be in the room in Leeds.",
            "quote:I will be in the room in Leeds."
        )
    )
);

error_case!(
    colon_and_space_inside_text,
    Site::valid().file(
        "content/endorsements/ldc-priya.yaml",
        &ENDORSEMENT.replace(
            "quote: I will be in the room in Leeds.",
            "quote: My promise: I will be in the room."
        )
    )
);

error_case!(
    quote_mark_never_closed,
    Site::valid().file(
        "content/endorsements/ldc-priya.yaml",
        &ENDORSEMENT.replace(
            "quote: I will be in the room in Leeds.",
            "quote: \"I will be in the room in Leeds."
        )
    )
);

error_case!(
    field_indented_more_than_the_one_above,
    Site::valid().file(
        "content/endorsements/ldc-priya.yaml",
        &ENDORSEMENT.replace("by: priya-natarajan", "  by: priya-natarajan")
    )
);

error_case!(
    commitment_not_lined_up,
    Site::valid().file(
        "content/endorsements/ldc-priya.yaml",
        &ENDORSEMENT.replace("  sign_off: true", " sign_off: true")
    )
);

error_case!(
    commitment_written_outside_commitments,
    Site::valid().file(
        "content/endorsements/ldc-priya.yaml",
        "course: leading-difficult-conversations\nby: priya-natarajan\ndate: 2026-10-14\nattend: leeds-dec\n"
    )
);

error_case!(
    misspelt_commitment_is_not_a_commitment,
    Site::valid().file(
        "content/endorsements/ldc-priya.yaml",
        &ENDORSEMENT.replace("attend: leeds-dec", "atend: leeds-dec")
    )
);

error_case!(
    several_sessions_without_brackets,
    Site::valid().file(
        "content/endorsements/ldc-priya.yaml",
        &ENDORSEMENT.replace("attend: leeds-dec", "attend: leeds-dec, online-jan")
    )
);

// A block written twice is merged for checking, and the message says to merge it.
error_case!(
    commitments_written_twice,
    Site::valid().file(
        "content/endorsements/ldc-priya.yaml",
        &format!("{ENDORSEMENT}commitments:\n  sponsor: yes\n")
    )
);

error_case!(
    endorsement_left_as_buyin_new_wrote_it,
    Site::valid().file(
        "content/endorsements/ldc-priya.yaml",
        "course: leading-difficult-conversations\nby: priya-natarajan\ndate: 2026-11-20\nquote: >\n  Why I back this course, and what I will do for it.\ncommitments:\n  sign_off: false\n"
    )
);

error_case!(
    endorsement_dated_after_today,
    Site::valid().file(
        "content/endorsements/ldc-priya.yaml",
        &ENDORSEMENT.replace("date: 2026-10-14", "date: 2099-10-14")
    )
);

error_case!(
    endorsement_in_a_capitalised_folder,
    Site::valid()
        .remove("content/endorsements/ldc-priya.yaml")
        .file("content/Endorsements/ldc-priya.yaml", ENDORSEMENT)
);

error_case!(
    endorsement_in_a_singular_folder,
    Site::valid()
        .remove("content/endorsements/ldc-priya.yaml")
        .file("content/endorsement/ldc-priya.yaml", ENDORSEMENT)
);

error_case!(
    endorsement_directly_in_content,
    Site::valid()
        .remove("content/endorsements/ldc-priya.yaml")
        .file("content/ldc-priya.yaml", ENDORSEMENT)
);

error_case!(
    endorsement_in_the_leaders_folder,
    Site::valid()
        .remove("content/endorsements/ldc-priya.yaml")
        .file("content/leaders/ldc-priya.yaml", ENDORSEMENT)
);

error_case!(
    endorsement_saved_with_a_txt_extension,
    Site::valid()
        .remove("content/endorsements/ldc-priya.yaml")
        .file("content/endorsements/ldc-priya.yaml.txt", ENDORSEMENT)
);

error_case!(
    course_page_in_a_record_folder,
    Site::valid().file("content/meetings/first-aid.md", COURSE)
);

/// Extensions are read whatever their case.
#[test]
fn extensions_in_capitals_are_read() {
    let site = Site::valid()
        .remove("content/endorsements/ldc-priya.yaml")
        .file("content/endorsements/LDC-Priya.YAML", ENDORSEMENT);
    let run = site.check();
    assert_eq!(run.code, 0, "{}", run.stderr);
}

error_case!(
    department_written_as_its_name,
    Site::valid().file(
        "content/leaders/priya-natarajan.yaml",
        &PRIYA.replace("department: operations", "department: Operations")
    )
);

error_case!(
    leader_written_as_a_full_name,
    Site::valid().file(
        "content/endorsements/ldc-priya.yaml",
        &ENDORSEMENT.replace("by: priya-natarajan", "by: Priya Natarajan")
    )
);

error_case!(
    record_saved_as_utf16,
    Site::valid().bytes("content/leaders/tom-okafor.yaml", &{
        let mut bytes = vec![0xff, 0xfe];
        bytes.extend("name: Tom\n".encode_utf16().flat_map(u16::to_le_bytes));
        bytes
    })
);

error_case!(
    second_document_in_a_record,
    Site::valid().file(
        "content/leaders/priya-natarajan.yaml",
        &PRIYA.replace("department: operations\n", "---\ndepartment: operations\n")
    )
);

error_case!(
    list_where_text_is_needed,
    Site::valid().file(
        "content/courses/leading-difficult-conversations.md",
        &COURSE.replace(
            "summary: Raise problems early and kindly.",
            "summary:\n  - Raise problems early\n  - and kindly."
        )
    )
);

error_case!(
    commitment_written_on_the_commitments_line,
    Site::valid().file(
        "content/endorsements/ldc-priya.yaml",
        "course: leading-difficult-conversations\nby: priya-natarajan\ndate: 2026-10-14\ncommitments: attend: leeds-dec\n"
    )
);

error_case!(
    objectives_written_as_a_paragraph,
    Site::valid().file(
        "content/courses/leading-difficult-conversations.md",
        &COURSE.replace(
            "objectives:\n  - Open a difficult conversation in two minutes",
            "objectives: Open a difficult conversation in two minutes"
        )
    )
);

error_case!(
    leader_with_an_empty_name,
    Site::valid().file(
        "content/leaders/priya-natarajan.yaml",
        &PRIYA.replace("name: Priya Natarajan", "name:")
    )
);

error_case!(
    two_leaders_in_one_endorsement,
    Site::valid().file(
        "content/endorsements/ldc-priya.yaml",
        &ENDORSEMENT.replace("by: priya-natarajan", "by: priya-natarajan, tom-okafor")
    )
);

/// A photo saved in content/ is not published: a warning says where it goes.
#[test]
fn photo_saved_in_content_is_a_warning() {
    let site = Site::valid().bytes("content/priya.jpg", b"\xff\xd8\xff");
    let run = site.check();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "warning[stray-file]: `content/priya.jpg` is not published: buyin reads only pages and records in content/\n\
         --> content/priya.jpg\n \
         = help: files to publish as they are (photos, documents) go in static/, for example static/photos/priya.jpg\n\n\
         warning: 1 warning\n\
         the site is ready to publish: no errors"
    );
}

error_case!(
    meeting_dated_after_today,
    Site::valid().file(
        "content/meetings/ops-briefing.yaml",
        &MEETING.replace("date: 2026-09-18", "date: 2026-12-18")
    )
);

/// Whether `text` uses a word programmers use for what managers call text and lists.
fn programmers_word(text: &str) -> Option<&'static str> {
    let words: Vec<String> = text
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .map(str::to_string)
        .collect();
    [
        "string", "strings", "sequence", "mapping", "struct", "u32", "enum", "boolean",
    ]
    .into_iter()
    .find(|w| words.iter().any(|x| x == w))
}

/// Messages speak of text, lists and groups of fields, never of strings or maps.
#[test]
fn no_message_uses_programmers_words() {
    let snapshots = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    for entry in std::fs::read_dir(snapshots).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        // Only what buyin wrote: the lines of messages, not the files they quote.
        for line in text
            .lines()
            .filter(|l| l.starts_with("error") || l.starts_with("warning") || l.contains("= help:"))
        {
            if let Some(word) = programmers_word(line) {
                panic!("{}: `{word}` in {line}", path.display());
            }
        }
    }
    for code in buyin::codes::ALL {
        for text in [code.says, code.meaning, code.fix] {
            assert_eq!(programmers_word(text), None, "{}: {text}", code.name);
        }
    }
}

/// A layout mistake does not hide the others: the line is mended as it was most likely
/// meant and the file read on, so every problem is in the first report.
#[test]
fn a_syntax_mistake_does_not_hide_the_others() {
    let site = Site::valid().file(
        "content/endorsements/ldc-priya.yaml",
        "course: leading-difficult-conversations\nby: priya-natrajan\ndate: 14 Oct 2026\nquote: I will be in the room.\nSee you there.\ncommitments:\n\tattend: leeds-decc\n  sign_off: yes\n",
    );
    insta::assert_snapshot!(failing_check(&site));
}

error_case!(
    site_timezone_written_as_a_city,
    Site::valid().file("site.yaml", &format!("{SITE_YAML}timezone: London\n"))
);

error_case!(
    session_timezone_that_does_not_exist,
    Site::valid().file(
        "content/courses/leading-difficult-conversations.md",
        &COURSE.replacen(
            "    link: https://meet.example.org/abc\n",
            "    link: https://meet.example.org/abc\n    timezone: America/NewYork\n",
            1
        )
    )
);

error_case!(
    translation_of_a_course_that_does_not_exist,
    Site::valid()
        .file("site.yaml", &format!("{SITE_YAML}languages: [en, fr]\n"))
        .file(
            "content/courses/leading-dificult-conversations.fr.md",
            "---\ntitle: Mener les conversations difficiles\n---\n"
        )
);

error_case!(
    translation_into_a_language_the_site_does_not_have,
    Site::valid().file(
        "content/courses/leading-difficult-conversations.fr.md",
        "---\ntitle: Mener les conversations difficiles\n---\n"
    )
);

error_case!(
    record_translated_into_an_unknown_language,
    Site::valid()
        .file("site.yaml", &format!("{SITE_YAML}languages: [en, fr]\n"))
        .file(
            "content/leaders/priya-natarajan.yaml",
            &format!("{PRIYA}translations:\n  fe:\n    title: Directrice des opérations\n")
        )
);

error_case!(
    site_translation_of_an_unknown_department,
    Site::valid().file(
        "site.yaml",
        &format!(
            "{SITE_YAML}languages: [en, fr]\ntranslations:\n  fr:\n    departments:\n      operation: Exploitation\n"
        )
    )
);

error_case!(
    language_that_is_not_a_code,
    Site::valid().file(
        "site.yaml",
        &format!("{SITE_YAML}languages: [en, French]\n")
    )
);
