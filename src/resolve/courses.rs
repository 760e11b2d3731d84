//! Courses: their departments, sessions, the leader who signs off completions and the
//! poll problems they address.

use std::collections::HashMap;
use std::sync::Arc;

use super::refs::{COURSE_RULE, Names, RefKind, Refs, check_url, id_help};
use super::{Course, CourseId, DepartmentId, LeaderId, ProblemRef, Session};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::SourceCourse;
use crate::model::{SessionDef, is_valid_id};
use crate::yaml::Seg;

/// Every course, sorted by title, and the poll problems each says it addresses.
pub fn resolve(
    sources: &[Arc<SourceCourse>],
    departments: &Names<DepartmentId>,
    leaders: &Names<LeaderId>,
    problems: &Names<ProblemRef>,
    diags: &mut Diagnostics,
) -> (Vec<Course>, Vec<(CourseId, ProblemRef)>) {
    let mut sources: Vec<&SourceCourse> = sources.iter().map(|s| &**s).collect();
    sources.sort_by(|a, b| {
        (&a.front.title, &a.slug, &a.file).cmp(&(&b.front.title, &b.slug, &b.file))
    });
    let mut courses: Vec<Course> = Vec::new();
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
        let sessions = sessions(&mut refs, &fm.sessions);
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
            body_range: sc.body_range.clone(),
            body_line: sc.body_line,
            text: Arc::clone(&sc.text),
            assets: sc.assets.clone(),
        });
    }
    (courses, addressed)
}

/// A course's sessions, checked and sorted by date and start time.
fn sessions(refs: &mut Refs<'_>, defs: &[SessionDef]) -> Vec<Session> {
    let mut sessions: Vec<Session> = Vec::new();
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
        sessions.push(Session {
            id: s.id.clone(),
            date: s.date,
            start: s.start,
            end: s.end,
            location: s.location.clone(),
            link: s.link.clone(),
            capacity: s.capacity,
        });
    }
    sessions.sort_by(|a, b| (a.date, a.start, &a.id).cmp(&(b.date, b.start, &b.id)));
    sessions
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
