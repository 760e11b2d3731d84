//! Endorsements: the course and leader each names, the sessions a leader attends or drops
//! in on, one endorsement per leader and course, and the quote's paragraphs.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, LazyLock};

use rayon::prelude::*;

use super::refs::{Names, RefKind, Refs, item_path};
use super::{Course, CourseId, Endorsement, Leader, LeaderId, SessionId};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::Record;
use crate::model::{EndorsementFile, OneOrMany};
use crate::yaml::Seg;

/// What one endorsement file resolves to on its own, before duplicates across files are
/// looked for.
struct Single {
    diags: Diagnostics,
    /// `None` when the course or the leader is unknown (and reported).
    endorsement: Option<Endorsement>,
}

/// Every endorsement, newest first (then by leader name and file). The records are let go
/// as they are resolved, so a large site does not hold each endorsement twice.
pub fn resolve(
    mut records: Vec<Arc<Record<EndorsementFile>>>,
    courses: &[Course],
    leaders: &[Leader],
    course_names: &Names<CourseId>,
    leader_names: &Names<LeaderId>,
    diags: &mut Diagnostics,
) -> Vec<Endorsement> {
    records.sort_by(|a, b| a.file.cmp(&b.file));
    // The (course, leader) pairs endorsed so far, with the endorsement's place.
    let mut seen: HashMap<(CourseId, LeaderId), usize> = HashMap::new();
    let mut endorsements: Vec<Endorsement> = Vec::with_capacity(records.len());
    // In slices, each let go once resolved.
    crate::slices::in_slices(records, |slice| {
        // Each file on its own, in parallel; then, in file order, one per leader and course.
        let singles: Vec<Single> = slice
            .par_iter()
            .map(|rec| single(rec, courses, course_names, leader_names))
            .collect();
        for (rec, single) in slice.iter().zip(singles) {
            diags.extend(single.diags);
            let Some(e) = single.endorsement else {
                continue;
            };
            if let Some(&first) = seen.get(&(e.course, e.leader)) {
                let first = &endorsements[first].file;
                let mut refs = Refs::new(rec.yaml(), &rec.invalid, diags);
                refs.error(
                    &[Seg::Key("by")],
                    Diagnostic::error(
                        &crate::codes::DUPLICATE_ENDORSEMENT,
                        format!(
                            "{} has already endorsed `{}` in {first}",
                            leaders[e.leader].name, courses[e.course].slug
                        ),
                    )
                    .label("a second endorsement by the same leader")
                    .help(format!(
                        "keep one file: copy anything new from this file into {first}, then delete this one"
                    )),
                );
                continue;
            }
            seen.insert((e.course, e.leader), endorsements.len());
            endorsements.push(e);
        }
    });
    // Newest first, then by leader name (by each leader's place in name order); ties keep
    // their file order. The endorsements' places are sorted and each endorsement then
    // moved once, in place: sorting them would move them many times, through a second list.
    let rank = name_ranks(leaders);
    let mut order: Vec<usize> = (0..endorsements.len()).collect();
    order.sort_by_key(|&i| {
        let e = &endorsements[i];
        (std::cmp::Reverse(e.date), rank[e.leader.index()])
    });
    arrange(&mut endorsements, &order);
    endorsements.shrink_to_fit();
    endorsements
}

/// Puts `items` in `order` (`order[k]` is the place of the item to put at `k`), in place,
/// following each cycle of the order.
fn arrange<T>(items: &mut [T], order: &[usize]) {
    let mut done = vec![false; items.len()];
    for start in 0..items.len() {
        let mut k = start;
        while !done[k] && order[k] != start {
            items.swap(k, order[k]);
            done[k] = true;
            k = order[k];
        }
        done[k] = true;
    }
}

/// Each leader's place when leaders are sorted by name; leaders of the same name share
/// one.
fn name_ranks(leaders: &[Leader]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..leaders.len()).collect();
    order.sort_by(|&a, &b| leaders[a].name.cmp(&leaders[b].name));
    let mut rank = vec![0; leaders.len()];
    for (place, &leader) in order.iter().enumerate() {
        let same = place > 0 && leaders[order[place - 1]].name == leaders[leader].name;
        rank[leader] = if same { rank[order[place - 1]] } else { place };
    }
    rank
}

/// `items`, or for none the one empty list every endorsement without any shares (most have
/// no subjects and no translations: tens of thousands of empty values otherwise).
fn shared_list(items: Vec<String>) -> Arc<[String]> {
    static NONE: LazyLock<Arc<[String]>> = LazyLock::new(|| Arc::from(Vec::new()));
    if items.is_empty() {
        Arc::clone(&NONE)
    } else {
        items.into()
    }
}

