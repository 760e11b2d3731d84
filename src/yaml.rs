//! The one place that reads YAML: typed parsing through serde_yaml, and finding the line
//! and column of any value so later stages can point at it. Knows nothing of the content
//! model beyond the names it is given for messages.

use serde::de::DeserializeOwned;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

use crate::diagnostics::{Diagnostic, Location, closest};

/// Largest YAML document we read; anything bigger is a mistake or an attack.
pub const MAX_YAML_BYTES: usize = 1 << 20;

/// A YAML document inside a file: either the whole file or a course's front matter.
#[derive(Debug, Clone, Copy)]
pub struct YamlSource<'a> {
    /// Path relative to the site folder, for messages.
    pub file: &'a str,
    /// The whole file, for showing lines.
    pub whole: &'a str,
    /// The YAML text itself.
    pub yaml: &'a str,
    /// How many lines of `whole` come before `yaml` (1 for front matter after `---`).
    pub line_offset: usize,
}

impl<'a> YamlSource<'a> {
    pub fn whole_file(file: &'a str, text: &'a str) -> Self {
        YamlSource {
            file,
            whole: text,
            yaml: text,
            line_offset: 0,
        }
    }

    /// A location at a 1-based line and column of the YAML text.
    pub fn location(&self, line: usize, column: usize) -> Location {
        Location::at(self.file, self.whole, line + self.line_offset, column)
    }

    /// Where the value at `path` starts; falls back to its closest parent that exists,
    /// then to the first line of the document.
    pub fn locate(&self, path: &[Seg<'_>]) -> Location {
        let events = events(self.yaml);
        let start = events
            .iter()
            .position(|(e, _)| {
                matches!(
                    e,
                    Event::MappingStart(..) | Event::SequenceStart(..) | Event::Scalar(..)
                )
            })
            .unwrap_or(0);
        for len in (0..=path.len()).rev() {
            if let Some(mark) = find(&events, start, &path[..len]) {
                return self.location(mark.line(), mark.col() + 1);
            }
        }
        self.location(1, 1)
    }
}

/// One step of a path into a YAML document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

/// Parses `source` into `T`. `what` names the record for messages ("an endorsement");
/// `fields` are the field names it may have, for suggestions.
pub fn parse<T: DeserializeOwned>(source: &YamlSource<'_>, what: &str) -> Result<T, Diagnostic> {
    if source.yaml.len() > MAX_YAML_BYTES {
        return Err(Diagnostic::error(
            &crate::codes::FILE_TOO_LARGE,
            format!(
                "this file is too large to be {what} ({} KiB; the limit is {} KiB)",
                source.yaml.len() / 1024,
                MAX_YAML_BYTES / 1024
            ),
        )
        .at(Location::file(source.file))
        .help("a record is a few lines of text; check that the right file was added"));
    }
    if source
        .yaml
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        return Err(Diagnostic::error(
            &crate::codes::EMPTY_FILE,
            format!("{what} cannot be empty"),
        )
        .at(Location::file(source.file))
        .help("fill in the fields; see an existing file in the same folder for an example"));
    }
    serde_yaml::from_str(source.yaml).map_err(|err| describe(source, what, &err))
}

