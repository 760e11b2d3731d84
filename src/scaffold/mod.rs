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
    /// Neither an id nor a name to make one from was given.
    NeedName {
        what: &'static str,
        option: &'static str,
        example: &'static str,
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
                        "; names use lowercase letters, digits and hyphens: use `{s}`"
                    )?;
                }
                Ok(())
            }
            NewError::NeedName {
                what,
                option,
                example,
            } => write!(
                f,
                "give {} with `{option}`, for example `{example}`: its file name is made from it",
                what.replacen("a ", "the ", 1)
                    + "'s "
                    + match *option {
                        "--name" => "name",
                        "--question" => "question",
                        _ => "title",
                    }
            ),
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

/// What to create. Ids may be left out where a name or title is given: the id is made
/// from it (`José Núñez` gives `jose-nunez`).
#[derive(Debug, Clone)]
pub enum Template {
    Course {
        slug: Option<String>,
        title: Option<String>,
    },
    Leader {
        id: Option<String>,
        name: Option<String>,
    },
    Endorsement {
        course: String,
        by: String,
    },
    Meeting {
        id: Option<String>,
        title: Option<String>,
    },
    Poll {
        id: Option<String>,
        question: Option<String>,
    },
    Question {
        course: String,
        id: Option<String>,
        question: Option<String>,
    },
}

/// What a new site starts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SiteStart {
    /// The demo site built into the binary: courses, leaders, endorsements and more.
    Demo,
    /// No content at all: a site.yaml and empty content folders.
    Empty,
}

/// The files of a site repository besides its content: they make it work on its own
/// (checks on pull and merge requests, schemas for editors, help for managers).
const CONTRIBUTING: &str = include_str!("site/CONTRIBUTING.md");
const README: &str = include_str!("site/README.md");
const GITHUB_WORKFLOW: &str = include_str!("site/github-workflow.yml");
const GITLAB_CI: &str = include_str!("site/gitlab-ci.yml");
const VSCODE_SETTINGS: &str = include_str!("site/vscode-settings.json");
const VSCODE_EXTENSIONS: &str = include_str!("site/vscode-extensions.json");

/// The folders content/ holds, kept in an empty site by a hidden file.
const CONTENT_FOLDERS: [&str; 6] = [
    "courses",
    "leaders",
    "endorsements",
    "meetings",
    "polls",
    "questions",
];

/// Creates a new site in `dir`: the demo content or none, plus everything a site
/// repository needs to work on its own. Returns the number of files written.
pub fn new_site(dir: &Path, start: SiteStart, today: Date) -> Result<usize, NewError> {
    if let Ok(mut entries) = fs::read_dir(dir)
        && entries.next().is_some()
    {
        return Err(NewError::NotEmpty(dir.to_path_buf()));
    }
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let (title, organisation) = match start {
        SiteStart::Demo => {
            files.extend(
                DEMO.iter()
                    .map(|(rel, bytes)| (rel.to_string(), bytes.to_vec())),
            );
            (
                "Learning at Northwind".to_string(),
                "Northwind Health".to_string(),
            )
        }
        SiteStart::Empty => {
            let organisation = folder_title(dir);
            files.push((
                "site.yaml".to_string(),
                empty_site_yaml(&organisation).into_bytes(),
            ));
            for folder in CONTENT_FOLDERS {
                files.push((format!("content/{folder}/.gitkeep"), Vec::new()));
            }
            files.push(("static/.gitkeep".to_string(), Vec::new()));
            ("Training".to_string(), organisation)
        }
    };
    let (course, leader, session, department, sessions) = match start {
        SiteStart::Demo => (
            "leading-difficult-conversations",
            "priya-natarajan",
            "bristol-mar",
            "operations",
            " For example, `leading-difficult-conversations` has `leeds-dec`, `virtual-jan` and `bristol-mar`.",
        ),
        SiteStart::Empty => ("course-name", "your-id", "session-id", "department-id", ""),
    };
    let contributing = CONTRIBUTING
        .replace("{{course}}", course)
        .replace("{{leader}}", leader)
        .replace("{{session}}", session)
        .replace("{{department}}", department)
        .replace("{{sessions}}", sessions)
        .replace("{{today}}", &today.iso())
        .replace("{{tables}}", &crate::codes::contributor_tables());
    let version = env!("CARGO_PKG_VERSION");
    files.extend([
        (
            ".gitignore".to_string(),
            b"public/\n.buyin-cache/\n.buyin/\n".to_vec(),
        ),
        ("CONTRIBUTING.md".to_string(), contributing.into_bytes()),
        (
            "README.md".to_string(),
            README
                .replace("{{title}}", &title)
                .replace("{{organisation}}", &organisation)
                .into_bytes(),
        ),
        (
            ".github/workflows/buyin.yml".to_string(),
            GITHUB_WORKFLOW.replace("{{version}}", version).into_bytes(),
        ),
        (
            ".gitlab-ci.yml".to_string(),
            GITLAB_CI.replace("{{version}}", version).into_bytes(),
        ),
        (
            ".vscode/settings.json".to_string(),
            VSCODE_SETTINGS.as_bytes().to_vec(),
        ),
        (
            ".vscode/extensions.json".to_string(),
            VSCODE_EXTENSIONS.as_bytes().to_vec(),
        ),
    ]);
    for (rel, bytes) in &files {
        create(&dir.join(rel), bytes)?;
    }
    let schemas = write_schemas(dir)?;
    Ok(files.len() + schemas)
}

