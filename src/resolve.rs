//! Stage 2, `resolve`: turns a `SourceSite` into a `Site` where every reference (course,
//! leader, session, department, poll problem) is an index, and builds the lookups pages
//! need (endorsements per course and per leader, outcomes, problems). Reports unknown and
//! duplicate names with the closest valid one. Reads no files and renders nothing.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use crate::diagnostics::{Diagnostic, Diagnostics, closest};
use crate::load::{Kind, SourceSite, StaticFile};
use crate::model::{Date, Format, MeetingKind, OneOrMany, Period, Seniority, Time, is_valid_id};
use crate::yaml::{Invalid, Seg, YamlSource};

#[derive(Debug, Clone)]
pub struct Config {
    pub title: String,
    pub organisation: String,
    /// Absolute URL of the site, ending in `/`, when configured.
    pub base_url: Option<String>,
    pub language: String,
    pub stale_after: Period,
    /// Theme folder name; `default` is built in.
    pub theme: String,
    /// Publish raw HTML in course Markdown instead of showing it as text.
    pub allow_raw_html: bool,
    /// Write the backing report for L&D to `report/index.html`.
    pub report: bool,
}

#[derive(Debug, Clone)]
pub struct Department {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Session {
    pub id: String,
    pub date: Date,
    pub start: Option<Time>,
    pub end: Option<Time>,
    pub location: Option<String>,
    pub link: Option<String>,
    pub capacity: Option<u32>,
}

#[derive(Debug, Clone)]
pub struct Course {
    pub slug: String,
    pub file: String,
    /// Some values in the front matter were refused (and reported); advice leaves it alone.
    pub flawed: bool,
    pub title: String,
    pub summary: String,
    pub departments: Vec<usize>,
    pub audience: Option<String>,
    pub format: Format,
    pub duration: Option<String>,
    pub objectives: Vec<String>,
    pub tags: Vec<String>,
    pub draft: bool,
    pub sessions: Vec<Session>,
    /// The leader named in the front matter's `sign_off`.
    pub sign_off: Option<usize>,
    /// Where the Markdown body is in `text`, and the line it starts on.
    pub body_range: std::ops::Range<usize>,
    pub body_line: usize,
    pub text: String,
    pub assets: Vec<(PathBuf, String)>,
}

#[derive(Debug, Clone)]
pub struct Leader {
    pub id: String,
    pub file: String,
    /// Some values in the file were refused (and reported); advice leaves it alone.
    pub flawed: bool,
    pub name: String,
    pub title: String,
    pub department: Option<usize>,
    pub seniority: Seniority,
    /// Output path of the photo, under the site root.
    pub photo: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Endorsement {
    pub file: String,
    /// Some values in the file were refused (and reported); advice leaves it alone.
    pub flawed: bool,
    /// The file's text, for pointing at lines in later advice.
    pub text: String,
    pub course: usize,
    pub leader: usize,
    pub date: Date,
    /// The quote's paragraphs (empty when there is no quote).
    pub quote: Vec<String>,
    /// Session indexes within the course.
    pub attend: Vec<usize>,
    pub observe: Vec<usize>,
    pub sme: Vec<String>,
    pub sign_off: bool,
    pub sponsor: bool,
    pub brief_team: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutcomeKind {
    Decision,
    Commitment,
}

#[derive(Debug, Clone)]
pub struct Outcome {
    pub course: usize,
    pub kind: OutcomeKind,
    pub text: String,
    pub owner: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct Meeting {
    pub id: String,
    pub file: String,
    /// The file's text, for pointing at lines in later advice.
    pub text: String,
    /// Some values in the file were refused (and reported); advice leaves it alone.
    pub flawed: bool,
    pub title: String,
    pub date: Date,
    pub kind: MeetingKind,
    pub attendees: Vec<usize>,
    /// Markdown, with where it sits in the file.
    pub summary: Option<Summary>,
    pub outcomes: Vec<Outcome>,
}

/// Markdown written inside a YAML file, and where its first line is.
#[derive(Debug, Clone)]
pub struct Summary {
    pub markdown: String,
    /// The whole file.
    pub text: String,
    /// 1-based line of the file where the Markdown starts.
    pub first_line: usize,
    /// Columns of indentation before each of its lines.
    pub indent: usize,
}

/// Where the Markdown of a YAML value at `path` starts: the line after a `|` or `>`
/// block indicator (indented), or right after the key.
fn summary_at(source: &YamlSource<'_>, path: &[Seg<'_>], markdown: &str) -> Summary {
    let at = source.locate(path);
    let line = at.source_line.as_deref().unwrap_or("");
    let is_block = line.trim_end().ends_with(['|', '>', '-', '+'])
        && line
            .trim_end()
            .chars()
            .rev()
            .nth(1)
            .is_some_and(|c| matches!(c, ' ' | '|' | '>'));
    let (first_line, indent) = if is_block {
        let next = source.whole.lines().nth(at.line).unwrap_or("");
        (at.line + 1, next.len() - next.trim_start().len())
    } else {
        (at.line, at.column.saturating_sub(1))
    };
    Summary {
        markdown: markdown.to_string(),
        text: source.whole.to_string(),
        first_line,
        indent,
    }
}

#[derive(Debug, Clone)]
pub struct Problem {
    pub id: String,
    pub text: String,
    pub votes: u32,
    /// Courses that address it, from either side of the link, sorted by title.
    pub courses: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct Poll {
    pub id: String,
    pub file: String,
    /// The file's text, for pointing at lines in later advice.
    pub text: String,
    /// Some values in the file were refused (and reported); advice leaves it alone.
    pub flawed: bool,
    pub question: String,
    pub date: Date,
    pub respondents: u32,
    /// Sorted by votes, most first.
    pub problems: Vec<Problem>,
}

/// A fully resolved site: every reference checked, every list in its final order.
///
/// The large parts are shared (`Arc`), so a site with one record changed is cheap to
/// make from the previous one (see [`replace_endorsement`]).
#[derive(Clone)]
pub struct Site {
    pub root: PathBuf,
    pub config: Config,
    pub departments: Arc<Vec<Department>>,
    /// Sorted by title.
    pub courses: Arc<Vec<Course>>,
    /// Sorted by name.
    pub leaders: Arc<Vec<Leader>>,
    /// Newest first.
    pub endorsements: Vec<Arc<Endorsement>>,
    /// Newest first.
    pub meetings: Arc<Vec<Meeting>>,
    /// Newest first.
    pub polls: Arc<Vec<Poll>>,
    pub static_files: Arc<Vec<StaticFile>>,
    /// Course slug and leader id to index.
    pub course_index: Arc<HashMap<String, usize>>,
    pub leader_index: Arc<HashMap<String, usize>>,
    /// Endorsement indexes per course and per leader (newest first).
    pub endorsements_by_course: Vec<Vec<usize>>,
    pub endorsements_by_leader: Vec<Vec<usize>>,
    /// (meeting, outcome) per course and per owner.
    pub outcomes_by_course: Arc<Vec<Vec<(usize, usize)>>>,
    /// Meetings each leader attended.
    pub meetings_by_leader: Arc<Vec<Vec<usize>>>,
    /// (poll, problem) per course.
    pub problems_by_course: Arc<Vec<Vec<(usize, usize)>>>,
}

impl std::fmt::Debug for Site {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Site")
            .field("courses", &self.courses.len())
            .field("leaders", &self.leaders.len())
            .field("endorsements", &self.endorsements.len())
            .finish()
    }
}

impl Course {
    /// The Markdown body.
    pub fn body(&self) -> &str {
        self.text.get(self.body_range.clone()).unwrap_or("")
    }
}

impl Site {
    /// Courses that are published (not drafts), in catalog order.
    pub fn published(&self) -> impl Iterator<Item = (usize, &Course)> {
        self.courses.iter().enumerate().filter(|(_, c)| !c.draft)
    }
}

/// What a reference in a record names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RefKind {
    Leader,
    Course,
    Session,
    Department,
    Problem,
}

impl RefKind {
    fn code(self) -> &'static crate::codes::Code {
        match self {
            RefKind::Leader => &crate::codes::UNKNOWN_LEADER,
            RefKind::Course => &crate::codes::UNKNOWN_COURSE,
            RefKind::Session => &crate::codes::UNKNOWN_SESSION,
            RefKind::Department => &crate::codes::UNKNOWN_DEPARTMENT,
            RefKind::Problem => &crate::codes::UNKNOWN_PROBLEM,
        }
    }

