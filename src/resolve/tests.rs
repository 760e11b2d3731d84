//! Unit tests of resolving references and building lookups.
use std::path::PathBuf;
use std::sync::Arc;

use super::endorsements::literal as is_literal_block;
use super::*;
use crate::load::{Body, Record, SourceCourse, split_front_matter};
use crate::yaml::{self, YamlSource};

fn record<T: serde::de::DeserializeOwned>(id: &str, file: &str, text: &str) -> Arc<Record<T>> {
    let data = yaml::read(
        &YamlSource::whole_file(file, text),
        "a record",
        &yaml::Plain,
    )
    .value
    .expect("valid test record");
    Arc::new(Record {
        id: id.to_string(),
        file: file.to_string(),
        text: Arc::from(text),
        data,
        invalid: Default::default(),
    })
}

fn course(slug: &str, text: &str) -> Arc<SourceCourse> {
    let split = split_front_matter(text).expect("front matter");
    let file = format!("content/courses/{slug}.md");
    let src = YamlSource {
        file: &file,
        whole: text,
        yaml: &text[split.front.clone()],
        line_offset: 1,
    };
    let front = yaml::read(&src, "a course", &yaml::Plain)
        .value
        .expect("valid front matter");
    Arc::new(SourceCourse {
        slug: slug.to_string(),
        file: file.clone(),
        text: Arc::from(&text[..split.body.start]),
        body: Body::of(text, &split),
        front_range: split.front,
        front,
        invalid: Default::default(),
        assets: Vec::new(),
    })
}

fn source() -> SourceSite {
    SourceSite {
        root: PathBuf::from("."),
        config: record(
            "site",
            "site.yaml",
            "title: T\norganisation: O\ndepartments:\n  - id: ops\n    name: Operations\n",
        ),
        courses: vec![course(
            "intro",
            "---\ntitle: Intro\nsummary: S\ndepartments: [ops]\nformat: workshop\naddresses: [p1]\nsessions:\n  - id: s1\n    date: 2026-12-01\n    location: Room\n---\n",
        )],
        translations: Vec::new(),
        leaders: vec![
            record(
                "ann",
                "content/leaders/ann.yaml",
                "name: Ann\ntitle: CEO\nseniority: executive\n",
            ),
            record(
                "bob",
                "content/leaders/bob.yaml",
                "name: Bob\ntitle: Lead\nseniority: manager\n",
            ),
        ],
        endorsements: vec![
            record(
                "a",
                "content/endorsements/a.yaml",
                "course: intro\nby: ann\ndate: 2026-10-01\ncommitments:\n  attend: s1\n",
            ),
            record(
                "b",
                "content/endorsements/b.yaml",
                "course: intro\nby: bob\ndate: 2026-11-01\n",
            ),
        ],
        meetings: vec![record(
            "m",
            "content/meetings/m.yaml",
            "title: M\ndate: 2026-09-01\nkind: briefing\nattendees: [bob, ann]\noutcomes:\n  - course: intro\n    decision: D\n",
        )],
        polls: vec![record(
            "p",
            "content/polls/p.yaml",
            "question: Q\ndate: 2026-08-01\nrespondents: 10\nproblems:\n  - id: p0\n    text: Less\n    votes: 2\n    courses: [intro]\n  - id: p1\n    text: More\n    votes: 7\n",
        )],
        questions: Vec::new(),
        static_files: Vec::new(),
        broken: Default::default(),
    }
}

#[test]
fn quote_paragraphs_follow_the_yaml_style() {
    let folded: serde_yaml::Value =
        serde_yaml::from_str("quote: >\n  One\n  line.\n\n  Two.\n").unwrap();
    let folded = folded["quote"].as_str().unwrap();
    assert_eq!(quote_paragraphs(folded, false), ["One line.", "Two."]);
    let literal = "quote: |\n  One\n  line.\n\n  Two.\n";
    assert!(is_literal_block(literal, "quote"));
    let value: serde_yaml::Value = serde_yaml::from_str(literal).unwrap();
    assert_eq!(
        quote_paragraphs(value["quote"].as_str().unwrap(), true),
        ["One line.", "Two."]
    );
    assert!(!is_literal_block("quote: \"a | b\"\n", "quote"));
}

