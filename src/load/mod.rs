//! Stage 1, `load`: reads a site folder from disk into a `SourceSite` — site.yaml, every
//! course and record parsed into its typed shape, file texts kept for pointing at lines.
//! Checks each file on its own; cross-references are `resolve`'s job. Writes nothing.
//!
//! A [`Cache`] keeps what each file gave, so loading again after some files changed reads
//! only those (and files not seen before); the folder is listed again each time, so files
//! that were renamed or removed, one by one or with their folder, are never stale.

mod classify;
mod files;
mod parse;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::cache::KeptFile;
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::model::{
    EndorsementFile, FrontMatter, LeaderFile, MeetingFile, PollFile, QuestionFile, RecordKind,
    SiteFile,
};
use crate::yaml::{Invalid, YamlSource};

use classify::Place;
pub use classify::kind_of_keys;
pub use files::{decode, extension, is_ignored_name, is_markdown_name, is_yaml_name, read_text};
use parse::Attempt;
pub use parse::{FrontMatterProblem, Split, parse_course, parse_record, split_front_matter};

/// Largest file read from a site; anything bigger is refused with a located error.
pub const MAX_FILE_BYTES: u64 = 8 << 20;

/// One parsed YAML record with the text it came from.
#[derive(Debug, Clone)]
pub struct Record<T> {
    /// The name other records use for it (from the file name).
    pub id: String,
    /// Path relative to the site folder, with `/`.
    pub file: String,
    pub text: Arc<str>,
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
    /// The file's text up to its body (the front matter, with its `---` lines).
    pub text: Arc<str>,
    /// Byte range of the front matter YAML within `text`.
    pub front_range: std::ops::Range<usize>,
    pub body: Body,
    pub front: FrontMatter,
    /// Front matter values that were refused while reading.
    pub invalid: Invalid,
    /// Files beside `index.md` in the folder form (absolute source, path below the course).
    pub assets: Vec<(PathBuf, String)>,
}

/// A course's texts in another language: `courses/<slug>.<lang>.md`.
#[derive(Debug, Clone)]
pub struct SourceTranslation {
    /// The course it translates.
    pub slug: String,
    pub lang: String,
    pub file: String,
    /// The file's text up to its body.
    pub text: Arc<str>,
    pub front_range: std::ops::Range<usize>,
    pub body: Body,
    pub front: crate::model::CourseTranslationFront,
    pub invalid: Invalid,
}

impl SourceTranslation {
    pub fn yaml(&self) -> YamlSource<'_> {
        front_matter_source(&self.file, &self.text, &self.front_range, &self.invalid)
    }
}

/// The front matter of a Markdown file as YAML to read or point into (mended, when its
/// layout had to be).
fn front_matter_source<'a>(
    file: &'a str,
    text: &'a str,
    front: &std::ops::Range<usize>,
    invalid: &'a Invalid,
) -> YamlSource<'a> {
    YamlSource {
        file,
        whole: text,
        yaml: invalid.mended().unwrap_or(&text[front.clone()]),
        line_offset: 1,
    }
}

impl SourceCourse {
    pub fn yaml(&self) -> YamlSource<'_> {
        front_matter_source(&self.file, &self.text, &self.front_range, &self.invalid)
    }
}

/// Where the Markdown body of a course page (or its translation) is. Only its place is
/// kept, not its text: the file is read again when the page is rendered, so a site of
/// thousands of courses does not hold every page's text while it is built.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Body {
    /// A hash of the whole file as it was read (see [`crate::cache::hash`]), to tell
    /// that the file read again is the same.
    pub hash: u128,
    /// Byte range of the body within the file.
    pub range: std::ops::Range<usize>,
    /// 1-based line where the body starts.
    pub line: usize,
    /// Whether the body is empty or only white space.
    pub blank: bool,
    /// When the file was last changed, as it was read (`None` when that is not known):
    /// calendars give it as the time their events were last changed.
    pub modified: Option<jiff::Timestamp>,
}

impl Body {
    /// The body of `text` (a whole file) that `split` found.
    pub fn of(text: &str, split: &Split) -> Body {
        Body {
            hash: crate::cache::hash(text.as_bytes()),
            range: split.body.clone(),
            line: split.body_line,
            blank: text[split.body.clone()].trim().is_empty(),
            modified: None,
        }
    }

