//! The one place that reads YAML: typed reading through serde_yaml that reports every
//! problem in a file at its own line and column, in a manager's words, and finding the
//! line and column of any value so later stages can point at it. Knows nothing of the
//! content model beyond the vocabulary it is given.

mod de;
mod syntax;
mod tree;

use serde::de::DeserializeOwned;
use yaml_rust2::parser::Event;
use yaml_rust2::scanner::Marker;

pub use de::Group;
use tree::events;
pub use tree::shorten;

use crate::codes;
use crate::diagnostics::{Diagnostic, Location};

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

    /// A location at a 1-based line and column of the YAML text, kept inside the text:
    /// a parser that ran to the end of the file points at its last line instead.
    pub fn location(&self, line: usize, column: usize) -> Location {
        let lines = self.yaml.lines().count().max(1);
        let (line, column) = if line > lines {
            let last = self.yaml.lines().last().unwrap_or("");
            (lines, last.chars().count().max(1))
        } else {
            (line.max(1), column)
        };
        // On a line mended before reading, a place after the mend moves back by what the
        // mend added, so it points at the same text in the line as written.
        let read = self.yaml.lines().nth(line - 1).unwrap_or("");
        let written = self
            .whole
            .lines()
            .nth(line + self.line_offset - 1)
            .unwrap_or("");
        let column = if read == written {
            column
        } else {
            let same = read
                .chars()
                .zip(written.chars())
                .take_while(|(a, b)| a == b)
                .count();
            let added = read.chars().count() as isize - written.chars().count() as isize;
            if column > same + 1 {
                (column as isize - added).max(1) as usize
            } else {
                column
            }
        };
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

/// One step of a path, owned: where a problem was found.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// A path into a YAML document.
pub type Path = Vec<Step>;

/// The paths of a document whose values were refused (and replaced by stand-ins) while it
/// was read. Later checks say nothing about them: the problem is already reported.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Invalid {
    paths: Vec<Path>,
    /// The YAML as read, when it could only be read after mending syntax mistakes (which
    /// are reported): it has the same lines, and places are found in it.
    mended: Option<String>,
}

impl Invalid {
    /// Whether the value at `path`, or a value around it, was refused.
    pub fn covers(&self, path: &[Seg<'_>]) -> bool {
        self.paths.iter().any(|bad| {
            bad.len() <= path.len()
                && bad.iter().zip(path).all(|(b, p)| match (b, p) {
                    (Step::Key(a), Seg::Key(b)) => a == b,
                    (Step::Index(a), Seg::Index(b)) => a == b,
                    _ => false,
                })
        })
    }

    /// Whether a value at or below `path` was refused (or `path` itself is below one).
    pub fn touches(&self, path: &[Seg<'_>]) -> bool {
        self.covers(path)
            || self.paths.iter().any(|bad| {
                bad.len() > path.len()
                    && bad.iter().zip(path).all(|(b, p)| match (b, p) {
                        (Step::Key(a), Seg::Key(b)) => a == b,
                        (Step::Index(a), Seg::Index(b)) => a == b,
                        _ => false,
                    })
            })
    }

    /// Whether everything was read as written.
    pub fn is_empty(&self) -> bool {
        self.paths.is_empty() && self.mended.is_none()
    }

    /// The YAML as read after mending, if it had to be mended.
    pub fn mended(&self) -> Option<&str> {
        self.mended.as_deref()
    }
}

/// How messages name the parts of one kind of document, and the rules of values written
/// as text. The content model provides it; this module knows no field names of its own.
pub trait Vocabulary {
    /// How messages name the group of fields read into the Rust type `type_name`, in a
    /// document that is `what` ("an endorsement").
    fn group(&self, type_name: &str, what: &str) -> Group;
    /// The field under which `key` belongs, when `key` is not a field of `type_name` but
    /// of a group of fields inside it (`attend` belongs under `commitments`).
    fn home(&self, type_name: &str, key: &str) -> Option<String>;
    /// The rule for a value read into the newtype `type_name`, when it has one.
    fn text_rule(&self, type_name: &str) -> Option<TextRule>;
    /// Every field name this kind of document uses, at any depth.
    fn field_names(&self) -> Vec<&'static str>;
}

/// A value written as text with rules of its own, like a date.
#[derive(Debug, Clone, Copy)]
pub struct TextRule {
    pub code: &'static crate::codes::Code,
    /// What it should be, in words: "a date".
    pub expected: &'static str,
    /// How to write it.
    pub help: &'static str,
    pub check: fn(&str) -> Result<(), TextProblem>,
}

/// Why a text value breaks its rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextProblem {
    pub message: String,
    pub help: String,
}

/// A vocabulary with no names, for documents of no particular kind.
#[cfg(test)]
pub struct Plain;

#[cfg(test)]
impl Vocabulary for Plain {
    fn group(&self, _: &str, what: &str) -> Group {
        Group {
            noun: "group".to_string(),
            member: format!("a field of {what}"),
            list_name: format!("the fields of {what}"),
        }
    }
    fn home(&self, _: &str, _: &str) -> Option<String> {
        None
    }
    fn text_rule(&self, _: &str) -> Option<TextRule> {
        None
    }
    fn field_names(&self) -> Vec<&'static str> {
        Vec::new()
    }
}

