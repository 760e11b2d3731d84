//! The course page: its content, sessions, and the leadership backing beside it.

use std::sync::Arc;

use serde::Serialize;

use super::{
    CourseCard, DateView, EndorsementView, Hashed, LeaderValue, OutcomeView, ProblemView,
    SessionRef, Views,
};
use crate::backing::Senior;
use crate::resolve::{CourseId, EndorsementId, SessionId};
use crate::routes;

#[derive(Debug, Clone, Serialize)]
pub struct SessionView {
    pub id: String,
    pub date: DateView,
    pub start: Option<String>,
    pub end: Option<String>,
    pub location: Option<String>,
    pub link: Option<String>,
    pub capacity: Option<u32>,
    pub attending: Vec<LeaderValue>,
    pub observing: Vec<LeaderValue>,
    pub senior_attending: bool,
}

/// A senior leader taking part, and the sessions they attend (or drop in on).
#[derive(Debug, Clone, Serialize)]
pub struct Presence {
    pub leader: LeaderValue,
    pub sessions: Vec<SessionRef>,
}

/// The answer to "are senior leaders attending this course?", as data for the theme to
/// word: which case it is, who attends, who drops in, who backs it.
#[derive(Debug, Clone, Serialize)]
pub struct SeniorAnswer {
    /// `yes`, `observing` or `no`, for styling.
    pub state: &'static str,
    /// `attending`, `observing`, `no_sessions` or `not_yet`, for wording.
    pub case: &'static str,
    pub attending: Vec<Presence>,
    pub observing: Vec<Presence>,
    /// Names of the senior leaders who back the course.
    pub backers: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SmeView {
    pub leader: LeaderValue,
    pub topics: Arc<[String]>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CourseSupport {
    pub senior: SeniorAnswer,
    pub endorsements: Vec<Hashed<EndorsementView>>,
    pub smes: Vec<SmeView>,
    pub sign_off: Vec<LeaderValue>,
    pub sponsors: Vec<LeaderValue>,
    pub briefing: Vec<LeaderValue>,
    pub outcomes: Vec<OutcomeView>,
    pub problems: Vec<ProblemView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CourseDetail {
    #[serde(flatten)]
    pub card: CourseCard,
    pub audience: Option<String>,
    pub objectives: Vec<String>,
    pub sessions: Vec<SessionView>,
    pub body_html: String,
    pub ics_url: Option<String>,
    pub support: CourseSupport,
}

/// `senior` as a case name for the theme's wording.
pub fn senior_case(senior: Senior) -> &'static str {
    match senior {
        Senior::Attending => "attending",
        Senior::Observing => "observing",
        Senior::NoSessions => "no_sessions",
        Senior::NotYet => "not_yet",
    }
}

impl Views<'_> {
    fn senior_answer(&self, course: CourseId) -> SeniorAnswer {
        let site = self.site;
        let backing = self.backing.course(course);
        let presence = |e: &EndorsementId, sessions: &dyn Fn(EndorsementId) -> Vec<SessionId>| {
            let leader = site.endorsements[*e].leader;
            Presence {
                leader: self.leader_value(leader),
                sessions: sessions(*e)
                    .into_iter()
                    .map(|s| SessionRef::of(site.session(course, s)))
                    .collect(),
            }
        };
        SeniorAnswer {
            state: backing.senior.state(),
            case: senior_case(backing.senior),
            attending: backing
                .senior_attending
                .iter()
                .map(|e| presence(e, &|e| site.endorsements[e].attend.clone()))
                .collect(),
            observing: backing
                .senior_observing
                .iter()
                .map(|e| presence(e, &|e| site.endorsements[e].observe.clone()))
                .collect(),
            backers: site
                .endorsements_of_course(course)
                .map(|(_, e)| e.leader)
                .filter(|&l| site.leaders[l].seniority.is_senior())
                .map(|l| site.leaders[l].name.clone())
                .collect(),
        }
    }

    pub fn course_detail(&self, course: CourseId, body_html: String) -> CourseDetail {
        let site = self.site;
        let c = &site.courses[course];
        let backing = self.backing.course(course);
        let sessions = c
            .sessions
            .iter()
            .zip(&backing.sessions)
            .map(|(session, b)| SessionView {
                id: session.id.clone(),
                date: session.date.into(),
                start: session.start.map(|t| t.to_string()),
                end: session.end.map(|t| t.to_string()),
                location: session.location.clone(),
                link: session.link.clone(),
                capacity: session.capacity,
                attending: b.attending.iter().map(|&l| self.leader_value(l)).collect(),
                observing: b.observing.iter().map(|&l| self.leader_value(l)).collect(),
                senior_attending: b.senior_attending,
            })
            .collect();
        let values = |leaders: &[crate::resolve::LeaderId]| {
            leaders.iter().map(|&l| self.leader_value(l)).collect()
        };
        // Quotes first (newest first), then endorsements without a quote.
        let mut endorsements: Vec<Hashed<EndorsementView>> = backing
            .endorsements
            .iter()
            .map(|&e| self.endorsement(e))
            .collect();
        endorsements.sort_by_key(|v| v.quote.is_empty());
        let support = CourseSupport {
            senior: self.senior_answer(course),
            endorsements,
            smes: backing
                .smes
                .iter()
                .map(|&e| SmeView {
                    leader: self.leader_value(site.endorsements[e].leader),
                    topics: site.endorsements[e].sme.clone(),
                })
                .collect(),
            sign_off: values(&backing.sign_off),
            sponsors: values(&backing.sponsors),
            briefing: values(&backing.briefing),
            outcomes: backing.outcomes.iter().map(|&o| self.outcome(o)).collect(),
            problems: backing.problems.iter().map(|&p| self.problem(p)).collect(),
        };
        CourseDetail {
            card: (*self.card(course)).clone(),
            audience: c.audience.clone(),
            objectives: c.objectives.clone(),
            sessions,
            body_html,
            ics_url: (!c.sessions.is_empty()).then(|| {
                routes::course_calendar(&c.slug)
                    .trim_start_matches("courses/")
                    .to_string()
            }),
            support,
        }
    }
}
