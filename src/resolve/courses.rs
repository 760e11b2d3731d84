//! Courses: their departments, sessions, the leader who signs off completions and the
//! poll problems they address.

use std::collections::HashMap;
use std::sync::Arc;

use super::refs::{
    COURSE_RULE, Link, Names, RefKind, Refs, check_link, check_timezone, check_url, id_help,
    markdown_at,
};
use super::{Brief, Course, CourseId, DepartmentId, LeaderId, ProblemRef, Session};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::SourceCourse;
use crate::model::{ManagerBrief, SessionDef, is_valid_id};
use crate::yaml::Seg;

/// Every course, sorted by title, and the poll problems each says it addresses.
pub fn resolve(
    sources: &[Arc<SourceCourse>],
    site_timezone: Option<&str>,
    departments: &Names<DepartmentId>,
    leaders: &Names<LeaderId>,
    problems: &Names<ProblemRef>,
    diags: &mut Diagnostics,
) -> (Vec<Course>, Vec<(CourseId, ProblemRef)>) {
    let mut sources: Vec<&SourceCourse> = sources.iter().map(|s| &**s).collect();
    sources.sort_by(|a, b| {
        (&a.front.title, &a.slug, &a.file).cmp(&(&b.front.title, &b.slug, &b.file))
    });
    let mut courses: Vec<Course> = Vec::with_capacity(sources.len());
    let mut addressed = Vec::new();
    let mut seen: HashMap<&str, &str> = HashMap::new();
    for sc in sources {
        let mut refs = Refs::new(sc.yaml(), &sc.invalid, diags);
        if let Some(other) = seen.insert(&sc.slug, &sc.file) {
            refs.error(
                &[],
                Diagnostic::error(
                    &crate::codes::DUPLICATE_ID,
                    format!("there are two courses called `{}`", sc.slug),
                )
                .help(format!(
                    "the other one is {other}; rename or remove one of them"
                )),
            );
            continue;
        }
        let fm = &sc.front;
        let id = CourseId::new(courses.len());
        refs.require_text(&[Seg::Key("title")], &fm.title, "the course's title");
        refs.require_text(
            &[Seg::Key("summary")],
            &fm.summary,
            "one sentence for the catalog",
        );
        let mut departments_of: Vec<DepartmentId> = fm
            .departments
            .iter()
            .enumerate()
            .filter_map(|(i, d)| {
                departments.find(&mut refs, &[Seg::Key("departments"), Seg::Index(i)], d)
            })
            .collect();
        departments_of.sort_unstable();
        departments_of.dedup();
        let sign_off = fm
            .sign_off
            .as_ref()
            .and_then(|l| leaders.find(&mut refs, &[Seg::Key("sign_off")], l));
        for (i, p) in fm.addresses.iter().enumerate() {
            if let Some(at) = problems.find(&mut refs, &[Seg::Key("addresses"), Seg::Index(i)], p) {
                addressed.push((id, at));
            }
        }
        let sessions = sessions(&mut refs, &fm.sessions, site_timezone);
        let enrol = fm.enrol.as_ref().map(|url| {
            check_link(&mut refs, &[Seg::Key("enrol")], url, Link::Booking);
            url.trim().to_string()
        });
        let brief = fm
            .manager_brief
            .as_ref()
            .and_then(|b| brief(&mut refs, &sc.yaml(), &sc.text, b));
        let mut tags = fm.tags.clone();
        tags.sort();
        tags.dedup();
        courses.push(Course {
            flawed: refs.flawed(),
            slug: sc.slug.clone(),
            file: sc.file.clone(),
            title: fm.title.clone(),
            summary: fm.summary.clone(),
            departments: departments_of,
            audience: fm.audience.clone(),
            format: fm.format,
            duration: fm.duration.clone(),
            objectives: fm.objectives.clone(),
            tags,
            draft: fm.draft,
            sessions,
            sign_off,
            enrol,
            // Filled in once every course is known (see `prerequisites`).
            requires: Vec::new(),
            brief,
            body: sc.body.clone(),
            text: Arc::clone(&sc.text),
            assets: sc.assets.clone(),
            // Filled in once translations are read (see `translations`).
            translations: Default::default(),
            original: None,
            body_original: None,
            untranslated: Vec::new(),
            fields_original: None,
        });
    }
    (courses, addressed)
}