    /// The whole text of `file` (relative to the site folder `root`) read again, with the
    /// body at [`Body::range`]; an error when the file cannot be read or is no longer the
    /// one that was read (it was edited while the site was built).
    pub fn read(&self, root: &Path, file: &str) -> Result<String, Diagnostic> {
        let text = read_text(root, file)?;
        if crate::cache::hash(text.as_bytes()) != self.hash
            || text.get(self.range.clone()).is_none()
        {
            return Err(Diagnostic::error(
                &crate::codes::FILE_CHANGED,
                format!("`{file}` changed while the site was being built"),
            )
            .at(Location::file(file))
            .help("build the site again: the page is made from the file as it is then"));
        }
        Ok(text)
    }
}

/// A file copied to the output as it is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct StaticFile {
    /// Path in the output, with `/`.
    pub output: String,
    pub source: PathBuf,
}

/// Everything read from a site folder. Records are shared with the [`Cache`] they were
/// read into, so making the site again after one file changed copies none of the others.
#[derive(Debug, Clone)]
pub struct SourceSite {
    pub root: PathBuf,
    pub config: Arc<Record<SiteFile>>,
    pub courses: Vec<Arc<SourceCourse>>,
    /// Courses' texts in other languages.
    pub translations: Vec<Arc<SourceTranslation>>,
    pub leaders: Vec<Arc<Record<LeaderFile>>>,
    pub endorsements: Vec<Arc<Record<EndorsementFile>>>,
    pub meetings: Vec<Arc<Record<MeetingFile>>>,
    pub polls: Vec<Arc<Record<PollFile>>>,
    pub questions: Vec<Arc<Record<QuestionFile>>>,
    /// Files under static/, sorted by output path.
    pub static_files: Vec<StaticFile>,
    /// Records whose files exist but could not be read; references to them are not
    /// reported again as unknown.
    pub broken: BTreeSet<(RecordKind, String)>,
}

/// What one path under content/ gave when it was read.
#[derive(Debug, Clone)]
enum Entry {
    Course(Attempt<Arc<SourceCourse>>),
    Translation(Attempt<Arc<SourceTranslation>>),
    /// A file beside a course folder's index.md: the folder, the file, the path below.
    /// (Boxed, like the reason below: a large site has tens of thousands of entries, and
    /// each takes the room of the largest kind.)
    Asset(Box<(String, PathBuf, String)>),
    Leader(Attempt<Arc<Record<LeaderFile>>>),
    Endorsement(Attempt<Arc<Record<EndorsementFile>>>),
    Meeting(Attempt<Arc<Record<MeetingFile>>>),
    Poll(Attempt<Arc<Record<PollFile>>>),
    Question(Attempt<Arc<Record<QuestionFile>>>),
    /// Not read, with the reason when it is worth saying.
    Skipped(Option<Box<Diagnostic>>),
}