    fn noun(self) -> &'static str {
        match self {
            RefKind::Leader => "leader",
            RefKind::Course => "course",
            RefKind::Session => "session",
            RefKind::Department => "department",
            RefKind::Problem => "poll problem",
        }
    }
}

/// Up to this many valid ids are listed in full in a message.
const FEW: usize = 8;

/// Context for reporting problems inside one YAML document.
struct Refs<'a> {
    source: YamlSource<'a>,
    diags: &'a mut Diagnostics,
    /// Values refused while the file was read: already reported, so not checked again.
    invalid: &'a Invalid,
    /// Whether a problem was reported for this document.
    reported: bool,
}

impl Refs<'_> {
    /// Whether the value at `path` was read as written (not refused and replaced).
    fn valid(&self, path: &[Seg<'_>]) -> bool {
        !self.invalid.covers(path)
    }

    /// Whether the record can be relied on for advice: nothing refused, nothing reported.
    fn flawed(&self) -> bool {
        self.reported || !self.invalid.is_empty()
    }

    fn error(&mut self, path: &[Seg<'_>], d: Diagnostic) {
        if self.invalid.covers(path) {
            return;
        }
        self.reported = true;
        let location = self.source.locate(path);
        self.diags.push(d.at(location));
    }

    /// Reports text that learners would read as empty.
    fn require_text(&mut self, path: &[Seg<'_>], text: &str, what: &str) {
        if text.trim().is_empty() {
            let field = match path.last() {
                Some(Seg::Key(k)) => *k,
                _ => "this",
            };
            self.error(
                path,
                Diagnostic::error(&crate::codes::EMPTY_FIELD, format!("`{field}:` is empty"))
                    .label("nothing written here")
                    .help(format!("write {what} after `{field}:`")),
            );
        }
    }

    /// Reports `value` as naming no `kind`. `known` are the (id, name) pairs it could
    /// name; the closest is suggested, by id or by name, and a short list is given whole.
    fn unknown<'k>(
        &mut self,
        path: &[Seg<'_>],
        kind: RefKind,
        value: &str,
        known: impl IntoIterator<Item = (&'k str, &'k str)>,
        rule: &str,
    ) {
        let known: Vec<(&str, &str)> = known.into_iter().collect();
        let noun = kind.noun();
        let shown = crate::yaml::shorten(value);
        let mut location_hint = None;
        let mut message = format!("there is no {noun} called `{shown}`");
        let hidden = crate::yaml::find_invisible(value);
        if let Some(h) = hidden {
            message = format!("`{shown}` contains {}, so it names no {noun}", h.name);
            location_hint = Some(h.column);
        }
        let cleaned: String = value
            .chars()
            .filter(|c| crate::yaml::hidden_name(*c).is_none())
            .collect();
        let by_name = known.iter().find(|(id, name)| {
            cleaned.trim().eq_ignore_ascii_case(name)
                || crate::model::slugify(&cleaned) == *id
                || cleaned.trim().eq_ignore_ascii_case(id)
        });
        let near = by_name
            .map(|(id, _)| *id)
            .or_else(|| closest(&cleaned, known.iter().map(|(id, _)| *id)));
        let parts: Vec<&str> = value.split(',').map(str::trim).collect();
        let is_list = parts.len() > 1 && parts.iter().all(|p| known.iter().any(|(id, _)| id == p));
        // `by:`, `sign_off:`, `owner:`, `course:` and `department:` name one thing; the
        // others take a list.
        let single = matches!(
            path.last(),
            Some(Seg::Key(
                "by" | "sign_off" | "owner" | "course" | "department"
            ))
        );
        let ids: Vec<&str> = known.iter().map(|(id, _)| *id).collect();
        let few = !ids.is_empty() && ids.len() <= FEW && !rule.contains(": ");
        // Leaders and courses are many and people know them by name: a suggestion is
        // enough. Departments and poll problems are few and set by the learning team:
        // show them all.
        let list_always = matches!(kind, RefKind::Department | RefKind::Problem);
        let mut help = rule.to_string();
        if is_list && single {
            let field = match path.last() {
                Some(Seg::Key(k)) => *k,
                _ => "this line",
            };
            help = format!(
                "`{field}:` names one {noun}: keep `{}` here{}",
                parts[0],
                if field == "by" {
                    format!(
                        ", and give each other leader a file of their own ({})",
                        parts[1..].join(", ")
                    )
                } else {
                    String::new()
                }
            );
        } else if is_list {
            help = format!(
                "to name several, put them in square brackets: `[{}]`",
                parts.join(", ")
            );
        } else if hidden.is_some() {
            help = match near {
                Some(n) if n == cleaned.trim() => {
                    format!("delete the hidden character and type `{n}` again")
                }
                _ => "delete the hidden character and type the name again".to_string(),
            };
        } else if let Some(n) = near {
            let name = known
                .iter()
                .find(|(id, _)| *id == n)
                .map(|(_, name)| *name)
                .filter(|name| !name.is_empty() && *name != n);
            match name {
                Some(name) => help.push_str(&format!("; did you mean `{n}` ({name})?")),
                None => help.push_str(&format!("; did you mean `{n}`?")),
            }
            if few && list_always {
                help.push_str(&format!(" The {noun}s are: {}", ids.join(", ")));
            }
        } else if few {
            help.push_str(&format!(": {}", ids.join(", ")));
        }
        if !self.valid(path) {
            return;
        }
        self.reported = true;
        let mut location = self.source.locate(path);
        if let Some(column) = location_hint {
            location.column += column - 1;
            location.width = 1;
        }
        let d = Diagnostic::error(kind.code(), message)
            .label(match hidden {
                Some(h) => h.name.to_string(),
                None => format!("unknown {noun}"),
            })
            .help(help)
            .at(location);
        let d = if hidden.is_some() {
            Diagnostic {
                code: &crate::codes::INVISIBLE_CHARACTER,
                ..d
            }
        } else {
            d
        };
        self.diags.push(d);
    }
}

/// How to write an id that is not valid: the one made from it, or an example.
fn id_help(written: &str, example: &str) -> String {
    let suggestion = crate::model::slugify(written);
    if suggestion.is_empty() {
        format!("ids use lowercase letters, digits and single hyphens, like `{example}`")
    } else {
        format!("ids use lowercase letters, digits and single hyphens: write `{suggestion}`")
    }
}

/// Path to item `i` of a one-or-many field.
fn item_path<'a>(base: &[Seg<'a>], list: &OneOrMany, i: usize) -> Vec<Seg<'a>> {
    let mut path = base.to_vec();
    if list.is_list {
        path.push(Seg::Index(i));
    }
    path
}

