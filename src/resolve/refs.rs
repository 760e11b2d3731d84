//! The one place references are looked up: what each kind of reference names, with its
//! code and help; the context of one file for reporting problems at their line; and the
//! lookup of a name that reports it unknown (with the closest valid one) unless the file
//! of what it names could not be read.

use std::collections::BTreeSet;
use std::sync::Arc;

use super::Summary;
use crate::diagnostics::{Diagnostic, Diagnostics, closest};
use crate::model::OneOrMany;
use crate::yaml::{Invalid, Seg, YamlSource};

/// What a reference in a record names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefKind {
    Leader,
    Course,
    Session,
    Department,
    Problem,
}

impl RefKind {
    pub fn code(self) -> &'static crate::codes::Code {
        match self {
            RefKind::Leader => &crate::codes::UNKNOWN_LEADER,
            RefKind::Course => &crate::codes::UNKNOWN_COURSE,
            RefKind::Session => &crate::codes::UNKNOWN_SESSION,
            RefKind::Department => &crate::codes::UNKNOWN_DEPARTMENT,
            RefKind::Problem => &crate::codes::UNKNOWN_PROBLEM,
        }
    }

    pub fn noun(self) -> &'static str {
        match self {
            RefKind::Leader => "leader",
            RefKind::Course => "course",
            RefKind::Session => "session",
            RefKind::Department => "department",
            RefKind::Problem => "poll problem",
        }
    }
}

/// Up to this many valid ids are listed in full in a message.
const FEW: usize = 8;

/// Context for reporting problems inside one YAML document.
pub struct Refs<'a> {
    pub source: YamlSource<'a>,
    pub diags: &'a mut Diagnostics,
    /// Values refused while the file was read: already reported, so not checked again.
    pub invalid: &'a Invalid,
    /// Whether a problem was reported for this document.
    pub reported: bool,
}

