//! Machine-read outputs built without templates: the Atom feed of new courses,
//! endorsements and answered questions, sitemap.xml, and one iCalendar file per course. Deterministic: dates come
//! from the content, never from the clock.

use std::fmt::Write as _;

use crate::backing::Backing;
use crate::model::Date;
use crate::resolve::{Course, CourseId, EndorsementId, QuestionId, Site};
use crate::strings::Strings;

/// Escapes text for XML content and attribute values.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 cannot carry at all.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// A link to `path` (below the site root): absolute when the site has a base URL.
fn link(site: &Site, prefix: &str, path: &str) -> String {
    crate::routes::absolute(site.config.base_url.as_deref(), &format!("{prefix}{path}"))
}

fn feed_id(site: &Site, prefix: &str, path: &str) -> String {
    let path = &format!("{prefix}{path}");
    match &site.config.base_url {
        Some(base) => format!("{base}{path}"),
        None => format!(
            "urn:buyin:{}:{}",
            crate::model::slugify(&site.config.organisation),
            path.trim_end_matches(".html").replace(['/', '#'], ":")
        ),
    }
}

fn stamp(date: Date) -> String {
    format!("{}T00:00:00Z", date.iso())
}

struct Entry {
    date: Date,
    id: String,
    title: String,
    url: String,
    author: String,
    summary: String,
}