/// What reading a document gave: the value (complete, with stand-ins where values were
/// refused) unless the document could not be read at all, and every problem found.
#[derive(Debug)]
pub struct Reading<T> {
    pub value: Option<T>,
    pub problems: Vec<Diagnostic>,
    pub invalid: Invalid,
}

impl<T> Reading<T> {
    fn failed(problem: Diagnostic) -> Self {
        Reading {
            value: None,
            problems: vec![problem],
            invalid: Invalid::default(),
        }
    }
}

/// How many times a document is read again with more stand-ins before giving up.
const MAX_READINGS: usize = 64;

/// Reads `source` into `T`, reporting every problem in it at its own line. `what` names
/// the document for messages ("an endorsement").
pub fn read<T: DeserializeOwned>(
    source: &YamlSource<'_>,
    what: &str,
    vocab: &dyn Vocabulary,
) -> Reading<T> {
    if source.yaml.len() > MAX_YAML_BYTES {
        return Reading::failed(
            Diagnostic::error(
                &codes::FILE_TOO_LARGE,
                format!(
                    "this file is too large to be {what} ({} KiB; the limit is {} KiB)",
                    source.yaml.len() / 1024,
                    MAX_YAML_BYTES / 1024
                ),
            )
            .at(Location::file(source.file))
            .help("a record is a few lines of text; check that the right file was added"),
        );
    }
    if source
        .yaml
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#') || l.trim() == "---")
    {
        return Reading::failed(
            Diagnostic::error(&codes::EMPTY_FILE, format!("{what} cannot be empty"))
                .at(Location::file(source.file))
                .help("fill in the fields; see an existing file in the same folder for an example"),
        );
    }
    // Most files are fine: read them directly. Files with a problem, or with a comment
    // after a value (which may have cut text short), are read node by node.
    if !may_cut_text(source.yaml)
        && let Ok(value) = serde_yaml::from_str::<T>(source.yaml)
    {
        return Reading {
            value: Some(value),
            problems: Vec::new(),
            invalid: Invalid::default(),
        };
    }
    match tree::parse(source.yaml) {
        Ok(root) => read_tree(source, &root, what, vocab),
        Err(err) => read_mended(source, err, what, vocab),
    }
}

/// Reads `source` node by node even when serde_yaml could read it directly: for tests
/// that the two readings agree.
#[cfg(test)]
pub fn read_node_by_node<T: DeserializeOwned>(
    source: &YamlSource<'_>,
    what: &str,
    vocab: &dyn Vocabulary,
) -> Reading<T> {
    match tree::parse(source.yaml) {
        Ok(root) => read_tree(source, &root, what, vocab),
        Err(err) => read_mended(source, err, what, vocab),
    }
}

/// How many syntax mistakes are mended in one file to read on past them.
const MAX_MENDS: usize = 16;

