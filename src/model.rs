//! The records as written by people: the shapes of site.yaml, course front matter and the
//! YAML files, with the small value types they use (dates, times, one-or-many lists).
//! Parsing only; no cross-references are checked here.

use std::fmt;

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

use crate::codes::{self, Code};
use crate::yaml::{Group, TextProblem, TextRule, Vocabulary};

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

/// Quote marks people type or paste around a value: straight and curly.
pub const QUOTE_MARKS: &[char] = &['"', '\'', '“', '”', '‘', '’', '«', '»', '„'];

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
            "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$",
            "format": "date",
            "description": "A date written year-month-day, like 2026-10-14"
        })
    }
}

impl FromText for Date {
    const NAME: &'static str = "buyin::Date";
    const EXPECTED: &'static str = "a date written year-month-day, like 2026-10-14";
    const STAND_IN: Self = Date(jiff::civil::Date::constant(2000, 1, 1));

    fn from_text(text: &str) -> Result<Self, TextProblem> {
        if let Some(date) = Date::parse(text) {
            return Ok(date);
        }
        let help = match Date::guess(text) {
            Some(date) => format!(
                "dates are written year-month-day: did you mean `{}`?",
                date.iso()
            ),
            None => "dates are written year-month-day, like 2026-10-14".to_string(),
        };
        let message = match Date::impossible(text) {
            Some(why) => format!("`{text}` is not a date: {why}"),
            None => format!("`{text}` is not a date"),
        };
        Err(TextProblem { message, help })
    }
}

impl Date {
    /// Why a year-month-day text names no day, such as "there is no 30 February".
    fn impossible(text: &str) -> Option<String> {
        let mut parts = text.split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        let (y, m, d): (i16, i8, i8) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
        if !(1..=12).contains(&m) {
            return Some(format!("there is no month {m}"));
        }
        let month = MONTHS[usize::try_from(m - 1).ok()?];
        jiff::civil::Date::new(y, m, d)
            .is_err()
            .then(|| format!("there is no {d} {month} in {y}"))
    }

