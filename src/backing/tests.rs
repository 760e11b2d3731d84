//! Unit tests of the backing model, on small sites written for each question.

use super::*;
use crate::testing::{date, site};

const SITE: &str = "title: T\norganisation: O\ndepartments:\n  - id: ops\n    name: Operations\n";

fn leader(id: &str, name: &str, seniority: &str) -> (String, String) {
    (
        format!("content/leaders/{id}.yaml"),
        format!("name: {name}\ntitle: Boss\ndepartment: ops\nseniority: {seniority}\n"),
    )
}

/// A course with sessions `a` (2026-10-01), `b` (2026-12-01) and `c` (2027-01-10).
fn course(slug: &str, extra: &str) -> (String, String) {
    (
        format!("content/courses/{slug}.md"),
        format!(
            "---\ntitle: {slug}\nsummary: S\ndepartments: [ops]\nformat: workshop\n{extra}sessions:\n  - id: a\n    date: 2026-10-01\n    location: Room\n  - id: b\n    date: 2026-12-01\n    location: Room\n  - id: c\n    date: 2027-01-10\n    link: https://example.org/c\n---\n"
        ),
    )
}

fn self_paced(slug: &str, extra: &str) -> (String, String) {
    (
        format!("content/courses/{slug}.md"),
        format!(
            "---\ntitle: {slug}\nsummary: S\ndepartments: [ops]\nformat: e-learning\n{extra}---\n"
        ),
    )
}

fn endorsement(file: &str, course: &str, by: &str, date: &str, extra: &str) -> (String, String) {
    (
        format!("content/endorsements/{file}.yaml"),
        format!("course: {course}\nby: {by}\ndate: {date}\n{extra}"),
    )
}

fn build(files: Vec<(String, String)>) -> (Site, Backing) {
    let mut all: Vec<(&str, &str)> = vec![("site.yaml", SITE)];
    all.extend(files.iter().map(|(p, t)| (p.as_str(), t.as_str())));
    let site = site(&all);
    let backing = Backing::of(&site);
    (site, backing)
}

fn course_id(site: &Site, slug: &str) -> CourseId {
    site.courses()
        .find(|(_, c)| c.slug == slug)
        .map(|(id, _)| id)
        .expect("course exists")
}

fn leader_id(site: &Site, id: &str) -> LeaderId {
    site.leaders()
        .find(|(_, l)| l.id == id)
        .map(|(lid, _)| lid)
        .expect("leader exists")
}

fn names(site: &Site, leaders: &[LeaderId]) -> Vec<String> {
    leaders
        .iter()
        .map(|&l| site.leaders[l].id.clone())
        .collect()
}

#[test]
fn a_senior_leader_attending_answers_yes_and_counts_once() {
    let (site, backing) = build(vec![
        leader("exec", "Eve Exec", "executive"),
        leader("mgr", "Max Manager", "manager"),
        leader("sen", "Sam Senior", "senior"),
        course("intro", ""),
        endorsement(
            "e1",
            "intro",
            "exec",
            "2026-11-01",
            "commitments:\n  attend: b\n  observe: c\n",
        ),
        endorsement(
            "e2",
            "intro",
            "mgr",
            "2026-11-02",
            "commitments:\n  attend: b\n",
        ),
        endorsement(
            "e3",
            "intro",
            "sen",
            "2026-11-03",
            "commitments:\n  observe: a\n",
        ),
    ]);
    let id = course_id(&site, "intro");
    let c = backing.course(id);
    let now = c.senior_on(&site, id, date("2026-11-15"));
    assert_eq!(now.case, SeniorCase::Attending);
    assert_eq!(now.case.state(), "yes");
    assert_eq!(now.count(), 1);
    assert_eq!(names(&site, &c.backers), ["exec", "mgr", "sen"]);
    assert_eq!(names(&site, &c.senior_backers), ["exec", "sen"]);
    // Eve attends one session and drops in on another: she counts once, Sam once.
    assert_eq!(c.senior_present, 2);
    assert_eq!(c.senior_attending.len(), 1);
    assert_eq!(c.senior_observing.len(), 2);
    // Per session, newest endorsement first.
    assert_eq!(names(&site, &c.sessions[1].attending), ["mgr", "exec"]);
    assert!(c.sessions[1].senior_attending);
    assert_eq!(names(&site, &c.sessions[0].observing), ["sen"]);
    assert!(!c.sessions[0].senior_attending);
    assert_eq!(c.first_endorsed, Some(date("2026-11-01")));
    assert_eq!(c.last_endorsed, Some(date("2026-11-03")));
}

