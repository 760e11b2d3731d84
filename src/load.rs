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
    EndorsementFile, FrontMatter, LeaderFile, MeetingFile, PollFile, SiteFile, is_valid_id, slugify,
};
use crate::yaml::{self, YamlSource};

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
}

impl<T> Record<T> {
    pub fn yaml(&self) -> YamlSource<'_> {
        YamlSource::whole_file(&self.file, &self.text)
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
    /// Files beside `index.md` in the folder form (absolute source, path below the course).
    pub assets: Vec<(PathBuf, String)>,
}

impl SourceCourse {
    pub fn yaml(&self) -> YamlSource<'_> {
        YamlSource {
            file: &self.file,
            whole: &self.text,
            yaml: &self.text[self.front_range.clone()],
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
            let src = YamlSource::whole_file("site.yaml", &text);
            match yaml::parse::<SiteFile>(&src, "site.yaml") {
                Ok(data) => Some(Record {
                    id: "site".to_string(),
                    file: "site.yaml".to_string(),
                    text,
                    data,
                }),
                Err(d) => {
                    diags.push(d);
                    None
                }
            }
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

    let (courses, course_diags, broken_courses) = load_courses(root);
    diags.extend(course_diags);
    broken.extend(broken_courses.into_iter().map(|id| (Kind::Course, id)));

    let (leaders, d, b) = load_records::<LeaderFile>(root, "content/leaders", "a leader", true);
    diags.extend(d);
    broken.extend(b.into_iter().map(|id| (Kind::Leader, id)));
    let (endorsements, d, _) =
        load_records::<EndorsementFile>(root, "content/endorsements", "an endorsement", false);
    diags.extend(d);
    let (meetings, d, b) = load_records::<MeetingFile>(root, "content/meetings", "a meeting", true);
    diags.extend(d);
    broken.extend(b.into_iter().map(|id| (Kind::Meeting, id)));
    let (polls, d, b) = load_records::<PollFile>(root, "content/polls", "a poll", true);
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
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
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
fn id_from_file(rel: &str, stem: &str, what: &str) -> Result<String, Diagnostic> {
    if is_valid_id(stem) {
        return Ok(stem.to_string());
    }
    let suggestion = slugify(stem);
    let d = Diagnostic::error(
        &crate::codes::BAD_FILE_NAME,
        format!("`{stem}` cannot be used as the name of {what}"),
    )
    .at(Location::file(rel));
    Err(if suggestion.is_empty() {
        d.help("file names use lowercase letters, digits and hyphens, like `priya-natarajan.yaml`")
    } else {
        d.help(format!(
            "file names use lowercase letters, digits and hyphens; rename the file to `{suggestion}` (keeping its extension)"
        ))
    })
}

type Loaded<T> = (Vec<T>, Vec<Diagnostic>, Vec<String>);

/// A record, or why it could not be loaded and (when known) its id.
type Attempt<T> = Result<T, (Diagnostic, Option<String>)>;

/// Parses the text of one course page: front matter and body.
pub fn parse_course(file: String, slug: String, text: String) -> Result<SourceCourse, Diagnostic> {
    let split = split_front_matter(&text).map_err(|(message, help)| {
        Diagnostic::error(&crate::codes::NO_FRONT_MATTER, message)
            .at(Location::at(file.clone(), &text, 1, 1))
            .help(help)
    })?;
    let src = YamlSource {
        file: &file,
        whole: &text,
        yaml: &text[split.front.clone()],
        line_offset: 1,
    };
    let front = yaml::parse::<FrontMatter>(&src, "a course's front matter")?;
    Ok(SourceCourse {
        slug,
        file,
        front_range: split.front,
        body_range: split.body,
        body_line: split.body_line,
        front,
        text,
        assets: Vec::new(),
    })
}

/// Parses the text of one YAML record file; `what` names it in messages.
pub fn parse_record<T: serde::de::DeserializeOwned>(
    file: String,
    id: String,
    text: String,
    what: &str,
) -> Result<Record<T>, Diagnostic> {
    let data = yaml::parse::<T>(&YamlSource::whole_file(&file, &text), what)?;
    Ok(Record {
        id,
        file,
        text,
        data,
    })
}

/// Splits attempts into what loaded, and the ids of what did not (its problems go to
/// `diags`).
fn partition<T>(results: Vec<Attempt<T>>, diags: &mut Diagnostics) -> (Vec<T>, Vec<String>) {
    let mut loaded = Vec::new();
    let mut broken = Vec::new();
    for r in results {
        match r {
            Ok(x) => loaded.push(x),
            Err((d, id)) => {
                diags.push(d);
                broken.extend(id);
            }
        }
    }
    (loaded, broken)
}

/// Loads every `*.yaml`/`*.yml` file directly in `dir`. `named` says whether the file name
/// is the record's id (leaders, meetings, polls) or free (endorsements).
fn load_records<T>(root: &Path, dir: &str, what: &str, named: bool) -> Loaded<Record<T>>
where
    T: serde::de::DeserializeOwned + Send,
{
    let mut diags = Diagnostics::default();
    let files = list_files(root, dir, &mut diags);
    let results: Vec<Attempt<Record<T>>> = files
        .par_iter()
        .filter_map(|path| {
            let rel = rel_path(root, path);
            let depth = rel[dir.len()..].matches('/').count();
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            if depth > 1 || !(ext == "yaml" || ext == "yml") {
                return Some(Err((
                    Diagnostic::error(
                        &crate::codes::MISPLACED_FILE,
                        format!("`{rel}` is not a YAML file directly in {dir}/"),
                    )
                    .at(Location::file(rel.clone()))
                    .help(format!(
                        "{dir}/ holds one `.yaml` file per record; move other files to static/"
                    )),
                    None,
                )));
            }
            let stem = path.file_stem()?.to_string_lossy().into_owned();
            let id = if named {
                match id_from_file(&rel, &stem, what) {
                    Ok(id) => id,
                    Err(d) => return Some(Err((d, None))),
                }
            } else {
                stem
            };
            let text = match read_text(root, &rel) {
                Ok(t) => t,
                Err(d) => return Some(Err((d, Some(id)))),
            };
            Some(parse_record(rel, id.clone(), text, what).map_err(|d| (d, Some(id))))
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

/// Splits `---\nyaml\n---\nbody` into its parts. Errors say what is wrong in plain words.
pub fn split_front_matter(text: &str) -> Result<Split, (&'static str, &'static str)> {
    let first_end = text.find('\n').unwrap_or(text.len());
    if text[..first_end].trim_end() != "---" {
        return Err((
            "a course page must start with front matter: a line `---`, the course's fields, and another `---`",
            "add `---` as the very first line, then `title: …` and the other fields, then `---`",
        ));
    }
    let front_start = (first_end + 1).min(text.len());
    let mut pos = front_start;
    let mut line = 2;
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
        pos = end + 1;
        line += 1;
    }
    Err((
        "the front matter that starts on line 1 is never closed",
        "add a line `---` after the last field, before the course text",
    ))
}

fn load_courses(root: &Path) -> Loaded<SourceCourse> {
    let dir = "content/courses";
    let mut diags = Diagnostics::default();
    let files = list_files(root, dir, &mut diags);
    let base = root.join(dir);
    // Course files: courses/<slug>.md and courses/<slug>/index.md; everything else in a
    // course folder is an asset of that course.
    let mut pages: Vec<(PathBuf, String)> = Vec::new();
    let mut assets: Vec<(String, PathBuf, String)> = Vec::new();
    for path in &files {
        let rel = rel_path(root, path);
        let below = rel_path(&base, path);
        let parts: Vec<&str> = below.split('/').collect();
        match parts.as_slice() {
            [name] if name.ends_with(".md") => {
                pages.push((path.clone(), name.trim_end_matches(".md").to_string()));
            }
            [folder, "index.md"] => pages.push((path.clone(), folder.to_string())),
            [_] => diags.push(
                Diagnostic::error(
                    &crate::codes::MISPLACED_FILE,
                    format!("`{rel}` is not a course page (`.md`)"),
                )
                .at(Location::file(rel))
                .help("put images for a course in a folder content/courses/<course>/ beside its index.md"),
            ),
            [folder, rest @ ..] => {
                assets.push((folder.to_string(), path.clone(), rest.join("/")));
            }
            [] => {}
        }
    }
    let results: Vec<Attempt<SourceCourse>> = pages
        .par_iter()
        .map(|(path, stem)| {
            let rel = rel_path(root, path);
            let slug = id_from_file(&rel, stem, "a course").map_err(|d| (d, None))?;
            let text = read_text(root, &rel).map_err(|d| (d, Some(slug.clone())))?;
            parse_course(rel, slug.clone(), text).map_err(|d| (d, Some(slug)))
        })
        .collect();
    let (mut courses, broken) = partition(results, &mut diags);
    let folder_courses: std::collections::HashMap<String, usize> = courses
        .iter()
        .enumerate()
        .filter(|(_, c)| c.file.ends_with("/index.md"))
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

    #[test]
    fn ignored_names() {
        assert!(is_ignored_name(".DS_Store"));
        assert!(is_ignored_name("a.yaml~"));
        assert!(is_ignored_name(".a.yaml.swp"));
        assert!(!is_ignored_name("a.yaml"));
    }
}