#[test]
fn references_become_indexes_and_lookups() {
    let (site, diags) = resolve(source());
    assert!(diags.is_empty(), "{:?}", diags.sorted());
    assert_eq!(
        site.leaders
            .iter()
            .map(|l| l.id.as_str())
            .collect::<Vec<_>>(),
        ["ann", "bob"]
    );
    // Newest endorsement first; each indexed by course and leader.
    let (ann, bob) = (LeaderId::new(0), LeaderId::new(1));
    let (first, second) = (EndorsementId::new(0), EndorsementId::new(1));
    assert_eq!(site.endorsements[0].leader, bob);
    assert_eq!(site.endorsements_by_course[0], vec![first, second]);
    assert_eq!(site.endorsements_by_leader[0], vec![second]);
    assert_eq!(site.endorsements[1].attend, vec![SessionId::new(0)]);
    assert_eq!(site.meetings[0].attendees, vec![ann, bob]);
    assert_eq!(
        site.outcomes_by_course[0],
        vec![OutcomeRef {
            meeting: MeetingId::new(0),
            outcome: 0
        }]
    );
    // Problems sorted by votes; linked from both sides.
    let poll = &site.polls[0];
    assert_eq!(poll.problems[0].id, "p1");
    let intro = CourseId::new(0);
    assert_eq!(poll.problems[0].courses, vec![intro]);
    assert_eq!(poll.problems[1].courses, vec![intro]);
    let problem = |i| ProblemRef {
        poll: PollId::new(0),
        problem: i,
    };
    assert_eq!(site.problems_by_course[0], vec![problem(0), problem(1)]);
}

#[test]
fn unknown_references_name_the_closest_valid_one() {
    let mut src = source();
    src.endorsements.push(record(
        "c",
        "content/endorsements/c.yaml",
        "course: intr\nby: anne\ndate: 2026-10-01\n",
    ));
    let (_, diags) = resolve(src);
    let found: Vec<(String, Option<String>, usize)> = diags
        .sorted()
        .into_iter()
        .map(|d| (d.message, d.help, d.location.map(|l| l.line).unwrap_or(0)))
        .collect();
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[0].0, "there is no course called `intr`");
    assert!(
        found[0]
            .1
            .as_deref()
            .unwrap()
            .ends_with("did you mean `intro` (Intro)?")
    );
    assert_eq!(found[0].2, 1);
    assert_eq!(found[1].0, "there is no leader called `anne`");
    assert!(
        found[1]
            .1
            .as_deref()
            .unwrap()
            .ends_with("did you mean `ann` (Ann)?")
    );
    assert_eq!(found[1].2, 2);
}

#[test]
fn references_to_broken_records_are_not_reported_again() {
    let mut src = source();
    src.leaders.retain(|l| l.id != "bob");
    src.broken.insert((RecordKind::Leader, "bob".to_string()));
    let (_, diags) = resolve(src);
    assert!(diags.is_empty(), "{:?}", diags.sorted());
}

#[test]
fn a_link_written_without_its_start_gets_the_likely_one() {
    use super::refs::likely_meant;
    let meant = |url: &str| likely_meant(url);
    assert_eq!(
        meant("grace.mensah@northwind.example").as_deref(),
        Some("mailto:grace.mensah@northwind.example")
    );
    assert_eq!(
        meant("www.lms.example/book/ldc").as_deref(),
        Some("https://www.lms.example/book/ldc")
    );
    assert_eq!(
        meant("HTTP://intranet.example/ask").as_deref(),
        Some("https://intranet.example/ask")
    );
    for nothing in [
        "",
        "ask your manager",
        "javascript:alert(1)",
        "ftp://files.example/x",
        "@northwind",
        "grace@localhost",
        "book.",
        "http://evil.example/x javascript:alert(1)",
    ] {
        assert_eq!(meant(nothing), None, "{nothing}");
    }
}
