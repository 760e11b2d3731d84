//! Checks that depend on today's date, and advice about a resolved site: records dated
//! after today (errors), endorsements older than `stale_after`, published courses that no
//! leader backs yet, leaders still "attending" sessions that are over, leaders with no
//! department, quotes too long to read, backing of courses that are drafts (warnings).
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
    let cutoff = site.config.stale_after.before(today);
    out.par_extend(
        site.endorsements
            .par_iter()
            .filter(|e| !e.flawed)
            .flat_map_iter(|e| endorsement_advice(site, e, cutoff, today)),
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
        for (id, c) in site.published() {
            if !backing.course(id).is_backed() {
                out.push(
                    Diagnostic::warning(
                        &codes::NO_BACKING,
                        format!("no leader backs `{}` yet", c.slug),
                    )
                    .at(YamlSource::whole_file(&c.file, &c.text).locate(&[Seg::Key("title")]))
                    .help("learners will see \"No leader has endorsed this course yet\"; ask a leader to add an endorsement in content/endorsements/"),
                );
            }
        }
    }
    out
}

/// Advice about one endorsement: its course is a draft, it is stale, it lists sessions
/// that are over, its quote is long.
fn endorsement_advice(
    site: &Site,
    e: &crate::resolve::Endorsement,
    cutoff: Date,
    today: Date,
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
    for (key, sessions, verb) in [
        ("attend", &e.attend, "attend"),
        ("observe", &e.observe, "drop in on"),
    ] {
        for &s in sessions {
            let session = site.session(e.course, s);
            if session.date < today {
                out.push(
                    Diagnostic::warning(
                        &codes::PAST_SESSION,
                        format!(
                            "{} is still listed to {verb} the `{}` session of `{}`, which took place on {}",
                            leader.name,
                            session.id,
                            course.slug,
                            session.date.long()
                        ),
                    )
                    .at(source.locate(&[Seg::Key("commitments"), Seg::Key(key)]))
                    .help("replace it with an upcoming session of the course, or remove it once the course page no longer needs it"),
                );
            }
        }
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

/// Endorsements, meetings and polls dated after today: learners would read of backing
/// given on a day that has not come.
fn future_dates(site: &Site, today: Date, out: &mut Vec<Diagnostic>) {
    let dated = site
        .endorsements
        .iter()
        .filter(|e| !e.flawed)
        .map(|e| {
            (
                &e.file,
                &e.text,
                e.date,
                "an endorsement is dated when it is given",
            )
        })
        .chain(site.meetings.iter().filter(|m| !m.flawed).map(|m| {
            (
                &m.file,
                &m.text,
                m.date,
                "a meeting is recorded once it has taken place",
            )
        }))
        .chain(
            site.polls
                .iter()
                .filter(|p| !p.flawed)
                .map(|p| (&p.file, &p.text, p.date, "a poll is dated when it closed")),
        );
    for (file, text, date, rule) in dated {
        if date > today {
            out.push(
                Diagnostic::error(
                    &codes::FUTURE_DATE,
                    format!("{} is after today ({})", date.iso(), today.iso()),
                )
                .at(YamlSource::whole_file(file, text).locate(&[Seg::Key("date")]))
                .label("a day that has not come yet")
                .help(format!(
                    "write the date it happened, today or earlier: {rule}"
                )),
            );
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
