//! Stage 1, `load`: reads a site folder from disk into a `SourceSite` — site.yaml, every
//! course and record parsed into its typed shape, file texts kept for pointing at lines.
//! Checks each file on its own; cross-references are `resolve`'s job. Writes nothing.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::model::{
    EndorsementFile, FrontMatter, LeaderFile, MeetingFile, PollFile, RecordKind, SiteFile,
    is_valid_id, slugify,
};
use crate::yaml::{self, Invalid, YamlSource};

/// Largest file read from a site; anything bigger is refused with a located error.
pub const MAX_FILE_BYTES: u64 = 8 << 20;

/// One parsed YAML record with the text it came from.
#[derive(Debug, Clone)]
pub struct Record<T> {
    /// The name other records use for it (from the file name).
    pub id: String,
    /// Path relative to the site folder, with `/`.
    pub file: String,
    pub text: String,
    pub data: T,
    /// Values that were refused while reading (and replaced by stand-ins); their problems
    /// are reported, and nothing else is said about them.
    pub invalid: Invalid,
}

impl<T> Record<T> {
    pub fn yaml(&self) -> YamlSource<'_> {
        YamlSource {
            file: &self.file,
            whole: &self.text,
            yaml: self.invalid.mended().unwrap_or(&self.text),
            line_offset: 0,
        }
    }
}

/// A course page: front matter plus Markdown body.
#[derive(Debug, Clone)]
pub struct SourceCourse {
    pub slug: String,
    pub file: String,
    pub text: String,
    /// Byte range of the front matter YAML within `text`.
    pub front_range: std::ops::Range<usize>,
    /// Byte range of the Markdown body within `text`.
    pub body_range: std::ops::Range<usize>,
    /// 1-based line where the body starts.
    pub body_line: usize,
    pub front: FrontMatter,
    /// Front matter values that were refused while reading.
    pub invalid: Invalid,
    /// Files beside `index.md` in the folder form (absolute source, path below the course).
    pub assets: Vec<(PathBuf, String)>,
}

impl SourceCourse {
    pub fn yaml(&self) -> YamlSource<'_> {
        YamlSource {
            file: &self.file,
            whole: &self.text,
            yaml: self
                .invalid
                .mended()
                .unwrap_or(&self.text[self.front_range.clone()]),
            line_offset: 1,
        }
    }

    pub fn body(&self) -> &str {
        &self.text[self.body_range.clone()]
    }
}

/// A file copied to the output as it is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct StaticFile {
    /// Path in the output, with `/`.
    pub output: String,
    pub source: PathBuf,
}

/// Which kind of record an id names, for remembering records that failed to load.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Course,
    Leader,
    Meeting,
    Poll,
}

/// Everything read from a site folder.
#[derive(Debug, Clone)]
pub struct SourceSite {
    pub root: PathBuf,
    pub config: Record<SiteFile>,
    pub courses: Vec<SourceCourse>,
    pub leaders: Vec<Record<LeaderFile>>,
    pub endorsements: Vec<Record<EndorsementFile>>,
    pub meetings: Vec<Record<MeetingFile>>,
    pub polls: Vec<Record<PollFile>>,
    /// Files under static/, sorted by output path.
    pub static_files: Vec<StaticFile>,
    /// Records whose files exist but could not be read; references to them are not
    /// reported again as unknown.
    pub broken: BTreeSet<(Kind, String)>,
}