impl Refs<'_> {
    /// Whether the value at `path` was read as written (not refused and replaced).
    pub fn valid(&self, path: &[Seg<'_>]) -> bool {
        !self.invalid.covers(path)
    }

    /// Whether nothing at or below `path` was refused.
    pub fn all_valid(&self, path: &[Seg<'_>]) -> bool {
        !self.invalid.touches(path)
    }

    /// Whether the record can be relied on for advice: nothing refused, nothing reported.
    pub fn flawed(&self) -> bool {
        self.reported || !self.invalid.is_empty()
    }

    pub fn error(&mut self, path: &[Seg<'_>], d: Diagnostic) {
        if self.invalid.covers(path) {
            return;
        }
        self.reported = true;
        let location = self.source.locate(path);
        self.diags.push(d.at(location));
    }

    /// Reports a problem with the file as a whole (its name, its place), at its start.
    pub fn file_error(&mut self, d: Diagnostic) {
        self.reported = true;
        let location = crate::diagnostics::Location::file(self.source.file.to_string());
        self.diags.push(d.at(location));
    }

    /// Reports text that learners would read as empty.
    pub fn require_text(&mut self, path: &[Seg<'_>], text: &str, what: &str) {
        if text.trim().is_empty() {
            let field = match path.last() {
                Some(Seg::Key(k)) => *k,
                _ => "this",
            };
            self.error(
                path,
                Diagnostic::error(&crate::codes::EMPTY_FIELD, format!("`{field}:` is empty"))
                    .label("nothing written here")
                    .help(format!("write {what} after `{field}:`")),
            );
        }
    }

    /// Reports `value` as naming no `kind`. `known` are the (id, name) pairs it could
    /// name; the closest is suggested, by id or by name, and a short list is given whole.
    pub fn unknown<'k>(
        &mut self,
        path: &[Seg<'_>],
        kind: RefKind,
        value: &str,
        known: impl IntoIterator<Item = (&'k str, &'k str)>,
        rule: &str,
    ) {
        let known: Vec<(&str, &str)> = known.into_iter().collect();
        let noun = kind.noun();
        let shown = crate::yaml::shorten(value);
        let mut location_hint = None;
        let mut message = format!("there is no {noun} called `{shown}`");
        let hidden = crate::yaml::find_invisible(value);
        if let Some(h) = hidden {
            message = format!("`{shown}` contains {}, so it names no {noun}", h.name);
            location_hint = Some(h.column);
        }
        let cleaned: String = value
            .chars()
            .filter(|c| crate::yaml::hidden_name(*c).is_none())
            .collect();
        let by_name = known.iter().find(|(id, name)| {
            cleaned.trim().eq_ignore_ascii_case(name)
                || crate::model::slugify(&cleaned) == *id
                || cleaned.trim().eq_ignore_ascii_case(id)
        });
        let near = by_name
            .map(|(id, _)| *id)
            .or_else(|| closest(&cleaned, known.iter().map(|(id, _)| *id)));
        let parts: Vec<&str> = value.split(',').map(str::trim).collect();
        let is_list = parts.len() > 1 && parts.iter().all(|p| known.iter().any(|(id, _)| id == p));
        // `by:`, `sign_off:`, `owner:`, `course:` and `department:` name one thing; the
        // others take a list.
        let single = matches!(
            path.last(),
            Some(Seg::Key(
                "by" | "sign_off" | "owner" | "course" | "department"
            ))
        );
        let ids: Vec<&str> = known.iter().map(|(id, _)| *id).collect();
        let few = !ids.is_empty() && ids.len() <= FEW && !rule.contains(": ");
        // Leaders and courses are many and people know them by name: a suggestion is
        // enough. Departments and poll problems are few and set by the learning team:
        // show them all.
        let list_always = matches!(kind, RefKind::Department | RefKind::Problem);
        let mut help = rule.to_string();
        if is_list && single {
            let field = match path.last() {
                Some(Seg::Key(k)) => *k,
                _ => "this line",
            };
            help = format!(
                "`{field}:` names one {noun}: keep `{}` here{}",
                parts[0],
                if field == "by" {
                    format!(
                        ", and give each other leader a file of their own ({})",
                        parts[1..].join(", ")
                    )
                } else {
                    String::new()
                }
            );
        } else if is_list {
            help = format!(
                "to name several, put them in square brackets: `[{}]`",
                parts.join(", ")
            );
        } else if hidden.is_some() {
            help = match near {
                Some(n) if n == cleaned.trim() => {
                    format!("delete the hidden character and type `{n}` again")
                }
                _ => "delete the hidden character and type the name again".to_string(),
            };
        } else if let Some(n) = near {
            let name = known
                .iter()
                .find(|(id, _)| *id == n)
                .map(|(_, name)| *name)
                .filter(|name| !name.is_empty() && *name != n);
            match name {
                Some(name) => help.push_str(&format!("; did you mean `{n}` ({name})?")),
                None => help.push_str(&format!("; did you mean `{n}`?")),
            }
            if few && list_always {
                help.push_str(&format!(" The {noun}s are: {}", ids.join(", ")));
            }
        } else if few {
            help.push_str(&format!(": {}", ids.join(", ")));
        }
        if !self.valid(path) {
            return;
        }
        self.reported = true;
        let mut location = self.source.locate(path);
        if let Some(column) = location_hint {
            location.column += column - 1;
            location.width = 1;
        }
        let d = Diagnostic::error(kind.code(), message)
            .label(match hidden {
                Some(h) => h.name.to_string(),
                None => format!("unknown {noun}"),
            })
            .help(help)
            .at(location);
        let d = if hidden.is_some() {
            Diagnostic {
                code: &crate::codes::INVISIBLE_CHARACTER,
                ..d
            }
        } else {
            d
        };
        self.diags.push(d);
    }
}

/// How to write an id that is not valid: the one made from it, or an example.
pub fn id_help(written: &str, example: &str) -> String {
    let suggestion = crate::model::slugify(written);
    if suggestion.is_empty() {
        format!("ids use lowercase letters, digits and single hyphens, like `{example}`")
    } else {
        format!("ids use lowercase letters, digits and single hyphens: write `{suggestion}`")
    }
}

/// Path to item `i` of a one-or-many field.
pub fn item_path<'a>(base: &[Seg<'a>], list: &OneOrMany, i: usize) -> Vec<Seg<'a>> {
    let mut path = base.to_vec();
    if list.is_list {
        path.push(Seg::Index(i));
    }
    path
}

/// Which links a field takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    /// Where to book a place: a web page or an email address.
    Booking,
    /// How to reach a leader: an email address or a secure web page.
    Contact,
}

