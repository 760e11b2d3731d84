//! The backing model: who backs each course, how (endorsing, attending, dropping in,
//! answering questions, signing off, sponsoring, briefing), which of them are senior,
//! what leadership meetings decided and which manager problems the course answers; and,
//! per leader, everything they back. Computed once per resolved site; pages, catalog
//! cards, feeds, the report and the warnings all read it, and none works it out again.
//!
//! The backing itself does not depend on today's date; the questions that do (who has
//! attended and who will, which sessions are still to come, which endorsements are stale)
//! take the date as an argument.

use rayon::prelude::*;

use crate::model::Date;
use crate::resolve::{
    CourseId, EndorsementId, LeaderId, MeetingId, OutcomeRef, ProblemRef, QuestionId, SessionId,
    Site,
};

/// The backing of every course and every leader of a site.
#[derive(Debug, Clone, PartialEq)]
pub struct Backing {
    courses: Vec<CourseBacking>,
    leaders: Vec<LeaderBacking>,
}

/// The answer to "are senior leaders attending this course?" on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeniorCase {
    /// A senior leader will attend an upcoming session as a delegate.
    Attending,
    /// None will, but senior leaders attended a session or took the course themselves.
    Attended,
    /// No senior leader attends, but some will drop in on an upcoming session.
    Observing,
    /// No senior leader attended, but some dropped in on a session that is over.
    DroppedIn,
    /// The course has no sessions to attend (it is taken at one's own pace).
    NoSessions,
    /// No senior leader has committed to a session yet.
    NotYet,
}

impl SeniorCase {
    /// A short, stable name for styling: `yes`, `observing`, `no`.
    pub fn state(self) -> &'static str {
        match self {
            SeniorCase::Attending | SeniorCase::Attended => "yes",
            SeniorCase::Observing | SeniorCase::DroppedIn => "observing",
            SeniorCase::NoSessions | SeniorCase::NotYet => "no",
        }
    }

    /// The name templates and strings use: `attending`, `attended`, `observing`,
    /// `dropped_in`, `no_sessions`, `not_yet`.
    pub fn id(self) -> &'static str {
        match self {
            SeniorCase::Attending => "attending",
            SeniorCase::Attended => "attended",
            SeniorCase::Observing => "observing",
            SeniorCase::DroppedIn => "dropped_in",
            SeniorCase::NoSessions => "no_sessions",
            SeniorCase::NotYet => "not_yet",
        }
    }
}

/// Senior leaders' part in a course as of a day: each senior leader's endorsement with
/// the sessions concerned (in session order), newest endorsement first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeniorNow {
    pub case: SeniorCase,
    /// Sessions dated that day or later that they attend, and drop in on.
    pub will_attend: Vec<(EndorsementId, Vec<SessionId>)>,
    pub will_observe: Vec<(EndorsementId, Vec<SessionId>)>,
    /// Sessions before that day that they attended, and dropped in on.
    pub attended: Vec<(EndorsementId, Vec<SessionId>)>,
    pub observed: Vec<(EndorsementId, Vec<SessionId>)>,
    /// Senior leaders who took the course themselves, as learners (by that day).
    pub completed: Vec<EndorsementId>,
}

impl SeniorNow {
    /// How many senior leaders the headline speaks of: those who will attend, or else
    /// those who attended or took the course.
    pub fn count(&self) -> usize {
        match self.case {
            SeniorCase::Attending => self.will_attend.len(),
            SeniorCase::Attended => {
                let mut ids: Vec<EndorsementId> = self
                    .attended
                    .iter()
                    .map(|(e, _)| *e)
                    .chain(self.completed.iter().copied())
                    .collect();
                ids.sort_unstable();
                ids.dedup();
                ids.len()
            }
            SeniorCase::Observing => self.will_observe.len(),
            SeniorCase::DroppedIn => self.observed.len(),
            SeniorCase::NoSessions | SeniorCase::NotYet => 0,
        }
    }
}

/// Whether leaders back a course before, during and after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Phases {
    /// Leaders brief their teams, leadership meetings decided something about it, or
    /// it has a manager's brief.
    pub before: bool,
    /// Leaders attend or drop in on its sessions, answer questions on topics, or took it
    /// themselves.
    pub during: bool,
    /// Leaders follow up with learners afterwards or sign off completions.
    pub after: bool,
}

