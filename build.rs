//! Embeds the default theme and the demo site into the binary, so `buyin build` works in
//! any folder and `buyin new site` can copy the demo without anything on disk; and names
//! this build of buyin by a hash of what it is made from (its sources, its built-in theme
//! and its locked dependencies), so a build cache another build wrote is never trusted.

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    let root =
        PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let mut out = String::new();
    out.push_str("/// The built-in default theme: (path under themes/default/, bytes).\n");
    out.push_str("pub static THEME: &[(&str, &[u8])] = &[\n");
    embed(
        &root.join("themes/default"),
        &root.join("themes/default"),
        &mut out,
    );
    out.push_str("];\n\n");
    out.push_str("/// The demo site: (path relative to the site root, bytes).\n");
    out.push_str("pub static DEMO: &[(&str, &[u8])] = &[\n");
    embed(&root, &root.join("site.yaml"), &mut out);
    embed_under(&root, "content", &mut out);
    embed_under(&root, "static", &mut out);
    out.push_str("];\n");
    let dest = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("embedded.rs");
    fs::write(dest, out).expect("write embedded.rs");
    for watched in ["themes/default", "site.yaml", "content", "static"] {
        println!("cargo:rerun-if-changed={watched}");
    }
    println!(
        "cargo:rustc-env=BUYIN_SOURCE_HASH={:016x}",
        source_hash(&root)
    );
}

/// FNV-1a (64 bits) over the path and bytes of every file buyin is built from.
fn source_hash(root: &Path) -> u64 {
    let mut files = Vec::new();
    for dir in ["src", "themes/default", "Cargo.lock", "build.rs"] {
        collect(&root.join(dir), &mut files);
        println!("cargo:rerun-if-changed={dir}");
    }
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for file in files {
        let rel = file
            .strip_prefix(root)
            .unwrap_or(&file)
            .to_string_lossy()
            .replace('\\', "/");
        let bytes = fs::read(&file).expect("read a source file");
        for b in rel.bytes().chain([0]).chain(bytes) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

fn embed_under(root: &Path, dir: &str, out: &mut String) {
    let base = root.join(dir);
    if base.exists() {
        embed(root, &base, out);
    }
}

/// Appends every file below `path` (sorted, so the binary is reproducible), named
/// relative to `base`.
fn embed(base: &Path, path: &Path, out: &mut String) {
    let mut files = Vec::new();
    collect(path, &mut files);
    files.sort();
    for file in files {
        let rel = file
            .strip_prefix(base)
            .expect("file below its base")
            .to_string_lossy()
            .replace('\\', "/");
        writeln!(
            out,
            "    ({rel:?}, include_bytes!({:?})),",
            file.display().to_string()
        )
        .expect("write to string");
    }
}

fn collect(path: &Path, files: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let mut entries: Vec<_> = fs::read_dir(path)
            .expect("read embedded folder")
            .map(|e| e.expect("read folder entry").path())
            .collect();
        entries.sort();
        for entry in entries {
            collect(&entry, files);
        }
    } else if path.is_file() {
        files.push(path.to_path_buf());
    }
}
