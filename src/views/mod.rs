//! What templates see: one view type per page, built from the resolved site and its
//! backing model. Views carry state and data, never sentences: the theme words them (its
//! templates and its strings file), so a site or a language can reword any of them.
//! Builds no HTML and reads no files.

mod brief;
mod catalog;
mod course;
mod digest;
mod leader;
mod meeting;
mod page;
mod poll;
mod question;
mod shared;

use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

use serde::Serialize;

use crate::backing::Backing;
use crate::model::Date;
use crate::resolve::{
    CourseId, DepartmentId, EndorsementId, LeaderId, MeetingId, OutcomeRef, Session, Site,
};
use crate::strings::Strings;

pub use brief::BriefPage;
pub use catalog::{
    Catalog, CatalogStats, CourseCard, DepartmentPage, DepartmentSummary, FormatView, Pages,
    catalog_index,
};
pub use course::{CourseDetail, SeniorAnswer};
pub use leader::{LeaderDetail, LeaderGroup};
pub use meeting::{MeetingDetail, MeetingListed};
pub use page::{Markdown, Page, PageData, PageInfo, PageView};
pub use poll::{PollView, ProblemView, percent};
pub use question::QuestionView;
pub use shared::{CourseValue, Hashed, LeaderValue, Shared, ViewCache, fingerprint_of, initials};

thread_local! {
    /// Whether the page being rendered on this thread shows text in its original language.
    static ORIGINALS: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// How the page being rendered on this thread writes dates.
    static DATE_WORDS: std::cell::RefCell<Option<Arc<crate::strings::DateWords>>> =
        const { std::cell::RefCell::new(None) };
}

/// The language a text is written in, when it is shown untranslated in a page of another
/// language (`None` when it is in the page's language). Templates mark the text with it;
/// showing one tells the page to say, once, that some text is untranslated.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Original(pub Option<String>);

impl Serialize for Original {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.0.is_some() && !shared::fingerprinting() {
            ORIGINALS.with(|o| o.set(true));
        }
        self.0.serialize(serializer)
    }
}

/// Runs `f` (which serialises a page's views) and tells whether it showed any text in its
/// original language.
pub fn noting_originals<T>(f: impl FnOnce() -> T) -> (T, bool) {
    let was = ORIGINALS.with(|o| o.replace(false));
    let out = f();
    let seen = ORIGINALS.with(|o| o.replace(was));
    (out, seen)
}

/// Runs `f` with dates written in `words` (the page's language) on this thread.
pub fn with_date_words<T>(
    words: Option<Arc<crate::strings::DateWords>>,
    f: impl FnOnce() -> T,
) -> T {
    let was = DATE_WORDS.with(|w| w.replace(words));
    let out = f();
    DATE_WORDS.with(|w| *w.borrow_mut() = was);
    out
}

/// A date as templates see it: `date.iso` (2026-10-14), `date.long` (14 October 2026),
/// `date.short` (Wed 14 Oct 2026) and `date.month` (October 2026). Written out only when a
/// page is rendered.
#[derive(Debug, Clone, Copy)]
pub struct DateView(pub Date);

impl From<Date> for DateView {
    fn from(d: Date) -> Self {
        DateView(d)
    }
}

impl Serialize for DateView {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        if shared::fingerprinting() {
            let d = self.0.0;
            let number =
                i64::from(d.year()) * 10_000 + i64::from(d.month()) * 100 + i64::from(d.day());
            return serializer.serialize_i64(number);
        }
        let [iso, long, short, month] = &*date_texts(self.0);
        let mut s = serializer.serialize_struct("DateView", 4)?;
        s.serialize_field("iso", iso)?;
        s.serialize_field("long", long)?;
        s.serialize_field("short", short)?;
        s.serialize_field("month", month)?;
        s.end()
    }
}

