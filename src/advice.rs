//! Warnings about a resolved site that do not stop a build: endorsements older than
//! `stale_after`, published courses that no leader backs yet, leaders still "attending"
//! sessions that are over, leaders with no department, and quotes too long to read.
//! Depends on today's date, which is passed in, so pages never do.

use crate::diagnostics::Diagnostic;
use crate::model::Date;
use crate::resolve::Site;
use crate::yaml::{Seg, YamlSource};

/// Quotes longer than this are hard to read on a course page.
pub const MAX_QUOTE_WORDS: usize = 120;

/// Advice for the people who chase backing; never errors.
pub fn advise(site: &Site, today: Date) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let cutoff = site.config.stale_after.before(today);
    for e in &site.endorsements {
        if e.date < cutoff && !site.courses[e.course].draft {
            let leader = &site.leaders[e.leader];
            out.push(
                Diagnostic::warning(
                    &crate::codes::STALE_ENDORSEMENT,
                    format!(
                        "{}'s endorsement of `{}` is older than {}",
                        leader.name,
                        site.courses[e.course].slug,
                        describe_period(site)
                    ),
                )
                .at(YamlSource::whole_file(&e.file, &e.text).locate(&[Seg::Key("date")]))
                .label("endorsed on this date")
                .help(format!(
                    "ask {} to confirm it still stands and update `date:`, or change `stale_after` in site.yaml",
                    leader.name
                )),
            );
        }
    }
    for e in &site.endorsements {
        let course = &site.courses[e.course];
        if course.draft {
            continue;
        }
        let source = YamlSource::whole_file(&e.file, &e.text);
        for (key, sessions, verb) in [
            ("attend", &e.attend, "attend"),
            ("observe", &e.observe, "drop in on"),
        ] {
            for &s in sessions {
                let session = &course.sessions[s];
                if session.date < today {
                    out.push(
                        Diagnostic::warning(
                            &crate::codes::PAST_SESSION,
                            format!(
                                "{} is still listed to {verb} the `{}` session of `{}`, which took place on {}",
                                site.leaders[e.leader].name,
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
        {
            let words: usize = e.quote.iter().map(|p| p.split_whitespace().count()).sum();
            if words > MAX_QUOTE_WORDS {
                out.push(
                    Diagnostic::warning(
                        &crate::codes::LONG_QUOTE,
                        format!("this quote is {words} words long; learners read quotes of up to {MAX_QUOTE_WORDS} words"),
                    )
                    .at(source.locate(&[Seg::Key("quote")]))
                    .help("keep the one or two sentences that say why you back the course"),
                );
            }
        }
    }
    for leader in site.leaders.iter() {
        if leader.department.is_none() {
            out.push(
                Diagnostic::warning(
                    &crate::codes::LEADER_WITHOUT_DEPARTMENT,
                    format!("{} has no department", leader.name),
                )
                .at(crate::diagnostics::Location::file(leader.file.clone()))
                .help("add `department: …` with one of the department ids in site.yaml, so learners can find them on their department's page"),
            );
        }
    }
    for (i, c) in site.published() {
        if site.endorsements_by_course[i].is_empty() && c.sign_off.is_none() {
            out.push(
                Diagnostic::warning(
                    &crate::codes::NO_BACKING,
                    format!("no leader backs `{}` yet", c.slug),
                )
                .at(YamlSource::whole_file(&c.file, &c.text).locate(&[Seg::Key("title")]))
                .help("learners will see \"No leader has endorsed this course yet\"; ask a leader to add an endorsement in content/endorsements/"),
            );
        }
    }
    out
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