/// Reads the file at `rel` (relative to `root`) for what its place says it is, taking
/// it from `kept` (what an earlier build read) when the file has not changed since; `now`
/// is when this reading started. With `keep`, also returns what to keep of a file read without problems.
fn read_entry(
    root: &Path,
    path: &Path,
    rel: &str,
    kept: Option<KeptFile>,
    now: i128,
    keep: bool,
) -> (Entry, Option<KeptFile>) {
    let place = classify::place(root, rel);
    let Some(tag) = tag_of(&place) else {
        let entry = match place {
            Place::Asset(folder, below) => {
                Entry::Asset(Box::new((folder, path.to_path_buf(), below)))
            }
            Place::Skipped(d) => Entry::Skipped(d.map(Box::new)),
            _ => Entry::Skipped(None),
        };
        return (entry, None);
    };
    // A Markdown page's time is kept for its calendar.
    let page = matches!(place, Place::Course(_) | Place::Translation(..));
    let stat = if keep || kept.is_some() || page {
        crate::cache::stat(path)
    } else {
        None
    };
    let mut text = None;
    if let (Some(k), Some(stat)) = (kept.filter(|k| k.kind == tag), stat) {
        if k.unchanged(stat) {
            if let Some(entry) = restore(&place, rel, &k) {
                // The record is in the entry now; it is written out again from there.
                let data = String::new();
                return (entry, Some(KeptFile { data, ..k }));
            }
        } else {
            let read = read_text(root, rel);
            if let Ok(t) = &read
                && crate::cache::hash(t.as_bytes()) == k.hash
            {
                // The same bytes, with the time the file has now.
                let (size, mtime) = stat;
                let k = KeptFile {
                    size,
                    mtime,
                    read_at: now,
                    ..k
                };
                if let Some(entry) = restore(&place, rel, &k) {
                    let data = String::new();
                    return (entry, Some(KeptFile { data, ..k }));
                }
            }
            text = Some(read);
        }
    }
    let read = || text.unwrap_or_else(|| read_text(root, rel));
    let modified = stat.and_then(|(_, mtime)| timestamp(mtime));
    let entry = match place {
        Place::Course(stem) => {
            let mut read = parse::read_course(rel, &stem, read);
            if let Some(course) = &mut read.value {
                course.body.modified = modified;
            }
            Entry::Course(read.shared())
        }
        Place::Translation(slug, lang) => {
            let mut read = parse::read_translation(rel, &slug, &lang, read);
            if let Some(translation) = &mut read.value {
                translation.body.modified = modified;
            }
            Entry::Translation(read.shared())
        }
        Place::Record(RecordKind::Leader) => {
            Entry::Leader(parse::read_record(root, rel, RecordKind::Leader, read).shared())
        }
        Place::Record(RecordKind::Endorsement) => Entry::Endorsement(
            parse::read_record(root, rel, RecordKind::Endorsement, read).shared(),
        ),
        Place::Record(RecordKind::Meeting) => {
            Entry::Meeting(parse::read_record(root, rel, RecordKind::Meeting, read).shared())
        }
        Place::Record(RecordKind::Poll) => {
            Entry::Poll(parse::read_record(root, rel, RecordKind::Poll, read).shared())
        }
        Place::Record(_) => {
            Entry::Question(parse::read_record(root, rel, RecordKind::Question, read).shared())
        }
        Place::Asset(..) | Place::Skipped(_) => unreachable!("handled above"),
    };
    let kept = match (keep, stat) {
        (true, Some(stat)) => to_keep(&entry, tag, stat, now),
        _ => None,
    };
    (entry, kept)
}

/// A file's modification time (nanoseconds since 1970, as [`crate::cache::stat`] gives
/// it) as a moment; `None` for 0, which stands for a time the system did not give.
fn timestamp(nanos: i128) -> Option<jiff::Timestamp> {
    (nanos != 0)
        .then(|| jiff::Timestamp::from_nanosecond(nanos).ok())
        .flatten()
}

/// The kind of file a place is read as, for the cache; `None` for files not parsed.
fn tag_of(place: &Place) -> Option<u8> {
    Some(match place {
        Place::Course(_) => 0,
        Place::Translation(..) => 1,
        Place::Record(RecordKind::Leader) => 2,
        Place::Record(RecordKind::Endorsement) => 3,
        Place::Record(RecordKind::Meeting) => 4,
        Place::Record(RecordKind::Poll) => 5,
        Place::Record(_) => 6,
        Place::Asset(..) | Place::Skipped(_) => return None,
    })
}

/// What to keep of a file read without any problem: its size, time, hash and text (its
/// record is written out from the entry, see [`Cache::record_json`]).
fn to_keep(entry: &Entry, kind: u8, (size, mtime): (u64, i128), now: i128) -> Option<KeptFile> {
    fn clean<T>(attempt: &Attempt<Arc<T>>) -> Option<&T> {
        attempt
            .problems
            .is_empty()
            .then_some(attempt.value.as_deref())
            .flatten()
    }
    fn record<T>(attempt: &Attempt<Arc<Record<T>>>) -> Option<Arc<str>> {
        clean(attempt).map(|r| Arc::clone(&r.text))
    }
    let range = |r: &std::ops::Range<usize>| (r.start as u64, r.end as u64);
    // Markdown files keep their text up to the body, and the whole file's hash.
    let page = |text: &Arc<str>, front: &std::ops::Range<usize>, body: &Body| {
        let at = (
            range(front),
            range(&body.range),
            body.line as u64,
            body.blank,
        );
        (Arc::clone(text), Some(body.hash), at)
    };
    let none = ((0, 0), (0, 0), 0, false);
    let (text, hash, (front, body, body_line, blank)) = match entry {
        Entry::Course(a) => {
            let c = clean(a)?;
            page(&c.text, &c.front_range, &c.body)
        }
        Entry::Translation(a) => {
            let t = clean(a)?;
            page(&t.text, &t.front_range, &t.body)
        }
        Entry::Leader(a) => (record(a)?, None, none),
        Entry::Endorsement(a) => (record(a)?, None, none),
        Entry::Meeting(a) => (record(a)?, None, none),
        Entry::Poll(a) => (record(a)?, None, none),
        Entry::Question(a) => (record(a)?, None, none),
        Entry::Asset(..) | Entry::Skipped(_) => return None,
    };
    Some(KeptFile {
        size,
        mtime,
        read_at: now,
        hash: hash.unwrap_or_else(|| crate::cache::hash(text.as_bytes())),
        kind,
        text,
        front,
        body,
        body_line,
        blank,
        data: String::new(),
    })
}

