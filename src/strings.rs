//! The theme's words: every sentence and label learners read that a template does not
//! hold itself, by key, from the theme's `i18n/<language>.yaml`. The built-in file is read
//! first and a site's own `themes/<name>/i18n/<language>.yaml` replaces it key by key.
//! Templates call `t(key=…, n=…, name=…)`; feeds and page titles call [`Strings::format`].
//!
//! A text may hold `{name}` placeholders, filled from named arguments; a list argument is
//! joined as "A, B and C" with the `list.*` strings. A key with `one` and `other` below it
//! is chosen by the number `n` (which `{n}` shows).

use std::collections::HashMap;
use std::fmt::Write as _;

/// A value given for a placeholder.
#[derive(Debug, Clone)]
pub enum Arg {
    Text(String),
    Number(i128),
    List(Vec<String>),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_string())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}

/// The sentences and labels of one language.
#[derive(Debug, Clone, Default)]
pub struct Strings {
    texts: HashMap<String, String>,
}

impl Strings {
    /// Strings from `(key, text)` pairs; later pairs replace earlier ones.
    pub fn new(pairs: impl IntoIterator<Item = (String, String)>) -> Self {
        Strings {
            texts: pairs.into_iter().collect(),
        }
    }

    /// Replaces or adds the given texts.
    pub fn extend(&mut self, pairs: impl IntoIterator<Item = (String, String)>) {
        self.texts.extend(pairs);
    }

    pub fn contains(&self, key: &str) -> bool {
        self.texts.contains_key(key) || self.texts.contains_key(&format!("{key}.other"))
    }

    /// Whether `key` itself is given (not a form of it).
    pub fn has_key(&self, key: &str) -> bool {
        self.texts.contains_key(key)
    }

    /// The keys, for checking a site's strings against the theme's.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.texts.keys().map(String::as_str)
    }

    /// The text of `key`, chosen by `n` when it has plural forms.
    fn text(&self, key: &str, n: Option<i128>) -> Result<&str, String> {
        if let Some(n) = n {
            // French and some other languages use the singular for 0 as well.
            let singular = n == 1 || (n == 0 && self.texts.contains_key("plural.zero_is_one"));
            let form = if singular { "one" } else { "other" };
            for k in [format!("{key}.{form}"), format!("{key}.other")] {
                if let Some(t) = self.texts.get(&k) {
                    return Ok(t);
                }
            }
        }
        if let Some(t) = self.texts.get(key) {
            return Ok(t);
        }
        if self.texts.contains_key(&format!("{key}.other")) {
            return Err(format!(
                "the sentence `{key}` depends on a number: give `n=…` as well"
            ));
        }
        Err(format!(
            "the theme has no sentence `{key}`: add it to the theme's i18n/<language>.yaml"
        ))
    }

    /// Joins `items` as a list in a sentence: "A", "A and B", "A, B and C".
    pub fn list(&self, items: &[String]) -> String {
        let sep = self
            .texts
            .get("list.separator")
            .map_or(", ", String::as_str);
        let last = self
            .texts
            .get("list.last_separator")
            .map_or(" and ", String::as_str);
        match items {
            [] => String::new(),
            [one] => one.clone(),
            [init @ .., end] => format!("{}{last}{end}", init.join(sep)),
        }
    }

    /// The text of `key` with its placeholders filled from `args`. `n` chooses the plural
    /// form and fills `{n}`.
    pub fn format<K: AsRef<str>>(
        &self,
        key: &str,
        n: Option<i128>,
        args: &[(K, Arg)],
    ) -> Result<String, String> {
        let text = self.text(key, n)?;
        let mut out = String::with_capacity(text.len() + 32);
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else {
                out.push_str(&rest[open..]);
                rest = "";
                break;
            };
            let name = &after[..close];
            match args.iter().find(|(k, _)| k.as_ref() == name) {
                Some((_, Arg::Text(t))) => out.push_str(t),
                Some((_, Arg::Number(v))) => {
                    let _ = write!(out, "{v}");
                }
                Some((_, Arg::List(items))) => out.push_str(&self.list(items)),
                None if name == "n" && n.is_some() => {
                    let _ = write!(out, "{}", n.unwrap_or_default());
                }
                None => {
                    return Err(format!(
                        "the sentence `{key}` needs a value for `{{{name}}}`: give `{name}=…`"
                    ));
                }
            }
            rest = &after[close + 1..];
        }
        out.push_str(rest);
        Ok(out)
    }

    /// The text of `key` with its placeholders filled, or the key itself when the theme
    /// lacks it (for text built outside templates, where the theme was checked already).
    pub fn say<K: AsRef<str>>(&self, key: &str, args: &[(K, Arg)]) -> String {
        self.format(key, None, args)
            .unwrap_or_else(|_| key.to_string())
    }

    /// Registers `t()` and the `and_list` filter on `tera`.
    pub fn register(strings: std::sync::Arc<Strings>, tera: &mut tera::Tera) {
        let s = std::sync::Arc::clone(&strings);
        tera.register_function(
            "t",
            move |kwargs: tera::Kwargs, _: &tera::State| -> tera::TeraResult<String> {
                let (key, n, args) = call_of(&kwargs, |_, arg| arg)?;
                s.format(&key, n, &args).map_err(tera::Error::message)
            },
        );
        // `th`: a sentence with links in it. Its text and values are escaped, except values
        // named `…_html` (made by `link`); the template marks the result `| safe`.
        let s = std::sync::Arc::clone(&strings);
        tera.register_function(
            "th",
            move |kwargs: tera::Kwargs, _: &tera::State| -> tera::TeraResult<String> {
                let (key, n, args) = call_of(&kwargs, |raw, arg| match (raw, arg) {
                    (true, arg) => arg,
                    (false, Arg::Text(t)) => Arg::Text(escape_html(&t)),
                    (false, Arg::List(items)) => {
                        Arg::List(items.iter().map(|i| escape_html(i)).collect())
                    }
                    (false, other) => other,
                })?;
                let escaped = Strings {
                    texts: [(
                        key.clone(),
                        escape_html(s.text(&key, n).map_err(tera::Error::message)?),
                    )]
                    .into_iter()
                    .chain(
                        ["list.separator", "list.last_separator"]
                            .iter()
                            .filter_map(|k| {
                                s.texts.get(*k).map(|t| (k.to_string(), escape_html(t)))
                            }),
                    )
                    .collect(),
                };
                escaped.format(&key, n, &args).map_err(tera::Error::message)
            },
        );
        tera.register_function(
            "link",
            |kwargs: tera::Kwargs, _: &tera::State| -> tera::TeraResult<String> {
                let url: String = kwargs.must_get("url")?;
                let text: String = kwargs.must_get("text")?;
                Ok(format!(
                    "<a href=\"{}\">{}</a>",
                    escape_html(&url),
                    escape_html(&text)
                ))
            },
        );
        tera.register_filter(
            "and_list",
            move |items: Vec<tera::Value>, _: tera::Kwargs, _: &tera::State| -> String {
                let items: Vec<String> = items.iter().map(|v| v.to_string()).collect();
                strings.list(&items)
            },
        );
    }
}

