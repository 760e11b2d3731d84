//! Stage 3, `render`: turns a resolved `Site` into a `RenderedSite`, a sorted map from
//! output path to bytes (pages through the theme's templates; feed, sitemap and calendars
//! directly). Builds the view of each page that templates see. Touches no output folder.

use std::collections::BTreeMap;
use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostics::Diagnostic;
use crate::markdown::{self, Origin};
use crate::model::{Date, Format};
use crate::resolve::{Course, Endorsement, Leader, Meeting, OutcomeKind, Site};
use crate::theme;

/// What ends up in one output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    Bytes(Vec<u8>),
    /// Copied from this file when written.
    Copy(PathBuf),
    /// Bytes built into the binary.
    Static(&'static [u8]),
}

/// The whole site in memory: output path (with `/`) → content.
#[derive(Debug, Clone, Default)]
pub struct RenderedSite {
    pub files: BTreeMap<String, Output>,
}

impl RenderedSite {
    /// The bytes of one output file.
    pub fn bytes(&self, path: &str) -> Option<std::io::Result<Vec<u8>>> {
        self.files.get(path).map(|o| match o {
            Output::Bytes(b) => Ok(b.clone()),
            Output::Static(b) => Ok(b.to_vec()),
            Output::Copy(p) => std::fs::read(p),
        })
    }
}

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
    pub attending: Vec<LeaderView>,
    pub observing: Vec<LeaderView>,
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
    pub leader: LeaderView,
    pub course: CourseRef,
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
    pub course: CourseRef,
    pub kind: &'static str,
    pub kind_label: &'static str,
    pub text: String,
    pub owner: Option<LeaderView>,
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
    pub courses: Vec<CourseRef>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SmeView {
    pub leader: LeaderView,
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
    pub sign_off: Vec<LeaderView>,
    pub sponsors: Vec<LeaderView>,
    pub briefing: Vec<LeaderView>,
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
    pub course: CourseRef,
    pub session: String,
    pub date: DateView,
    pub place: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TopicsFor {
    pub course: CourseRef,
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
    pub signs_off: Vec<CourseRef>,
    pub sponsors: Vec<CourseRef>,
    pub briefs: Vec<CourseRef>,
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
    pub attendees: Vec<LeaderView>,
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

fn course_url(slug: &str) -> String {
    format!("courses/{slug}/index.html")
}

fn leader_url(id: &str) -> String {
    format!("leaders/{id}/index.html")
}

fn meeting_url(id: &str) -> String {
    format!("meetings/{id}/index.html")
}

fn department_url(id: &str) -> String {
    format!("departments/{id}/index.html")
}

/// Relative prefix from `url` (a path below the site root) back to the root.
fn root_for(url: &str) -> String {
    "../".repeat(url.matches('/').count())
}

fn initials(name: &str) -> String {
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
struct Views<'a> {
    site: &'a Site,
    leaders: Vec<LeaderView>,
    departments: Vec<DeptRef>,
    courses: Vec<CourseRef>,
    meetings: Vec<MeetingRef>,
}

impl<'a> Views<'a> {
    fn new(site: &'a Site) -> Self {
        let departments: Vec<DeptRef> = site
            .departments
            .iter()
            .map(|d| DeptRef {
                id: d.id.clone(),
                name: d.name.clone(),
                url: department_url(&d.id),
            })
            .collect();
        let leaders = site
            .leaders
            .iter()
            .map(|l: &Leader| LeaderView {
                id: l.id.clone(),
                url: leader_url(&l.id),
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
        let courses = site
            .courses
            .iter()
            .map(|c| CourseRef {
                slug: c.slug.clone(),
                title: c.title.clone(),
                url: course_url(&c.slug),
            })
            .collect();
        let meetings = site
            .meetings
            .iter()
            .map(|m| MeetingRef {
                id: m.id.clone(),
                url: meeting_url(&m.id),
                title: m.title.clone(),
                date: m.date.into(),
                kind: m.kind.label(),
            })
            .collect();
        Views {
            site,
            leaders,
            departments,
            courses,
            meetings,
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
            leader: self.leaders[e.leader].clone(),
            course: self.courses[e.course].clone(),
            date: e.date.into(),
            quote: e.quote.clone(),
            commitments: self.commitments(e),
        }
    }

    fn published_endorsements(&self, list: &[usize]) -> impl Iterator<Item = &'a Endorsement> {
        let site = self.site;
        list.iter()
            .map(move |&i| &site.endorsements[i])
            .filter(move |e| !site.courses[e.course].draft)
    }

    fn backing(&self, index: usize) -> BackingSummary {
        let site = self.site;
        let endorsements: Vec<&Endorsement> = site.endorsements_by_course[index]
            .iter()
            .map(|&i| &site.endorsements[i])
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
            url: course_url(&c.slug),
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
            course: self.courses[o.course].clone(),
            kind: match o.kind {
                OutcomeKind::Decision => "decision",
                OutcomeKind::Commitment => "commitment",
            },
            kind_label: match o.kind {
                OutcomeKind::Decision => "Decision",
                OutcomeKind::Commitment => "Commitment",
            },
            text: o.text.clone(),
            owner: o.owner.map(|l| self.leaders[l].clone()),
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
            url: format!("polls/index.html#{}", pr.id),
            courses: pr
                .courses
                .iter()
                .filter(|&&c| !self.site.courses[c].draft)
                .map(|&c| self.courses[c].clone())
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
            .map(|&i| &site.endorsements[i])
            .collect();
        let sessions = c
            .sessions
            .iter()
            .enumerate()
            .map(|(s, session)| {
                let attending: Vec<LeaderView> = endorsements
                    .iter()
                    .filter(|e| e.attend.contains(&s))
                    .map(|e| self.leaders[e.leader].clone())
                    .collect();
                let observing: Vec<LeaderView> = endorsements
                    .iter()
                    .filter(|e| e.observe.contains(&s))
                    .map(|e| self.leaders[e.leader].clone())
                    .collect();
                SessionView {
                    id: session.id.clone(),
                    date: session.date.into(),
                    start: session.start.map(|t| t.to_string()),
                    end: session.end.map(|t| t.to_string()),
                    location: session.location.clone(),
                    link: session.link.clone(),
                    capacity: session.capacity,
                    senior_attending: attending.iter().any(|l| l.is_senior),
                    attending,
                    observing,
                }
            })
            .collect();
        let leaders_where = |f: &dyn Fn(&Endorsement) -> bool| -> Vec<LeaderView> {
            let mut ids: Vec<usize> = endorsements
                .iter()
                .filter(|e| f(e))
                .map(|e| e.leader)
                .collect();
            ids.sort_unstable();
            ids.dedup();
            ids.into_iter().map(|l| self.leaders[l].clone()).collect()
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
                    leader: self.leaders[e.leader].clone(),
                    topics: e.sme.clone(),
                })
                .collect(),
            sign_off: sign_off_ids
                .into_iter()
                .map(|l| self.leaders[l].clone())
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
            ics_url: (!c.sessions.is_empty()).then(|| "sessions.ics".to_string()),
            support,
        }
    }

    fn leader_detail(&self, index: usize) -> LeaderDetail {
        let site = self.site;
        let endorsements: Vec<&Endorsement> = self
            .published_endorsements(&site.endorsements_by_leader[index])
            .collect();
        let session_list = |pick: &dyn Fn(&Endorsement) -> &Vec<usize>| -> Vec<SessionCommitment> {
            let mut out: Vec<SessionCommitment> = Vec::new();
            for e in &endorsements {
                let course = &site.courses[e.course];
                for &s in pick(e) {
                    let session = &course.sessions[s];
                    out.push(SessionCommitment {
                        course: self.courses[e.course].clone(),
                        session: session.id.clone(),
                        date: session.date.into(),
                        place: Self::session_place(session),
                    });
                }
            }
            out.sort_by(|a, b| {
                a.date
                    .iso
                    .cmp(&b.date.iso)
                    .then_with(|| a.course.title.cmp(&b.course.title))
            });
            out
        };
        let courses_where = |f: &dyn Fn(&Endorsement) -> bool| -> Vec<CourseRef> {
            let mut list: Vec<usize> = endorsements
                .iter()
                .filter(|e| f(e))
                .map(|e| e.course)
                .collect();
            list.sort_unstable();
            list.dedup();
            list.into_iter().map(|c| self.courses[c].clone()).collect()
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
                    course: self.courses[e.course].clone(),
                    topics: e.sme.clone(),
                })
                .collect(),
            signs_off: signs_off
                .into_iter()
                .map(|c| self.courses[c].clone())
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

/// One page to render: output path, template, and its page-specific context.
struct Page {
    url: String,
    template: &'static str,
    title: String,
    description: String,
    kind: &'static str,
    context: tera::Context,
}

impl Page {
    fn new(
        url: String,
        template: &'static str,
        kind: &'static str,
        title: impl Into<String>,
    ) -> Self {
        Page {
            url,
            template,
            title: title.into(),
            description: String::new(),
            kind,
            context: tera::Context::new(),
        }
    }

    fn with<T: Serialize + ?Sized>(mut self, key: &'static str, value: &T) -> Self {
        self.context.insert(key, value);
        self
    }

    fn describe(mut self, description: impl Into<String>) -> Self {
        self.description = description.into();
        self
    }
}

/// Renders `site` with its theme. Returns the rendered site and the problems found (any
/// error means the result must not be published).
/// `today` is only read for the learning team's report page, written when site.yaml asks
/// for it.
pub fn render(site: &Site, today: crate::model::Date) -> (RenderedSite, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut theme = match theme::load(&site.root, &site.config.theme) {
        Ok(t) => t,
        Err(d) => return (RenderedSite::default(), d),
    };
    let views = Views::new(site);
    let mut pages: Vec<Page> = Vec::new();

    // Course bodies are Markdown; render them first (in parallel).
    let raw_html = if site.config.allow_raw_html {
        markdown::RawHtml::Allow
    } else {
        markdown::RawHtml::Escape
    };
    let published: Vec<usize> = site.published().map(|(i, _)| i).collect();
    let bodies: Vec<(String, Vec<Diagnostic>)> = published
        .par_iter()
        .map(|&i| {
            let c = &site.courses[i];
            markdown::render(
                &c.body,
                Origin {
                    file: &c.file,
                    whole: &c.text,
                    first_line: c.body_line,
                    indent: 0,
                },
                raw_html,
            )
        })
        .collect();
    let cards: Vec<CourseCard> = published.iter().map(|&i| views.card(i)).collect();

    for (&i, (html, d)) in published.iter().zip(bodies) {
        diags.extend(d);
        let c = &site.courses[i];
        let detail = views.course_detail(i, html);
        pages.push(
            Page::new(
                course_url(&c.slug),
                "course.html",
                "course",
                c.title.clone(),
            )
            .describe(c.summary.clone())
            .with("course", &detail),
        );
    }

    let formats: Vec<FormatView> = Format::ALL
        .iter()
        .filter(|f| cards.iter().any(|c| c.format == f.id()))
        .map(|f| FormatView {
            id: f.id(),
            label: f.label(),
        })
        .collect();
    let mut tags: Vec<String> = cards.iter().flat_map(|c| c.tags.iter().cloned()).collect();
    tags.sort();
    tags.dedup();
    let stats = CatalogStats {
        courses: cards.len(),
        backed: cards.iter().filter(|c| c.backing.has_backing).count(),
        senior_present: cards
            .iter()
            .filter(|c| c.backing.senior_present > 0)
            .count(),
        leaders: {
            let mut l: Vec<usize> = site
                .endorsements
                .iter()
                .filter(|e| !site.courses[e.course].draft)
                .map(|e| e.leader)
                .collect();
            l.sort_unstable();
            l.dedup();
            l.len()
        },
    };
    pages.push(
        Page::new("index.html".into(), "catalog.html", "catalog", "Courses")
            .describe(format!(
                "Courses at {} and the leaders who back them",
                site.config.organisation
            ))
            .with("courses", &cards)
            .with("formats", &formats)
            .with("tags", &tags)
            .with("stats", &stats),
    );

    // Leaders.
    pages.push(
        Page::new(
            "leaders/index.html".into(),
            "leaders.html",
            "leaders",
            "Leaders",
        )
        .describe("Every leader and the courses they back")
        .with("groups", &views.leader_groups()),
    );
    for (i, l) in site.leaders.iter().enumerate() {
        pages.push(
            Page::new(leader_url(&l.id), "leader.html", "leader", l.name.clone())
                .describe(format!("{}, {}: the courses they back", l.name, l.title))
                .with("leader", &views.leader_detail(i)),
        );
    }

    // Meetings.
    let meeting_list: Vec<MeetingDetail> = site
        .meetings
        .iter()
        .enumerate()
        .map(|(m, meeting)| {
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
                    )
                })
                .unwrap_or_default();
            diags.extend(d);
            MeetingDetail {
                meeting: views.meetings[m].clone(),
                attendees: meeting
                    .attendees
                    .iter()
                    .map(|&l| views.leaders[l].clone())
                    .collect(),
                summary_html,
                outcomes: meeting
                    .outcomes
                    .iter()
                    .enumerate()
                    .filter(|(_, o)| !site.courses[o.course].draft)
                    .map(|(o, _)| views.outcome(m, o))
                    .collect(),
            }
        })
        .collect();
    pages.push(
        Page::new(
            "meetings/index.html".into(),
            "meetings.html",
            "meetings",
            "Leadership meetings",
        )
        .describe("What leaders discussed and decided about our courses")
        .with("meetings", &meeting_list),
    );
    for m in &meeting_list {
        pages.push(
            Page::new(
                m.meeting.url.clone(),
                "meeting.html",
                "meeting",
                m.meeting.title.clone(),
            )
            .describe(format!(
                "{}: outcomes shared with learners",
                m.meeting.title
            ))
            .with("meeting", m),
        );
    }

    // Departments.
    let mut summaries = Vec::new();
    for (d, dept) in site.departments.iter().enumerate() {
        let courses: Vec<CourseCard> = published
            .iter()
            .zip(&cards)
            .filter(|(i, _)| site.courses[**i].departments.contains(&d))
            .map(|(_, c)| c.clone())
            .collect();
        let leaders: Vec<LeaderView> = site
            .leaders
            .iter()
            .enumerate()
            .filter(|(_, l)| l.department == Some(d))
            .map(|(l, _)| views.leaders[l].clone())
            .collect();
        let summary = DepartmentSummary {
            department: views.departments[d].clone(),
            description: dept.description.clone(),
            courses: courses.len(),
            backed: courses.iter().filter(|c| c.backing.has_backing).count(),
            leaders: leaders.len(),
        };
        pages.push(
            Page::new(
                department_url(&dept.id),
                "department.html",
                "department",
                dept.name.clone(),
            )
            .describe(format!(
                "Courses for {} and the leaders who back them",
                dept.name
            ))
            .with("department", &summary)
            .with("courses", &courses)
            .with("leaders", &leaders),
        );
        summaries.push(summary);
    }
    pages.push(
        Page::new(
            "departments/index.html".into(),
            "departments.html",
            "departments",
            "Departments",
        )
        .describe("Courses by department")
        .with("departments", &summaries),
    );

    // What managers asked for.
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
    pages.push(
        Page::new(
            "polls/index.html".into(),
            "polls.html",
            "polls",
            "What managers asked for",
        )
        .describe("The problems managers raised, and the courses that answer them")
        .with("polls", &polls),
    );

    if site.config.report {
        pages.push(
            Page::new(
                "report/index.html".into(),
                "report.html",
                "report",
                "Backing report",
            )
            .describe("Leadership backing per course and department, for the learning team")
            .with("report", &crate::report::report(site, today)),
        );
    }

    pages.push(Page::new(
        "404.html".into(),
        "404.html",
        "not-found",
        "Page not found",
    ));

    // Global context, set once.
    let site_view = SiteView {
        title: site.config.title.clone(),
        organisation: site.config.organisation.clone(),
        language: site.config.language.clone(),
        departments: views.departments.clone(),
    };
    theme.tera.global_context().insert("site", &site_view);
    let not_found_root = site
        .config
        .base_url
        .as_deref()
        .and_then(|u| u.split_once("://").map(|(_, rest)| rest))
        .and_then(|rest| rest.find('/').map(|i| rest[i..].to_string()))
        .unwrap_or_default();

    let rendered: Vec<Result<(String, Vec<u8>), Diagnostic>> = pages
        .into_par_iter()
        .map(|mut page| {
            let root = if page.kind == "not-found" {
                not_found_root.clone()
            } else {
                root_for(&page.url)
            };
            page.context.insert("root", &root);
            page.context.insert(
                "page",
                &PageInfo {
                    kind: page.kind,
                    title: page.title.clone(),
                    url: page.url.clone(),
                    description: page.description.clone(),
                },
            );
            theme
                .tera
                .render(page.template, &page.context)
                .map(|html| (page.url.clone(), html.into_bytes()))
                .map_err(|e| theme.describe(&e, Some(&page.url)))
        })
        .collect();

    let mut out = RenderedSite::default();
    for (path, source) in &theme.static_files {
        let output = match source {
            theme::Source::BuiltIn(b) => Output::Static(b),
            theme::Source::Disk(p) => Output::Copy(p.clone()),
        };
        out.files.insert(path.clone(), output);
    }
    for f in &site.static_files {
        out.files
            .insert(f.output.clone(), Output::Copy(f.source.clone()));
    }
    for r in rendered {
        match r {
            Ok((path, bytes)) => {
                out.files.insert(path, Output::Bytes(bytes));
            }
            Err(d) => diags.push(d),
        }
    }
    for &i in &published {
        let c = &site.courses[i];
        for (source, below) in &c.assets {
            out.files.insert(
                format!("courses/{}/{below}", c.slug),
                Output::Copy(source.clone()),
            );
        }
        if !c.sessions.is_empty() {
            out.files.insert(
                format!("courses/{}/sessions.ics", c.slug),
                Output::Bytes(crate::feeds::calendar(site, c).into_bytes()),
            );
        }
    }
    out.files.insert(
        "feed.xml".into(),
        Output::Bytes(crate::feeds::atom(site).into_bytes()),
    );
    if let Some(sitemap) = crate::feeds::sitemap(site, &out) {
        out.files
            .insert("sitemap.xml".into(), Output::Bytes(sitemap.into_bytes()));
    }
    (out, diags)
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
    fn roots_and_initials() {
        assert_eq!(root_for("index.html"), "");
        assert_eq!(root_for("courses/a/index.html"), "../../");
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
