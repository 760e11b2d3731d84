//! The leader pages and the leaders index: what each leader backs and commits to.

use std::sync::Arc;

use serde::Serialize;

use super::{
    CourseValue, DateView, DeptRef, EndorsementView, Hashed, LeaderView, MeetingRef, OutcomeView,
    PeriodView, QuestionView, SessionRef, Views,
};
use crate::resolve::{CourseId, LeaderId, SessionId};
use crate::routes;

#[derive(Debug, Clone, Serialize)]
pub struct SessionCommitment {
    pub course: CourseValue,
    pub session: SessionRef,
}

#[derive(Debug, Clone, Serialize)]
pub struct TopicsFor {
    pub course: CourseValue,
    pub topics: Arc<[String]>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LeaderDetail {
    #[serde(flatten)]
    pub leader: LeaderView,
    pub endorsements: Vec<Hashed<EndorsementView>>,
    pub attending: Vec<SessionCommitment>,
    pub observing: Vec<SessionCommitment>,
    pub sme: Vec<TopicsFor>,
    pub signs_off: Vec<CourseValue>,
    pub sponsors: Vec<CourseValue>,
    pub briefs: Vec<CourseValue>,
    pub meetings: Vec<MeetingRef>,
    pub outcomes: Vec<OutcomeView>,
    pub backs: usize,
    /// Courses they took themselves, and follow up after.
    pub completed: Vec<CourseDone>,
    pub follow_ups: Vec<FollowUpFor>,
    /// Questions they answered.
    pub answered: Vec<QuestionView>,
    /// Manager's briefs of the courses they back.
    pub manager_briefs: Vec<BriefLink>,
}

/// A course a leader took themselves.
#[derive(Debug, Clone, Serialize)]
pub struct CourseDone {
    pub course: CourseValue,
    pub date: DateView,
}

/// A course after which a leader meets each learner, and how soon.
#[derive(Debug, Clone, Serialize)]
pub struct FollowUpFor {
    pub course: CourseValue,
    pub period: PeriodView,
}

/// A course's manager's brief.
#[derive(Debug, Clone, Serialize)]
pub struct BriefLink {
    pub course: CourseValue,
    /// From the site root.
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct LeaderSummary {
    #[serde(flatten)]
    pub leader: LeaderView,
    pub backs: usize,
    pub attends: usize,
}

/// The leaders of one department, or (with no department) those of none.
#[derive(Debug, Clone, Serialize)]
pub struct LeaderGroup {
    pub department: Option<DeptRef>,
    pub leaders: Vec<LeaderSummary>,
}

impl Views<'_> {
    pub fn leader_detail(&self, leader: LeaderId) -> LeaderDetail {
        let site = self.site;
        let b = self.backing.leader(leader);
        let sessions = |list: &[(CourseId, SessionId)]| -> Vec<SessionCommitment> {
            list.iter()
                .map(|&(c, s)| SessionCommitment {
                    course: self.course_value(c),
                    session: SessionRef::of(site.session(c, s), self.today),
                })
                .collect()
        };
        let courses = |list: &[CourseId]| list.iter().map(|&c| self.course_value(c)).collect();
        LeaderDetail {
            leader: (*self.shared.leaders[leader.index()]).clone(),
            backs: b.endorsements.len(),
            endorsements: b
                .endorsements
                .iter()
                .map(|&e| self.endorsement(e))
                .collect(),
            attending: sessions(&b.attending),
            observing: sessions(&b.observing),
            sme: b
                .sme
                .iter()
                .map(|&e| TopicsFor {
                    course: self.course_value(site.endorsements[e].course),
                    topics: site.endorsements[e].sme.clone(),
                })
                .collect(),
            signs_off: courses(&b.signs_off),
            sponsors: courses(&b.sponsors),
            briefs: courses(&b.briefs),
            meetings: b.meetings.iter().map(|&m| self.meeting_ref(m)).collect(),
            outcomes: b.outcomes.iter().map(|&o| self.outcome(o)).collect(),
            completed: b
                .completed
                .iter()
                .filter_map(|&e| {
                    let e = &site.endorsements[e];
                    let date = e.completed.filter(|d| *d <= self.today)?;
                    Some(CourseDone {
                        course: self.course_value(e.course),
                        date: date.into(),
                    })
                })
                .collect(),
            follow_ups: b
                .follow_ups
                .iter()
                .filter_map(|&e| {
                    let e = &site.endorsements[e];
                    Some(FollowUpFor {
                        course: self.course_value(e.course),
                        period: e.follow_up?.into(),
                    })
                })
                .collect(),
            answered: b
                .answered
                .iter()
                .filter_map(|&q| self.question(q))
                .collect(),
            manager_briefs: b
                .manager_briefs
                .iter()
                .map(|&c| BriefLink {
                    course: self.course_value(c),
                    url: routes::brief(&site.courses[c].slug),
                })
                .collect(),
        }
    }

    /// Leaders by department (departments by name), then those with no department.
    pub fn leader_groups(&self) -> Vec<LeaderGroup> {
        let site = self.site;
        let summary = |l: LeaderId| {
            let b = self.backing.leader(l);
            LeaderSummary {
                leader: (*self.shared.leaders[l.index()]).clone(),
                backs: b.endorsements.len(),
                attends: b.attending.len(),
            }
        };
        let mut groups: Vec<LeaderGroup> = site
            .departments()
            .map(|(d, _)| LeaderGroup {
                department: Some(self.department(d)),
                leaders: site
                    .leaders()
                    .filter(|(_, l)| l.department == Some(d))
                    .map(|(id, _)| summary(id))
                    .collect(),
            })
            .filter(|g| !g.leaders.is_empty())
            .collect();
        let without: Vec<LeaderSummary> = site
            .leaders()
            .filter(|(_, l)| l.department.is_none())
            .map(|(id, _)| summary(id))
            .collect();
        if !without.is_empty() {
            groups.push(LeaderGroup {
                department: None,
                leaders: without,
            });
        }
        groups
    }
}