/// The entry a kept file gives, as reading it afresh would (it had no problems); `None`
/// when what was kept cannot be read back, and the file is read again.
fn restore(place: &Place, rel: &str, k: &KeptFile) -> Option<Entry> {
    fn clean<T>(value: T, id: Option<String>) -> Attempt<Arc<T>> {
        Attempt {
            value: Some(Arc::new(value)),
            problems: Vec::new(),
            id,
        }
    }
    fn record<T: serde::de::DeserializeOwned>(
        rel: &str,
        kind: RecordKind,
        k: &KeptFile,
    ) -> Option<Attempt<Arc<Record<T>>>> {
        let id = parse::record_id(rel, kind).ok()?;
        let record = Record {
            id: id.clone(),
            file: rel.to_string(),
            text: Arc::clone(&k.text),
            data: serde_json::from_str(&k.data).ok()?,
            invalid: Invalid::default(),
        };
        Some(clean(record, Some(id)))
    }
    let range = |(start, end): (u64, u64)| start as usize..end as usize;
    let body = |k: &KeptFile| Body {
        hash: k.hash,
        range: range(k.body),
        line: k.body_line as usize,
        blank: k.blank,
        modified: timestamp(k.mtime),
    };
    Some(match place {
        Place::Course(stem) => {
            let slug = classify::id_from_file(rel, stem, RecordKind::Course).ok()?;
            let course = SourceCourse {
                slug: slug.clone(),
                file: rel.to_string(),
                text: Arc::clone(&k.text),
                front_range: range(k.front),
                body: body(k),
                front: serde_json::from_str(&k.data).ok()?,
                invalid: Invalid::default(),
                assets: Vec::new(),
            };
            Entry::Course(clean(course, Some(slug)))
        }
        Place::Translation(slug, lang) => {
            let translation = SourceTranslation {
                slug: slug.clone(),
                lang: lang.clone(),
                file: rel.to_string(),
                text: Arc::clone(&k.text),
                front_range: range(k.front),
                body: body(k),
                front: serde_json::from_str(&k.data).ok()?,
                invalid: Invalid::default(),
            };
            Entry::Translation(clean(translation, None))
        }
        Place::Record(RecordKind::Leader) => Entry::Leader(record(rel, RecordKind::Leader, k)?),
        Place::Record(RecordKind::Endorsement) => {
            Entry::Endorsement(record(rel, RecordKind::Endorsement, k)?)
        }
        Place::Record(RecordKind::Meeting) => Entry::Meeting(record(rel, RecordKind::Meeting, k)?),
        Place::Record(RecordKind::Poll) => Entry::Poll(record(rel, RecordKind::Poll, k)?),
        Place::Record(_) => Entry::Question(record(rel, RecordKind::Question, k)?),
        Place::Asset(..) | Place::Skipped(_) => return None,
    })
}

/// What reading a file gave: the value, if it could be read, and its problems.
type Read<T> = (Option<T>, Vec<Diagnostic>);

/// What the files of a site gave when they were last read, to read only changed files
/// again. One cache serves one site folder.
#[derive(Debug, Default)]
pub struct Cache {
    config: Option<Read<Arc<Record<SiteFile>>>>,
    /// Every path under content/, relative to the site folder, with what it gave (`None`
    /// until it is read). In path order, so every list made from them is in one order.
    entries: BTreeMap<String, Option<Entry>>,
    /// Whether content/ has been listed whole.
    listed: bool,
    /// content/ listed ahead of the first load (see [`list_ahead`]).
    ahead: Option<Listing>,
    /// What an earlier build read, to take unchanged files from (see [`crate::cache`]).
    kept: crate::cache::Files,
    /// Whether to keep what is read now, for [`Cache::take_kept`].
    keep: bool,
    /// What to keep of the files read without problems, by path.
    keeping: Vec<Kept>,
}

