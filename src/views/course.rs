//! The course page: its content, how to join, its sessions, and the leadership backing
//! beside it, before, during and after the course.

use std::sync::Arc;

use serde::Serialize;

use super::{
    CourseCard, CourseValue, DateView, EndorsementView, Hashed, LeaderValue, OutcomeView,
    PeriodView, ProblemView, QuestionView, SessionRef, Views,
};
use crate::backing::{CourseBacking, Phases};
use crate::resolve::{CourseId, EndorsementId, LeaderId, Session, SessionId};
use crate::routes;

#[derive(Debug, Clone, Serialize)]
pub struct SessionView {
    pub id: String,
    pub date: DateView,
    pub start: Option<String>,
    pub end: Option<String>,
    /// The zone of its times, when the site's sessions are in more than one.
    pub zone: Option<ZoneView>,
    pub location: Option<String>,
    pub link: Option<String>,
    pub capacity: Option<u32>,
    /// Over by the day the page is built: no booking, and "attended" rather than
    /// "attending".
    pub past: bool,
    /// Where to book it: its own `enrol`, or the course's.
    pub booking: Option<String>,
    pub full: bool,
    pub waitlist: Option<String>,
    pub attending: Vec<LeaderValue>,
    pub observing: Vec<LeaderValue>,
    pub senior_attending: bool,
}

/// A session's time zone, for the theme to word: its own name for the zone
/// (`zone.names.Europe/London`: "UK time") when it has one, else the city's.
#[derive(Debug, Clone, Serialize)]
pub struct ZoneView {
    /// The theme's key for the zone's name.
    pub key: String,
    /// `America/New_York`.
    pub name: String,
    /// `New York`.
    pub city: String,
    /// The difference from UTC on the session's day: `UTC−5`, `UTC+5:30`, `UTC`.
    pub offset: String,
}

impl ZoneView {
    fn of(session: &Session, strings: &crate::strings::Strings) -> Option<ZoneView> {
        let name = session.timezone.as_deref()?;
        let start = session.start?;
        let tz = crate::zones::lookup(name).ok()?;
        let at = session
            .date
            .0
            .at(start.hour as i8, start.minute as i8, 0, 0)
            .to_zoned(tz)
            .ok()?;
        let seconds = at.offset().seconds();
        let sign = if seconds < 0 { '\u{2212}' } else { '+' };
        let (h, m) = (seconds.abs() / 3600, seconds.abs() / 60 % 60);
        let offset = match (h, m) {
            (0, 0) => "UTC".to_string(),
            (h, 0) => format!("UTC{sign}{h}"),
            (h, m) => format!("UTC{sign}{h}:{m:02}"),
        };
        let own = format!("zone.names.{name}");
        Some(ZoneView {
            key: if strings.contains(&own) {
                own
            } else {
                "zone.city".to_string()
            },
            name: name.to_string(),
            city: crate::zones::city(name),
            offset,
        })
    }
}

/// A senior leader taking part, and the sessions they attend (or drop in on).
#[derive(Debug, Clone, Serialize)]
pub struct Presence {
    pub leader: LeaderValue,
    pub sessions: Vec<SessionRef>,
}

/// A leader who took the course themselves, and when they finished it.
#[derive(Debug, Clone, Serialize)]
pub struct Completion {
    pub leader: LeaderValue,
    pub date: DateView,
}

/// A leader who meets each learner after the course, and how soon.
#[derive(Debug, Clone, Serialize)]
pub struct FollowUpView {
    pub leader: LeaderValue,
    pub period: PeriodView,
}

/// The answer to "are senior leaders attending this course?" as of the day the page is
/// built, as data for the theme to word: which case it is, who will attend, who attended,
/// who drops in, who took the course, who backs it.
#[derive(Debug, Clone, Serialize)]
pub struct SeniorAnswer {
    /// `yes`, `observing` or `no`, for styling.
    pub state: &'static str,
    /// `attending`, `attended`, `observing`, `dropped_in`, `no_sessions` or `not_yet`.
    pub case: &'static str,
    /// How many senior leaders the headline speaks of.
    pub n: usize,
    pub will_attend: Vec<Presence>,
    pub attended: Vec<Presence>,
    pub will_observe: Vec<Presence>,
    pub observed: Vec<Presence>,
    pub completed: Vec<Completion>,
    /// Names of the senior leaders who back the course.
    pub backers: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SmeView {
    pub leader: LeaderValue,
    pub topics: Arc<[String]>,
}

/// Whether leaders back the course before, during and after it.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct PhasesView {
    pub before: bool,
    pub during: bool,
    pub after: bool,
}

