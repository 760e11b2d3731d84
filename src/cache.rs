//! The build cache: what one build learnt, kept on disk so the next one does only the work
//! the changes ask for. It lives in `.buyin-cache/` in the site folder (never in the
//! published folder; it ignores itself for Git) and holds, in files of their own (the
//! source files spread over [`SHARDS`] files, so one edit rewrites a small one):
//!
//! - every source file read without problems: its size, modification time and a hash of
//!   its bytes, its text (of a Markdown page, the part before its body: the body is read
//!   when the page is made), and its record as read (so an unchanged file is not parsed
//!   again);
//! - each output's fingerprint (a hash of what its template is given): the pages last
//!   found to render without problems, and what the output folder last written holds.
//!
//! Nothing in it is trusted blindly. A file is taken from the cache when its size and
//! modification time are those recorded (and it was not changed within moments of the
//! last build, when a later change could keep the same time); otherwise it is read and its
//! hash compared. A cache written by another buyin (another version or another build of
//! it), or damaged in any way (its own hash is checked before anything in it is used),
//! is set aside with a one-line note and everything is done afresh.

use std::collections::HashMap;
use std::fs;
use std::hash::{BuildHasher, Hasher};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

/// A map keyed by path, with a hasher quicker than the standard one for the tens of
/// thousands of paths of a large site.
pub type PathMap<V> = HashMap<String, V, foldhash::fast::FixedState>;

/// The folder in the site that holds the cache.
pub const FOLDER: &str = ".buyin-cache";
/// The file of outputs' fingerprints in it.
const OUTPUTS: &str = "outputs";
/// How many files the source files' records are spread over.
pub const SHARDS: usize = 32;
/// The first line of the file; the second names the buyin that wrote it.
const MAGIC: &[u8] = b"buyin build cache\n";
/// Raised whenever what is stored changes shape.
const FORMAT: u32 = 3;
/// A file changed this close to the last build is read again even if its size and time
/// look unchanged: a second change in the same clock tick would keep them.
const RACY_NANOS: i128 = 2_000_000_000;

/// A source file as it was last read.
#[derive(Debug, Clone)]
pub struct KeptFile {
    pub size: u64,
    /// Modification time, nanoseconds since 1970.
    pub mtime: i128,
    /// When its bytes were last read, nanoseconds since 1970.
    pub read_at: i128,
    pub hash: u128,
    /// What kind of file it was read as (see `load`), so it is only used as that.
    pub kind: u8,
    pub text: Arc<str>,
    /// Byte ranges of front matter and body, and the body's first line (Markdown only).
    pub front: (u64, u64),
    pub body: (u64, u64),
    pub body_line: u64,
    /// Whether the body is only white space (Markdown only).
    pub blank: bool,
    /// The record as read, as JSON.
    pub data: String,
}

/// What the output folder last written holds.
#[derive(Debug, Clone, Default)]
pub struct Written {
    /// The output folder, as an absolute path.
    pub folder: PathBuf,
    /// A hash of the marker file written into it, to tell it is still that build's.
    pub marker: u64,
    /// Each output's fingerprint.
    pub outputs: PathMap<u64>,
}

/// Everything the cache holds.
#[derive(Debug, Default)]
pub struct Stored {
    pub files: Files,
    /// A digest of each file of records as stored (`None`: missing), to write again only
    /// those whose records changed.
    pub shards: Vec<Option<u64>>,
    /// The hash of the outputs file as stored.
    pub outputs_hash: Option<u128>,
    /// Pages last rendered without any problem, by fingerprint.
    pub checked: PathMap<u64>,
    pub written: Option<Written>,
}

/// What the cache held about each file, in its shards as read (one map for each file of
/// records, so they need not be gathered into one).
#[derive(Debug, Clone, Default)]
pub struct Files {
    shards: Vec<PathMap<KeptFile>>,
}

impl Files {
    /// What was kept of the file at `path`, taken out.
    pub fn remove(&mut self, path: &str) -> Option<KeptFile> {
        self.shards.get_mut(shard_of(path))?.remove(path)
    }

    pub fn get(&self, path: &str) -> Option<&KeptFile> {
        self.shards.get(shard_of(path))?.get(path)
    }

