//! Careless or hostile input never panics: arbitrary bytes and YAML-shaped noise go
//! through every loader, the front matter splitter, Markdown and diagnostic rendering.

use buyin::load::{decode, parse_course, parse_record, split_front_matter};
use buyin::markdown::{self, Origin, RawHtml};
use buyin::model::{EndorsementFile, LeaderFile, MeetingFile, PollFile, RecordKind, SiteFile};
use proptest::prelude::*;

/// Text built from the pieces YAML and Markdown are made of, so cases reach deep into
/// the parsers rather than failing on the first byte.
fn yamlish() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("course: ".to_string()),
        Just("by: ".to_string()),
        Just("date: ".to_string()),
        Just("title: ".to_string()),
        Just("commitments:".to_string()),
        Just("  attend: ".to_string()),
        Just("problems:".to_string()),
        Just("sessions:".to_string()),
        Just("  - id: ".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("---\n".to_string()),
        Just("  ".to_string()),
        Just("\t".to_string()),
        Just("- ".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just("{".to_string()),
        Just("}".to_string()),
        Just(": ".to_string()),
        Just(", ".to_string()),
        Just("&a ".to_string()),
        Just("*a".to_string()),
        Just("!!binary ".to_string()),
        Just("\"".to_string()),
        Just("'".to_string()),
        Just("# ".to_string()),
        Just("|".to_string()),
        Just(">".to_string()),
        Just("2026-10-14".to_string()),
        Just("2026-02-30".to_string()),
        Just("\"09:30\"".to_string()),
        Just("99999999999999999999".to_string()),
        Just("priya-natarajan".to_string()),
        Just("<script>".to_string()),
        Just("[x](javascript:alert(1))".to_string()),
        Just("é€😀\u{202e}\u{0}".to_string()),
        "[a-z ]{0,8}",
    ];
    prop::collection::vec(pieces, 0..80).prop_map(|v| v.concat())
}

/// Everything a manager could upload: either random bytes or YAML-shaped text.
fn contents() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..400),
        yamlish().prop_map(String::into_bytes),
    ]
}

/// A problem points at a line of the file (never past its end), and renders.
fn located_inside(d: &buyin::Diagnostic, lines: usize) {
    if let Some(l) = &d.location {
        assert!(
            l.line <= lines,
            "line {} of a {lines}-line file: {d}",
            l.line
        );
        if l.line > 0 && l.line <= lines && lines > 1 {
            assert!(l.source_line.is_some(), "no line shown: {d}");
        }
    }
    show(d);
}

/// Renders every diagnostic both ways: rendering must not panic either.
fn show(d: &buyin::Diagnostic) {
    let _ = d.render(false);
    let _ = d.render(true);
    let _ = d.github();
}

fn exercise(bytes: Vec<u8>) {
    let text = match decode("content/x.yaml", bytes) {
        Ok(t) => t,
        Err(d) => {
            show(&d);
            return;
        }
    };
    let _ = split_front_matter(&text);
    let lines = text.lines().count().max(1);
    let (_, problems) = parse_course("content/courses/x.md".into(), "x".into(), text.clone());
    problems.iter().for_each(|d| located_inside(d, lines));
    macro_rules! record {
        ($t:ty, $kind:expr) => {
            let (_, problems) =
                parse_record::<$t>("content/x.yaml".into(), "x".into(), text.clone(), $kind);
            problems.iter().for_each(|d| located_inside(d, lines));
        };
    }
    record!(SiteFile, RecordKind::Site);
    record!(LeaderFile, RecordKind::Leader);
    record!(EndorsementFile, RecordKind::Endorsement);
    record!(MeetingFile, RecordKind::Meeting);
    record!(PollFile, RecordKind::Poll);
    let (_, diags) = markdown::render(
        &text,
        Origin {
            file: "content/courses/x.md",
            whole: &text,
            first_line: 1,
            indent: 0,
        },
        RawHtml::Escape,
        markdown::Assets::NONE,
    );
    diags.iter().for_each(show);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn no_input_makes_a_loader_panic(bytes in contents()) {
        exercise(bytes);
    }

    #[test]
    fn front_matter_keeps_to_the_text(body in yamlish()) {
        let text = format!("---\n{body}");
        if let Ok(split) = split_front_matter(&text) {
            prop_assert!(split.front.end <= split.body.start);
            prop_assert!(split.body.end == text.len());
            prop_assert!(text.is_char_boundary(split.front.start));
            prop_assert!(text.is_char_boundary(split.body.start));
        }
    }
}

/// Problem codes for a leader file holding `yaml`.
fn leader_codes(yaml: String) -> Vec<&'static str> {
    let (_, problems) = parse_record::<LeaderFile>(
        "content/leaders/x.yaml".into(),
        "x".into(),
        yaml,
        RecordKind::Leader,
    );
    problems.iter().map(|d| d.code.name).collect()
}

/// A leader file whose `name` is nine lists of nine, `levels` deep, each level made of
/// aliases to the one before: 9^levels strings once expanded.
fn laughs(levels: usize) -> String {
    let mut bomb = String::from("lol: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..=levels {
        let p = format!("a{}", i - 1);
        bomb.push_str(&format!(
            "l{i}: &a{i} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        ));
    }
    bomb
}

#[test]
fn a_billion_laughs_is_refused_quickly() {
    // A billion strings once expanded: refused for its expansion, not read.
    let started = std::time::Instant::now();
    let codes = leader_codes(laughs(9));
    assert!(
        started.elapsed().as_secs() < 20,
        "took {:?}",
        started.elapsed()
    );
    assert_eq!(codes.first(), Some(&"yaml-too-complex"), "{codes:?}");
    // The same file with a few hundred strings is read, and is only the wrong fields for a
    // leader: the refusal above is the expansion limit, not the file's shape.
    let small = leader_codes(laughs(2));
    assert!(!small.contains(&"yaml-too-complex"), "{small:?}");
    assert!(small.contains(&"unknown-field"), "{small:?}");
}

#[test]
fn deeply_nested_yaml_is_an_error_not_a_crash() {
    let nested = |depth: usize| format!("name: {}x{}\n", "[".repeat(depth), "]".repeat(depth));
    let codes = leader_codes(nested(10_000));
    assert_eq!(codes.first(), Some(&"yaml-too-complex"), "{codes:?}");
    // Nested a little, the same file is read and is only a list where a name belongs.
    let shallow = leader_codes(nested(3));
    assert!(!shallow.contains(&"yaml-too-complex"), "{shallow:?}");
    assert!(shallow.contains(&"wrong-type"), "{shallow:?}");
}

#[test]
fn an_enormous_record_is_refused() {
    let huge = format!("name: {}\n", "x".repeat(2 << 20));
    let (_, problems) = parse_record::<LeaderFile>(
        "content/leaders/x.yaml".into(),
        "x".into(),
        huge,
        RecordKind::Leader,
    );
    assert_eq!(problems[0].code.name, "file-too-large", "{problems:?}");
}
