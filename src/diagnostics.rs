//! Typed diagnostics: what went wrong, where, and what to do about it. Owns the wording
//! layout (rustc/cargo style) but never prints; the binary decides where text goes.

use std::fmt;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use crate::codes::Code;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// Where a problem is: a file relative to the site folder, and a 1-based line and column
/// (0 when the problem concerns the whole file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: String,
    pub line: usize,
    pub column: usize,
    /// The text of that line, shown under the message.
    pub source_line: Option<String>,
    /// How many characters the caret underlines.
    pub width: usize,
}

impl Location {
    /// A whole file, with no line to point at.
    pub fn file(file: impl Into<String>) -> Self {
        Location {
            file: file.into(),
            line: 0,
            column: 0,
            source_line: None,
            width: 0,
        }
    }

    /// A place in `text` (the whole file) at a 1-based line and column.
    pub fn at(file: impl Into<String>, text: &str, line: usize, column: usize) -> Self {
        let source_line = text
            .lines()
            .nth(line.saturating_sub(1))
            .map(|l| l.trim_end_matches('\r').to_string());
        let width = source_line
            .as_deref()
            .map(|l| token_width(l, column))
            .unwrap_or(1);
        Location {
            file: file.into(),
            line,
            column,
            source_line,
            width,
        }
    }
}

/// The width of the token starting at `column` (1-based, in characters): a quoted string,
/// one item of a `[flow, list]`, or the rest of the line without a trailing comment.
fn token_width(line: &str, column: usize) -> usize {
    let start = column.saturating_sub(1);
    let before: String = line.chars().take(start).collect();
    let rest: String = line.chars().skip(start).collect();
    let in_flow = matches!(before.trim_end().chars().last(), Some('[' | ','));
    let end = if let Some(quote @ ('"' | '\'')) = rest.chars().next() {
        rest[1..].find(quote).map(|i| i + 2).unwrap_or(rest.len())
    } else {
        let mut end = rest.find(" #").unwrap_or(rest.len());
        if in_flow {
            end = end.min(rest.find([',', ']', '}']).unwrap_or(rest.len()));
        }
        end
    };
    rest[..end].trim_end().chars().count().max(1)
}

/// One problem found in a site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// What kind of problem this is: its name, meaning and fix (`unknown-leader`).
    pub code: &'static Code,
    /// One line in plain words, lowercase first letter, no trailing full stop.
    pub message: String,
    pub location: Option<Location>,
    /// A short label under the caret.
    pub label: Option<String>,
    /// What to do about it.
    pub help: Option<String>,
    /// Extra context (for example, which page was being rendered).
    pub note: Option<String>,
}

impl Diagnostic {
    pub fn error(code: &'static Code, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            location: None,
            label: None,
            help: None,
            note: None,
        }
    }

    pub fn warning(code: &'static Code, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Renders the diagnostic in the cargo/rustc layout, with ANSI colour when `color`.
    pub fn render(&self, color: bool) -> String {
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let title = level
            .primary_title(self.message.as_str())
            .id(self.code.name);
        let mut group = Group::with_title(title);
        if let Some(loc) = &self.location {
            match &loc.source_line {
                Some(line) if loc.line > 0 => {
                    let start = byte_offset(line, loc.column);
                    let end = byte_offset(line, loc.column + loc.width).max(start);
                    let mut annotation = AnnotationKind::Primary.span(start..end);
                    if let Some(label) = &self.label {
                        annotation = annotation.label(label.as_str());
                    }
                    group = group.element(
                        Snippet::source(line.as_str())
                            .line_start(loc.line)
                            .path(loc.file.as_str())
                            .annotation(annotation),
                    );
                }
                _ => {
                    group = group.element(annotate_snippets::Origin::path(loc.file.as_str()));
                }
            }
        }
        if let Some(note) = &self.note {
            group = group.element(Level::NOTE.message(note.as_str()));
        }
        if let Some(help) = &self.help {
            group = group.element(Level::HELP.message(help.as_str()));
        }
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        renderer.render(&[group])
    }

    /// Sort key: by file, then line, then column, errors before warnings.
    fn sort_key(&self) -> (String, usize, usize, Severity) {
        match &self.location {
            Some(l) => (l.file.clone(), l.line, l.column, self.severity),
            None => (String::new(), 0, 0, self.severity),
        }
    }
}

