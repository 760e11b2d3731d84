//! The records as written by people: the shapes of site.yaml, course front matter and the
//! YAML files, with the small value types they use (dates, times, one-or-many lists).
//! Parsing only; no cross-references are checked here.

mod kinds;
mod schema_of;
#[cfg(test)]
mod tests;
mod text;
mod translations;
mod values;

use serde::{Deserialize, Serialize};

pub use kinds::{RecordKind, translation_schema};
pub use text::{PLACEHOLDERS, is_valid_id, placeholders_in, slugify};
pub use translations::{
    CourseTranslationFront, EndorsementTranslation, LeaderTranslation, MeetingTranslation,
    PollTranslation, QuestionTranslation, SiteTranslation, Translations,
};
pub use values::{Date, FromText, OneOrMany, Period, PeriodUnit, QUOTE_MARKS, Time};

/// site.yaml
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SiteFile {
    /// The site's title, shown in the header of every page
    #[schemars(schema_with = "schema_of::text")]
    pub title: String,
    /// The organisation's name
    #[schemars(schema_with = "schema_of::text")]
    pub organisation: String,
    /// The address the site is published at, like https://intranet.example.org/training/ (only used in feed.xml and sitemap.xml)
    #[serde(default)]
    #[schemars(schema_with = "schema_of::link_or_none")]
    pub base_url: Option<String>,
    /// A folder under themes/ whose templates override the built-in theme
    #[serde(default)]
    #[schemars(schema_with = "schema_of::id_or_none")]
    pub theme: Option<String>,
    /// How long an endorsement counts as current, like `12 months`
    #[serde(default)]
    pub stale_after: Option<Period>,
    /// The language of the pages, like `en` or `en-GB`
    #[serde(default)]
    #[schemars(schema_with = "schema_of::language_or_none")]
    pub language: Option<String>,
    /// The languages the site is published in, like `[en, fr]`: the first at the site's
    /// root, each other one under a folder of its own (`fr/`)
    #[serde(default)]
    #[schemars(schema_with = "schema_of::languages_or_none")]
    pub languages: Option<Vec<String>>,
    /// The time zone sessions are held in, as an IANA name like `Europe/London`: calendars
    /// then carry it, so a session shows at the right time in other zones
    #[serde(default)]
    #[schemars(schema_with = "schema_of::timezone_or_none")]
    pub timezone: Option<String>,
    /// Publish raw HTML in course Markdown (off: it is shown as text).
    #[serde(default)]
    pub allow_raw_html: bool,
    /// Also write the backing report for the learning team to `report/index.html`.
    #[serde(default)]
    pub report: bool,
    /// Where learners can ask a leader a question (mailto: or https://), for leaders with no
    /// `contact` of their own
    #[serde(default)]
    #[schemars(schema_with = "schema_of::contact_or_none")]
    pub ask_url: Option<String>,
    /// Every department used by courses and leaders
    pub departments: Vec<DepartmentDef>,
    /// The site's title, organisation and department names in its other languages, by language code: `fr: {…}`
    #[serde(default)]
    pub translations: Translations<SiteTranslation>,
}

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DepartmentDef {
    /// The department's id: lowercase letters, digits and hyphens
    #[schemars(schema_with = "schema_of::id")]
    pub id: String,
    /// The department's name as learners know it
    #[schemars(schema_with = "schema_of::text")]
    pub name: String,
    /// One sentence shown on the department's page
    #[serde(default)]
    pub description: Option<String>,
}

/// How a course is delivered.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Deserialize,
    Serialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    Workshop,
    ELearning,
    Virtual,
    Blended,
    Coaching,
    Programme,
}

impl Format {
    pub const ALL: [Format; 6] = [
        Format::Workshop,
        Format::ELearning,
        Format::Virtual,
        Format::Blended,
        Format::Coaching,
        Format::Programme,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Format::Workshop => "workshop",
            Format::ELearning => "e-learning",
            Format::Virtual => "virtual",
            Format::Blended => "blended",
            Format::Coaching => "coaching",
            Format::Programme => "programme",
        }
    }
}