#[test]
fn a_manager_attending_is_not_a_senior_leader_attending() {
    let (site, backing) = build(vec![
        leader("mgr", "Max Manager", "manager"),
        course("intro", ""),
        endorsement(
            "e1",
            "intro",
            "mgr",
            "2026-11-01",
            "commitments:\n  attend: a\n",
        ),
    ]);
    let id = course_id(&site, "intro");
    let c = backing.course(id);
    assert_eq!(
        c.senior_on(&site, id, date("2026-09-01")).case,
        SeniorCase::NotYet
    );
    assert_eq!(c.senior_present, 0);
    assert!(c.is_backed());
    assert!(c.senior_backers.is_empty());
}

#[test]
fn senior_leaders_only_dropping_in_is_its_own_answer() {
    let (site, backing) = build(vec![
        leader("sen", "Sam Senior", "senior"),
        course("intro", ""),
        endorsement(
            "e1",
            "intro",
            "sen",
            "2026-11-01",
            "commitments:\n  observe: [a, b]\n",
        ),
    ]);
    let id = course_id(&site, "intro");
    let c = backing.course(id);
    let now = c.senior_on(&site, id, date("2026-09-01"));
    assert_eq!(now.case, SeniorCase::Observing);
    assert_eq!(now.case.state(), "observing");
    // Once both sessions are over, they dropped in.
    let later = c.senior_on(&site, id, date("2026-12-15"));
    assert_eq!(later.case, SeniorCase::DroppedIn);
    assert_eq!(later.observed.len(), 1);
    assert_eq!(c.senior_present, 1);
}

#[test]
fn a_course_without_sessions_is_backed_by_its_sign_off_leader() {
    let (site, backing) = build(vec![
        leader("sen", "Sam Senior", "senior"),
        self_paced("online", "sign_off: sen\n"),
        self_paced("alone", ""),
    ]);
    let id = course_id(&site, "online");
    let c = backing.course(id);
    assert_eq!(
        c.senior_on(&site, id, date("2026-11-15")).case,
        SeniorCase::NoSessions
    );
    assert_eq!(names(&site, &c.backers), ["sen"]);
    assert_eq!(names(&site, &c.sign_off), ["sen"]);
    assert!(c.endorsements.is_empty());
    let alone = backing.course(course_id(&site, "alone"));
    assert!(!alone.is_backed());
    assert_eq!(alone.last_activity, None);
}

#[test]
fn commitments_are_gathered_without_repeats() {
    let (site, backing) = build(vec![
        leader("exec", "Eve Exec", "executive"),
        leader("mgr", "Max Manager", "manager"),
        course("intro", "sign_off: exec\n"),
        endorsement(
            "e1",
            "intro",
            "exec",
            "2026-11-01",
            "commitments:\n  sign_off: true\n  sponsor: true\n  sme: [budgets, forecasts]\n",
        ),
        endorsement(
            "e2",
            "intro",
            "mgr",
            "2026-11-02",
            "commitments:\n  brief_team: true\n",
        ),
    ]);
    let c = backing.course(course_id(&site, "intro"));
    assert_eq!(names(&site, &c.sign_off), ["exec"]);
    assert_eq!(names(&site, &c.sponsors), ["exec"]);
    assert_eq!(names(&site, &c.briefing), ["mgr"]);
    assert_eq!(c.smes.len(), 1);
}

