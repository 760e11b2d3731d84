//! Explains why a YAML document could not be read at all, at the line a manager must
//! change: YAML parsers report where they gave up, which is often a line later (or past
//! the end of the file), so the shape of the lines around that place decides what is said.

use super::de::double_quoted;
use super::{Vocabulary, YamlSource, hidden_name};
use crate::codes;
use crate::diagnostics::{Diagnostic, Location, closest};

/// A syntax mistake explained: the line (1-based, in the YAML text), what to say, and the
/// line as it was most likely meant, when that can be told.
pub struct Found {
    pub line: usize,
    pub diagnostic: Diagnostic,
    pub mend: Option<String>,
}

fn found(line: usize, diagnostic: Diagnostic) -> Found {
    Found {
        line,
        diagnostic,
        mend: None,
    }
}

fn mended(line: usize, diagnostic: Diagnostic, mend: String) -> Found {
    Found {
        line,
        diagnostic,
        mend: Some(mend),
    }
}

/// The problems that explain why `source` could not be read: characters that break the
/// layout (tabs, non-breaking spaces) if there are any, otherwise the first mistake the
/// parser found. Each comes with the mended line where one can be told, so the caller can
/// read on and find the problems after it.
pub fn diagnose(
    source: &YamlSource<'_>,
    err: &serde_yaml::Error,
    vocab: &dyn Vocabulary,
) -> Vec<Found> {
    let lines = Lines::new(source.yaml);
    let message = err.to_string();
    if message.contains("recursion limit exceeded") || message.contains("repetition limit") {
        return vec![found(
            1,
            Diagnostic::error(
                &codes::YAML_TOO_COMPLEX,
                "this file nests or repeats values too deeply to be read",
            )
            .at(Location::file(source.file))
            .help("write the values out plainly, without YAML anchors (&) and aliases (*)"),
        )];
    }
    let layout = layout_characters(source, &lines);
    if !layout.is_empty() {
        // The parser's own complaint is most likely about these characters.
        return layout;
    }
    let parsed = Parsed::new(&message, err.location().map(|l| (l.line(), l.column())));
    explain(source, &lines, &parsed, vocab)
        .into_iter()
        .collect()
}

/// The lines of a document, 1-based.
struct Lines<'a> {
    all: Vec<&'a str>,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        Lines {
            all: text.lines().collect(),
        }
    }

    fn get(&self, n: usize) -> &'a str {
        n.checked_sub(1)
            .and_then(|i| self.all.get(i))
            .copied()
            .unwrap_or("")
    }

    fn count(&self) -> usize {
        self.all.len()
    }

    /// Whether line `n` holds nothing for YAML (blank, or only a comment).
    fn is_empty(&self, n: usize) -> bool {
        let t = self.get(n).trim();
        t.is_empty() || t.starts_with('#')
    }

    /// `n` moved onto the document (never past its last line) and back over blank and
    /// comment lines: where a parser that ran on to the next line really gave up.
    fn settle(&self, n: usize) -> usize {
        let mut n = n.clamp(1, self.count().max(1));
        while n > 1 && self.is_empty(n) {
            n -= 1;
        }
        n
    }

    /// The nearest line before `n` that holds something.
    fn previous(&self, n: usize) -> Option<usize> {
        (1..n).rev().find(|&i| !self.is_empty(i))
    }
}

/// "1 space", "4 spaces".
fn spaces(n: usize) -> String {
    if n == 1 {
        "1 space".to_string()
    } else {
        format!("{n} spaces")
    }
}

/// Spaces before the first character of `line` (tabs and odd spaces count as one).
fn indent(line: &str) -> usize {
    line.chars().take_while(|c| c.is_whitespace()).count()
}

/// `key: value` on one line: the key and the value as written, if the line has that shape.
fn key_and_value(line: &str) -> Option<(&str, &str)> {
    let t = line.trim_start().trim_start_matches("- ");
    let colon = t.find(':')?;
    let key = &t[..colon];
    let is_key = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-');
    let after = &t[colon + 1..];
    (is_key && (after.is_empty() || after.starts_with([' ', '\t']))).then(|| (key, after.trim()))
}

/// 1-based column of byte offset `byte` in `line`.
fn column_of(line: &str, byte: usize) -> usize {
    line.get(..byte).map_or(1, |b| b.chars().count() + 1)
}