/// How a language writes dates, from its `date.*` strings: the names of months and days
/// and the order of the parts.
#[derive(Debug, Clone)]
pub struct DateWords {
    long: String,
    short: String,
    month_year: String,
    months: Vec<String>,
    months_short: Vec<String>,
    weekdays_short: Vec<String>,
    first_day: Option<String>,
}

impl DateWords {
    /// The date words of `strings`, or `None` when it lacks any of them.
    pub fn of(strings: &Strings) -> Option<DateWords> {
        let get = |k: &str| strings.texts.get(&format!("date.{k}")).cloned();
        let list = |k: &str, n: usize| {
            let items: Vec<String> = get(k)?.split('|').map(|s| s.trim().to_string()).collect();
            (items.len() == n).then_some(items)
        };
        Some(DateWords {
            long: get("long")?,
            short: get("short")?,
            month_year: get("month_year")?,
            months: list("months", 12)?,
            months_short: list("months_short", 12)?,
            weekdays_short: list("weekdays_short", 7)?,
            first_day: get("first_day"),
        })
    }

    fn fill(&self, pattern: &str, d: jiff::civil::Date) -> String {
        use std::fmt::Write as _;
        let month = (d.month() - 1) as usize;
        // One pass over the pattern (dates are filled in hundreds of thousands of times
        // on a large site); an unknown `{…}` is kept as written.
        let mut out = String::with_capacity(pattern.len() + 16);
        let mut rest = pattern;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open..];
            let Some(close) = after.find('}') else {
                out.push_str(after);
                rest = "";
                break;
            };
            match &after[1..close] {
                "weekday" => {
                    out.push_str(&self.weekdays_short[d.weekday().to_monday_zero_offset() as usize])
                }
                "day" => match (&self.first_day, d.day()) {
                    (Some(first), 1) => out.push_str(first),
                    (_, day) => {
                        let _ = write!(out, "{day}");
                    }
                },
                "month_short" => out.push_str(&self.months_short[month]),
                "month" => out.push_str(&self.months[month]),
                "year" => {
                    let _ = write!(out, "{}", d.year());
                }
                _ => out.push_str(&after[..=close]),
            }
            rest = &after[close + 1..];
        }
        out.push_str(rest);
        out
    }

    /// `14 October 2026`
    pub fn long(&self, d: jiff::civil::Date) -> String {
        self.fill(&self.long, d)
    }

    /// `Wed 14 Oct 2026`
    pub fn short(&self, d: jiff::civil::Date) -> String {
        self.fill(&self.short, d)
    }

    /// `October 2026`
    pub fn month_year(&self, d: jiff::civil::Date) -> String {
        self.fill(&self.month_year, d)
    }
}

