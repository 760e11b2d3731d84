//! The records as written by people: the shapes of site.yaml, course front matter and the
//! YAML files, with the small value types they use (dates, times, one-or-many lists).
//! Parsing only; no cross-references are checked here.

mod kinds;
mod schema_of;
#[cfg(test)]
mod tests;
mod text;
mod values;

use serde::{Deserialize, Serialize};

pub use kinds::RecordKind;
pub use text::{PLACEHOLDERS, is_valid_id, placeholders_in, slugify};
pub use values::{Date, FromText, OneOrMany, Period, PeriodUnit, QUOTE_MARKS, Time};

/// site.yaml
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
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
    /// Publish raw HTML in course Markdown (off: it is shown as text).
    #[serde(default)]
    pub allow_raw_html: bool,
    /// Also write the backing report for the learning team to `report/index.html`.
    #[serde(default)]
    pub report: bool,
    /// Every department used by courses and leaders
    pub departments: Vec<DepartmentDef>,
}

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
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
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
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
}

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
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
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
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
}

/// content/endorsements/*.yaml
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
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
}

#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
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
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
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
}

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
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
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
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
}

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
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
