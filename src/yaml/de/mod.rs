//! Reads a marked YAML tree into typed records and keeps going after a problem: a value of
//! the wrong kind is noted at its own line and replaced by a stand-in of the right kind, so
//! every problem in a file is found in one pass. Where a stand-in cannot be made in place
//! (a required field is missing, a type refuses the value), the caller reads the document
//! again with a stand-in at that path.

mod access;
mod deserializer;

pub use access::Group;
use access::{Entries, Items, UnitVariant};

use std::cell::RefCell;
use std::fmt;

use serde::de;

use super::tree::{Mark, Node, Style, Value, shorten};
use super::{Path, Step, Vocabulary, YamlSource, find_invisible};
use crate::codes;
use crate::diagnostics::{Diagnostic, Location, closest};

/// A problem and the path of the value it is about.
#[derive(Debug, Clone)]
pub struct Found {
    pub path: Path,
    pub diagnostic: Diagnostic,
}

/// What one reading of a document shares: the source, the words for messages, the
/// problems found and the stand-ins asked for by earlier readings.
pub struct Ctx<'a> {
    pub source: &'a YamlSource<'a>,
    pub vocab: &'a dyn Vocabulary,
    /// What the whole document is, for messages ("an endorsement").
    pub what: &'a str,
    /// Found in this reading.
    found: RefCell<Vec<Found>>,
    /// Found in earlier readings at paths that now hold stand-ins.
    kept: RefCell<Vec<Found>>,
    /// (path of a group of fields, name of a missing field) to present as stand-ins.
    fill: RefCell<Vec<(Path, &'static str)>>,
    /// Paths whose values are replaced by stand-ins.
    replace: RefCell<Vec<Path>>,
}

impl<'a> Ctx<'a> {
    pub fn new(source: &'a YamlSource<'a>, vocab: &'a dyn Vocabulary, what: &'a str) -> Self {
        Ctx {
            source,
            vocab,
            what,
            found: RefCell::default(),
            kept: RefCell::default(),
            fill: RefCell::default(),
            replace: RefCell::default(),
        }
    }

    /// Starts another reading: forgets what the last one found in place.
    pub fn restart(&self) {
        self.found.borrow_mut().clear();
    }

    /// How many stand-ins have been asked for; a reading that fails without asking for a
    /// new one cannot be completed.
    pub fn progress(&self) -> usize {
        self.fill.borrow().len() + self.replace.borrow().len()
    }

    /// Everything found, in the order found.
    pub fn into_found(self) -> Vec<Found> {
        let mut all = self.kept.into_inner();
        all.extend(self.found.into_inner());
        all
    }

    fn push(&self, path: &Path, diagnostic: Diagnostic) {
        self.found.borrow_mut().push(Found {
            path: path.clone(),
            diagnostic,
        });
    }

    fn keep(&self, path: &Path, diagnostic: Diagnostic) {
        self.kept.borrow_mut().push(Found {
            path: path.clone(),
            diagnostic,
        });
    }

    fn is_replaced(&self, path: &Path) -> bool {
        self.replace.borrow().iter().any(|p| p == path)
    }

    fn fills(&self, path: &Path) -> Vec<&'static str> {
        self.fill
            .borrow()
            .iter()
            .filter(|(p, _)| p == path)
            .map(|(_, f)| *f)
            .collect()
    }

    /// A location for `mark`, or the start of the document.
    pub fn location(&self, mark: Option<&Mark>) -> Location {
        match mark {
            Some(m) => self.source.location(m.line, m.column),
            None => self
                .source
                .location(first_content_line(self.source.yaml), 1),
        }
    }
}

/// The first line that is not blank or a comment (1-based), or 1.
fn first_content_line(yaml: &str) -> usize {
    yaml.lines()
        .position(|l| {
            let t = l.trim();
            !t.is_empty() && !t.starts_with('#') && t != "---"
        })
        .map_or(1, |i| i + 1)
}

/// Why a reading stopped; only `Abort` leaves this module's deserializer, the others come
/// from the types being read and are turned into problems where they arise.
#[derive(Debug)]
pub enum DeError {
    /// A problem was noted and the reading must start again with a stand-in.
    Abort,
    Missing(&'static str),
    Message(String),
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DeError::Abort => f.write_str("reading stopped"),
            DeError::Missing(field) => write!(f, "`{field}` is missing"),
            DeError::Message(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError::Message(msg.to_string())
    }

    fn missing_field(field: &'static str) -> Self {
        DeError::Missing(field)
    }

    fn invalid_type(_: de::Unexpected<'_>, expected: &dyn de::Expected) -> Self {
        DeError::Message(expected.to_string())
    }

    fn invalid_value(_: de::Unexpected<'_>, expected: &dyn de::Expected) -> Self {
        DeError::Message(expected.to_string())
    }
}

type Result<T> = std::result::Result<T, DeError>;

/// The deserializer for one node (or a stand-in when `node` is `None`).
pub struct De<'c, 'n> {
    ctx: &'c Ctx<'c>,
    node: Option<&'n Node>,
    path: Path,
    /// Where to point when the node itself has no mark: its key, or its group.
    near: Option<&'n Mark>,
    /// The key this value was written under, if any.
    key: Option<&'n Mark>,
}

impl<'c, 'n> De<'c, 'n> {
    pub fn root(ctx: &'c Ctx<'c>, node: &'n Node) -> Self {
        De {
            ctx,
            node: Some(node),
            path: Vec::new(),
            near: None,
            key: None,
        }
    }

