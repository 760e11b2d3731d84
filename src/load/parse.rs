//! Parsing one file: a course page's front matter and body, or a YAML record, into its
//! typed shape, with every problem in it located; the example text `buyin new` writes is
//! refused in anything published.

use std::path::Path;
use std::sync::Arc;

use super::classify::{id_from_file, kind_of_keys};
use super::files::{read_text, stem};
use super::{Body, Record, SourceCourse, SourceTranslation};
use crate::diagnostics::{Diagnostic, Location};
use crate::model::{FrontMatter, RecordKind, slugify};
use crate::yaml::{self, YamlSource};

/// What loading one file gave: the value (when it could be read), its problems, and the
/// id it was known by.
#[derive(Debug, Clone)]
pub(super) struct Attempt<T> {
    pub value: Option<T>,
    pub problems: Vec<Diagnostic>,
    pub id: Option<String>,
}

impl<T> Attempt<T> {
    /// The same attempt with its value shared.
    pub fn shared(self) -> Attempt<std::sync::Arc<T>> {
        Attempt {
            value: self.value.map(std::sync::Arc::new),
            problems: self.problems,
            id: self.id,
        }
    }

    fn failed(problem: Diagnostic, id: Option<String>) -> Self {
        Attempt {
            value: None,
            problems: vec![problem],
            id,
        }
    }
}

/// Reads and parses the course page at `rel`, named `stem` (its file or folder name).
pub(super) fn read_course(
    rel: &str,
    stem: &str,
    read: impl FnOnce() -> Result<String, Diagnostic>,
) -> Attempt<SourceCourse> {
    let slug = match id_from_file(rel, stem, RecordKind::Course) {
        Ok(slug) => slug,
        // References to the name the file should have are not reported again.
        Err(d) => return Attempt::failed(d, Some(slugify(stem))),
    };
    let text = match read() {
        Ok(t) => t,
        Err(d) => return Attempt::failed(d, Some(slug)),
    };
    let (course, problems) = parse_course(rel.to_string(), slug.clone(), text);
    Attempt {
        value: course,
        problems,
        id: Some(slug),
    }
}

/// The front matter and body of a Markdown file, or the problem with its `---` lines.
fn front_matter_of(file: &str, text: &str) -> Result<Split, Diagnostic> {
    split_front_matter(text).map_err(|problem| {
        Diagnostic::error(&crate::codes::NO_FRONT_MATTER, problem.message)
            .at(Location::at(file.to_string(), text, problem.line, 1))
            .label(problem.label)
            .help(problem.help)
    })
}

/// Reads and parses a course's translation at `rel`: its front matter (the translated
/// texts) and its body.
pub(super) fn read_translation(
    rel: &str,
    slug: &str,
    lang: &str,
    read: impl FnOnce() -> Result<String, Diagnostic>,
) -> Attempt<SourceTranslation> {
    let text = match read() {
        Ok(t) => t,
        Err(d) => return Attempt::failed(d, None),
    };
    let file = rel.to_string();
    let split = match front_matter_of(&file, &text) {
        Ok(split) => split,
        Err(d) => return Attempt::failed(d, None),
    };
    let src = YamlSource {
        file: &file,
        whole: &text,
        yaml: &text[split.front.clone()],
        line_offset: 1,
    };
    let reading = yaml::read::<crate::model::CourseTranslationFront>(
        &src,
        "a course's translation",
        &RecordKind::Course,
    );
    let value = reading.value.map(|front| SourceTranslation {
        slug: slug.to_string(),
        lang: lang.to_string(),
        file: file.clone(),
        body: Body::of(&text, &split),
        front_range: split.front,
        front,
        invalid: reading.invalid,
        text: Arc::from(&text[..split.body.start]),
    });
    Attempt {
        value,
        problems: reading.problems,
        id: None,
    }
}

