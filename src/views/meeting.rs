//! The meeting pages and the meetings index: what leaders discussed and decided.

use serde::Serialize;

use super::{LeaderValue, MeetingRef, OutcomeView, Views};
use crate::resolve::{MeetingId, OutcomeRef};

#[derive(Debug, Clone, Serialize)]
pub struct MeetingDetail {
    #[serde(flatten)]
    pub meeting: MeetingRef,
    pub attendees: Vec<LeaderValue>,
    pub summary_html: String,
    /// Outcomes about published courses, in the order they were written.
    pub outcomes: Vec<OutcomeView>,
}

impl Views<'_> {
    pub fn meeting_detail(&self, m: MeetingId, summary_html: String) -> MeetingDetail {
        let site = self.site;
        let meeting = &site.meetings[m];
        MeetingDetail {
            meeting: self.meeting_ref(m),
            attendees: meeting
                .attendees
                .iter()
                .map(|&l| self.leader_value(l))
                .collect(),
            summary_html,
            outcomes: meeting
                .outcomes
                .iter()
                .enumerate()
                .filter(|(_, o)| !site.courses[o.course].draft)
                .map(|(outcome, _)| {
                    self.outcome(OutcomeRef {
                        meeting: m,
                        outcome,
                    })
                })
                .collect(),
        }
    }

    /// Every meeting, newest first, without summaries.
    pub fn meetings(&self) -> Vec<MeetingDetail> {
        self.site
            .meetings()
            .map(|(m, _)| self.meeting_detail(m, String::new()))
            .collect()
    }
}