/// A course's sessions, checked and sorted by date and start time.
fn sessions(refs: &mut Refs<'_>, defs: &[SessionDef], site_timezone: Option<&str>) -> Vec<Session> {
    let mut sessions: Vec<Session> = Vec::with_capacity(defs.len());
    for (i, s) in defs.iter().enumerate() {
        let at = |key| [Seg::Key("sessions"), Seg::Index(i), Seg::Key(key)];
        if !is_valid_id(&s.id) {
            refs.error(
                &at("id"),
                Diagnostic::error(
                    &crate::codes::BAD_ID,
                    format!("`{}` cannot be used as a session id", s.id),
                )
                .help(id_help(&s.id, "london-march")),
            );
            continue;
        }
        if sessions.iter().any(|x| x.id == s.id) {
            refs.error(
                &at("id"),
                Diagnostic::error(
                    &crate::codes::DUPLICATE_ID,
                    format!("the session id `{}` is used twice in this course", s.id),
                )
                .help("give each session its own id"),
            );
            continue;
        }
        if let (Some(start), Some(end)) = (s.start, s.end)
            && end <= start
            && refs.valid(&at("start"))
        {
            refs.error(
                &at("end"),
                Diagnostic::error(
                    &crate::codes::SESSION_ENDS_BEFORE_START,
                    format!("the session ends ({end}) before it starts ({start})"),
                )
                .help("check `start:` and `end:`; times use the 24-hour clock, like \"14:00\""),
            );
        }
        if let Some(link) = &s.link {
            check_url(refs, &at("link"), link);
        }
        if s.location.is_none() && s.link.is_none() {
            refs.error(
                &[Seg::Key("sessions"), Seg::Index(i)],
                Diagnostic::error(
                    &crate::codes::SESSION_WITHOUT_PLACE,
                    format!("session `{}` has neither a location nor a link", s.id),
                )
                .help("add `location: …` for a room or `link: https://…` for an online session"),
            );
        }
        let mut booking = |key, url: &Option<String>| {
            url.as_ref().map(|url| {
                check_link(refs, &at(key), url, Link::Booking);
                url.trim().to_string()
            })
        };
        let enrol = booking("enrol", &s.enrol);
        let waitlist = booking("waitlist", &s.waitlist);
        let timezone = match &s.timezone {
            Some(tz) => check_timezone(refs, &at("timezone"), tz),
            None => site_timezone.map(str::to_string),
        };
        sessions.push(Session {
            id: s.id.clone(),
            date: s.date,
            start: s.start,
            end: s.end,
            location: s.location.clone(),
            link: s.link.clone(),
            capacity: s.capacity,
            enrol,
            full: s.full,
            waitlist,
            timezone,
        });
    }
    sessions.sort_by(|a, b| (a.date, a.start, &a.id).cmp(&(b.date, b.start, &b.id)));
    sessions
}