    fn child(&self, node: Option<&'n Node>, step: Step, near: Option<&'n Mark>) -> De<'c, 'n> {
        let mut path = self.path.clone();
        path.push(step);
        let key = match path.last() {
            Some(Step::Key(_)) => near,
            _ => None,
        };
        De {
            ctx: self.ctx,
            node,
            path,
            near: node.and_then(|n| n.at.as_ref()).or(near).or(self.near),
            key,
        }
    }

    /// The node to read, or `None` for a stand-in.
    fn value(&self) -> Option<&'n Node> {
        if self.ctx.is_replaced(&self.path) {
            return None;
        }
        self.node.map(Node::untagged)
    }

    fn location(&self) -> Location {
        let mark = self.node.and_then(|n| n.at.as_ref()).or(self.near);
        self.ctx.location(mark)
    }

    /// How messages name this value: "`sign_off`", "item 2 of `departments`".
    fn subject(&self) -> String {
        subject(&self.path)
    }

    /// Notes that this value is not of the `expected` kind.
    fn wrong(&self, node: &Node, expected: &str, help: String) {
        // A list or group written on the lines below its name is pointed at by the name.
        let below = |key: &Mark| node.at.as_ref().is_none_or(|at| at.line > key.line);
        let location = match (node.is_scalar(), self.key) {
            (false, Some(key)) if below(key) => {
                let mut l = self.ctx.location(Some(key));
                l.width = key.text.as_deref().map_or(1, |t| t.chars().count().max(1));
                l
            }
            _ => self.location(),
        };
        let d = Diagnostic::error(
            &codes::WRONG_TYPE,
            format!(
                "{} should be {expected}, not {}",
                self.subject(),
                node.describe()
            ),
        )
        .at(location)
        .label(format!("not {expected}"))
        .help(help);
        self.ctx.push(&self.path, d);
    }

    /// Handles what a type's visitor returned: its own refusals become a problem here and
    /// a stand-in on the next reading.
    fn settle<T>(&self, result: Result<T>) -> Result<T> {
        self.settle_group(result, None)
    }

    /// As `settle`, for the group of fields `group` (which names what a missing field is
    /// missing from).
    fn settle_group<T>(&self, result: Result<T>, group: Option<&Group>) -> Result<T> {
        match result {
            Err(DeError::Message(expected)) => {
                if !self.ctx.is_replaced(&self.path) {
                    let found = self
                        .node
                        .map(Node::describe)
                        .unwrap_or_else(|| "empty".to_string());
                    let d = Diagnostic::error(
                        &codes::WRONG_TYPE,
                        format!("{} should be {expected}, not {found}", self.subject()),
                    )
                    .at(self.location())
                    .help(format!("write {expected} here"));
                    self.ctx.keep(&self.path, d);
                    self.ctx.replace.borrow_mut().push(self.path.clone());
                }
                Err(DeError::Abort)
            }
            Err(DeError::Missing(field)) => {
                // A group of fields refused to be made without `field`: note it once and
                // present a stand-in for it next time.
                let already = self
                    .ctx
                    .fill
                    .borrow()
                    .iter()
                    .any(|(p, f)| p == &self.path && *f == field);
                if !already {
                    let noun = if self.path.is_empty() {
                        strip_article(self.ctx.what)
                    } else {
                        group.map_or("group", |g| g.noun.as_str())
                    };
                    let d = Diagnostic::error(
                        &codes::MISSING_FIELD,
                        format!("`{field}` is missing from this {noun}"),
                    )
                    .at(self.location())
                    .label(format!("add `{field}:` to this {noun}"))
                    .help(format!("add a line `{field}: …` with the right value"));
                    let mut at = self.path.clone();
                    at.push(Step::Key(field.to_string()));
                    self.ctx.keep(&at, d);
                    self.ctx.fill.borrow_mut().push((self.path.clone(), field));
                }
                Err(DeError::Abort)
            }
            other => other,
        }
    }

    /// The text of a scalar, as serde_yaml gives it to a type asking for text.
    fn scalar_text(node: &Node) -> Option<String> {
        match &node.value {
            Value::Str(s) => Some(s.clone()),
            Value::Seq(_) | Value::Map(_) => None,
            Value::Tagged(_, inner) => Self::scalar_text(inner),
            _ => Some(node.text()),
        }
    }

