//! The records as written by people: the shapes of site.yaml, course front matter and the
//! YAML files, with the small value types they use (dates, times, one-or-many lists).
//! Parsing only; no cross-references are checked here.

use std::fmt;

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

/// A calendar date written `2026-10-14`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub jiff::civil::Date);

impl Date {
    pub fn parse(text: &str) -> Option<Date> {
        let bytes = text.as_bytes();
        let shape_ok = bytes.len() == 10
            && bytes[4] == b'-'
            && bytes[7] == b'-'
            && bytes
                .iter()
                .enumerate()
                .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
        if !shape_ok {
            return None;
        }
        text.parse::<jiff::civil::Date>().ok().map(Date)
    }

    /// Today's date (UTC) from the system clock.
    pub fn today() -> Date {
        Date(
            jiff::Timestamp::now()
                .to_zoned(jiff::tz::TimeZone::UTC)
                .date(),
        )
    }

    /// `2026-10-14`
    pub fn iso(&self) -> String {
        let d = self.0;
        format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
    }

    /// `14 October 2026`
    pub fn long(&self) -> String {
        let d = self.0;
        format!("{} {} {}", d.day(), MONTHS[month_index(d)], d.year())
    }

    /// `Wed 14 Oct 2026`
    pub fn short(&self) -> String {
        let d = self.0;
        let weekday = WEEKDAYS[d.weekday().to_monday_zero_offset() as usize];
        format!(
            "{weekday} {} {} {}",
            d.day(),
            &MONTHS[month_index(d)][..3],
            d.year()
        )
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

fn month_index(d: jiff::civil::Date) -> usize {
    usize::try_from(d.month() - 1).unwrap_or(0).min(11)
}

impl schemars::JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "description": "A date written year-month-day, like 2026-10-14"
        })
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d).map_err(|_| {
            de::Error::custom(
                "buyin: bad-date|this should be a date|dates are written year-month-day, like 2026-10-14",
            )
        })?;
        Date::parse(text.trim()).ok_or_else(|| {
            de::Error::custom(format!(
                "buyin: bad-date|`{text}` is not a date|dates are written year-month-day, like 2026-10-14"
            ))
        })
    }
}

/// A time of day written `09:30` (24-hour clock).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Time {
    pub hour: u8,
    pub minute: u8,
}

impl Time {
    pub fn parse(text: &str) -> Option<Time> {
        let (h, m) = text.split_once(':')?;
        if h.is_empty() || h.len() > 2 || m.len() != 2 {
            return None;
        }
        let hour: u8 = h.parse().ok()?;
        let minute: u8 = m.parse().ok()?;
        (hour < 24 && minute < 60).then_some(Time { hour, minute })
    }
}

impl fmt::Display for Time {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)
    }
}

impl schemars::JsonSchema for Time {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Time".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^([01]?[0-9]|2[0-3]):[0-5][0-9]$",
            "description": "A time on the 24-hour clock, in quotes, like \"09:30\""
        })
    }
}

impl<'de> Deserialize<'de> for Time {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let help = "times are written on the 24-hour clock in quotes, like \"09:30\"";
        let text = String::deserialize(d).map_err(|_| {
            de::Error::custom(format!("buyin: bad-time|this should be a time|{help}"))
        })?;
        Time::parse(text.trim()).ok_or_else(|| {
            de::Error::custom(format!(
                "buyin: bad-time|`{text}` is not a time of day|{help}"
            ))
        })
    }
}

/// A value written either as one item or as a list of items.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OneOrMany {
    pub items: Vec<String>,
    /// Written as a list (so positions inside it have an index).
    pub is_list: bool,
}

impl schemars::JsonSchema for OneOrMany {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "OneOrMany".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "One name, or a list of names",
            "anyOf": [
                { "type": "string" },
                { "type": "array", "items": { "type": "string" } }
            ]
        })
    }
}

impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = OneOrMany;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a name or a list of names")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<OneOrMany, E> {
                Ok(OneOrMany {
                    items: vec![v.to_string()],
                    is_list: false,
                })
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<OneOrMany, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<String>()? {
                    items.push(item);
                }
                Ok(OneOrMany {
                    items,
                    is_list: true,
                })
            }
        }
        d.deserialize_any(V)
    }
}

