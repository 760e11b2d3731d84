//! Reading files of a site: text with located errors for the usual mistakes (too large,
//! not UTF-8, saved as UTF-16), names worth skipping, and listing a folder's files.

use std::fs;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::{MAX_FILE_BYTES, StaticFile};
use crate::diagnostics::{Diagnostic, Diagnostics, Location};

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
pub(super) fn read_capped(mut file: fs::File, limit: u64) -> std::io::Result<Vec<u8>> {
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
pub(super) fn rel_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path).to_string_lossy();
    if rel.contains('\\') {
        rel.replace('\\', "/")
    } else {
        rel.into_owned()
    }
}

/// What listing a folder found at one path: a file to read, or a problem with it.
pub(super) type Listed = (String, Result<PathBuf, Diagnostic>);

/// Lists regular files below `root/dir` (`dir` relative to `root`; a file itself when it
/// names one) by their path relative to `root`, skipping hidden and backup files and
/// folders; a link that leaves the site, or a folder that cannot be read, is a problem.
pub(super) fn list_files(root: &Path, dir: &str) -> Vec<Listed> {
    let base = root.join(dir);
    if fs::symlink_metadata(&base).is_err() {
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
                let d = Diagnostic::error(
                    &crate::codes::UNREADABLE_FILE,
                    format!("cannot read `{rel}`"),
                )
                .at(Location::file(rel.clone()));
                files.push((rel, Err(d)));
                continue;
            }
        };
        let path = entry.path();
        if entry.path_is_symlink() {
            let rel = rel_path(root, path);
            match fs::canonicalize(path) {
                Ok(target) if target.starts_with(&canonical_root) && target.is_file() => {
                    files.push((rel, Ok(path.to_path_buf())));
                }
                Ok(target) if target.starts_with(&canonical_root) => {}
                _ => {
                    let d = Diagnostic::error(
                        &crate::codes::LINK_OUTSIDE_SITE,
                        format!("`{rel}` is a link to a file outside the site folder"),
                    )
                    .at(Location::file(rel.clone()))
                    .help("copy the file into the site instead of linking to it");
                    files.push((rel, Err(d)));
                }
            }
        } else if entry.file_type().is_file() {
            files.push((rel_path(root, path), Ok(path.to_path_buf())));
        }
    }
    files
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
pub(super) fn stem(name: &str) -> &str {
    name.rsplit_once('.').map_or(name, |(s, _)| s)
}

pub(super) fn list_static(root: &Path, dir: &str) -> (Vec<StaticFile>, Vec<Diagnostic>) {
    let mut diags = Diagnostics::default();
    let base = root.join(dir);
    let mut out: Vec<StaticFile> = Vec::new();
    for (_, listed) in list_files(root, dir) {
        match listed {
            Ok(source) => out.push(StaticFile {
                output: rel_path(&base, &source),
                source,
            }),
            Err(d) => diags.push(d),
        }
    }
    out.sort();
    (out, diags.into_iter().collect())
}