    /// Notes text that YAML cut short at a ` #` comment.
    fn check_comment(&self, node: &Node) {
        let Some(mark) = node.at.as_ref() else {
            return;
        };
        if mark.style != Style::Plain {
            return;
        }
        let Some(text) = mark.text.as_deref() else {
            return;
        };
        if let Some(cut) = comment_after(self.ctx.source.yaml, mark, text) {
            let multi_word = text.split_whitespace().nth(1).is_some();
            let glued = cut
                .comment
                .chars()
                .nth(1)
                .is_some_and(|c| !c.is_whitespace());
            if !(glued || (multi_word && cut.gap == 1)) {
                return;
            }
            let whole = format!("{text}{}{}", " ".repeat(cut.gap), cut.comment);
            let key = match self.path.last() {
                Some(Step::Key(k)) => format!("{k}: "),
                _ => String::new(),
            };
            let mut location = self.ctx.source.location(cut.line, cut.column);
            location.width = cut.comment.chars().count().max(1);
            let d = Diagnostic::error(
                &codes::TEXT_CUT_BY_COMMENT,
                format!(
                    "the text after `#` would be left out: learners would read only \"{}\"",
                    shorten(text)
                ),
            )
            .at(location)
            .label("YAML reads ` #` as the start of a comment")
            .help(format!(
                "put the whole text in double quotes: `{key}{}`; a note that learners should not see goes on a line of its own",
                double_quoted(&whole)
            ));
            self.ctx.push(&self.path, d);
        }
    }
}

/// "an endorsement" → "endorsement".
fn strip_article(what: &str) -> &str {
    what.strip_prefix("an ")
        .or_else(|| what.strip_prefix("a "))
        .unwrap_or(what)
}

/// Adds the fields of the block `more` to the block `into`: blocks in both are merged
/// the same way, lists in both are joined, and other values are added as they are (so a
/// value written in both is reported as written twice).
fn merge_into(into: &mut Node, more: &Node) {
    let (Value::Map(entries), Value::Map(extra)) = (&mut into.value, &more.untagged().value) else {
        return;
    };
    for (key, value) in extra {
        let existing = entries
            .iter_mut()
            .find(|(k, _)| k.text() == key.text())
            .map(|(_, v)| v);
        match (existing, &value.untagged().value) {
            (Some(old), Value::Map(_)) if matches!(old.value, Value::Map(_)) => {
                merge_into(old, value);
            }
            (Some(old), Value::Seq(more_items)) => {
                if let Value::Seq(items) = &mut old.value {
                    items.extend(more_items.iter().cloned());
                } else {
                    entries.push((key.clone(), value.clone()));
                }
            }
            _ => entries.push((key.clone(), value.clone())),
        }
    }
}

/// `text` in double quotes, with `"` and `\` escaped.
pub fn double_quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// How messages name the value at `path`.
pub fn subject(path: &[Step]) -> String {
    match path {
        [] => "this file".to_string(),
        [.., Step::Key(k)] => format!("`{k}`"),
        [.., Step::Key(k), Step::Index(i)] => format!("item {} of `{k}`", i + 1),
        [.., Step::Index(i)] => format!("item {}", i + 1),
    }
}

/// A trailing comment after a plain scalar.
struct Cut<'t> {
    /// 1-based line and column of the `#` in the YAML text.
    line: usize,
    column: usize,
    /// How many spaces or tabs stand between the text and the `#`.
    gap: usize,
    /// From `#` to the end of the line.
    comment: &'t str,
}

/// Finds the comment that ends the plain scalar `text` written at `mark`, if any: follows
/// the scalar's non-blank characters through the source, then looks at the rest of the
/// line it ends on.
fn comment_after<'t>(yaml: &'t str, mark: &Mark, text: &str) -> Option<Cut<'t>> {
    let mut wanted = text.chars().filter(|c| !c.is_whitespace()).peekable();
    let mut lines = yaml.lines().enumerate().skip(mark.line.checked_sub(1)?);
    let (mut number, mut line) = lines.next()?;
    let mut start = line
        .char_indices()
        .nth(mark.column - 1)
        .map_or(line.len(), |(i, _)| i);
    loop {
        let rest = &line[start..];
        let mut end = None;
        for (i, c) in rest.char_indices() {
            if c.is_whitespace() {
                continue;
            }
            match wanted.peek() {
                Some(&w) if w == c => {
                    wanted.next();
                    if wanted.peek().is_none() {
                        end = Some(start + i + c.len_utf8());
                        break;
                    }
                }
                Some(_) => return None,
                None => break,
            }
        }
        if let Some(end) = end {
            let after = &line[end..];
            let trimmed = after.trim_start_matches([' ', '\t']);
            if !trimmed.starts_with('#') || trimmed.len() == after.len() {
                return None;
            }
            let gap = after.len() - trimmed.len();
            let hash_byte = end + gap;
            return Some(Cut {
                line: number + 1,
                column: line[..hash_byte].chars().count() + 1,
                gap,
                comment: trimmed,
            });
        }
        wanted.peek()?;
        let (n, l) = lines.next()?;
        number = n;
        line = l;
        start = 0;
    }
}