/// Who takes part in one session.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SessionBacking {
    /// Leaders attending, in the course's endorsement order (newest first).
    pub attending: Vec<LeaderId>,
    /// Leaders dropping in to observe, in the same order.
    pub observing: Vec<LeaderId>,
    /// Whether a senior leader attends it.
    pub senior_attending: bool,
}

/// The backing of one course.
#[derive(Debug, Clone, PartialEq)]
pub struct CourseBacking {
    /// Endorsements of the course, newest first.
    pub endorsements: Vec<EndorsementId>,
    /// Leaders who endorse the course or sign off its completions, in leader order.
    pub backers: Vec<LeaderId>,
    /// Of the backers, the senior ones (in leader order).
    pub senior_backers: Vec<LeaderId>,
    /// Senior leaders' endorsements with sessions they attend (newest first), and with
    /// sessions they drop in on.
    pub senior_attending: Vec<EndorsementId>,
    pub senior_observing: Vec<EndorsementId>,
    /// Senior leaders who attend or drop in on a session, or took the course themselves.
    pub senior_present: usize,
    /// Per session, in the course's session order.
    pub sessions: Vec<SessionBacking>,
    /// Endorsements that name topics the leader answers questions on (newest first).
    pub smes: Vec<EndorsementId>,
    /// Leaders who sign off completions: by endorsement or in the front matter.
    pub sign_off: Vec<LeaderId>,
    pub sponsors: Vec<LeaderId>,
    /// Leaders who brief their teams on the course.
    pub briefing: Vec<LeaderId>,
    /// Meeting outcomes about the course (newest meeting first).
    pub outcomes: Vec<OutcomeRef>,
    /// Manager poll problems the course answers, most votes first.
    pub problems: Vec<ProblemRef>,
    /// Leaders who took the course themselves, latest first (their endorsements).
    pub completed: Vec<EndorsementId>,
    /// Leaders who follow up with each learner after the course (newest first).
    pub follow_ups: Vec<EndorsementId>,
    /// Answered questions about the course, newest answer first.
    pub questions: Vec<QuestionId>,
    /// Whether the course has a manager's brief.
    pub brief: bool,
    /// The first and the latest endorsement.
    pub first_endorsed: Option<Date>,
    pub last_endorsed: Option<Date>,
    /// The latest endorsement or meeting outcome.
    pub last_activity: Option<Date>,
}

impl CourseBacking {
    /// Whether any leader backs the course.
    pub fn is_backed(&self) -> bool {
        !self.backers.is_empty()
    }

    /// Whether leaders back the course before, during and after it.
    pub fn phases(&self) -> Phases {
        Phases {
            before: !self.briefing.is_empty() || !self.outcomes.is_empty() || self.brief,
            during: self
                .sessions
                .iter()
                .any(|s| !s.attending.is_empty() || !s.observing.is_empty())
                || !self.smes.is_empty()
                || !self.completed.is_empty(),
            after: !self.follow_ups.is_empty() || !self.sign_off.is_empty(),
        }
    }
}

/// Everything one leader backs, in published courses only (drafts have no pages).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LeaderBacking {
    /// Their endorsements, newest first.
    pub endorsements: Vec<EndorsementId>,
    /// Sessions they attend, and drop in on: by date, then course, then session.
    pub attending: Vec<(CourseId, SessionId)>,
    pub observing: Vec<(CourseId, SessionId)>,
    /// Their endorsements that name topics they answer questions on (newest first).
    pub sme: Vec<EndorsementId>,
    /// Courses they sign off completions of (by endorsement or front matter), sponsor and
    /// brief their teams on, in course order.
    pub signs_off: Vec<CourseId>,
    pub sponsors: Vec<CourseId>,
    pub briefs: Vec<CourseId>,
    /// Meetings they attended (newest first).
    pub meetings: Vec<MeetingId>,
    /// Meeting outcomes they own, in published courses (newest meeting first).
    pub outcomes: Vec<OutcomeRef>,
    /// Their endorsements of courses they took themselves, and of courses after which
    /// they follow up with learners (newest first).
    pub completed: Vec<EndorsementId>,
    pub follow_ups: Vec<EndorsementId>,
    /// Questions they answered, newest answer first.
    pub answered: Vec<QuestionId>,
    /// Courses they back (endorse or sign off) that have a manager's brief, in course order.
    pub manager_briefs: Vec<CourseId>,
}