/// Reports `url` at `path` unless it is a link of the kind the field takes.
pub fn check_link(refs: &mut Refs<'_>, path: &[Seg<'_>], url: &str, kind: Link) {
    let lower = url.trim().to_ascii_lowercase();
    let mail = lower
        .strip_prefix("mailto:")
        .is_some_and(|m| m.contains('@'));
    let (ok, what, label, help) = match kind {
        Link::Booking => (
            mail || lower.starts_with("https://") || lower.starts_with("http://"),
            "a web address or an email address",
            "booking links start with https:// or mailto:",
            "write the full address of the booking page (https://…), or `mailto:` and an email address",
        ),
        Link::Contact => (
            mail || lower.starts_with("https://"),
            "an email address or a secure web address",
            "contacts start with mailto: or https://",
            "write `mailto:` and an email address, or the https:// address of a page where learners can ask",
        ),
    };
    if !ok {
        let meant = likely_meant(url.trim());
        let message = if lower.starts_with("javascript:") || lower.starts_with("data:") {
            format!("the link `{url}` could run code in a learner's browser")
        } else if meant.as_deref().is_some_and(|m| m.starts_with("mailto:")) {
            format!("the email address `{url}` needs `mailto:` in front of it")
        } else {
            format!("`{url}` is not {what}")
        };
        let help = match meant {
            Some(meant) => format!("{help}: did you mean `{meant}`?"),
            None => help.to_string(),
        };
        refs.error(
            path,
            Diagnostic::error(&crate::codes::UNSAFE_LINK, message)
                .label(label)
                .help(help),
        );
    }
}

/// The link someone most likely meant by an address written without its start: an email
/// address without `mailto:`, a web address without `https://` or with `http://`.
pub(super) fn likely_meant(url: &str) -> Option<String> {
    let lower = url.to_ascii_lowercase();
    if url.is_empty() || url.contains(char::is_whitespace) || lower.contains("script:") {
        return None;
    }
    if let Some(rest) = lower.strip_prefix("http://") {
        return Some(format!("https://{}", &url[url.len() - rest.len()..]));
    }
    if url.contains(':') {
        return None;
    }
    match url.split_once('@') {
        Some((name, domain)) if !name.is_empty() && domain.contains('.') => {
            Some(format!("mailto:{url}"))
        }
        Some(_) => None,
        None if url.split('/').next().is_some_and(|host| {
            host.contains('.') && !host.starts_with('.') && !host.ends_with('.')
        }) =>
        {
            Some(format!("https://{url}"))
        }
        None => None,
    }
}

pub fn check_url(refs: &mut Refs<'_>, path: &[Seg<'_>], url: &str) {
    let lower = url.trim().to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://")) {
        refs.error(
            path,
            Diagnostic::error(
                &crate::codes::UNSAFE_LINK,
                format!("`{url}` is not a web address"),
            )
            .label("links must start with https://")
            .help(match likely_meant(url.trim()).filter(|m| m.starts_with("https://")) {
                Some(meant) => format!("write the full address of the meeting or page, starting with https://: did you mean `{meant}`?"),
                None => "write the full address of the meeting or page, starting with https://".to_string(),
            }),
        );
    }
}

/// Checks a time zone's name; `Some(name)` when it is one the calendars know.
pub fn check_timezone(refs: &mut Refs<'_>, path: &[Seg<'_>], name: &str) -> Option<String> {
    match crate::zones::lookup(name) {
        Ok(_) => Some(name.to_string()),
        Err(meant) => {
            let help = match meant {
                Some(m) => format!("did you mean `{m}`? Time zones are written by their IANA name: a region, a slash and the largest city"),
                None => "write the zone's IANA name, like `Europe/London`, `Europe/Paris` or `America/New_York`".to_string(),
            };
            refs.error(
                path,
                Diagnostic::error(
                    &crate::codes::UNKNOWN_TIMEZONE,
                    format!("there is no time zone called `{name}`"),
                )
                .help(help),
            );
            None
        }
    }
}

impl<'a> Refs<'a> {
    /// The context of one file: where its lines are and which of its values were refused.
    pub fn new(source: YamlSource<'a>, invalid: &'a Invalid, diags: &'a mut Diagnostics) -> Self {
        Refs {
            source,
            diags,
            invalid,
            reported: false,
        }
    }
}