/// Reads the site in `root`. Returns the site (if site.yaml could be read) and every
/// problem found; a site is returned even when some files had errors.
pub fn load(root: &Path) -> (Option<SourceSite>, Diagnostics) {
    let mut diags = Diagnostics::default();
    let config = match read_text(root, "site.yaml") {
        Ok(text) => {
            let (record, problems) = parse_record::<SiteFile>(
                "site.yaml".to_string(),
                "site".to_string(),
                text,
                RecordKind::Site,
            );
            diags.extend(problems);
            record
        }
        Err(d) => {
            diags.push(d);
            None
        }
    };

    let mut broken = BTreeSet::new();
    let content = root.join("content");
    if !content.is_dir() {
        diags.push(
            Diagnostic::error(&crate::codes::NO_CONTENT, "this site has no `content` folder")
                .at(Location::file("content/"))
                .help("create content/courses/ with one Markdown file per course, or run `buyin new site <folder>`"),
        );
    }

    let files = classify(root, list_files(root, "content", &mut diags), &mut diags);

    let (courses, course_diags, broken_courses) = load_courses(root, files.courses, files.assets);
    diags.extend(course_diags);
    broken.extend(broken_courses.into_iter().map(|id| (Kind::Course, id)));

    let (leaders, d, b) = load_records::<LeaderFile>(root, RecordKind::Leader, files.leaders);
    diags.extend(d);
    broken.extend(b.into_iter().map(|id| (Kind::Leader, id)));
    let (endorsements, d, _) =
        load_records::<EndorsementFile>(root, RecordKind::Endorsement, files.endorsements);
    diags.extend(d);
    let (meetings, d, b) = load_records::<MeetingFile>(root, RecordKind::Meeting, files.meetings);
    diags.extend(d);
    broken.extend(b.into_iter().map(|id| (Kind::Meeting, id)));
    let (polls, d, b) = load_records::<PollFile>(root, RecordKind::Poll, files.polls);
    diags.extend(d);
    broken.extend(b.into_iter().map(|id| (Kind::Poll, id)));

    let (static_files, d) = list_static(root, "static");
    diags.extend(d);

    let site = config.map(|config| SourceSite {
        root: root.to_path_buf(),
        config,
        courses,
        leaders,
        endorsements,
        meetings,
        polls,
        static_files,
        broken,
    });
    (site, diags)
}

/// Reads a file of the site as UTF-8 text, with located errors for the usual mistakes.
pub fn read_text(root: &Path, rel: &str) -> Result<String, Diagnostic> {
    let unreadable = |e: std::io::Error| {
        let d = Diagnostic::error(
            &crate::codes::UNREADABLE_FILE,
            format!("cannot read `{rel}`: {}", io_words(&e)),
        )
        .at(Location::file(rel));
        if rel == "site.yaml" && e.kind() == std::io::ErrorKind::NotFound {
            d.help("run buyin in the folder that holds site.yaml, or create one with `buyin new site <folder>`")
        } else {
            d
        }
    };
    let file = fs::File::open(root.join(rel)).map_err(unreadable)?;
    let bytes = read_capped(file, MAX_FILE_BYTES).map_err(unreadable)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Diagnostic::error(
            &crate::codes::FILE_TOO_LARGE,
            format!("`{rel}` is too large (over {} MiB)", MAX_FILE_BYTES >> 20),
        )
        .at(Location::file(rel))
        .help("course pages and records are text; move large files to static/"));
    }
    decode(rel, bytes)
}

/// Reads a file to its end or to one byte past `limit`, whichever comes first. Most
/// site files are small, so this starts with one read into a small buffer and treats a
/// short read as the end, as regular files (the only kind read here) return fewer bytes
/// than asked only at their end; a site of tens of thousands of files is read with
/// half the system calls of asking the size first and reading until nothing is left.
fn read_capped(mut file: fs::File, limit: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    const FIRST: usize = 16 * 1024;
    let mut first = [0u8; FIRST];
    let n = loop {
        match file.read(&mut first) {
            Ok(n) => break n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
    };
    let mut bytes = first[..n].to_vec();
    if n == FIRST {
        file.take(limit.saturating_sub(FIRST as u64) + 1)
            .read_to_end(&mut bytes)?;
    }
    Ok(bytes)
}

/// The text of a file's bytes: UTF-8 (a leading byte-order mark is dropped), or a
/// located error at the first byte that is not.
pub fn decode(rel: &str, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    let utf16 = bytes.starts_with(&[0xff, 0xfe])
        || bytes.starts_with(&[0xfe, 0xff])
        || (bytes.len() >= 4
            && bytes.iter().take(64).filter(|&&b| b == 0).count() * 3 >= bytes.len().min(64));
    if utf16 {
        return Err(Diagnostic::error(
            &crate::codes::NOT_UTF8,
            format!("`{rel}` is saved as UTF-16, not UTF-8"),
        )
        .at(Location::file(rel))
        .help("save the file again as UTF-8 (in Notepad: File → Save as → Encoding: UTF-8)"));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
        let shown = String::from_utf8_lossy(e.as_bytes()).into_owned();
        Diagnostic::error(
            &crate::codes::NOT_UTF8,
            format!("`{rel}` is not UTF-8 text"),
        )
        .at(Location::at(rel, &shown, line, column))
        .label("this character cannot be read")
        .help("save the file as UTF-8 (most editors offer this under \"Save with encoding\")")
    })?;
    Ok(text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text))
}