/// Escapes text for HTML content and attribute values.
pub fn escape_html(text: &str) -> String {
    crate::feeds::xml_escape(text)
}

/// A call of `t` or `th`: the key, the number choosing the form, the named values.
type Call = (String, Option<i128>, Vec<(String, Arg)>);

/// The key, number and named values of a call of `t` or `th`; `arg` sees each value, told
/// whether its name ends in `_html` (which is then dropped from the name).
fn call_of(kwargs: &tera::Kwargs, arg: impl Fn(bool, Arg) -> Arg) -> tera::TeraResult<Call> {
    let key: String = kwargs.must_get("key")?;
    let n = kwargs
        .get::<tera::Value>("n")?
        .and_then(|v| v.as_i128().or_else(|| v.len().map(|l| l as i128)));
    let mut args: Vec<(String, Arg)> = Vec::new();
    for (k, v) in kwargs.iter() {
        let Some(k) = k.as_str() else { continue };
        if k == "key" || k == "n" {
            continue;
        }
        let (name, raw) = match k.strip_suffix("_html") {
            Some(name) => (name, true),
            None => (k, false),
        };
        args.push((name.to_string(), arg(raw, arg_of(v))));
    }
    Ok((key, n, args))
}

fn arg_of(v: &tera::Value) -> Arg {
    if let Some(n) = v.as_i128() {
        return Arg::Number(n);
    }
    if let Some(items) = v.as_array() {
        return Arg::List(items.iter().map(|i| i.to_string()).collect());
    }
    Arg::Text(v.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings() -> Strings {
        Strings::new(
            [
                ("list.separator", ", "),
                ("list.last_separator", " and "),
                ("greeting", "Hello, {name}."),
                ("count.one", "One leader."),
                ("count.other", "{n} leaders."),
                ("backed", "Backed by {names}."),
            ]
            .map(|(k, v)| (k.to_string(), v.to_string())),
        )
    }

    #[test]
    fn placeholders_are_filled_and_lists_joined() {
        let s = strings();
        assert_eq!(
            s.format("greeting", None, &[("name", Arg::from("Ann"))]),
            Ok("Hello, Ann.".to_string())
        );
        let names = |n: &[&str]| Arg::List(n.iter().map(|s| s.to_string()).collect());
        assert_eq!(s.say("backed", &[("names", names(&["A"]))]), "Backed by A.");
        assert_eq!(
            s.say("backed", &[("names", names(&["A", "B", "C"]))]),
            "Backed by A, B and C."
        );
    }

    #[test]
    fn a_number_chooses_the_form() {
        let s = strings();
        let none: &[(&str, Arg)] = &[];
        assert_eq!(
            s.format("count", Some(1), none),
            Ok("One leader.".to_string())
        );
        assert_eq!(
            s.format("count", Some(3), none),
            Ok("3 leaders.".to_string())
        );
        assert_eq!(
            s.format("count", Some(0), none),
            Ok("0 leaders.".to_string())
        );
        assert!(s.format("count", None, none).unwrap_err().contains("n=…"));
    }

    #[test]
    fn missing_keys_and_values_are_named() {
        let s = strings();
        let none: &[(&str, Arg)] = &[];
        assert!(s.format("nope", None, none).unwrap_err().contains("`nope`"));
        assert!(
            s.format("greeting", None, none)
                .unwrap_err()
                .contains("`{name}`")
        );
        // Text made outside templates falls back to the key (the built-in English has
        // every key, and a site can only add to it or replace).
        assert_eq!(s.say("nope", none), "nope");
    }

    #[test]
    fn a_site_replaces_single_strings() {
        let mut s = strings();
        s.extend([("greeting".to_string(), "Hi {name}!".to_string())]);
        assert_eq!(s.say("greeting", &[("name", Arg::from("Bo"))]), "Hi Bo!");
        assert_eq!(
            s.say("backed", &[("names", Arg::from("X"))]),
            "Backed by X."
        );
    }

    #[test]
    fn dates_fill_every_placeholder_once_and_keep_other_text() {
        let words = DateWords {
            long: "{weekday} {day} {month} {year}".into(),
            short: "{day} {month_short} {{x}} {unknown} {year".into(),
            month_year: "{month} {year}".into(),
            months: (1..=12).map(|m| format!("M{m}")).collect(),
            months_short: (1..=12).map(|m| format!("m{m}")).collect(),
            weekdays_short: ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
                .map(String::from)
                .to_vec(),
            first_day: Some("1er".into()),
        };
        let day = jiff::civil::date(2026, 10, 14);
        assert_eq!(words.long(day), "We 14 M10 2026");
        assert_eq!(words.short(day), "14 m10 {{x}} {unknown} {year");
        assert_eq!(
            words.long(jiff::civil::date(2026, 11, 1)),
            "Su 1er M11 2026"
        );
    }
}