/// How long an endorsement stays fresh: `12 months`, `6 weeks`, `90 days`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub amount: u32,
    pub unit: PeriodUnit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodUnit {
    Days,
    Weeks,
    Months,
}

impl Default for Period {
    fn default() -> Self {
        Period {
            amount: 12,
            unit: PeriodUnit::Months,
        }
    }
}

impl Period {
    pub fn parse(text: &str) -> Option<Period> {
        let mut words = text.split_whitespace();
        let amount: u32 = words.next()?.parse().ok()?;
        let unit = match words.next()?.trim_end_matches('s') {
            "day" => PeriodUnit::Days,
            "week" => PeriodUnit::Weeks,
            "month" => PeriodUnit::Months,
            _ => return None,
        };
        (words.next().is_none() && amount > 0 && amount <= 1200).then_some(Period { amount, unit })
    }

    /// The date this period before `date`.
    pub fn before(&self, date: Date) -> Date {
        let span = match self.unit {
            PeriodUnit::Days => jiff::Span::new().days(i64::from(self.amount)),
            PeriodUnit::Weeks => jiff::Span::new().weeks(i64::from(self.amount)),
            PeriodUnit::Months => jiff::Span::new().months(i64::from(self.amount)),
        };
        Date(date.0.checked_sub(span).unwrap_or(jiff::civil::Date::MIN))
    }
}

impl schemars::JsonSchema for Period {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Period".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[0-9]+ +(day|week|month)s?$",
            "description": "A period of time, like `12 months`, `8 weeks` or `90 days`"
        })
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let help = "write a number and a unit, like `12 months`, `8 weeks` or `90 days`";
        let text = String::deserialize(d).map_err(|_| {
            de::Error::custom(format!("buyin: bad-period|this should be a period|{help}"))
        })?;
        Period::parse(&text).ok_or_else(|| {
            de::Error::custom(format!(
                "buyin: bad-period|`{text}` is not a period of time|{help}"
            ))
        })
    }
}

/// site.yaml
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SiteFile {
    /// The site's title, shown in the header of every page
    pub title: String,
    /// The organisation's name
    pub organisation: String,
    /// The address the site is published at, like https://intranet.example.org/training/ (only used in feed.xml and sitemap.xml)
    #[serde(default)]
    pub base_url: Option<String>,
    /// A folder under themes/ whose templates override the built-in theme
    #[serde(default)]
    pub theme: Option<String>,
    /// How long an endorsement counts as current, like `12 months`
    #[serde(default)]
    pub stale_after: Option<Period>,
    /// The language of the pages, like `en` or `en-GB`
    #[serde(default)]
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
    pub id: String,
    /// The department's name as learners know it
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

    pub fn label(self) -> &'static str {
        match self {
            Format::Workshop => "Workshop",
            Format::ELearning => "E-learning",
            Format::Virtual => "Virtual classroom",
            Format::Blended => "Blended",
            Format::Coaching => "Coaching",
            Format::Programme => "Programme",
        }
    }
}

/// Course front matter.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// The course title
    pub title: String,
    /// One sentence shown in the catalog
    pub summary: String,
    /// Department ids from site.yaml
    pub departments: Vec<String>,
    /// Who the course is for
    #[serde(default)]
    pub audience: Option<String>,
    /// How the course is delivered
    pub format: Format,
    /// How long it takes, like `1 day`
    #[serde(default)]
    pub duration: Option<String>,
    /// What learners will be able to do afterwards
    #[serde(default)]
    pub objectives: Vec<String>,
    /// Ids of the poll problems the course answers
    #[serde(default)]
    pub addresses: Vec<String>,
    /// The id of the leader who signs off completions
    #[serde(default)]
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
pub struct SessionDef {
    /// The session's id, unique within the course, like `leeds-dec`
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
    pub location: Option<String>,
    /// The web address to join online (https://…)
    #[serde(default)]
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

    pub fn label(self) -> &'static str {
        match self {
            Seniority::Executive => "Executive",
            Seniority::Senior => "Senior leader",
            Seniority::Manager => "Manager",
        }
    }
}