/// The Atom feed: the 50 newest endorsements, answers and courses (by their first endorsement),
/// worded by the theme's `feed.*` strings.
///
/// `prefix` is the folder of the feed's language (`fr/`, or `""` for the default one).
pub fn atom(site: &Site, backing: &Backing, strings: &Strings, prefix: &str) -> String {
    let language = prefix
        .strip_suffix('/')
        .unwrap_or(&site.config.language)
        .to_string();
    // Pick the newest entries first, then spend formatting only on those kept.
    enum Source {
        Course(CourseId),
        Endorsement(EndorsementId),
        Answer(QuestionId),
    }
    let mut candidates: Vec<(Date, u8, usize, Source)> = Vec::new();
    for (id, _) in site.published() {
        if let Some(date) = backing.course(id).first_endorsed {
            candidates.push((date, 0, id.index(), Source::Course(id)));
        }
    }
    for (id, e) in site.endorsements() {
        if !site.courses[e.course].draft {
            candidates.push((e.date, 1, id.index(), Source::Endorsement(id)));
        }
    }
    for (id, q) in site.questions() {
        if let Some(answer) = &q.answer
            && !site.courses[q.course].draft
        {
            candidates.push((answer.on, 2, id.index(), Source::Answer(id)));
        }
    }
    candidates.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    candidates.truncate(50);
    let entries: Vec<Entry> = candidates
        .into_iter()
        .filter_map(|(date, _, _, source)| match source {
            Source::Course(id) => {
                let course = &site.courses[id];
                let path = crate::routes::course(&course.slug);
                Some(Entry {
                    date,
                    id: feed_id(site, prefix, &path),
                    title: strings.say(
                        "feed.new_course",
                        &[("title", course.title.as_str().into())],
                    ),
                    url: link(site, prefix, &path),
                    author: site.config.organisation.clone(),
                    summary: course.summary.clone(),
                })
            }
            Source::Endorsement(id) => {
                let e = &site.endorsements[id];
                let course = &site.courses[e.course];
                let leader = &site.leaders[e.leader];
                let path = crate::routes::course(&course.slug);
                Some(Entry {
                    date,
                    id: feed_id(site, prefix, &format!("{path}#{}", leader.id)),
                    title: strings.say(
                        "feed.endorsement",
                        &[
                            ("name", leader.name.as_str().into()),
                            ("course", course.title.as_str().into()),
                        ],
                    ),
                    url: link(site, prefix, &format!("{path}#backing")),
                    author: leader.name.clone(),
                    summary: if e.quote.is_empty() {
                        strings.say(
                            "feed.endorsement_without_quote",
                            &[
                                ("name", leader.name.as_str().into()),
                                ("title", leader.title.as_str().into()),
                            ],
                        )
                    } else {
                        e.quote.join("\n\n")
                    },
                })
            }
            Source::Answer(id) => {
                let q = &site.questions[id];
                let course = &site.courses[q.course];
                let answer = q.answer.as_ref()?;
                let (text, leader) = (answer.text.join("\n\n"), &site.leaders[answer.by]);
                let path = crate::routes::question(&course.slug, &q.id);
                Some(Entry {
                    date,
                    id: feed_id(site, prefix, &path),
                    title: strings.say(
                        "feed.answer",
                        &[
                            ("name", leader.name.as_str().into()),
                            ("course", course.title.as_str().into()),
                        ],
                    ),
                    url: link(site, prefix, &path),
                    author: leader.name.clone(),
                    summary: strings.say(
                        "feed.answer_summary",
                        &[
                            ("question", q.question.as_str().into()),
                            ("answer", text.into()),
                        ],
                    ),
                })
            }
        })
        .collect();
    let updated = entries
        .iter()
        .map(|e| e.date)
        .max()
        .map(stamp)
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_string());
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        out,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">",
        xml_escape(&language)
    );
    let _ = writeln!(out, "  <title>{}</title>", xml_escape(&site.config.title));
    let _ = writeln!(
        out,
        "  <subtitle>{}</subtitle>",
        xml_escape(&strings.say(
            "feed.subtitle",
            &[("organisation", site.config.organisation.as_str().into())]
        ))
    );
    let _ = writeln!(
        out,
        "  <id>{}</id>",
        xml_escape(&feed_id(site, prefix, crate::routes::FEED))
    );
    let _ = writeln!(
        out,
        "  <link rel=\"alternate\" href=\"{}\"/>",
        xml_escape(&link(site, prefix, crate::routes::CATALOG))
    );
    let _ = writeln!(
        out,
        "  <link rel=\"self\" href=\"{}\"/>",
        xml_escape(&link(site, prefix, crate::routes::FEED))
    );
    let _ = writeln!(out, "  <updated>{updated}</updated>");
    let _ = writeln!(
        out,
        "  <author><name>{}</name></author>",
        xml_escape(&site.config.organisation)
    );
    for e in &entries {
        out.push_str("  <entry>\n");
        let _ = writeln!(out, "    <title>{}</title>", xml_escape(&e.title));
        let _ = writeln!(out, "    <id>{}</id>", xml_escape(&e.id));
        let _ = writeln!(
            out,
            "    <link rel=\"alternate\" href=\"{}\"/>",
            xml_escape(&e.url)
        );
        let _ = writeln!(out, "    <updated>{}</updated>", stamp(e.date));
        let _ = writeln!(
            out,
            "    <author><name>{}</name></author>",
            xml_escape(&e.author)
        );
        let _ = writeln!(out, "    <summary>{}</summary>", xml_escape(&e.summary));
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

/// sitemap.xml with every HTML page learners see (`paths` are the site's output paths);
/// only with a base URL, as sitemaps need absolute URLs.
pub fn sitemap<'a>(
    site: &Site,
    paths: impl Iterator<Item = &'a String>,
    languages: &[(String, String)],
) -> Option<String> {
    let base = site.config.base_url.as_ref()?;
    let changed = last_changes(site);
    let several = languages.len() > 1;
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str(if several {
        "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n"
    } else {
        "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
    });
    for path in paths {
        if !path.ends_with(".html")
            || path == crate::routes::NOT_FOUND
            || path == crate::routes::REPORT
        {
            continue;
        }
        // The page's path within its language's folder.
        let inner = languages
            .iter()
            .filter(|(_, prefix)| !prefix.is_empty())
            .find_map(|(_, prefix)| path.strip_prefix(prefix.as_str()))
            .unwrap_or(path);
        let _ = write!(
            out,
            "  <url><loc>{}</loc>",
            xml_escape(&format!("{base}{path}"))
        );
        if let Some(date) = changed.get(inner).copied().or(changed.site) {
            let _ = write!(out, "<lastmod>{}</lastmod>", date.iso());
        }
        if several {
            for (code, prefix) in languages {
                let _ = write!(
                    out,
                    "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                    xml_escape(code),
                    xml_escape(&format!("{base}{prefix}{inner}"))
                );
            }
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    Some(out)
}

/// When each page last changed, as far as the records tell: the newest endorsement,
/// answer or meeting outcome about a course, the newest of a leader's endorsements,
/// answers and meetings, a meeting's date; pages that list everything take the newest
/// record of the site.
struct LastChanges {
    pages: std::collections::HashMap<String, Date>,
    site: Option<Date>,
}

impl LastChanges {
    fn get(&self, path: &str) -> Option<&Date> {
        self.pages.get(path)
    }

    fn note(&mut self, path: String, date: Date) {
        let entry = self.pages.entry(path).or_insert(date);
        *entry = (*entry).max(date);
        self.site = Some(self.site.map_or(date, |d| d.max(date)));
    }
}

fn last_changes(site: &Site) -> LastChanges {
    use crate::routes;
    // The newest date of each course and leader first, by place (not by page path, which
    // would make three strings for each of tens of thousands of endorsements).
    fn newest(slot: &mut Option<Date>, date: Date) {
        *slot = Some(slot.map_or(date, |d| d.max(date)));
    }
    let mut courses: Vec<Option<Date>> = vec![None; site.courses.len()];
    let mut leaders: Vec<Option<Date>> = vec![None; site.leaders.len()];
    for e in &site.endorsements {
        newest(&mut courses[e.course.index()], e.date);
        newest(&mut leaders[e.leader.index()], e.date);
    }
    for q in &site.questions {
        if let Some(answer) = &q.answer {
            newest(&mut courses[q.course.index()], answer.on);
            newest(&mut leaders[answer.by.index()], answer.on);
        }
    }
    let mut changes = LastChanges {
        pages: std::collections::HashMap::new(),
        site: None,
    };
    for m in &site.meetings {
        changes.note(routes::meeting(&m.id), m.date);
        for o in &m.outcomes {
            newest(&mut courses[o.course.index()], m.date);
        }
        for &l in &m.attendees {
            newest(&mut leaders[l.index()], m.date);
        }
    }
    for p in &site.polls {
        changes.note(routes::POLLS.to_string(), p.date);
    }
    for (course, date) in site.courses.iter().zip(courses) {
        if let Some(date) = date {
            changes.note(routes::course(&course.slug), date);
            changes.note(routes::brief(&course.slug), date);
        }
    }
    for (leader, date) in site.leaders.iter().zip(leaders) {
        if let Some(date) = date {
            changes.note(routes::leader(&leader.id), date);
        }
    }
    changes
}

/// Escapes iCalendar TEXT values.
fn ics_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets, as RFC 5545 requires, and ends it with CRLF.
fn ics_line(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

/// Everything a course's calendar is made of, and nothing else: [`Calendar::text`] reads
/// only these, so a hash of them ([`Calendar::fingerprint`]) changes whenever the text
/// would, without making it.
#[derive(Hash)]
pub struct Calendar<'a> {
    organisation: &'a str,
    slug: &'a str,
    title: &'a str,
    summary: &'a str,
    sessions: &'a [crate::resolve::Session],
    /// The build's moment (its `DTSTAMP`).
    built: jiff::Timestamp,
    /// When the course's file last changed (its events' `LAST-MODIFIED`, and the
    /// `SEQUENCE` that tells calendar programs an event they hold has been updated).
    changed: Option<jiff::Timestamp>,
}

impl<'a> Calendar<'a> {
    /// The calendar of `course` in `site`, made at `built`.
    pub fn of(site: &'a Site, course: &'a Course, built: jiff::Timestamp) -> Calendar<'a> {
        Calendar {
            organisation: &site.config.organisation,
            slug: &course.slug,
            title: &course.title,
            summary: &course.summary,
            sessions: &course.sessions,
            built,
            changed: course.body.modified,
        }
    }

    /// A hash of what the calendar is made of.
    pub fn fingerprint(&self) -> u64 {
        use std::hash::BuildHasher;
        foldhash::fast::FixedState::with_seed(0x6275_7969_6e37).hash_one(self)
    }

    /// The iCalendar file of the course's sessions. A session in a known time zone
    /// carries it (`TZID`, with the zone's rules in a `VTIMEZONE`), so it shows at the
    /// right hour in any other zone; without one its times are floating (the same clock
    /// time everywhere).
    pub fn text(&self) -> String {
        let Calendar {
            organisation,
            slug,
            title,
            summary,
            sessions,
            built,
            changed,
        } = *self;
        let org = crate::model::slugify(organisation);
        let stamp = built.strftime("%Y%m%dT%H%M%SZ").to_string();
        // Never after the build: a file dated in the future (a clock off, a pinned `--today`)
        // counts as changed now.
        let changed = changed.map_or(built, |c| c.min(built));
        let modified = changed.strftime("%Y%m%dT%H%M%SZ").to_string();
        // Minutes since 2020: grows with every change to the file, whichever machine builds.
        let sequence = ((changed.as_second() - 1_577_836_800) / 60).max(0);
        let mut out = String::new();
        ics_line(&mut out, "BEGIN:VCALENDAR");
        ics_line(&mut out, "VERSION:2.0");
        ics_line(
            &mut out,
            &format!("PRODID:-//{}//buyin//EN", ics_text(organisation)),
        );
        ics_line(&mut out, "CALSCALE:GREGORIAN");
        ics_line(&mut out, "METHOD:PUBLISH");
        ics_line(&mut out, &format!("X-WR-CALNAME:{}", ics_text(title)));
        let mut zones: Vec<&str> = sessions
            .iter()
            .filter(|s| s.start.is_some())
            .filter_map(|s| s.timezone.as_deref())
            .collect();
        zones.sort_unstable();
        zones.dedup();
        for zone in zones {
            let dates = sessions
                .iter()
                .filter(|s| s.timezone.as_deref() == Some(zone))
                .map(|s| s.date.0);
            if let (Some(first), Some(last)) = (dates.clone().min(), dates.max()) {
                vtimezone(&mut out, zone, first, last);
            }
        }
        for s in sessions {
            let day = s.date.0.strftime("%Y%m%d").to_string();
            ics_line(&mut out, "BEGIN:VEVENT");
            ics_line(&mut out, &format!("UID:{}-{}@{}.buyin", slug, s.id, org));
            ics_line(&mut out, &format!("DTSTAMP:{stamp}"));
            ics_line(&mut out, &format!("LAST-MODIFIED:{modified}"));
            ics_line(&mut out, &format!("SEQUENCE:{sequence}"));
            let zone = s
                .timezone
                .as_deref()
                .map(|z| format!(";TZID={z}"))
                .unwrap_or_default();
            match (s.start, s.end) {
                (Some(start), end) => {
                    ics_line(
                        &mut out,
                        &format!("DTSTART{zone}:{day}T{:02}{:02}00", start.hour, start.minute),
                    );
                    if let Some(end) = end {
                        ics_line(
                            &mut out,
                            &format!("DTEND{zone}:{day}T{:02}{:02}00", end.hour, end.minute),
                        );
                    }
                }
                (None, _) => ics_line(&mut out, &format!("DTSTART;VALUE=DATE:{day}")),
            }
            ics_line(&mut out, &format!("SUMMARY:{}", ics_text(title)));
            if let Some(location) = &s.location {
                ics_line(&mut out, &format!("LOCATION:{}", ics_text(location)));
            }
            if let Some(url) = &s.link {
                ics_line(&mut out, &format!("URL:{}", ics_text(url)));
            }
            ics_line(&mut out, &format!("DESCRIPTION:{}", ics_text(summary)));
            ics_line(&mut out, "END:VEVENT");
        }
        ics_line(&mut out, "END:VCALENDAR");
        out
    }
}

/// The rules of `zone` from a year before `first` to a year after `last`: the offset in
/// force at the start, then each change (summer time starting or ending) as an
/// observance of its own, so any calendar program reads the sessions' times right.
fn vtimezone(out: &mut String, zone: &str, first: jiff::civil::Date, last: jiff::civil::Date) {
    let Ok(tz) = crate::zones::lookup(zone) else {
        return;
    };
    let local = |offset: jiff::tz::Offset, at: jiff::Timestamp| {
        offset.to_datetime(at).strftime("%Y%m%dT%H%M%S").to_string()
    };
    let offset_text = |offset: jiff::tz::Offset| {
        let seconds = offset.seconds();
        let sign = if seconds < 0 { '-' } else { '+' };
        let seconds = seconds.abs();
        let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
        if s == 0 {
            format!("{sign}{h:02}{m:02}")
        } else {
            format!("{sign}{h:02}{m:02}{s:02}")
        }
    };
    let at_midnight = |d: jiff::civil::Date| {
        tz.to_timestamp(d.at(0, 0, 0, 0))
            .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
    };
    let from = at_midnight(first.saturating_sub(jiff::Span::new().years(1)));
    let until = at_midnight(last.saturating_add(jiff::Span::new().years(1)));
    ics_line(out, "BEGIN:VTIMEZONE");
    ics_line(out, &format!("TZID:{zone}"));
    let info = tz.to_offset_info(from);
    let mut before = info.offset();
    let kind = |dst: bool| if dst { "DAYLIGHT" } else { "STANDARD" };
    let observance = |out: &mut String,
                      kind: &str,
                      start: String,
                      from: jiff::tz::Offset,
                      to: jiff::tz::Offset,
                      name: &str| {
        ics_line(out, &format!("BEGIN:{kind}"));
        ics_line(out, &format!("DTSTART:{start}"));
        ics_line(out, &format!("TZOFFSETFROM:{}", offset_text(from)));
        ics_line(out, &format!("TZOFFSETTO:{}", offset_text(to)));
        if !name.is_empty() {
            ics_line(out, &format!("TZNAME:{}", ics_text(name)));
        }
        ics_line(out, &format!("END:{kind}"));
    };
    observance(
        out,
        kind(info.dst().is_dst()),
        local(before, from),
        before,
        before,
        info.abbreviation(),
    );
    for t in tz.following(from).take_while(|t| t.timestamp() < until) {
        observance(
            out,
            kind(t.dst().is_dst()),
            local(before, t.timestamp()),
            before,
            t.offset(),
            t.abbreviation(),
        );
        before = t.offset();
    }
    ics_line(out, "END:VTIMEZONE");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_calendar_fingerprint_changes_with_what_the_calendar_shows() {
        let session = crate::resolve::Session {
            id: "first".into(),
            date: crate::model::Date(jiff::civil::date(2027, 3, 1)),
            start: None,
            end: None,
            location: Some("Room 4".into()),
            link: None,
            capacity: None,
            enrol: None,
            full: false,
            waitlist: None,
            timezone: Some("Europe/London".into()),
        };
        let sessions = [session.clone()];
        let calendar = Calendar {
            organisation: "Acme",
            slug: "intro",
            title: "Intro",
            summary: "A start.",
            sessions: &sessions,
            built: jiff::Timestamp::from_second(1_800_000_000).unwrap(),
            changed: None,
        };
        let same = Calendar { ..calendar };
        assert_eq!(same.fingerprint(), calendar.fingerprint());
        let moved = [crate::resolve::Session {
            location: Some("Room 5".into()),
            ..session
        }];
        let changed = [
            Calendar {
                sessions: &moved,
                ..calendar
            },
            Calendar {
                summary: "Another start.",
                ..calendar
            },
            Calendar {
                changed: jiff::Timestamp::from_second(1_790_000_000).ok(),
                ..calendar
            },
            Calendar {
                built: jiff::Timestamp::UNIX_EPOCH,
                ..calendar
            },
            Calendar {
                organisation: "Acme Ltd",
                ..calendar
            },
        ];
        for other in &changed {
            assert_ne!(other.text(), calendar.text());
            assert_ne!(other.fingerprint(), calendar.fingerprint());
        }
    }

    #[test]
    fn xml_escape_covers_markup_and_control_characters() {
        assert_eq!(xml_escape("a<b>&\"'\u{1}"), "a&lt;b&gt;&amp;&quot;&apos;");
    }

    #[test]
    fn ics_lines_are_escaped_and_folded() {
        let mut out = String::new();
        ics_line(&mut out, &format!("SUMMARY:{}", ics_text("a,b;c\\d\nnext")));
        assert_eq!(out, "SUMMARY:a\\,b\\;c\\\\d\\nnext\r\n");
        let mut long = String::new();
        ics_line(&mut long, &"x".repeat(100));
        let lines: Vec<&str> = long.split("\r\n").collect();
        assert_eq!(lines[0].len(), 75);
        assert!(lines[1].starts_with(' '));
    }
}