/// Tabs and other odd characters in the spaces at the start of lines, and around the
/// `:` after a name: each breaks the layout in a way no message from a parser explains.
fn layout_characters(source: &YamlSource<'_>, lines: &Lines<'_>) -> Vec<Found> {
    let mut found: Vec<Found> = Vec::new();
    for n in 1..=lines.count() {
        let line = lines.get(n);
        let leading: Vec<(usize, char)> = line
            .chars()
            .enumerate()
            .take_while(|(_, c)| c.is_whitespace() || hidden_name(*c).is_some())
            .collect();
        let rest_starts = leading.len();
        if line.chars().nth(rest_starts).is_none() {
            continue;
        }
        if let Some(&(i, c)) = leading.iter().find(|(_, c)| *c != ' ') {
            let (name, plural) = hidden_name(c).unwrap_or(("an unusual space", "unusual spaces"));
            let mut location = source.location(n, i + 1);
            location.width = 1;
            let d = if c == '\t' {
                Diagnostic::error(
                    &codes::TAB_CHARACTER,
                    "this line is indented with a tab character",
                )
                .at(location)
                .label("a tab character")
                .help("delete the tab and type spaces instead (two for each level); YAML counts only spaces")
            } else {
                Diagnostic::error(
                    &codes::INVISIBLE_CHARACTER,
                    format!("this line is indented with {plural}"),
                )
                .at(location)
                .label(name)
                .help("delete the spaces at the start of the line and type them again with the space bar")
            };
            // The same line with spaces: two for a tab, one for each other space.
            let mut mend = String::new();
            for (_, c) in &leading {
                mend.push_str(if *c == '\t' { "  " } else { " " });
            }
            mend.extend(line.chars().skip(rest_starts));
            found.push(mended(n, d, mend));
            continue;
        }
        // `name:` followed by something that looks like a space but is not one.
        if let Some(colon) = line.find(':') {
            let after = line[colon + 1..].chars().next();
            if let Some(c) = after.filter(|c| *c != '\t' && hidden_name(*c).is_some()) {
                let (name, _) = hidden_name(c).unwrap_or(("an unusual space", ""));
                let mut location = source.location(n, column_of(line, colon + 1));
                location.width = 1;
                let mend = format!("{}: {}", &line[..colon], &line[colon + 1 + c.len_utf8()..]);
                found.push(mended(
                    n,
                    Diagnostic::error(
                        &codes::INVISIBLE_CHARACTER,
                        format!("the space after `{}:` is {name}", line[..colon].trim()),
                    )
                    .at(location)
                    .label(name)
                    .help("delete it and type a normal space with the space bar"),
                    mend,
                ));
            }
        }
    }
    found
}

/// serde_yaml's report of a syntax error, taken apart: what the parser found, where, and
/// what it was doing (and where it started doing it).
struct Parsed {
    problem: String,
    at: Option<(usize, usize)>,
    context: String,
    context_at: Option<(usize, usize)>,
}

impl Parsed {
    fn new(message: &str, at: Option<(usize, usize)>) -> Self {
        let (head, tail) = match message.split_once(", while ") {
            Some((h, t)) => (h, Some(t)),
            None => (message, None),
        };
        let problem = strip_position(head).to_string();
        let (context, context_at) = match tail {
            Some(t) => (strip_position(t).to_string(), position(t)),
            None => (String::new(), None),
        };
        Parsed {
            problem,
            at: at.or_else(|| position(head)),
            context,
            context_at,
        }
    }
}

/// "could not find expected ':' at line 6 column 1" → "could not find expected ':'"
fn strip_position(text: &str) -> &str {
    text.split(" at line ").next().unwrap_or(text)
}

/// The "at line L column C" in `text`.
fn position(text: &str) -> Option<(usize, usize)> {
    let rest = text.split(" at line ").nth(1)?;
    let mut words = rest.split([' ', ',']);
    let line = words.next()?.parse().ok()?;
    let column = match (words.next(), words.next()) {
        (Some("column"), Some(c)) => c.parse().ok()?,
        _ => 1,
    };
    Some((line, column))
}