impl LeaderBacking {
    /// Whether the leader backs any published course (endorses it or signs it off).
    pub fn backs_anything(&self) -> bool {
        !self.endorsements.is_empty() || !self.signs_off.is_empty()
    }
}

impl Backing {
    /// Works out the backing of every course and leader of `site`.
    pub fn of(site: &Site) -> Backing {
        let courses = (0..site.courses.len())
            .into_par_iter()
            .map(|i| course_backing(site, CourseId::new(i)))
            .collect();
        // What leaders are named for in published courses' front matter and in meeting
        // outcomes, gathered once rather than searched for each leader.
        let mut signs_off: Vec<Vec<CourseId>> = vec![Vec::new(); site.leaders.len()];
        for (id, c) in site.published() {
            if let Some(l) = c.sign_off {
                signs_off[l.index()].push(id);
            }
        }
        let mut owns: Vec<Vec<OutcomeRef>> = vec![Vec::new(); site.leaders.len()];
        for (m, meeting) in site.meetings() {
            for (o, outcome) in meeting.outcomes.iter().enumerate() {
                if let Some(l) = outcome.owner
                    && !site.courses[outcome.course].draft
                {
                    owns[l.index()].push(OutcomeRef {
                        meeting: m,
                        outcome: o,
                    });
                }
            }
        }
        let leaders = signs_off
            .into_par_iter()
            .zip(owns)
            .enumerate()
            .map(|(i, (signs_off, owns))| leader_backing(site, LeaderId::new(i), signs_off, owns))
            .collect();
        Backing { courses, leaders }
    }

    pub fn course(&self, id: CourseId) -> &CourseBacking {
        &self.courses[id.index()]
    }

    pub fn leader(&self, id: LeaderId) -> &LeaderBacking {
        &self.leaders[id.index()]
    }

    /// Distinct leaders who endorse a published course.
    pub fn leaders_involved(&self) -> usize {
        self.leaders
            .iter()
            .filter(|l| !l.endorsements.is_empty())
            .count()
    }
}

/// Sorted, without repeats.
fn distinct<T: Ord>(mut items: Vec<T>) -> Vec<T> {
    items.sort_unstable();
    items.dedup();
    items
}

/// The endorsements whose leader took the course as a learner, most recent first.
fn completed_newest_first(site: &Site, endorsements: &[EndorsementId]) -> Vec<EndorsementId> {
    let mut completed: Vec<EndorsementId> = endorsements
        .iter()
        .copied()
        .filter(|e| site.endorsements[*e].completed.is_some())
        .collect();
    completed.sort_by_key(|e| std::cmp::Reverse(site.endorsements[*e].completed));
    completed
}