/// Reads and parses the record file at `rel`. Leaders, meetings and polls are named by
/// their file; endorsements are not.
pub(super) fn read_record<T: serde::de::DeserializeOwned>(
    root: &Path,
    rel: &str,
    kind: RecordKind,
    read: impl FnOnce() -> Result<String, Diagnostic>,
) -> Attempt<Record<T>> {
    let id = match record_id(rel, kind) {
        Ok(id) => id,
        Err((d, id)) => return Attempt::failed(d, Some(id)),
    };
    let text = match read() {
        Ok(t) => t,
        Err(d) => return Attempt::failed(d, Some(id)),
    };
    let (record, problems) = parse_record::<T>(rel.to_string(), id.clone(), text, kind);
    if !problems.is_empty() {
        let text = match &record {
            Some(r) => Some(r.text.to_string()),
            None => read_text(root, rel).ok(),
        };
        if let Some(text) = text
            && let Some(d) = wrong_folder(kind, rel, &text, &problems)
        {
            return Attempt::failed(d, None);
        }
    }
    Attempt {
        value: record,
        problems,
        id: Some(id),
    }
}

/// The id of the record file at `rel`: leaders, meetings and polls are named by their
/// file; endorsements are not. `Err` with the problem and the id it is known by when the
/// name cannot be an id.
pub(super) fn record_id(rel: &str, kind: RecordKind) -> Result<String, (Diagnostic, String)> {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let stem = stem(name).to_string();
    if kind == RecordKind::Endorsement {
        return Ok(stem);
    }
    id_from_file(rel, &stem, kind).map_err(|d| (d, slugify(&stem)))
}

/// Parses the text of one course page: front matter and body. The course is returned
/// whenever its front matter could be read, also when some values in it were refused.
pub fn parse_course(
    file: String,
    slug: String,
    text: String,
) -> (Option<SourceCourse>, Vec<Diagnostic>) {
    let split = match front_matter_of(&file, &text) {
        Ok(split) => split,
        Err(d) => return (None, vec![d]),
    };
    let src = YamlSource {
        file: &file,
        whole: &text,
        yaml: &text[split.front.clone()],
        line_offset: 1,
    };
    let reading = yaml::read::<FrontMatter>(&src, RecordKind::Course.what(), &RecordKind::Course);
    let mut problems = reading.problems;
    // A draft may keep its example text while it is written; a published course may not.
    let draft = reading.value.as_ref().is_some_and(|f| f.draft);
    // The example body `buyin new` writes is short; a long body is someone's own text, so
    // only its front matter is searched (which keeps large sites fast).
    let searched = if split.body.len() <= 512 {
        text.len()
    } else {
        split.body.start
    };
    problems.extend(placeholder_problems(&file, &text[..searched], draft));
    let course = reading.value.map(|front| SourceCourse {
        slug,
        file: file.clone(),
        body: Body::of(&text, &split),
        front_range: split.front,
        front,
        invalid: reading.invalid,
        // The body is read again when the page is made (see `Body`).
        text: Arc::from(&text[..split.body.start]),
        assets: Vec::new(),
    });
    (course, problems)
}

/// Lines of a file that still hold the example text `buyin new` wrote; warnings while
/// `draft`, errors otherwise.
fn placeholder_problems(file: &str, text: &str, draft: bool) -> Vec<Diagnostic> {
    crate::model::placeholders_in(text)
        .into_iter()
        .map(|(line, column, example)| {
            let message = format!("\"{example}\" is the example text from `buyin new`");
            let d = if draft {
                Diagnostic::warning(&crate::codes::PLACEHOLDER_TEXT, message)
                    .help("replace it with your own words before the course is published")
            } else {
                Diagnostic::error(&crate::codes::PLACEHOLDER_TEXT, message)
                    .help("replace it with your own words: learners would read it as it is")
            };
            let mut location = Location::at(file.to_string(), text, line, column);
            location.width = example.chars().count();
            d.at(location).label("example text")
        })
        .collect()
}