    pub fn insert(&mut self, path: String, file: KeptFile) {
        if self.shards.is_empty() {
            self.shards.resize_with(SHARDS, PathMap::default);
        }
        self.shards[shard_of(&path)].insert(path, file);
    }

    pub fn len(&self) -> usize {
        self.shards.iter().map(HashMap::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &KeptFile)> {
        self.shards.iter().flatten()
    }
}

/// Why a cache was set aside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// Written by another version or build of buyin.
    Foreign,
    /// Cut short, or changed since it was written.
    Damaged,
}

impl Refused {
    /// The one-line note shown when a cache is set aside.
    pub fn note(&self, path: &Path) -> String {
        let why = match self {
            Refused::Foreign => "was written by another version of buyin",
            Refused::Damaged => "is damaged",
        };
        format!(
            "note: the build cache `{}` {why}; building everything afresh",
            path.display()
        )
    }
}

/// The cache folder of the site in `root`.
pub fn path(root: &Path) -> PathBuf {
    root.join(FOLDER)
}

/// The file that holds shard `n` of the source files' records.
fn shard_file(n: usize) -> String {
    format!("files-{n:02}")
}

/// Which file holds what was kept of the source file at `path`.
pub fn shard_of(path: &str) -> usize {
    let mut hasher = foldhash::quality::FixedState::with_seed(0x6275_7969_6e33).build_hasher();
    hasher.write(path.as_bytes());
    (hasher.finish() % SHARDS as u64) as usize
}

/// Reads the cache of the site in `root`: `Ok(None)` when there is none. Its files are
/// read side by side; any one damaged or foreign sets the whole cache aside.
pub fn read(root: &Path) -> Result<Option<Stored>, Refused> {
    let folder = path(root);
    match fs::metadata(&folder) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Ok(meta) if meta.is_dir() => {}
        _ => return Err(Refused::Damaged),
    }
    let file = |name: &str| -> Result<Option<Vec<u8>>, Refused> {
        match fs::read(folder.join(name)) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(_) => Err(Refused::Damaged),
        }
    };
    use rayon::prelude::*;
    /// One file of records: its digest and what it holds, if it exists.
    type Shard = Option<(u64, PathMap<KeptFile>)>;
    let shards: Vec<Result<Shard, Refused>> = (0..SHARDS)
        .into_par_iter()
        .map(|n| {
            let Some(bytes) = file(&shard_file(n))? else {
                return Ok(None);
            };
            let body = open(&bytes)?;
            let files = read_files(&mut In(body)).ok_or(Refused::Damaged)?;
            if files.keys().any(|path| shard_of(path) != n) {
                return Err(Refused::Damaged);
            }
            Ok(Some((digest(&files), files)))
        })
        .collect();
    let mut stored = Stored::default();
    for shard in shards {
        match shard? {
            Some((digest, files)) => {
                stored.shards.push(Some(digest));
                stored.files.shards.push(files);
            }
            None => {
                stored.shards.push(None);
                stored.files.shards.push(PathMap::default());
            }
        }
    }
    if let Some(bytes) = file(OUTPUTS)? {
        let body = open(&bytes)?;
        let mut input = In(body);
        let (checked, written) = read_outputs(&mut input).ok_or(Refused::Damaged)?;
        if !input.0.is_empty() {
            return Err(Refused::Damaged);
        }
        stored.outputs_hash = Some(hash(body));
        stored.checked = checked;
        stored.written = written;
    }
    let empty = stored.shards.iter().all(Option::is_none) && stored.outputs_hash.is_none();
    Ok((!empty).then_some(stored))
}

/// Creates the cache folder of the site in `root`, which keeps itself out of Git.
fn folder(root: &Path) -> io::Result<PathBuf> {
    let folder = path(root);
    fs::create_dir_all(&folder)?;
    let ignore = folder.join(".gitignore");
    if !ignore.exists() {
        fs::write(&ignore, "# buyin's build cache: never committed\n*\n")?;
    }
    Ok(folder)
}

/// A source file to keep in the cache, with what it was read from.
pub trait ToKeep: Sync {
    /// Its path, relative to the site folder.
    fn path(&self) -> &String;
    /// What is kept of it.
    fn file(&self) -> &KeptFile;
    /// Its record as JSON, for a file that has none yet (`file().data` is empty): made as
    /// the cache is written, so a site's records are never all held as JSON at once.
    fn record_json(&self) -> Option<String>;
}