impl From<Phases> for PhasesView {
    fn from(p: Phases) -> Self {
        PhasesView {
            before: p.before,
            during: p.during,
            after: p.after,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct CourseSupport {
    pub senior: SeniorAnswer,
    pub phases: PhasesView,
    pub endorsements: Vec<Hashed<EndorsementView>>,
    /// Leaders who attend or drop in on a session (any session), in leader order.
    pub at_sessions: Vec<LeaderValue>,
    pub smes: Vec<SmeView>,
    pub completed: Vec<Completion>,
    pub follow_ups: Vec<FollowUpView>,
    pub sign_off: Vec<LeaderValue>,
    pub sponsors: Vec<LeaderValue>,
    pub briefing: Vec<LeaderValue>,
    pub outcomes: Vec<OutcomeView>,
    pub problems: Vec<ProblemView>,
    pub questions: Vec<QuestionView>,
}

/// How to join a course that has no booking link: whom to ask.
#[derive(Debug, Clone, Serialize)]
pub struct AskToJoin {
    /// The leader to ask (one who signs off completions, else a senior backer), if any.
    pub leader: Option<LeaderValue>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CourseDetail {
    #[serde(flatten)]
    pub card: CourseCard,
    pub audience: Option<String>,
    pub objectives: Vec<String>,
    pub sessions: Vec<SessionView>,
    pub body_html: String,
    /// The language of the page text, when it is shown untranslated.
    pub body_lang: super::Original,
    pub audience_lang: super::Original,
    pub objectives_lang: super::Original,
    pub ics_url: Option<String>,
    /// Where to book a place on the course.
    pub enrol: Option<String>,
    /// Whether any session still to come can be booked.
    pub sessions_bookable: bool,
    /// When there is no way to join at all: whom to ask.
    pub ask_to_join: Option<AskToJoin>,
    /// Courses to take first, and courses this one leads on to.
    pub requires: Vec<CourseValue>,
    pub leads_to: Vec<CourseValue>,
    /// The manager's brief page, relative to this page's folder.
    pub brief_url: Option<String>,
    /// The day the page was built, for "places as of".
    pub today: DateView,
    pub support: CourseSupport,
}

impl Views<'_> {
    fn presence(
        &self,
        course: CourseId,
        list: &[(EndorsementId, Vec<SessionId>)],
    ) -> Vec<Presence> {
        list.iter()
            .map(|(e, sessions)| Presence {
                leader: self.leader_value(self.site.endorsements[*e].leader),
                sessions: sessions
                    .iter()
                    .map(|&s| SessionRef::of(self.site.session(course, s), self.today))
                    .collect(),
            })
            .collect()
    }

    fn completions(&self, list: &[EndorsementId]) -> Vec<Completion> {
        list.iter()
            .filter_map(|&e| {
                let e = &self.site.endorsements[e];
                let date = e.completed.filter(|d| *d <= self.today)?;
                Some(Completion {
                    leader: self.leader_value(e.leader),
                    date: date.into(),
                })
            })
            .collect()
    }

    pub fn senior_answer(&self, course: CourseId) -> SeniorAnswer {
        let site = self.site;
        let now = self
            .backing
            .course(course)
            .senior_on(site, course, self.today);
        SeniorAnswer {
            state: now.case.state(),
            case: now.case.id(),
            n: now.count(),
            will_attend: self.presence(course, &now.will_attend),
            attended: self.presence(course, &now.attended),
            will_observe: self.presence(course, &now.will_observe),
            observed: self.presence(course, &now.observed),
            completed: self.completions(&now.completed),
            backers: site
                .endorsements_of_course(course)
                .map(|(_, e)| e.leader)
                .filter(|&l| site.leaders[l].seniority.is_senior())
                .map(|l| site.leaders[l].name.clone())
                .collect(),
        }
    }

    fn session_view(
        &self,
        course: CourseId,
        session: &Session,
        b: &crate::backing::SessionBacking,
    ) -> SessionView {
        let c = &self.site.courses[course];
        SessionView {
            id: session.id.clone(),
            date: session.date.into(),
            start: session.start.map(|t| t.to_string()),
            end: session.end.map(|t| t.to_string()),
            zone: if self.site.several_zones {
                ZoneView::of(session, self.strings)
            } else {
                None
            },
            location: session.location.clone(),
            link: session.link.clone(),
            capacity: session.capacity,
            past: session.date < self.today,
            booking: session.enrol.clone().or_else(|| c.enrol.clone()),
            full: session.full,
            waitlist: session.waitlist.clone(),
            attending: b.attending.iter().map(|&l| self.leader_value(l)).collect(),
            observing: b.observing.iter().map(|&l| self.leader_value(l)).collect(),
            senior_attending: b.senior_attending,
        }
    }

    /// The leader to ask about joining a course with no booking link: one who signs off
    /// its completions, else its first senior backer, else its first backer.
    fn whom_to_ask(&self, backing: &CourseBacking) -> Option<LeaderId> {
        let site = self.site;
        backing
            .sign_off
            .first()
            .copied()
            .or_else(|| {
                backing
                    .backers
                    .iter()
                    .copied()
                    .find(|&l| site.leaders[l].seniority.is_senior())
            })
            .or_else(|| backing.backers.first().copied())
    }

    fn support(&self, course: CourseId) -> CourseSupport {
        let site = self.site;
        let backing = self.backing.course(course);
        let values = |leaders: &[LeaderId]| leaders.iter().map(|&l| self.leader_value(l)).collect();
        // Quotes first (newest first), then endorsements without a quote.
        let mut endorsements: Vec<Hashed<EndorsementView>> = backing
            .endorsements
            .iter()
            .map(|&e| self.endorsement(e))
            .collect();
        endorsements.sort_by_key(|v| v.quote.is_empty());
        let mut at_sessions: Vec<LeaderId> = backing
            .sessions
            .iter()
            .flat_map(|s| s.attending.iter().chain(&s.observing).copied())
            .collect();
        at_sessions.sort_unstable();
        at_sessions.dedup();
        CourseSupport {
            senior: self.senior_answer(course),
            phases: backing.phases().into(),
            endorsements,
            at_sessions: values(&at_sessions),
            smes: backing
                .smes
                .iter()
                .map(|&e| SmeView {
                    leader: self.leader_value(site.endorsements[e].leader),
                    topics: Arc::clone(&site.endorsements[e].sme),
                })
                .collect(),
            completed: self.completions(&backing.completed),
            follow_ups: backing
                .follow_ups
                .iter()
                .filter_map(|&e| {
                    let e = &site.endorsements[e];
                    Some(FollowUpView {
                        leader: self.leader_value(e.leader),
                        period: e.follow_up?.into(),
                    })
                })
                .collect(),
            sign_off: values(&backing.sign_off),
            sponsors: values(&backing.sponsors),
            briefing: values(&backing.briefing),
            outcomes: backing.outcomes.iter().map(|&o| self.outcome(o)).collect(),
            problems: backing.problems.iter().map(|&p| self.problem(p)).collect(),
            questions: backing
                .questions
                .iter()
                .filter_map(|&q| self.question(q))
                .collect(),
        }
    }

    pub fn course_detail(&self, course: CourseId, body_html: String) -> CourseDetail {
        let site = self.site;
        let c = &site.courses[course];
        let backing = self.backing.course(course);
        let sessions: Vec<SessionView> = c
            .sessions
            .iter()
            .zip(&backing.sessions)
            .map(|(session, b)| self.session_view(course, session, b))
            .collect();
        let sessions_bookable = sessions
            .iter()
            .any(|s| !s.past && (s.booking.is_some() || (s.full && s.waitlist.is_some())));
        let published = |list: &[CourseId]| -> Vec<CourseValue> {
            list.iter()
                .filter(|&&r| !site.courses[r].draft)
                .map(|&r| self.course_value(r))
                .collect()
        };
        let ask_to_join = (c.enrol.is_none() && !sessions_bookable).then(|| AskToJoin {
            leader: self.whom_to_ask(backing).map(|l| self.leader_value(l)),
        });
        CourseDetail {
            card: (*self.card(course)).clone(),
            audience: c.audience.clone(),
            objectives: c.objectives.clone(),
            sessions,
            body_html,
            body_lang: super::Original(c.body_original.clone().or_else(|| c.original.clone())),
            audience_lang: super::Original(c.field_lang("audience")),
            objectives_lang: super::Original(c.field_lang("objectives")),
            ics_url: (!c.sessions.is_empty()).then(|| {
                routes::course_calendar(&c.slug)
                    .trim_start_matches("courses/")
                    .to_string()
            }),
            enrol: c.enrol.clone(),
            sessions_bookable,
            ask_to_join,
            requires: published(&c.requires),
            leads_to: published(&site.required_by[course.index()]),
            brief_url: c.brief.as_ref().map(|_| routes::brief(&c.slug)),
            today: self.today.into(),
            support: self.support(course),
        }
    }
}
