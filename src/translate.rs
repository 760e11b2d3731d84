//! The site as it reads in another of its languages: every text that has a translation
//! in that language replaced by it, and every text that has none marked with the
//! language it is written in, so pages can say so. Ids, dates and references are the same
//! in every language, so the backing worked out once serves them all.

use std::sync::Arc;

use crate::resolve::Site;

/// `site` in `lang`, one of its languages other than the first.
pub fn site_in(site: &Site, lang: &str) -> Site {
    let original = site.config.language.clone();
    let mut s = site.clone();
    if let Some(t) = site.config.translations.get(lang) {
        if let Some(title) = &t.title {
            s.config.title = title.clone();
        }
        if let Some(organisation) = &t.organisation {
            s.config.organisation = organisation.clone();
        }
        for d in &mut s.departments {
            if let Some(name) = t.departments.get(&d.id) {
                d.name = name.clone();
            }
        }
    }
    for c in &mut s.courses {
        let Some(t) = c.translations.get(lang).cloned() else {
            c.original = Some(original.clone());
            continue;
        };
        // What the translation leaves out is shown as written, and marked.
        let left_out = [
            ("title", t.title.is_none()),
            ("summary", t.summary.is_none()),
            ("audience", t.audience.is_none() && c.audience.is_some()),
            ("duration", t.duration.is_none() && c.duration.is_some()),
            (
                "objectives",
                t.objectives.is_none() && !c.objectives.is_empty(),
            ),
            ("brief", t.brief.is_none() && c.brief.is_some()),
        ];
        c.untranslated = left_out
            .iter()
            .filter(|(_, out)| *out)
            .map(|(field, _)| *field)
            .collect();
        if !c.untranslated.is_empty() {
            c.fields_original = Some(original.clone());
        }
        let take = |to: &mut String, from: &Option<String>| {
            if let Some(v) = from {
                *to = v.clone();
            }
        };
        take(&mut c.title, &t.title);
        take(&mut c.summary, &t.summary);
        if t.audience.is_some() {
            c.audience = t.audience.clone();
        }
        if t.duration.is_some() {
            c.duration = t.duration.clone();
        }
        if let Some(objectives) = &t.objectives {
            c.objectives = objectives.clone();
        }
        if let (Some(brief), Some(translated)) = (&mut c.brief, &t.brief) {
            if translated.why.is_some() {
                brief.why = translated.why.clone();
            }
            if !translated.before.is_empty() {
                brief.before = translated.before.clone();
            }
            if !translated.after.is_empty() {
                brief.after = translated.after.clone();
            }
        }
        // A translation with a body of its own replaces the course's page text; its
        // Markdown is read from the translation's file.
        if !t.body.blank {
            c.file = t.file.clone();
            c.text = Arc::clone(&t.text);
            c.body = t.body.clone();
        } else if !c.body.blank {
            c.body_original = Some(original.clone());
        }
    }
    for l in &mut s.leaders {
        match l.translations.get(lang).and_then(|t| t.title.clone()) {
            Some(title) => l.title = title,
            None => l.original = Some(original.clone()),
        }
    }
    for e in &mut s.endorsements {
        if e.quote.is_empty() {
            continue;
        }
        match e.translations.get(lang) {
            Some(quote) => {
                e.quote_original = Some(Arc::clone(&e.quote));
                e.quote = Arc::clone(quote);
            }
            None => e.quote_lang = Some(original.clone()),
        }
    }
    for m in &mut s.meetings {
        let t = m.translations.get(lang).cloned();
        match &t {
            Some(t) => {
                if let Some(title) = &t.title {
                    m.title = title.clone();
                }
                if t.summary.is_some() {
                    m.summary = t.summary.clone();
                }
            }
            None => m.original = Some(original.clone()),
        }
        // Outcomes are translated by their place in the meeting's file; the meeting's
        // outcomes here may skip some (about unknown courses), so each carries its place.
        for o in &mut m.outcomes {
            match t.as_ref().and_then(|t| t.outcomes.get(o.place)) {
                Some(text) if !text.is_empty() => o.text = text.clone(),
                _ => o.original = Some(original.clone()),
            }
        }
    }
    for p in &mut s.polls {
        match p.translations.get(lang).cloned() {
            Some(t) => {
                if let Some(question) = t.question {
                    p.question = question;
                }
                for problem in &mut p.problems {
                    if let Some(text) = t.problems.get(&problem.id) {
                        problem.text = text.clone();
                    }
                }
            }
            None => p.original = Some(original.clone()),
        }
    }
    for q in &mut s.questions {
        match q.translations.get(lang).cloned() {
            Some(t) => {
                if let Some(question) = t.question {
                    q.question = question;
                }
                if let (Some(answer), Some(text)) = (&mut q.answer, t.answer) {
                    answer.text = text;
                }
            }
            None => q.original = Some(original.clone()),
        }
    }
    s
}