/// site.yaml of a site with no content yet.
fn empty_site_yaml(organisation: &str) -> String {
    format!(
        "# yaml-language-server: $schema=schemas/site.schema.json\n\
         # The site's title, shown at the top of every page.\n\
         title: Training\n\
         # Your organisation's name.\n\
         organisation: {}\n\
         # The address the site is published at, for the feed, the sitemap and search:\n\
         # base_url: https://intranet.example.org/training/\n\
         # How long an endorsement counts as current.\n\
         stale_after: 12 months\n\
         # The site's languages: the first at the root, each other one under its own folder.\n\
         languages: [en]\n\
         # The time zone session times are in (an IANA name):\n\
         # timezone: Europe/London\n\
         # The departments courses and leaders belong to, for example:\n\
         #   - id: operations\n\
         #     name: Operations\n\
         departments: []\n",
        yaml_text(organisation)
    )
}

/// "northwind-training" → "Northwind Training": a first name for an organisation.
fn folder_title(dir: &Path) -> String {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let words: Vec<String> = name
        .split(['-', '_', ' ', '.'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            match chars.next() {
                Some(c) => c.to_uppercase().chain(chars).collect(),
                None => String::new(),
            }
        })
        .collect();
    if words.is_empty() {
        "Our organisation".to_string()
    } else {
        words.join(" ")
    }
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

/// The id given, checked; or one made from `name`.
fn id_or_name(
    what: &'static str,
    id: Option<&str>,
    name: Option<&str>,
    option: &'static str,
    example: &'static str,
) -> Result<String, NewError> {
    match (id, name) {
        (Some(id), _) => check_id(what, id).map(|()| id.to_string()),
        (None, Some(name)) => {
            let id = slugify(name);
            if id.is_empty() {
                return Err(NewError::BadId {
                    what,
                    id: name.to_string(),
                });
            }
            Ok(id)
        }
        (None, None) => Err(NewError::NeedName {
            what,
            option,
            example,
        }),
    }
}

/// A value for a YAML line: as it is when YAML reads it back unchanged, otherwise in
/// double quotes.
fn yaml_text(text: &str) -> String {
    let plain = !text.is_empty()
        && !text.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`~ ".contains(c))
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.ends_with([' ', ':'])
        && serde_yaml::from_str::<serde_yaml::Value>(&format!("v: {text}"))
            .ok()
            .and_then(|v| v.get("v").and_then(|v| v.as_str().map(str::to_string)))
            .is_some_and(|read| read == text);
    if plain {
        text.to_string()
    } else {
        format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

/// Session ids of a course, read from its front matter, for a helpful comment.
fn session_ids(root: &Path, course: &str) -> Vec<String> {
    let (site, _) = crate::load::load(root);
    site.and_then(|s| {
        s.courses
            .into_iter()
            .find(|c| c.slug == course)
            .map(|c| c.front.sessions.iter().map(|s| s.id.clone()).collect())
    })
    .unwrap_or_default()
}

/// Creates the file for `template` in the site at `root`; returns its path.
pub fn new_file(root: &Path, template: &Template, today: Date) -> Result<PathBuf, NewError> {
    let (rel, text) = match template {
        Template::Course { slug, title } => course_file(slug, title, today)?,
        Template::Leader { id, name } => leader_file(id, name)?,
        Template::Endorsement { course, by } => endorsement_file(root, course, by, today)?,
        Template::Meeting { id, title } => meeting_file(id, title, today)?,
        Template::Poll { id, question } => poll_file(id, question, today)?,
        Template::Question {
            course,
            id,
            question,
        } => question_file(root, course, id, question, today)?,
    };
    let path = root.join(&rel);
    create(&path, text.as_bytes())?;
    if !matches!(template, Template::Course { .. }) {
        write_schemas(root)?;
    }
    Ok(PathBuf::from(rel))
}

/// The path and text of a new course file.
fn course_file(
    slug: &Option<String>,
    title: &Option<String>,
    today: Date,
) -> Result<(String, String), NewError> {
    let slug = &id_or_name(
        "a course",
        slug.as_deref(),
        title.as_deref(),
        "--title",
        "buyin new course --title \"Leading Difficult Conversations\"",
    )?;
    let title = yaml_text(title.as_deref().unwrap_or("Course title"));
    Ok((
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
    ))
}

/// The path and text of a new leader file.
fn leader_file(id: &Option<String>, name: &Option<String>) -> Result<(String, String), NewError> {
    let id = &id_or_name(
        "a leader",
        id.as_deref(),
        name.as_deref(),
        "--name",
        "buyin new leader --name \"Priya Natarajan\"",
    )?;
    let name = yaml_text(name.as_deref().unwrap_or("Full Name"));
    Ok((
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
    ))
}

/// The path and text of a new endorsement file.
fn endorsement_file(
    root: &Path,
    course: &str,
    by: &str,
    today: Date,
) -> Result<(String, String), NewError> {
    require(root, "course", "content/courses", &["md"], course)?;
    require(root, "leader", "content/leaders", &["yaml", "yml"], by)?;
    let sessions = session_ids(root, course);
    let session_hint = if sessions.is_empty() {
        "# This course has no sessions yet.".to_string()
    } else {
        format!("# Sessions of this course: {}", sessions.join(", "))
    };
    Ok((
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
    ))
}

/// The path and text of a new meeting file.
fn meeting_file(
    id: &Option<String>,
    title: &Option<String>,
    today: Date,
) -> Result<(String, String), NewError> {
    let id = &id_or_name(
        "a meeting",
        id.as_deref(),
        title.as_deref(),
        "--title",
        "buyin new meeting --title \"Operations briefing October 2026\"",
    )?;
    let title = yaml_text(title.as_deref().unwrap_or("Meeting title"));
    Ok((
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
    ))
}

/// The path and text of a new question file: named by `id`, or by the question's first
/// words, or else by the course and a number not taken yet.
fn question_file(
    root: &Path,
    course: &str,
    id: &Option<String>,
    question: &Option<String>,
    today: Date,
) -> Result<(String, String), NewError> {
    require(root, "course", "content/courses", &["md"], course)?;
    let id = match (id, question) {
        (Some(id), _) => {
            check_id("a question", id)?;
            id.clone()
        }
        (None, Some(q)) if !slugify(q).is_empty() => {
            let slug = slugify(q);
            slug.split('-').take(6).collect::<Vec<_>>().join("-")
        }
        _ => {
            let taken = names_in(root, "content/questions", &["yaml", "yml"]);
            (1..)
                .map(|n| format!("{course}-question-{n}"))
                .find(|candidate| !taken.contains(candidate))
                .unwrap_or_else(|| format!("{course}-question"))
        }
    };
    let sessions = session_ids(root, course);
    let session_hint = if sessions.is_empty() {
        "# This course has no sessions.".to_string()
    } else {
        format!(
            "# The session it was asked at, if any: {}\n# session: {}",
            sessions.join(", "),
            sessions[0]
        )
    };
    let question = yaml_text(
        question
            .as_deref()
            .unwrap_or("The learner's question, in their words."),
    );
    Ok((
        format!("content/questions/{id}.yaml"),
        format!(
            "{}course: {course}\n\
             {session_hint}\n\
             asked: {date}\n\
             question: {question}\n\
             # Who asked, in general words (never required).\n\
             # asked_by: A nurse in Clinical Services\n\
             # The answer is published with the leader who gave it and the day; until all three\n\
             # are filled in, the question is not published.\n\
             # answer: >\n\
             #   The leader's answer, in their own words.\n\
             # answered_by: leader-id\n\
             # answered: {date}\n",
            schema_line("question"),
            date = today.iso()
        ),
    ))
}

/// The path and text of a new poll file.
fn poll_file(
    id: &Option<String>,
    question: &Option<String>,
    today: Date,
) -> Result<(String, String), NewError> {
    let id = &id_or_name(
        "a poll",
        id.as_deref(),
        question.as_deref(),
        "--question",
        "buyin new poll --question \"What problems do your teams bring to you?\"",
    )?;
    let question = yaml_text(
        question
            .as_deref()
            .unwrap_or("The question managers were asked"),
    );
    Ok((
        format!("content/polls/{id}.yaml"),
        format!(
            "{}question: {question}\n\
         # The day the poll closed.\n\
         date: {date}\n\
         # How many managers answered.\n\
         respondents: 0\n\
         # One entry per problem; ids are unique across all polls.\n\
         problems:\n  \
           - id: first-problem\n    \
             text: A problem managers raised, in their words.\n    \
             votes: 0\n    \
             # Courses that address it (content/courses/).\n    \
             courses: []\n",
            schema_line("poll"),
            date = today.iso()
        ),
    ))
}