/// A course's manager's brief, with where its Markdown starts; `None` (after saying so)
/// when it is empty.
fn brief(
    refs: &mut Refs<'_>,
    yaml: &crate::yaml::YamlSource<'_>,
    text: &Arc<str>,
    written: &ManagerBrief,
) -> Option<Brief> {
    let at = |key| [Seg::Key("manager_brief"), Seg::Key(key)];
    let why = written
        .why
        .as_deref()
        .filter(|w| !w.trim().is_empty())
        .map(|why| markdown_at(yaml, &at("why"), why, text));
    let clean = |items: &[String]| -> Vec<String> {
        items
            .iter()
            .map(|i| i.trim().to_string())
            .filter(|i| !i.is_empty())
            .collect()
    };
    let (before, after) = (clean(&written.before), clean(&written.after));
    if why.is_none() && before.is_empty() && after.is_empty() {
        // A brief whose fields were refused is reported already.
        if !refs.all_valid(&[Seg::Key("manager_brief")]) {
            return None;
        }
        refs.error(
            &[Seg::Key("manager_brief")],
            Diagnostic::error(&crate::codes::EMPTY_BRIEF, "this manager's brief is empty")
                .help("give it a `why:`, a `before:` list or an `after:` list, or remove `manager_brief:`"),
        );
        return None;
    }
    Some(Brief { why, before, after })
}