/// The problem the parser ran into, worded for the line to change; with that line.
fn explain(
    source: &YamlSource<'_>,
    lines: &Lines<'_>,
    parsed: &Parsed,
    vocab: &dyn Vocabulary,
) -> Option<Found> {
    let (line, column) = parsed.at.unwrap_or((1, 1));
    let (line, column) = settled(lines, line, column);
    let e = Explainer {
        source,
        lines,
        parsed,
        vocab,
        problem: parsed.problem.as_str(),
        context: parsed.context.as_str(),
        line,
        column,
    };
    e.second_document()
        .or_else(|| e.missing_colon())
        .or_else(|| e.colon_in_text())
        .or_else(|| e.expected_key())
        .or_else(|| e.unclosed_quote())
        .or_else(|| e.bad_first_character())
        .or_else(|| e.alias_or_anchor())
        .or_else(|| e.dash_after_key())
        .or_else(|| e.expected_dash())
        .or_else(|| e.unclosed_list())
        .or_else(|| e.control_character())
        .or_else(|| Some(e.unreadable()))
}

/// The line a parser's position falls on once blank and comment lines are passed over;
/// the column only when the line is the same.
fn settled(lines: &Lines<'_>, line: usize, column: usize) -> (usize, usize) {
    let n = lines.settle(line);
    (n, if n == line { column } else { 1 })
}

/// One parser complaint, and the ways of explaining it, tried in turn.
struct Explainer<'a, 's> {
    source: &'a YamlSource<'s>,
    lines: &'a Lines<'a>,
    parsed: &'a Parsed,
    vocab: &'a dyn Vocabulary,
    problem: &'a str,
    context: &'a str,
    line: usize,
    column: usize,
}

impl Explainer<'_, '_> {
    fn located(&self, n: usize, c: usize) -> Location {
        let max = self.lines.get(n).chars().count() + 1;
        self.source.location(n, c.clamp(1, max))
    }

    /// A location one character wide.
    fn at_char(&self, n: usize, c: usize) -> Location {
        let mut location = self.located(n, c);
        location.width = 1;
        location
    }

    /// Where the construct the parser was reading started, or the problem's place.
    fn context_start(&self) -> (usize, usize) {
        self.parsed
            .context_at
            .map_or((self.line, self.column), |(l, c)| settled(self.lines, l, c))
    }

    fn second_document(&self) -> Option<Found> {
        if !self.problem.contains("more than one document") {
            return None;
        }
        let lines = self.lines;
        let second = (2..=lines.count())
            .find(|&n| lines.get(n).trim_end() == "---" && (1..n).any(|i| !lines.is_empty(i)));
        let n = second.unwrap_or(self.line);
        Some(mended(
            n,
            Diagnostic::error(
                &codes::INVALID_YAML,
                "this `---` line splits the file in two",
            )
            .at(self.located(n, 1))
            .label("a second document starts here")
            .help("delete this line: one file holds one record"),
            String::new(),
        ))
    }

    fn missing_colon(&self) -> Option<Found> {
        if !(self.problem.contains("could not find expected ':'")
            && self.context.contains("simple key"))
        {
            return None;
        }
        let n = self
            .lines
            .settle(self.parsed.context_at.map_or(self.line, |(l, _)| l));
        let (diagnostic, mend) = unreadable_line(self.source, self.lines, n, self.vocab);
        Some(Found {
            line: n,
            diagnostic,
            mend,
        })
    }

    fn colon_in_text(&self) -> Option<Found> {
        if !self.problem.contains("mapping values are not allowed") {
            return None;
        }
        let (diagnostic, mend) =
            colon_in_text(self.source, self.lines, self.line, self.column, self.vocab);
        Some(Found {
            line: self.line,
            diagnostic,
            mend,
        })
    }

    fn expected_key(&self) -> Option<Found> {
        if !self.problem.contains("did not find expected key") {
            return None;
        }
        let (line, column) = (self.line, self.column);
        let text = self.lines.get(line);
        if let Some((key, value)) = key_and_value(text) {
            if value.starts_with(['"', '\'']) {
                let mut location = self.located(line, column);
                location.width = text.chars().count().saturating_sub(column - 1).max(1);
                return Some(mended(
                    line,
                    Diagnostic::error(
                        &codes::INVALID_YAML,
                        format!("the text after `{key}:` goes on after its closing quote mark"),
                    )
                    .at(location)
                    .label("after the closing quote")
                    .help(format!(
                        "put the whole text in double quotes, writing each `\"` inside it as `\\\"`: `{key}: {}`",
                        double_quoted(value)
                    )),
                    quoted_value(text, value),
                ));
            }
            if value.starts_with(['[', '{']) {
                return Some(mended(
                    line,
                    starts_with_special(self.source, line, key, value, &value[..1]),
                    quoted_value(text, value),
                ));
            }
        }
        self.misaligned()
    }