/// Turns a serde_yaml error into a located diagnostic in plain words.
fn describe(source: &YamlSource<'_>, what: &str, err: &serde_yaml::Error) -> Diagnostic {
    let mut location = match err.location() {
        Some(loc) => source.location(loc.line(), loc.column()),
        None => Location::file(source.file),
    };
    let full = err.to_string();
    let text = match full.rfind(" at line ") {
        Some(i) => &full[..i],
        None => full.as_str(),
    };
    // Our own messages from custom deserializers, "buyin: code|message|help", after any
    // path serde_yaml puts in front.
    if let Some(at) = text.find("buyin: ") {
        let custom = &text[at + "buyin: ".len()..];
        let mut parts = custom.splitn(3, '|');
        let code = match parts.next().unwrap_or("") {
            "bad-date" => &crate::codes::BAD_DATE,
            "bad-time" => &crate::codes::BAD_TIME,
            "bad-period" => &crate::codes::BAD_PERIOD,
            _ => &crate::codes::INVALID_VALUE,
        };
        let message = parts.next().unwrap_or(custom);
        let help = parts.next().unwrap_or("");
        // serde_yaml points at the enclosing item; point at the value itself.
        let location = match message.split('`').nth(1) {
            Some(value) if !value.is_empty() => {
                find_text_from(source, &location, value).unwrap_or(location)
            }
            _ => location,
        };
        let d = Diagnostic::error(code, message.to_string()).at(location);
        return if help.is_empty() { d } else { d.help(help) };
    }
    let (path, rest) = split_path(text);
    let field = path.map(|p| format!("`{p}`"));
    let diagnostic = if let Some(body) = rest.strip_prefix("unknown field ") {
        let (name, allowed) = name_and_list(body);
        location.width = name.chars().count().max(1);
        let mut d = Diagnostic::error(
            &crate::codes::UNKNOWN_FIELD,
            format!("`{name}` is not a field of {what}"),
        )
        .label("unknown field");
        let list = allowed.join(", ");
        d = match closest(&name, allowed.iter().map(String::as_str)) {
            Some(near) => d.help(format!(
                "did you mean `{near}`? The fields {what} can have are: {list}"
            )),
            None if allowed.is_empty() => d.help("remove this line"),
            None => d.help(format!("the fields {what} can have are: {list}")),
        };
        d
    } else if let Some(body) = rest.strip_prefix("missing field ") {
        let (name, _) = name_and_list(body);
        let place = match &field {
            Some(f) => format!("{f} in {what}"),
            None => what.to_string(),
        };
        Diagnostic::error(
            &crate::codes::MISSING_FIELD,
            format!("`{name}` is missing from {place}"),
        )
        .label(format!("`{name}` should be added here"))
        .help(format!("add a line `{name}: …` with the right value"))
    } else if let Some(body) = rest.strip_prefix("unknown variant ") {
        let (name, allowed) = name_and_list(body);
        let subject = field.clone().unwrap_or_else(|| "this value".to_string());
        let list = allowed.join(", ");
        let d = Diagnostic::error(
            &crate::codes::NOT_ALLOWED_VALUE,
            format!("`{name}` is not an allowed value for {subject}"),
        )
        .label("not allowed here");
        match closest(&name, allowed.iter().map(String::as_str)) {
            Some(near) => d.help(format!("did you mean `{near}`? Allowed values: {list}")),
            None => d.help(format!("use one of: {list}")),
        }
    } else if let Some(body) = rest
        .strip_prefix("invalid type: ")
        .or_else(|| rest.strip_prefix("invalid value: "))
    {
        let (found, expected) = body
            .split_once(", expected ")
            .unwrap_or((body, "another kind"));
        let (found, expected) = (plain_kind(found), plain_kind(expected));
        let (found, expected) = (found.as_str(), expected.as_str());
        let subject = field.clone().unwrap_or_else(|| what.to_string());
        Diagnostic::error(
            &crate::codes::WRONG_TYPE,
            format!("{subject} should be {expected}, but it is {found}"),
        )
        .label(format!("expected {expected}"))
        .help(type_help(expected))
    } else if let Some(body) = rest.strip_prefix("duplicate field ") {
        let (name, _) = name_and_list(body);
        if let Some(second) = second_key_line(source, &location, &name) {
            location = second;
        }
        Diagnostic::error(
            &crate::codes::DUPLICATE_FIELD,
            format!("`{name}` is written twice"),
        )
        .label("second time")
        .help("keep only one of the two lines")
    } else if let Some(body) = rest.strip_prefix("duplicate entry with key ") {
        Diagnostic::error(
            &crate::codes::DUPLICATE_FIELD,
            format!("{} is written twice", body.replace('"', "`")),
        )
        .label("second time")
        .help("keep only one of the two lines")
    } else if rest.contains("recursion limit exceeded") || rest.contains("repetition limit") {
        Diagnostic::error(
            &crate::codes::YAML_TOO_COMPLEX,
            "this file nests or repeats values too deeply to be read",
        )
        .help("write the values out plainly, without YAML anchors (&) and aliases (*)")
    } else if path.is_none() && err.location().is_some() {
        Diagnostic::error(
            &crate::codes::INVALID_YAML,
            format!("this is not valid YAML: {rest}"),
        )
        .label("the problem is here or just before")
        .help(
            "check the indentation, and put text that contains `: ` or starts with \
                 a special character (such as `*`, `&`, `[`, `{`, `'`) in double quotes",
        )
    } else {
        let message = match &field {
            Some(f) => format!("{f}: {rest}"),
            None => rest.to_string(),
        };
        Diagnostic::error(&crate::codes::INVALID_VALUE, message)
    };
    diagnostic.at(location)
}

