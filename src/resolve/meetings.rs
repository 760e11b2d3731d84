//! Leadership meetings: who attended, and the decisions and commitments about courses.

use std::sync::Arc;

use super::refs::{Names, Refs, markdown_at};
use super::{CourseId, LeaderId, Meeting, Outcome, OutcomeKind};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::Record;
use crate::model::MeetingFile;
use crate::yaml::Seg;

/// Every meeting, newest first.
pub fn resolve(
    records: &[Arc<Record<MeetingFile>>],
    courses: &Names<CourseId>,
    leaders: &Names<LeaderId>,
    diags: &mut Diagnostics,
) -> Vec<Meeting> {
    let mut records: Vec<&Record<MeetingFile>> = records.iter().map(|r| &**r).collect();
    records.sort_by(|a, b| {
        b.data
            .date
            .cmp(&a.data.date)
            .then_with(|| (&a.id, &a.file).cmp(&(&b.id, &b.file)))
    });
    let mut meetings = Vec::new();
    for rec in records {
        let m = &rec.data;
        let mut refs = Refs::new(rec.yaml(), &rec.invalid, diags);
        refs.require_text(&[Seg::Key("title")], &m.title, "the meeting's title");
        let mut attendees: Vec<LeaderId> = m
            .attendees
            .iter()
            .enumerate()
            .filter_map(|(i, id)| {
                leaders.find(&mut refs, &[Seg::Key("attendees"), Seg::Index(i)], id)
            })
            .collect();
        attendees.sort_unstable();
        attendees.dedup();
        let mut outcomes = Vec::new();
        for (i, o) in m.outcomes.iter().enumerate() {
            let at = |key| [Seg::Key("outcomes"), Seg::Index(i), Seg::Key(key)];
            let course = courses.find(&mut refs, &at("course"), &o.course);
            let owner = o
                .owner
                .as_ref()
                .and_then(|id| leaders.find(&mut refs, &at("owner"), id));
            let (kind, text) = match (&o.decision, &o.commitment) {
                (Some(d), None) => (OutcomeKind::Decision, d),
                (None, Some(c)) => (OutcomeKind::Commitment, c),
                (Some(_), Some(_)) => {
                    refs.error(
                        &at("commitment"),
                        Diagnostic::error(
                            &crate::codes::OUTCOME_KIND,
                            "an outcome has both a `decision` and a `commitment`",
                        )
                        .help("split it into two outcomes, each with one of them"),
                    );
                    continue;
                }
                (None, None) => {
                    refs.error(
                        &[Seg::Key("outcomes"), Seg::Index(i)],
                        Diagnostic::error(
                            &crate::codes::OUTCOME_KIND,
                            "this outcome says neither what was decided nor what was committed",
                        )
                        .help("add `decision: …` or `commitment: …`"),
                    );
                    continue;
                }
            };
            if let Some(course) = course {
                outcomes.push(Outcome {
                    course,
                    kind,
                    text: text.trim().to_string(),
                    owner,
                    place: i,
                    original: None,
                });
            }
        }
        meetings.push(Meeting {
            id: rec.id.clone(),
            file: rec.file.clone(),
            text: Arc::clone(&rec.text),
            flawed: refs.flawed(),
            title: m.title.clone(),
            date: m.date,
            kind: m.kind,
            attendees,
            summary: m
                .summary
                .as_deref()
                .map(|md| markdown_at(&rec.yaml(), &[Seg::Key("summary")], md, &rec.text)),
            outcomes,
            translations: m
                .translations
                .iter()
                .map(|(lang, t)| {
                    let summary = t.summary.as_deref().map(|md| {
                        let at = [
                            Seg::Key("translations"),
                            Seg::Key(lang),
                            Seg::Key("summary"),
                        ];
                        markdown_at(&rec.yaml(), &at, md, &rec.text)
                    });
                    let text = crate::resolve::MeetingText {
                        title: t.title.clone(),
                        summary,
                        outcomes: t.outcomes.iter().map(|o| o.trim().to_string()).collect(),
                    };
                    (lang.clone(), text)
                })
                .collect(),
            original: None,
        });
    }
    meetings
}
