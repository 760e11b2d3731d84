//! The small value types records use, each read from the text people write with a guess
//! at what was meant when it cannot be read: dates, times, periods, one-or-many lists.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};

use crate::codes::Code;
use crate::yaml::{TextProblem, TextRule};

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

    /// Whole days from this date to `later` (negative when `later` is earlier).
    pub fn days_until(&self, later: Date) -> i64 {
        self.0
            .until((jiff::Unit::Day, later.0))
            .map(|span| i64::from(span.get_days()))
            .unwrap_or(0)
    }

    /// `October 2026`
    pub fn month_year(&self) -> String {
        let d = self.0;
        format!("{} {}", MONTHS[month_index(d)], d.year())
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
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
pub(super) fn text_rule<T: FromText>(code: &'static Code, help: &'static str) -> TextRule {
    TextRule {
        code,
        expected: T::EXPECTED,
        help,
        check: |text| T::from_text(text).map(|_| ()),
    }
}

// Written back as the text they are read from, so a record read once can be kept (in the
// build cache) and read again by the same rules.

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.iso())
    }
}

impl serde::Serialize for Time {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&format_args!("{:02}:{:02}", self.hour, self.minute))
    }
}

impl serde::Serialize for Period {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let unit = match self.unit {
            PeriodUnit::Days => "days",
            PeriodUnit::Weeks => "weeks",
            PeriodUnit::Months => "months",
        };
        s.collect_str(&format_args!("{} {unit}", self.amount))
    }
}

impl serde::Serialize for OneOrMany {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.items.as_slice() {
            [one] if !self.is_list => s.serialize_str(one),
            items => items.serialize(s),
        }
    }
}