    fn misaligned(&self) -> Option<Found> {
        let (diagnostic, mend) = misaligned(self.source, self.lines, self.line);
        Some(Found {
            line: self.line,
            diagnostic,
            mend,
        })
    }

    fn unclosed_quote(&self) -> Option<Found> {
        if !(self.problem.contains("unexpected end of stream")
            && self.context.contains("quoted scalar"))
        {
            return None;
        }
        let (n, c) = self.context_start();
        let text = self.lines.get(n);
        let mark = text.chars().nth(c - 1).unwrap_or('"');
        let key = key_and_value(text).map(|(k, _)| k);
        let help = match (mark, key) {
            ('\'', Some(key)) => format!(
                "text that starts with `'` must end with `'`; if it is an apostrophe, put the whole text in double quotes: `{key}: {}`",
                double_quoted(key_and_value(text).map_or("", |(_, v)| v))
            ),
            _ => "end the text with the same quote mark on this line; write a quote mark inside the text as `\\\"`".to_string(),
        };
        let mend = match (mark, key_and_value(text)) {
            ('\'', Some((_, value))) => quoted_value(text, value),
            _ => format!("{text}{mark}"),
        };
        Some(mended(
            n,
            Diagnostic::error(
                &codes::INVALID_YAML,
                format!("the quote mark `{mark}` that starts this text is never closed"),
            )
            .at(self.at_char(n, c))
            .label("opened here")
            .help(help),
            mend,
        ))
    }

    /// A character no value can start with: a tab, a hidden character, or a YAML sign.
    fn bad_first_character(&self) -> Option<Found> {
        if !(self.problem.contains("cannot start any token")
            || self.problem.contains("tab character"))
        {
            return None;
        }
        let (line, column) = (self.line, self.column);
        let text = self.lines.get(line);
        let c = text.chars().nth(column - 1).unwrap_or(' ');
        if c == '\t' || self.problem.contains("tab character") {
            let col = text.find('\t').map_or(column, |b| column_of(text, b));
            return Some(mended(
                line,
                Diagnostic::error(&codes::TAB_CHARACTER, "this line has a tab character")
                    .at(self.at_char(line, col))
                    .label("a tab character")
                    .help("delete the tab and type spaces instead; YAML counts only spaces"),
                text.replace('\t', "  "),
            ));
        }
        if let Some((name, _)) = hidden_name(c) {
            return Some(found(
                line,
                Diagnostic::error(
                    &codes::INVISIBLE_CHARACTER,
                    format!("this line contains {name}"),
                )
                .at(self.at_char(line, column))
                .label(name)
                .help("delete it; if it stood for a space, type a normal space"),
            ));
        }
        let (key, value) = key_and_value(text)?;
        Some(found(
            line,
            starts_with_special(self.source, line, key, value, &c.to_string()),
        ))
    }

    fn alias_or_anchor(&self) -> Option<Found> {
        if !(self.context.contains("alias")
            || self.context.contains("anchor")
            || self.problem.contains("anchor"))
        {
            return None;
        }
        let (n, _) = self.context_start();
        let text = self.lines.get(n);
        let (key, value) = key_and_value(text)?;
        let first = value.chars().next().map(String::from).unwrap_or_default();
        Some(mended(
            n,
            starts_with_special(self.source, n, key, value, &first),
            quoted_value(text, value),
        ))
    }

    fn dash_after_key(&self) -> Option<Found> {
        if !self
            .problem
            .contains("block sequence entries are not allowed")
        {
            return None;
        }
        let line = self.line;
        let text = self.lines.get(line);
        let (key, value) = key_and_value(text)?;
        Some(mended(
            line,
            Diagnostic::error(
                &codes::INVALID_YAML,
                format!("`- ` after `{key}:` starts a list, which cannot begin on this line"),
            )
            .at(self.at_char(line, self.column))
            .label("a list item")
            .help(format!(
                "for text that starts with a dash, put it in double quotes: `{key}: {}`; for a list, write each `- item` on its own line below `{key}:`",
                double_quoted(value)
            )),
            quoted_value(text, value),
        ))
    }

