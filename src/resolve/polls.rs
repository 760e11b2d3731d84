//! Manager polls: the problems managers raised, their votes, and the courses that answer
//! them (named by the poll or by the course).

use std::collections::HashMap;
use std::sync::Arc;

use super::refs::{Names, RefKind, Refs, id_help};
use super::{CourseId, Poll, PollId, Problem, ProblemRef};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::Record;
use crate::model::{PollFile, is_valid_id};
use crate::yaml::Seg;

/// The polls in site order (newest first) and the problem ids they define.
pub struct Indexed<'a> {
    order: Vec<&'a Record<PollFile>>,
    /// Problem ids, to look `addresses:` up in.
    pub names: Names<ProblemRef>,
    /// Polls with a problem reported while indexing.
    reported: Vec<bool>,
}

/// Checks each poll's problems (ids, votes) and indexes their ids. `lenient` when some
/// poll could not be read: then any problem id may be in it.
pub fn index<'a>(
    records: &'a [Arc<Record<PollFile>>],
    lenient: bool,
    diags: &mut Diagnostics,
) -> Indexed<'a> {
    let mut order: Vec<&Record<PollFile>> = records.iter().map(|r| &**r).collect();
    order.sort_by(|a, b| {
        b.data
            .date
            .cmp(&a.data.date)
            .then_with(|| (&a.id, &a.file).cmp(&(&b.id, &b.file)))
    });
    let mut index: HashMap<String, ProblemRef> = HashMap::new();
    let mut reported = Vec::new();
    for (p, rec) in order.iter().enumerate() {
        let mut refs = Refs::new(rec.yaml(), &rec.invalid, diags);
        refs.require_text(
            &[Seg::Key("question")],
            &rec.data.question,
            "the question managers were asked",
        );
        for (i, problem) in rec.data.problems.iter().enumerate() {
            refs.require_text(
                &[Seg::Key("problems"), Seg::Index(i), Seg::Key("text")],
                &problem.text,
                "the problem in managers' words",
            );
            let path = [Seg::Key("problems"), Seg::Index(i), Seg::Key("id")];
            if !is_valid_id(&problem.id) {
                refs.error(
                    &path,
                    Diagnostic::error(
                        &crate::codes::BAD_ID,
                        format!("`{}` cannot be used as a problem id", problem.id),
                    )
                    .help(id_help(&problem.id, "late-handovers")),
                );
            } else if let Some(first) = index.get(&problem.id) {
                let other = &order[first.poll.index()].file;
                refs.error(
                    &path,
                    Diagnostic::error(
                        &crate::codes::DUPLICATE_ID,
                        format!("the problem id `{}` is used twice", problem.id),
                    )
                    .label("already used")
                    .help(format!(
                        "problem ids must be unique across all polls; this one is also in {other}"
                    )),
                );
            } else {
                index.insert(
                    problem.id.clone(),
                    ProblemRef {
                        poll: PollId::new(p),
                        problem: i,
                    },
                );
            }
            let votes = [Seg::Key("problems"), Seg::Index(i), Seg::Key("votes")];
            if problem.votes > rec.data.respondents && refs.valid(&[Seg::Key("respondents")]) {
                refs.error(
                    &votes,
                    Diagnostic::error(
                        &crate::codes::TOO_MANY_VOTES,
                        format!(
                            "{} votes is more than the poll's {} respondents",
                            problem.votes, rec.data.respondents
                        ),
                    )
                    .help("each respondent can vote for a problem once; check `votes:` and `respondents:`"),
                );
            }
        }
        reported.push(refs.reported);
    }
    let mut ids: Vec<(String, ProblemRef)> = index.into_iter().collect();
    ids.sort();
    let names = Names::new(
        RefKind::Problem,
        "`addresses:` lists problem ids from the files in content/polls/",
        ids.into_iter().map(|(id, at)| (id, String::new(), at)),
    )
    .lenient(lenient);
    Indexed {
        order,
        names,
        reported,
    }
}

/// The polls, newest first, each problem linked to the courses that answer it: those the
/// poll names and those that name it in `addresses:` (`addressed`).
pub fn resolve(
    indexed: &Indexed<'_>,
    courses: &Names<CourseId>,
    addressed: &[(CourseId, ProblemRef)],
    diags: &mut Diagnostics,
) -> Vec<Poll> {
    let mut polls = Vec::new();
    for (p, rec) in indexed.order.iter().enumerate() {
        let mut refs = Refs::new(rec.yaml(), &rec.invalid, diags);
        let mut problems = Vec::new();
        for (i, def) in rec.data.problems.iter().enumerate() {
            let mut linked: Vec<CourseId> = def
                .courses
                .iter()
                .enumerate()
                .filter_map(|(j, slug)| {
                    let path = [
                        Seg::Key("problems"),
                        Seg::Index(i),
                        Seg::Key("courses"),
                        Seg::Index(j),
                    ];
                    courses.find(&mut refs, &path, slug)
                })
                .collect();
            let here = ProblemRef {
                poll: PollId::new(p),
                problem: i,
            };
            linked.extend(
                addressed
                    .iter()
                    .filter(|(_, at)| *at == here)
                    .map(|(c, _)| *c),
            );
            linked.sort_unstable();
            linked.dedup();
            problems.push(Problem {
                id: def.id.clone(),
                text: def.text.clone(),
                votes: def.votes,
                courses: linked,
            });
        }
        problems.sort_by(|a, b| b.votes.cmp(&a.votes).then_with(|| a.id.cmp(&b.id)));
        polls.push(Poll {
            id: rec.id.clone(),
            file: rec.file.clone(),
            text: Arc::clone(&rec.text),
            flawed: indexed.reported[p] || refs.flawed(),
            question: rec.data.question.clone(),
            date: rec.data.date,
            respondents: rec.data.respondents,
            problems,
            translations: Arc::new(rec.data.translations.clone()),
            original: None,
        });
    }
    polls
}