/// Course front matter.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// The course title
    #[schemars(schema_with = "schema_of::text")]
    pub title: String,
    /// One sentence shown in the catalog
    #[schemars(schema_with = "schema_of::text")]
    pub summary: String,
    /// Department ids from site.yaml
    #[schemars(schema_with = "schema_of::ids")]
    pub departments: Vec<String>,
    /// Who the course is for
    #[serde(default)]
    #[schemars(schema_with = "schema_of::text_or_none")]
    pub audience: Option<String>,
    /// How the course is delivered
    pub format: Format,
    /// How long it takes, like `1 day`
    #[serde(default)]
    pub duration: Option<String>,
    /// What learners will be able to do afterwards
    #[serde(default)]
    #[schemars(schema_with = "schema_of::texts")]
    pub objectives: Vec<String>,
    /// Ids of the poll problems the course answers
    #[serde(default)]
    #[schemars(schema_with = "schema_of::ids")]
    pub addresses: Vec<String>,
    /// The id of the leader who signs off completions
    #[serde(default)]
    #[schemars(schema_with = "schema_of::id_or_none")]
    pub sign_off: Option<String>,
    /// Dated sessions learners can book
    #[serde(default)]
    pub sessions: Vec<SessionDef>,
    /// Topics, for finding the course
    #[serde(default)]
    pub tags: Vec<String>,
    /// Set to true to keep the course off the site
    #[serde(default)]
    pub draft: bool,
    /// Where to book a place: the LMS, a form, or a mailto: address
    #[serde(default)]
    #[schemars(schema_with = "schema_of::booking_or_none")]
    pub enrol: Option<String>,
    /// Ids of the courses to take first
    #[serde(default)]
    #[schemars(schema_with = "schema_of::ids")]
    pub requires: Vec<String>,
    /// What a learner's manager needs to know, on a page of its own
    #[serde(default)]
    pub manager_brief: Option<ManagerBrief>,
}

/// What a learner's manager needs to know about a course.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ManagerBrief {
    /// What is in it for the manager and the team, in Markdown
    #[serde(default)]
    #[schemars(schema_with = "schema_of::text_or_none")]
    pub why: Option<String>,
    /// What to discuss with the learner before the course
    #[serde(default)]
    #[schemars(schema_with = "schema_of::texts")]
    pub before: Vec<String>,
    /// What to do in the weeks after it
    #[serde(default)]
    #[schemars(schema_with = "schema_of::texts")]
    pub after: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("anyOf" = [
    { "required": ["location"], "properties": { "location": { "type": "string" } } },
    { "required": ["link"], "properties": { "link": { "type": "string" } } }
]))]
pub struct SessionDef {
    /// The session's id, unique within the course, like `leeds-dec`
    #[schemars(schema_with = "schema_of::id")]
    pub id: String,
    /// The day of the session
    pub date: Date,
    /// Start time, like "09:30"
    #[serde(default)]
    pub start: Option<Time>,
    /// End time, like "16:30"
    #[serde(default)]
    pub end: Option<Time>,
    /// Where it takes place
    #[serde(default)]
    #[schemars(schema_with = "schema_of::text_or_none")]
    pub location: Option<String>,
    /// The web address to join online (https://…)
    #[serde(default)]
    #[schemars(schema_with = "schema_of::link_or_none")]
    pub link: Option<String>,
    /// How many places there are
    #[serde(default)]
    pub capacity: Option<u32>,
    /// Where to book this session, when not the course's `enrol`
    #[serde(default)]
    #[schemars(schema_with = "schema_of::booking_or_none")]
    pub enrol: Option<String>,
    /// Set to true when every place is taken
    #[serde(default)]
    pub full: bool,
    /// Where to join the waiting list of a full session
    #[serde(default)]
    #[schemars(schema_with = "schema_of::booking_or_none")]
    pub waitlist: Option<String>,
    /// The time zone of this session's times, when not the site's `timezone`, like
    /// `America/New_York`
    #[serde(default)]
    #[schemars(schema_with = "schema_of::timezone_or_none")]
    pub timezone: Option<String>,
}