/// What to keep of a file read without problems for the next build: the file, and the
/// record it gave (made into JSON only if its file of the cache is written again).
#[derive(Debug)]
pub struct Kept {
    pub path: String,
    pub file: Box<KeptFile>,
    record: KeptRecord,
}

/// A record to keep, shared with the site read.
#[derive(Debug)]
enum KeptRecord {
    Course(Arc<SourceCourse>),
    Translation(Arc<SourceTranslation>),
    Leader(Arc<Record<LeaderFile>>),
    Endorsement(Arc<Record<EndorsementFile>>),
    Meeting(Arc<Record<MeetingFile>>),
    Poll(Arc<Record<PollFile>>),
    Question(Arc<Record<QuestionFile>>),
}

impl crate::cache::ToKeep for Kept {
    fn path(&self) -> &String {
        &self.path
    }

    fn file(&self) -> &KeptFile {
        &self.file
    }

    fn record_json(&self) -> Option<String> {
        let json = match &self.record {
            KeptRecord::Course(c) => serde_json::to_string(&c.front),
            KeptRecord::Translation(t) => serde_json::to_string(&t.front),
            KeptRecord::Leader(r) => serde_json::to_string(&r.data),
            KeptRecord::Endorsement(r) => serde_json::to_string(&r.data),
            KeptRecord::Meeting(r) => serde_json::to_string(&r.data),
            KeptRecord::Poll(r) => serde_json::to_string(&r.data),
            KeptRecord::Question(r) => serde_json::to_string(&r.data),
        };
        json.ok()
    }
}

impl Entry {
    /// The record this entry gave, to keep.
    fn kept_record(&self) -> Option<KeptRecord> {
        Some(match self {
            Entry::Course(a) => KeptRecord::Course(Arc::clone(a.value.as_ref()?)),
            Entry::Translation(a) => KeptRecord::Translation(Arc::clone(a.value.as_ref()?)),
            Entry::Leader(a) => KeptRecord::Leader(Arc::clone(a.value.as_ref()?)),
            Entry::Endorsement(a) => KeptRecord::Endorsement(Arc::clone(a.value.as_ref()?)),
            Entry::Meeting(a) => KeptRecord::Meeting(Arc::clone(a.value.as_ref()?)),
            Entry::Poll(a) => KeptRecord::Poll(Arc::clone(a.value.as_ref()?)),
            Entry::Question(a) => KeptRecord::Question(Arc::clone(a.value.as_ref()?)),
            Entry::Asset(..) | Entry::Skipped(_) => return None,
        })
    }
}

/// The files of a site's content/ folder, listed ahead of reading them.
#[derive(Debug)]
pub struct Listing(Vec<files::Listed>);

/// Lists the files of content/ in `root`, for [`Cache::keeping`]: so the folder can be
/// listed while something else is read (the build cache).
pub fn list_ahead(root: &Path) -> Listing {
    Listing(files::list_files(root, "content"))
}

/// Reads the site in `root`. Returns the site (if site.yaml could be read) and every
/// problem found; a site is returned even when some files had errors.
pub fn load(root: &Path) -> (Option<SourceSite>, Diagnostics) {
    Cache::default().load(root, None)
}

/// Whether `rel` is hidden or a backup, or inside such a folder: never listed.
fn is_ignored_path(rel: &str) -> bool {
    rel.split('/').any(is_ignored_name)
}