/// serde's names for YAML shapes, in words a manager knows.
fn plain_kind(kind: &str) -> String {
    match kind {
        "sequence" | "a sequence" => "a list".to_string(),
        "map" | "a map" => "a group of fields".to_string(),
        "unit value" => "empty".to_string(),
        k if k.starts_with("struct ") => "a group of fields".to_string(),
        k if k.contains("YAML tag") => "a single word from the allowed list".to_string(),
        k if k.starts_with("string ") => format!("the text {}", &k[7..]),
        k if k.starts_with("integer ") => format!("the number {}", &k[8..]),
        k if k.starts_with("boolean ") => format!("`{}`", k[8..].trim_matches('`')),
        "u32" | "u16" | "u64" | "usize" | "i64" => "a whole number".to_string(),
        k => k.to_string(),
    }
}

/// The second line at or after `from` that starts the key `name` at the same indentation
/// as the first, as a location.
fn second_key_line(source: &YamlSource<'_>, from: &Location, name: &str) -> Option<Location> {
    let key = format!("{name}:");
    let mut indent = None;
    for (i, line) in source.whole.lines().enumerate().skip(from.line.max(1) - 1) {
        let trimmed = line.trim_start_matches([' ', '-']);
        if trimmed.starts_with(&key) {
            let this = line.len() - trimmed.len();
            match indent {
                None => indent = Some(this),
                Some(first) if first == this => {
                    let mut l = Location::at(source.file, source.whole, i + 1, this + 1);
                    l.width = name.chars().count();
                    return Some(l);
                }
                Some(_) => {}
            }
        }
    }
    None
}

/// The first place at or after `from` where `value` is written, as a location.
fn find_text_from(source: &YamlSource<'_>, from: &Location, value: &str) -> Option<Location> {
    let first = from.line.max(1);
    source
        .whole
        .lines()
        .enumerate()
        .skip(first - 1)
        .find_map(|(i, line)| {
            line.find(value).map(|byte| {
                let column = line[..byte].chars().count() + 1;
                let mut l = Location::at(source.file, source.whole, i + 1, column);
                l.width = value.chars().count().max(1);
                l
            })
        })
}

fn type_help(expected: &str) -> String {
    match expected {
        e if e.contains("allowed list") => {
            "write one of the allowed words on the same line, without brackets".to_string()
        }
        e if e.contains("sequence") || e.contains("list") => {
            "write a list, either `[a, b]` or one `- item` per line".to_string()
        }
        e if e.contains("string") => {
            "write text here; put it in double quotes if it starts with a special character"
                .to_string()
        }
        e if e.contains("bool") => "write `true` or `false`".to_string(),
        e if e.contains("integer") || e.contains("u32") || e.contains("number") => {
            "write a whole number, such as `12`".to_string()
        }
        e if e.contains("struct") || e.contains("map") || e.contains("group of fields") => {
            "write the fields of this item on indented lines below it".to_string()
        }
        _ => format!("write {expected} here"),
    }
}

/// Splits serde_yaml's `path.to[0].field: message` into its two halves.
fn split_path(text: &str) -> (Option<&str>, &str) {
    if let Some((head, tail)) = text.split_once(": ") {
        let is_path = !head.is_empty()
            && head
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '[' | ']' | '-'));
        if is_path {
            return (Some(head), tail);
        }
    }
    (None, text)
}

/// From "`name`, expected one of `a`, `b`", the name and the list of backticked names.
fn name_and_list(body: &str) -> (String, Vec<String>) {
    let mut names = body.split('`').skip(1).step_by(2).map(str::to_string);
    let name = names.next().unwrap_or_default();
    (name, names.collect())
}

struct Collector(Vec<(Event, Marker)>);

impl MarkedEventReceiver for Collector {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        self.0.push((ev, mark));
    }
}

fn events(yaml: &str) -> Vec<(Event, Marker)> {
    let mut collector = Collector(Vec::new());
    // A document that does not parse still yields the events before the problem.
    let _ = Parser::new_from_str(yaml).load(&mut collector, false);
    collector.0
}

