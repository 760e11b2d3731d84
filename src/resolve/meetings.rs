//! Leadership meetings: who attended, and the decisions and commitments about courses.

use std::sync::Arc;

use super::refs::{Names, Refs};
use super::{CourseId, LeaderId, Meeting, Outcome, OutcomeKind, Summary};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::Record;
use crate::model::MeetingFile;
use crate::yaml::{Seg, YamlSource};

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
                .map(|md| summary_at(&rec.yaml(), &[Seg::Key("summary")], md, &rec.text)),
            outcomes,
        });
    }
    meetings
}

/// Where the Markdown of a YAML value at `path` starts: the line after a `|` or `>`
/// block indicator (indented), or right after the key.
fn summary_at(
    source: &YamlSource<'_>,
    path: &[Seg<'_>],
    markdown: &str,
    text: &Arc<str>,
) -> Summary {
    // Most summaries are a block at the top level (`summary: |`): found by reading lines,
    // which is much quicker than reading the YAML again.
    let key = match path {
        [Seg::Key(key)] => Some(format!("{key}:")),
        _ => None,
    };
    if let Some(key) = key
        && let Some((i, line)) = source
            .whole
            .lines()
            .enumerate()
            .find(|(_, l)| l.starts_with(&key))
        && matches!(
            line[key.len()..].trim(),
            "|" | ">" | "|-" | ">-" | "|+" | ">+"
        )
    {
        let next = source.whole.lines().nth(i + 1).unwrap_or("");
        return Summary {
            markdown: markdown.to_string(),
            text: Arc::clone(text),
            first_line: i + 2,
            indent: next.len() - next.trim_start().len(),
        };
    }
    let at = source.locate(path);
    let line = at.source_line.as_deref().unwrap_or("");
    let is_block = line.trim_end().ends_with(['|', '>', '-', '+'])
        && line
            .trim_end()
            .chars()
            .rev()
            .nth(1)
            .is_some_and(|c| matches!(c, ' ' | '|' | '>'));
    let (first_line, indent) = if is_block {
        let next = source.whole.lines().nth(at.line).unwrap_or("");
        (at.line + 1, next.len() - next.trim_start().len())
    } else {
        (at.line, at.column.saturating_sub(1))
    };
    Summary {
        markdown: markdown.to_string(),
        text: Arc::clone(text),
        first_line,
        indent,
    }
}
