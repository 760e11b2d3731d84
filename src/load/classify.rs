//! What a file under content/ is: a course page, a file beside a course, a record of one
//! kind, or something buyin does not read, with where it most likely belongs.

use std::path::Path;

use super::files::{is_markdown_name, is_yaml_name, read_text, stem};
use crate::diagnostics::{Diagnostic, Location};
use crate::model::{RecordKind, is_valid_id, slugify};
use crate::yaml;

/// What a path below content/ holds, judged by where it is and its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Place {
    /// A course page, with the name it gives the course.
    Course(String),
    /// A course's texts in another language: the course's name and the language
    /// (`courses/<slug>.<lang>.md` or `courses/<slug>/index.<lang>.md`).
    Translation(String, String),
    /// A file beside a course folder's index.md: the folder, and the path below it.
    Asset(String, String),
    /// A record file of this kind.
    Record(RecordKind),
    /// Not read, with the reason when it is worth saying.
    Skipped(Option<Diagnostic>),
}

/// The folders under content/ that buyin reads, by kind.
fn folder_name(kind: RecordKind) -> &'static str {
    kind.folder().trim_start_matches("content/")
}

/// Sorts one file below content/ (`rel` is relative to the site folder): what it is, or
/// why it is not read and the folder it most likely belongs in.
pub(super) fn place(root: &Path, rel: &str) -> Place {
    let below = rel.strip_prefix("content/").unwrap_or(rel);
    let parts: Vec<&str> = below.split('/').collect();
    let name = parts.last().copied().unwrap_or("");
    let folder = RecordKind::records().find(|k| parts.len() > 1 && folder_name(*k) == parts[0]);
    match (folder, parts.as_slice()) {
        (Some(RecordKind::Course), [_, file])
            if let Some((slug, lang)) = translation_name(file) =>
        {
            Place::Translation(slug, lang)
        }
        (Some(RecordKind::Course), [_, dir, index])
            if let Some(("index", lang)) = translation_name(index)
                .as_ref()
                .map(|(s, l)| (s.as_str(), l.clone())) =>
        {
            Place::Translation(dir.to_string(), lang)
        }
        (Some(RecordKind::Course), [_, file])
            if is_markdown_name(file)
                && (is_valid_id(stem(file)) || has_front_matter(root, rel)) =>
        {
            Place::Course(stem(file).to_string())
        }
        (Some(RecordKind::Course), [_, dir, index]) if index.eq_ignore_ascii_case("index.md") => {
            Place::Course(dir.to_string())
        }
        (Some(RecordKind::Course), [_, dir, rest @ ..]) if !rest.is_empty() => {
            Place::Asset(dir.to_string(), rest.join("/"))
        }
        (Some(kind), [_, file]) if kind != RecordKind::Course && is_yaml_name(file) => {
            Place::Record(kind)
        }
        _ => Place::Skipped(misplaced(root, rel, &parts, folder, name)),
    }
}

/// `leading.fr.md` → (`leading`, `fr`): a Markdown file whose name ends in a language
/// code (two or three letters, with an optional region: `pt-BR`).
fn translation_name(file: &str) -> Option<(String, String)> {
    if !is_markdown_name(file) {
        return None;
    }
    let (slug, lang) = stem(file).rsplit_once('.')?;
    let (primary, region) = match lang.split_once('-') {
        Some((p, r)) => (p, Some(r)),
        None => (lang, None),
    };
    let is_primary =
        (2..=3).contains(&primary.len()) && primary.chars().all(|c| c.is_ascii_lowercase());
    let is_region = region
        .is_none_or(|r| (2..=4).contains(&r.len()) && r.chars().all(|c| c.is_ascii_alphanumeric()));
    (is_primary && is_region && !slug.is_empty() && !slug.contains('.'))
        .then(|| (slug.to_string(), lang.to_string()))
}