    /// A date written another common way ("14 Oct 2026", "14/10/2026", "2026/10/14",
    /// "2026-10-14T09:00"), when only one day can be meant.
    fn guess(text: &str) -> Option<Date> {
        let text = text
            .trim()
            .trim_matches(QUOTE_MARKS)
            .trim()
            .trim_end_matches('.');
        if let Some((day, _)) = text.split_once(['T', ' '])
            && let Some(date) = Date::parse(day)
        {
            return Some(date);
        }
        let words: Vec<&str> = text
            .split(|c: char| c.is_whitespace() || matches!(c, '/' | '.' | ',' | '-'))
            .filter(|w| !w.is_empty())
            .collect();
        let month_named = |w: &str| {
            let w = w.to_lowercase();
            (w.len() >= 3)
                .then(|| MONTHS.iter().position(|m| m.to_lowercase().starts_with(&w)))
                .flatten()
                .and_then(|i| i8::try_from(i + 1).ok())
        };
        let number = |w: &str| {
            w.trim_end_matches(['s', 't', 'n', 'd', 'r', 'h'])
                .parse::<i16>()
                .ok()
        };
        let (year, month, day) = match words.as_slice() {
            [a, b, c] => match (number(a), month_named(b), number(c), month_named(a)) {
                // 14 Oct 2026
                (Some(d), Some(m), Some(y), _) => (y, m, d),
                // Oct 14 2026
                (_, _, Some(y), Some(m)) => (y, m, number(b)?),
                // 2026/10/14 or 14/10/2026 (only when the day is over 12)
                (Some(x), None, Some(z), None) => {
                    let y = number(b)?;
                    if x > 31 {
                        (x, i8::try_from(y).ok()?, i16::from(i8::try_from(z).ok()?))
                    } else if x > 12 && z > 31 {
                        (z, i8::try_from(y).ok()?, x)
                    } else if y > 12 && z > 31 {
                        (z, i8::try_from(x).ok()?, y)
                    } else {
                        return None;
                    }
                }
                _ => return None,
            },
            _ => return None,
        };
        let year = if year < 100 { year + 2000 } else { year };
        jiff::civil::Date::new(year, month, i8::try_from(day).ok()?)
            .ok()
            .map(Date)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_newtype_struct(Date::NAME, TextVisitor::<Date>::default())
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

impl FromText for Time {
    const NAME: &'static str = "buyin::Time";
    const EXPECTED: &'static str = "a time on the 24-hour clock, like \"09:30\"";
    const STAND_IN: Self = Time { hour: 0, minute: 0 };

    fn from_text(text: &str) -> Result<Self, TextProblem> {
        if let Some(time) = Time::parse(text) {
            return Ok(time);
        }
        let help = match Time::guess(text) {
            Some(t) => format!(
                "times are written on the 24-hour clock, in double quotes: did you mean `\"{t}\"`?"
            ),
            None => "times are written on the 24-hour clock, in double quotes, like \"09:30\""
                .to_string(),
        };
        Err(TextProblem {
            message: format!("`{text}` is not a time of day"),
            help,
        })
    }
}

impl Time {
    /// A time written another common way: `9.30`, `9:30am`, `1pm`, `0930`.
    fn guess(text: &str) -> Option<Time> {
        let lower = text
            .trim()
            .trim_matches(QUOTE_MARKS)
            .to_lowercase()
            .replace(' ', "");
        let (digits, offset) = if let Some(t) = lower.strip_suffix("pm") {
            (t, 12)
        } else if let Some(t) = lower.strip_suffix("am") {
            (t, 0)
        } else {
            (lower.as_str(), 0)
        };
        let (h, m) = match digits.split_once([':', '.', 'h']) {
            Some((h, m)) => (
                h.parse::<u8>().ok()?,
                if m.is_empty() {
                    0
                } else {
                    m.parse::<u8>().ok()?
                },
            ),
            None if digits.len() == 4 => (digits[..2].parse().ok()?, digits[2..].parse().ok()?),
            None => (digits.parse().ok()?, 0),
        };
        let hour = match (h, offset) {
            (12, 12) => 12,
            (12, 0) if lower.ends_with("am") => 0,
            (h, o) if h < 12 || o == 0 => h + o,
            _ => return None,
        };
        (hour < 24 && m < 60).then_some(Time { hour, minute: m })
    }
}

impl<'de> Deserialize<'de> for Time {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_newtype_struct(Time::NAME, TextVisitor::<Time>::default())
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
        let (amount, unit) = match words.next()?.to_lowercase().trim_end_matches('s') {
            "day" => (amount, PeriodUnit::Days),
            "week" => (amount, PeriodUnit::Weeks),
            "month" => (amount, PeriodUnit::Months),
            "year" => (amount.checked_mul(12)?, PeriodUnit::Months),
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
            "pattern": "^[0-9]+ +([Dd]ay|[Ww]eek|[Mm]onth|[Yy]ear)s?$",
            "description": "A period of time, like `12 months`, `8 weeks` or `90 days`"
        })
    }
}

impl FromText for Period {
    const NAME: &'static str = "buyin::Period";
    const EXPECTED: &'static str = "a period of time, like `12 months`";
    const STAND_IN: Self = Period {
        amount: 12,
        unit: PeriodUnit::Months,
    };

    fn from_text(text: &str) -> Result<Self, TextProblem> {
        Period::parse(text).ok_or_else(|| TextProblem {
            message: format!("`{text}` is not a period of time"),
            help: "write a number and a unit, like `12 months`, `1 year`, `8 weeks` or `90 days`"
                .to_string(),
        })
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_newtype_struct(Period::NAME, TextVisitor::<Period>::default())
    }
}

/// A value written as text and read by its own rules (a date, a time, a period).
pub trait FromText: Sized {
    /// The name under which readers ask for it (as a newtype struct).
    const NAME: &'static str;
    /// What it should be, in words, for messages.
    const EXPECTED: &'static str;
    /// The value used in place of one written wrongly, so reading can go on.
    const STAND_IN: Self;
    fn from_text(text: &str) -> Result<Self, TextProblem>;
}

/// Reads a [`FromText`] value from text. Asked for a unit, it gives the stand-in: that is
/// how the YAML reader continues past a value it has already reported.
struct TextVisitor<T>(std::marker::PhantomData<T>);

impl<T> Default for TextVisitor<T> {
    fn default() -> Self {
        TextVisitor(std::marker::PhantomData)
    }
}

impl<'de, T: FromText> Visitor<'de> for TextVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::EXPECTED)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        let text = String::deserialize(d)?;
        self.visit_str(&text)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<T, E> {
        T::from_text(text.trim()).map_err(|p| E::custom(p.message))
    }

    fn visit_unit<E: de::Error>(self) -> Result<T, E> {
        Ok(T::STAND_IN)
    }
}