impl Cache {
    /// Reads the site in `root`, like [`load`]. With `changed` (paths relative to the
    /// site folder: files or folders, changed, added or removed), only those are looked
    /// at again and the rest is taken from the cache; with `None`, everything is read.
    pub fn load(
        &mut self,
        root: &Path,
        changed: Option<&BTreeSet<String>>,
    ) -> (Option<SourceSite>, Diagnostics) {
        let mut diags = Diagnostics::default();
        if self.config.is_none() || changed.is_none_or(|c| c.contains("site.yaml")) {
            let (record, problems) = read_config(root);
            self.config = Some((record.map(Arc::new), problems));
        }
        let (config, config_problems) = self.config.clone().unwrap_or_default();
        diags.extend(config_problems);

        if !root.join("content").is_dir() {
            diags.push(
                Diagnostic::error(&crate::codes::NO_CONTENT, "this site has no `content` folder")
                    .at(Location::file("content/"))
                    .help("create content/courses/ with one Markdown file per course, or run `buyin new site <folder>`"),
            );
        }
        match changed {
            Some(changed) if self.listed => self.relist(root, changed),
            _ => {
                self.entries.clear();
                let ahead = self.ahead.take().filter(|_| changed.is_none());
                if root.join("content").is_dir() {
                    let listing = ahead.map_or_else(|| files::list_files(root, "content"), |l| l.0);
                    self.add_listed(listing);
                }
                self.listed = true;
            }
        }
        self.ahead = None;
        self.read_pending(root);

        let (static_files, d) = files::list_static(root, "static");
        diags.extend(d);
        let site = config.map(|config| self.assemble(root, config, static_files, &mut diags));
        (site, diags)
    }

    /// Adds listed paths, to be read (or, for problems, with the problem).
    fn add_listed(&mut self, listed: Vec<files::Listed>) {
        let listed = listed.into_iter().map(|(rel, found)| {
            let entry = match found {
                Ok(_) => None,
                Err(d) => Some(Entry::Skipped(Some(Box::new(d)))),
            };
            (rel, entry)
        });
        if self.entries.is_empty() {
            // Built in one go, the map's nodes are full (inserted one by one, half empty).
            self.entries = listed.collect();
        } else {
            self.entries.extend(listed);
        }
    }

    /// Takes the changed paths into the listing: a path that is gone goes, with anything
    /// below it (a removed or renamed folder); a path that exists is listed again, with
    /// anything below it, to be read.
    fn relist(&mut self, root: &Path, changed: &BTreeSet<String>) {
        for rel in changed {
            let rel = rel.trim_end_matches('/');
            if !(rel == "content" || rel.starts_with("content/")) || is_ignored_path(rel) {
                continue;
            }
            let below = format!("{rel}/");
            self.entries
                .retain(|path, _| path != rel && !path.starts_with(&below));
            if rel == "content" && !root.join(rel).is_dir() {
                continue;
            }
            self.add_listed(files::list_files(root, rel));
        }
    }

    /// A cache that takes unchanged files from `kept` (what an earlier build read), and
    /// keeps what it reads for [`Cache::take_kept`]; its first load of every file takes
    /// the files of content/ from `ahead`, when they were listed ahead.
    pub fn keeping(kept: crate::cache::Files, ahead: Option<Listing>) -> Cache {
        Cache {
            kept,
            keep: true,
            ahead,
            ..Cache::default()
        }
    }

    /// What to keep of every file read without problems, for the next build.
    pub fn take_kept(&mut self) -> Vec<Kept> {
        std::mem::take(&mut self.keeping)
    }

    /// Reads every listed path not read yet, in parallel.
    fn read_pending(&mut self, root: &Path) {
        let mut kept = std::mem::take(&mut self.kept);
        // Boxed: most files of a large site pass through these lists, and an empty slot
        // should not take the room of a whole record.
        let pending: Vec<(String, Option<Box<KeptFile>>)> = self
            .entries
            .iter()
            .filter(|(_, e)| e.is_none())
            .map(|(rel, _)| (rel.clone(), kept.remove(rel).map(Box::new)))
            .collect();
        drop(kept);
        let keep = self.keep;
        if keep {
            // Most files are kept: one list of the right length, not one grown by doubling.
            self.keeping.reserve(pending.len());
        }
        // Taken before anything is read: a file changed while it is read counts as racy.
        let now = crate::cache::nanos(std::time::SystemTime::now());
        // Each file read goes to its slot, in the order the slots were listed.
        let Cache {
            entries, keeping, ..
        } = self;
        let mut slots = entries.values_mut().filter(|e| e.is_none());
        // In slices, so that what was read waits in a short list, not one as long as the site.
        crate::slices::in_slices(pending, |slice| {
            let read: Vec<(String, Entry, Option<Box<KeptFile>>)> = slice
                .into_par_iter()
                .map(|(rel, kept)| {
                    let kept = kept.map(|k| *k);
                    let (entry, keeping) =
                        read_entry(root, &root.join(&rel), &rel, kept, now, keep);
                    (rel, entry, keeping.map(Box::new))
                })
                .collect();
            for ((rel, entry, file), slot) in read.into_iter().zip(&mut slots) {
                // A file kept has a record (it was read without problems).
                if let Some(file) = file
                    && let Some(record) = entry.kept_record()
                {
                    keeping.push(Kept {
                        path: rel,
                        file,
                        record,
                    });
                }
                *slot = Some(entry);
            }
        });
    }