/// Writes what was kept of the source files of the site in `root` (each path once): only
/// the files of records whose contents differ from `before` (what was read), each in one
/// step (a half-written file is never left in its place). A cache that cannot be written
/// is not an error: the next build reads those files again.
pub fn write_files<'a, T: ToKeep + 'a>(
    root: &Path,
    files: impl IntoIterator<Item = &'a T>,
    before: &Stored,
) -> io::Result<()> {
    let folder = folder(root)?;
    let mut shards: Vec<Vec<&T>> = vec![Vec::new(); SHARDS];
    for file in files {
        shards[shard_of(file.path())].push(file);
    }
    use rayon::prelude::*;
    shards
        .into_par_iter()
        .enumerate()
        .try_for_each(|(n, mut files)| {
            let now = digest_of(files.iter().map(|k| (k.path(), k.file())));
            if before.shards.get(n).copied().flatten() == Some(now) {
                return Ok(());
            }
            let mut body = Out(Vec::with_capacity(
                files
                    .iter()
                    .map(|k| k.file().text.len() + k.file().data.len() + 128)
                    .sum(),
            ));
            files.sort_by_key(|k| k.path());
            // How many are written, filled in below: a file whose record cannot be
            // written is left out.
            let count_at = body.0.len();
            body.u64(0);
            let mut count = 0u64;
            for k in files {
                let (path, f) = (k.path(), k.file());
                let data = match f.data.as_str() {
                    "" => match k.record_json() {
                        Some(data) => std::borrow::Cow::Owned(data),
                        None => continue,
                    },
                    data => std::borrow::Cow::Borrowed(data),
                };
                body.str(path);
                body.u64(f.size);
                body.i128(f.mtime);
                body.i128(f.read_at);
                body.u128(f.hash);
                body.0.push(f.kind);
                body.0.push(u8::from(f.blank));
                for n in [f.front.0, f.front.1, f.body.0, f.body.1, f.body_line] {
                    body.u64(n);
                }
                body.str(&f.text);
                body.str(&data);
                count += 1;
            }
            body.0[count_at..count_at + 8].copy_from_slice(&count.to_le_bytes());
            replace(&folder.join(shard_file(n)), &body.0)
        })
}

/// Writes the outputs' fingerprints of the site in `root`, unless they are those read
/// (`before`).
pub fn write_outputs(
    root: &Path,
    checked: &PathMap<u64>,
    written: Option<&Written>,
    before: &Stored,
) -> io::Result<()> {
    let mut body = Out(Vec::new());
    body.map(checked);
    match written {
        Some(w) => {
            // After a build without problems the folder holds exactly the pages found
            // to render without them: one map then stands for both.
            let same = w.outputs == *checked;
            body.0.push(if same { 2 } else { 1 });
            body.str(&w.folder.to_string_lossy());
            body.u64(w.marker);
            if !same {
                body.map(&w.outputs);
            }
        }
        None => body.0.push(0),
    }
    if before.outputs_hash == Some(hash(&body.0)) {
        return Ok(());
    }
    replace(&folder(root)?.join(OUTPUTS), &body.0)
}

/// Writes one file of the cache: a header naming this buyin, the body's hash, the body.
fn replace(target: &Path, body: &[u8]) -> io::Result<()> {
    let header = [MAGIC, identity().as_bytes(), &hash(body).to_le_bytes()].concat();
    crate::write::replace(target, &[&header, body])
}

/// The body of one file of the cache, once its header and hash are checked.
fn open(bytes: &[u8]) -> Result<&[u8], Refused> {
    let rest = bytes.strip_prefix(MAGIC).ok_or(Refused::Damaged)?;
    let line_end = rest
        .iter()
        .position(|&b| b == b'\n')
        .ok_or(Refused::Damaged)?;
    if rest[..=line_end] != *identity().as_bytes() {
        return Err(Refused::Foreign);
    }
    let rest = &rest[line_end + 1..];
    if rest.len() < 16 {
        return Err(Refused::Damaged);
    }
    let (sum, body) = rest.split_at(16);
    if sum != hash(body).to_le_bytes() {
        return Err(Refused::Damaged);
    }
    Ok(body)
}

