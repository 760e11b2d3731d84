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

/// A meeting in the list of meetings: who attended and what came of it, in brief (the
/// meeting's own page has the rest). A large site lists thousands of meetings.
#[derive(Debug, Clone, Serialize)]
pub struct MeetingListed {
    #[serde(flatten)]
    pub meeting: MeetingRef,
    /// The attendees' names, in the order the record gives them.
    pub attendees: Vec<String>,
    /// Each outcome about a published course: `decision` or `commitment`.
    pub outcomes: Vec<&'static str>,
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

    /// Every meeting, newest first, as the list of meetings shows it.
    pub fn meetings(&self) -> Vec<MeetingListed> {
        let site = self.site;
        site.meetings()
            .map(|(m, meeting)| MeetingListed {
                meeting: self.meeting_ref(m),
                attendees: meeting
                    .attendees
                    .iter()
                    .map(|&l| site.leaders[l].name.clone())
                    .collect(),
                outcomes: meeting
                    .outcomes
                    .iter()
                    .filter(|o| !site.courses[o.course].draft)
                    .map(|o| o.kind.as_str())
                    .collect(),
            })
            .collect()
    }
}
