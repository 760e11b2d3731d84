//! Learners' questions to leaders, as course and leader pages show the answered ones.

use std::sync::Arc;

use serde::Serialize;

use super::{CourseValue, DateView, LeaderValue, SessionRef, Views};
use crate::resolve::QuestionId;
use crate::routes;

/// An answered question.
#[derive(Debug, Clone, Serialize)]
pub struct QuestionView {
    pub id: String,
    /// Its place on its course's page, from the site root.
    pub url: String,
    pub course: CourseValue,
    pub question: String,
    /// The language of the question and answer, when untranslated.
    pub lang: super::Original,
    /// Who asked, in general words, when they said.
    pub asked_by: Option<String>,
    pub asked: DateView,
    /// The session it was asked at.
    pub session: Option<SessionRef>,
    /// The answer's paragraphs.
    pub answer: Arc<[String]>,
    pub answered_by: LeaderValue,
    pub answered: DateView,
}

impl Views<'_> {
    /// An answered question about a published course; `None` for any other.
    pub fn question(&self, id: QuestionId) -> Option<QuestionView> {
        let site = self.site;
        let q = &site.questions[id];
        let answer = q.answer.as_ref()?;
        let course = &site.courses[q.course];
        if course.draft {
            return None;
        }
        Some(QuestionView {
            id: q.id.clone(),
            url: routes::question(&course.slug, &q.id),
            course: self.course_value(q.course),
            question: q.question.clone(),
            lang: super::Original(q.original.clone()),
            asked_by: q.asked_by.clone(),
            asked: q.asked.into(),
            session: q
                .session
                .map(|s| SessionRef::of(site.session(q.course, s), self.today)),
            answer: Arc::clone(&answer.text),
            answered_by: self.leader_value(answer.by),
            answered: answer.on.into(),
        })
    }
}
