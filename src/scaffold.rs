//! `buyin new`: creates files for people to fill in, with comments and a schema line so
//! editors check them while they type. Checks the names it is given against the site.
//! Never overwrites an existing file.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::diagnostics::closest;
use crate::model::{Date, is_valid_id, slugify};
use crate::schema;
use crate::theme::DEMO;

/// Why something could not be created.
#[derive(Debug)]
pub enum NewError {
    /// The folder for a new site exists and has files in it.
    NotEmpty(PathBuf),
    /// The file to create exists already.
    Exists(PathBuf),
    /// A name given on the command line cannot be used as an id.
    BadId {
        what: &'static str,
        id: String,
    },
    /// A name given on the command line does not exist in the site.
    Unknown {
        what: &'static str,
        id: String,
        suggestion: Option<String>,
        folder: &'static str,
    },
    Io(PathBuf, io::Error),
}

impl std::fmt::Display for NewError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NewError::NotEmpty(p) => write!(
                f,
                "`{}` already exists and is not empty; choose a new folder name",
                p.display()
            ),
            NewError::Exists(p) => write!(
                f,
                "`{}` already exists; edit it instead, or choose another name",
                p.display()
            ),
            NewError::BadId { what, id } => {
                write!(f, "`{id}` cannot be used as the name of {what}")?;
                let s = slugify(id);
                if !s.is_empty() {
                    write!(
                        f,
                        "; names use lowercase letters, digits and hyphens, like `{s}`"
                    )?;
                }
                Ok(())
            }
            NewError::Unknown {
                what,
                id,
                suggestion,
                folder,
            } => {
                write!(f, "there is no {what} called `{id}` in {folder}")?;
                if let Some(s) = suggestion {
                    write!(f, "; did you mean `{s}`?")?;
                }
                Ok(())
            }
            NewError::Io(p, e) => write!(f, "could not write `{}`: {e}", p.display()),
        }
    }
}

impl std::error::Error for NewError {}

/// What to create.
#[derive(Debug, Clone)]
pub enum Template {
    Course { slug: String, title: Option<String> },
    Leader { id: String, name: Option<String> },
    Endorsement { course: String, by: String },
    Meeting { id: String, title: Option<String> },
}

/// Creates a new site in `dir` from the demo site built into the binary. Returns the
/// number of files written.
pub fn new_site(dir: &Path) -> Result<usize, NewError> {
    if let Ok(mut entries) = fs::read_dir(dir)
        && entries.next().is_some()
    {
        return Err(NewError::NotEmpty(dir.to_path_buf()));
    }
    for (rel, bytes) in DEMO {
        create(&dir.join(rel), bytes)?;
    }
    let schemas = write_schemas(dir)?;
    Ok(DEMO.len() + schemas)
}

/// Writes `bytes` to a new file at `path`, creating folders; fails if the file exists.
fn create(path: &Path, bytes: &[u8]) -> Result<(), NewError> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| NewError::Io(parent.to_path_buf(), e))?;
    }
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| match e.kind() {
            io::ErrorKind::AlreadyExists => NewError::Exists(path.to_path_buf()),
            _ => NewError::Io(path.to_path_buf(), e),
        })?;
    file.write_all(bytes)
        .map_err(|e| NewError::Io(path.to_path_buf(), e))
}