    fn expected_dash(&self) -> Option<Found> {
        if !self.problem.contains("expected '-' indicator") {
            return None;
        }
        self.misaligned()
    }

    fn unclosed_list(&self) -> Option<Found> {
        if !(self.problem.contains("did not find expected ','")
            || self.problem.contains("expected node content"))
        {
            return None;
        }
        let (n, c) = self.context_start();
        let text = self.lines.get(n);
        let open = text.chars().nth(c - 1).filter(|c| matches!(c, '[' | '{'))?;
        let close = if open == '[' { ']' } else { '}' };
        Some(found(
            n,
            Diagnostic::error(
                &codes::INVALID_YAML,
                format!("the list that starts with `{open}` here is not closed with `{close}`"),
            )
            .at(self.at_char(n, c))
            .label("opened here")
            .help(format!(
                "end the list with `{close}` on the same line, with commas between the items; text that starts with `{open}` goes in double quotes"
            )),
        ))
    }

    fn control_character(&self) -> Option<Found> {
        if !self.problem.contains("control characters are not allowed") {
            return None;
        }
        let line = self.line;
        let text = self.lines.get(line);
        let col = text
            .chars()
            .position(|c| c.is_control() && c != '\t')
            .map_or(self.column, |i| i + 1);
        Some(found(
            line,
            Diagnostic::error(
                &codes::INVISIBLE_CHARACTER,
                "this line contains a control character",
            )
            .at(self.at_char(line, col))
            .label("a control character")
            .help("delete it; it often comes from copying text out of another program"),
        ))
    }

    /// The parser's own words, when no better explanation fits.
    fn unreadable(&self) -> Found {
        found(
            self.line,
            Diagnostic::error(
                &codes::INVALID_YAML,
                format!("this line cannot be read: {}", self.problem),
            )
            .at(self.at_char(self.line, self.column))
            .label("the problem is here or just before")
            .help(
                "check the spaces at the start of this line and the one before, and put text that contains `: ` or starts with a special character (`*`, `&`, `!`, `[`, `{`, `@`, `%`) in double quotes",
            ),
        )
    }
}

/// `line` with its value `value` put in double quotes.
fn quoted_value(line: &str, value: &str) -> String {
    let colon = line.find(':').map_or(0, |c| c + 1);
    match line[colon..].find(value) {
        Some(at) => format!("{}{}", &line[..colon + at], double_quoted(value)),
        None => line.to_string(),
    }
}

/// A value that starts with a character YAML reads as something other than text.
fn starts_with_special(
    source: &YamlSource<'_>,
    line: usize,
    key: &str,
    value: &str,
    first: &str,
) -> Diagnostic {
    let text = source.yaml.lines().nth(line - 1).unwrap_or("");
    let column = text.find(value).map_or(1, |b| column_of(text, b));
    let mut location = source.location(line, column);
    location.width = first.chars().count().max(1);
    let meaning = match first {
        "[" => "a list",
        "{" => "a group of fields",
        "*" => "a reference to another value",
        "&" => "a name for this value",
        "!" => "a type",
        _ => "something other than text",
    };
    Diagnostic::error(
        &codes::INVALID_YAML,
        format!("text that starts with `{first}` is read as {meaning}"),
    )
    .at(location)
    .label(format!("`{first}` at the start of the text"))
    .help(format!(
        "put the whole text in double quotes: `{key}: {}`",
        double_quoted(value)
    ))
}