/// A digest of what a file of records holds: each path with its size, times and hash.
fn digest(files: &PathMap<KeptFile>) -> u64 {
    digest_of(files.iter())
}

fn digest_of<'a>(files: impl Iterator<Item = (&'a String, &'a KeptFile)>) -> u64 {
    // Order does not matter: each entry's hash is summed.
    files.fold(0u64, |sum, (path, f)| {
        let mut hasher = foldhash::quality::FixedState::with_seed(0x6275_7969_6e34).build_hasher();
        hasher.write(path.as_bytes());
        hasher.write_u64(f.size);
        hasher.write_i128(f.mtime);
        hasher.write_i128(f.read_at);
        hasher.write_u128(f.hash);
        sum.wrapping_add(hasher.finish())
    })
}

/// Names the buyin that writes the cache: its version, the cache's format, and a hash of
/// the sources it was built from (so a buyin built again from changed sources does not
/// trust what another stored).
fn identity() -> String {
    format!(
        "{} {FORMAT} {}\n",
        env!("CARGO_PKG_VERSION"),
        env!("BUYIN_SOURCE_HASH")
    )
}

/// Nanoseconds since 1970 (negative before).
pub fn nanos(time: SystemTime) -> i128 {
    match time.duration_since(SystemTime::UNIX_EPOCH) {
        Ok(d) => d.as_nanos() as i128,
        Err(e) => -(e.duration().as_nanos() as i128),
    }
}

/// A file's size and modification time.
pub fn stat(path: &Path) -> Option<(u64, i128)> {
    let meta = fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().map(nanos).unwrap_or(0)))
}

/// A 128-bit hash of a file's bytes.
pub fn hash(bytes: &[u8]) -> u128 {
    let mut a = foldhash::quality::FixedState::with_seed(0x6275_7969_6e31).build_hasher();
    let mut b = foldhash::quality::FixedState::with_seed(0x6275_7969_6e32).build_hasher();
    a.write(bytes);
    b.write(bytes);
    (u128::from(a.finish()) << 64) | u128::from(b.finish())
}

impl KeptFile {
    /// Whether `stat` (a file's size and time now) shows the file unchanged since it was
    /// read: a file changed moments before it was read could change again within the
    /// same tick of the clock, so it is only known by its bytes.
    pub fn unchanged(&self, stat: (u64, i128)) -> bool {
        stat == (self.size, self.mtime) && self.read_at - self.mtime > RACY_NANOS
    }
}

fn read_files(input: &mut In<'_>) -> Option<PathMap<KeptFile>> {
    let count = input.u64()?;
    let mut files =
        PathMap::with_capacity_and_hasher(count.min(1 << 20) as usize, Default::default());
    for _ in 0..count {
        let path = input.string()?;
        let size = input.u64()?;
        let mtime = input.i128()?;
        let read_at = input.i128()?;
        let hash = input.u128()?;
        let kind = input.byte()?;
        let blank = match input.byte()? {
            0 => false,
            1 => true,
            _ => return None,
        };
        let mut n = [0u64; 5];
        for slot in &mut n {
            *slot = input.u64()?;
        }
        let text: Arc<str> = Arc::from(input.str()?);
        let data = input.string()?;
        let in_text = |(start, end): (u64, u64)| {
            start <= end && end <= text.len() as u64 && {
                let (s, e) = (start as usize, end as usize);
                text.is_char_boundary(s) && text.is_char_boundary(e)
            }
        };
        // A Markdown file's text ends where its body starts (the body is read again
        // when its page is made); records have no body.
        let body_ok = n[2] <= n[3] && (n[2] == text.len() as u64 || (n[2], n[3]) == (0, 0));
        if !in_text((n[0], n[1])) || !body_ok {
            return None;
        }
        files.insert(
            path,
            KeptFile {
                size,
                mtime,
                read_at,
                hash,
                kind,
                front: (n[0], n[1]),
                body: (n[2], n[3]),
                body_line: n[4],
                blank,
                text,
                data,
            },
        );
    }
    input.0.is_empty().then_some(files)
}

type Outputs = (PathMap<u64>, Option<Written>);