/// Why a file under content/ is not read, and where it most likely belongs.
fn misplaced(
    root: &Path,
    rel: &str,
    parts: &[&str],
    folder: Option<RecordKind>,
    name: &str,
) -> Option<Diagnostic> {
    let here = Location::file(rel.to_string());
    let is_page = is_markdown_name(name);
    let is_record = is_yaml_name(name);
    // A YAML file saved with an extra extension by an editor: `x.yaml.txt`.
    let hidden_yaml = !is_record
        && (name.to_lowercase().contains(".yaml.") || name.to_lowercase().contains(".yml."));
    if hidden_yaml {
        let fixed = &name[..name.to_lowercase().find(".y").unwrap_or(name.len())];
        let ext = if name.to_lowercase().contains(".yml.") {
            "yml"
        } else {
            "yaml"
        };
        return Some(
            Diagnostic::error(
                &crate::codes::MISPLACED_FILE,
                format!("`{name}` is not read: its name does not end in `.{ext}`"),
            )
            .at(here)
            .help(format!("rename it to `{fixed}.{ext}`")),
        );
    }
    let guessed = if is_page {
        has_front_matter(root, rel).then_some(RecordKind::Course)
    } else if is_record {
        guess_kind(root, rel)
    } else {
        None
    };
    let file = Misplaced {
        rel,
        parts,
        name,
        is_page,
        is_record,
        guessed,
    };
    Some(match folder {
        // In a folder buyin reads, but not as a page or record of that folder.
        Some(kind) => file.in_folder(kind),
        // Outside the folders buyin reads.
        None if is_page || is_record => file.outside_folders(),
        // Any other file outside the folders buyin reads (a photo saved in content/) is
        // not published: said as a warning, since it may be kept there on purpose.
        None => file.stray(),
    })
}

/// A file under content/ that buyin does not read, and what is known of it.
struct Misplaced<'a> {
    rel: &'a str,
    parts: &'a [&'a str],
    name: &'a str,
    is_page: bool,
    is_record: bool,
    /// The kind of record its content looks like.
    guessed: Option<RecordKind>,
}