#[test]
fn a_leader_backs_only_published_courses() {
    let (site, backing) = build(vec![
        leader("exec", "Eve Exec", "executive"),
        leader("idle", "Ida Idle", "manager"),
        course("intro", ""),
        course("later", "draft: true\n"),
        self_paced("online", "sign_off: exec\n"),
        endorsement(
            "e1",
            "intro",
            "exec",
            "2026-11-01",
            "commitments:\n  attend: [c, a]\n  observe: b\n",
        ),
        endorsement(
            "e2",
            "later",
            "exec",
            "2026-11-02",
            "commitments:\n  attend: a\n  sponsor: true\n",
        ),
    ]);
    let exec = backing.leader(leader_id(&site, "exec"));
    assert_eq!(
        exec.endorsements.len(),
        1,
        "the draft's endorsement is left out"
    );
    assert!(exec.sponsors.is_empty());
    // Sessions by date.
    let sessions: Vec<&str> = exec
        .attending
        .iter()
        .map(|&(c, s)| site.session(c, s).id.as_str())
        .collect();
    assert_eq!(sessions, ["a", "c"]);
    assert_eq!(exec.observing.len(), 1);
    let signs: Vec<&str> = exec
        .signs_off
        .iter()
        .map(|&c| site.courses[c].slug.as_str())
        .collect();
    assert_eq!(signs, ["online"]);
    assert!(exec.backs_anything());
    assert!(!backing.leader(leader_id(&site, "idle")).backs_anything());
    assert_eq!(backing.leaders_involved(), 1);
}

#[test]
fn questions_about_the_day_look_only_at_what_is_to_come() {
    let (site, backing) = build(vec![
        leader("exec", "Eve Exec", "executive"),
        leader("sen", "Sam Senior", "senior"),
        course("intro", ""),
        endorsement(
            "e1",
            "intro",
            "exec",
            "2025-01-01",
            "commitments:\n  attend: a\n",
        ),
        endorsement(
            "e2",
            "intro",
            "sen",
            "2026-11-01",
            "commitments:\n  attend: c\n",
        ),
    ]);
    let id = course_id(&site, "intro");
    let c = backing.course(id);
    let today = date("2026-11-15");
    // Eve attends only a past session.
    assert_eq!(
        names(&site, &c.senior_attending_upcoming(&site, id, today)),
        ["sen"]
    );
    let upcoming: Vec<&str> = c
        .upcoming_sessions(&site, id, today)
        .into_iter()
        .map(|s| site.session(id, s).id.as_str())
        .collect();
    assert_eq!(upcoming, ["b", "c"]);
    let alone: Vec<&str> = c
        .unaccompanied_sessions(&site, id, today)
        .into_iter()
        .map(|s| site.session(id, s).id.as_str())
        .collect();
    assert_eq!(alone, ["b"]);
    assert_eq!(names(&site, &c.stale(&site, date("2026-01-01"))), ["exec"]);
    // The session on the day itself is still to come.
    assert_eq!(c.upcoming_sessions(&site, id, date("2027-01-10")).len(), 1);
}

#[test]
fn meeting_outcomes_count_as_activity() {
    let (site, backing) = build(vec![
        leader("exec", "Eve Exec", "executive"),
        course("intro", ""),
        endorsement("e1", "intro", "exec", "2026-10-01", ""),
        (
            "content/meetings/m.yaml".to_string(),
            "title: Review\ndate: 2026-11-20\nkind: review\nattendees: [exec]\noutcomes:\n  - course: intro\n    decision: Run it again\n    owner: exec\n".to_string(),
        ),
    ]);
    let id = course_id(&site, "intro");
    let c = backing.course(id);
    assert_eq!(c.outcomes.len(), 1);
    assert_eq!(c.last_endorsed, Some(date("2026-10-01")));
    assert_eq!(c.last_activity, Some(date("2026-11-20")));
    let exec = backing.leader(leader_id(&site, "exec"));
    assert_eq!(exec.meetings.len(), 1);
    assert_eq!(exec.outcomes.len(), 1);
}