fn course_backing(site: &Site, course: CourseId) -> CourseBacking {
    let c = &site.courses[course];
    let endorsements: Vec<EndorsementId> = site.endorsements_by_course[course.index()].clone();
    let of = |e: &EndorsementId| &site.endorsements[*e];
    let is_senior = |l: LeaderId| site.leaders[l].seniority.is_senior();
    let leaders_where = |keep: &dyn Fn(&crate::resolve::Endorsement) -> bool| -> Vec<LeaderId> {
        distinct(
            endorsements
                .iter()
                .map(of)
                .filter(|e| keep(e))
                .map(|e| e.leader)
                .collect(),
        )
    };
    let backers = distinct(
        endorsements
            .iter()
            .map(|e| of(e).leader)
            .chain(c.sign_off)
            .collect(),
    );
    let senior_backers: Vec<LeaderId> = backers.iter().copied().filter(|&l| is_senior(l)).collect();
    let senior_attending: Vec<EndorsementId> = endorsements
        .iter()
        .copied()
        .filter(|e| !of(e).attend.is_empty() && is_senior(of(e).leader))
        .collect();
    let senior_observing: Vec<EndorsementId> = endorsements
        .iter()
        .copied()
        .filter(|e| !of(e).observe.is_empty() && is_senior(of(e).leader))
        .collect();
    // A leader who attends one session and drops in on another counts once.
    let senior_present = endorsements
        .iter()
        .map(of)
        .filter(|e| {
            is_senior(e.leader)
                && (!e.attend.is_empty() || !e.observe.is_empty() || e.completed.is_some())
        })
        .count();
    let completed = completed_newest_first(site, &endorsements);
    let follow_ups = endorsements
        .iter()
        .copied()
        .filter(|e| of(e).follow_up.is_some())
        .collect();
    let questions = site.questions_by_course[course.index()]
        .iter()
        .copied()
        .filter(|&q| site.questions[q].answer.is_some())
        .collect();
    let sessions = (0..c.sessions.len())
        .map(SessionId::new)
        .map(|s| {
            let attending: Vec<LeaderId> = endorsements
                .iter()
                .map(of)
                .filter(|e| e.attend.contains(&s))
                .map(|e| e.leader)
                .collect();
            let observing = endorsements
                .iter()
                .map(of)
                .filter(|e| e.observe.contains(&s))
                .map(|e| e.leader)
                .collect();
            SessionBacking {
                senior_attending: attending.iter().any(|&l| is_senior(l)),
                attending,
                observing,
            }
        })
        .collect();
    let first_endorsed = endorsements.iter().map(|e| of(e).date).min();
    let last_endorsed = endorsements.iter().map(|e| of(e).date).max();
    let outcomes = site.outcomes_by_course[course.index()].clone();
    let last_activity = last_endorsed
        .into_iter()
        .chain(outcomes.iter().map(|o| site.meetings[o.meeting].date))
        .max();
    CourseBacking {
        smes: endorsements
            .iter()
            .copied()
            .filter(|e| !of(e).sme.is_empty())
            .collect(),
        sign_off: distinct(
            endorsements
                .iter()
                .map(of)
                .filter(|e| e.sign_off)
                .map(|e| e.leader)
                .chain(c.sign_off)
                .collect(),
        ),
        sponsors: leaders_where(&|e| e.sponsor),
        briefing: leaders_where(&|e| e.brief_team),
        problems: site.problems_by_course[course.index()].clone(),
        outcomes,
        backers,
        senior_backers,
        senior_attending,
        senior_observing,
        senior_present,
        sessions,
        completed,
        follow_ups,
        questions,
        brief: c.brief.is_some(),
        first_endorsed,
        last_endorsed,
        last_activity,
        endorsements,
    }
}

/// `signs_off` are the published courses whose front matter names the leader, and
/// `outcomes` the outcomes about published courses they own (newest meeting first).
fn leader_backing(
    site: &Site,
    leader: LeaderId,
    signs_off: Vec<CourseId>,
    outcomes: Vec<OutcomeRef>,
) -> LeaderBacking {
    let published = |c: CourseId| !site.courses[c].draft;
    let endorsements: Vec<EndorsementId> = site.endorsements_by_leader[leader.index()]
        .iter()
        .copied()
        .filter(|&e| published(site.endorsements[e].course))
        .collect();
    let of = |e: &EndorsementId| &site.endorsements[*e];
    let sessions = |pick: &dyn Fn(&crate::resolve::Endorsement) -> &Vec<SessionId>| {
        let mut found: Vec<(Date, CourseId, SessionId)> = Vec::new();
        for e in endorsements.iter().map(of) {
            for &s in pick(e) {
                found.push((site.session(e.course, s).date, e.course, s));
            }
        }
        found.sort_unstable();
        found.into_iter().map(|(_, c, s)| (c, s)).collect()
    };
    let courses_where = |keep: &dyn Fn(&crate::resolve::Endorsement) -> bool| {
        distinct(
            endorsements
                .iter()
                .map(of)
                .filter(|e| keep(e))
                .map(|e| e.course)
                .collect(),
        )
    };
    let signs_off = distinct(
        endorsements
            .iter()
            .map(of)
            .filter(|e| e.sign_off)
            .map(|e| e.course)
            .chain(signs_off)
            .collect(),
    );
    let answered = site
        .questions()
        .filter(|(_, q)| q.answer.as_ref().is_some_and(|a| a.by == leader) && published(q.course))
        .map(|(id, _)| id)
        .collect();
    let manager_briefs = distinct(
        endorsements
            .iter()
            .map(|e| of(e).course)
            .chain(signs_off.iter().copied())
            .filter(|&c| site.courses[c].brief.is_some())
            .collect(),
    );
    let completed = completed_newest_first(site, &endorsements);
    LeaderBacking {
        completed,
        follow_ups: endorsements
            .iter()
            .copied()
            .filter(|e| of(e).follow_up.is_some())
            .collect(),
        answered,
        manager_briefs,
        attending: sessions(&|e| &e.attend),
        observing: sessions(&|e| &e.observe),
        sme: endorsements
            .iter()
            .copied()
            .filter(|e| !of(e).sme.is_empty())
            .collect(),
        signs_off,
        sponsors: courses_where(&|e| e.sponsor),
        briefs: courses_where(&|e| e.brief_team),
        meetings: site.meetings_by_leader[leader.index()].clone(),
        outcomes,
        endorsements,
    }
}