fn read_outputs(input: &mut In<'_>) -> Option<Outputs> {
    let checked = input.map()?;
    let written = match input.byte()? {
        0 => None,
        // 2: the folder holds the checked pages' outputs.
        kind @ (1 | 2) => Some(Written {
            folder: PathBuf::from(input.string()?),
            marker: input.u64()?,
            outputs: if kind == 2 {
                checked.clone()
            } else {
                input.map()?
            },
        }),
        _ => return None,
    };
    Some((checked, written))
}

struct Out(Vec<u8>);

impl Out {
    fn u64(&mut self, n: u64) {
        self.0.extend_from_slice(&n.to_le_bytes());
    }
    fn i128(&mut self, n: i128) {
        self.0.extend_from_slice(&n.to_le_bytes());
    }
    fn u128(&mut self, n: u128) {
        self.0.extend_from_slice(&n.to_le_bytes());
    }
    fn str(&mut self, s: &str) {
        self.u64(s.len() as u64);
        self.0.extend_from_slice(s.as_bytes());
    }
    fn map(&mut self, map: &PathMap<u64>) {
        let mut entries: Vec<(&String, &u64)> = map.iter().collect();
        entries.sort();
        self.u64(entries.len() as u64);
        for (path, print) in entries {
            self.str(path);
            self.u64(*print);
        }
    }
}

struct In<'a>(&'a [u8]);