/// The rule of a [`FromText`] type, for the YAML reader.
fn text_rule<T: FromText>(code: &'static Code, help: &'static str) -> TextRule {
    TextRule {
        code,
        expected: T::EXPECTED,
        help,
        check: |text| T::from_text(text).map(|_| ()),
    }
}

/// The JSON Schemas of values with rules of their own (ids, text people write, links),
/// used by the types below so editors reject what `check` rejects.
mod schema_of {
    use schemars::{Schema, SchemaGenerator, json_schema};

    /// Lowercase letters, digits and single hyphens; as [`super::is_valid_id`].
    const ID: &str = "^[a-z0-9]+(-[a-z0-9]+)*$";

    fn placeholders() -> String {
        let alternatives: Vec<String> = super::PLACEHOLDERS
            .iter()
            .map(|p| {
                p.chars()
                    .map(|c| {
                        if "\\^$.|?*+()[]{}".contains(c) {
                            format!("\\{c}")
                        } else {
                            c.to_string()
                        }
                    })
                    .collect()
            })
            .collect();
        format!("^\\s*({})\\s*$", alternatives.join("|"))
    }

    pub fn id(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "pattern": ID, "maxLength": 80 })
    }

    pub fn id_or_none(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": ["string", "null"], "pattern": ID, "maxLength": 80, "default": null })
    }

    pub fn ids(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "array",
            "items": { "type": "string", "pattern": ID, "maxLength": 80 },
            "default": []
        })
    }

    pub fn id_or_ids(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "anyOf": [
                { "type": "string", "pattern": ID, "maxLength": 80 },
                { "type": "array", "items": { "type": "string", "pattern": ID, "maxLength": 80 } }
            ]
        })
    }

    pub fn text(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "not": { "pattern": placeholders() } })
    }

    pub fn text_or_none(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": ["string", "null"],
            "not": { "pattern": placeholders() },
            "default": null
        })
    }

    pub fn texts(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "array",
            "items": { "type": "string", "not": { "pattern": placeholders() } },
            "default": []
        })
    }

    pub fn link_or_none(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": ["string", "null"],
            "pattern": "^\\s*[Hh][Tt][Tt][Pp][Ss]?://",
            "default": null
        })
    }

    pub fn photo_or_none(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": ["string", "null"],
            "pattern": "^[^:\\\\]+$",
            "not": { "pattern": "\\.\\." },
            "default": null
        })
    }

    pub fn language_or_none(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": ["string", "null"], "pattern": "^[A-Za-z0-9-]+$", "default": null })
    }
}

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

/// The kinds of file people write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RecordKind {
    Site,
    Course,
    Leader,
    Endorsement,
    Meeting,
    Poll,
}

impl RecordKind {
    pub const ALL: [RecordKind; 6] = [
        RecordKind::Site,
        RecordKind::Course,
        RecordKind::Leader,
        RecordKind::Endorsement,
        RecordKind::Meeting,
        RecordKind::Poll,
    ];

