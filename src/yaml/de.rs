//! Reads a marked YAML tree into typed records and keeps going after a problem: a value of
//! the wrong kind is noted at its own line and replaced by a stand-in of the right kind, so
//! every problem in a file is found in one pass. Where a stand-in cannot be made in place
//! (a required field is missing, a type refuses the value), the caller reads the document
//! again with a stand-in at that path.

use std::cell::RefCell;
use std::fmt;

use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, IntoDeserializer, MapAccess, SeqAccess,
    VariantAccess, Visitor,
};

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

impl<'de> Deserializer<'de> for De<'_, '_> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let Some(node) = self.value() else {
            // A stand-in for a value whose type is only known to its visitor: an empty list
            // suits the one-or-many lists that read this way.
            return visitor.visit_seq(Items {
                de: &self,
                items: [].iter(),
                index: 0,
            });
        };
        let result = match &node.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Int(n) => match (i64::try_from(*n), u64::try_from(*n)) {
                (Ok(v), _) if v < 0 => visitor.visit_i64(v),
                (_, Ok(v)) => visitor.visit_u64(v),
                _ => visitor.visit_i128(*n),
            },
            Value::Float(f) => visitor.visit_f64(*f),
            Value::Str(s) => {
                self.check_comment(node);
                visitor.visit_str(s)
            }
            Value::Seq(items) => visitor.visit_seq(Items {
                de: &self,
                items: items.iter(),
                index: 0,
            }),
            Value::Map(entries) => visitor.visit_map(Entries::plain(&self, entries)),
            Value::Tagged(..) => unreachable!("value() removes tags"),
        };
        self.settle(result)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.value().map(|n| (n, &n.value)) {
            Some((_, Value::Bool(b))) => visitor.visit_bool(*b),
            Some((node, _)) => {
                let text = node.text().to_lowercase();
                let quoted = node.at.as_ref().is_some_and(|m| m.style == Style::Quoted);
                let help = if quoted && matches!(text.as_str(), "true" | "false") {
                    format!("remove the quote marks: `{text}` without them is yes or no")
                } else if matches!(
                    text.as_str(),
                    "yes" | "no" | "y" | "n" | "on" | "off" | "oui" | "non" | "ja" | "nein"
                ) {
                    format!(
                        "write `true` for yes or `false` for no; `{}` is read as text here",
                        node.text()
                    )
                } else {
                    "write `true` for yes or `false` for no".to_string()
                };
                self.wrong(node, "`true` or `false`", help);
                visitor.visit_bool(false)
            }
            None => visitor.visit_bool(false),
        }
    }

    fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let n = self.whole_number(i128::from(i8::MIN), i128::from(i8::MAX));
        visitor.visit_i8(i8::try_from(n).unwrap_or(0))
    }

    fn deserialize_i16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let n = self.whole_number(i128::from(i16::MIN), i128::from(i16::MAX));
        visitor.visit_i16(i16::try_from(n).unwrap_or(0))
    }

    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let n = self.whole_number(i128::from(i32::MIN), i128::from(i32::MAX));
        visitor.visit_i32(i32::try_from(n).unwrap_or(0))
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let n = self.whole_number(i128::from(i64::MIN), i128::from(i64::MAX));
        visitor.visit_i64(i64::try_from(n).unwrap_or(0))
    }

    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let n = self.whole_number(0, i128::from(u8::MAX));
        visitor.visit_u8(u8::try_from(n).unwrap_or(0))
    }

    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let n = self.whole_number(0, i128::from(u16::MAX));
        visitor.visit_u16(u16::try_from(n).unwrap_or(0))
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let n = self.whole_number(0, i128::from(u32::MAX));
        visitor.visit_u32(u32::try_from(n).unwrap_or(0))
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let n = self.whole_number(0, i128::from(u64::MAX));
        visitor.visit_u64(u64::try_from(n).unwrap_or(0))
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.value().map(|n| (n, &n.value)) {
            Some((_, Value::Float(f))) => visitor.visit_f64(*f),
            Some((_, Value::Int(n))) => visitor.visit_f64(*n as f64),
            Some((node, _)) => {
                self.wrong(node, "a number", "write a number, such as `12`".to_string());
                visitor.visit_f64(0.0)
            }
            None => visitor.visit_f64(0.0),
        }
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let Some(node) = self.value() else {
            return visitor.visit_str("");
        };
        match Self::scalar_text(node) {
            Some(text) => {
                self.check_comment(node);
                let result = visitor.visit_string(text);
                self.settle(result)
            }
            None => {
                let help = match &node.value {
                    Value::Seq(_) => "write the text on the same line; text that starts with `[` or `- ` goes in double quotes".to_string(),
                    _ => "write the text on the same line, in double quotes if it contains `: `".to_string(),
                };
                self.wrong(node, "text", help);
                visitor.visit_str("")
            }
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.value().map(|n| &n.value) {
            None | Some(Value::Null) => visitor.visit_none(),
            Some(_) => visitor.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.value() {
            None => visitor.visit_unit(),
            Some(node) if node.value == Value::Null => visitor.visit_unit(),
            Some(node) => {
                self.wrong(node, "empty", "remove the value".to_string());
                visitor.visit_unit()
            }
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        let Some(rule) = self.ctx.vocab.text_rule(name) else {
            let result = visitor.visit_newtype_struct(self.clone_handle());
            return self.settle(result);
        };
        // A value written as text with rules of its own (a date, a time): checked here so
        // the problem is located and worded once; a bad one is given the type's stand-in,
        // which its visitor makes when asked for a unit.
        let Some(node) = self.value() else {
            return self.settle(visitor.visit_unit());
        };
        let Some(text) = Self::scalar_text(node) else {
            self.wrong(node, rule.expected, rule.help.to_string());
            return self.settle(visitor.visit_unit());
        };
        match (rule.check)(text.trim()) {
            Ok(()) => {
                let result = visitor.visit_newtype_struct(self.clone_handle());
                self.settle(result)
            }
            Err(problem) => {
                let mut location = self.location();
                if let Some(hidden) = find_invisible(&text) {
                    location.column += hidden.column - 1;
                    location.width = 1;
                    let d = Diagnostic::error(
                        &codes::INVISIBLE_CHARACTER,
                        format!(
                            "{} contains {}, which cannot be seen",
                            self.subject(),
                            hidden.name
                        ),
                    )
                    .at(location)
                    .label(hidden.name)
                    .help("delete it and type the value again");
                    self.ctx.push(&self.path, d);
                } else {
                    let d = Diagnostic::error(rule.code, problem.message)
                        .at(location)
                        .help(problem.help);
                    self.ctx.push(&self.path, d);
                }
                self.settle(visitor.visit_unit())
            }
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let items: &[Node] = match self.value().map(|n| (n, &n.value)) {
            Some((_, Value::Seq(items))) => items,
            Some((_, Value::Null)) => &[],
            Some((node, _)) => {
                let text = node.text();
                let help = if node.is_scalar() && text.contains(',') {
                    format!(
                        "to list several, put them in square brackets: `[{}]`",
                        text.split(',')
                            .map(str::trim)
                            .filter(|s| !s.is_empty())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                } else if node.is_scalar() && text.split_whitespace().count() > 3 {
                    let key = match self.path.last() {
                        Some(Step::Key(k)) => format!("`{k}:`"),
                        _ => "it".to_string(),
                    };
                    format!(
                        "write each item on its own line below {key}, starting with two spaces and `- `, like `  - {}`",
                        shorten(&text)
                    )
                } else if node.is_scalar() && !text.is_empty() {
                    format!("write a list, even of one item: `[{text}]`")
                } else {
                    "write a list: `[a, b]` on the same line, or one `- item` per line below"
                        .to_string()
                };
                self.wrong(node, "a list", help);
                &[]
            }
            None => &[],
        };
        let result = visitor.visit_seq(Items {
            de: &self,
            items: items.iter(),
            index: 0,
        });
        self.settle(result)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let entries: &[(Node, Node)] = match self.value().map(|n| (n, &n.value)) {
            Some((_, Value::Map(entries))) => entries,
            Some((_, Value::Null)) => &[],
            Some((node, _)) => {
                self.wrong(
                    node,
                    "a group of fields",
                    "write each field on its own line below, indented by two spaces".to_string(),
                );
                &[]
            }
            None => &[],
        };
        let result = visitor.visit_map(Entries::plain(&self, entries));
        self.settle(result)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        let group = self.ctx.vocab.group(name, self.ctx.what);
        let entries: &[(Node, Node)] = match self.value().map(|n| (n, &n.value)) {
            Some((_, Value::Map(entries))) => entries,
            Some((_, Value::Null)) => &[],
            Some((node, _)) => {
                let key = match self.path.last() {
                    Some(Step::Key(k)) => format!("`{k}:`"),
                    _ => "it".to_string(),
                };
                self.wrong(
                    node,
                    &format!("a group of fields ({})", group.list_name),
                    format!(
                        "write the fields of {key} on the lines below it, each indented by two spaces and without `- `, like `  {}: …`",
                        fields.first().copied().unwrap_or("name")
                    ),
                );
                &[]
            }
            None => &[],
        };
        let access = Entries::fields(&self, entries, name, fields, &group);
        let result = visitor.visit_map(access);
        self.settle_group(result, Some(&group))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        let first = variants.first().copied().unwrap_or("");
        let chosen = match self.value() {
            None => first,
            Some(node) => match Self::scalar_text(node) {
                Some(text) if variants.contains(&text.as_str()) => variants
                    .iter()
                    .copied()
                    .find(|v| *v == text)
                    .unwrap_or(first),
                Some(text) => {
                    let list = variants.join(", ");
                    let lower = text.trim().to_lowercase().replace([' ', '_'], "-");
                    let help = if let Some(v) = variants.iter().find(|v| **v == lower) {
                        format!("write it as `{v}`: the allowed words are {list}")
                    } else if let Some(near) = closest(&text, variants.iter().copied()) {
                        format!("did you mean `{near}`? The allowed words are {list}")
                    } else {
                        format!("use one of: {list}")
                    };
                    let d = Diagnostic::error(
                        &codes::NOT_ALLOWED_VALUE,
                        format!(
                            "`{}` is not an allowed value for {}",
                            shorten(&text),
                            self.subject()
                        ),
                    )
                    .at(self.location())
                    .label("not allowed here")
                    .help(help);
                    self.ctx.push(&self.path, d);
                    first
                }
                None => {
                    self.wrong(
                        node,
                        &format!("one word from the list {}", variants.join(", ")),
                        "write one of the allowed words on the same line, without brackets"
                            .to_string(),
                    );
                    first
                }
            },
        };
        let result = visitor.visit_enum(UnitVariant(chosen));
        self.settle(result)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_unit()
    }
}

impl<'c, 'n> De<'c, 'n> {
    /// The same node again, for types that read their value through another call.
    fn clone_handle(&self) -> De<'c, 'n> {
        De {
            ctx: self.ctx,
            node: self.node,
            path: self.path.clone(),
            near: self.near,
            key: self.key,
        }
    }

    /// The whole number written here, or 0 after noting why it is not one in range.
    fn whole_number(&self, min: i128, max: i128) -> i128 {
        let Some(node) = self.value() else {
            return 0;
        };
        let expected = if min == 0 {
            "a whole number (0 or more)"
        } else {
            "a whole number"
        };
        match &node.value {
            Value::Int(n) if (min..=max).contains(n) => *n,
            Value::Int(n) if *n < min => {
                self.wrong(node, expected, format!("write a number of {min} or more"));
                0
            }
            Value::Int(_) => {
                self.wrong(node, expected, format!("write a number up to {max}"));
                0
            }
            Value::Str(s) if s.trim().parse::<i128>().is_ok() => {
                self.wrong(node, expected, format!("remove the quotes: `{}`", s.trim()));
                0
            }
            _ => {
                self.wrong(
                    node,
                    expected,
                    "write a whole number, such as `12`".to_string(),
                );
                0
            }
        }
    }
}

/// The items of a list.
struct Items<'d, 'c, 'n> {
    de: &'d De<'c, 'n>,
    items: std::slice::Iter<'n, Node>,
    index: usize,
}

impl<'de> SeqAccess<'de> for Items<'_, '_, '_> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        let Some(item) = self.items.next() else {
            return Ok(None);
        };
        let de = self.de.child(Some(item), Step::Index(self.index), None);
        self.index += 1;
        seed.deserialize(de).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

/// How messages name a group of fields and its members.
#[derive(Debug, Clone)]
pub struct Group {
    /// "session", "endorsement".
    pub noun: String,
    /// "a field of a session", "a commitment".
    pub member: String,
    /// "the fields of a session", "the commitments".
    pub list_name: String,
}

/// The entries of a group of fields, as a map: unknown and repeated fields are noted and
/// left out, fields written twice as blocks are merged, and stand-ins are added for the
/// missing fields earlier readings asked for.
struct Entries<'d, 'c, 'n> {
    de: &'d De<'c, 'n>,
    /// (key, value node or `None` for a stand-in, mark of the key).
    pending: std::vec::IntoIter<(String, Option<Value2<'n>>, Option<&'n Mark>)>,
    value: Option<(String, Option<Value2<'n>>, Option<&'n Mark>)>,
}