/// How senior a leader is. Executives and senior leaders count as "senior leaders".
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Seniority {
    Executive,
    Senior,
    Manager,
}

impl Seniority {
    pub fn is_senior(self) -> bool {
        matches!(self, Seniority::Executive | Seniority::Senior)
    }

    /// The name used in files, templates and strings: `executive`, `senior`, `manager`.
    pub fn id(self) -> &'static str {
        match self {
            Seniority::Executive => "executive",
            Seniority::Senior => "senior",
            Seniority::Manager => "manager",
        }
    }
}

/// content/leaders/<id>.yaml
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LeaderFile {
    /// The leader's full name
    #[schemars(schema_with = "schema_of::text")]
    pub name: String,
    /// Their job title
    #[schemars(schema_with = "schema_of::text")]
    pub title: String,
    /// Their department id from site.yaml
    #[serde(default)]
    #[schemars(schema_with = "schema_of::id_or_none")]
    pub department: Option<String>,
    /// Executives and senior leaders count as senior leaders on course pages
    pub seniority: Seniority,
    /// A photo under static/, like photos/priya-natarajan.jpg
    #[serde(default)]
    #[schemars(schema_with = "schema_of::photo_or_none")]
    pub photo: Option<String>,
    /// How learners can ask you a question: a mailto: address or an https:// page
    #[serde(default)]
    #[schemars(schema_with = "schema_of::contact_or_none")]
    pub contact: Option<String>,
    /// Your job title in the site's other languages, by language code: `fr: {…}`
    #[serde(default)]
    pub translations: Translations<LeaderTranslation>,
}

/// content/endorsements/*.yaml
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EndorsementFile {
    /// The course being endorsed: the name of its file in content/courses/, without .md
    #[schemars(schema_with = "schema_of::id")]
    pub course: String,
    /// Who endorses it: the name of their file in content/leaders/, without .yaml
    #[schemars(schema_with = "schema_of::id")]
    pub by: String,
    /// When the endorsement was given
    pub date: Date,
    /// What you want learners to hear from you, in your own words
    #[serde(default)]
    #[schemars(schema_with = "schema_of::text_or_none")]
    pub quote: Option<String>,
    /// What you will do for this course
    #[serde(default)]
    pub commitments: Commitments,
    /// Your quote translated into the site's other languages, by language code: `fr: {…}`
    #[serde(default)]
    pub translations: Translations<EndorsementTranslation>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Commitments {
    /// Session id(s) of the course you will attend
    #[serde(default)]
    #[schemars(schema_with = "schema_of::id_or_ids")]
    pub attend: OneOrMany,
    /// Session id(s) you will drop in on
    #[serde(default)]
    #[schemars(schema_with = "schema_of::id_or_ids")]
    pub observe: OneOrMany,
    /// Topic(s) you will answer learners' questions on
    #[serde(default)]
    pub sme: OneOrMany,
    /// You sign off learners' completions
    #[serde(default)]
    pub sign_off: bool,
    /// You sponsor the course
    #[serde(default)]
    pub sponsor: bool,
    /// You brief your team on the course
    #[serde(default)]
    pub brief_team: bool,
    /// The day you finished the course yourself, as a learner
    #[serde(default)]
    pub completed: Option<Date>,
    /// How soon after the course you meet each learner to agree how to use it, like `4 weeks`
    #[serde(default)]
    pub follow_up: Option<Period>,
}

/// What kind of leadership meeting it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum MeetingKind {
    Briefing,
    Steering,
    Review,
    TownHall,
}

impl MeetingKind {
    /// The name used in files, templates and strings: `briefing`, `town-hall`, …
    pub fn id(self) -> &'static str {
        match self {
            MeetingKind::Briefing => "briefing",
            MeetingKind::Steering => "steering",
            MeetingKind::Review => "review",
            MeetingKind::TownHall => "town-hall",
        }
    }
}