/// Reads a document that YAML cannot parse: reports each syntax mistake, mends the line
/// as it was most likely meant, and parses again, so the mistakes after the first (and
/// the wrong values in the rest of the file) are found in the same run. Problems on
/// mended lines are left out: they would point at text the manager did not write.
fn read_mended<T: DeserializeOwned>(
    source: &YamlSource<'_>,
    mut err: serde_yaml::Error,
    what: &str,
    vocab: &dyn Vocabulary,
) -> Reading<T> {
    // Split on `\n` only, so `\r` stays with its line and every line keeps its number.
    let mut lines: Vec<String> = source.yaml.split('\n').map(str::to_string).collect();
    let mut problems = Vec::new();
    let mut mended_lines = std::collections::BTreeSet::new();
    for _ in 0..MAX_MENDS {
        let text = lines.join("\n");
        let current = YamlSource {
            yaml: &text,
            ..*source
        };
        let found = syntax::diagnose(&current, &err, vocab);
        let mut changed = false;
        for f in found {
            problems.push(f.diagnostic);
            if let Some(mend) = f.mend
                && let Some(line) = lines.get_mut(f.line.wrapping_sub(1))
                && *line != mend
            {
                *line = mend;
                mended_lines.insert(f.line + source.line_offset);
                changed = true;
            }
        }
        if !changed {
            break;
        }
        let text = lines.join("\n");
        match tree::parse(&text) {
            Ok(root) => {
                let mended = YamlSource {
                    yaml: &text,
                    ..*source
                };
                let reading = read_tree::<T>(&mended, &root, what, vocab);
                problems.extend(reading.problems.into_iter().filter(|d| {
                    d.location
                        .as_ref()
                        .is_none_or(|l| !mended_lines.contains(&l.line))
                }));
                problems.sort_by_key(|d| d.location.as_ref().map(|l| (l.line, l.column)));
                return Reading {
                    value: reading.value,
                    problems,
                    invalid: Invalid {
                        paths: reading.invalid.paths,
                        mended: Some(text),
                    },
                };
            }
            Err(next) => err = next,
        }
    }
    Reading {
        value: None,
        problems,
        invalid: Invalid::default(),
    }
}

/// Reads a parsed document node by node, noting every problem and reading on with
/// stand-ins (see `de`).
fn read_tree<T: DeserializeOwned>(
    source: &YamlSource<'_>,
    root: &tree::Node,
    what: &str,
    vocab: &dyn Vocabulary,
) -> Reading<T> {
    let ctx = de::Ctx::new(source, vocab, what);
    let mut value = None;
    for _ in 0..MAX_READINGS {
        ctx.restart();
        let progress = ctx.progress();
        match T::deserialize(de::De::root(&ctx, root)) {
            Ok(v) => {
                value = Some(v);
                break;
            }
            Err(_) if ctx.progress() > progress => continue,
            Err(_) => break,
        }
    }
    let found = ctx.into_found();
    let mut invalid: Vec<Path> = found.iter().map(|f| f.path.clone()).collect();
    invalid.sort();
    invalid.dedup();
    let mut problems: Vec<Diagnostic> = found.into_iter().map(|f| f.diagnostic).collect();
    problems.sort_by_key(|d| d.location.as_ref().map(|l| (l.line, l.column)));
    problems.dedup();
    Reading {
        value,
        problems,
        invalid: Invalid {
            paths: invalid,
            mended: None,
        },
    }
}

/// The top-level field names of a YAML document, when it is a group of fields.
pub fn top_level_keys(yaml: &str) -> Option<Vec<String>> {
    let value: serde_yaml::Value = serde_yaml::from_str(yaml).ok()?;
    let map = value.as_mapping()?;
    Some(
        map.keys()
            .filter_map(|k| k.as_str().map(str::to_string))
            .collect(),
    )
}

/// Whether a line has a comment after some text (` #`), which may have cut a value short.
fn may_cut_text(yaml: &str) -> bool {
    if !yaml.contains('#') {
        return false;
    }
    yaml.lines().any(|line| {
        let t = line.trim_start();
        !t.starts_with('#') && (t.contains(" #") || t.contains("\t#"))
    })
}

/// A character that cannot be seen, or looks like a space but is not one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hidden {
    pub char: char,
    /// 1-based column of the character in the text searched.
    pub column: usize,
    /// "a non-breaking space"
    pub name: &'static str,
    /// "non-breaking spaces"
    pub plural: &'static str,
}

/// The name of a character people cannot see, or mistake for a space.
pub fn hidden_name(c: char) -> Option<(&'static str, &'static str)> {
    Some(match c {
        '\t' => ("a tab character", "tab characters"),
        '\u{a0}' => ("a non-breaking space", "non-breaking spaces"),
        '\u{202f}' => ("a narrow non-breaking space", "narrow non-breaking spaces"),
        '\u{2000}'..='\u{200a}' => ("a typographic space", "typographic spaces"),
        '\u{3000}' => ("an ideographic space", "ideographic spaces"),
        '\u{200b}' => ("a zero-width space", "zero-width spaces"),
        '\u{200c}' | '\u{200d}' => ("a zero-width joiner", "zero-width joiners"),
        '\u{2060}' => ("a word joiner", "word joiners"),
        '\u{feff}' => (
            "a zero-width no-break space (byte-order mark)",
            "byte-order marks",
        ),
        '\u{ad}' => ("a soft hyphen", "soft hyphens"),
        '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
            ("an invisible text-direction mark", "text-direction marks")
        }
        c if c.is_control() && c != '\n' && c != '\r' => {
            ("a control character", "control characters")
        }
        _ => return None,
    })
}

