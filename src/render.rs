//! Stage 3, `render`: turns a resolved `Site` into a `RenderedSite`, a sorted map from
//! output path to how its bytes are made (pages through the theme's templates; feed,
//! sitemap and calendars directly), and builds the view each template sees. Pages are
//! rendered when asked for, in parallel, so a large site never sits in memory whole.
//! Touches no output folder.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostics::Diagnostic;
use crate::markdown::{self, Origin};
use crate::model::{Date, Format};
use crate::resolve::{Course, Endorsement, Leader, Meeting, OutcomeKind, Site};
use crate::routes;
use crate::theme::{self, Theme};

// ---------------------------------------------------------------------------------------
// What templates see.

#[derive(Debug, Clone, Serialize)]
pub struct DateView {
    pub iso: String,
    pub long: String,
    pub short: String,
}

impl From<Date> for DateView {
    fn from(d: Date) -> Self {
        DateView {
            iso: d.iso(),
            long: d.long(),
            short: d.short(),
        }
    }
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
}

#[derive(Debug, Clone, Serialize)]
pub struct LeaderView {
    pub id: String,
    pub url: String,
    pub name: String,
    pub title: String,
    pub department: Option<DeptRef>,
    pub seniority: &'static str,
    pub seniority_label: &'static str,
    pub is_senior: bool,
    pub initials: String,
    /// Path of the photo relative to the site root.
    pub photo: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SessionView {
    pub id: String,
    pub date: DateView,
    pub start: Option<String>,
    pub end: Option<String>,
    pub location: Option<String>,
    pub link: Option<String>,
    pub capacity: Option<u32>,
    pub attending: Vec<tera::Value>,
    pub observing: Vec<tera::Value>,
    pub senior_attending: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct BackingSummary {
    pub has_backing: bool,
    pub leaders: usize,
    pub senior_leaders: usize,
    /// Senior leaders attending or observing a session.
    pub senior_present: usize,
    pub endorsements: usize,
    pub last_endorsed: Option<DateView>,
    /// "Yes", "Dropping in" or "Not yet": the short answer to "are senior leaders attending?"
    pub senior_answer: &'static str,
    pub senior_state: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct CourseCard {
    pub slug: String,
    pub url: String,
    pub title: String,
    pub summary: String,
    pub format: &'static str,
    pub format_label: &'static str,
    pub duration: Option<String>,
    pub departments: Vec<DeptRef>,
    pub tags: Vec<String>,
    pub backing: BackingSummary,
    pub next_session: Option<DateView>,
    pub session_count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct EndorsementView {
    pub leader: tera::Value,
    pub course: tera::Value,
    pub date: DateView,
    pub quote: Vec<String>,
    pub commitments: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MeetingRef {
    pub id: String,
    pub url: String,
    pub title: String,
    pub date: DateView,
    pub kind: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct OutcomeView {
    pub meeting: MeetingRef,
    pub course: tera::Value,
    pub kind: &'static str,
    pub kind_label: &'static str,
    pub text: String,
    pub owner: Option<tera::Value>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProblemView {
    pub id: String,
    pub text: String,
    pub votes: u32,
    pub respondents: u32,
    pub percent: u64,
    pub poll_question: String,
    pub url: String,
    pub courses: Vec<tera::Value>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SmeView {
    pub leader: tera::Value,
    pub topics: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SeniorAnswer {
    /// `yes`, `observing` or `no`.
    pub state: &'static str,
    pub headline: String,
    pub detail: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CourseBacking {
    pub senior: SeniorAnswer,
    pub endorsements: Vec<EndorsementView>,
    pub smes: Vec<SmeView>,
    pub sign_off: Vec<tera::Value>,
    pub sponsors: Vec<tera::Value>,
    pub briefing: Vec<tera::Value>,
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
    pub support: CourseBacking,
}

#[derive(Debug, Clone, Serialize)]
pub struct SessionCommitment {
    pub course: tera::Value,
    pub session: String,
    pub date: DateView,
    pub place: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TopicsFor {
    pub course: tera::Value,
    pub topics: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LeaderDetail {
    #[serde(flatten)]
    pub leader: LeaderView,
    pub endorsements: Vec<EndorsementView>,
    pub attending: Vec<SessionCommitment>,
    pub observing: Vec<SessionCommitment>,
    pub sme: Vec<TopicsFor>,
    pub signs_off: Vec<tera::Value>,
    pub sponsors: Vec<tera::Value>,
    pub briefs: Vec<tera::Value>,
    pub meetings: Vec<MeetingRef>,
    pub outcomes: Vec<OutcomeView>,
    pub backs: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct LeaderSummary {
    #[serde(flatten)]
    pub leader: LeaderView,
    pub backs: usize,
    pub attends: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct LeaderGroup {
    pub name: String,
    pub department: Option<DeptRef>,
    pub leaders: Vec<LeaderSummary>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MeetingDetail {
    #[serde(flatten)]
    pub meeting: MeetingRef,
    pub attendees: Vec<tera::Value>,
    pub summary_html: String,
    pub outcomes: Vec<OutcomeView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DepartmentSummary {
    #[serde(flatten)]
    pub department: DeptRef,
    pub description: Option<String>,
    pub courses: usize,
    pub backed: usize,
    pub leaders: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct PollView {
    pub id: String,
    pub question: String,
    pub date: DateView,
    pub respondents: u32,
    pub problems: Vec<ProblemView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FormatView {
    pub id: &'static str,
    pub label: &'static str,
}

#[derive(Debug, Clone, Serialize)]
struct SiteView {
    title: String,
    organisation: String,
    language: String,
    departments: Vec<DeptRef>,
}

#[derive(Debug, Clone, Serialize)]
struct PageInfo {
    kind: &'static str,
    title: String,
    url: String,
    description: String,
}

// ---------------------------------------------------------------------------------------
// Building views.

/// A name's initials for an avatar without a photo: `Priya Natarajan` → `PN`.
pub fn initials(name: &str) -> String {
    let words: Vec<char> = name
        .split_whitespace()
        .filter_map(|w| w.chars().find(|c| c.is_alphabetic()))
        .collect();
    match words.as_slice() {
        [] => String::new(),
        [one] => one.to_uppercase().collect(),
        [first, .., last] => first.to_uppercase().chain(last.to_uppercase()).collect(),
    }
}

fn list_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Builds every view a page needs from a `Site`, once.
/// Views shared by many pages, built once per site.
struct Shared {
    leaders: Vec<LeaderView>,
    departments: Vec<DeptRef>,
    meetings: Vec<MeetingRef>,
    /// The same leaders and courses as template values, made once: a page that shows a
    /// leader many times shares one value instead of converting it again each time.
    leader_values: Vec<tera::Value>,
    course_values: Vec<tera::Value>,
}

/// Builds the views a page needs from a `Site` and the shared views.
struct Views<'a> {
    site: &'a Site,
    leaders: &'a [LeaderView],
    departments: &'a [DeptRef],
    meetings: &'a [MeetingRef],
    leader_values: &'a [tera::Value],
    course_values: &'a [tera::Value],
}

impl Shared {
    fn new(site: &Site) -> Self {
        let departments: Vec<DeptRef> = site
            .departments
            .iter()
            .map(|d| DeptRef {
                id: d.id.clone(),
                name: d.name.clone(),
                url: routes::department(&d.id),
            })
            .collect();
        let leaders: Vec<LeaderView> = site
            .leaders
            .iter()
            .map(|l: &Leader| LeaderView {
                id: l.id.clone(),
                url: routes::leader(&l.id),
                name: l.name.clone(),
                title: l.title.clone(),
                department: l.department.map(|d| departments[d].clone()),
                seniority: match l.seniority {
                    crate::model::Seniority::Executive => "executive",
                    crate::model::Seniority::Senior => "senior",
                    crate::model::Seniority::Manager => "manager",
                },
                seniority_label: l.seniority.label(),
                is_senior: l.seniority.is_senior(),
                initials: initials(&l.name),
                photo: l.photo.clone(),
            })
            .collect();
        let courses: Vec<CourseRef> = site
            .courses
            .iter()
            .map(|c| CourseRef {
                slug: c.slug.clone(),
                title: c.title.clone(),
                url: routes::course(&c.slug),
            })
            .collect();
        let meetings = site
            .meetings
            .iter()
            .map(|m| MeetingRef {
                id: m.id.clone(),
                url: routes::meeting(&m.id),
                title: m.title.clone(),
                date: m.date.into(),
                kind: m.kind.label(),
            })
            .collect();
        let leader_values = leaders.iter().map(tera::Value::from_serializable).collect();
        let course_values = courses.iter().map(tera::Value::from_serializable).collect();
        Shared {
            leaders,
            departments,
            meetings,
            leader_values,
            course_values,
        }
    }
}

impl<'a> Views<'a> {
    fn new(site: &'a Site, shared: &'a Shared) -> Self {
        Views {
            site,
            leaders: &shared.leaders,
            departments: &shared.departments,
            meetings: &shared.meetings,
            leader_values: &shared.leader_values,
            course_values: &shared.course_values,
        }
    }

    fn session_place(session: &crate::resolve::Session) -> String {
        match (&session.location, &session.link) {
            (Some(l), _) => l.clone(),
            (None, Some(_)) => "online".to_string(),
            (None, None) => String::new(),
        }
    }

    fn commitments(&self, e: &Endorsement) -> Vec<String> {
        let course = &self.site.courses[e.course];
        let mut out = Vec::new();
        for &s in &e.attend {
            let session = &course.sessions[s];
            out.push(format!(
                "Attends the {} session ({})",
                session.date.long(),
                Self::session_place(session)
            ));
        }
        for &s in &e.observe {
            let session = &course.sessions[s];
            out.push(format!(
                "Drops in to the {} session ({})",
                session.date.long(),
                Self::session_place(session)
            ));
        }
        for topic in &e.sme {
            out.push(format!("Answers questions on {topic}"));
        }
        if e.sign_off {
            out.push("Signs off completions".to_string());
        }
        if e.sponsor {
            out.push("Sponsors the course".to_string());
        }
        if e.brief_team {
            out.push("Briefs their team on it".to_string());
        }
        out
    }

    fn endorsement(&self, e: &Endorsement) -> EndorsementView {
        EndorsementView {
            leader: self.leader_values[e.leader].clone(),
            course: self.course_values[e.course].clone(),
            date: e.date.into(),
            quote: e.quote.clone(),
            commitments: self.commitments(e),
        }
    }

    fn published_endorsements(&self, list: &[usize]) -> impl Iterator<Item = &'a Endorsement> {
        let site = self.site;
        list.iter()
            .map(move |&i| &*site.endorsements[i])
            .filter(move |e| !site.courses[e.course].draft)
    }

    fn backing(&self, index: usize) -> BackingSummary {
        let site = self.site;
        let endorsements: Vec<&Endorsement> = site.endorsements_by_course[index]
            .iter()
            .map(|&i| &*site.endorsements[i])
            .collect();
        let mut leaders: Vec<usize> = endorsements.iter().map(|e| e.leader).collect();
        leaders.extend(site.courses[index].sign_off);
        leaders.sort_unstable();
        leaders.dedup();
        let senior = |l: &usize| site.leaders[*l].seniority.is_senior();
        let senior_leaders = leaders.iter().filter(|l| senior(l)).count();
        let attending = endorsements
            .iter()
            .filter(|e| !e.attend.is_empty() && senior(&e.leader))
            .count();
        let observing = endorsements
            .iter()
            .filter(|e| e.attend.is_empty() && !e.observe.is_empty() && senior(&e.leader))
            .count();
        let (state, answer) = if attending > 0 {
            ("yes", "Yes")
        } else if observing > 0 {
            ("observing", "Dropping in")
        } else if site.courses[index].sessions.is_empty() {
            ("no", "No sessions")
        } else {
            ("no", "Not yet")
        };
        BackingSummary {
            has_backing: !leaders.is_empty(),
            leaders: leaders.len(),
            senior_leaders,
            senior_present: attending + observing,
            endorsements: endorsements.len(),
            last_endorsed: endorsements.iter().map(|e| e.date).max().map(Into::into),
            senior_answer: answer,
            senior_state: state,
        }
    }

    fn card(&self, index: usize) -> CourseCard {
        let c: &Course = &self.site.courses[index];
        CourseCard {
            slug: c.slug.clone(),
            url: routes::course(&c.slug),
            title: c.title.clone(),
            summary: c.summary.clone(),
            format: c.format.id(),
            format_label: c.format.label(),
            duration: c.duration.clone(),
            departments: c
                .departments
                .iter()
                .map(|&d| self.departments[d].clone())
                .collect(),
            tags: c.tags.clone(),
            backing: self.backing(index),
            next_session: c.sessions.first().map(|s| s.date.into()),
            session_count: c.sessions.len(),
        }
    }

    fn outcome(&self, meeting: usize, outcome: usize) -> OutcomeView {
        let m: &Meeting = &self.site.meetings[meeting];
        let o = &m.outcomes[outcome];
        OutcomeView {
            meeting: self.meetings[meeting].clone(),
            course: self.course_values[o.course].clone(),
            kind: match o.kind {
                OutcomeKind::Decision => "decision",
                OutcomeKind::Commitment => "commitment",
            },
            kind_label: match o.kind {
                OutcomeKind::Decision => "Decision",
                OutcomeKind::Commitment => "Commitment",
            },
            text: o.text.clone(),
            owner: o.owner.map(|l| self.leader_values[l].clone()),
        }
    }

    fn problem(&self, poll: usize, problem: usize) -> ProblemView {
        let p = &self.site.polls[poll];
        let pr = &p.problems[problem];
        ProblemView {
            id: pr.id.clone(),
            text: pr.text.clone(),
            votes: pr.votes,
            respondents: p.respondents,
            percent: (u64::from(pr.votes) * 100)
                .checked_div(u64::from(p.respondents))
                .unwrap_or(0)
                .min(100),
            poll_question: p.question.clone(),
            url: routes::problem(&pr.id),
            courses: pr
                .courses
                .iter()
                .filter(|&&c| !self.site.courses[c].draft)
                .map(|&c| self.course_values[c].clone())
                .collect(),
        }
    }

    fn senior_answer(&self, index: usize, endorsements: &[&Endorsement]) -> SeniorAnswer {
        let site = self.site;
        let course = &site.courses[index];
        let describe = |e: &Endorsement, sessions: &[usize]| {
            let l = &site.leaders[e.leader];
            let when: Vec<String> = sessions
                .iter()
                .map(|&s| {
                    let s = &course.sessions[s];
                    format!("{} ({})", s.date.long(), Self::session_place(s))
                })
                .collect();
            format!("{}, {}, on {}", l.name, l.title, list_names(&when))
        };
        let senior: Vec<&&Endorsement> = endorsements
            .iter()
            .filter(|e| site.leaders[e.leader].seniority.is_senior())
            .collect();
        let attending: Vec<String> = senior
            .iter()
            .filter(|e| !e.attend.is_empty())
            .map(|e| describe(e, &e.attend))
            .collect();
        let observing: Vec<String> = senior
            .iter()
            .filter(|e| !e.observe.is_empty())
            .map(|e| describe(e, &e.observe))
            .collect();
        let backers: Vec<String> = senior
            .iter()
            .map(|e| site.leaders[e.leader].name.clone())
            .collect();
        if !attending.is_empty() {
            let n = attending.len();
            let mut detail = format!("Attending: {}.", attending.join("; "));
            if !observing.is_empty() {
                detail.push_str(&format!(" Dropping in: {}.", observing.join("; ")));
            }
            SeniorAnswer {
                state: "yes",
                headline: if n == 1 {
                    "Yes. A senior leader is taking part in this course.".to_string()
                } else {
                    format!("Yes. {n} senior leaders are taking part in this course.")
                },
                detail,
            }
        } else if !observing.is_empty() {
            SeniorAnswer {
                state: "observing",
                headline: "Senior leaders are dropping in to sessions.".to_string(),
                detail: format!(
                    "No senior leader is attending as a delegate yet, but these will drop in to observe: {}.",
                    observing.join("; ")
                ),
            }
        } else if course.sessions.is_empty() {
            SeniorAnswer {
                state: "no",
                headline: "There are no sessions to attend: this course is taken at your own pace."
                    .to_string(),
                detail: if backers.is_empty() {
                    "No senior leader backs it yet.".to_string()
                } else {
                    format!("It is backed by {}.", list_names(&backers))
                },
            }
        } else if !backers.is_empty() {
            SeniorAnswer {
                state: "no",
                headline: "Not yet. No senior leader has committed to attend a session."
                    .to_string(),
                detail: format!("The course is backed by {}.", list_names(&backers)),
            }
        } else {
            SeniorAnswer {
                state: "no",
                headline: "Not yet. No senior leader has committed to attend a session."
                    .to_string(),
                detail: String::new(),
            }
        }
    }

    fn course_detail(&self, index: usize, body_html: String) -> CourseDetail {
        let site = self.site;
        let c = &site.courses[index];
        let endorsements: Vec<&Endorsement> = site.endorsements_by_course[index]
            .iter()
            .map(|&i| &*site.endorsements[i])
            .collect();
        let sessions = c
            .sessions
            .iter()
            .enumerate()
            .map(|(s, session)| {
                let attending: Vec<tera::Value> = endorsements
                    .iter()
                    .filter(|e| e.attend.contains(&s))
                    .map(|e| self.leader_values[e.leader].clone())
                    .collect();
                let observing: Vec<tera::Value> = endorsements
                    .iter()
                    .filter(|e| e.observe.contains(&s))
                    .map(|e| self.leader_values[e.leader].clone())
                    .collect();
                SessionView {
                    id: session.id.clone(),
                    date: session.date.into(),
                    start: session.start.map(|t| t.to_string()),
                    end: session.end.map(|t| t.to_string()),
                    location: session.location.clone(),
                    link: session.link.clone(),
                    capacity: session.capacity,
                    senior_attending: endorsements.iter().any(|e| {
                        e.attend.contains(&s) && self.site.leaders[e.leader].seniority.is_senior()
                    }),
                    attending,
                    observing,
                }
            })
            .collect();
        let leaders_where = |f: &dyn Fn(&Endorsement) -> bool| -> Vec<tera::Value> {
            let mut ids: Vec<usize> = endorsements
                .iter()
                .filter(|e| f(e))
                .map(|e| e.leader)
                .collect();
            ids.sort_unstable();
            ids.dedup();
            ids.into_iter()
                .map(|l| self.leader_values[l].clone())
                .collect()
        };
        let mut sign_off_ids: Vec<usize> = endorsements
            .iter()
            .filter(|e| e.sign_off)
            .map(|e| e.leader)
            .chain(c.sign_off)
            .collect();
        sign_off_ids.sort_unstable();
        sign_off_ids.dedup();
        // Quotes first (newest first), then endorsements without a quote.
        let mut views: Vec<EndorsementView> =
            endorsements.iter().map(|e| self.endorsement(e)).collect();
        views.sort_by_key(|v| v.quote.is_empty());
        let support = CourseBacking {
            senior: self.senior_answer(index, &endorsements),
            endorsements: views,
            smes: endorsements
                .iter()
                .filter(|e| !e.sme.is_empty())
                .map(|e| SmeView {
                    leader: self.leader_values[e.leader].clone(),
                    topics: e.sme.clone(),
                })
                .collect(),
            sign_off: sign_off_ids
                .into_iter()
                .map(|l| self.leader_values[l].clone())
                .collect(),
            sponsors: leaders_where(&|e| e.sponsor),
            briefing: leaders_where(&|e| e.brief_team),
            outcomes: site.outcomes_by_course[index]
                .iter()
                .map(|&(m, o)| self.outcome(m, o))
                .collect(),
            problems: site.problems_by_course[index]
                .iter()
                .map(|&(p, i)| self.problem(p, i))
                .collect(),
        };
        CourseDetail {
            card: self.card(index),
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

    fn leader_detail(&self, index: usize) -> LeaderDetail {
        let site = self.site;
        let endorsements: Vec<&Endorsement> = self
            .published_endorsements(&site.endorsements_by_leader[index])
            .collect();
        let session_list = |pick: &dyn Fn(&Endorsement) -> &Vec<usize>| -> Vec<SessionCommitment> {
            // By date, then course title (courses are already in title order).
            let mut found: Vec<(Date, usize, usize)> = Vec::new();
            for e in &endorsements {
                for &s in pick(e) {
                    found.push((site.courses[e.course].sessions[s].date, e.course, s));
                }
            }
            found.sort_unstable();
            found
                .into_iter()
                .map(|(date, c, s)| {
                    let session = &site.courses[c].sessions[s];
                    SessionCommitment {
                        course: self.course_values[c].clone(),
                        session: session.id.clone(),
                        date: date.into(),
                        place: Self::session_place(session),
                    }
                })
                .collect()
        };
        let courses_where = |f: &dyn Fn(&Endorsement) -> bool| -> Vec<tera::Value> {
            let mut list: Vec<usize> = endorsements
                .iter()
                .filter(|e| f(e))
                .map(|e| e.course)
                .collect();
            list.sort_unstable();
            list.dedup();
            list.into_iter()
                .map(|c| self.course_values[c].clone())
                .collect()
        };
        let mut signs_off: Vec<usize> = endorsements
            .iter()
            .filter(|e| e.sign_off)
            .map(|e| e.course)
            .chain(
                site.published()
                    .filter(|(_, c)| c.sign_off == Some(index))
                    .map(|(i, _)| i),
            )
            .collect();
        signs_off.sort_unstable();
        signs_off.dedup();
        let mut outcomes = Vec::new();
        for (m, meeting) in site.meetings.iter().enumerate() {
            for (o, outcome) in meeting.outcomes.iter().enumerate() {
                if outcome.owner == Some(index) && !site.courses[outcome.course].draft {
                    outcomes.push(self.outcome(m, o));
                }
            }
        }
        LeaderDetail {
            leader: self.leaders[index].clone(),
            backs: endorsements.len(),
            endorsements: endorsements.iter().map(|e| self.endorsement(e)).collect(),
            attending: session_list(&|e| &e.attend),
            observing: session_list(&|e| &e.observe),
            sme: endorsements
                .iter()
                .filter(|e| !e.sme.is_empty())
                .map(|e| TopicsFor {
                    course: self.course_values[e.course].clone(),
                    topics: e.sme.clone(),
                })
                .collect(),
            signs_off: signs_off
                .into_iter()
                .map(|c| self.course_values[c].clone())
                .collect(),
            sponsors: courses_where(&|e| e.sponsor),
            briefs: courses_where(&|e| e.brief_team),
            meetings: site.meetings_by_leader[index]
                .iter()
                .map(|&m| self.meetings[m].clone())
                .collect(),
            outcomes,
        }
    }

    fn meeting_detail(&self, m: usize, summary_html: String) -> MeetingDetail {
        let site = self.site;
        let meeting = &site.meetings[m];
        MeetingDetail {
            meeting: self.meetings[m].clone(),
            attendees: meeting
                .attendees
                .iter()
                .map(|&l| self.leader_values[l].clone())
                .collect(),
            summary_html,
            outcomes: meeting
                .outcomes
                .iter()
                .enumerate()
                .filter(|(_, o)| !site.courses[o.course].draft)
                .map(|(o, _)| self.outcome(m, o))
                .collect(),
        }
    }

    /// A department's summary, its published courses and its leaders.
    fn department_summary(
        &self,
        d: usize,
    ) -> (DepartmentSummary, Vec<CourseCard>, Vec<tera::Value>) {
        let site = self.site;
        let courses: Vec<CourseCard> = site
            .published()
            .filter(|(_, c)| c.departments.contains(&d))
            .map(|(i, _)| self.card(i))
            .collect();
        let leaders: Vec<tera::Value> = site
            .leaders
            .iter()
            .enumerate()
            .filter(|(_, l)| l.department == Some(d))
            .map(|(l, _)| self.leader_values[l].clone())
            .collect();
        let summary = DepartmentSummary {
            department: self.departments[d].clone(),
            description: site.departments[d].description.clone(),
            courses: courses.len(),
            backed: courses.iter().filter(|c| c.backing.has_backing).count(),
            leaders: leaders.len(),
        };
        (summary, courses, leaders)
    }

    fn leader_groups(&self) -> Vec<LeaderGroup> {
        let site = self.site;
        let summary = |l: usize| {
            let endorsements: Vec<&Endorsement> = self
                .published_endorsements(&site.endorsements_by_leader[l])
                .collect();
            LeaderSummary {
                leader: self.leaders[l].clone(),
                backs: endorsements.len(),
                attends: endorsements.iter().map(|e| e.attend.len()).sum(),
            }
        };
        let mut groups: Vec<LeaderGroup> = self
            .departments
            .iter()
            .enumerate()
            .map(|(d, dept)| LeaderGroup {
                name: dept.name.clone(),
                department: Some(dept.clone()),
                leaders: (0..site.leaders.len())
                    .filter(|&l| site.leaders[l].department == Some(d))
                    .map(summary)
                    .collect(),
            })
            .filter(|g| !g.leaders.is_empty())
            .collect();
        let without: Vec<LeaderSummary> = (0..site.leaders.len())
            .filter(|&l| site.leaders[l].department.is_none())
            .map(summary)
            .collect();
        if !without.is_empty() {
            groups.push(LeaderGroup {
                name: "Other leaders".to_string(),
                department: None,
                leaders: without,
            });
        }
        groups
    }
}

// ---------------------------------------------------------------------------------------
// Rendering.

/// One page of the site; rendered when it is asked for, so a large site never sits in
/// memory whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Catalog,
    Course(usize),
    Leaders,
    Leader(usize),
    Meetings,
    Meeting(usize),
    Departments,
    Department(usize),
    Polls,
    Report,
    NotFound,
}

/// What ends up in one output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    /// A page through the theme's templates.
    Page(Page),
    /// The calendar of one course's sessions.
    Calendar(usize),
    /// The Atom feed.
    Feed,
    Bytes(Vec<u8>),
    /// Copied from this file.
    Copy(PathBuf),
    /// Bytes built into the binary.
    Static(&'static [u8]),
}

/// What a page needs besides the site: the theme and settings for this build.
struct Renderer {
    site: Site,
    shared: Arc<Shared>,
    theme: Arc<Theme>,
    today: Date,
    raw_html: markdown::RawHtml,
    not_found_root: String,
}

/// A site ready to be written or served: every output path and how to make its bytes.
#[derive(Clone)]
pub struct RenderedSite {
    pub files: Arc<BTreeMap<String, Output>>,
    renderer: Arc<Renderer>,
}

impl std::fmt::Debug for RenderedSite {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RenderedSite")
            .field("files", &self.files.len())
            .finish()
    }
}

/// The bytes of one output file, and the warnings found while making them.
pub struct Made {
    pub bytes: std::borrow::Cow<'static, [u8]>,
    pub diagnostics: Vec<Diagnostic>,
}

impl RenderedSite {
    pub fn site(&self) -> &Site {
        &self.renderer.site
    }

    /// The same site with changed records but the same pages (for example one
    /// endorsement edited): reuses the page list, the theme and the shared views.
    pub fn with_site(&self, site: Site) -> RenderedSite {
        let r = &self.renderer;
        RenderedSite {
            files: Arc::clone(&self.files),
            renderer: Arc::new(Renderer {
                site,
                shared: Arc::clone(&r.shared),
                theme: Arc::clone(&r.theme),
                today: r.today,
                raw_html: r.raw_html,
                not_found_root: r.not_found_root.clone(),
            }),
        }
    }

    /// Renders the given pages and returns every problem found.
    pub fn check_pages(&self, pages: &[Page]) -> Vec<Diagnostic> {
        let paths: Vec<(&String, &Output)> = self
            .files
            .iter()
            .filter(|(_, o)| matches!(o, Output::Page(p) if pages.contains(p)))
            .collect();
        paths
            .par_iter()
            .flat_map_iter(|(path, output)| match self.make(path, output) {
                Ok(made) => made.diagnostics,
                Err(diagnostics) => diagnostics,
            })
            .collect()
    }

    /// Makes the bytes of `output` (stored at `path`). A page with a template error or an
    /// unsafe link gives `Err` with every problem found.
    pub fn make(&self, path: &str, output: &Output) -> Result<Made, Vec<Diagnostic>> {
        let r = &self.renderer;
        let bytes: std::borrow::Cow<'static, [u8]> = match output {
            Output::Page(page) => {
                let (html, diagnostics) = r.page(*page, path)?;
                if diagnostics.iter().any(Diagnostic::is_error) {
                    return Err(diagnostics);
                }
                return Ok(Made {
                    bytes: html.into_bytes().into(),
                    diagnostics,
                });
            }
            Output::Calendar(i) => crate::feeds::calendar(&r.site, &r.site.courses[*i])
                .into_bytes()
                .into(),
            Output::Feed => crate::feeds::atom(&r.site).into_bytes().into(),
            Output::Bytes(b) => b.clone().into(),
            Output::Static(b) => (*b).into(),
            Output::Copy(p) => std::fs::read(p)
                .map_err(|e| {
                    vec![
                        Diagnostic::error(
                            &crate::codes::UNREADABLE_FILE,
                            format!("cannot read `{}`: {e}", p.display()),
                        )
                        .at(crate::diagnostics::Location::file(p.display().to_string())),
                    ]
                })?
                .into(),
        };
        Ok(Made {
            bytes,
            diagnostics: Vec::new(),
        })
    }

    /// The bytes at `path`, if the site has such a file (for serving).
    pub fn bytes(&self, path: &str) -> Option<Result<Vec<u8>, Vec<Diagnostic>>> {
        let output = self.files.get(path)?;
        Some(self.make(path, output).map(|m| m.bytes.into_owned()))
    }

    /// Renders every page (in parallel) without keeping the results, and returns every
    /// problem found. A template mistake repeated on many pages is reported once.
    pub fn check_all(&self) -> Vec<Diagnostic> {
        let found: Vec<Diagnostic> = self
            .files
            .par_iter()
            .filter(|(_, o)| matches!(o, Output::Page(_)))
            .flat_map_iter(|(path, output)| match self.make(path, output) {
                Ok(made) => made.diagnostics,
                Err(diagnostics) => diagnostics,
            })
            .collect();
        summarise_repeats(found)
    }
}

/// Keeps the first of diagnostics that differ only in the page being rendered, noting
/// how many other pages have the same problem.
pub fn summarise_repeats(found: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut seen: std::collections::HashMap<(String, String, usize, usize), usize> =
        std::collections::HashMap::new();
    let mut out: Vec<Diagnostic> = Vec::new();
    let mut repeats: Vec<usize> = Vec::new();
    for d in found {
        let key = match &d.location {
            Some(l) => (d.message.clone(), l.file.clone(), l.line, l.column),
            None => (d.message.clone(), String::new(), 0, 0),
        };
        match seen.get(&key) {
            Some(&i) if d.note.is_some() => repeats[i] += 1,
            _ => {
                seen.insert(key, out.len());
                out.push(d);
                repeats.push(0);
            }
        }
    }
    for (d, n) in out.iter_mut().zip(repeats) {
        if n > 0
            && let Some(note) = &mut d.note
        {
            note.push_str(&format!(
                " (and {n} other page{})",
                if n == 1 { "" } else { "s" }
            ));
        }
    }
    out
}

impl Renderer {
    fn views(&self) -> Views<'_> {
        Views::new(&self.site, &self.shared)
    }

    /// The HTML of `page` at `url`, and the warnings found in its content.
    fn page(&self, page: Page, url: &str) -> Result<(String, Vec<Diagnostic>), Vec<Diagnostic>> {
        let site = &self.site;
        let views = self.views();
        let mut diags = Vec::new();
        let mut context = tera::Context::new();
        let (template, kind, title, description): (&str, &str, String, String) = match page {
            Page::Course(i) => {
                let c = &site.courses[i];
                let (html, d) = markdown::render(
                    c.body(),
                    Origin {
                        file: &c.file,
                        whole: &c.text,
                        first_line: c.body_line,
                        indent: 0,
                    },
                    self.raw_html,
                    markdown::Assets {
                        prefix: &routes::course_assets_prefix(&c.slug),
                        names: &c.assets,
                    },
                );
                diags.extend(d);
                context.insert("course", &views.course_detail(i, html));
                ("course.html", "course", c.title.clone(), c.summary.clone())
            }
            Page::Catalog => {
                let cards: Vec<CourseCard> = site.published().map(|(i, _)| views.card(i)).collect();
                let formats: Vec<FormatView> = Format::ALL
                    .iter()
                    .filter(|f| cards.iter().any(|c| c.format == f.id()))
                    .map(|f| FormatView {
                        id: f.id(),
                        label: f.label(),
                    })
                    .collect();
                let mut tags: Vec<String> =
                    cards.iter().flat_map(|c| c.tags.iter().cloned()).collect();
                tags.sort();
                tags.dedup();
                let mut leaders: Vec<usize> = site
                    .endorsements
                    .iter()
                    .filter(|e| !site.courses[e.course].draft)
                    .map(|e| e.leader)
                    .collect();
                leaders.sort_unstable();
                leaders.dedup();
                let stats = CatalogStats {
                    courses: cards.len(),
                    backed: cards.iter().filter(|c| c.backing.has_backing).count(),
                    senior_present: cards
                        .iter()
                        .filter(|c| c.backing.senior_present > 0)
                        .count(),
                    leaders: leaders.len(),
                };
                context.insert("courses", &cards);
                context.insert("formats", &formats);
                context.insert("tags", &tags);
                context.insert("stats", &stats);
                (
                    "catalog.html",
                    "catalog",
                    "Courses".to_string(),
                    format!(
                        "Courses at {} and the leaders who back them",
                        site.config.organisation
                    ),
                )
            }
            Page::Leaders => {
                context.insert("groups", &views.leader_groups());
                (
                    "leaders.html",
                    "leaders",
                    "Leaders".to_string(),
                    "Every leader and the courses they back".to_string(),
                )
            }
            Page::Leader(i) => {
                let l = &site.leaders[i];
                context.insert("leader", &views.leader_detail(i));
                (
                    "leader.html",
                    "leader",
                    l.name.clone(),
                    format!("{}, {}: the courses they back", l.name, l.title),
                )
            }
            Page::Meetings => {
                let list: Vec<MeetingDetail> = (0..site.meetings.len())
                    .map(|m| views.meeting_detail(m, String::new()))
                    .collect();
                context.insert("meetings", &list);
                (
                    "meetings.html",
                    "meetings",
                    "Leadership meetings".to_string(),
                    "What leaders discussed and decided about our courses".to_string(),
                )
            }
            Page::Meeting(m) => {
                let meeting = &site.meetings[m];
                let (summary_html, d) = meeting
                    .summary
                    .as_ref()
                    .map(|s| {
                        markdown::render(
                            &s.markdown,
                            Origin {
                                file: &meeting.file,
                                whole: &s.text,
                                first_line: s.first_line,
                                indent: s.indent,
                            },
                            markdown::RawHtml::Escape,
                            markdown::Assets::NONE,
                        )
                    })
                    .unwrap_or_default();
                diags.extend(d);
                context.insert("meeting", &views.meeting_detail(m, summary_html));
                (
                    "meeting.html",
                    "meeting",
                    meeting.title.clone(),
                    format!("{}: outcomes shared with learners", meeting.title),
                )
            }
            Page::Departments => {
                let summaries: Vec<DepartmentSummary> = (0..site.departments.len())
                    .map(|d| views.department_summary(d).0)
                    .collect();
                context.insert("departments", &summaries);
                (
                    "departments.html",
                    "departments",
                    "Departments".to_string(),
                    "Courses by department".to_string(),
                )
            }
            Page::Department(d) => {
                let (summary, courses, leaders) = views.department_summary(d);
                let name = summary.department.name.clone();
                context.insert("department", &summary);
                context.insert("courses", &courses);
                context.insert("leaders", &leaders);
                (
                    "department.html",
                    "department",
                    name.clone(),
                    format!("Courses for {name} and the leaders who back them"),
                )
            }
            Page::Polls => {
                let polls: Vec<PollView> = site
                    .polls
                    .iter()
                    .enumerate()
                    .map(|(p, poll)| PollView {
                        id: poll.id.clone(),
                        question: poll.question.clone(),
                        date: poll.date.into(),
                        respondents: poll.respondents,
                        problems: (0..poll.problems.len())
                            .map(|i| views.problem(p, i))
                            .collect(),
                    })
                    .collect();
                context.insert("polls", &polls);
                (
                    "polls.html",
                    "polls",
                    "What managers asked for".to_string(),
                    "The problems managers raised, and the courses that answer them".to_string(),
                )
            }
            Page::Report => {
                context.insert("report", &crate::report::report(site, self.today));
                (
                    "report.html",
                    "report",
                    "Backing report".to_string(),
                    "Leadership backing per course and department, for the learning team"
                        .to_string(),
                )
            }
            Page::NotFound => (
                "404.html",
                "not-found",
                "Page not found".to_string(),
                String::new(),
            ),
        };
        let root = if page == Page::NotFound {
            self.not_found_root.clone()
        } else {
            routes::root_for(url)
        };
        context.insert("root", &root);
        context.insert(
            "page",
            &PageInfo {
                kind,
                title,
                url: url.to_string(),
                description,
            },
        );
        match self.theme.tera.render(template, &context) {
            Ok(html) => Ok((html, diags)),
            Err(e) => {
                diags.push(self.theme.describe(&e, Some(url)));
                Err(diags)
            }
        }
    }
}

/// Plans the site: every output path and how to make it. Fails only when the theme
/// cannot be loaded; problems in pages are found when they are rendered.
pub fn render(site: Site, today: Date) -> Result<RenderedSite, Vec<Diagnostic>> {
    let mut theme = theme::load(&site.root, &site.config.theme)?;
    let shared = Shared::new(&site);
    theme.tera.global_context().insert("urls", &routes::URLS);
    theme.tera.global_context().insert(
        "site",
        &SiteView {
            title: site.config.title.clone(),
            organisation: site.config.organisation.clone(),
            language: site.config.language.clone(),
            departments: shared.departments.clone(),
        },
    );
    let mut files: BTreeMap<String, Output> = BTreeMap::new();
    for (path, source) in &theme.static_files {
        let output = match source {
            theme::Source::BuiltIn(b) => Output::Static(b),
            theme::Source::Disk(p) => Output::Copy(p.clone()),
        };
        files.insert(path.clone(), output);
    }
    for f in site.static_files.iter() {
        files.insert(f.output.clone(), Output::Copy(f.source.clone()));
    }
    files.insert(routes::CATALOG.into(), Output::Page(Page::Catalog));
    for (i, c) in site.published() {
        files.insert(routes::course(&c.slug), Output::Page(Page::Course(i)));
        for (source, below) in &c.assets {
            files.insert(
                routes::course_asset(&c.slug, below),
                Output::Copy(source.clone()),
            );
        }
        if !c.sessions.is_empty() {
            files.insert(routes::course_calendar(&c.slug), Output::Calendar(i));
        }
    }
    files.insert(routes::LEADERS.into(), Output::Page(Page::Leaders));
    for (i, l) in site.leaders.iter().enumerate() {
        files.insert(routes::leader(&l.id), Output::Page(Page::Leader(i)));
    }
    files.insert(routes::MEETINGS.into(), Output::Page(Page::Meetings));
    for (i, m) in site.meetings.iter().enumerate() {
        files.insert(routes::meeting(&m.id), Output::Page(Page::Meeting(i)));
    }
    files.insert(routes::DEPARTMENTS.into(), Output::Page(Page::Departments));
    for (i, d) in site.departments.iter().enumerate() {
        files.insert(routes::department(&d.id), Output::Page(Page::Department(i)));
    }
    files.insert(routes::POLLS.into(), Output::Page(Page::Polls));
    if site.config.report {
        files.insert(routes::REPORT.into(), Output::Page(Page::Report));
    }
    files.insert(routes::NOT_FOUND.into(), Output::Page(Page::NotFound));
    files.insert(
        routes::FEED.into(),
        Output::Bytes(crate::feeds::atom(&site).into_bytes()),
    );
    if let Some(sitemap) = crate::feeds::sitemap(&site, files.keys()) {
        files.insert(routes::SITEMAP.into(), Output::Bytes(sitemap.into_bytes()));
    }
    let not_found_root = routes::base_path(site.config.base_url.as_deref());
    let raw_html = if site.config.allow_raw_html {
        markdown::RawHtml::Allow
    } else {
        markdown::RawHtml::Escape
    };
    Ok(RenderedSite {
        files: Arc::new(files),
        renderer: Arc::new(Renderer {
            site,
            shared: Arc::new(shared),
            theme: Arc::new(theme),
            today,
            raw_html,
            not_found_root,
        }),
    })
}

#[derive(Debug, Clone, Serialize)]
struct CatalogStats {
    courses: usize,
    backed: usize,
    senior_present: usize,
    leaders: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_of_names() {
        assert_eq!(initials("Priya Natarajan"), "PN");
        assert_eq!(initials("Ana María de la Cruz"), "AC");
        assert_eq!(initials("Madonna"), "M");
    }

    #[test]
    fn name_lists() {
        assert_eq!(
            list_names(&["A".into(), "B".into(), "C".into()]),
            "A, B and C"
        );
    }
}
