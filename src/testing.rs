//! Helpers for unit tests: sites written to a temporary folder, loaded and resolved.

use std::fs;
use std::path::Path;

use crate::model::Date;
use crate::resolve::Site;

pub fn date(text: &str) -> Date {
    Date::parse(text).expect("test date")
}

/// Writes `files` into a temporary folder and runs `load` and `resolve` on it; fails the
/// test on any error.
pub fn site(files: &[(&str, &str)]) -> Site {
    let dir = tempfile::tempdir().expect("temp dir");
    for (rel, text) in files {
        let path = dir.path().join(rel);
        fs::create_dir_all(path.parent().expect("parent")).expect("folders");
        fs::write(path, text).expect("write file");
    }
    site_at(dir.path())
}

/// Loads and resolves the site in `root`; fails the test on any error.
pub fn site_at(root: &Path) -> Site {
    let (source, diags) = crate::load::load(root);
    assert!(!diags.has_errors(), "{:?}", diags.sorted());
    let (site, diags) = crate::resolve::resolve(source.expect("site loads"));
    assert!(!diags.has_errors(), "{:?}", diags.sorted());
    site
}