fn io_words(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "the file does not exist".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

/// Files worth skipping silently: hidden files, editor backups and swap files.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.ends_with(".bak")
}

/// Relative path with `/`, for messages and output names.
fn rel_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path).to_string_lossy();
    if rel.contains('\\') {
        rel.replace('\\', "/")
    } else {
        rel.into_owned()
    }
}

/// Lists regular files below `root/dir` (in no particular order: every list made from
/// them is sorted later); reports links that leave the site.
fn list_files(root: &Path, dir: &str, diags: &mut Diagnostics) -> Vec<PathBuf> {
    let base = root.join(dir);
    if !base.is_dir() {
        return Vec::new();
    }
    let canonical_root = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut files = Vec::new();
    let walker = WalkDir::new(&base)
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored_name(&e.file_name().to_string_lossy()));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let rel = e
                    .path()
                    .map(|p| rel_path(root, p))
                    .unwrap_or_else(|| dir.to_string());
                diags.push(
                    Diagnostic::error(
                        &crate::codes::UNREADABLE_FILE,
                        format!("cannot read `{rel}`"),
                    )
                    .at(Location::file(rel)),
                );
                continue;
            }
        };
        let path = entry.path();
        if entry.path_is_symlink() {
            let rel = rel_path(root, path);
            match fs::canonicalize(path) {
                Ok(target) if target.starts_with(&canonical_root) && target.is_file() => {
                    files.push(path.to_path_buf());
                }
                Ok(target) if target.starts_with(&canonical_root) => {}
                _ => diags.push(
                    Diagnostic::error(
                        &crate::codes::LINK_OUTSIDE_SITE,
                        format!("`{rel}` is a link to a file outside the site folder"),
                    )
                    .at(Location::file(rel))
                    .help("copy the file into the site instead of linking to it"),
                ),
            }
        } else if entry.file_type().is_file() {
            files.push(path.to_path_buf());
        }
    }
    files
}

/// Checks that a file name gives a usable id, reporting it if not.
fn id_from_file(rel: &str, stem: &str, kind: RecordKind) -> Result<String, Diagnostic> {
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

/// The lowercased extension of a file name (`Priya.YAML` → `yaml`).
pub fn extension(name: &str) -> String {
    name.rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default()
}

/// Whether a file name is a YAML record (`.yaml` or `.yml`, in any case).
pub fn is_yaml_name(name: &str) -> bool {
    matches!(extension(name).as_str(), "yaml" | "yml")
}

/// Whether a file name is a Markdown page (`.md`, in any case).
pub fn is_markdown_name(name: &str) -> bool {
    extension(name) == "md"
}

/// The name without its extension.
fn stem(name: &str) -> &str {
    name.rsplit_once('.').map_or(name, |(s, _)| s)
}

/// A file found under content/: where it is, and its path relative to the site folder.
type Found = (PathBuf, String);

/// The files under content/, sorted out by what they are.
#[derive(Default)]
struct Files {
    /// (file, slug) of course pages.
    courses: Vec<(Found, String)>,
    /// (course folder, path, path below the folder) of files beside a course's index.md.
    assets: Vec<(String, PathBuf, String)>,
    leaders: Vec<Found>,
    endorsements: Vec<Found>,
    meetings: Vec<Found>,
    polls: Vec<Found>,
}

/// The folders under content/ that buyin reads, by kind.
fn folder_name(kind: RecordKind) -> &'static str {
    kind.folder().trim_start_matches("content/")
}

