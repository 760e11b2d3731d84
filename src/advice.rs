//! Warnings about a resolved site that do not stop a build: endorsements older than
//! `stale_after`, and published courses that no leader backs yet. Depends on today's date,
//! which is passed in, so pages never do.

use crate::diagnostics::Diagnostic;
use crate::model::Date;
use crate::resolve::Site;
use crate::yaml::{Seg, YamlSource};

/// Advice for the people who chase backing; never errors.
pub fn advise(site: &Site, today: Date) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let cutoff = site.config.stale_after.before(today);
    for e in &site.endorsements {
        if e.date < cutoff && !site.courses[e.course].draft {
            let leader = &site.leaders[e.leader];
            out.push(
                Diagnostic::warning(
                    "stale-endorsement",
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
    for (i, c) in site.published() {
        if site.endorsements_by_course[i].is_empty() && c.sign_off.is_none() {
            out.push(
                Diagnostic::warning(
                    "no-backing",
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