/// A value to present: a node of the tree, or one made by merging blocks written twice.
enum Value2<'n> {
    Tree(&'n Node),
    Merged(Box<Node>),
}

impl<'d, 'c, 'n> Entries<'d, 'c, 'n> {
    /// A map that is not a typed group: every entry as written.
    fn plain(de: &'d De<'c, 'n>, entries: &'n [(Node, Node)]) -> Self {
        let pending: Vec<_> = entries
            .iter()
            .map(|(k, v)| (k.text(), Some(Value2::Tree(v)), k.at.as_ref()))
            .collect();
        Entries {
            de,
            pending: pending.into_iter(),
            value: None,
        }
    }

    fn fields(
        de: &'d De<'c, 'n>,
        entries: &'n [(Node, Node)],
        name: &'static str,
        fields: &'static [&'static str],
        group: &Group,
    ) -> Self {
        let ctx = de.ctx;
        let mut pending: Vec<(String, Option<Value2<'n>>, Option<&'n Mark>)> = Vec::new();
        for (key, value) in entries {
            let text = key.text();
            let key_mark = key.at.as_ref();
            let mut path = de.path.clone();
            path.push(Step::Key(text.clone()));
            if !fields.contains(&text.as_str()) {
                ctx.push(&path, unknown_field(de, key, &text, name, fields, group));
                continue;
            }
            if let Some(i) = pending.iter().position(|(k, ..)| *k == text) {
                let first_line = pending[i].2.map_or(0, |m| m.line + ctx.source.line_offset);
                let first = match &pending[i].1 {
                    Some(Value2::Tree(n)) => Some((*n).clone()),
                    Some(Value2::Merged(n)) => Some((**n).clone()),
                    None => None,
                };
                let both_blocks = matches!(
                    (
                        first.as_ref().map(|n| &n.untagged().value),
                        &value.untagged().value
                    ),
                    (Some(Value::Map(_)), Value::Map(_))
                );
                let mut location = ctx.location(key_mark);
                location.width = text.chars().count().max(1);
                let d = if both_blocks {
                    let mut merged = first.unwrap_or_else(|| value.clone());
                    merge_into(&mut merged, value);
                    pending[i].1 = Some(Value2::Merged(Box::new(merged)));
                    Diagnostic::error(
                        &codes::DUPLICATE_FIELD,
                        format!("`{text}:` is written twice (also on line {first_line})"),
                    )
                    .at(location)
                    .label("second time")
                    .help(format!(
                        "merge the two blocks: move the lines under this `{text}:` up under the one on line {first_line}, then delete this `{text}:` line"
                    ))
                } else {
                    Diagnostic::error(
                        &codes::DUPLICATE_FIELD,
                        format!("`{text}:` is written twice (also on line {first_line})"),
                    )
                    .at(location)
                    .label("second time")
                    .help("keep the line you want and delete the other one")
                };
                ctx.push(&path, d);
                continue;
            }
            pending.push((text, Some(Value2::Tree(value)), key_mark));
        }
        for field in ctx.fills(&de.path) {
            if !pending.iter().any(|(k, ..)| k == field) {
                pending.push((field.to_string(), None, None));
            }
        }
        Entries {
            de,
            pending: pending.into_iter(),
            value: None,
        }
    }
}