/// Parses the text of one YAML record file of `kind`. The record is returned whenever
/// the file could be read, also when some values in it were refused.
pub fn parse_record<T: serde::de::DeserializeOwned>(
    file: String,
    id: String,
    text: String,
    kind: RecordKind,
) -> (Option<Record<T>>, Vec<Diagnostic>) {
    let reading = yaml::read::<T>(&YamlSource::whole_file(&file, &text), kind.what(), &kind);
    let mut problems = reading.problems;
    problems.extend(placeholder_problems(&file, &text, false));
    let record = reading.value.map(|data| Record {
        id,
        file,
        text: Arc::from(text),
        data,
        invalid: reading.invalid,
    });
    (record, problems)
}

/// When a record's fields do not fit its folder's kind but clearly fit another, one
/// problem saying where it belongs replaces the list of fields that do not fit.
fn wrong_folder(
    kind: RecordKind,
    rel: &str,
    text: &str,
    problems: &[Diagnostic],
) -> Option<Diagnostic> {
    let misfit = problems.iter().any(|d| {
        std::ptr::eq(d.code, &crate::codes::UNKNOWN_FIELD)
            || std::ptr::eq(d.code, &crate::codes::MISSING_FIELD)
    });
    if !misfit {
        return None;
    }
    let keys = yaml::top_level_keys(text)?;
    let other = kind_of_keys(&keys).filter(|k| *k != kind)?;
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let help = match other {
        RecordKind::Site => "move it next to the content/ folder, as site.yaml".to_string(),
        RecordKind::Course => format!(
            "move it to content/courses/ as `{}.md`, with its fields between two `---` lines",
            stem(name)
        ),
        other => format!("move it to {}/{name}", other.folder()),
    };
    Some(
        Diagnostic::error(
            &crate::codes::MISPLACED_FILE,
            format!(
                "this file is {}, but it is in {}/",
                other.what(),
                kind.folder()
            ),
        )
        .at(Location::file(rel.to_string()))
        .help(help),
    )
}

/// Where the front matter and body are in a course file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    pub front: std::ops::Range<usize>,
    pub body: std::ops::Range<usize>,
    /// 1-based line on which the body starts.
    pub body_line: usize,
}

/// Why a course page has no readable front matter: the line to point at and what to say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatterProblem {
    /// 1-based line.
    pub line: usize,
    pub message: &'static str,
    pub label: &'static str,
    pub help: String,
}

/// Splits `---\nyaml\n---\nbody` into its parts. Errors say what is wrong in plain words.
pub fn split_front_matter(text: &str) -> Result<Split, FrontMatterProblem> {
    let first_end = text.find('\n').unwrap_or(text.len());
    let first = text[..first_end].trim_end();
    if first != "---" {
        let (label, help) = if first.trim_start() == "---" {
            (
                "spaces before `---`",
                "remove the spaces before `---`: it must be the very first thing in the file"
                    .to_string(),
            )
        } else {
            (
                "the first line should be `---`",
                "add `---` as the very first line, then `title: …` and the other fields, then `---`"
                    .to_string(),
            )
        };
        return Err(FrontMatterProblem {
            line: 1,
            message: "a course page must start with front matter: a line `---`, the course's fields, and another `---`",
            label,
            help,
        });
    }
    let front_start = (first_end + 1).min(text.len());
    let mut pos = front_start;
    let mut line = 2;
    let mut last_field = 1;
    let mut gap_after_fields = None;
    while pos < text.len() {
        let end = text[pos..]
            .find('\n')
            .map(|i| pos + i)
            .unwrap_or(text.len());
        let current = text[pos..end].trim_end();
        if current == "---" || current == "..." {
            let body_start = (end + 1).min(text.len());
            return Ok(Split {
                front: front_start..pos,
                body: body_start..text.len(),
                body_line: line + 1,
            });
        }
        if current.trim().is_empty() {
            gap_after_fields.get_or_insert(last_field);
        } else if gap_after_fields.is_none() {
            last_field = line;
        }
        pos = end + 1;
        line += 1;
    }
    let after = gap_after_fields.unwrap_or(last_field);
    Err(FrontMatterProblem {
        line: after,
        message: "the front matter that starts on line 1 is never closed",
        label: "the fields end here",
        help: format!(
            "add a line `---` after line {after}, the last field, so the course text starts after it"
        ),
    })
}