/// Line `n` is neither `name: value` nor part of a value: a missing space after a colon,
/// a missing colon, or text that was meant to continue the line above.
fn unreadable_line(
    source: &YamlSource<'_>,
    lines: &Lines<'_>,
    n: usize,
    vocab: &dyn Vocabulary,
) -> (Diagnostic, Option<String>) {
    let text = lines.get(n);
    let lead = &text[..text.len() - text.trim_start().len()];
    let trimmed = text.trim();
    let start = indent(text) + 1;
    let mut whole = source.location(n, start);
    whole.width = trimmed.chars().count().max(1);

    // `quote:text`
    if let Some(colon) = trimmed.find(':') {
        let key = &trimmed[..colon];
        let after = &trimmed[colon + 1..];
        let is_name = !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-');
        if is_name && !after.is_empty() && !after.starts_with(['/', ' ']) {
            let mut location = source.location(n, start + key.chars().count() + 1);
            location.width = 1;
            return (
                Diagnostic::error(
                    &codes::INVALID_YAML,
                    format!("there is no space after `{key}:`"),
                )
                .at(location)
                .label("add a space after the colon")
                .help(format!(
                    "write `{key}: {after}`: a name and its value are separated by a colon and a space"
                )),
                Some(format!("{lead}{key}: {after}")),
            );
        }
    }

    // `by priya-natarajan`: a field name without its colon.
    let first_word = trimmed
        .split(|c: char| c.is_whitespace() || c == ':')
        .next()
        .unwrap_or("");
    let names = vocab.field_names();
    let named = names
        .iter()
        .copied()
        .find(|n| *n == first_word)
        .or_else(|| {
            (first_word.chars().count() > 3 && trimmed.split_whitespace().count() <= 2)
                .then(|| closest(first_word, names.iter().copied()))
                .flatten()
        });
    if let Some(name) = named {
        let rest = trimmed[first_word.len()..].trim_start_matches([':', ' ']);
        return (
            Diagnostic::error(
                &codes::INVALID_YAML,
                format!("`{first_word}` needs a colon after it"),
            )
            .at(whole)
            .label("no `:` on this line")
            .help(format!(
                "write `{name}: {rest}`: a name and its value are separated by a colon and a space"
            )),
            Some(format!("{lead}{name}: {rest}")),
        );
    }

    // Text on a line of its own: it was meant to continue the value above.
    let previous = lines.previous(n).map(|p| lines.get(p)).unwrap_or("");
    if let Some((key, value)) = key_and_value(previous) {
        let block = matches!(value.trim_end_matches(['-', '+']), ">" | "|");
        let inner = " ".repeat(indent(previous) + 2);
        if block {
            return (
                Diagnostic::error(
                    &codes::INVALID_YAML,
                    format!("the text under `{key}: {value}` must be indented"),
                )
                .at(whole)
                .label("not indented")
                .help("start each line of the text with two spaces"),
                Some(format!("{inner}{trimmed}")),
            );
        }
        if !value.is_empty() {
            return (
                Diagnostic::error(
                    &codes::INVALID_YAML,
                    format!(
                        "this line is not indented, so it is not part of the text of `{key}:`"
                    ),
                )
                .at(whole)
                .label("not indented")
                .help(format!(
                    "to write text over several lines, put `>` after `{key}:` and indent every line of the text by two spaces:\n{}{key}: >\n{inner}{}\n{inner}{trimmed}",
                    " ".repeat(indent(previous)),
                    value
                )),
                Some(format!("{inner}{trimmed}")),
            );
        }
    }
    (
        Diagnostic::error(
            &codes::INVALID_YAML,
            "this line is not a field: it has no `name:` at the start",
        )
        .at(whole)
        .label("not `name: value`")
        .help("write `name: value` (with a space after the colon), or indent the line if it continues the text above"),
        None,
    )
}