/// A date written out as the page being rendered on this thread writes dates: ISO, long,
/// short, month. Each date is written once per thread and way of writing (a site shows the
/// same few hundred dates on thousands of pages).
fn date_texts(date: Date) -> Rc<[String; 4]> {
    type Written = (
        Option<Arc<crate::strings::DateWords>>,
        HashMap<Date, Rc<[String; 4]>>,
    );
    thread_local! {
        static WRITTEN: std::cell::RefCell<Written> = std::cell::RefCell::default();
    }
    let words = DATE_WORDS.with(|w| w.borrow().clone());
    WRITTEN.with(|written| {
        let (by, texts) = &mut *written.borrow_mut();
        let same = match (&*by, &words) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        if !same {
            // Held, so another way of writing dates is never taken for this one.
            *by = words.clone();
            texts.clear();
        }
        let d = date.0;
        Rc::clone(texts.entry(date).or_insert_with(|| {
            Rc::new(match &words {
                Some(w) => [date.iso(), w.long(d), w.short(d), w.month_year(d)],
                None => [date.iso(), date.long(), date.short(), date.month_year()],
            })
        }))
    })
}

#[derive(Debug, Clone, Serialize)]
pub struct DeptRef {
    pub id: String,
    pub name: String,
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CourseRef {
    pub slug: String,
    pub title: String,
    pub url: String,
    /// The title's language, when untranslated.
    pub lang: Original,
}

#[derive(Debug, Clone, Serialize)]
pub struct LeaderView {
    pub id: String,
    pub url: String,
    pub name: String,
    pub title: String,
    /// The title's language, when untranslated.
    pub title_lang: Original,
    pub department: Option<DeptRef>,
    /// `executive`, `senior` or `manager`.
    pub seniority: &'static str,
    pub is_senior: bool,
    pub initials: String,
    /// Path of the photo relative to the site root.
    pub photo: Option<String>,
    /// How to ask them a question: their `contact`, or else the site's `ask_url`.
    pub ask: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MeetingRef {
    pub id: String,
    pub url: String,
    pub title: String,
    /// The title's language, when untranslated.
    pub lang: Original,
    pub date: DateView,
    /// `briefing`, `steering`, `review` or `town-hall`.
    pub kind: &'static str,
}

/// A session's day and place, as a commitment or an answer names it.
#[derive(Debug, Clone, Serialize)]
pub struct SessionRef {
    pub id: String,
    pub date: DateView,
    /// The room; `None` for a session held online.
    pub location: Option<String>,
    /// Held online only (a link and no room).
    pub online: bool,
    /// Over by the day the page is built.
    pub past: bool,
}

impl SessionRef {
    fn of(session: &Session, today: Date) -> Self {
        SessionRef {
            id: session.id.clone(),
            date: session.date.into(),
            location: session.location.clone(),
            online: session.location.is_none() && session.link.is_some(),
            past: session.date < today,
        }
    }
}

/// A length of time, for the theme to word: `{amount: 4, unit: "weeks"}`.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct PeriodView {
    pub amount: u32,
    /// `days`, `weeks` or `months`.
    pub unit: &'static str,
}

impl From<crate::model::Period> for PeriodView {
    fn from(p: crate::model::Period) -> Self {
        PeriodView {
            amount: p.amount,
            unit: match p.unit {
                crate::model::PeriodUnit::Days => "days",
                crate::model::PeriodUnit::Weeks => "weeks",
                crate::model::PeriodUnit::Months => "months",
            },
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct OutcomeView {
    pub meeting: MeetingRef,
    pub course: CourseValue,
    /// `decision` or `commitment`.
    pub kind: &'static str,
    pub text: String,
    /// The text's language, when untranslated.
    pub lang: Original,
    pub owner: Option<LeaderValue>,
}

/// One thing a leader commits to for a course.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Commitment {
    /// A session still to come, and one that is over.
    Attend {
        session: SessionRef,
    },
    Attended {
        session: SessionRef,
    },
    Observe {
        session: SessionRef,
    },
    Observed {
        session: SessionRef,
    },
    /// The leader took the course themselves.
    Completed {
        date: DateView,
    },
    /// They meet each learner within this time after the course.
    FollowUp {
        period: PeriodView,
    },
    Sme {
        topic: String,
    },
    SignOff,
    Sponsor,
    BriefTeam,
}

#[derive(Debug, Clone, Serialize)]
pub struct EndorsementView {
    pub leader: LeaderValue,
    pub course: CourseValue,
    pub date: DateView,
    pub quote: Arc<[String]>,
    /// The quote's language, when it is shown untranslated.
    pub quote_lang: Original,
    /// The leader's own words, when `quote` is a translation of them.
    pub quote_original: Option<Arc<[String]>>,
    pub commitments: Vec<Commitment>,
}

/// The site, for every page.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    pub title: String,
    pub organisation: String,
    pub language: String,
    /// The address the site is published at, ending in `/`, when site.yaml gives one.
    pub base_url: Option<String>,
    pub departments: Vec<DeptRef>,
}

/// Builds the views of pages from a site, its backing, the shared views and the theme's
/// strings (for page titles). `today` matters only to the learning team's report.
pub struct Views<'a> {
    pub site: &'a Site,
    pub backing: &'a Backing,
    shared: &'a Shared,
    cache: &'a ViewCache,
    strings: &'a Strings,
    today: Date,
}

impl<'a> Views<'a> {
    pub fn new(
        site: &'a Site,
        backing: &'a Backing,
        shared: &'a Shared,
        cache: &'a ViewCache,
        strings: &'a Strings,
        today: Date,
    ) -> Self {
        Views {
            site,
            backing,
            shared,
            cache,
            strings,
            today,
        }
    }