/// content/meetings/<id>.yaml
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MeetingFile {
    /// The meeting's title
    #[schemars(schema_with = "schema_of::text")]
    pub title: String,
    /// When it took place
    pub date: Date,
    /// What kind of meeting it was
    pub kind: MeetingKind,
    /// Ids of the leaders who attended
    #[schemars(schema_with = "schema_of::ids")]
    pub attendees: Vec<String>,
    /// What was discussed (Markdown)
    #[serde(default)]
    #[schemars(schema_with = "schema_of::text_or_none")]
    pub summary: Option<String>,
    /// What was decided or committed, per course
    #[serde(default)]
    pub outcomes: Vec<OutcomeDef>,
    /// The title and summary in the site's other languages, by language code: `fr: {…}`
    #[serde(default)]
    pub translations: Translations<MeetingTranslation>,
}

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("oneOf" = [
    { "required": ["decision"], "properties": { "decision": { "type": "string" } } },
    { "required": ["commitment"], "properties": { "commitment": { "type": "string" } } }
]))]
pub struct OutcomeDef {
    /// The course the outcome is about
    #[schemars(schema_with = "schema_of::id")]
    pub course: String,
    /// What was decided (write either a decision or a commitment)
    #[serde(default)]
    #[schemars(schema_with = "schema_of::text_or_none")]
    pub decision: Option<String>,
    /// What was committed to (write either a decision or a commitment)
    #[serde(default)]
    #[schemars(schema_with = "schema_of::text_or_none")]
    pub commitment: Option<String>,
    /// The id of the leader who owns the outcome
    #[serde(default)]
    #[schemars(schema_with = "schema_of::id_or_none")]
    pub owner: Option<String>,
}

/// content/polls/<id>.yaml
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PollFile {
    /// The question managers were asked
    #[schemars(schema_with = "schema_of::text")]
    pub question: String,
    /// When the poll closed
    pub date: Date,
    /// How many managers answered
    pub respondents: u32,
    /// The problems managers raised
    pub problems: Vec<ProblemDef>,
    /// The question and problems in the site's other languages, by language code: `fr: {…}`
    #[serde(default)]
    pub translations: Translations<PollTranslation>,
}

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProblemDef {
    /// The problem's id, unique across all polls
    #[schemars(schema_with = "schema_of::id")]
    pub id: String,
    /// The problem in managers' words
    #[schemars(schema_with = "schema_of::text")]
    pub text: String,
    /// How many managers chose it
    pub votes: u32,
    /// Slugs of the courses that address it
    #[serde(default)]
    #[schemars(schema_with = "schema_of::ids")]
    pub courses: Vec<String>,
}

/// content/questions/<id>.yaml
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QuestionFile {
    /// The course the question is about: the name of its file in content/courses/
    #[schemars(schema_with = "schema_of::id")]
    pub course: String,
    /// The session it was asked at, if any
    #[serde(default)]
    #[schemars(schema_with = "schema_of::id_or_none")]
    pub session: Option<String>,
    /// The day it was asked
    pub asked: Date,
    /// The question, in the learner's words
    #[schemars(schema_with = "schema_of::text")]
    pub question: String,
    /// Who asked, in general words ("A nurse in Clinical Services"); never required
    #[serde(default)]
    #[schemars(schema_with = "schema_of::text_or_none")]
    pub asked_by: Option<String>,
    /// The leader's answer
    #[serde(default)]
    #[schemars(schema_with = "schema_of::text_or_none")]
    pub answer: Option<String>,
    /// The leader who answered: the name of their file in content/leaders/
    #[serde(default)]
    #[schemars(schema_with = "schema_of::id_or_none")]
    pub answered_by: Option<String>,
    /// The day it was answered
    #[serde(default)]
    pub answered: Option<Date>,
    /// The question and answer in the site's other languages, by language code: `fr: {…}`
    #[serde(default)]
    pub translations: Translations<QuestionTranslation>,
}