impl<'a> In<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.0.len() < n {
            return None;
        }
        let (head, tail) = self.0.split_at(n);
        self.0 = tail;
        Some(head)
    }
    fn byte(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }
    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
    fn i128(&mut self) -> Option<i128> {
        Some(i128::from_le_bytes(self.take(16)?.try_into().ok()?))
    }
    fn u128(&mut self) -> Option<u128> {
        Some(u128::from_le_bytes(self.take(16)?.try_into().ok()?))
    }
    fn str(&mut self) -> Option<&'a str> {
        let len = usize::try_from(self.u64()?).ok()?;
        std::str::from_utf8(self.take(len)?).ok()
    }
    fn string(&mut self) -> Option<String> {
        self.str().map(str::to_string)
    }
    fn map(&mut self) -> Option<PathMap<u64>> {
        let count = self.u64()?;
        let mut map =
            PathMap::with_capacity_and_hasher(count.min(1 << 24) as usize, Default::default());
        for _ in 0..count {
            let path = self.string()?;
            map.insert(path, self.u64()?);
        }
        Some(map)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file as `Stored` holds it, with its record's JSON.
    impl ToKeep for (String, KeptFile) {
        fn path(&self) -> &String {
            &self.0
        }
        fn file(&self) -> &KeptFile {
            &self.1
        }
        fn record_json(&self) -> Option<String> {
            Some(self.1.data.clone())
        }
    }

    /// Writes the whole cache of the site in `root`, each record as `stored` holds it.
    fn write(root: &Path, stored: &Stored, before: &Stored) -> io::Result<()> {
        let files: Vec<(String, KeptFile)> = stored
            .files
            .iter()
            .map(|(path, f)| (path.clone(), f.clone()))
            .collect();
        write_files(root, &files, before)?;
        write_outputs(root, &stored.checked, stored.written.as_ref(), before)
    }

    fn sample() -> Stored {
        let mut files = Files::default();
        for (path, name) in [
            ("content/leaders/ana.yaml", "Ana é"),
            ("content/leaders/bo.yaml", "Bo"),
        ] {
            files.insert(
                path.to_string(),
                KeptFile {
                    size: 12,
                    mtime: 1_700_000_000_000_000_000,
                    read_at: 1_700_000_100_000_000_000,
                    hash: 42,
                    kind: 3,
                    text: Arc::from(format!("name: {name}\n")),
                    front: (0, 0),
                    body: (0, 0),
                    body_line: 0,
                    blank: false,
                    data: format!("{{\"name\":\"{name}\"}}"),
                },
            );
        }
        let outputs: PathMap<u64> = [("index.html".to_string(), 7)].into_iter().collect();
        Stored {
            files,
            checked: outputs.clone(),
            written: Some(Written {
                folder: PathBuf::from("/site/public"),
                marker: 9,
                outputs,
            }),
            ..Stored::default()
        }
    }

    #[test]
    fn what_is_written_is_read_back() {
        let site = tempfile::tempdir().unwrap();
        let stored = sample();
        write(site.path(), &stored, &Stored::default()).unwrap();
        let back = read(site.path()).expect("reads back").expect("a cache");
        let file = back.files.get("content/leaders/ana.yaml").unwrap();
        assert_eq!(&*file.text, "name: Ana é\n");
        let written = stored.files.get("content/leaders/ana.yaml").unwrap();
        assert_eq!(file.data, written.data);
        assert_eq!(back.files.len(), 2);
        assert_eq!(back.checked["index.html"], 7);
        let written = back.written.as_ref().expect("written");
        assert_eq!(written.folder, PathBuf::from("/site/public"));
        assert_eq!(written.marker, 9);
        assert_eq!(written.outputs, back.checked);
        // Written again unchanged, no file is touched.
        let before: Vec<_> = fs::read_dir(path(site.path()))
            .unwrap()
            .map(|e| e.unwrap().metadata().unwrap().modified().unwrap())
            .collect();
        write(site.path(), &stored, &back).unwrap();
        let after: Vec<_> = fs::read_dir(path(site.path()))
            .unwrap()
            .map(|e| e.unwrap().metadata().unwrap().modified().unwrap())
            .collect();
        assert_eq!(before, after);
    }

    #[test]
    fn outputs_other_than_the_checked_pages_are_read_back() {
        let site = tempfile::tempdir().unwrap();
        let mut stored = sample();
        stored.checked.insert("leaders/ana.html".to_string(), 8);
        write(site.path(), &stored, &Stored::default()).unwrap();
        let back = read(site.path()).expect("reads back").expect("a cache");
        assert_eq!(back.checked, stored.checked);
        let written = back.written.expect("written");
        assert_eq!(written.outputs, stored.written.unwrap().outputs);
        assert_eq!(written.outputs.len(), 1);
        assert_eq!(written.marker, 9);
    }

    /// A file whose record cannot be made into JSON.
    struct Unrecorded(String, KeptFile);

    impl ToKeep for Unrecorded {
        fn path(&self) -> &String {
            &self.0
        }
        fn file(&self) -> &KeptFile {
            &self.1
        }
        fn record_json(&self) -> Option<String> {
            None
        }
    }

    #[test]
    fn a_file_without_its_record_is_left_out_of_a_cache_that_reads_back() {
        let site = tempfile::tempdir().unwrap();
        let stored = sample();
        // One of the files without its record.
        let files: Vec<Unrecorded> = stored
            .files
            .iter()
            .map(|(path, f)| {
                let mut f = f.clone();
                if path.ends_with("bo.yaml") {
                    f.data.clear();
                }
                Unrecorded(path.clone(), f)
            })
            .collect();
        write_files(site.path(), &files, &Stored::default()).unwrap();
        let back = read(site.path()).expect("reads back").expect("a cache");
        assert_eq!(back.files.len(), 1);
        assert!(back.files.get("content/leaders/ana.yaml").is_some());
    }

    #[test]
    fn any_damage_is_refused() {
        let site = tempfile::tempdir().unwrap();
        write(site.path(), &sample(), &Stored::default()).unwrap();
        let files: Vec<PathBuf> = fs::read_dir(path(site.path()))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| !p.ends_with(".gitignore"))
            .collect();
        assert!(files.len() >= 2);
        for file in files {
            let good = fs::read(&file).unwrap();
            // Cut anywhere, or any byte changed, and the cache is set aside: never a panic.
            for cut in 0..good.len() {
                fs::write(&file, &good[..cut]).unwrap();
                assert!(read(site.path()).is_err(), "{file:?} cut at {cut}");
            }
            for at in 0..good.len() {
                let mut changed = good.clone();
                changed[at] ^= 0x20;
                fs::write(&file, &changed).unwrap();
                assert!(read(site.path()).is_err(), "{file:?}: byte {at} changed");
            }
            fs::write(&file, &good).unwrap();
            assert!(read(site.path()).is_ok());
        }
    }

    #[test]
    fn another_buyin_is_foreign() {
        let site = tempfile::tempdir().unwrap();
        write(site.path(), &sample(), &Stored::default()).unwrap();
        let file = path(site.path()).join(OUTPUTS);
        let mut bytes = fs::read(&file).unwrap();
        bytes[MAGIC.len()] = b'9';
        fs::write(&file, bytes).unwrap();
        assert_eq!(read(site.path()).err(), Some(Refused::Foreign));
    }
}