#[test]
fn attending_turns_to_attended_when_the_session_is_over() {
    let (site, backing) = build(vec![
        leader("exec", "Eve Exec", "executive"),
        leader("sen", "Sam Senior", "senior"),
        course("intro", ""),
        endorsement(
            "e1",
            "intro",
            "exec",
            "2026-09-01",
            "commitments:\n  attend: a\n",
        ),
        endorsement(
            "e2",
            "intro",
            "sen",
            "2026-09-02",
            "commitments:\n  attend: c\n",
        ),
    ]);
    let id = course_id(&site, "intro");
    let c = backing.course(id);
    // Before any session: both will attend.
    let before = c.senior_on(&site, id, date("2026-09-15"));
    assert_eq!(before.case, SeniorCase::Attending);
    assert_eq!(before.count(), 2);
    // Session a is over: Eve attended, Sam will attend.
    let between = c.senior_on(&site, id, date("2026-11-15"));
    assert_eq!(between.case, SeniorCase::Attending);
    assert_eq!(between.count(), 1);
    assert_eq!(between.attended.len(), 1);
    // Every session is over: nobody "is taking part" any more; both took part.
    let after = c.senior_on(&site, id, date("2027-02-01"));
    assert_eq!(after.case, SeniorCase::Attended);
    assert_eq!(after.case.state(), "yes");
    assert!(after.will_attend.is_empty());
    assert_eq!(after.count(), 2);
}

#[test]
fn a_senior_leader_who_took_the_course_answers_yes() {
    let (site, backing) = build(vec![
        leader("exec", "Eve Exec", "executive"),
        self_paced("online", ""),
        endorsement(
            "e1",
            "online",
            "exec",
            "2026-09-01",
            "commitments:\n  completed: 2025-05-14\n",
        ),
    ]);
    let id = course_id(&site, "online");
    let c = backing.course(id);
    let now = c.senior_on(&site, id, date("2026-11-15"));
    assert_eq!(now.case, SeniorCase::Attended);
    assert_eq!(now.completed.len(), 1);
    assert_eq!(c.senior_present, 1);
    assert!(c.phases().during);
    // A completion dated after the day asked about does not count yet.
    assert_eq!(
        c.senior_on(&site, id, date("2025-01-01")).case,
        SeniorCase::NoSessions
    );
}

#[test]
fn the_journey_is_before_during_and_after() {
    let (site, backing) = build(vec![
        leader("mgr", "Max Manager", "manager"),
        leader("sen", "Sam Senior", "senior"),
        course("briefed", ""),
        course("followed", ""),
        self_paced("alone", ""),
        endorsement(
            "e1",
            "briefed",
            "mgr",
            "2026-09-01",
            "commitments:\n  brief_team: true\n",
        ),
        endorsement(
            "e2",
            "followed",
            "sen",
            "2026-09-01",
            "commitments:\n  follow_up: 4 weeks\n  sme: budgets\n",
        ),
    ]);
    let phases = |slug| backing.course(course_id(&site, slug)).phases();
    assert_eq!(
        phases("briefed"),
        Phases {
            before: true,
            during: false,
            after: false
        }
    );
    assert_eq!(
        phases("followed"),
        Phases {
            before: false,
            during: true,
            after: true
        }
    );
    assert_eq!(
        phases("alone"),
        Phases {
            before: false,
            during: false,
            after: false
        }
    );
    let sen = backing.leader(leader_id(&site, "sen"));
    assert_eq!(sen.follow_ups.len(), 1);
}

#[test]
fn answered_questions_belong_to_their_course_and_leader() {
    let (site, backing) = build(vec![
        leader("exec", "Eve Exec", "executive"),
        course("intro", "manager_brief:\n  before: [Talk it through]\n"),
        endorsement("e1", "intro", "exec", "2026-09-01", ""),
        (
            "content/questions/q1.yaml".to_string(),
            "course: intro\nasked: 2026-10-01\nquestion: Why?\nanswer: Because.\nanswered_by: exec\nanswered: 2026-10-02\n".to_string(),
        ),
        (
            "content/questions/q2.yaml".to_string(),
            "course: intro\nasked: 2026-10-05\nquestion: Still waiting?\n".to_string(),
        ),
    ]);
    let c = backing.course(course_id(&site, "intro"));
    assert_eq!(c.questions.len(), 1, "only the answered one");
    assert!(c.brief);
    assert!(
        c.phases().before,
        "a manager's brief is support before the course"
    );
    let exec = backing.leader(leader_id(&site, "exec"));
    assert_eq!(exec.answered, c.questions);
    assert_eq!(exec.manager_briefs, vec![course_id(&site, "intro")]);
}