/// Byte offset of 1-based character column `column` in `line`, clamped to the line.
fn byte_offset(line: &str, column: usize) -> usize {
    line.char_indices()
        .nth(column.saturating_sub(1))
        .map(|(i, _)| i)
        .unwrap_or(line.len())
}

/// The machine-readable shape of a diagnostic (`check --format json`).
#[derive(Debug, Clone, serde::Serialize)]
pub struct DiagnosticRecord<'a> {
    pub severity: &'static str,
    pub code: &'a str,
    pub message: &'a str,
    pub file: Option<&'a str>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub label: Option<&'a str>,
    pub help: Option<&'a str>,
    pub note: Option<&'a str>,
}

impl Diagnostic {
    pub fn record(&self) -> DiagnosticRecord<'_> {
        let loc = self.location.as_ref();
        DiagnosticRecord {
            severity: match self.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            },
            code: self.code.name,
            message: &self.message,
            file: loc.map(|l| l.file.as_str()),
            line: loc.map(|l| l.line).filter(|&n| n > 0),
            column: loc.map(|l| l.column).filter(|&n| n > 0),
            label: self.label.as_deref(),
            help: self.help.as_deref(),
            note: self.note.as_deref(),
        }
    }

    /// One GitHub Actions workflow command, so the problem shows on the pull request diff.
    pub fn github(&self) -> String {
        fn data(text: &str) -> String {
            text.replace('%', "%25")
                .replace('\r', "%0D")
                .replace('\n', "%0A")
        }
        fn property(text: &str) -> String {
            data(text).replace(':', "%3A").replace(',', "%2C")
        }
        let mut props = Vec::new();
        if let Some(loc) = &self.location {
            props.push(format!("file={}", property(&loc.file)));
            if loc.line > 0 {
                props.push(format!("line={}", loc.line));
            }
            if loc.column > 0 {
                props.push(format!("col={}", loc.column));
            }
        }
        props.push(format!(
            "title={}",
            property(&format!("buyin {}", self.code.name))
        ));
        let mut body = self.message.clone();
        if let Some(help) = &self.help {
            body.push_str("\nhelp: ");
            body.push_str(help);
        }
        if let Some(note) = &self.note {
            body.push_str("\nnote: ");
            body.push_str(note);
        }
        format!("::{} {}::{}", self.severity, props.join(","), data(&body))
    }
}

impl Diagnostic {
    /// The same problem with its file shown from another folder: `prefix` (like `site/`)
    /// is put before paths inside the site. Absolute paths and the built-in theme's
    /// files are left as they are.
    pub fn shown_from(mut self, prefix: &str) -> Diagnostic {
        if let Some(location) = &mut self.location
            && !prefix.is_empty()
            && !location.file.starts_with('(')
            && !std::path::Path::new(&location.file).is_absolute()
        {
            location.file = format!("{prefix}{}", location.file);
        }
        self
    }

    /// One entry of a GitLab Code Quality report; `occurrence` tells apart problems of
    /// the same kind with the same words in the same file.
    fn gitlab(&self, occurrence: usize) -> serde_json::Value {
        let (path, line) = match &self.location {
            Some(l) => (l.file.as_str(), l.line.max(1)),
            None => (".", 1),
        };
        let mut description = self.message.clone();
        if let Some(help) = &self.help {
            description.push_str(" (help: ");
            description.push_str(help);
            description.push(')');
        }
        let fingerprint =
            fingerprint(&[self.code.name, path, &self.message, &occurrence.to_string()]);
        serde_json::json!({
            "description": description,
            "check_name": self.code.name,
            "fingerprint": fingerprint,
            "severity": match self.severity {
                Severity::Error => "major",
                Severity::Warning => "minor",
            },
            "location": { "path": path, "lines": { "begin": line } },
        })
    }
}