fn id_index<T>(items: &[T], id: impl Fn(&T) -> &str) -> HashMap<String, usize> {
    items
        .iter()
        .enumerate()
        .map(|(i, x)| (id(x).to_string(), i))
        .collect()
}

fn check_url(refs: &mut Refs<'_>, path: &[Seg<'_>], url: &str) {
    let lower = url.trim().to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://")) {
        refs.error(
            path,
            Diagnostic::error(
                &crate::codes::UNSAFE_LINK,
                format!("`{url}` is not a web address"),
            )
            .label("links must start with https://")
            .help("write the full address of the meeting or page, starting with https://"),
        );
    }
}

/// Whether the top-level `key` of a YAML text is written as a literal block (`key: |`),
/// where a single blank line separates paragraphs. In folded (`>`) and plain text, YAML
/// has already turned each blank line into one line break.
fn is_literal_block(text: &str, key: &str) -> bool {
    text.lines().any(|line| {
        line.strip_prefix(key)
            .and_then(|rest| rest.strip_prefix(':'))
            .is_some_and(|rest| rest.trim_start().starts_with('|'))
    })
}

/// Splits a quote into paragraphs with their lines joined.
pub fn quote_paragraphs(text: &str, literal: bool) -> Vec<String> {
    let separator = if literal { "\n\n" } else { "\n" };
    text.split(separator)
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

/// What resolving one endorsement needs to know about the rest of the site.
struct EndorsementContext<'a> {
    courses: &'a [Course],
    leaders: &'a [Leader],
    course_index: &'a HashMap<String, usize>,
    leader_index: &'a HashMap<String, usize>,
    broken: &'a std::collections::BTreeSet<(Kind, String)>,
}

impl EndorsementContext<'_> {
    /// Resolves one endorsement record; `seen` holds the (course, leader) pairs already
    /// endorsed, with their files.
    fn resolve(
        &self,
        rec: crate::load::Record<crate::model::EndorsementFile>,
        seen: &mut HashMap<(usize, usize), String>,
        diags: &mut Diagnostics,
    ) -> Option<Endorsement> {
        let (courses, leaders) = (self.courses, self.leaders);
        let is_broken = |kind: Kind, id: &str| self.broken.contains(&(kind, id.to_string()));
        let e = &rec.data;
        let mut refs = Refs {
            source: rec.yaml(),
            diags,
            invalid: &rec.invalid,
            reported: false,
        };
        let course = self.course_index.get(&e.course).copied();
        if course.is_none() && !is_broken(Kind::Course, &e.course) {
            refs.unknown(
                &[Seg::Key("course")],
                RefKind::Course,
                &e.course,
                courses.iter().map(|c| (c.slug.as_str(), c.title.as_str())),
                COURSE_RULE,
            );
        }
        let leader = self.leader_index.get(&e.by).copied();
        if leader.is_none() && !is_broken(Kind::Leader, &e.by) {
            refs.unknown(
                &[Seg::Key("by")],
                RefKind::Leader,
                &e.by,
                leaders.iter().map(|l| (l.id.as_str(), l.name.as_str())),
                LEADER_RULE,
            );
        }
        // Sessions are checked whenever the course is known, so a misspelt leader does not
        // hide a misspelt session in the same file.
        let course = course?;
        if let Some(quote) = &e.quote {
            refs.require_text(
                &[Seg::Key("quote")],
                quote,
                "your words for learners (or remove the line)",
            );
        }
        let sessions = &courses[course].sessions;
        let session_ids: Vec<&str> = sessions.iter().map(|s| s.id.as_str()).collect();
        let mut pick = |key: &'static str, list: &OneOrMany| -> Vec<usize> {
            let mut out = Vec::new();
            for (i, id) in list.items.iter().enumerate() {
                match sessions.iter().position(|s| &s.id == id) {
                    Some(s) if !out.contains(&s) => out.push(s),
                    Some(_) => {}
                    None => {
                        let rule = if session_ids.is_empty() {
                            format!(
                                "the course `{}` has no sessions yet; remove `{key}:` or add the session to the course",
                                courses[course].slug
                            )
                        } else {
                            format!(
                                "`{key}:` must be a session id of `{}`: {}",
                                courses[course].slug,
                                session_ids.join(", ")
                            )
                        };
                        let path = item_path(&[Seg::Key("commitments"), Seg::Key(key)], list, i);
                        refs.unknown(
                            &path,
                            RefKind::Session,
                            id,
                            session_ids.iter().map(|s| (*s, "")),
                            &rule,
                        );
                    }
                }
            }
            out.sort_unstable();
            out
        };
        let attend = pick("attend", &e.commitments.attend);
        let observe = pick("observe", &e.commitments.observe);
        let leader = leader?;
        if let Some(first) = seen.get(&(course, leader)) {
            refs.error(
                &[Seg::Key("by")],
                Diagnostic::error(
                    &crate::codes::DUPLICATE_ENDORSEMENT,
                    format!(
                        "{} has already endorsed `{}` in {first}",
                        leaders[leader].name, courses[course].slug
                    ),
                )
                .label("a second endorsement by the same leader")
                .help(format!(
                    "keep one file: copy anything new from this file into {first}, then delete this one"
                )),
            );
            return None;
        }
        seen.insert((course, leader), rec.file.clone());
        let quote = e
            .quote
            .as_deref()
            .map(|q| quote_paragraphs(q, is_literal_block(&rec.text, "quote")))
            .unwrap_or_default();
        let sme = e
            .commitments
            .sme
            .items
            .iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
        Some(Endorsement {
            flawed: refs.flawed(),
            course,
            leader,
            date: e.date,
            quote,
            attend,
            observe,
            sme,
            sign_off: e.commitments.sign_off,
            sponsor: e.commitments.sponsor,
            brief_team: e.commitments.brief_team,
            file: rec.file,
            text: rec.text,
        })
    }
}

