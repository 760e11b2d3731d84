//! Endorsements: the course and leader each names, the sessions a leader attends or drops
//! in on, one endorsement per leader and course, and the quote's paragraphs.

use std::collections::HashMap;
use std::sync::Arc;

use super::refs::{Names, RefKind, Refs, item_path};
use super::{Course, CourseId, Endorsement, Leader, LeaderId, SessionId};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::Record;
use crate::model::{EndorsementFile, OneOrMany};
use crate::yaml::Seg;

/// Every endorsement, newest first (then by leader name and file).
pub fn resolve(
    records: &[Arc<Record<EndorsementFile>>],
    courses: &[Course],
    leaders: &[Leader],
    course_names: &Names<CourseId>,
    leader_names: &Names<LeaderId>,
    diags: &mut Diagnostics,
) -> Vec<Endorsement> {
    let mut records: Vec<&Record<EndorsementFile>> = records.iter().map(|r| &**r).collect();
    records.sort_by(|a, b| a.file.cmp(&b.file));
    // The (course, leader) pairs endorsed so far, with their files.
    let mut seen: HashMap<(CourseId, LeaderId), &str> = HashMap::new();
    let mut endorsements = Vec::new();
    for rec in records {
        let mut refs = Refs::new(rec.yaml(), &rec.invalid, diags);
        let e = &rec.data;
        let course = course_names.find(&mut refs, &[Seg::Key("course")], &e.course);
        let leader = leader_names.find(&mut refs, &[Seg::Key("by")], &e.by);
        // Sessions are checked whenever the course is known, so a misspelt leader does
        // not hide a misspelt session in the same file.
        let Some(course) = course else {
            continue;
        };
        if let Some(quote) = &e.quote {
            refs.require_text(
                &[Seg::Key("quote")],
                quote,
                "your words for learners (or remove the line)",
            );
        }
        let attend = sessions(&mut refs, &courses[course], "attend", &e.commitments.attend);
        let observe = sessions(
            &mut refs,
            &courses[course],
            "observe",
            &e.commitments.observe,
        );
        let Some(leader) = leader else {
            continue;
        };
        if let Some(first) = seen.get(&(course, leader)) {
            refs.error(
                &[Seg::Key("by")],
                Diagnostic::error(
                    &crate::codes::DUPLICATE_ENDORSEMENT,
                    format!(
                        "{} has already endorsed `{}` in {first}",
                        leaders[leader].name, courses[course].slug
                    ),
                )
                .label("a second endorsement by the same leader")
                .help(format!(
                    "keep one file: copy anything new from this file into {first}, then delete this one"
                )),
            );
            continue;
        }
        seen.insert((course, leader), &rec.file);
        let quote = e
            .quote
            .as_deref()
            .map(|q| quote_paragraphs(q, is_literal_block(&rec.text, "quote")))
            .unwrap_or_default();
        let sme = e
            .commitments
            .sme
            .items
            .iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
        endorsements.push(Endorsement {
            flawed: refs.flawed(),
            course,
            leader,
            date: e.date,
            quote,
            attend,
            observe,
            sme,
            sign_off: e.commitments.sign_off,
            sponsor: e.commitments.sponsor,
            brief_team: e.commitments.brief_team,
            file: rec.file.clone(),
            text: Arc::clone(&rec.text),
        });
    }
    endorsements.sort_by(|a, b| {
        b.date
            .cmp(&a.date)
            .then_with(|| leaders[a.leader].name.cmp(&leaders[b.leader].name))
            .then_with(|| a.file.cmp(&b.file))
    });
    endorsements
}

/// The sessions of `course` named under `commitments:` → `key`, in session order.
fn sessions(
    refs: &mut Refs<'_>,
    course: &Course,
    key: &'static str,
    list: &OneOrMany,
) -> Vec<SessionId> {
    let ids: Vec<&str> = course.sessions.iter().map(|s| s.id.as_str()).collect();
    let mut out = Vec::new();
    for (i, id) in list.items.iter().enumerate() {
        match ids.iter().position(|s| s == id) {
            Some(s) => out.push(SessionId::new(s)),
            None => {
                let rule = if ids.is_empty() {
                    format!(
                        "the course `{}` has no sessions yet; remove `{key}:` or add the session to the course",
                        course.slug
                    )
                } else {
                    format!(
                        "`{key}:` must be a session id of `{}`: {}",
                        course.slug,
                        ids.join(", ")
                    )
                };
                let path = item_path(&[Seg::Key("commitments"), Seg::Key(key)], list, i);
                refs.unknown(
                    &path,
                    RefKind::Session,
                    id,
                    ids.iter().map(|s| (*s, "")),
                    &rule,
                );
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Whether the top-level `key` of a YAML text is written as a literal block (`key: |`),
/// where a single blank line separates paragraphs. In folded (`>`) and plain text, YAML
/// has already turned each blank line into one line break.
fn is_literal_block(text: &str, key: &str) -> bool {
    text.lines().any(|line| {
        line.strip_prefix(key)
            .and_then(|rest| rest.strip_prefix(':'))
            .is_some_and(|rest| rest.trim_start().starts_with('|'))
    })
}

/// Splits a quote into paragraphs with their lines joined.
pub fn quote_paragraphs(text: &str, literal: bool) -> Vec<String> {
    let separator = if literal { "\n\n" } else { "\n" };
    text.split(separator)
        .map(|p| {
            let mut joined = String::with_capacity(p.len());
            for word in p.split_whitespace() {
                if !joined.is_empty() {
                    joined.push(' ');
                }
                joined.push_str(word);
            }
            joined
        })
        .filter(|p| !p.is_empty())
        .collect()
}

#[cfg(test)]
pub(super) fn literal(text: &str, key: &str) -> bool {
    is_literal_block(text, key)
}
