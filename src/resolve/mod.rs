//! Stage 2, `resolve`: turns a `SourceSite` into a `Site` where every reference (course,
//! leader, session, department, poll problem) is a typed id, and builds the lookups pages
//! need (endorsements per course and per leader, outcomes, problems). Reports unknown and
//! duplicate names with the closest valid one. Reads no files and renders nothing.
//!
//! One file per kind of record, resolved in the order their references need: site.yaml
//! (departments), leaders, polls (their problems), courses (then their prerequisites),
//! endorsements, meetings, questions; the lookup of references lives in `refs`.

mod courses;
mod endorsements;
mod ids;
mod languages;
mod leaders;
mod meetings;
mod polls;
mod questions;
mod refs;
mod site;
#[cfg(test)]
mod tests;

use std::path::PathBuf;
use std::sync::Arc;

use crate::diagnostics::Diagnostics;
use crate::load::{SourceSite, StaticFile};
use crate::model::{Date, Format, MeetingKind, Period, RecordKind, Seniority, Time};

pub use endorsements::quote_paragraphs;
pub use ids::{
    CourseId, DepartmentId, EndorsementId, LeaderId, MeetingId, OutcomeRef, PollId, ProblemRef,
    QuestionId, SessionId,
};

#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub title: String,
    pub organisation: String,
    /// Absolute URL of the site, ending in `/`, when configured.
    pub base_url: Option<String>,
    /// The default language: the first of `languages`.
    pub language: String,
    /// Every language the site is published in, the default first.
    pub languages: Vec<String>,
    pub stale_after: Period,
    /// Theme folder name; `default` is built in.
    pub theme: String,
    /// Publish raw HTML in course Markdown instead of showing it as text.
    pub allow_raw_html: bool,
    /// Write the backing report for L&D to `report/index.html`.
    pub report: bool,
    /// Where learners ask a leader who has no `contact` of their own.
    pub ask_url: Option<String>,
    /// The IANA name of the zone sessions are held in, when site.yaml gives one.
    pub timezone: Option<String>,
    /// The title, organisation and department names in the other languages.
    pub translations: crate::model::Translations<crate::model::SiteTranslation>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Department {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Session {
    pub id: String,
    pub date: Date,
    pub start: Option<Time>,
    pub end: Option<Time>,
    pub location: Option<String>,
    pub link: Option<String>,
    pub capacity: Option<u32>,
    /// Where to book it, when not the course's `enrol`.
    pub enrol: Option<String>,
    pub full: bool,
    pub waitlist: Option<String>,
    /// The IANA name of the zone its times are in: its own `timezone` or the site's.
    pub timezone: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Course {
    pub slug: String,
    pub file: String,
    /// Some values in the front matter were refused, or a reference in it is unknown
    /// (and reported); advice leaves it alone.
    pub flawed: bool,
    pub title: String,
    pub summary: String,
    pub departments: Vec<DepartmentId>,
    pub audience: Option<String>,
    pub format: Format,
    pub duration: Option<String>,
    pub objectives: Vec<String>,
    pub tags: Vec<String>,
    pub draft: bool,
    /// By date and start time.
    pub sessions: Vec<Session>,
    /// The leader named in the front matter's `sign_off`.
    pub sign_off: Option<LeaderId>,
    /// Where to book a place.
    pub enrol: Option<String>,
    /// Courses to take first, in the order written.
    pub requires: Vec<CourseId>,
    /// What a learner's manager needs to know.
    pub brief: Option<Brief>,
    /// Where the Markdown body is in `file` (read when the page is made).
    pub body: crate::load::Body,
    /// The file's text up to the body, for pointing at lines.
    pub text: Arc<str>,
    pub assets: Vec<(PathBuf, String)>,
    /// Its texts in other languages, from `courses/<slug>.<lang>.md`.
    pub translations: std::collections::BTreeMap<String, Arc<CourseText>>,
    /// In a site shown in another language: the language its texts are written in, when
    /// that language has no translation of them.
    pub original: Option<String>,
    /// In a site shown in another language: the language of the page text, when the
    /// translation gives none of its own.
    pub body_original: Option<String>,
    /// In a site shown in another language, for a translated course: the fields its
    /// translation leaves out (`title`, `summary`, `audience`, `duration`, `objectives`,
    /// `brief`), shown in `fields_original`.
    pub untranslated: Vec<&'static str>,
    pub fields_original: Option<String>,
}

/// A question and its answer in another language.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionText {
    pub question: Option<String>,
    /// The answer's paragraphs.
    pub answer: Option<Arc<[String]>>,
}

/// A meeting's texts in another language.
#[derive(Debug, Clone, PartialEq)]
pub struct MeetingText {
    pub title: Option<String>,
    pub summary: Option<Summary>,
    /// By the outcomes' places in the meeting's file.
    pub outcomes: Vec<String>,
}

/// A course's texts in another language, from its translation file.
#[derive(Debug, Clone, PartialEq)]
pub struct CourseText {
    pub file: String,
    pub text: Arc<str>,
    pub title: Option<String>,
    pub summary: Option<String>,
    pub audience: Option<String>,
    pub duration: Option<String>,
    pub objectives: Option<Vec<String>>,
    pub brief: Option<Brief>,
    pub body: crate::load::Body,
}

impl Course {
    /// The language `field` is shown in when it is not the page's: the course's own
    /// language when it has no translation, or when its translation leaves `field` out.
    pub fn field_lang(&self, field: &str) -> Option<String> {
        self.original.clone().or_else(|| {
            self.untranslated
                .contains(&field)
                .then(|| self.fields_original.clone())
                .flatten()
        })
    }
}

/// A course's manager's brief.
#[derive(Debug, Clone, PartialEq)]
pub struct Brief {
    /// What is in it for the manager and the team (Markdown).
    pub why: Option<Summary>,
    /// What to discuss with the learner before the course.
    pub before: Vec<String>,
    /// What to do in the weeks after it.
    pub after: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Leader {
    pub id: String,
    pub file: String,
    /// Some values in the file were refused, or a reference in it is unknown (and
    /// reported); advice leaves it alone.
    pub flawed: bool,
    pub name: String,
    pub title: String,
    pub department: Option<DepartmentId>,
    pub seniority: Seniority,
    /// Output path of the photo, under the site root.
    pub photo: Option<String>,
    /// How learners can ask them a question (`mailto:` or `https://`).
    pub contact: Option<String>,
    pub translations: Arc<crate::model::Translations<crate::model::LeaderTranslation>>,
    /// In a site shown in another language: the language of `title`, when untranslated.
    pub original: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Endorsement {
    pub file: String,
    /// Some values in the file were refused (and reported); advice leaves it alone.
    pub flawed: bool,
    /// The file's text, for pointing at lines in later advice.
    pub text: Arc<str>,
    pub course: CourseId,
    pub leader: LeaderId,
    pub date: Date,
    /// The quote's paragraphs (empty when there is no quote).
    pub quote: Arc<[String]>,
    /// Sessions of the course, in session order.
    pub attend: Vec<SessionId>,
    pub observe: Vec<SessionId>,
    pub sme: Arc<[String]>,
    pub sign_off: bool,
    pub sponsor: bool,
    pub brief_team: bool,
    /// The day the leader finished the course as a learner.
    pub completed: Option<Date>,
    /// How soon after the course they meet each learner.
    pub follow_up: Option<Period>,
    /// The quote's paragraphs in other languages.
    pub translations: Arc<std::collections::BTreeMap<String, Arc<[String]>>>,
    /// In a site shown in another language, when the quote is translated: the leader's
    /// own words.
    pub quote_original: Option<Arc<[String]>>,
    /// In a site shown in another language, when the quote is not translated: the
    /// language it is written in.
    pub quote_lang: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutcomeKind {
    Decision,
    Commitment,
}

impl OutcomeKind {
    /// The name templates see: `decision` or `commitment`.
    pub fn as_str(self) -> &'static str {
        match self {
            OutcomeKind::Decision => "decision",
            OutcomeKind::Commitment => "commitment",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub course: CourseId,
    pub kind: OutcomeKind,
    pub text: String,
    pub owner: Option<LeaderId>,
    /// Its place under the meeting's `outcomes:`.
    pub place: usize,
    /// In a site shown in another language: the language of `text`, when untranslated.
    pub original: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Meeting {
    pub id: String,
    pub file: String,
    /// The file's text, for pointing at lines in later advice.
    pub text: Arc<str>,
    /// Some values in the file were refused (and reported); advice leaves it alone.
    pub flawed: bool,
    pub title: String,
    pub date: Date,
    pub kind: MeetingKind,
    /// Title, summary and outcomes' texts in other languages.
    pub translations: std::collections::BTreeMap<String, MeetingText>,
    /// In a site shown in another language: the language of its texts, when untranslated.
    pub original: Option<String>,
    pub attendees: Vec<LeaderId>,
    /// Markdown, with where it sits in the file.
    pub summary: Option<Summary>,
    pub outcomes: Vec<Outcome>,
}

/// Markdown written inside a YAML file, and where its first line is.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub markdown: String,
    /// The whole file.
    pub text: Arc<str>,
    /// 1-based line of the file where the Markdown starts.
    pub first_line: usize,
    /// Columns of indentation before each of its lines.
    pub indent: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub id: String,
    pub text: String,
    pub votes: u32,
    /// Courses that address it, from either side of the link, in course order.
    pub courses: Vec<CourseId>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Poll {
    pub id: String,
    pub file: String,
    /// The file's text, for pointing at lines in later advice.
    pub text: Arc<str>,
    /// Some values in the file were refused (and reported); advice leaves it alone.
    pub flawed: bool,
    pub question: String,
    pub date: Date,
    pub respondents: u32,
    pub translations: Arc<crate::model::Translations<crate::model::PollTranslation>>,
    /// In a site shown in another language: the language of its texts, when untranslated.
    pub original: Option<String>,
    /// Sorted by votes, most first.
    pub problems: Vec<Problem>,
}

/// A learner's question to leaders about a course, and its answer once given.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    pub id: String,
    pub file: String,
    /// The file's text, for pointing at lines in later advice.
    pub text: Arc<str>,
    /// Some values in the file were refused (and reported); advice leaves it alone.
    pub flawed: bool,
    pub course: CourseId,
    pub session: Option<SessionId>,
    pub asked: Date,
    pub question: String,
    pub asked_by: Option<String>,
    pub answer: Option<Answer>,
    pub translations: Arc<std::collections::BTreeMap<String, QuestionText>>,
    /// In a site shown in another language: the language of its texts, when untranslated.
    pub original: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    /// Its paragraphs.
    pub text: Arc<[String]>,
    pub by: LeaderId,
    pub on: Date,
}

/// A fully resolved site: every reference checked, every list in its final order.
#[derive(Clone)]
pub struct Site {
    pub root: PathBuf,
    pub config: Config,
    /// Sorted by name.
    pub departments: Vec<Department>,
    /// Sorted by title.
    pub courses: Vec<Course>,
    /// Sorted by name.
    pub leaders: Vec<Leader>,
    /// Newest first.
    pub endorsements: Vec<Endorsement>,
    /// Newest first.
    pub meetings: Vec<Meeting>,
    /// Newest first.
    pub polls: Vec<Poll>,
    /// Answered ones first, newest answer first; then the rest, oldest question first.
    pub questions: Vec<Question>,
    pub static_files: Vec<StaticFile>,
    /// Endorsements per course and per leader, newest first.
    pub endorsements_by_course: Vec<Vec<EndorsementId>>,
    pub endorsements_by_leader: Vec<Vec<EndorsementId>>,
    /// Meeting outcomes per course.
    pub outcomes_by_course: Vec<Vec<OutcomeRef>>,
    /// Meetings each leader attended.
    pub meetings_by_leader: Vec<Vec<MeetingId>>,
    /// Poll problems per course, most votes first.
    pub problems_by_course: Vec<Vec<ProblemRef>>,
    /// Questions per course (in the site's question order).
    pub questions_by_course: Vec<Vec<QuestionId>>,
    /// Courses that require each course, in course order.
    pub required_by: Vec<Vec<CourseId>>,
    /// Sessions are held in more than one time zone, so pages name each session's zone.
    pub several_zones: bool,
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

impl Site {
    /// Lets go of the files' texts kept for pointing at problems in them, once resolving
    /// and advice have found those problems: a large site's records hold tens of MiB of
    /// text that the pages never show. (Markdown inside records keeps its text, to point
    /// at problems found when it is made into HTML.)
    pub fn let_go_of_texts(&mut self) {
        let none: Arc<str> = Arc::from("");
        for c in &mut self.courses {
            c.text = Arc::clone(&none);
            for t in c.translations.values_mut() {
                Arc::make_mut(t).text = Arc::clone(&none);
            }
        }
        for e in &mut self.endorsements {
            e.text = Arc::clone(&none);
        }
        for m in &mut self.meetings {
            m.text = Arc::clone(&none);
        }
        for p in &mut self.polls {
            p.text = Arc::clone(&none);
        }
        for q in &mut self.questions {
            q.text = Arc::clone(&none);
        }
    }

    /// Every course with its id, in catalog order.
    pub fn courses(&self) -> impl Iterator<Item = (CourseId, &Course)> {
        CourseId::all(self.courses.len()).zip(&self.courses)
    }

    /// Courses that are published (not drafts), in catalog order.
    pub fn published(&self) -> impl Iterator<Item = (CourseId, &Course)> {
        self.courses().filter(|(_, c)| !c.draft)
    }

    pub fn leaders(&self) -> impl Iterator<Item = (LeaderId, &Leader)> {
        LeaderId::all(self.leaders.len()).zip(&self.leaders)
    }

    pub fn endorsements(&self) -> impl Iterator<Item = (EndorsementId, &Endorsement)> {
        EndorsementId::all(self.endorsements.len()).zip(&self.endorsements)
    }

    pub fn meetings(&self) -> impl Iterator<Item = (MeetingId, &Meeting)> {
        MeetingId::all(self.meetings.len()).zip(&self.meetings)
    }

    pub fn polls(&self) -> impl Iterator<Item = (PollId, &Poll)> {
        PollId::all(self.polls.len()).zip(&self.polls)
    }

    pub fn questions(&self) -> impl Iterator<Item = (QuestionId, &Question)> {
        QuestionId::all(self.questions.len()).zip(&self.questions)
    }

    pub fn departments(&self) -> impl Iterator<Item = (DepartmentId, &Department)> {
        DepartmentId::all(self.departments.len()).zip(&self.departments)
    }

    /// The endorsements of a course, newest first.
    pub fn endorsements_of_course(
        &self,
        course: CourseId,
    ) -> impl Iterator<Item = (EndorsementId, &Endorsement)> {
        self.endorsements_by_course[course.index()]
            .iter()
            .map(|&e| (e, &self.endorsements[e]))
    }

    /// The endorsements a leader gave, newest first.
    pub fn endorsements_of_leader(
        &self,
        leader: LeaderId,
    ) -> impl Iterator<Item = (EndorsementId, &Endorsement)> {
        self.endorsements_by_leader[leader.index()]
            .iter()
            .map(|&e| (e, &self.endorsements[e]))
    }

    pub fn outcome(&self, at: OutcomeRef) -> &Outcome {
        &self.meetings[at.meeting].outcomes[at.outcome]
    }

    pub fn problem(&self, at: ProblemRef) -> &Problem {
        &self.polls[at.poll].problems[at.problem]
    }

    pub fn session(&self, course: CourseId, session: SessionId) -> &Session {
        &self.courses[course].sessions[session]
    }
}

/// Resolves every reference in `source`, letting go of its records as they are resolved
/// (a watching project's load cache shares them, so a later change to one file is
/// resolved again without reading the others).
pub fn resolve(mut source: SourceSite) -> (Site, Diagnostics) {
    let mut diags = Diagnostics::default();
    let broken = |kind: RecordKind| -> Vec<String> {
        source
            .broken
            .iter()
            .filter(|(k, _)| *k == kind)
            .map(|(_, id)| id.clone())
            .collect()
    };
    let (config, departments) = site::resolve(&source.config, &mut diags);
    let department_names = site::names(&departments);
    let leaders = leaders::resolve(
        &source.leaders,
        &department_names,
        &source.static_files,
        &mut diags,
    );
    let leader_names = leaders::names(&leaders).broken(broken(RecordKind::Leader));
    let some_poll_broken = source
        .broken
        .iter()
        .any(|(kind, _)| *kind == RecordKind::Poll);
    let indexed = polls::index(&source.polls, some_poll_broken, &mut diags);
    let (courses, addressed) = courses::resolve(
        &source.courses,
        config.timezone.as_deref(),
        &department_names,
        &leader_names,
        &indexed.names,
        &mut diags,
    );
    let mut courses = courses;
    let course_names = courses::names(&courses).broken(broken(RecordKind::Course));
    courses::prerequisites(&source.courses, &mut courses, &course_names, &mut diags);
    languages::check(&source, &config.languages, &mut diags);
    courses::translations(
        &source.translations,
        &mut courses,
        &course_names,
        &config.languages,
        &mut diags,
    );
    // The course files are resolved: let go of them before the largest kind is resolved.
    drop(std::mem::take(&mut source.courses));
    drop(std::mem::take(&mut source.translations));
    // Let go as they are resolved (the site holds what they say).
    let endorsements = endorsements::resolve(
        std::mem::take(&mut source.endorsements),
        &courses,
        &leaders,
        &course_names,
        &leader_names,
        &mut diags,
    );
    let meetings = meetings::resolve(&source.meetings, &course_names, &leader_names, &mut diags);
    let polls = polls::resolve(&indexed, &course_names, &addressed, &mut diags);
    let questions = questions::resolve(
        &source.questions,
        &courses,
        &course_names,
        &leader_names,
        &mut diags,
    );

    let mut site = Site {
        root: source.root.clone(),
        config,
        departments,
        courses,
        leaders,
        endorsements,
        meetings,
        polls,
        questions,
        static_files: source.static_files.clone(),
        endorsements_by_course: Vec::new(),
        endorsements_by_leader: Vec::new(),
        outcomes_by_course: Vec::new(),
        meetings_by_leader: Vec::new(),
        problems_by_course: Vec::new(),
        questions_by_course: Vec::new(),
        required_by: Vec::new(),
        several_zones: false,
    };
    drop(source);
    lookups(&mut site);
    (site, diags)
}

/// Fills the site's lookups from its lists.
fn lookups(site: &mut Site) {
    let mut zones: Vec<Option<&str>> = site
        .published()
        .flat_map(|(_, c)| &c.sessions)
        .filter(|s| s.start.is_some())
        .map(|s| s.timezone.as_deref())
        .collect();
    zones.sort_unstable();
    zones.dedup();
    site.several_zones = zones.len() > 1;
    let mut by_course = vec![Vec::new(); site.courses.len()];
    let mut by_leader = vec![Vec::new(); site.leaders.len()];
    for (id, e) in site.endorsements() {
        by_course[e.course.index()].push(id);
        by_leader[e.leader.index()].push(id);
    }
    let mut outcomes_by_course = vec![Vec::new(); site.courses.len()];
    let mut meetings_by_leader = vec![Vec::new(); site.leaders.len()];
    for (m, meeting) in site.meetings() {
        for (o, outcome) in meeting.outcomes.iter().enumerate() {
            outcomes_by_course[outcome.course.index()].push(OutcomeRef {
                meeting: m,
                outcome: o,
            });
        }
        for &l in &meeting.attendees {
            meetings_by_leader[l.index()].push(m);
        }
    }
    let mut problems_by_course = vec![Vec::new(); site.courses.len()];
    for (p, poll) in site.polls() {
        for (i, problem) in poll.problems.iter().enumerate() {
            for &c in &problem.courses {
                problems_by_course[c.index()].push(ProblemRef {
                    poll: p,
                    problem: i,
                });
            }
        }
    }
    for list in &mut problems_by_course {
        list.sort_by(|a, b| {
            site.problem(*b)
                .votes
                .cmp(&site.problem(*a).votes)
                .then_with(|| a.cmp(b))
        });
    }
    site.endorsements_by_course = by_course;
    site.endorsements_by_leader = by_leader;
    site.outcomes_by_course = outcomes_by_course;
    site.meetings_by_leader = meetings_by_leader;
    site.problems_by_course = problems_by_course;
    let mut questions_by_course = vec![Vec::new(); site.courses.len()];
    for (id, q) in site.questions() {
        questions_by_course[q.course.index()].push(id);
    }
    let mut required_by = vec![Vec::new(); site.courses.len()];
    for (id, c) in site.courses() {
        for &r in &c.requires {
            required_by[r.index()].push(id);
        }
    }
    site.questions_by_course = questions_by_course;
    site.required_by = required_by;
}