/// The first character of `text` that cannot be seen or is not a plain space.
pub fn find_invisible(text: &str) -> Option<Hidden> {
    text.chars().enumerate().find_map(|(i, c)| {
        hidden_name(c).map(|(name, plural)| Hidden {
            char: c,
            column: i + 1,
            name,
            plural,
        })
    })
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
                    // An empty value has no place of its own: point at its name.
                    let empty = matches!(
                        events.get(j + 1),
                        Some((Event::Scalar(v, yaml_rust2::scanner::TScalarStyle::Plain, ..), _)) if v.is_empty()
                    );
                    if rest.is_empty() && empty {
                        return Some(events[j].1);
                    }
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
mod tests;

/// Reads a file of sentences: nested maps whose leaves are text, flattened to dotted keys
/// (`senior: {attending: {short: Yes}}` gives `senior.attending.short` → `Yes`), in file
/// order. Numbers and true/false are read as the text they are written as.
pub fn read_strings(source: &YamlSource<'_>) -> Result<Vec<(String, String)>, Diagnostic> {
    if source.yaml.len() > MAX_YAML_BYTES {
        return Err(Diagnostic::error(
            &codes::FILE_TOO_LARGE,
            format!(
                "this file is too large to be a wording file (the limit is {} KiB)",
                MAX_YAML_BYTES / 1024
            ),
        )
        .at(Location::file(source.file)));
    }
    let value: serde_yaml::Value = match serde_yaml::from_str(source.yaml) {
        Ok(v) => v,
        Err(e) => {
            let at = match e.location() {
                Some(l) => source.location(l.line(), l.column()),
                None => Location::file(source.file),
            };
            return Err(Diagnostic::error(
                &codes::THEME_WORDING,
                format!(
                    "the theme's wording file cannot be read: {}",
                    first_sentence(&e)
                ),
            )
            .at(at));
        }
    };
    let mut out = Vec::new();
    match value {
        serde_yaml::Value::Null => {}
        serde_yaml::Value::Mapping(map) => {
            flatten_strings(source, &map, &mut Vec::new(), &mut out)?
        }
        _ => {
            return Err(Diagnostic::error(
                &codes::THEME_WORDING,
                "the theme's wording file must be keys with text, like `headline: \"Yes.\"`",
            )
            .at(source.location(1, 1)));
        }
    }
    Ok(out)
}

fn first_sentence(e: &serde_yaml::Error) -> String {
    let text = e.to_string();
    let text = text.split(" at line ").next().unwrap_or(&text);
    text.to_string()
}

fn flatten_strings(
    source: &YamlSource<'_>,
    map: &serde_yaml::Mapping,
    path: &mut Vec<String>,
    out: &mut Vec<(String, String)>,
) -> Result<(), Diagnostic> {
    for (key, value) in map {
        let key = match key {
            serde_yaml::Value::String(s) => s.clone(),
            serde_yaml::Value::Number(n) => n.to_string(),
            serde_yaml::Value::Bool(b) => b.to_string(),
            _ => {
                let at: Vec<Seg<'_>> = path.iter().map(|k| Seg::Key(k)).collect();
                return Err(Diagnostic::error(
                    &codes::THEME_WORDING,
                    "a key in the theme's wording file is not a word",
                )
                .at(source.locate(&at)));
            }
        };
        path.push(key);
        let text = match value {
            serde_yaml::Value::String(s) => Some(s.clone()),
            serde_yaml::Value::Number(n) => Some(n.to_string()),
            serde_yaml::Value::Bool(b) => Some(b.to_string()),
            serde_yaml::Value::Mapping(inner) => {
                flatten_strings(source, inner, path, out)?;
                None
            }
            _ => {
                let at: Vec<Seg<'_>> = path.iter().map(|k| Seg::Key(k)).collect();
                return Err(Diagnostic::error(
                    &codes::THEME_WORDING,
                    format!(
                        "`{}` in the theme's wording file is not text",
                        path.join(".")
                    ),
                )
                .at(source.locate(&at))
                .help("write the sentence on the same line, in quotes"));
            }
        };
        if let Some(text) = text {
            out.push((path.join("."), text));
        }
        path.pop();
    }
    Ok(())
}