    /// The site made of the cached entries, in path order.
    fn assemble(
        &self,
        root: &Path,
        config: Arc<Record<SiteFile>>,
        static_files: Vec<StaticFile>,
        diags: &mut Diagnostics,
    ) -> SourceSite {
        let mut site = SourceSite {
            root: root.to_path_buf(),
            config,
            courses: Vec::new(),
            translations: Vec::new(),
            leaders: Vec::new(),
            endorsements: Vec::new(),
            meetings: Vec::new(),
            polls: Vec::new(),
            questions: Vec::new(),
            static_files,
            broken: BTreeSet::new(),
        };
        let mut assets = Vec::new();
        for entry in self.entries.values().flatten() {
            match entry {
                Entry::Course(a) => take(
                    a,
                    &mut site.courses,
                    RecordKind::Course,
                    &mut site.broken,
                    diags,
                ),
                Entry::Translation(a) => {
                    diags.extend(a.problems.iter().cloned());
                    site.translations.extend(a.value.iter().cloned());
                }
                Entry::Leader(a) => take(
                    a,
                    &mut site.leaders,
                    RecordKind::Leader,
                    &mut site.broken,
                    diags,
                ),
                Entry::Endorsement(a) => {
                    diags.extend(a.problems.iter().cloned());
                    site.endorsements.extend(a.value.clone());
                }
                Entry::Meeting(a) => take(
                    a,
                    &mut site.meetings,
                    RecordKind::Meeting,
                    &mut site.broken,
                    diags,
                ),
                Entry::Poll(a) => take(
                    a,
                    &mut site.polls,
                    RecordKind::Poll,
                    &mut site.broken,
                    diags,
                ),
                Entry::Question(a) => take(
                    a,
                    &mut site.questions,
                    RecordKind::Question,
                    &mut site.broken,
                    diags,
                ),
                Entry::Asset(asset) => assets.push(&**asset),
                Entry::Skipped(d) => diags.extend(d.iter().map(|d| (**d).clone())),
            }
        }
        let folder_courses: std::collections::HashMap<String, usize> = site
            .courses
            .iter()
            .enumerate()
            .filter(|(_, c)| c.file.to_lowercase().ends_with("/index.md"))
            .map(|(i, c)| (c.slug.clone(), i))
            .collect();
        for (folder, source, below) in assets {
            match folder_courses.get(folder) {
                Some(&i) => {
                    Arc::make_mut(&mut site.courses[i])
                        .assets
                        .push((source.clone(), below.clone()));
                }
                None if site.broken.contains(&(RecordKind::Course, folder.clone())) => {}
                None => {
                    let rel = files::rel_path(root, source);
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
        site
    }
}
/// Keeps what an attempt read and its problems; remembers the id of a record that could
/// not be read, so references to it are not reported again.
fn take<T: Clone>(
    attempt: &Attempt<T>,
    into: &mut Vec<T>,
    kind: RecordKind,
    broken: &mut BTreeSet<(RecordKind, String)>,
    diags: &mut Diagnostics,
) {
    diags.extend(attempt.problems.iter().cloned());
    match &attempt.value {
        Some(value) => into.push(value.clone()),
        None => broken.extend(attempt.id.clone().map(|id| (kind, id))),
    }
}

/// Reads site.yaml.
fn read_config(root: &Path) -> (Option<Record<SiteFile>>, Vec<Diagnostic>) {
    match read_text(root, "site.yaml") {
        Ok(text) => parse_record::<SiteFile>(
            "site.yaml".to_string(),
            "site".to_string(),
            text,
            RecordKind::Site,
        ),
        Err(d) => (None, vec![d]),
    }
}