    fn leader_value(&self, id: LeaderId) -> LeaderValue {
        self.shared.leaders[id.index()].clone()
    }

    fn course_value(&self, id: CourseId) -> CourseValue {
        self.shared.courses[id.index()].clone()
    }

    fn department(&self, id: DepartmentId) -> DeptRef {
        self.shared.departments[id.index()].clone()
    }

    fn meeting_ref(&self, id: MeetingId) -> MeetingRef {
        self.shared.meetings[id.index()].clone()
    }

    fn commitments(&self, e: EndorsementId) -> Vec<Commitment> {
        let e = &self.site.endorsements[e];
        let session = |s| SessionRef::of(self.site.session(e.course, s), self.today);
        let mut out = Vec::new();
        out.extend(e.attend.iter().map(|&s| {
            let session = session(s);
            if session.past {
                Commitment::Attended { session }
            } else {
                Commitment::Attend { session }
            }
        }));
        out.extend(e.observe.iter().map(|&s| {
            let session = session(s);
            if session.past {
                Commitment::Observed { session }
            } else {
                Commitment::Observe { session }
            }
        }));
        if let Some(date) = e.completed.filter(|d| *d <= self.today) {
            out.push(Commitment::Completed { date: date.into() });
        }
        if let Some(period) = e.follow_up {
            out.push(Commitment::FollowUp {
                period: period.into(),
            });
        }
        out.extend(e.sme.iter().map(|topic| Commitment::Sme {
            topic: topic.clone(),
        }));
        if e.sign_off {
            out.push(Commitment::SignOff);
        }
        if e.sponsor {
            out.push(Commitment::Sponsor);
        }
        if e.brief_team {
            out.push(Commitment::BriefTeam);
        }
        out
    }

    /// An endorsement as course and leader pages show it, made once per site.
    fn endorsement(&self, id: EndorsementId) -> Hashed<EndorsementView> {
        let make = || {
            let e = &self.site.endorsements[id];
            Hashed::new(EndorsementView {
                leader: self.leader_value(e.leader),
                course: self.course_value(e.course),
                date: e.date.into(),
                quote: e.quote.clone(),
                quote_lang: Original(e.quote_lang.clone()),
                quote_original: e.quote_original.clone(),
                commitments: self.commitments(id),
            })
        };
        match self.cache.endorsements.get(id.index()) {
            Some(cell) => cell.get_or_init(make).clone(),
            None => make(),
        }
    }

    fn outcome(&self, at: OutcomeRef) -> OutcomeView {
        let o = self.site.outcome(at);
        OutcomeView {
            meeting: self.meeting_ref(at.meeting),
            course: self.course_value(o.course),
            kind: o.kind.as_str(),
            text: o.text.clone(),
            lang: Original(o.original.clone()),
            owner: o.owner.map(|l| self.leader_value(l)),
        }
    }
}
