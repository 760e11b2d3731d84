//! Rules for names and text: ids, slugs made from names, and the example text `buyin new`
//! writes (which must not be published).

use super::QUOTE_MARKS;

/// The example texts `buyin new` writes for people to replace. A file that still has one
/// is reported, so the example is never published as if someone had written it.
pub const PLACEHOLDERS: &[&str] = &[
    "Course title",
    "What learners will get from this course.",
    "Who the course is for",
    "What learners will be able to do afterwards",
    "Write the course description here, in Markdown.",
    "Full Name",
    "Job title",
    "Why I back this course, and what I will do for it.",
    "Meeting title",
    "What was discussed, in Markdown.",
    "What was decided.",
    "The question managers were asked",
    "A problem managers raised, in their words.",
    "The learner's question, in their words.",
];

/// The 1-based lines (and columns) of `text` whose value is still an example text from
/// `buyin new`.
pub fn placeholders_in(text: &str) -> Vec<(usize, usize, &'static str)> {
    // Every file of a site is searched, so first one pass for all the examples at once;
    // only a file that has one is looked at line by line.
    static SEARCH: std::sync::OnceLock<Option<aho_corasick::AhoCorasick>> =
        std::sync::OnceLock::new();
    let search = SEARCH.get_or_init(|| aho_corasick::AhoCorasick::new(PLACEHOLDERS).ok());
    if search.as_ref().is_some_and(|s| !s.is_match(text)) {
        return Vec::new();
    }
    let shortest = PLACEHOLDERS.iter().map(|p| p.len()).min().unwrap_or(0);
    let longest = PLACEHOLDERS.iter().map(|p| p.len()).max().unwrap_or(0);
    let mut found = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        // A line with an example text is a short `name: value` or `- value`.
        if trimmed.len() < shortest || trimmed.len() > longest + 32 || trimmed.starts_with('#') {
            continue;
        }
        let mut value = trimmed.strip_prefix("- ").unwrap_or(trimmed);
        if let Some((key, rest)) = value.split_once(": ")
            && key.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_')
        {
            value = rest;
        }
        let value = value.trim().trim_matches(QUOTE_MARKS).trim();
        if value.len() < shortest || value.len() > longest {
            continue;
        }
        if let Some(p) = PLACEHOLDERS.iter().find(|p| **p == value) {
            let column = line
                .find(value)
                .map_or(1, |b| line[..b].chars().count() + 1);
            found.push((i + 1, column, *p));
        }
    }
    found
}

/// Whether `id` uses only the safe alphabet for names: lowercase letters, digits and
/// single hyphens, starting with a letter or digit.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 80
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A safe id made from any text, written in Latin letters where it was not:
/// `Priya Natarajan!` becomes `priya-natarajan`, `José Núñez` becomes `jose-nunez`.
pub fn slugify(text: &str) -> String {
    let without_apostrophes: String = text.chars().filter(|c| !matches!(c, '\'' | '’')).collect();
    let latin = deunicode::deunicode(&without_apostrophes);
    let mut out = String::new();
    for c in latin.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out.truncate(80);
    out.trim_end_matches('-').to_string()
}
