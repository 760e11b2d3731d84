//! The page of manager polls: the problems managers raised and the courses that answer them.

use serde::Serialize;

use super::{CourseValue, DateView, Views};
use crate::resolve::{PollId, ProblemRef};
use crate::routes;

#[derive(Debug, Clone, Serialize)]
pub struct ProblemView {
    pub id: String,
    pub text: String,
    pub votes: u32,
    pub respondents: u32,
    /// Share of respondents who voted for it, 0 to 100.
    pub percent: u64,
    pub poll_question: String,
    pub url: String,
    /// Published courses that address it.
    pub courses: Vec<CourseValue>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PollView {
    pub id: String,
    pub question: String,
    /// The language of the question and problems, when untranslated.
    pub lang: super::Original,
    pub date: DateView,
    pub respondents: u32,
    pub problems: Vec<ProblemView>,
}

/// `votes` as a share of `respondents`, 0 to 100 (0 when nobody answered).
pub fn percent(votes: u32, respondents: u32) -> u64 {
    (u64::from(votes) * 100)
        .checked_div(u64::from(respondents))
        .unwrap_or(0)
        .min(100)
}

impl Views<'_> {
    pub fn problem(&self, at: ProblemRef) -> ProblemView {
        let poll = &self.site.polls[at.poll];
        let problem = self.site.problem(at);
        ProblemView {
            id: problem.id.clone(),
            text: problem.text.clone(),
            votes: problem.votes,
            respondents: poll.respondents,
            percent: percent(problem.votes, poll.respondents),
            poll_question: poll.question.clone(),
            url: routes::problem(&problem.id),
            courses: problem
                .courses
                .iter()
                .filter(|&&c| !self.site.courses[c].draft)
                .map(|&c| self.course_value(c))
                .collect(),
        }
    }

    fn poll(&self, p: PollId) -> PollView {
        let poll = &self.site.polls[p];
        PollView {
            id: poll.id.clone(),
            question: poll.question.clone(),
            lang: super::Original(poll.original.clone()),
            date: poll.date.into(),
            respondents: poll.respondents,
            problems: (0..poll.problems.len())
                .map(|problem| self.problem(ProblemRef { poll: p, problem }))
                .collect(),
        }
    }

    /// Every poll, newest first.
    pub fn polls(&self) -> Vec<PollView> {
        self.site.polls().map(|(p, _)| self.poll(p)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::percent;

    #[test]
    fn percent_of_respondents() {
        assert_eq!(percent(1, 3), 33);
        assert_eq!(percent(3, 3), 100);
        assert_eq!(percent(5, 0), 0);
        assert_eq!(percent(7, 5), 100);
    }
}
