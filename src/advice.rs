//! Checks that depend on today's date, and advice about a resolved site: records dated
//! after today (errors), endorsements older than `stale_after`, published courses that no
//! leader backs yet or that nobody supports after the course, questions waiting more than
//! 14 days for an answer, leaders with no department, quotes too long to read, backing of
//! courses that are drafts (warnings).
//! Today's date is passed in, so pages never depend on it. Records with refused values
//! are left alone: their problems are reported already.

use rayon::prelude::*;

use crate::backing::Backing;
use crate::codes;
use crate::diagnostics::Diagnostic;
use crate::model::Date;
use crate::resolve::Site;
use crate::yaml::{Seg, YamlSource};

/// Quotes longer than this are hard to read on a course page.
pub const MAX_QUOTE_WORDS: usize = 120;

/// Date checks and advice for the people who chase backing. `site_has_errors` holds back
/// the advice that needs every record (a course looks unbacked while the file of its only
/// endorsement cannot be read).
pub fn advise(
    site: &Site,
    backing: &Backing,
    today: Date,
    site_has_errors: bool,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    future_dates(site, today, &mut out);
    unanswered(site, today, &mut out);
    held_back_by_drafts(site, &mut out);
    let cutoff = site.config.stale_after.before(today);
    out.par_extend(
        site.endorsements
            .par_iter()
            .filter(|e| !e.flawed)
            .flat_map_iter(|e| endorsement_advice(site, e, cutoff)),
    );
    for leader in site.leaders.iter().filter(|l| !l.flawed) {
        if leader.department.is_none() {
            out.push(
                Diagnostic::warning(
                    &codes::LEADER_WITHOUT_DEPARTMENT,
                    format!("{} has no department", leader.name),
                )
                .at(crate::diagnostics::Location::file(leader.file.clone()))
                .help("add `department: …` with one of the department ids in site.yaml, so learners can find them on their department's page"),
            );
        }
    }
    if !site_has_errors {
        // Each warning points at the course's title, found by reading its front matter
        // again: in parallel, in course order.
        let published: Vec<_> = site.published().collect();
        out.par_extend(published.par_iter().filter_map(|&(id, c)| {
            let b = backing.course(id);
            let at = || YamlSource::whole_file(&c.file, &c.text).locate(&[Seg::Key("title")]);
            if !b.is_backed() {
                Some(
                    Diagnostic::warning(
                        &codes::NO_BACKING,
                        format!("no leader backs `{}` yet", c.slug),
                    )
                    .at(at())
                    .help("learners will see \"No leader has endorsed this course yet\"; ask a leader to add an endorsement in content/endorsements/"),
                )
            } else if !b.phases().after {
                Some(
                    Diagnostic::warning(
                        &codes::NO_AFTER_SUPPORT,
                        format!("nobody supports learners after `{}`", c.slug),
                    )
                    .at(at())
                    .help("no leader follows up with learners or signs off their completion; a leader can add `follow_up: 4 weeks` or `sign_off: true` under `commitments:` in their endorsement"),
                )
            } else {
                None
            }
        }));
    }
    out
}

/// Advice about one endorsement: its course is a draft, it is stale, its quote is long.
fn endorsement_advice(
    site: &Site,
    e: &crate::resolve::Endorsement,
    cutoff: Date,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let course = &site.courses[e.course];
    let leader = &site.leaders[e.leader];
    let source = YamlSource::whole_file(&e.file, &e.text);
    if course.draft {
        out.push(
            Diagnostic::warning(
                &codes::DRAFT_COURSE,
                format!(
                    "`{}` is a draft, so this endorsement is not published yet",
                    course.slug
                ),
            )
            .at(source.locate(&[Seg::Key("course")]))
            .label("a course with `draft: true`")
            .help(format!(
                "nothing to fix: it is published with the course, when `draft: true` is removed from {}",
                course.file
            )),
        );
        return out;
    }
    if e.date < cutoff {
        out.push(
            Diagnostic::warning(
                &codes::STALE_ENDORSEMENT,
                format!(
                    "{}'s endorsement of `{}` is older than {}",
                    leader.name,
                    course.slug,
                    describe_period(site)
                ),
            )
            .at(source.locate(&[Seg::Key("date")]))
            .label("endorsed on this date")
            .help(format!(
                "ask {} to confirm it still stands and update `date:`, or change `stale_after` in site.yaml",
                leader.name
            )),
        );
    }
    let words: usize = e.quote.iter().map(|p| p.split_whitespace().count()).sum();
    if words > MAX_QUOTE_WORDS {
        out.push(
            Diagnostic::warning(
                &codes::LONG_QUOTE,
                format!("this quote is {words} words long; learners read quotes of up to {MAX_QUOTE_WORDS} words"),
            )
            .at(source.locate(&[Seg::Key("quote")]))
            .help("keep the one or two sentences that say why you back the course"),
        );
    }
    out
}