/// Like [`shared_list`], for the quote's translations.
fn shared_map(map: BTreeMap<String, Arc<[String]>>) -> Arc<BTreeMap<String, Arc<[String]>>> {
    static NONE: LazyLock<Arc<BTreeMap<String, Arc<[String]>>>> = LazyLock::new(Default::default);
    if map.is_empty() {
        Arc::clone(&NONE)
    } else {
        Arc::new(map)
    }
}

/// Resolves one endorsement file's references, reporting what is unknown.
fn single(
    rec: &Record<EndorsementFile>,
    courses: &[Course],
    course_names: &Names<CourseId>,
    leader_names: &Names<LeaderId>,
) -> Single {
    let mut diags = Diagnostics::default();
    let endorsement = resolve_one(rec, courses, course_names, leader_names, &mut diags);
    Single { diags, endorsement }
}

fn resolve_one(
    rec: &Record<EndorsementFile>,
    courses: &[Course],
    course_names: &Names<CourseId>,
    leader_names: &Names<LeaderId>,
    diags: &mut Diagnostics,
) -> Option<Endorsement> {
    let mut refs = Refs::new(rec.yaml(), &rec.invalid, diags);
    let e = &rec.data;
    let course = course_names.find(&mut refs, &[Seg::Key("course")], &e.course);
    let leader = leader_names.find(&mut refs, &[Seg::Key("by")], &e.by);
    // Sessions are checked whenever the course is known, so a misspelt leader does not
    // hide a misspelt session in the same file.
    course.and_then(|course| {
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
        let leader = leader?;
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
            .collect::<Vec<_>>();
        Some(Endorsement {
            flawed: refs.flawed(),
            course,
            leader,
            date: e.date,
            quote: quote.into(),
            attend,
            observe,
            sme: shared_list(sme),
            sign_off: e.commitments.sign_off,
            sponsor: e.commitments.sponsor,
            brief_team: e.commitments.brief_team,
            completed: e.commitments.completed,
            follow_up: e.commitments.follow_up,
            file: rec.file.clone(),
            text: Arc::clone(&rec.text),
            translations: shared_map(translated_paragraphs(
                &rec.text,
                "quote",
                e.translations.iter().map(|(l, t)| (l, t.quote.as_ref())),
            )),
            quote_original: None,
            quote_lang: None,
        })
    })
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
pub(super) fn is_literal_block(text: &str, key: &str) -> bool {
    text.lines().any(|line| {
        line.strip_prefix(key)
            .and_then(|rest| rest.strip_prefix(':'))
            .is_some_and(|rest| rest.trim_start().starts_with('|'))
    })
}

/// Whether `key` under `translations:` → `lang` is written as a literal block
/// (`key: |`), like [`is_literal_block`] for a top-level key.
pub(super) fn is_literal_translation(text: &str, lang: &str, key: &str) -> bool {
    let mut lines = text
        .lines()
        .skip_while(|line| line.trim_end() != "translations:");
    lines
        .find(|line| line.trim() == format!("{lang}:"))
        .and_then(|_| lines.find(|line| line.trim_start().starts_with(&format!("{key}:"))))
        .is_some_and(|line| {
            line.trim_start()[key.len() + 1..]
                .trim_start()
                .starts_with('|')
        })
}

/// The paragraphs of each translation of a quote or answer (`key`), split as the
/// original's are.
pub(super) fn translated_paragraphs<'a>(
    text: &str,
    key: &str,
    translations: impl Iterator<Item = (&'a String, Option<&'a String>)>,
) -> std::collections::BTreeMap<String, Arc<[String]>> {
    translations
        .filter_map(|(lang, value)| {
            let literal = is_literal_translation(text, lang, key);
            value.map(|v| (lang.clone(), quote_paragraphs(v, literal).into()))
        })
        .collect()
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

#[cfg(test)]
mod tests {
    use super::arrange;

    #[test]
    fn arrange_puts_each_item_in_its_place() {
        // One cycle of three, one of two, one item in place, and none at all.
        let order = [2, 0, 1, 4, 3, 5];
        let mut items: Vec<char> = "abcdef".chars().collect();
        arrange(&mut items, &order);
        let want: Vec<char> = order.iter().map(|&i| (b'a' + i as u8) as char).collect();
        assert_eq!(items, want);
        let mut none: Vec<u8> = Vec::new();
        arrange(&mut none, &[]);
        assert!(none.is_empty());
    }
}