/// Sorts every file below content/ into the lists buyin reads, and reports the pages and
/// records that are anywhere else with the folder they most likely belong in.
fn classify(root: &Path, paths: Vec<PathBuf>, diags: &mut Diagnostics) -> Files {
    let mut files = Files::default();
    for path in paths {
        let rel = rel_path(root, &path);
        let below = rel.strip_prefix("content/").unwrap_or(&rel).to_string();
        let parts: Vec<&str> = below.split('/').collect();
        let name = parts.last().copied().unwrap_or("");
        let folder = RecordKind::records().find(|k| parts.len() > 1 && folder_name(*k) == parts[0]);
        match (folder, parts.as_slice()) {
            (Some(RecordKind::Course), [_, file])
                if is_markdown_name(file)
                    && (is_valid_id(stem(file)) || has_front_matter(root, &rel)) =>
            {
                files
                    .courses
                    .push(((path.clone(), rel.clone()), stem(file).to_string()));
            }
            (Some(RecordKind::Course), [_, dir, index])
                if index.eq_ignore_ascii_case("index.md") =>
            {
                files
                    .courses
                    .push(((path.clone(), rel.clone()), dir.to_string()));
            }
            (Some(RecordKind::Course), [_, dir, rest @ ..]) if !rest.is_empty() => {
                files
                    .assets
                    .push((dir.to_string(), path.clone(), rest.join("/")));
            }
            (Some(kind), [_, file]) if kind != RecordKind::Course && is_yaml_name(file) => {
                let list = match kind {
                    RecordKind::Leader => &mut files.leaders,
                    RecordKind::Endorsement => &mut files.endorsements,
                    RecordKind::Meeting => &mut files.meetings,
                    _ => &mut files.polls,
                };
                list.push((path.clone(), rel.clone()));
            }
            _ => {
                if let Some(d) = misplaced(root, &rel, &parts, folder, name) {
                    diags.push(d);
                }
            }
        }
    }
    files
}