/// The problem with a field that `fields` does not list.
fn unknown_field(
    de: &De<'_, '_>,
    key: &Node,
    text: &str,
    name: &str,
    fields: &[&str],
    group: &Group,
) -> Diagnostic {
    let ctx = de.ctx;
    let mut location = ctx.location(key.at.as_ref());
    location.width = text.chars().count().max(1);
    if let Some(hidden) = find_invisible(text) {
        location.column += hidden.column - 1;
        location.width = 1;
        let leading = text.chars().next().is_some_and(|c| hidden.char == c);
        let message = if leading {
            format!("this line is indented with {}", hidden.plural)
        } else {
            format!("`{}` contains {}", text.trim(), hidden.name)
        };
        return Diagnostic::error(&codes::INVISIBLE_CHARACTER, message)
            .at(location)
            .label(hidden.name)
            .help(if leading {
                "delete the spaces at the start of the line and type them again with the space bar"
            } else {
                "delete it and type the name again"
            });
    }
    if let Some(home) = ctx.vocab.home(name, text) {
        return Diagnostic::error(
            &codes::UNKNOWN_FIELD,
            format!("`{text}` belongs under `{home}:`"),
        )
        .at(location)
        .label(format!("not a field of {}", ctx.what))
        .help(format!(
            "indent this line by two spaces under a `{home}:` line (add `{home}:` above it if there is none)"
        ));
    }
    let list = fields.join(", ");
    let d = Diagnostic::error(
        &codes::UNKNOWN_FIELD,
        format!("`{}` is not {}", shorten(text), group.member),
    )
    .at(location)
    .label("unknown field");
    match closest(text, fields.iter().copied()) {
        Some(near) => d.help(format!(
            "did you mean `{near}`? {} are: {list}",
            capitalise(&group.list_name)
        )),
        None if fields.is_empty() => d.help("remove this line"),
        None => d.help(format!("{} are: {list}", capitalise(&group.list_name))),
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

impl<'de> MapAccess<'de> for Entries<'_, '_, '_> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        let Some(entry) = self.pending.next() else {
            return Ok(None);
        };
        let key = seed
            .deserialize(entry.0.as_str().into_deserializer())
            .map(Some);
        self.value = Some(entry);
        key
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        let Some((key, value, key_mark)) = self.value.take() else {
            return Err(DeError::Abort);
        };
        match value {
            Some(Value2::Tree(node)) => {
                seed.deserialize(self.de.child(Some(node), Step::Key(key), key_mark))
            }
            Some(Value2::Merged(node)) => {
                let de = De {
                    ctx: self.de.ctx,
                    node: Some(&node),
                    path: {
                        let mut p = self.de.path.clone();
                        p.push(Step::Key(key));
                        p
                    },
                    near: key_mark.or(self.de.near),
                    key: key_mark,
                };
                seed.deserialize(de)
            }
            None => seed.deserialize(self.de.child(None, Step::Key(key), key_mark)),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.pending.len())
    }
}

/// A unit variant chosen by name.
struct UnitVariant(&'static str);

impl<'de> EnumAccess<'de> for UnitVariant {
    type Error = DeError;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self)> {
        let value = seed.deserialize(self.0.into_deserializer())?;
        Ok((value, self))
    }
}

impl<'de> VariantAccess<'de> for UnitVariant {
    type Error = DeError;

    fn unit_variant(self) -> Result<()> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, _seed: T) -> Result<T::Value> {
        Err(DeError::Message("one word".to_string()))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, _visitor: V) -> Result<V::Value> {
        Err(DeError::Message("one word".to_string()))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value> {
        Err(DeError::Message("one word".to_string()))
    }
}