impl Misplaced<'_> {
    fn here(&self) -> Location {
        Location::file(self.rel.to_string())
    }

    fn error(&self, message: String) -> Diagnostic {
        Diagnostic::error(&crate::codes::MISPLACED_FILE, message).at(self.here())
    }

    /// In a folder buyin reads, but not as a page or record of that folder.
    fn in_folder(&self, kind: RecordKind) -> Diagnostic {
        let (rel, name, dir) = (self.rel, self.name, kind.folder());
        if self.parts.len() > 2 && (self.is_record || (self.is_page && kind != RecordKind::Course))
        {
            let target = self.guessed.unwrap_or(kind).folder();
            return self
                .error(format!(
                    "`{rel}` is in a folder inside {dir}/, which buyin does not read"
                ))
                .help(format!("move it directly into {target}/"));
        }
        if kind == RecordKind::Course {
            return match self.guessed {
                None if self.is_page => self
                    .error(format!("`{name}` is not a course page: it does not start with front matter"))
                    .help("course pages start with a line `---`; keep notes that are not courses out of content/"),
                Some(other) if other != RecordKind::Course => self
                    .error(format!("`{name}` looks like {}, not a course page", other.what()))
                    .help(format!("move it to {}/", other.folder())),
                _ if self.is_record => self
                    .error(format!("`{name}` is not a course page: course pages are Markdown files (`.md`)"))
                    .help(format!(
                        "rename it to `{}.md` and put its fields between two `---` lines at the top",
                        stem(name)
                    )),
                _ => self
                    .error(format!("`{rel}` is not a course page (`.md`)"))
                    .help("put images for a course in a folder content/courses/<course>/ beside its index.md; other files go in static/"),
            };
        }
        match self.guessed {
            Some(RecordKind::Course) => self
                .error(format!(
                    "`{name}` is a course page, which belongs in content/courses/"
                ))
                .help("move it to content/courses/"),
            None if self.is_page => self
                .error(format!(
                    "`{name}` is not {}: {dir}/ holds `.yaml` files",
                    kind.what()
                ))
                .help("keep notes that are not records out of content/"),
            _ => self
                .error(format!("`{rel}` is not a YAML file (`.yaml`)"))
                .help(format!(
                    "{dir}/ holds one `.yaml` file per record; move other files to static/"
                )),
        }
    }

    /// A page or record outside the folders buyin reads.
    fn outside_folders(&self) -> Diagnostic {
        let (rel, name, parts) = (self.rel, self.name, self.parts);
        let near = parts
            .first()
            .filter(|_| parts.len() > 1)
            .and_then(|dir| folder_like(dir));
        let target = match (near, self.guessed) {
            (Some(kind), _) => Some(kind),
            (None, Some(RecordKind::Site)) => {
                return self
                    .error(format!(
                        "`{rel}` looks like site.yaml, which belongs in the site folder"
                    ))
                    .help("move it next to the content/ folder, as site.yaml");
            }
            (None, guessed) => guessed,
        };
        let message = if parts.len() == 1 {
            format!("`{rel}` is directly in content/, where buyin does not read it")
        } else {
            format!(
                "`{rel}` is in `content/{}/`, which buyin does not read",
                parts[..parts.len() - 1].join("/")
            )
        };
        let d = self.error(message);
        match target {
            Some(kind) => d.help(format!("move it to {}/{name}", kind.folder())),
            None if self.is_page => d.help(
                "a course page goes in content/courses/ and starts with a line `---`; keep other notes out of content/",
            ),
            None => d.help(format!(
                "move it to the folder for its kind of record: {}",
                RecordKind::records()
                    .map(|k| format!("{}/", k.folder()))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    }

    /// Any other file: not published.
    fn stray(&self) -> Diagnostic {
        let (rel, name) = (self.rel, self.name);
        let lower = name.to_lowercase();
        let photo = [".jpg", ".jpeg", ".png", ".svg", ".webp"]
            .iter()
            .any(|ext| lower.ends_with(ext));
        Diagnostic::warning(
            &crate::codes::STRAY_FILE,
            format!("`{rel}` is not published: buyin reads only pages and records in content/"),
        )
        .at(self.here())
        .help(format!(
            "files to publish as they are (photos, documents) go in static/, for example static/{}",
            if photo {
                format!("photos/{name}")
            } else {
                name.to_string()
            }
        ))
    }
}

/// Whether the file at `rel` starts with a `---` line, as course pages do.
fn has_front_matter(root: &Path, rel: &str) -> bool {
    read_text(root, rel).is_ok_and(|t| t.lines().next().is_some_and(|l| l.trim_end() == "---"))
}

/// The folder buyin reads that `dir` is most likely a misspelling of: another case, the
/// singular, or a typo.
fn folder_like(dir: &str) -> Option<RecordKind> {
    let lower = dir.to_lowercase();
    let lower = lower.trim();
    RecordKind::records()
        .find(|k| {
            let name = folder_name(*k);
            lower == name
                || format!("{lower}s") == name
                || lower.trim_end_matches('s') == name.trim_end_matches('s')
        })
        .or_else(|| {
            let names: Vec<&str> = RecordKind::records().map(folder_name).collect();
            let near = crate::diagnostics::closest(lower, names.iter().copied())?;
            RecordKind::records().find(|k| folder_name(*k) == near)
        })
}

/// Which kind of record the YAML file at `rel` holds, judged by its fields: the kind
/// whose fields it uses and whose required fields it has.
fn guess_kind(root: &Path, rel: &str) -> Option<RecordKind> {
    let text = read_text(root, rel).ok()?;
    kind_of_keys(&yaml::top_level_keys(&text)?)
}

/// The kind of record a file with these top-level fields is, if one fits clearly.
pub fn kind_of_keys(keys: &[String]) -> Option<RecordKind> {
    if keys.is_empty() {
        return None;
    }
    let mut best: Option<(usize, RecordKind)> = None;
    for kind in RecordKind::ALL {
        let (fields, required) = kind.fields();
        let known = keys.iter().filter(|k| fields.contains(&k.as_str())).count();
        let has_required = required.iter().all(|r| keys.iter().any(|k| k == r));
        if known * 2 <= keys.len() || !has_required {
            continue;
        }
        // Prefer the kind that knows more of the fields, then the one with more required.
        let score = known * 100 + required.len();
        if best.is_none_or(|(b, _)| score > b) {
            best = Some((score, kind));
        }
    }
    best.map(|(_, k)| k)
}

/// Checks that a file name gives a usable id, reporting it if not.
pub(super) fn id_from_file(rel: &str, stem: &str, kind: RecordKind) -> Result<String, Diagnostic> {
    if is_valid_id(stem) {
        return Ok(stem.to_string());
    }
    let suggestion = slugify(stem);
    let ext = rel.rsplit_once('.').map_or("", |(_, e)| e).to_lowercase();
    let d = Diagnostic::error(
        &crate::codes::BAD_FILE_NAME,
        format!("`{stem}` cannot be used as the name of {}", article(kind)),
    )
    .at(Location::file(rel));
    Err(if suggestion.is_empty() {
        d.help("file names use lowercase letters, digits and hyphens, like `priya-natarajan.yaml`")
    } else {
        d.help(format!(
            "file names use lowercase letters, digits and single hyphens; rename the file to `{suggestion}.{ext}`"
        ))
    })
}

/// "a leader", "a course".
fn article(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Course => "a course",
        other => other.what(),
    }
}