const COURSE_RULE: &str = "write the name of a course file in content/courses/, without `.md`";
const LEADER_RULE: &str = "write the name of a file in content/leaders/, without `.yaml`";

/// The order of endorsements: newest first, then by leader name and file.
fn endorsement_order(a: &Endorsement, b: &Endorsement, leaders: &[Leader]) -> std::cmp::Ordering {
    b.date
        .cmp(&a.date)
        .then_with(|| leaders[a.leader].name.cmp(&leaders[b.leader].name))
        .then_with(|| a.file.cmp(&b.file))
}

fn sort_endorsements(endorsements: &mut [Arc<Endorsement>], leaders: &[Leader]) {
    endorsements.sort_by(|a, b| endorsement_order(a, b, leaders));
}

/// Endorsement indexes per course and per leader, in the endorsements' order.
fn endorsement_lookups(
    endorsements: &[Arc<Endorsement>],
    courses: usize,
    leaders: usize,
) -> (Vec<Vec<usize>>, Vec<Vec<usize>>) {
    let mut by_course = vec![Vec::new(); courses];
    let mut by_leader = vec![Vec::new(); leaders];
    for (i, e) in endorsements.iter().enumerate() {
        by_course[e.course].push(i);
        by_leader[e.leader].push(i);
    }
    (by_course, by_leader)
}

/// The site with the endorsement in `file` (relative to the site folder) replaced by the
/// record in `text`: the quick path for the most common edit while serving. Problems in
/// the new record are returned, and the site is left as it was.
pub fn replace_endorsement(site: &Site, file: &str, text: String) -> Result<Site, Vec<Diagnostic>> {
    let id = std::path::Path::new(file)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (record, problems) = crate::load::parse_record::<crate::model::EndorsementFile>(
        file.to_string(),
        id,
        text,
        crate::model::RecordKind::Endorsement,
    );
    let record = match record {
        Some(record) if problems.is_empty() => record,
        _ => return Err(problems),
    };
    let broken = Default::default();
    let context = EndorsementContext {
        courses: &site.courses,
        leaders: &site.leaders,
        course_index: &site.course_index,
        leader_index: &site.leader_index,
        broken: &broken,
    };
    // Another file endorsing the same course by the same leader is a duplicate; the
    // course's own list finds it without looking at every endorsement.
    let mut seen: HashMap<(usize, usize), String> = HashMap::new();
    if let (Some(&c), Some(&l)) = (
        site.course_index.get(&record.data.course),
        site.leader_index.get(&record.data.by),
    ) && let Some(other) = site.endorsements_by_course[c]
        .iter()
        .map(|&i| &site.endorsements[i])
        .find(|e| e.leader == l && e.file != file)
    {
        seen.insert((c, l), other.file.clone());
    }
    let mut diags = Diagnostics::default();
    let Some(new) = context.resolve(record, &mut seen, &mut diags) else {
        return Err(diags.sorted());
    };
    if diags.has_errors() {
        return Err(diags.sorted());
    }
    let mut endorsements = site.endorsements.clone();
    endorsements.retain(|e| e.file != file);
    let new = Arc::new(new);
    let at = endorsements
        .binary_search_by(|e| endorsement_order(e, &new, &site.leaders))
        .unwrap_or_else(|i| i);
    endorsements.insert(at, new);
    let (by_course, by_leader) =
        endorsement_lookups(&endorsements, site.courses.len(), site.leaders.len());
    Ok(Site {
        endorsements,
        endorsements_by_course: by_course,
        endorsements_by_leader: by_leader,
        ..site.clone()
    })
}