/// Index just past the node starting at `i`.
fn skip(events: &[(Event, Marker)], i: usize) -> usize {
    let mut depth = 0usize;
    let mut j = i;
    while j < events.len() {
        match events[j].0 {
            Event::MappingStart(..) | Event::SequenceStart(..) => depth += 1,
            Event::MappingEnd | Event::SequenceEnd => depth = depth.saturating_sub(1),
            _ => {}
        }
        j += 1;
        if depth == 0 {
            return j;
        }
    }
    j
}

fn find(events: &[(Event, Marker)], i: usize, path: &[Seg<'_>]) -> Option<Marker> {
    let (event, mark) = events.get(i)?;
    let Some((first, rest)) = path.split_first() else {
        // A block mapping "starts" at its first key; point there.
        return match (event, events.get(i + 1)) {
            (Event::MappingStart(..), Some((Event::Scalar(..), key))) => Some(*key),
            _ => Some(*mark),
        };
    };
    match (event, first) {
        (Event::MappingStart(..), Seg::Key(key)) => {
            let mut j = i + 1;
            while j < events.len() && events[j].0 != Event::MappingEnd {
                let value = skip(events, j);
                if matches!(&events[j].0, Event::Scalar(k, ..) if k == key) {
                    return find(events, value, rest);
                }
                j = skip(events, value);
            }
            None
        }
        (Event::SequenceStart(..), Seg::Index(n)) => {
            let mut j = i + 1;
            let mut k = 0;
            while j < events.len() && events[j].0 != Event::SequenceEnd {
                if k == *n {
                    return find(events, j, rest);
                }
                j = skip(events, j);
                k += 1;
            }
            None
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Rec {
        name: String,
        tags: Option<Vec<String>>,
        nested: Option<Nested>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Nested {
        items: Vec<Item>,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Item {
        id: String,
    }

    const DOC: &str = "name: x\ntags: [a, b]\nnested:\n  items:\n    - id: one\n    - id: two\n";

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
    fn unknown_field_suggests_the_closest_name() {
        let text = "name: x\ntagz: [a]\n";
        let err = parse::<Rec>(&YamlSource::whole_file("f.yaml", text), "a record").unwrap_err();
        assert_eq!(err.message, "`tagz` is not a field of a record");
        assert_eq!(
            err.help.as_deref(),
            Some("did you mean `tags`? The fields a record can have are: name, tags, nested")
        );
        let loc = err.location.unwrap();
        assert_eq!((loc.line, loc.column), (2, 1));
    }

    #[test]
    fn missing_and_wrong_type_are_located() {
        let src = YamlSource::whole_file("f.yaml", "tags: [a]\n");
        let err = parse::<Rec>(&src, "a record").unwrap_err();
        assert_eq!(err.message, "`name` is missing from a record");

        let src = YamlSource::whole_file("f.yaml", "name: x\nnested:\n  items: 3\n");
        let err = parse::<Rec>(&src, "a record").unwrap_err();
        assert_eq!(
            err.message,
            "`nested.items` should be a list, but it is the number `3`"
        );
        let loc = err.location.unwrap();
        assert_eq!((loc.line, loc.column), (3, 10));
    }

    #[test]
    fn empty_and_broken_yaml_are_reported_not_panicked() {
        let err =
            parse::<Rec>(&YamlSource::whole_file("f.yaml", "\n# only\n"), "a record").unwrap_err();
        assert_eq!(err.code.name, "empty-file");
        let err = parse::<Rec>(
            &YamlSource::whole_file("f.yaml", "name: \"unclosed\ntags: [a]\n"),
            "a record",
        )
        .unwrap_err();
        assert_eq!(err.code.name, "invalid-yaml", "{err:?}");
    }

    #[test]
    fn deep_nesting_is_refused() {
        let deep = format!("a: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
        let err = parse::<serde_yaml::Value>(&YamlSource::whole_file("f.yaml", &deep), "a record")
            .unwrap_err();
        assert_eq!(err.code.name, "yaml-too-complex");
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
        let err = parse::<serde_yaml::Value>(&YamlSource::whole_file("f.yaml", &bomb), "a record")
            .unwrap_err();
        assert_eq!(err.code.name, "yaml-too-complex");
    }
}