/// A GitLab Code Quality report (a JSON list) of `diagnostics`. Fingerprints stay the
/// same from run to run for the same problem, even when lines above it move, and differ
/// between problems.
pub fn gitlab_report(diagnostics: &[Diagnostic]) -> String {
    let mut seen: std::collections::HashMap<(&str, Option<&str>, &str), usize> =
        std::collections::HashMap::new();
    let issues: Vec<serde_json::Value> = diagnostics
        .iter()
        .map(|d| {
            let key = (
                d.code.name,
                d.location.as_ref().map(|l| l.file.as_str()),
                d.message.as_str(),
            );
            let n = seen.entry(key).or_insert(0);
            *n += 1;
            d.gitlab(*n)
        })
        .collect();
    serde_json::to_string_pretty(&issues).unwrap_or_else(|_| "[]".to_string())
}

/// A stable fingerprint of `parts`: 128 bits of FNV-1a, as hex. Not for security, only
/// for telling problems apart across runs.
fn fingerprint(parts: &[&str]) -> String {
    let hash = |seed: u64| {
        let mut h = seed;
        for part in parts {
            for b in part.bytes().chain(std::iter::once(0)) {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
        }
        h
    };
    format!(
        "{:016x}{:016x}",
        hash(0xcbf2_9ce4_8422_2325),
        hash(0x6c62_272e_07bb_0142)
    )
}

/// Every problem as Markdown, for GitHub's job summary (which, unlike the pull request's
/// annotations, has room for all of them).
pub fn markdown_summary(diagnostics: &[Diagnostic]) -> String {
    fn cell(text: &str) -> String {
        text.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('|', "\\|")
            .replace("\r\n", "<br>")
            .replace('\n', "<br>")
    }
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    let mut out = String::from("## buyin check\n\n");
    if diagnostics.is_empty() {
        out.push_str("No problems: the site is ready to publish.\n\n");
        return out;
    }
    out.push_str(&format!(
        "{} and {}. Fix the errors; warnings are advice. `buyin explain <code>` says more about each.\n\n",
        plural(errors, "error"),
        plural(warnings, "warning")
    ));
    out.push_str("| | Where | Problem | What to do |\n| --- | --- | --- | --- |\n");
    for d in diagnostics {
        let place = match &d.location {
            Some(l) if l.line > 0 => format!("{}:{}:{}", l.file, l.line, l.column),
            Some(l) => l.file.clone(),
            None => String::new(),
        };
        out.push_str(&format!(
            "| {} `{}` | {} | {} | {} |\n",
            d.severity,
            d.code.name,
            cell(&place),
            cell(&d.message),
            cell(d.help.as_deref().unwrap_or(""))
        ));
    }
    out.push('\n');
    out
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

/// Everything found while building a site, kept in the order it will be shown.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The diagnostics sorted by file and line, duplicates removed.
    pub fn sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by_key(Diagnostic::sort_key);
        self.items.dedup();
        self.items
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Every problem with its file shown from another folder (see
    /// [`Diagnostic::shown_from`]).
    pub fn shown_from(self, prefix: &str) -> Diagnostics {
        Diagnostics {
            items: self
                .items
                .into_iter()
                .map(|d| d.shown_from(prefix))
                .collect(),
        }
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

/// The closest name to `wanted` among `candidates`, if one is close enough to suggest.
pub fn closest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let wanted_lower = wanted.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&wanted_lower, &c.to_lowercase()), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_finds_a_near_miss_and_ignores_strangers() {
        let names = ["priya-natarajan", "tom-okafor", "ana-lima"];
        assert_eq!(closest("priya-natrajan", names), Some("priya-natarajan"));
        assert_eq!(closest("Tom-Okafor", names), Some("tom-okafor"));
        assert_eq!(closest("zzz", names), None);
    }

    #[test]
    fn github_commands_escape_their_parts() {
        let d = Diagnostic::error(&crate::codes::UNKNOWN_LEADER, "no leader `a,b`: 100%")
            .at(Location::at("content/x, y.yaml", "by: a\n", 1, 5))
            .help("line one\nline two");
        assert_eq!(
            d.github(),
            "::error file=content/x%2C y.yaml,line=1,col=5,title=buyin unknown-leader::no leader `a,b`: 100%25%0Ahelp: line one%0Aline two"
        );
    }

    #[test]
    fn markdown_summary_escapes_what_contributors_wrote() {
        let d = Diagnostic::error(&crate::codes::UNKNOWN_LEADER, "no leader `a|b` <script>")
            .at(Location::at("content/x.yaml", "by: a\n", 1, 5))
            .help("line one\nline two & more");
        let md = markdown_summary(&[d]);
        assert!(
            md.contains("| error `unknown-leader` | content/x.yaml:1:5 | no leader `a\\|b` &lt;script&gt; | line one<br>line two &amp; more |"),
            "{md}"
        );
        assert!(markdown_summary(&[]).contains("No problems"));
    }

    #[test]
    fn gitlab_fingerprints_tell_identical_problems_apart() {
        let d = Diagnostic::error(&crate::codes::UNKNOWN_LEADER, "same words").at(Location::at(
            "content/x.yaml",
            "a\nb\n",
            1,
            1,
        ));
        let mut second = d.clone();
        if let Some(l) = &mut second.location {
            l.line = 2;
        }
        let report: serde_json::Value =
            serde_json::from_str(&gitlab_report(&[d.clone(), second])).unwrap();
        assert_ne!(report[0]["fingerprint"], report[1]["fingerprint"]);
        let moved: serde_json::Value = serde_json::from_str(&gitlab_report(&[{
            let mut m = d.clone();
            if let Some(l) = &mut m.location {
                l.line = 9;
            }
            m
        }]))
        .unwrap();
        assert_eq!(
            moved[0]["fingerprint"], report[0]["fingerprint"],
            "a problem keeps its fingerprint when lines above it move"
        );
    }

    #[test]
    fn paths_are_shown_from_another_folder() {
        let d = Diagnostic::error(&crate::codes::UNKNOWN_LEADER, "x")
            .at(Location::file("content/x.yaml"));
        let shown = d.clone().shown_from("site/");
        assert_eq!(shown.location.unwrap().file, "site/content/x.yaml");
        let theme = Diagnostic::error(&crate::codes::TEMPLATE_RENDER, "x")
            .at(Location::file("(built-in theme) templates/a.html"));
        assert_eq!(
            theme.shown_from("site/").location.unwrap().file,
            "(built-in theme) templates/a.html"
        );
    }

    #[test]
    fn render_shows_file_line_caret_and_help() {
        let text = "course: x\nby: priya-natrajan\n";
        let d = Diagnostic::error(
            &crate::codes::UNKNOWN_LEADER,
            "no leader is called `priya-natrajan`",
        )
        .at(Location::at("content/endorsements/a.yaml", text, 2, 5))
        .label("not a leader id")
        .help("did you mean `priya-natarajan`?");
        let out = d.render(false);
        assert_eq!(
            out,
            "error[unknown-leader]: no leader is called `priya-natrajan`\n \
             --> content/endorsements/a.yaml:2:5\n  \
             |\n\
             2 | by: priya-natrajan\n  \
             |     ^^^^^^^^^^^^^^ not a leader id\n  \
             |\n  \
             = help: did you mean `priya-natarajan`?"
        );
    }
}
