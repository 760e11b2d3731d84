//! The build cache: what one build learnt, kept on disk so the next one does only the work
//! the changes ask for. It lives in `.buyin-cache/` in the site folder (never in the
//! published folder) and holds:
//!
//! - every source file read without problems: its size, modification time and a hash of
//!   its bytes, its text, and its record as read (so an unchanged file is not parsed again);
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

/// The folder in the site that holds the cache.
pub const FOLDER: &str = ".buyin-cache";
/// The cache file in it.
const FILE: &str = "build";
/// The first line of the file; the second names the buyin that wrote it.
const MAGIC: &[u8] = b"buyin build cache\n";
/// Raised whenever what is stored changes shape.
const FORMAT: u32 = 1;
/// A file changed this close to the last build is read again even if its size and time
/// look unchanged: a second change in the same clock tick would keep them.
const RACY_NANOS: i128 = 2_000_000_000;

/// A source file as it was last read.
#[derive(Debug, Clone)]
pub struct KeptFile {
    pub size: u64,
    /// Modification time, nanoseconds since 1970.
    pub mtime: i128,
    pub hash: u128,
    /// What kind of file it was read as (see `load`), so it is only used as that.
    pub kind: u8,
    pub text: Arc<str>,
    /// Byte ranges of front matter and body, and the body's first line (Markdown only).
    pub front: (u64, u64),
    pub body: (u64, u64),
    pub body_line: u64,
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
    pub outputs: HashMap<String, u64>,
}

/// Everything the cache holds.
#[derive(Debug, Default)]
pub struct Stored {
    /// When it was written, nanoseconds since 1970.
    pub written_at: i128,
    pub files: HashMap<String, KeptFile>,
    /// Pages last rendered without any problem, by fingerprint.
    pub checked: HashMap<String, u64>,
    pub written: Option<Written>,
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

/// The cache file of the site in `root`.
pub fn path(root: &Path) -> PathBuf {
    root.join(FOLDER).join(FILE)
}

/// Reads the cache of the site in `root`: `Ok(None)` when there is none.
pub fn read(root: &Path) -> Result<Option<Stored>, Refused> {
    let bytes = match fs::read(path(root)) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(_) => return Err(Refused::Damaged),
    };
    decode(&bytes).map(Some)
}

/// Writes the cache of the site in `root`, in one step (a half-written cache is never
/// left in its place). A cache that cannot be written is not an error: the next build
/// does everything afresh.
pub fn write(root: &Path, stored: &Stored) -> io::Result<()> {
    let folder = root.join(FOLDER);
    fs::create_dir_all(&folder)?;
    let ignore = folder.join(".gitignore");
    if !ignore.exists() {
        // A cache folder keeps itself out of the site's repository.
        fs::write(&ignore, "# buyin's build cache: never committed\n*\n")?;
    }
    let bytes = encode(stored);
    // A name of its own, so builds running side by side never write into one file.
    static WRITES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = WRITES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let temporary = folder.join(format!(".{FILE}.{}.{n}", std::process::id()));
    fs::write(&temporary, &bytes)?;
    fs::rename(&temporary, folder.join(FILE)).inspect_err(|_| {
        let _ = fs::remove_file(&temporary);
    })
}

/// Removes the cache of the site in `root`, if any.
pub fn remove(root: &Path) {
    let _ = fs::remove_file(path(root));
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
    /// kept, by a cache written at `written_at`.
    pub fn unchanged(&self, stat: (u64, i128), written_at: i128) -> bool {
        stat == (self.size, self.mtime) && written_at - self.mtime > RACY_NANOS
    }
}

fn encode(stored: &Stored) -> Vec<u8> {
    let mut body = Out(Vec::with_capacity(
        stored
            .files
            .values()
            .map(|f| f.text.len() + f.data.len() + 96)
            .sum::<usize>()
            + 4096,
    ));
    body.i128(stored.written_at);
    let mut files: Vec<(&String, &KeptFile)> = stored.files.iter().collect();
    files.sort_by_key(|(path, _)| *path);
    body.u64(files.len() as u64);
    for (path, f) in files {
        body.str(path);
        body.u64(f.size);
        body.i128(f.mtime);
        body.u128(f.hash);
        body.0.push(f.kind);
        for n in [f.front.0, f.front.1, f.body.0, f.body.1, f.body_line] {
            body.u64(n);
        }
        body.str(&f.text);
        body.str(&f.data);
    }
    body.map(&stored.checked);
    match &stored.written {
        Some(w) => {
            body.0.push(1);
            body.str(&w.folder.to_string_lossy());
            body.u64(w.marker);
            body.map(&w.outputs);
        }
        None => body.0.push(0),
    }
    let mut bytes = MAGIC.to_vec();
    bytes.extend_from_slice(identity().as_bytes());
    bytes.extend_from_slice(&hash(&body.0).to_le_bytes());
    bytes.extend_from_slice(&body.0);
    bytes
}