    /// Short name: `endorsement`.
    pub const fn name(self) -> &'static str {
        match self {
            RecordKind::Site => "site",
            RecordKind::Course => "course",
            RecordKind::Leader => "leader",
            RecordKind::Endorsement => "endorsement",
            RecordKind::Meeting => "meeting",
            RecordKind::Poll => "poll",
        }
    }

    /// The file, in messages: "an endorsement".
    pub fn what(self) -> &'static str {
        match self {
            RecordKind::Site => "site.yaml",
            RecordKind::Course => "a course's front matter",
            RecordKind::Leader => "a leader",
            RecordKind::Endorsement => "an endorsement",
            RecordKind::Meeting => "a meeting",
            RecordKind::Poll => "a poll",
        }
    }

    /// The folder its files go in, relative to the site folder.
    pub fn folder(self) -> &'static str {
        match self {
            RecordKind::Site => "",
            RecordKind::Course => "content/courses",
            RecordKind::Leader => "content/leaders",
            RecordKind::Endorsement => "content/endorsements",
            RecordKind::Meeting => "content/meetings",
            RecordKind::Poll => "content/polls",
        }
    }

    /// The kinds kept in folders under content/.
    pub fn records() -> impl Iterator<Item = RecordKind> {
        Self::ALL.into_iter().filter(|k| *k != RecordKind::Site)
    }

    /// The JSON Schema of the file, generated from the type that reads it.
    pub fn schema(self) -> schemars::Schema {
        fn of<T: schemars::JsonSchema>() -> schemars::Schema {
            schemars::generate::SchemaSettings::draft07()
                .with_transform(schemars::transform::RecursiveTransform(plain_numbers))
                .into_generator()
                .into_root_schema_for::<T>()
        }
        match self {
            RecordKind::Site => of::<SiteFile>(),
            RecordKind::Course => of::<FrontMatter>(),
            RecordKind::Leader => of::<LeaderFile>(),
            RecordKind::Endorsement => of::<EndorsementFile>(),
            RecordKind::Meeting => of::<MeetingFile>(),
            RecordKind::Poll => of::<PollFile>(),
        }
    }

    /// Its schema as JSON, made once.
    fn schema_json(self) -> &'static serde_json::Value {
        static SCHEMAS: std::sync::OnceLock<Vec<serde_json::Value>> = std::sync::OnceLock::new();
        let all = SCHEMAS.get_or_init(|| {
            RecordKind::ALL
                .iter()
                .map(|k| k.schema().to_value())
                .collect()
        });
        &all[self as usize]
    }

    /// The top-level field names of the file, and which of them are required.
    pub fn fields(self) -> (Vec<&'static str>, Vec<&'static str>) {
        let schema = self.schema_json();
        let names = |v: &'static serde_json::Value| -> Vec<&'static str> {
            match v {
                serde_json::Value::Object(map) => map.keys().map(String::as_str).collect(),
                serde_json::Value::Array(list) => list.iter().filter_map(|x| x.as_str()).collect(),
                _ => Vec::new(),
            }
        };
        (names(&schema["properties"]), names(&schema["required"]))
    }

    /// The definition of a property's object type, following a `$ref`.
    fn object_of(self, property: &'static serde_json::Value) -> Option<&'static serde_json::Value> {
        let schema = self.schema_json();
        let reference = property.get("$ref").or_else(|| {
            property
                .get("allOf")
                .and_then(|all| all.get(0))
                .and_then(|first| first.get("$ref"))
        });
        let target = match reference.and_then(|r| r.as_str()) {
            Some(r) => {
                let name = r.rsplit('/').next()?;
                schema.get("definitions")?.get(name)?
            }
            None => property,
        };
        target.get("properties").is_some().then_some(target)
    }
}

/// Replaces schemars' number formats (`uint32`), which JSON Schema validators do not
/// know, by the range they stand for.
fn plain_numbers(schema: &mut schemars::Schema) {
    let range = match schema.get("format").and_then(|f| f.as_str()) {
        Some("uint8") => Some(u64::from(u8::MAX)),
        Some("uint16") => Some(u64::from(u16::MAX)),
        Some("uint32") => Some(u64::from(u32::MAX)),
        Some("uint64" | "uint") => Some(u64::MAX),
        _ => None,
    };
    if let Some(max) = range {
        schema.remove("format");
        schema.insert("minimum".into(), 0.into());
        schema.insert("maximum".into(), max.into());
    }
}

impl Vocabulary for RecordKind {
    fn group(&self, type_name: &str, what: &str) -> Group {
        let (noun, member, list_name) = match type_name {
            "Commitments" => ("commitments", "a commitment", "the commitments"),
            "SessionDef" => ("session", "a field of a session", "the fields of a session"),
            "OutcomeDef" => (
                "outcome",
                "a field of an outcome",
                "the fields of an outcome",
            ),
            "ProblemDef" => (
                "problem",
                "a field of a poll problem",
                "the fields of a poll problem",
            ),
            "DepartmentDef" => (
                "department",
                "a field of a department",
                "the fields of a department",
            ),
            _ => {
                let noun = match self {
                    RecordKind::Site => "file",
                    RecordKind::Course => "course",
                    other => other.name(),
                };
                return Group {
                    noun: noun.to_string(),
                    member: format!("a field of {what}"),
                    list_name: format!("the fields of {what}"),
                };
            }
        };
        Group {
            noun: noun.to_string(),
            member: member.to_string(),
            list_name: list_name.to_string(),
        }
    }

    fn home(&self, type_name: &str, key: &str) -> Option<String> {
        let schema = self.schema_json();
        if schema.get("title").and_then(|t| t.as_str()) != Some(type_name) {
            return None;
        }
        let properties = schema.get("properties")?.as_object()?;
        properties.iter().find_map(|(name, property)| {
            let object = self.object_of(property)?;
            object
                .get("properties")?
                .get(key)
                .is_some()
                .then(|| name.clone())
        })
    }

