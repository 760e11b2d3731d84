//! A course's manager's brief: what is in it for the manager and the team, what to talk
//! about before the course and do after it, the sessions, who signs off completions, and a
//! sign-off form to print.

use serde::Serialize;

use super::course::{FollowUpView, SessionView};
use super::{CourseValue, DateView, LeaderValue, Views};
use crate::resolve::CourseId;

#[derive(Debug, Clone, Serialize)]
pub struct BriefPage {
    pub course: CourseValue,
    pub summary: String,
    pub duration: Option<String>,
    /// The format's id: `workshop`, `e-learning`, …
    pub format: &'static str,
    pub why_html: String,
    pub objectives: Vec<String>,
    /// The language of each text, when it is shown untranslated.
    pub summary_lang: super::Original,
    pub duration_lang: super::Original,
    pub objectives_lang: super::Original,
    /// Of the why, before and after.
    pub brief_lang: super::Original,
    pub before: Vec<String>,
    pub after: Vec<String>,
    pub sessions: Vec<SessionView>,
    pub enrol: Option<String>,
    /// Leaders who sign off completions, who brief their teams, who follow up.
    pub sign_off: Vec<LeaderValue>,
    pub briefing: Vec<LeaderValue>,
    pub follow_ups: Vec<FollowUpView>,
    /// The day the page was built.
    pub today: DateView,
}

impl Views<'_> {
    /// The manager's brief of `course` (which has one), with its `why` already HTML.
    pub fn brief_page(&self, course: CourseId, why_html: String) -> BriefPage {
        let site = self.site;
        let c = &site.courses[course];
        let brief = c.brief.as_ref();
        let detail = self.course_detail(course, String::new());
        BriefPage {
            course: self.course_value(course),
            summary: c.summary.clone(),
            duration: c.duration.clone(),
            format: c.format.id(),
            why_html,
            objectives: c.objectives.clone(),
            summary_lang: super::Original(c.field_lang("summary")),
            duration_lang: super::Original(c.field_lang("duration")),
            objectives_lang: super::Original(c.field_lang("objectives")),
            brief_lang: super::Original(c.field_lang("brief")),
            before: brief.map(|b| b.before.clone()).unwrap_or_default(),
            after: brief.map(|b| b.after.clone()).unwrap_or_default(),
            sessions: detail.sessions,
            enrol: c.enrol.clone(),
            sign_off: detail.support.sign_off,
            briefing: detail.support.briefing,
            follow_ups: detail.support.follow_ups,
            today: self.today.into(),
        }
    }
}