/// Endorsements, meetings, polls and questions dated after today, and courses a leader
/// says they finished after today: learners would read of something on a day that has
/// not come.
fn future_dates(site: &Site, today: Date, out: &mut Vec<Diagnostic>) {
    const ENDORSED: &str = "an endorsement is dated when it is given";
    const DATED: &[Seg<'static>] = &[Seg::Key("date")];
    let mut dated: Vec<(&str, &str, Date, &[Seg<'static>], &str)> = Vec::new();
    for e in site.endorsements.iter().filter(|e| !e.flawed) {
        dated.push((&e.file, &e.text, e.date, DATED, ENDORSED));
        if let Some(done) = e.completed {
            dated.push((
                &e.file,
                &e.text,
                done,
                &[Seg::Key("commitments"), Seg::Key("completed")],
                "`completed:` is the day you finished the course yourself",
            ));
        }
    }
    for m in site.meetings.iter().filter(|m| !m.flawed) {
        dated.push((
            &m.file,
            &m.text,
            m.date,
            DATED,
            "a meeting is recorded once it has taken place",
        ));
    }
    for p in site.polls.iter().filter(|p| !p.flawed) {
        dated.push((
            &p.file,
            &p.text,
            p.date,
            DATED,
            "a poll is dated when it closed",
        ));
    }
    for q in site.questions.iter().filter(|q| !q.flawed) {
        dated.push((
            &q.file,
            &q.text,
            q.asked,
            &[Seg::Key("asked")],
            "`asked:` is the day the question was asked",
        ));
        if let Some(a) = &q.answer {
            dated.push((
                &q.file,
                &q.text,
                a.on,
                &[Seg::Key("answered")],
                "`answered:` is the day the answer was given",
            ));
        }
    }
    for (file, text, date, path, rule) in dated {
        if date > today {
            out.push(
                Diagnostic::error(
                    &codes::FUTURE_DATE,
                    format!("{} is after today ({})", date.iso(), today.iso()),
                )
                .at(YamlSource::whole_file(file, text).locate(path))
                .label("a day that has not come yet")
                .help(format!(
                    "write the date it happened, today or earlier: {rule}"
                )),
            );
        }
    }
}

/// How long a question may wait for an answer before the learning team is told.
pub const ANSWER_WITHIN_DAYS: i64 = 14;

/// Questions that have waited more than [`ANSWER_WITHIN_DAYS`] for an answer.
fn unanswered(site: &Site, today: Date, out: &mut Vec<Diagnostic>) {
    for q in site
        .questions
        .iter()
        .filter(|q| !q.flawed && q.answer.is_none())
    {
        let waited = q.asked.days_until(today);
        if waited > ANSWER_WITHIN_DAYS && !site.courses[q.course].draft {
            out.push(
                Diagnostic::warning(
                    &codes::UNANSWERED_QUESTION,
                    format!(
                        "a question about `{}` has waited {waited} days for an answer",
                        site.courses[q.course].slug
                    ),
                )
                .at(YamlSource::whole_file(&q.file, &q.text).locate(&[Seg::Key("asked")]))
                .label("asked on this day")
                .help("ask a leader to answer it: add `answer:`, `answered_by:` and `answered:`; until then it is not published"),
            );
        }
    }
}

/// Answers about draft courses, and published courses that say to take a draft first:
/// both wait for the draft to be published.
fn held_back_by_drafts(site: &Site, out: &mut Vec<Diagnostic>) {
    let draft = |course: &crate::resolve::Course, held_back: &str| {
        Diagnostic::warning(
            &codes::DRAFT_COURSE,
            format!("`{}` is a draft, so {held_back}", course.slug),
        )
        .label("a course with `draft: true`")
        .help(format!(
            "nothing to fix: it is published with `{}`, when `draft: true` is removed from {}",
            course.slug, course.file
        ))
    };
    for q in site
        .questions
        .iter()
        .filter(|q| !q.flawed && q.answer.is_some())
    {
        let course = &site.courses[q.course];
        if course.draft {
            let at = YamlSource::whole_file(&q.file, &q.text).locate(&[Seg::Key("course")]);
            out.push(draft(course, "this answer is not published yet").at(at));
        }
    }
    for (_, c) in site.published().filter(|(_, c)| !c.flawed) {
        for required in c.requires.iter().map(|&r| &site.courses[r]) {
            if required.draft {
                let at = YamlSource::whole_file(&c.file, &c.text).locate(&[Seg::Key("requires")]);
                out.push(draft(required, "this page does not say to take it first yet").at(at));
            }
        }
    }
}

fn describe_period(site: &Site) -> String {
    let p = site.config.stale_after;
    let unit = match p.unit {
        crate::model::PeriodUnit::Days => "day",
        crate::model::PeriodUnit::Weeks => "week",
        crate::model::PeriodUnit::Months => "month",
    };
    format!(
        "{} {unit}{}",
        p.amount,
        if p.amount == 1 { "" } else { "s" }
    )
}
