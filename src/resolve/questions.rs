//! Learners' questions to leaders: the course (and session) each is about, and the answer
//! with the leader who gave it and the day, all three or none.

use std::sync::Arc;

use super::endorsements::{is_literal_block, quote_paragraphs, translated_paragraphs};
use super::refs::{Names, RefKind, Refs};
use super::{Answer, Course, CourseId, LeaderId, Question, SessionId};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::Record;
use crate::model::QuestionFile;
use crate::yaml::Seg;

/// Every question: answered ones first, newest answer first; then the waiting ones,
/// oldest question first.
pub fn resolve(
    records: &[Arc<Record<QuestionFile>>],
    courses: &[Course],
    course_names: &Names<CourseId>,
    leader_names: &Names<LeaderId>,
    diags: &mut Diagnostics,
) -> Vec<Question> {
    let mut questions: Vec<Question> = records
        .iter()
        .filter_map(|rec| resolve_one(rec, courses, course_names, leader_names, diags))
        .collect();
    questions.sort_by(|a, b| {
        let answered = |q: &Question| q.answer.as_ref().map(|a| a.on);
        answered(b)
            .cmp(&answered(a))
            .then_with(|| a.asked.cmp(&b.asked))
            .then_with(|| a.file.cmp(&b.file))
    });
    questions
}

fn resolve_one(
    rec: &Record<QuestionFile>,
    courses: &[Course],
    course_names: &Names<CourseId>,
    leader_names: &Names<LeaderId>,
    diags: &mut Diagnostics,
) -> Option<Question> {
    let q = &rec.data;
    let mut refs = Refs::new(rec.yaml(), &rec.invalid, diags);
    refs.require_text(
        &[Seg::Key("question")],
        &q.question,
        "the learner's question",
    );
    let course = course_names.find(&mut refs, &[Seg::Key("course")], &q.course);
    let session = match (course, &q.session) {
        (Some(course), Some(id)) => session(&mut refs, &courses[course], id),
        _ => None,
    };
    let literal = is_literal_block(&rec.text, "answer");
    let answer = answer(&mut refs, q, leader_names, literal);
    Some(Question {
        id: rec.id.clone(),
        file: rec.file.clone(),
        text: Arc::clone(&rec.text),
        flawed: refs.flawed(),
        course: course?,
        session,
        asked: q.asked,
        question: q.question.trim().to_string(),
        asked_by: q
            .asked_by
            .as_deref()
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(String::from),
        answer,
        translations: Arc::new({
            let answers = translated_paragraphs(
                &rec.text,
                "answer",
                q.translations.iter().map(|(l, t)| (l, t.answer.as_ref())),
            );
            q.translations
                .iter()
                .map(|(lang, t)| {
                    let text = crate::resolve::QuestionText {
                        question: t.question.as_deref().map(str::trim).map(String::from),
                        answer: answers.get(lang).cloned(),
                    };
                    (lang.clone(), text)
                })
                .collect()
        }),
        original: None,
    })
}

/// The session of `course` called `id`, or `None` after reporting it.
fn session(refs: &mut Refs<'_>, course: &Course, id: &str) -> Option<SessionId> {
    let found = course.sessions.iter().position(|s| s.id == id);
    if found.is_none() {
        let ids: Vec<&str> = course.sessions.iter().map(|s| s.id.as_str()).collect();
        let rule = if ids.is_empty() {
            format!(
                "the course `{}` has no sessions; remove `session:`",
                course.slug
            )
        } else {
            format!(
                "`session:` must be a session id of `{}`: {}",
                course.slug,
                ids.join(", ")
            )
        };
        refs.unknown(
            &[Seg::Key("session")],
            RefKind::Session,
            id,
            ids.iter().map(|s| (*s, "")),
            &rule,
        );
    }
    found.map(SessionId::new)
}

/// The answer, when the question has one: text, leader and day together.
fn answer(
    refs: &mut Refs<'_>,
    q: &QuestionFile,
    leader_names: &Names<LeaderId>,
    literal: bool,
) -> Option<Answer> {
    let text = q.answer.as_deref().map(str::trim).filter(|t| !t.is_empty());
    let by = q
        .answered_by
        .as_ref()
        .map(|id| leader_names.find(&mut *refs, &[Seg::Key("answered_by")], id));
    if text.is_none() && by.is_none() && q.answered.is_none() {
        return None;
    }
    let missing: Vec<&str> = [
        (text.is_none(), "`answer:`"),
        (by.is_none(), "`answered_by:`"),
        (q.answered.is_none(), "`answered:`"),
    ]
    .into_iter()
    .filter(|(missing, _)| *missing)
    .map(|(_, name)| name)
    .collect();
    if !missing.is_empty() {
        let at = if text.is_some() {
            "answer"
        } else if q.answered_by.is_some() {
            "answered_by"
        } else {
            "answered"
        };
        refs.error(
            &[Seg::Key(at)],
            Diagnostic::error(
                &crate::codes::INCOMPLETE_ANSWER,
                format!("this answer has no {}", missing.join(" or ")),
            )
            .help("an answered question has `answer:`, `answered_by:` (the leader's id) and `answered:` (the date); write all three, or none while it waits"),
        );
        return None;
    }
    let on = q.answered?;
    if on < q.asked {
        refs.error(
            &[Seg::Key("answered")],
            Diagnostic::error(
                &crate::codes::ANSWER_BEFORE_QUESTION,
                format!(
                    "the answer is dated {} but the question was asked on {}",
                    on.iso(),
                    q.asked.iso()
                ),
            )
            .label("before the question")
            .help("check `asked:` and `answered:`: a question is answered on or after the day it was asked"),
        );
        return None;
    }
    Some(Answer {
        text: quote_paragraphs(text?, literal).into(),
        by: by??,
        on,
    })
}