/// content/leaders/<id>.yaml
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LeaderFile {
    /// The leader's full name
    pub name: String,
    /// Their job title
    pub title: String,
    /// Their department id from site.yaml
    #[serde(default)]
    pub department: Option<String>,
    /// Executives and senior leaders count as senior leaders on course pages
    pub seniority: Seniority,
    /// A photo under static/, like photos/priya-natarajan.jpg
    #[serde(default)]
    pub photo: Option<String>,
}

/// content/endorsements/*.yaml
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EndorsementFile {
    /// The course being endorsed: the name of its file in content/courses/, without .md
    pub course: String,
    /// Who endorses it: the name of their file in content/leaders/, without .yaml
    pub by: String,
    /// When the endorsement was given
    pub date: Date,
    /// What you want learners to hear from you, in your own words
    #[serde(default)]
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
    pub attend: OneOrMany,
    /// Session id(s) you will drop in on
    #[serde(default)]
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
    pub fn label(self) -> &'static str {
        match self {
            MeetingKind::Briefing => "Briefing",
            MeetingKind::Steering => "Steering group",
            MeetingKind::Review => "Review",
            MeetingKind::TownHall => "Town hall",
        }
    }
}

/// content/meetings/<id>.yaml
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MeetingFile {
    /// The meeting's title
    pub title: String,
    /// When it took place
    pub date: Date,
    /// What kind of meeting it was
    pub kind: MeetingKind,
    /// Ids of the leaders who attended
    pub attendees: Vec<String>,
    /// What was discussed (Markdown)
    #[serde(default)]
    pub summary: Option<String>,
    /// What was decided or committed, per course
    #[serde(default)]
    pub outcomes: Vec<OutcomeDef>,
}

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OutcomeDef {
    /// The course the outcome is about
    pub course: String,
    /// What was decided (write either a decision or a commitment)
    #[serde(default)]
    pub decision: Option<String>,
    /// What was committed to (write either a decision or a commitment)
    #[serde(default)]
    pub commitment: Option<String>,
    /// The id of the leader who owns the outcome
    #[serde(default)]
    pub owner: Option<String>,
}

/// content/polls/<id>.yaml
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PollFile {
    /// The question managers were asked
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
    pub id: String,
    /// The problem in managers' words
    pub text: String,
    /// How many managers chose it
    pub votes: u32,
    /// Slugs of the courses that address it
    #[serde(default)]
    pub courses: Vec<String>,
}

/// Whether `id` uses only the safe alphabet for names: lowercase letters, digits and
/// single hyphens, starting with a letter or digit.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 80
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A safe id made from any text: `Priya Natarajan!` becomes `priya-natarajan`.
pub fn slugify(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out.truncate(80);
    out.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_be_real_and_iso_shaped() {
        assert_eq!(Date::parse("2026-10-14").unwrap().long(), "14 October 2026");
        assert!(Date::parse("2026-02-30").is_none());
        assert!(Date::parse("14/10/2026").is_none());
        assert!(Date::parse("2026-1-4").is_none());
    }

    #[test]
    fn times_use_the_24_hour_clock() {
        assert_eq!(Time::parse("9:30").unwrap().to_string(), "09:30");
        assert!(Time::parse("24:00").is_none());
        assert!(Time::parse("9.30").is_none());
    }

    #[test]
    fn periods_read_plain_english() {
        assert_eq!(Period::parse("18 months").unwrap().amount, 18);
        assert_eq!(Period::parse("1 week").unwrap().unit, PeriodUnit::Weeks);
        assert!(Period::parse("soon").is_none());
        let d = Date::parse("2026-11-22").unwrap();
        assert_eq!(Period::default().before(d).iso(), "2025-11-22");
    }

    #[test]
    fn ids_and_slugs() {
        assert!(is_valid_id("priya-natarajan"));
        assert!(is_valid_id("q3-2026"));
        assert!(!is_valid_id("Priya"));
        assert!(!is_valid_id("../etc"));
        assert!(!is_valid_id("a--b"));
        assert!(!is_valid_id(""));
        assert_eq!(slugify("Priya Natarajan!"), "priya-natarajan");
        assert_eq!(slugify("  Q&A: Café  "), "q-a-caf");
    }
}