fn decode(bytes: &[u8]) -> Result<Stored, Refused> {
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
    let mut input = In(body);
    let stored = read_body(&mut input).ok_or(Refused::Damaged)?;
    if !input.0.is_empty() {
        return Err(Refused::Damaged);
    }
    Ok(stored)
}

fn read_body(input: &mut In<'_>) -> Option<Stored> {
    let written_at = input.i128()?;
    let count = input.u64()?;
    let mut files = HashMap::with_capacity(count.min(1 << 24) as usize);
    for _ in 0..count {
        let path = input.string()?;
        let size = input.u64()?;
        let mtime = input.i128()?;
        let hash = input.u128()?;
        let kind = input.byte()?;
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
        if !in_text((n[0], n[1])) || !in_text((n[2], n[3])) {
            return None;
        }
        files.insert(
            path,
            KeptFile {
                size,
                mtime,
                hash,
                kind,
                front: (n[0], n[1]),
                body: (n[2], n[3]),
                body_line: n[4],
                text,
                data,
            },
        );
    }
    let checked = input.map()?;
    let written = match input.byte()? {
        0 => None,
        1 => Some(Written {
            folder: PathBuf::from(input.string()?),
            marker: input.u64()?,
            outputs: input.map()?,
        }),
        _ => return None,
    };
    Some(Stored {
        written_at,
        files,
        checked,
        written,
    })
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
    fn map(&mut self, map: &HashMap<String, u64>) {
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
    fn map(&mut self) -> Option<HashMap<String, u64>> {
        let count = self.u64()?;
        let mut map = HashMap::with_capacity(count.min(1 << 24) as usize);
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

    fn sample() -> Stored {
        let mut files = HashMap::new();
        files.insert(
            "content/leaders/ana.yaml".to_string(),
            KeptFile {
                size: 12,
                mtime: 1_700_000_000_000_000_000,
                hash: 42,
                kind: 3,
                text: Arc::from("name: Ana é\n"),
                front: (0, 0),
                body: (0, 0),
                body_line: 0,
                data: "{\"name\":\"Ana é\"}".to_string(),
            },
        );
        let outputs: HashMap<String, u64> = [("index.html".to_string(), 7)].into();
        Stored {
            written_at: 5,
            files,
            checked: outputs.clone(),
            written: Some(Written {
                folder: PathBuf::from("/site/public"),
                marker: 9,
                outputs,
            }),
        }
    }

    #[test]
    fn what_is_written_is_read_back() {
        let stored = sample();
        let back = decode(&encode(&stored)).expect("reads back");
        assert_eq!(back.written_at, 5);
        let file = &back.files["content/leaders/ana.yaml"];
        assert_eq!(&*file.text, "name: Ana é\n");
        assert_eq!(file.data, stored.files["content/leaders/ana.yaml"].data);
        assert_eq!(back.checked["index.html"], 7);
        let written = back.written.expect("written");
        assert_eq!(written.folder, PathBuf::from("/site/public"));
        assert_eq!(written.outputs["index.html"], 7);
    }

    #[test]
    fn any_damage_is_refused() {
        let bytes = encode(&sample());
        // Cut anywhere, or any byte changed, and the cache is set aside: never a panic.
        for cut in 0..bytes.len() {
            assert!(decode(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        for at in 0..bytes.len() {
            let mut changed = bytes.clone();
            changed[at] ^= 0x20;
            assert!(decode(&changed).is_err(), "byte {at} changed");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(decode(&longer).is_err());
    }

    #[test]
    fn another_buyin_is_foreign() {
        let mut bytes = encode(&sample());
        let line = MAGIC.len();
        bytes[line] = b'9';
        assert_eq!(decode(&bytes).err(), Some(Refused::Foreign));
    }
}