/// The names of one kind of record, to look references up in.
pub struct Names<I> {
    kind: RefKind,
    /// What to write, for help: "write the name of a file in content/leaders/, …".
    rule: &'static str,
    index: foldhash::HashMap<String, I>,
    /// (id, name) of each, for suggestions.
    known: Vec<(String, String)>,
    /// Ids of records whose files exist but could not be read: references to them are
    /// not reported again.
    broken: BTreeSet<String>,
    /// Every reference is taken as known (a poll could not be read, so any problem id
    /// may be in it).
    lenient: bool,
}

impl<I: Copy> Names<I> {
    pub fn new(
        kind: RefKind,
        rule: &'static str,
        items: impl IntoIterator<Item = (String, String, I)>,
    ) -> Self {
        let mut index = foldhash::HashMap::default();
        let mut known = Vec::new();
        for (id, name, i) in items {
            index.insert(id.clone(), i);
            known.push((id, name));
        }
        Names {
            kind,
            rule,
            index,
            known,
            broken: BTreeSet::new(),
            lenient: false,
        }
    }

    /// Records whose files could not be read, so references to them are not reported.
    pub fn broken(mut self, ids: impl IntoIterator<Item = String>) -> Self {
        self.broken.extend(ids);
        self
    }

    /// Takes every reference as possibly right (nothing is reported unknown).
    pub fn lenient(mut self, lenient: bool) -> Self {
        self.lenient = lenient;
        self
    }

    /// What `value` at `path` names, or `None` after reporting it (unless its file is
    /// broken or the value was refused already).
    /// The record called `id`, if any, saying nothing when there is none.
    pub fn get(&self, id: &str) -> Option<I>
    where
        I: Copy,
    {
        self.index.get(id).copied()
    }

    pub fn find(&self, refs: &mut Refs<'_>, path: &[Seg<'_>], value: &str) -> Option<I> {
        self.find_as(refs, path, value, self.rule)
    }

    /// As [`Names::find`], with `rule` saying what to write in this place.
    pub fn find_as(
        &self,
        refs: &mut Refs<'_>,
        path: &[Seg<'_>],
        value: &str,
        rule: &str,
    ) -> Option<I> {
        if let Some(&i) = self.index.get(value) {
            return Some(i);
        }
        if !self.lenient && !self.broken.contains(value) {
            refs.unknown(
                path,
                self.kind,
                value,
                self.known
                    .iter()
                    .map(|(id, name)| (id.as_str(), name.as_str())),
                rule,
            );
        }
        None
    }
}

pub const COURSE_RULE: &str = "write the name of a course file in content/courses/, without `.md`";
pub const LEADER_RULE: &str = "write the name of a file in content/leaders/, without `.yaml`";

/// Where the Markdown of a YAML value at `path` starts: the line after a `|` or `>`
/// block indicator (indented), or right after the key.
pub fn markdown_at(
    source: &YamlSource<'_>,
    path: &[Seg<'_>],
    markdown: &str,
    text: &Arc<str>,
) -> Summary {
    // Most summaries are a block at the top level (`summary: |`): found by reading lines,
    // which is much quicker than reading the YAML again.
    let key = match path {
        [Seg::Key(key)] => Some(format!("{key}:")),
        _ => None,
    };
    if let Some(key) = key
        && let Some((i, line)) = source
            .whole
            .lines()
            .enumerate()
            .find(|(_, l)| l.starts_with(&key))
        && matches!(
            line[key.len()..].trim(),
            "|" | ">" | "|-" | ">-" | "|+" | ">+"
        )
    {
        let next = source.whole.lines().nth(i + 1).unwrap_or("");
        return Summary {
            markdown: markdown.to_string(),
            text: Arc::clone(text),
            first_line: i + 2,
            indent: next.len() - next.trim_start().len(),
        };
    }
    let at = source.locate(path);
    let line = at.source_line.as_deref().unwrap_or("");
    let is_block = line.trim_end().ends_with(['|', '>', '-', '+'])
        && line
            .trim_end()
            .chars()
            .rev()
            .nth(1)
            .is_some_and(|c| matches!(c, ' ' | '|' | '>'));
    let (first_line, indent) = if is_block {
        let next = source.whole.lines().nth(at.line).unwrap_or("");
        (at.line + 1, next.len() - next.trim_start().len())
    } else {
        (at.line, at.column.saturating_sub(1))
    };
    Summary {
        markdown: markdown.to_string(),
        text: Arc::clone(text),
        first_line,
        indent,
    }
}