    fn text_rule(&self, type_name: &str) -> Option<TextRule> {
        match type_name {
            Date::NAME => Some(text_rule::<Date>(
                &codes::BAD_DATE,
                "write a date like 2026-10-14",
            )),
            Time::NAME => Some(text_rule::<Time>(
                &codes::BAD_TIME,
                "write a time on the 24-hour clock in double quotes, like \"09:30\"",
            )),
            Period::NAME => Some(text_rule::<Period>(
                &codes::BAD_PERIOD,
                "write a number and a unit, like `12 months`",
            )),
            _ => None,
        }
    }

    fn field_names(&self) -> Vec<&'static str> {
        let schema = self.schema_json();
        let mut names: Vec<&'static str> = Vec::new();
        let mut add = |v: Option<&'static serde_json::Value>| {
            if let Some(map) = v.and_then(|v| v.as_object()) {
                names.extend(map.keys().map(String::as_str));
            }
        };
        add(schema.get("properties"));
        if let Some(defs) = schema.get("definitions").and_then(|d| d.as_object()) {
            for def in defs.values() {
                add(def.get("properties"));
            }
        }
        names.sort_unstable();
        names.dedup();
        names
    }
}

/// The example texts `buyin new` writes for people to replace. A file that still has one
/// is reported, so the example is never published as if someone had written it.
pub const PLACEHOLDERS: &[&str] = &[
    "Course title",
    "What learners will get from this course.",
    "Who the course is for",
    "What learners will be able to do afterwards",
    "Write the course description here, in Markdown.",
    "Full Name",
    "Job title",
    "Why I back this course, and what I will do for it.",
    "Meeting title",
    "What was discussed, in Markdown.",
    "What was decided.",
    "The question managers were asked",
    "A problem managers raised, in their words.",
];

/// The 1-based lines (and columns) of `text` whose value is still an example text from
/// `buyin new`.
pub fn placeholders_in(text: &str) -> Vec<(usize, usize, &'static str)> {
    // Every file of a site is searched, so first one pass for all the examples at once;
    // only a file that has one is looked at line by line.
    static SEARCH: std::sync::OnceLock<Option<aho_corasick::AhoCorasick>> =
        std::sync::OnceLock::new();
    let search = SEARCH.get_or_init(|| aho_corasick::AhoCorasick::new(PLACEHOLDERS).ok());
    if search.as_ref().is_some_and(|s| !s.is_match(text)) {
        return Vec::new();
    }
    let shortest = PLACEHOLDERS.iter().map(|p| p.len()).min().unwrap_or(0);
    let longest = PLACEHOLDERS.iter().map(|p| p.len()).max().unwrap_or(0);
    let mut found = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        // A line with an example text is a short `name: value` or `- value`.
        if trimmed.len() < shortest || trimmed.len() > longest + 32 || trimmed.starts_with('#') {
            continue;
        }
        let mut value = trimmed.strip_prefix("- ").unwrap_or(trimmed);
        if let Some((key, rest)) = value.split_once(": ")
            && key.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_')
        {
            value = rest;
        }
        let value = value.trim().trim_matches(QUOTE_MARKS).trim();
        if value.len() < shortest || value.len() > longest {
            continue;
        }
        if let Some(p) = PLACEHOLDERS.iter().find(|p| **p == value) {
            let column = line
                .find(value)
                .map_or(1, |b| line[..b].chars().count() + 1);
            found.push((i + 1, column, *p));
        }
    }
    found
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

/// A safe id made from any text, written in Latin letters where it was not:
/// `Priya Natarajan!` becomes `priya-natarajan`, `José Núñez` becomes `jose-nunez`.
pub fn slugify(text: &str) -> String {
    let without_apostrophes: String = text.chars().filter(|c| !matches!(c, '\'' | '’')).collect();
    let latin = deunicode::deunicode(&without_apostrophes);
    let mut out = String::new();
    for c in latin.chars().flat_map(char::to_lowercase) {
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
        assert_eq!(Period::parse("1 year").unwrap().amount, 12);
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
        assert_eq!(slugify("  Q&A: Café  "), "q-a-cafe");
        assert_eq!(slugify("José Núñez"), "jose-nunez");
        assert_eq!(slugify("Siobhán O'Brien"), "siobhan-obrien");
        assert_eq!(slugify("Łukasz Müller-Søren"), "lukasz-muller-soren");
        assert_eq!(slugify("王芳"), "wang-fang");
    }
}
