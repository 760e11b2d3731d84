use serde::Deserialize;

use super::*;

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct Rec {
    name: String,
    #[serde(default)]
    tags: Option<Vec<String>>,
    #[serde(default)]
    nested: Option<Nested>,
    #[serde(default)]
    count: u32,
    #[serde(default)]
    on: bool,
    #[serde(default)]
    level: Option<Level>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct Nested {
    items: Vec<Item>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct Item {
    id: String,
    #[serde(default)]
    size: u32,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(rename_all = "kebab-case")]
enum Level {
    Low,
    High,
}

const DOC: &str = "name: x\ntags: [a, b]\nnested:\n  items:\n    - id: one\n    - id: two\n";

fn read_rec(text: &str) -> Reading<Rec> {
    read::<Rec>(&YamlSource::whole_file("f.yaml", text), "a record", &Plain)
}

/// (line, column, code, message) of each problem.
fn problems(text: &str) -> Vec<(usize, usize, &'static str, String)> {
    read_rec(text)
        .problems
        .into_iter()
        .map(|d| {
            let l = d.location.clone().unwrap_or_else(|| Location::file(""));
            (l.line, l.column, d.code.name, d.message)
        })
        .collect()
}

#[test]
fn locate_finds_nested_values_and_falls_back_to_parents() {
    let src = YamlSource::whole_file("f.yaml", DOC);
    let at = |path: &[Seg<'_>]| {
        let l = src.locate(path);
        (l.line, l.column)
    };
    assert_eq!(at(&[Seg::Key("name")]), (1, 7));
    assert_eq!(at(&[Seg::Key("tags"), Seg::Index(1)]), (2, 11));
    assert_eq!(
        at(&[
            Seg::Key("nested"),
            Seg::Key("items"),
            Seg::Index(1),
            Seg::Key("id")
        ]),
        (6, 11)
    );
    assert_eq!(at(&[Seg::Key("tags"), Seg::Index(7)]), (2, 7));
}

#[test]
fn locate_adds_the_front_matter_offset() {
    let whole = "---\ntitle: A\nsign_off: bob\n---\nbody";
    let src = YamlSource {
        file: "c.md",
        whole,
        yaml: "title: A\nsign_off: bob\n",
        line_offset: 1,
    };
    let l = src.locate(&[Seg::Key("sign_off")]);
    assert_eq!((l.line, l.column), (3, 11));
    assert_eq!(l.source_line.as_deref(), Some("sign_off: bob"));
}

#[test]
fn a_good_document_reads_without_problems() {
    let reading = read_rec(DOC);
    assert!(reading.problems.is_empty(), "{:?}", reading.problems);
    assert!(reading.invalid.is_empty());
    assert_eq!(reading.value.unwrap().nested.unwrap().items[1].id, "two");
}

#[test]
fn every_problem_in_a_document_is_found_at_its_own_line() {
    let text = "name: x\ncount: many\non: yes\nlevel: medium\ntagz: [a]\nnested:\n  items:\n    - id: one\n      size: big\n    - size: 2\n";
    assert_eq!(
        problems(text),
        vec![
            (
                2,
                8,
                "wrong-type",
                "`count` should be a whole number (0 or more), not the text `many`".to_string()
            ),
            (
                3,
                5,
                "wrong-type",
                "`on` should be `true` or `false`, not the text `yes`".to_string()
            ),
            (
                4,
                8,
                "not-allowed-value",
                "`medium` is not an allowed value for `level`".to_string()
            ),
            (
                5,
                1,
                "unknown-field",
                "`tagz` is not a field of a record".to_string()
            ),
            (
                9,
                13,
                "wrong-type",
                "`size` should be a whole number (0 or more), not the text `big`".to_string()
            ),
            (
                10,
                7,
                "missing-field",
                "`id` is missing from this group".to_string()
            ),
        ]
    );
    let reading = read_rec(text);
    assert!(reading.value.is_some(), "stand-ins complete the record");
    assert!(reading.invalid.covers(&[Seg::Key("count")]));
    assert!(reading.invalid.covers(&[
        Seg::Key("nested"),
        Seg::Key("items"),
        Seg::Index(1),
        Seg::Key("id")
    ]));
    assert!(!reading.invalid.covers(&[Seg::Key("name")]));
}

#[test]
fn a_missing_required_field_is_reported_and_the_rest_still_checked() {
    assert_eq!(
        problems("tags: [a]\ncount: -3\n"),
        vec![
            (
                1,
                1,
                "missing-field",
                "`name` is missing from this record".to_string()
            ),
            (
                2,
                8,
                "wrong-type",
                "`count` should be a whole number (0 or more), not the number `-3`".to_string()
            ),
        ]
    );
}

#[test]
fn a_block_written_twice_is_merged_and_both_halves_checked() {
    let text =
        "name: x\nnested:\n  items:\n    - id: a\nnested:\n  items:\n    - id: b\n      size: z\n";
    let found = problems(text);
    assert_eq!(found[0].2, "duplicate-field");
    assert_eq!((found[0].0, found[0].1), (5, 1));
    assert_eq!(found[1].0, 8, "{found:?}");
    let reading = read_rec(text);
    assert!(
        reading.problems[0]
            .help
            .as_deref()
            .unwrap()
            .contains("merge")
    );
}

#[test]
fn text_cut_by_a_comment_is_reported_but_comments_after_values_are_not() {
    let found = problems("name: We are #1 in the region\n");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        (found[0].0, found[0].1, found[0].2),
        (1, 14, "text-cut-by-comment")
    );
    let found = problems("name: We are the best # in the region\n");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(problems("name: x   # the name\ncount: 3  # how many\n").is_empty());
    assert!(problems("name: Two words    # aligned comment\n").is_empty());
    assert!(problems("name: \"We are #1\"\n").is_empty());
    assert!(problems("name: >\n  We are #1\n").is_empty());
    let found = problems("name: We are the\n  best #1 here\n");
    assert_eq!((found[0].0, found[0].1), (2, 8), "{found:?}");
}

#[test]
fn hidden_characters_are_named_at_their_column() {
    let found = problems("name: x\n\u{a0}\u{a0}count: 3\n");
    assert_eq!(
        found,
        vec![(
            2,
            1,
            "invisible-character",
            "this line is indented with non-breaking spaces".to_string()
        )]
    );
    let found = problems("name: x\nnested:\n\titems: []\n");
    assert_eq!(
        found,
        vec![(
            3,
            1,
            "tab-character",
            "this line is indented with a tab character".to_string()
        )]
    );
    assert_eq!(find_invisible("ab\u{200b}c").map(|h| h.column), Some(3));
}

#[test]
fn syntax_mistakes_point_at_the_line_to_change_never_past_the_end() {
    // Text that continues on a line that is not indented.
    let found = problems("name: I am proud of this.\nIt changed how I lead.\n");
    assert_eq!((found[0].0, found[0].1, found[0].2), (2, 1, "invalid-yaml"));
    // No space after the colon.
    let found = problems("count: 1\nname:text\n");
    assert_eq!(found[0].3, "there is no space after `name:`", "{found:?}");
    assert_eq!((found[0].0, found[0].1), (2, 6));
    // A quote that is never closed: pointed at where it opens.
    let found = problems("name: \"unclosed\ntags: [a]\n");
    assert_eq!((found[0].0, found[0].1), (1, 7), "{found:?}");
    // `: ` inside text.
    let found = problems("name: My view: great\n");
    assert_eq!((found[0].0, found[0].1), (1, 14), "{found:?}");
}

#[test]
fn empty_and_broken_yaml_are_reported_not_panicked() {
    let found = problems("\n# only\n");
    assert_eq!(found[0].2, "empty-file");
}

#[test]
fn deep_nesting_is_refused() {
    let deep = format!("a: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
    let reading =
        read::<serde_yaml::Value>(&YamlSource::whole_file("f.yaml", &deep), "a record", &Plain);
    assert_eq!(reading.problems[0].code.name, "yaml-too-complex");
}

#[test]
fn alias_bombs_are_refused() {
    let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
    for i in 0..12 {
        bomb.push_str(&format!(
            "b{i}: &b{i} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n",
            p = if i == 0 {
                "a".to_string()
            } else {
                format!("b{}", i - 1)
            }
        ));
    }
    bomb.push_str("name: x\n");
    let reading =
        read::<serde_yaml::Value>(&YamlSource::whole_file("f.yaml", &bomb), "a record", &Plain);
    assert_eq!(reading.problems[0].code.name, "yaml-too-complex");
}

#[test]
fn syntax_mistakes_are_mended_to_find_the_problems_after_them() {
    let found = problems("name: I am proud.\nIt changed how I lead.\ncount: many\non:yes\n");
    let codes: Vec<(usize, &str)> = found.iter().map(|f| (f.0, f.2)).collect();
    assert_eq!(
        codes,
        vec![(2, "invalid-yaml"), (3, "wrong-type"), (4, "invalid-yaml")],
        "{found:?}"
    );
    let reading = read_rec("name: x\n\tcount: 3\n");
    assert!(reading.value.is_none() || !reading.invalid.is_empty());
    assert!(reading.invalid.mended().is_some());
}