/// The questions that depend on the day: what is still to come and what has gone stale.
impl CourseBacking {
    /// Senior leaders' part in the course as of `today`: who will attend or drop in on a
    /// session still to come, who attended or dropped in on one that is over, who took the
    /// course themselves.
    pub fn senior_on(&self, site: &Site, course: CourseId, today: Date) -> SeniorNow {
        let senior = |e: &EndorsementId| {
            site.leaders[site.endorsements[*e].leader]
                .seniority
                .is_senior()
        };
        let split = |pick: fn(&crate::resolve::Endorsement) -> &Vec<SessionId>| {
            let mut upcoming = Vec::new();
            let mut past = Vec::new();
            for &e in self.endorsements.iter().filter(|e| senior(e)) {
                let (later, before): (Vec<SessionId>, Vec<SessionId>) = pick(&site.endorsements[e])
                    .iter()
                    .partition(|&&s| site.session(course, s).date >= today);
                if !later.is_empty() {
                    upcoming.push((e, later));
                }
                if !before.is_empty() {
                    past.push((e, before));
                }
            }
            (upcoming, past)
        };
        let (will_attend, attended) = split(|e| &e.attend);
        let (will_observe, observed) = split(|e| &e.observe);
        let completed: Vec<EndorsementId> = self
            .completed
            .iter()
            .copied()
            .filter(|e| senior(e) && site.endorsements[*e].completed.is_some_and(|d| d <= today))
            .collect();
        let case = if !will_attend.is_empty() {
            SeniorCase::Attending
        } else if !attended.is_empty() || !completed.is_empty() {
            SeniorCase::Attended
        } else if !will_observe.is_empty() {
            SeniorCase::Observing
        } else if !observed.is_empty() {
            SeniorCase::DroppedIn
        } else if site.courses[course].sessions.is_empty() {
            SeniorCase::NoSessions
        } else {
            SeniorCase::NotYet
        };
        SeniorNow {
            case,
            will_attend,
            will_observe,
            attended,
            observed,
            completed,
        }
    }

    /// Senior leaders who attend a session dated `today` or later, in leader order.
    pub fn senior_attending_upcoming(
        &self,
        site: &Site,
        course: CourseId,
        today: Date,
    ) -> Vec<LeaderId> {
        distinct(
            self.senior_attending
                .iter()
                .map(|&e| &site.endorsements[e])
                .filter(|e| {
                    e.attend
                        .iter()
                        .any(|&s| site.session(course, s).date >= today)
                })
                .map(|e| e.leader)
                .collect(),
        )
    }

    /// Sessions dated `today` or later.
    pub fn upcoming_sessions(&self, site: &Site, course: CourseId, today: Date) -> Vec<SessionId> {
        SessionId::all(site.courses[course].sessions.len())
            .filter(|&s| site.session(course, s).date >= today)
            .collect()
    }

    /// Upcoming sessions that no leader attends or drops in on.
    pub fn unaccompanied_sessions(
        &self,
        site: &Site,
        course: CourseId,
        today: Date,
    ) -> Vec<SessionId> {
        self.upcoming_sessions(site, course, today)
            .into_iter()
            .filter(|s| {
                let b = &self.sessions[s.index()];
                b.attending.is_empty() && b.observing.is_empty()
            })
            .collect()
    }

    /// Leaders whose endorsement is dated before `cutoff`, in leader order.
    pub fn stale(&self, site: &Site, cutoff: Date) -> Vec<LeaderId> {
        distinct(
            self.endorsements
                .iter()
                .map(|&e| &site.endorsements[e])
                .filter(|e| e.date < cutoff)
                .map(|e| e.leader)
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests;