/// Takes each course's translations (`courses/<slug>.<lang>.md`) into the course, and
/// reports translations of courses that do not exist or into languages the site does not
/// publish.
pub fn translations(
    sources: &[Arc<crate::load::SourceTranslation>],
    courses: &mut [Course],
    names: &Names<CourseId>,
    languages: &[String],
    diags: &mut Diagnostics,
) {
    let slugs: Vec<&str> = courses.iter().map(|c| c.slug.as_str()).collect();
    let mut found: Vec<(CourseId, String, Arc<crate::resolve::CourseText>)> = Vec::new();
    for t in sources {
        let mut refs = Refs::new(t.yaml(), &t.invalid, diags);
        let Some(course) = names.get(&t.slug) else {
            let help = match crate::diagnostics::closest(&t.slug, slugs.iter().copied()) {
                Some(near) => format!(
                    "a translation is named after its course and language: did you mean `{near}.{}.md`?",
                    t.lang
                ),
                None => format!(
                    "a translation is named after its course and language, like `<course>.{}.md`; there is no course called `{}` to translate",
                    t.lang, t.slug
                ),
            };
            refs.file_error(
                Diagnostic::error(
                    &crate::codes::UNKNOWN_COURSE,
                    format!(
                        "this file translates `{}`, but there is no course called `{}`",
                        t.slug, t.slug
                    ),
                )
                .help(help),
            );
            continue;
        };
        if !languages.iter().skip(1).any(|l| l == &t.lang) {
            let help = if languages.first() == Some(&t.lang) {
                format!(
                    "`{}` is the site's main language: the course's own file is already in it",
                    t.lang
                )
            } else {
                format!(
                    "add `{}` to `languages:` in site.yaml (the site has {}), or rename the file",
                    t.lang,
                    languages
                        .iter()
                        .map(|l| format!("`{l}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            refs.file_error(
                Diagnostic::error(
                    &crate::codes::UNKNOWN_LANGUAGE,
                    format!("this file translates `{}` into `{}`, which is not one of the site's languages", t.slug, t.lang),
                )
                .help(help),
            );
            continue;
        }
        let f = &t.front;
        let text = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(String::from)
        };
        let brief = f
            .manager_brief
            .as_ref()
            .and_then(|b| brief(&mut refs, &t.yaml(), &t.text, b));
        found.push((
            course,
            t.lang.clone(),
            Arc::new(crate::resolve::CourseText {
                file: t.file.clone(),
                text: Arc::clone(&t.text),
                title: text(&f.title),
                summary: text(&f.summary),
                audience: text(&f.audience),
                duration: text(&f.duration),
                objectives: f.objectives.clone(),
                brief,
                body: t.body.clone(),
            }),
        ));
    }
    for (course, lang, text) in found {
        courses[course.index()].translations.insert(lang, text);
    }
}

/// Resolves each course's `requires:` once every course is known, and reports courses
/// that require themselves, directly or through others.
pub fn prerequisites(
    sources: &[Arc<SourceCourse>],
    courses: &mut [Course],
    names: &Names<CourseId>,
    diags: &mut Diagnostics,
) {
    let by_file: HashMap<&str, &SourceCourse> =
        sources.iter().map(|s| (s.file.as_str(), &**s)).collect();
    for (i, course) in courses.iter_mut().enumerate() {
        let Some(sc) = by_file.get(course.file.as_str()) else {
            continue;
        };
        let mut refs = Refs::new(sc.yaml(), &sc.invalid, diags);
        let mut requires: Vec<CourseId> = Vec::new();
        for (n, slug) in sc.front.requires.iter().enumerate() {
            let path = [Seg::Key("requires"), Seg::Index(n)];
            let Some(id) = names.find(&mut refs, &path, slug) else {
                continue;
            };
            if id.index() == i {
                refs.error(
                    &path,
                    Diagnostic::error(
                        &crate::codes::PREREQUISITE_CYCLE,
                        format!("`{slug}` requires itself"),
                    )
                    .help("remove it from `requires:`: list the courses to take before this one"),
                );
            } else if !requires.contains(&id) {
                requires.push(id);
            }
        }
        if refs.flawed() {
            course.flawed = true;
        }
        course.requires = requires;
    }
    // Courses that require each other in a circle: reported at the `requires:` entry
    // that closes each circle.
    for circle in circles(courses) {
        let (first, last) = (circle[0], circle[circle.len() - 1]);
        let Some(sc) = by_file.get(courses[last].file.as_str()) else {
            continue;
        };
        let entry = sc
            .front
            .requires
            .iter()
            .position(|slug| *slug == courses[first].slug)
            .unwrap_or(0);
        let names: Vec<String> = circle
            .iter()
            .chain(std::iter::once(&first))
            .map(|&c| format!("`{}`", courses[c].slug))
            .collect();
        let mut refs = Refs::new(sc.yaml(), &sc.invalid, diags);
        refs.error(
            &[Seg::Key("requires"), Seg::Index(entry)],
            Diagnostic::error(
                &crate::codes::PREREQUISITE_CYCLE,
                format!(
                    "these courses require each other in a circle: {}",
                    names.join(" → ")
                ),
            )
            .label("this closes the circle")
            .help("remove one of them from `requires:` so one course can be taken first"),
        );
        for &c in &circle {
            courses[c].flawed = true;
        }
    }
}

/// Every circle of `requires:` (each once, in the order the courses require each other),
/// found without recursion, so a long chain of courses cannot exhaust the stack.
fn circles(courses: &[Course]) -> Vec<Vec<CourseId>> {
    const NEW: u8 = 0;
    const OPEN: u8 = 1;
    const DONE: u8 = 2;
    let mut state = vec![NEW; courses.len()];
    let mut found = Vec::new();
    for root in 0..courses.len() {
        if state[root] != NEW {
            continue;
        }
        state[root] = OPEN;
        // Each open course with the index of the next `requires:` entry to follow.
        let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
        while let Some((course, next)) = stack.last_mut() {
            let Some(&required) = courses[*course].requires.get(*next) else {
                state[*course] = DONE;
                stack.pop();
                continue;
            };
            *next += 1;
            match state[required.index()] {
                NEW => {
                    state[required.index()] = OPEN;
                    stack.push((required.index(), 0));
                }
                OPEN => {
                    let from = stack
                        .iter()
                        .position(|(c, _)| *c == required.index())
                        .unwrap_or(0);
                    found.push(
                        stack[from..]
                            .iter()
                            .map(|(c, _)| CourseId::new(*c))
                            .collect(),
                    );
                }
                _ => {}
            }
        }
    }
    found
}

/// The courses, to look references up in.
pub fn names(courses: &[Course]) -> Names<CourseId> {
    Names::new(
        RefKind::Course,
        COURSE_RULE,
        courses
            .iter()
            .enumerate()
            .map(|(i, c)| (c.slug.clone(), c.title.clone(), CourseId::new(i))),
    )
}
