//! `buyin new`: creates files for people to fill in. Never overwrites an existing file.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::theme::DEMO;

/// Why a new site could not be created.
#[derive(Debug)]
pub enum NewSiteError {
    NotEmpty(PathBuf),
    Io(PathBuf, io::Error),
}

impl std::fmt::Display for NewSiteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NewSiteError::NotEmpty(p) => write!(
                f,
                "`{}` already exists and is not empty; choose a new folder name",
                p.display()
            ),
            NewSiteError::Io(p, e) => write!(f, "could not write `{}`: {e}", p.display()),
        }
    }
}

impl std::error::Error for NewSiteError {}

/// Creates a new site in `dir` from the demo site built into the binary. Returns the
/// number of files written.
pub fn new_site(dir: &Path) -> Result<usize, NewSiteError> {
    if let Ok(mut entries) = fs::read_dir(dir)
        && entries.next().is_some()
    {
        return Err(NewSiteError::NotEmpty(dir.to_path_buf()));
    }
    for (rel, bytes) in DEMO {
        let target = dir.join(rel);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(|e| NewSiteError::Io(parent.to_path_buf(), e))?;
        }
        fs::write(&target, bytes).map_err(|e| NewSiteError::Io(target.clone(), e))?;
    }
    Ok(DEMO.len())
}