/// Resolves every reference in `source`.
pub fn resolve(source: SourceSite) -> (Site, Diagnostics) {
    let mut diags = Diagnostics::default();
    let SourceSite {
        root,
        config,
        courses: source_courses,
        leaders: source_leaders,
        endorsements: source_endorsements,
        meetings: source_meetings,
        polls: source_polls,
        static_files,
        broken,
    } = source;
    let is_broken = |kind: Kind, id: &str| broken.contains(&(kind, id.to_string()));
    // When a poll file cannot be read, its problem ids are unknown: do not report
    // references to problems as mistakes.
    let some_poll_broken = broken.iter().any(|(kind, _)| *kind == Kind::Poll);

    // site.yaml
    let site_file = &config.data;
    let mut refs = Refs {
        source: config.yaml(),
        diags: &mut diags,
        invalid: &config.invalid,
        reported: false,
    };
    let mut departments: Vec<Department> = Vec::new();
    for (i, d) in site_file.departments.iter().enumerate() {
        refs.require_text(
            &[Seg::Key("departments"), Seg::Index(i), Seg::Key("name")],
            &d.name,
            "the department's name as learners know it",
        );
        let path = [Seg::Key("departments"), Seg::Index(i), Seg::Key("id")];
        if !is_valid_id(&d.id) {
            refs.error(
                &path,
                Diagnostic::error(
                    &crate::codes::BAD_ID,
                    format!("`{}` cannot be used as a department id", d.id),
                )
                .help(id_help(&d.id, "customer-service")),
            );
        } else if departments.iter().any(|x| x.id == d.id) {
            refs.error(
                &path,
                Diagnostic::error(
                    &crate::codes::DUPLICATE_ID,
                    format!("the department `{}` is listed twice", d.id),
                )
                .help("give each department its own id"),
            );
        } else {
            departments.push(Department {
                id: d.id.clone(),
                name: d.name.clone(),
                description: d.description.clone(),
            });
        }
    }
    departments.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.id.cmp(&b.id)));
    let base_url = match &site_file.base_url {
        Some(url) => {
            check_url(&mut refs, &[Seg::Key("base_url")], url);
            let mut url = url.trim().to_string();
            if !url.ends_with('/') {
                url.push('/');
            }
            Some(url)
        }
        None => None,
    };
    let theme = site_file
        .theme
        .clone()
        .unwrap_or_else(|| "default".to_string());
    if !is_valid_id(&theme) {
        refs.error(
            &[Seg::Key("theme")],
            Diagnostic::error(
                &crate::codes::BAD_ID,
                format!("`{theme}` cannot be used as a theme name"),
            )
            .help("theme names are folder names under themes/, like `default`"),
        );
    }
    let language = site_file
        .language
        .clone()
        .unwrap_or_else(|| "en".to_string());
    if language.is_empty()
        || !language
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-')
    {
        refs.error(
            &[Seg::Key("language")],
            Diagnostic::error(
                &crate::codes::BAD_LANGUAGE,
                format!("`{language}` is not a language code"),
            )
            .help("write a language code such as `en`, `en-GB` or `fr`"),
        );
    }
    let config_out = Config {
        title: site_file.title.clone(),
        organisation: site_file.organisation.clone(),
        base_url,
        language,
        stale_after: site_file.stale_after.unwrap_or_default(),
        theme,
        allow_raw_html: site_file.allow_raw_html,
        report: site_file.report,
    };
    let department_index = id_index(&departments, |d| &d.id);
    let department_names: Vec<(&str, &str)> = departments
        .iter()
        .map(|d| (d.id.as_str(), d.name.as_str()))
        .collect();

    // Leaders, sorted by name.
    let mut source_leaders = source_leaders;
    // Files are read in no particular order; every sort ends with the file name so the
    // site (and which of two duplicates is reported) never depends on it.
    source_leaders
        .sort_by(|a, b| (&a.data.name, &a.id, &a.file).cmp(&(&b.data.name, &b.id, &b.file)));
    let mut leaders: Vec<Leader> = Vec::new();
    let mut leader_seen: HashMap<&str, ()> = HashMap::new();
    for rec in &source_leaders {
        let mut refs = Refs {
            source: rec.yaml(),
            diags: &mut diags,
            invalid: &rec.invalid,
            reported: false,
        };
        if leader_seen.insert(&rec.id, ()).is_some() {
            refs.error(
                &[],
                Diagnostic::error(
                    &crate::codes::DUPLICATE_ID,
                    format!("there are two leaders called `{}`", rec.id),
                )
                .help("keep one file per leader: `.yaml` or `.yml`, not both"),
            );
            continue;
        }
        refs.require_text(
            &[Seg::Key("name")],
            &rec.data.name,
            "the leader's full name",
        );
        refs.require_text(
            &[Seg::Key("title")],
            &rec.data.title,
            "the leader's job title",
        );
        let department = match &rec.data.department {
            Some(d) => match department_index.get(d) {
                Some(&i) => Some(i),
                None => {
                    refs.unknown(
                        &[Seg::Key("department")],
                        RefKind::Department,
                        d,
                        department_names.iter().copied(),
                        "`department:` must be one of the department ids in site.yaml",
                    );
                    None
                }
            },
            None => None,
        };
        let photo = rec.data.photo.as_ref().and_then(|p| {
            let cleaned = p.trim().trim_start_matches('/').to_string();
            let safe = !cleaned.is_empty()
                && !cleaned.contains("..")
                && !cleaned.contains(':')
                && !cleaned.contains('\\');
            if !safe {
                refs.error(
                    &[Seg::Key("photo")],
                    Diagnostic::error(
                        &crate::codes::BAD_PHOTO,
                        format!("`{p}` is not a file in this site"),
                    )
                    .label("photos must be files under static/")
                    .help("put the photo in static/photos/ and write `photo: photos/<file name>`"),
                );
                return None;
            }
            if !static_files.iter().any(|f| f.output == cleaned) {
                let inside = cleaned.strip_prefix("static/").unwrap_or(&cleaned);
                let near = static_files
                    .iter()
                    .find(|f| f.output == inside)
                    .map(|f| f.output.as_str())
                    .or_else(|| closest(inside, static_files.iter().map(|f| f.output.as_str())));
                let help = match near {
                    Some(n) if inside != cleaned => {
                        format!("write the path inside static/: `photo: {n}`")
                    }
                    Some(n) => format!("did you mean `{n}`? Photo paths are relative to static/"),
                    None => format!("add the photo as static/{cleaned}, or correct the path"),
                };
                refs.error(
                    &[Seg::Key("photo")],
                    Diagnostic::error(
                        &crate::codes::MISSING_PHOTO,
                        format!("there is no photo at `static/{cleaned}`"),
                    )
                    .label("file not found")
                    .help(help),
                );
                return None;
            }
            Some(cleaned)
        });
        leaders.push(Leader {
            flawed: refs.flawed(),
            id: rec.id.clone(),
            file: rec.file.clone(),
            name: rec.data.name.clone(),
            title: rec.data.title.clone(),
            department,
            seniority: rec.data.seniority,
            photo,
        });
    }
    let leader_index = id_index(&leaders, |l| &l.id);
    let leader_names: Vec<(&str, &str)> = leaders
        .iter()
        .map(|l| (l.id.as_str(), l.name.as_str()))
        .collect();
    let leader_rule = LEADER_RULE;

    // Polls and their problems (needed by courses' `addresses`).
    let mut source_polls = source_polls;
    source_polls.sort_by(|a, b| {
        b.data
            .date
            .cmp(&a.data.date)
            .then_with(|| (&a.id, &a.file).cmp(&(&b.id, &b.file)))
    });
    let mut problem_index: HashMap<String, (usize, usize)> = HashMap::new();
    for (p, rec) in source_polls.iter().enumerate() {
        let mut refs = Refs {
            source: rec.yaml(),
            diags: &mut diags,
            invalid: &rec.invalid,
            reported: false,
        };
        refs.require_text(
            &[Seg::Key("question")],
            &rec.data.question,
            "the question managers were asked",
        );
        for (i, problem) in rec.data.problems.iter().enumerate() {
            refs.require_text(
                &[Seg::Key("problems"), Seg::Index(i), Seg::Key("text")],
                &problem.text,
                "the problem in managers' words",
            );
            let path = [Seg::Key("problems"), Seg::Index(i), Seg::Key("id")];
            if !is_valid_id(&problem.id) {
                refs.error(
                    &path,
                    Diagnostic::error(
                        &crate::codes::BAD_ID,
                        format!("`{}` cannot be used as a problem id", problem.id),
                    )
                    .help(id_help(&problem.id, "late-handovers")),
                );
            } else if let Some(&(q, _)) = problem_index.get(&problem.id) {
                let other = &source_polls[q].file;
                refs.error(
                    &path,
                    Diagnostic::error(
                        &crate::codes::DUPLICATE_ID,
                        format!("the problem id `{}` is used twice", problem.id),
                    )
                    .label("already used")
                    .help(format!(
                        "problem ids must be unique across all polls; this one is also in {other}"
                    )),
                );
            } else {
                problem_index.insert(problem.id.clone(), (p, i));
            }
            let votes_path = [Seg::Key("problems"), Seg::Index(i), Seg::Key("votes")];
            if problem.votes > rec.data.respondents && refs.valid(&[Seg::Key("respondents")]) {
                refs.error(
                    &votes_path,
                    Diagnostic::error(
                        &crate::codes::TOO_MANY_VOTES,
                        format!(
                            "{} votes is more than the poll's {} respondents",
                            problem.votes, rec.data.respondents
                        ),
                    )
                    .help("each respondent can vote for a problem once; check `votes:` and `respondents:`"),
                );
            }
        }
    }
    let mut problem_ids: Vec<&str> = problem_index.keys().map(String::as_str).collect();
    problem_ids.sort_unstable();

    // Courses, sorted by title.
    let mut source_courses = source_courses;
    source_courses.sort_by(|a, b| {
        (&a.front.title, &a.slug, &a.file).cmp(&(&b.front.title, &b.slug, &b.file))
    });
    let mut courses: Vec<Course> = Vec::new();
    // (course, poll, problem) links declared on the course side.
    let mut addressed: Vec<(usize, usize, usize)> = Vec::new();
    let mut course_seen: HashMap<String, String> = HashMap::new();
    for sc in source_courses {
        let mut refs = Refs {
            source: sc.yaml(),
            diags: &mut diags,
            invalid: &sc.invalid,
            reported: false,
        };
        if let Some(other) = course_seen.insert(sc.slug.clone(), sc.file.clone()) {
            refs.error(
                &[],
                Diagnostic::error(
                    &crate::codes::DUPLICATE_ID,
                    format!("there are two courses called `{}`", sc.slug),
                )
                .help(format!(
                    "the other one is {other}; rename or remove one of them"
                )),
            );
            continue;
        }
        let fm = &sc.front;
        let index = courses.len();
        refs.require_text(&[Seg::Key("title")], &fm.title, "the course's title");
        refs.require_text(
            &[Seg::Key("summary")],
            &fm.summary,
            "one sentence for the catalog",
        );
        let mut departments_of = Vec::new();
        for (i, d) in fm.departments.iter().enumerate() {
            match department_index.get(d) {
                Some(&x) if !departments_of.contains(&x) => departments_of.push(x),
                Some(_) => {}
                None => refs.unknown(
                    &[Seg::Key("departments"), Seg::Index(i)],
                    RefKind::Department,
                    d,
                    department_names.iter().copied(),
                    "departments must be ids listed under `departments:` in site.yaml",
                ),
            }
        }
        departments_of.sort_unstable();
        let sign_off = fm
            .sign_off
            .as_ref()
            .and_then(|id| match leader_index.get(id) {
                Some(&l) => Some(l),
                None => {
                    if !is_broken(Kind::Leader, id) {
                        refs.unknown(
                            &[Seg::Key("sign_off")],
                            RefKind::Leader,
                            id,
                            leader_names.iter().copied(),
                            leader_rule,
                        );
                    }
                    None
                }
            });
        for (i, p) in fm.addresses.iter().enumerate() {
            match problem_index.get(p) {
                Some(&(poll, problem)) => addressed.push((index, poll, problem)),
                None if some_poll_broken => {}
                None => refs.unknown(
                    &[Seg::Key("addresses"), Seg::Index(i)],
                    RefKind::Problem,
                    p,
                    problem_ids.iter().map(|p| (*p, "")),
                    "`addresses:` lists problem ids from the files in content/polls/",
                ),
            }
        }
        let mut sessions: Vec<Session> = Vec::new();
        for (i, s) in fm.sessions.iter().enumerate() {
            let at = |key| [Seg::Key("sessions"), Seg::Index(i), Seg::Key(key)];
            if !is_valid_id(&s.id) {
                refs.error(
                    &at("id"),
                    Diagnostic::error(
                        &crate::codes::BAD_ID,
                        format!("`{}` cannot be used as a session id", s.id),
                    )
                    .help(id_help(&s.id, "london-march")),
                );
                continue;
            }
            if sessions.iter().any(|x| x.id == s.id) {
                refs.error(
                    &at("id"),
                    Diagnostic::error(
                        &crate::codes::DUPLICATE_ID,
                        format!("the session id `{}` is used twice in this course", s.id),
                    )
                    .help("give each session its own id"),
                );
                continue;
            }
            if let (Some(start), Some(end)) = (s.start, s.end)
                && end <= start
                && refs.valid(&at("start"))
            {
                refs.error(
                    &at("end"),
                    Diagnostic::error(
                        &crate::codes::SESSION_ENDS_BEFORE_START,
                        format!("the session ends ({end}) before it starts ({start})"),
                    )
                    .help("check `start:` and `end:`; times use the 24-hour clock, like \"14:00\""),
                );
            }
            if let Some(link) = &s.link {
                check_url(&mut refs, &at("link"), link);
            }
            if s.location.is_none() && s.link.is_none() {
                refs.error(
                    &[Seg::Key("sessions"), Seg::Index(i)],
                    Diagnostic::error(
                        &crate::codes::SESSION_WITHOUT_PLACE,
                        format!("session `{}` has neither a location nor a link", s.id),
                    )
                    .help(
                        "add `location: …` for a room or `link: https://…` for an online session",
                    ),
                );
            }
            sessions.push(Session {
                id: s.id.clone(),
                date: s.date,
                start: s.start,
                end: s.end,
                location: s.location.clone(),
                link: s.link.clone(),
                capacity: s.capacity,
            });
        }
        sessions.sort_by(|a, b| (a.date, a.start, &a.id).cmp(&(b.date, b.start, &b.id)));
        let mut tags = fm.tags.clone();
        tags.sort();
        tags.dedup();
        courses.push(Course {
            flawed: refs.flawed(),
            slug: sc.slug.clone(),
            file: sc.file.clone(),
            title: fm.title.clone(),
            summary: fm.summary.clone(),
            departments: departments_of,
            audience: fm.audience.clone(),
            format: fm.format,
            duration: fm.duration.clone(),
            objectives: fm.objectives.clone(),
            tags,
            draft: fm.draft,
            sessions,
            sign_off,
            body_range: sc.body_range.clone(),
            body_line: sc.body_line,
            text: sc.text,
            assets: sc.assets.clone(),
        });
    }
    let course_index = id_index(&courses, |c| &c.slug);
    let course_names: Vec<(&str, &str)> = courses
        .iter()
        .map(|c| (c.slug.as_str(), c.title.as_str()))
        .collect();
    let course_rule = COURSE_RULE;

    // Endorsements.
    let context = EndorsementContext {
        courses: &courses,
        leaders: &leaders,
        course_index: &course_index,
        leader_index: &leader_index,
        broken: &broken,
    };
    let mut seen: HashMap<(usize, usize), String> = HashMap::new();
    let mut endorsements: Vec<Arc<Endorsement>> = Vec::new();
    let mut source_endorsements = source_endorsements;
    source_endorsements.sort_by(|a, b| a.file.cmp(&b.file));
    for rec in source_endorsements {
        if let Some(e) = context.resolve(rec, &mut seen, &mut diags) {
            endorsements.push(Arc::new(e));
        }
    }
    sort_endorsements(&mut endorsements, &leaders);

    // Meetings.
    let mut source_meetings = source_meetings;
    source_meetings.sort_by(|a, b| {
        b.data
            .date
            .cmp(&a.data.date)
            .then_with(|| (&a.id, &a.file).cmp(&(&b.id, &b.file)))
    });
    let mut meetings: Vec<Meeting> = Vec::new();
    for rec in &source_meetings {
        let m = &rec.data;
        let mut refs = Refs {
            source: rec.yaml(),
            diags: &mut diags,
            invalid: &rec.invalid,
            reported: false,
        };
        refs.require_text(&[Seg::Key("title")], &m.title, "the meeting's title");
        let mut attendees = Vec::new();
        for (i, id) in m.attendees.iter().enumerate() {
            match leader_index.get(id) {
                Some(&l) if !attendees.contains(&l) => attendees.push(l),
                Some(_) => {}
                None if is_broken(Kind::Leader, id) => {}
                None => refs.unknown(
                    &[Seg::Key("attendees"), Seg::Index(i)],
                    RefKind::Leader,
                    id,
                    leader_names.iter().copied(),
                    leader_rule,
                ),
            }
        }
        attendees.sort_unstable();
        let mut outcomes = Vec::new();
        for (i, o) in m.outcomes.iter().enumerate() {
            let at = |key| [Seg::Key("outcomes"), Seg::Index(i), Seg::Key(key)];
            let course = course_index.get(&o.course).copied();
            if course.is_none() && !is_broken(Kind::Course, &o.course) {
                refs.unknown(
                    &at("course"),
                    RefKind::Course,
                    &o.course,
                    course_names.iter().copied(),
                    course_rule,
                );
            }
            let owner = o.owner.as_ref().and_then(|id| match leader_index.get(id) {
                Some(&l) => Some(l),
                None => {
                    if !is_broken(Kind::Leader, id) {
                        refs.unknown(
                            &at("owner"),
                            RefKind::Leader,
                            id,
                            leader_names.iter().copied(),
                            leader_rule,
                        );
                    }
                    None
                }
            });
            let (kind, text) = match (&o.decision, &o.commitment) {
                (Some(d), None) => (OutcomeKind::Decision, d.clone()),
                (None, Some(c)) => (OutcomeKind::Commitment, c.clone()),
                (Some(_), Some(_)) => {
                    refs.error(
                        &at("commitment"),
                        Diagnostic::error(
                            &crate::codes::OUTCOME_KIND,
                            "an outcome has both a `decision` and a `commitment`",
                        )
                        .help("split it into two outcomes, each with one of them"),
                    );
                    continue;
                }
                (None, None) => {
                    refs.error(
                        &[Seg::Key("outcomes"), Seg::Index(i)],
                        Diagnostic::error(
                            &crate::codes::OUTCOME_KIND,
                            "this outcome says neither what was decided nor what was committed",
                        )
                        .help("add `decision: …` or `commitment: …`"),
                    );
                    continue;
                }
            };
            if let Some(course) = course {
                outcomes.push(Outcome {
                    course,
                    kind,
                    text: text.trim().to_string(),
                    owner,
                });
            }
        }
        meetings.push(Meeting {
            id: rec.id.clone(),
            file: rec.file.clone(),
            text: rec.text.clone(),
            flawed: refs.flawed(),
            title: m.title.clone(),
            date: m.date,
            kind: m.kind,
            attendees,
            summary: m
                .summary
                .as_deref()
                .map(|md| summary_at(&rec.yaml(), &[Seg::Key("summary")], md)),
            outcomes,
        });
    }

    // Polls: resolve problem → course links from both sides.
    let mut polls: Vec<Poll> = Vec::new();
    for (p, rec) in source_polls.iter().enumerate() {
        let mut refs = Refs {
            source: rec.yaml(),
            diags: &mut diags,
            invalid: &rec.invalid,
            reported: false,
        };
        let mut problems = Vec::new();
        for (i, def) in rec.data.problems.iter().enumerate() {
            let mut linked = Vec::new();
            for (j, slug) in def.courses.iter().enumerate() {
                match course_index.get(slug) {
                    Some(&c) => linked.push(c),
                    None if is_broken(Kind::Course, slug) => {}
                    None => refs.unknown(
                        &[
                            Seg::Key("problems"),
                            Seg::Index(i),
                            Seg::Key("courses"),
                            Seg::Index(j),
                        ],
                        RefKind::Course,
                        slug,
                        course_names.iter().copied(),
                        course_rule,
                    ),
                }
            }
            linked.extend(
                addressed
                    .iter()
                    .filter(|(_, poll, problem)| *poll == p && *problem == i)
                    .map(|(c, _, _)| *c),
            );
            linked.sort_unstable();
            linked.dedup();
            problems.push(Problem {
                id: def.id.clone(),
                text: def.text.clone(),
                votes: def.votes,
                courses: linked,
            });
        }
        problems.sort_by(|a, b| b.votes.cmp(&a.votes).then_with(|| a.id.cmp(&b.id)));
        polls.push(Poll {
            id: rec.id.clone(),
            file: rec.file.clone(),
            text: rec.text.clone(),
            flawed: refs.flawed(),
            question: rec.data.question.clone(),
            date: rec.data.date,
            respondents: rec.data.respondents,
            problems,
        });
    }

    // Lookups.
    let (endorsements_by_course, endorsements_by_leader) =
        endorsement_lookups(&endorsements, courses.len(), leaders.len());
    let mut outcomes_by_course = vec![Vec::new(); courses.len()];
    let mut meetings_by_leader = vec![Vec::new(); leaders.len()];
    for (m, meeting) in meetings.iter().enumerate() {
        for (o, outcome) in meeting.outcomes.iter().enumerate() {
            outcomes_by_course[outcome.course].push((m, o));
        }
        for &l in &meeting.attendees {
            meetings_by_leader[l].push(m);
        }
    }
    let mut problems_by_course = vec![Vec::new(); courses.len()];
    for (p, poll) in polls.iter().enumerate() {
        for (i, problem) in poll.problems.iter().enumerate() {
            for &c in &problem.courses {
                problems_by_course[c].push((p, i));
            }
        }
    }
    for list in &mut problems_by_course {
        list.sort_by(|a, b| {
            polls[b.0].problems[b.1]
                .votes
                .cmp(&polls[a.0].problems[a.1].votes)
                .then_with(|| a.cmp(b))
        });
    }

    let site = Site {
        root,
        config: config_out,
        departments: Arc::new(departments),
        courses: Arc::new(courses),
        leaders: Arc::new(leaders),
        endorsements,
        meetings: Arc::new(meetings),
        polls: Arc::new(polls),
        static_files: Arc::new(static_files),
        course_index: Arc::new(course_index),
        leader_index: Arc::new(leader_index),
        endorsements_by_course,
        endorsements_by_leader,
        outcomes_by_course: Arc::new(outcomes_by_course),
        meetings_by_leader: Arc::new(meetings_by_leader),
        problems_by_course: Arc::new(problems_by_course),
    };
    (site, diags)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Record, SourceCourse, split_front_matter};
    use crate::yaml::{self, YamlSource};

    fn record<T: serde::de::DeserializeOwned>(id: &str, file: &str, text: &str) -> Record<T> {
        let data = yaml::read(
            &YamlSource::whole_file(file, text),
            "a record",
            &yaml::Plain,
        )
        .value
        .expect("valid test record");
        Record {
            id: id.to_string(),
            file: file.to_string(),
            text: text.to_string(),
            data,
            invalid: Default::default(),
        }
    }

    fn course(slug: &str, text: &str) -> SourceCourse {
        let split = split_front_matter(text).expect("front matter");
        let file = format!("content/courses/{slug}.md");
        let src = YamlSource {
            file: &file,
            whole: text,
            yaml: &text[split.front.clone()],
            line_offset: 1,
        };
        let front = yaml::read(&src, "a course", &yaml::Plain)
            .value
            .expect("valid front matter");
        SourceCourse {
            slug: slug.to_string(),
            file: file.clone(),
            text: text.to_string(),
            front_range: split.front,
            body_range: split.body,
            body_line: split.body_line,
            front,
            invalid: Default::default(),
            assets: Vec::new(),
        }
    }

    fn source() -> SourceSite {
        SourceSite {
            root: PathBuf::from("."),
            config: record(
                "site",
                "site.yaml",
                "title: T\norganisation: O\ndepartments:\n  - id: ops\n    name: Operations\n",
            ),
            courses: vec![course(
                "intro",
                "---\ntitle: Intro\nsummary: S\ndepartments: [ops]\nformat: workshop\naddresses: [p1]\nsessions:\n  - id: s1\n    date: 2026-12-01\n    location: Room\n---\n",
            )],
            leaders: vec![
                record(
                    "ann",
                    "content/leaders/ann.yaml",
                    "name: Ann\ntitle: CEO\nseniority: executive\n",
                ),
                record(
                    "bob",
                    "content/leaders/bob.yaml",
                    "name: Bob\ntitle: Lead\nseniority: manager\n",
                ),
            ],
            endorsements: vec![
                record(
                    "a",
                    "content/endorsements/a.yaml",
                    "course: intro\nby: ann\ndate: 2026-10-01\ncommitments:\n  attend: s1\n",
                ),
                record(
                    "b",
                    "content/endorsements/b.yaml",
                    "course: intro\nby: bob\ndate: 2026-11-01\n",
                ),
            ],
            meetings: vec![record(
                "m",
                "content/meetings/m.yaml",
                "title: M\ndate: 2026-09-01\nkind: briefing\nattendees: [bob, ann]\noutcomes:\n  - course: intro\n    decision: D\n",
            )],
            polls: vec![record(
                "p",
                "content/polls/p.yaml",
                "question: Q\ndate: 2026-08-01\nrespondents: 10\nproblems:\n  - id: p0\n    text: Less\n    votes: 2\n    courses: [intro]\n  - id: p1\n    text: More\n    votes: 7\n",
            )],
            static_files: Vec::new(),
            broken: Default::default(),
        }
    }

    #[test]
    fn quote_paragraphs_follow_the_yaml_style() {
        let folded: serde_yaml::Value =
            serde_yaml::from_str("quote: >\n  One\n  line.\n\n  Two.\n").unwrap();
        let folded = folded["quote"].as_str().unwrap();
        assert_eq!(quote_paragraphs(folded, false), ["One line.", "Two."]);
        let literal = "quote: |\n  One\n  line.\n\n  Two.\n";
        assert!(is_literal_block(literal, "quote"));
        let value: serde_yaml::Value = serde_yaml::from_str(literal).unwrap();
        assert_eq!(
            quote_paragraphs(value["quote"].as_str().unwrap(), true),
            ["One line.", "Two."]
        );
        assert!(!is_literal_block("quote: \"a | b\"\n", "quote"));
    }

    #[test]
    fn references_become_indexes_and_lookups() {
        let (site, diags) = resolve(source());
        assert!(diags.is_empty(), "{:?}", diags.sorted());
        assert_eq!(
            site.leaders
                .iter()
                .map(|l| l.id.as_str())
                .collect::<Vec<_>>(),
            ["ann", "bob"]
        );
        // Newest endorsement first; each indexed by course and leader.
        assert_eq!(site.endorsements[0].leader, 1);
        assert_eq!(site.endorsements_by_course[0], vec![0, 1]);
        assert_eq!(site.endorsements_by_leader[0], vec![1]);
        assert_eq!(site.endorsements[1].attend, vec![0]);
        assert_eq!(site.meetings[0].attendees, vec![0, 1]);
        assert_eq!(site.outcomes_by_course[0], vec![(0, 0)]);
        // Problems sorted by votes; linked from both sides.
        let poll = &site.polls[0];
        assert_eq!(poll.problems[0].id, "p1");
        assert_eq!(poll.problems[0].courses, vec![0]);
        assert_eq!(poll.problems[1].courses, vec![0]);
        assert_eq!(site.problems_by_course[0], vec![(0, 0), (0, 1)]);
    }

    #[test]
    fn unknown_references_name_the_closest_valid_one() {
        let mut src = source();
        src.endorsements.push(record(
            "c",
            "content/endorsements/c.yaml",
            "course: intr\nby: anne\ndate: 2026-10-01\n",
        ));
        let (_, diags) = resolve(src);
        let found: Vec<(String, Option<String>, usize)> = diags
            .sorted()
            .into_iter()
            .map(|d| (d.message, d.help, d.location.map(|l| l.line).unwrap_or(0)))
            .collect();
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].0, "there is no course called `intr`");
        assert!(
            found[0]
                .1
                .as_deref()
                .unwrap()
                .ends_with("did you mean `intro` (Intro)?")
        );
        assert_eq!(found[0].2, 1);
        assert_eq!(found[1].0, "there is no leader called `anne`");
        assert!(
            found[1]
                .1
                .as_deref()
                .unwrap()
                .ends_with("did you mean `ann` (Ann)?")
        );
        assert_eq!(found[1].2, 2);
    }

    #[test]
    fn references_to_broken_records_are_not_reported_again() {
        let mut src = source();
        src.leaders.retain(|l| l.id != "bob");
        src.broken.insert((Kind::Leader, "bob".to_string()));
        let (_, diags) = resolve(src);
        assert!(diags.is_empty(), "{:?}", diags.sorted());
    }
}