/// Writes the JSON Schemas into `root/schemas/`, leaving existing files alone. Returns
/// how many were written.
pub fn write_schemas(root: &Path) -> Result<usize, NewError> {
    let mut written = 0;
    for kind in &schema::KINDS {
        let path = root.join(schema::DEFAULT_DIR).join(kind.file_name());
        match create(&path, kind.json().as_bytes()) {
            Ok(()) => written += 1,
            Err(NewError::Exists(_)) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(written)
}

fn schema_line(kind: &str) -> String {
    format!(
        "# yaml-language-server: $schema=../../{}/{kind}.schema.json\n",
        schema::DEFAULT_DIR
    )
}

/// The names of the files in `root/dir` with extension `ext` (without it), sorted.
fn names_in(root: &Path, dir: &str, ext: &[&str]) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(root.join(dir))
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter_map(|e| {
            let path = e.path();
            let is_folder_course = path.join("index.md").is_file();
            let matches = path
                .extension()
                .and_then(|x| x.to_str())
                .is_some_and(|x| ext.contains(&x));
            (matches || is_folder_course)
                .then(|| path.file_stem().map(|s| s.to_string_lossy().into_owned()))
                .flatten()
        })
        .collect();
    names.sort();
    names
}

fn require(
    root: &Path,
    what: &'static str,
    folder: &'static str,
    ext: &[&str],
    id: &str,
) -> Result<(), NewError> {
    let names = names_in(root, folder, ext);
    if names.iter().any(|n| n == id) {
        return Ok(());
    }
    Err(NewError::Unknown {
        what,
        id: id.to_string(),
        suggestion: closest(id, names.iter().map(String::as_str)).map(str::to_string),
        folder,
    })
}

fn check_id(what: &'static str, id: &str) -> Result<(), NewError> {
    if is_valid_id(id) {
        Ok(())
    } else {
        Err(NewError::BadId {
            what,
            id: id.to_string(),
        })
    }
}

/// Session ids of a course, read from its front matter, for a helpful comment.
fn session_ids(root: &Path, course: &str) -> Vec<String> {
    let (site, _) = crate::load::load(root);
    site.and_then(|s| {
        s.courses
            .into_iter()
            .find(|c| c.slug == course)
            .map(|c| c.front.sessions.into_iter().map(|s| s.id).collect())
    })
    .unwrap_or_default()
}

/// Creates the file for `template` in the site at `root`; returns its path.
pub fn new_file(root: &Path, template: &Template, today: Date) -> Result<PathBuf, NewError> {
    let (rel, text) = match template {
        Template::Course { slug, title } => {
            check_id("a course", slug)?;
            let title = title.clone().unwrap_or_else(|| "Course title".to_string());
            (
                format!("content/courses/{slug}.md"),
                format!(
                    "---\n\
                     title: {title}\n\
                     # One sentence for the catalog.\n\
                     summary: What learners will get from this course.\n\
                     # Department ids from site.yaml.\n\
                     departments: []\n\
                     # workshop, e-learning, virtual, blended, coaching or programme\n\
                     format: workshop\n\
                     duration: 1 day\n\
                     audience: Who the course is for\n\
                     objectives:\n  \
                       - What learners will be able to do afterwards\n\
                     # Poll problem ids this course answers (content/polls/).\n\
                     addresses: []\n\
                     # The leader who signs off completions (content/leaders/).\n\
                     # sign_off: leader-id\n\
                     sessions: []\n\
                     # sessions:\n\
                     #   - id: leeds-march\n\
                     #     date: {date}\n\
                     #     start: \"09:30\"\n\
                     #     end: \"16:30\"\n\
                     #     location: Room 4.12, Head Office\n\
                     tags: []\n\
                     draft: true\n\
                     ---\n\n\
                     ## Why this course\n\n\
                     Write the course description here, in Markdown.\n",
                    date = today.iso()
                ),
            )
        }
        Template::Leader { id, name } => {
            check_id("a leader", id)?;
            let name = name.clone().unwrap_or_else(|| "Full Name".to_string());
            (
                format!("content/leaders/{id}.yaml"),
                format!(
                    "{}name: {name}\n\
                     title: Job title\n\
                     # A department id from site.yaml.\n\
                     department: department-id\n\
                     # executive, senior or manager\n\
                     seniority: manager\n\
                     # A photo under static/, for example:\n\
                     # photo: photos/{id}.jpg\n",
                    schema_line("leader")
                ),
            )
        }
        Template::Endorsement { course, by } => {
            require(root, "course", "content/courses", &["md"], course)?;
            require(root, "leader", "content/leaders", &["yaml", "yml"], by)?;
            let sessions = session_ids(root, course);
            let session_hint = if sessions.is_empty() {
                "# This course has no sessions yet.".to_string()
            } else {
                format!("# Sessions of this course: {}", sessions.join(", "))
            };
            (
                format!("content/endorsements/{course}--{by}.yaml"),
                format!(
                    "{}course: {course}\n\
                     by: {by}\n\
                     date: {date}\n\
                     # What you want learners to hear from you, in your own words.\n\
                     quote: >\n  \
                       Why I back this course, and what I will do for it.\n\
                     # Keep the lines that apply and delete the others.\n\
                     {session_hint}\n\
                     commitments:\n  \
                       # attend: session-id\n  \
                       # observe: session-id\n  \
                       # sme: A topic you will answer questions on\n  \
                       sign_off: false\n  \
                       sponsor: false\n  \
                       brief_team: true\n",
                    schema_line("endorsement"),
                    date = today.iso()
                ),
            )
        }
        Template::Meeting { id, title } => {
            check_id("a meeting", id)?;
            let title = title.clone().unwrap_or_else(|| "Meeting title".to_string());
            (
                format!("content/meetings/{id}.yaml"),
                format!(
                    "{}title: {title}\n\
                     date: {date}\n\
                     # briefing, steering, review or town-hall\n\
                     kind: briefing\n\
                     # Leader ids (content/leaders/).\n\
                     attendees: []\n\
                     summary: |\n  \
                       What was discussed, in Markdown.\n\
                     outcomes: []\n\
                     # outcomes:\n\
                     #   - course: course-slug\n\
                     #     decision: What was decided.\n\
                     #     owner: leader-id\n",
                    schema_line("meeting"),
                    date = today.iso()
                ),
            )
        }
    };
    let path = root.join(&rel);
    create(&path, text.as_bytes())?;
    if !matches!(template, Template::Course { .. }) {
        write_schemas(root)?;
    }
    Ok(PathBuf::from(rel))
}