/// Why a file is not where buyin reads it, and where it belongs; `None` for files that are
/// neither pages nor records and sit where they harm nothing.
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
    match folder {
        // In a folder buyin reads, but not as a page or record of that folder.
        Some(kind) => {
            let dir = kind.folder();
            if parts.len() > 2 && (is_record || (is_page && kind != RecordKind::Course)) {
                let target = guessed.unwrap_or(kind).folder();
                return Some(
                    Diagnostic::error(
                        &crate::codes::MISPLACED_FILE,
                        format!("`{rel}` is in a folder inside {dir}/, which buyin does not read"),
                    )
                    .at(here)
                    .help(format!("move it directly into {target}/")),
                );
            }
            if kind == RecordKind::Course && is_page && guessed.is_none() {
                return Some(
                    Diagnostic::error(
                        &crate::codes::MISPLACED_FILE,
                        format!("`{name}` is not a course page: it does not start with front matter"),
                    )
                    .at(here)
                    .help("course pages start with a line `---`; keep notes that are not courses out of content/"),
                );
            }
            if kind == RecordKind::Course {
                return Some(match guessed {
                    Some(other) if other != RecordKind::Course => Diagnostic::error(
                        &crate::codes::MISPLACED_FILE,
                        format!("`{name}` looks like {}, not a course page", other.what()),
                    )
                    .at(here)
                    .help(format!("move it to {}/", other.folder())),
                    _ if is_record => Diagnostic::error(
                        &crate::codes::MISPLACED_FILE,
                        format!("`{name}` is not a course page: course pages are Markdown files (`.md`)"),
                    )
                    .at(here)
                    .help(format!(
                        "rename it to `{}.md` and put its fields between two `---` lines at the top",
                        stem(name)
                    )),
                    _ => Diagnostic::error(
                        &crate::codes::MISPLACED_FILE,
                        format!("`{rel}` is not a course page (`.md`)"),
                    )
                    .at(here)
                    .help("put images for a course in a folder content/courses/<course>/ beside its index.md; other files go in static/"),
                });
            }
            Some(match guessed {
                Some(RecordKind::Course) => Diagnostic::error(
                    &crate::codes::MISPLACED_FILE,
                    format!("`{name}` is a course page, which belongs in content/courses/"),
                )
                .at(here)
                .help("move it to content/courses/"),
                None if is_page => Diagnostic::error(
                    &crate::codes::MISPLACED_FILE,
                    format!(
                        "`{name}` is not {}: {dir}/ holds `.yaml` files",
                        kind.what()
                    ),
                )
                .at(here)
                .help("keep notes that are not records out of content/"),
                _ => Diagnostic::error(
                    &crate::codes::MISPLACED_FILE,
                    format!("`{rel}` is not a YAML file (`.yaml`)"),
                )
                .at(here)
                .help(format!(
                    "{dir}/ holds one `.yaml` file per record; move other files to static/"
                )),
            })
        }
        // Outside the folders buyin reads.
        None if is_page || is_record => {
            let near = parts
                .first()
                .filter(|_| parts.len() > 1)
                .and_then(|dir| folder_like(dir));
            let target = match (near, guessed) {
                (Some(kind), _) => Some(kind),
                (None, Some(RecordKind::Site)) => {
                    return Some(
                        Diagnostic::error(
                            &crate::codes::MISPLACED_FILE,
                            format!(
                                "`{rel}` looks like site.yaml, which belongs in the site folder"
                            ),
                        )
                        .at(here)
                        .help("move it next to the content/ folder, as site.yaml"),
                    );
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
            let d = Diagnostic::error(&crate::codes::MISPLACED_FILE, message).at(here);
            Some(match target {
                Some(kind) => d.help(format!("move it to {}/{name}", kind.folder())),
                None if is_page => d.help(
                    "a course page goes in content/courses/ and starts with a line `---`; keep other notes out of content/",
                ),
                None => d.help(format!(
                    "move it to the folder for its kind of record: {}",
                    RecordKind::records()
                        .map(|k| format!("{}/", k.folder()))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            })
        }
        // Any other file outside the folders buyin reads (a photo saved in content/) is
        // not published: said as a warning, since it may be kept there on purpose.
        None => Some(
            Diagnostic::warning(
                &crate::codes::STRAY_FILE,
                format!("`{rel}` is not published: buyin reads only pages and records in content/"),
            )
            .at(here)
            .help(format!(
                "files to publish as they are (photos, documents) go in static/, for example static/{}",
                if name.to_lowercase().ends_with(".jpg")
                    || name.to_lowercase().ends_with(".jpeg")
                    || name.to_lowercase().ends_with(".png")
                    || name.to_lowercase().ends_with(".svg")
                    || name.to_lowercase().ends_with(".webp")
                {
                    format!("photos/{name}")
                } else {
                    name.to_string()
                }
            )),
        ),
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

type Loaded<T> = (Vec<T>, Vec<Diagnostic>, Vec<String>);

/// What loading one file gave: the value (when it could be read), its problems, and the
/// id it was known by.
struct Attempt<T> {
    value: Option<T>,
    problems: Vec<Diagnostic>,
    id: Option<String>,
}

impl<T> Attempt<T> {
    fn failed(problem: Diagnostic, id: Option<String>) -> Self {
        Attempt {
            value: None,
            problems: vec![problem],
            id,
        }
    }
}

/// Parses the text of one course page: front matter and body. The course is returned
/// whenever its front matter could be read, also when some values in it were refused.
pub fn parse_course(
    file: String,
    slug: String,
    text: String,
) -> (Option<SourceCourse>, Vec<Diagnostic>) {
    let split = match split_front_matter(&text) {
        Ok(split) => split,
        Err(problem) => {
            let d = Diagnostic::error(&crate::codes::NO_FRONT_MATTER, problem.message)
                .at(Location::at(file.clone(), &text, problem.line, 1))
                .label(problem.label)
                .help(problem.help);
            return (None, vec![d]);
        }
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
        front_range: split.front,
        body_range: split.body,
        body_line: split.body_line,
        front,
        invalid: reading.invalid,
        text,
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
        text,
        data,
        invalid: reading.invalid,
    });
    (record, problems)
}

/// Splits attempts into what loaded, and the ids of what did not (every problem goes to
/// `diags`).
fn partition<T>(results: Vec<Attempt<T>>, diags: &mut Diagnostics) -> (Vec<T>, Vec<String>) {
    let mut loaded = Vec::new();
    let mut broken = Vec::new();
    for r in results {
        diags.extend(r.problems);
        match r.value {
            Some(x) => loaded.push(x),
            None => broken.extend(r.id),
        }
    }
    (loaded, broken)
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

/// Loads the record files of `kind`. Leaders, meetings and polls are named by their file;
/// endorsements are not.
fn load_records<T>(root: &Path, kind: RecordKind, files: Vec<Found>) -> Loaded<Record<T>>
where
    T: serde::de::DeserializeOwned + Send,
{
    let named = kind != RecordKind::Endorsement;
    let mut diags = Diagnostics::default();
    let results: Vec<Attempt<Record<T>>> = files
        .into_par_iter()
        .map(|(path, rel)| {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let stem = stem(&name).to_string();
            let id = if named {
                match id_from_file(&rel, &stem, kind) {
                    Ok(id) => id,
                    // References to the name the file should have are not reported again.
                    Err(d) => return Attempt::failed(d, Some(slugify(&stem))),
                }
            } else {
                stem
            };
            let text = match read_text(root, &rel) {
                Ok(t) => t,
                Err(d) => return Attempt::failed(d, Some(id)),
            };
            let (record, problems) = parse_record::<T>(rel.clone(), id.clone(), text, kind);
            if !problems.is_empty()
                && let Ok(text) = read_text(root, &rel)
                && let Some(d) = wrong_folder(kind, &rel, &text, &problems)
            {
                return Attempt::failed(d, None);
            }
            Attempt {
                value: record,
                problems,
                id: Some(id),
            }
        })
        .collect();
    let (records, broken) = partition(results, &mut diags);
    (records, diags.into_iter().collect(), broken)
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

fn load_courses(
    root: &Path,
    pages: Vec<(Found, String)>,
    assets: Vec<(String, PathBuf, String)>,
) -> Loaded<SourceCourse> {
    let mut diags = Diagnostics::default();
    let results: Vec<Attempt<SourceCourse>> = pages
        .into_par_iter()
        .map(|((_, rel), stem)| {
            let stem = &stem;
            let slug = match id_from_file(&rel, stem, RecordKind::Course) {
                Ok(slug) => slug,
                Err(d) => return Attempt::failed(d, Some(slugify(stem))),
            };
            let text = match read_text(root, &rel) {
                Ok(t) => t,
                Err(d) => return Attempt::failed(d, Some(slug)),
            };
            let (course, problems) = parse_course(rel, slug.clone(), text);
            Attempt {
                value: course,
                problems,
                id: Some(slug),
            }
        })
        .collect();
    let (mut courses, broken) = partition(results, &mut diags);
    let folder_courses: std::collections::HashMap<String, usize> = courses
        .iter()
        .enumerate()
        .filter(|(_, c)| c.file.to_lowercase().ends_with("/index.md"))
        .map(|(i, c)| (c.slug.clone(), i))
        .collect();
    for (folder, source, below) in assets {
        match folder_courses.get(&folder) {
            Some(&i) => courses[i].assets.push((source, below)),
            None if broken.contains(&folder) => {}
            None => {
                let rel = rel_path(root, &source);
                diags.push(
                    Diagnostic::error(
                        &crate::codes::MISPLACED_FILE,
                        format!("`{rel}` is in a course folder that has no index.md"),
                    )
                    .at(Location::file(rel))
                    .help(format!(
                        "add content/courses/{folder}/index.md, or move the file to static/"
                    )),
                );
            }
        }
    }
    (courses, diags.into_iter().collect(), broken)
}

fn list_static(root: &Path, dir: &str) -> (Vec<StaticFile>, Vec<Diagnostic>) {
    let mut diags = Diagnostics::default();
    let base = root.join(dir);
    let mut out: Vec<StaticFile> = list_files(root, dir, &mut diags)
        .into_iter()
        .map(|source| StaticFile {
            output: rel_path(&base, &source),
            source,
        })
        .collect();
    out.sort();
    (out, diags.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_finds_front_matter_and_body_lines() {
        let text = "---\ntitle: A\nsummary: B\n---\n# Body\n";
        let s = split_front_matter(text).unwrap();
        assert_eq!(&text[s.front.clone()], "title: A\nsummary: B\n");
        assert_eq!(&text[s.body.clone()], "# Body\n");
        assert_eq!(s.body_line, 5);
    }

    #[test]
    fn split_accepts_crlf_and_empty_body() {
        let text = "---\r\ntitle: A\r\n---\r\n";
        let s = split_front_matter(text).unwrap();
        assert_eq!(&text[s.front.clone()], "title: A\r\n");
        assert_eq!(&text[s.body.clone()], "");
    }

    #[test]
    fn split_reports_missing_and_unclosed_front_matter() {
        assert!(split_front_matter("# Just a body\n").is_err());
        assert!(split_front_matter("---\ntitle: A\n").is_err());
        assert!(split_front_matter("").is_err());
    }

    #[test]
    fn read_capped_reads_small_large_and_too_large_files() {
        let dir = tempfile::tempdir().unwrap();
        for size in [0usize, 10, 16 * 1024, 16 * 1024 + 1, 100_000] {
            let path = dir.path().join(format!("f{size}"));
            let data: Vec<u8> = (0..size).map(|i| (i % 251) as u8).collect();
            fs::write(&path, &data).unwrap();
            let read = read_capped(fs::File::open(&path).unwrap(), 1 << 20).unwrap();
            assert_eq!(read, data, "size {size}");
        }
        let path = dir.path().join("big");
        fs::write(&path, vec![b'x'; 5000]).unwrap();
        let read = read_capped(fs::File::open(&path).unwrap(), 1000).unwrap();
        assert!(
            read.len() > 1000,
            "reads past the limit to tell it was exceeded"
        );
    }

    /// The node-by-node reader used after a problem gives the same records as serde_yaml
    /// reading the file directly, for every file of the demo site.
    #[test]
    fn both_readings_of_the_demo_agree() {
        fn agree<T: serde::de::DeserializeOwned + std::fmt::Debug>(
            file: &str,
            yaml: &str,
            kind: RecordKind,
        ) {
            let direct: T = serde_yaml::from_str(yaml).unwrap_or_else(|e| panic!("{file}: {e}"));
            let source = YamlSource::whole_file(file, yaml);
            let slow = yaml::read_node_by_node::<T>(&source, kind.what(), &kind);
            assert!(slow.problems.is_empty(), "{file}: {:?}", slow.problems);
            assert_eq!(
                format!("{direct:?}"),
                format!("{:?}", slow.value.unwrap()),
                "{file}"
            );
        }
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut checked = 0;
        for entry in walkdir::WalkDir::new(root.join("content")) {
            let entry = entry.unwrap();
            let rel = rel_path(root, entry.path());
            let Ok(text) = fs::read_to_string(entry.path()) else {
                continue;
            };
            match rel.split('/').nth(1) {
                Some("courses") if rel.ends_with(".md") => {
                    let split = split_front_matter(&text).unwrap();
                    agree::<FrontMatter>(&rel, &text[split.front], RecordKind::Course);
                }
                Some("leaders") => agree::<LeaderFile>(&rel, &text, RecordKind::Leader),
                Some("endorsements") => {
                    agree::<EndorsementFile>(&rel, &text, RecordKind::Endorsement)
                }
                Some("meetings") => agree::<MeetingFile>(&rel, &text, RecordKind::Meeting),
                Some("polls") => agree::<PollFile>(&rel, &text, RecordKind::Poll),
                _ => continue,
            }
            checked += 1;
        }
        let site = fs::read_to_string(root.join("site.yaml")).unwrap();
        agree::<SiteFile>("site.yaml", &site, RecordKind::Site);
        assert!(checked > 50, "{checked}");
    }

    #[test]
    fn ignored_names() {
        assert!(is_ignored_name(".DS_Store"));
        assert!(is_ignored_name("a.yaml~"));
        assert!(is_ignored_name(".a.yaml.swp"));
        assert!(!is_ignored_name("a.yaml"));
    }
}
