//! Checks the languages that records are translated into (`translations: {fr: …}`): each
//! must be one of the site's other languages, and what a translation names (a department,
//! a poll problem, an outcome) must exist in the record.

use std::collections::BTreeMap;

use super::refs::Refs;
use crate::diagnostics::{Diagnostic, Diagnostics, closest};
use crate::load::{Record, SourceSite};
use crate::yaml::Seg;

/// Reports translations into languages the site does not publish.
fn check_keys<T, V>(
    rec: &Record<T>,
    translations: &BTreeMap<String, V>,
    languages: &[String],
    diags: &mut Diagnostics,
    mut inner: impl FnMut(&mut Refs<'_>, &str, &V),
) {
    let mut refs = Refs::new(rec.yaml(), &rec.invalid, diags);
    let others = &languages[1.min(languages.len())..];
    for (lang, value) in translations {
        let at = [Seg::Key("translations"), Seg::Key(lang)];
        if others.iter().any(|l| l == lang) {
            inner(&mut refs, lang, value);
            continue;
        }
        let help = if languages.first() == Some(lang) {
            format!(
                "`{lang}` is the site's main language: the record's own text is already in it, so remove this translation"
            )
        } else {
            let listed = others
                .iter()
                .map(|l| format!("`{l}`"))
                .collect::<Vec<_>>()
                .join(", ");
            match closest(lang, others.iter().map(String::as_str)) {
                Some(near) => {
                    format!("did you mean `{near}`? The site's other languages are {listed}")
                }
                None if others.is_empty() => format!(
                    "the site is published in one language only: add `languages: [{}, {lang}]` to site.yaml to publish `{lang}` too",
                    languages.first().map_or("en", String::as_str)
                ),
                None => format!(
                    "the site's other languages are {listed}; add `{lang}` to `languages:` in site.yaml to publish it"
                ),
            }
        };
        refs.error(
            &at,
            Diagnostic::error(
                &crate::codes::UNKNOWN_LANGUAGE,
                format!("`{lang}` is not one of the site's languages"),
            )
            .help(help),
        );
    }
}

/// Checks the translations of every record of `source`.
pub fn check(source: &SourceSite, languages: &[String], diags: &mut Diagnostics) {
    let config = &source.config;
    let departments: Vec<&str> = config
        .data
        .departments
        .iter()
        .map(|d| d.id.as_str())
        .collect();
    check_keys(
        config,
        &config.data.translations,
        languages,
        diags,
        |refs, lang, t| {
            for id in t.departments.keys() {
                if departments.contains(&id.as_str()) {
                    continue;
                }
                let at = [
                    Seg::Key("translations"),
                    Seg::Key(lang),
                    Seg::Key("departments"),
                    Seg::Key(id),
                ];
                let help = match closest(id, departments.iter().copied()) {
                    Some(near) => format!(
                        "did you mean `{near}`? Translate departments by the ids under `departments:`"
                    ),
                    None => format!(
                        "translate departments by the ids under `departments:`: {}",
                        departments.join(", ")
                    ),
                };
                refs.error(
                    &at,
                    Diagnostic::error(
                        &crate::codes::UNKNOWN_DEPARTMENT,
                        format!("there is no department called `{id}` to translate"),
                    )
                    .help(help),
                );
            }
        },
    );
    for rec in &source.leaders {
        check_keys(rec, &rec.data.translations, languages, diags, |_, _, _| {});
    }
    for rec in &source.endorsements {
        check_keys(rec, &rec.data.translations, languages, diags, |_, _, _| {});
    }
    for rec in &source.questions {
        check_keys(rec, &rec.data.translations, languages, diags, |_, _, _| {});
    }
    for rec in &source.meetings {
        let count = rec.data.outcomes.len();
        check_keys(
            rec,
            &rec.data.translations,
            languages,
            diags,
            |refs, lang, t| {
                if t.outcomes.len() > count {
                    refs.error(
                    &[Seg::Key("translations"), Seg::Key(lang), Seg::Key("outcomes")],
                    Diagnostic::error(
                        &crate::codes::EXTRA_TRANSLATION,
                        format!(
                            "this translation has {} outcomes, but the meeting has {count}",
                            t.outcomes.len()
                        ),
                    )
                    .help("translate each outcome's decision or commitment in the order of `outcomes:`, one line each"),
                );
                }
            },
        );
    }
    for rec in &source.polls {
        let ids: Vec<&str> = rec.data.problems.iter().map(|p| p.id.as_str()).collect();
        check_keys(
            rec,
            &rec.data.translations,
            languages,
            diags,
            |refs, lang, t| {
                for id in t.problems.keys() {
                    if ids.contains(&id.as_str()) {
                        continue;
                    }
                    let help = match closest(id, ids.iter().copied()) {
                        Some(near) => format!(
                            "did you mean `{near}`? Translate problems by their ids in this poll"
                        ),
                        None => format!(
                            "translate problems by their ids in this poll: {}",
                            ids.join(", ")
                        ),
                    };
                    refs.error(
                        &[
                            Seg::Key("translations"),
                            Seg::Key(lang),
                            Seg::Key("problems"),
                            Seg::Key(id),
                        ],
                        Diagnostic::error(
                            &crate::codes::UNKNOWN_PROBLEM,
                            format!("this poll has no problem called `{id}` to translate"),
                        )
                        .help(help),
                    );
                }
            },
        );
    }
}