/// A `: ` at (`line`, `column`) that YAML took as a new field.
fn colon_in_text(
    source: &YamlSource<'_>,
    lines: &Lines<'_>,
    line: usize,
    column: usize,
    vocab: &dyn Vocabulary,
) -> (Diagnostic, Option<String>) {
    let text = lines.get(line);
    let mut location = source.location(line, column);
    location.width = 1;
    // A field indented more than the line above it.
    if let (Some((key, _)), Some(p)) = (key_and_value(text), lines.previous(line)) {
        let previous = lines.get(p);
        let key_end = indent(text) + key.chars().count() + 1;
        let is_field = vocab.field_names().contains(&key) || vocab.field_names().is_empty();
        if key_end == column
            && is_field
            && indent(text) > indent(previous)
            && key_and_value(previous).is_some_and(|(_, v)| !v.is_empty())
        {
            let mut location = source.location(line, 1);
            location.width = indent(text).max(1);
            let above = key_and_value(previous).map_or("", |(k, _)| k);
            let mend = format!("{}{}", " ".repeat(indent(previous)), text.trim_start());
            return (
                Diagnostic::error(
                    &codes::INVALID_YAML,
                    format!("`{key}:` is indented more than `{above}:` on the line above"),
                )
                .at(location)
                .label("too many spaces")
                .help(if indent(previous) == 0 {
                    format!("start `{key}:` at the beginning of the line, like `{above}:`")
                } else {
                    format!(
                        "start `{key}:` with the same number of spaces as `{above}:` ({})",
                        spaces(indent(previous))
                    )
                }),
                Some(mend),
            );
        }
    }
    // `commitments: attend: leeds-dec`: a field of a group written on the group's line.
    if let Some((key, value)) = key_and_value(text)
        && let Some((inner, rest)) = value.split_once(": ")
        && vocab.field_names().contains(&inner.trim())
    {
        let inner = inner.trim();
        let mut location = location;
        if let Some(byte) = text.find(&format!("{inner}: ")) {
            location = source.location(line, column_of(text, byte));
            location.width = inner.chars().count() + 1;
        }
        return (
            Diagnostic::error(
                &codes::INVALID_YAML,
                format!("`{inner}:` must go on a line of its own, below `{key}:`"),
            )
            .at(location)
            .label(format!("`{inner}:` starts here"))
            .help(format!(
                "end this line after `{key}:` and write `{inner}: {}` on the next line, indented by two spaces",
                rest.trim()
            )),
            None,
        );
    }
    // The field whose text holds the colon: on this line, or the nearest one above it.
    let owner = std::iter::once(line)
        .chain((1..line).rev())
        .find_map(|n| key_and_value(lines.get(n)).map(|kv| (n, kv)));
    match owner {
        Some((n, (key, value))) if n == line => (
            Diagnostic::error(
                &codes::INVALID_YAML,
                format!("the text after `{key}:` contains `: `, which starts a new field"),
            )
            .at(location)
            .label("`: ` inside the text")
            .help(format!(
                "put the whole text in double quotes: `{key}: {}`",
                double_quoted(value)
            )),
            Some(quoted_value(text, value)),
        ),
        Some((_, (key, _))) => (Diagnostic::error(
            &codes::INVALID_YAML,
            format!("the text of `{key}:` contains `: `, which starts a new field"),
        )
        .at(location)
        .label("`: ` inside the text")
        .help(format!(
            "write the text under `{key}: >`, each line indented by two spaces, or put it all in double quotes"
        )), None),
        None => (Diagnostic::error(&codes::INVALID_YAML, "this `: ` starts a field where none can be")
            .at(location)
            .label("unexpected `: `")
            .help("check the spaces at the start of this line against the line above; put text that contains `: ` in double quotes"), None),
    }
}

/// Line `n` starts at a number of spaces that matches no block above it.
fn misaligned(
    source: &YamlSource<'_>,
    lines: &Lines<'_>,
    n: usize,
) -> (Diagnostic, Option<String>) {
    let text = lines.get(n);
    let own = indent(text);
    // The nearest line above with more spaces than any parent: a sibling to line up with.
    let sibling = (1..n)
        .rev()
        .filter(|&i| !lines.is_empty(i))
        .map(|i| (i, lines.get(i)))
        .find(|(_, l)| indent(l) > 0 && indent(l) != own);
    let mut location = source.location(n, 1);
    location.width = own.max(1);
    match sibling {
        Some((i, l)) => {
            let name = key_and_value(l).map_or_else(
                || l.trim().chars().take(20).collect::<String>(),
                |(k, _)| format!("{k}:"),
            );
            (
                Diagnostic::error(
                    &codes::INVALID_YAML,
                    "this line is not lined up with the lines above it",
                )
                .at(location)
                .label(spaces(own))
                .help(format!(
                    "start it with the same number of spaces as `{name}` on line {} ({})",
                    i + source.line_offset,
                    spaces(indent(l))
                )),
                Some(format!("{}{}", " ".repeat(indent(l)), text.trim_start())),
            )
        }
        None => (
            Diagnostic::error(
                &codes::INVALID_YAML,
                "this line is not lined up with the lines above it",
            )
            .at(location)
            .label("check the spaces here")
            .help("lines of one block start with the same number of spaces"),
            None,
        ),
    }
}
