//! The backing report for the learning team (`buyin report`): for each course and each
//! department, how much leadership backing there is and where the gaps are, as of a given
//! day, with plain-text table, CSV and JSON forms. Reads a resolved `Site` and its
//! `Backing` only (the upcoming-session questions are the backing's); prints
//! nothing, touches no files and renders no templates (the HTML page is the theme's
//! `report.html`).

use serde::Serialize;

use crate::backing::Backing;
use crate::model::Date;
use crate::resolve::{LeaderId, Site};

/// What the learning team needs to chase backing, as of `today`.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The date the report is made for (`YYYY-MM-DD`).
    pub today: String,
    pub courses: Vec<CourseRow>,
    pub departments: Vec<DepartmentRow>,
    /// Questions to leaders still waiting for an answer, oldest first (they are not
    /// published until answered).
    pub unanswered_questions: Vec<QuestionRow>,
    /// For each of the site's other languages, the published courses with no translation
    /// into it (shown in the main language on that language's pages). Empty for a site in
    /// one language.
    pub untranslated: Vec<UntranslatedRow>,
}

/// The courses a language lacks.
#[derive(Debug, Clone, Serialize)]
pub struct UntranslatedRow {
    pub language: String,
    /// Course slugs, in title order.
    pub courses: Vec<String>,
}

/// A learner's question that has no answer yet.
#[derive(Debug, Clone, Serialize)]
pub struct QuestionRow {
    /// Its file, relative to the site folder.
    pub file: String,
    /// The course it is about (its slug).
    pub course: String,
    pub question: String,
    /// The day it was asked (`YYYY-MM-DD`), and how many days ago.
    pub asked: String,
    pub days_waiting: i64,
}

/// The backing of one course. Drafts are included and marked.
#[derive(Debug, Clone, Serialize)]
pub struct CourseRow {
    pub slug: String,
    pub title: String,
    /// The course page, relative to the site root (drafts have no page).
    pub url: String,
    pub draft: bool,
    /// Distinct leaders who endorse the course, plus the front matter's `sign_off` leader.
    pub leaders_backing: usize,
    /// Of those, how many are senior leaders.
    pub senior_backing: usize,
    /// Names of senior leaders who attend a session dated today or later.
    pub senior_attending: Vec<String>,
    /// Sessions dated today or later.
    pub upcoming_sessions: usize,
    /// Ids of upcoming sessions that no leader attends or observes.
    pub sessions_without_leaders: Vec<String>,
    /// Names of leaders whose endorsement is older than `stale_after`.
    pub stale_endorsements: Vec<String>,
    /// Latest date (`YYYY-MM-DD`) of an endorsement of the course or a meeting with an
    /// outcome for it.
    pub last_activity: Option<String>,
    /// Whether leaders back the course before it (briefings, meeting outcomes, a manager's
    /// brief), during it (sessions, experts, leaders who took it) and after it (follow-ups,
    /// sign-off). A course with no after-course support is flagged by `check` as well.
    pub before: bool,
    pub during: bool,
    pub after: bool,
}

/// The backing coming from one department.
#[derive(Debug, Clone, Serialize)]
pub struct DepartmentRow {
    pub id: String,
    pub name: String,
    /// Published courses that list this department.
    pub courses: usize,
    /// Leaders in this department.
    pub leaders: usize,
    /// Names of leaders in this department who neither endorse a published course nor sign
    /// off one in its front matter.
    pub leaders_backing_nothing: Vec<String>,
}

/// Builds the report for `site` as of `today`, from its backing. Lists of leaders are in
/// the site's order (by name); sessions in date order.
pub fn report(site: &Site, backing: &Backing, today: Date) -> Report {
    let cutoff = site.config.stale_after.before(today);
    let names = |leaders: Vec<LeaderId>| -> Vec<String> {
        leaders
            .into_iter()
            .map(|l| site.leaders[l].name.clone())
            .collect()
    };
    let courses = site
        .courses()
        .map(|(id, course)| {
            let b = backing.course(id);
            CourseRow {
                slug: course.slug.clone(),
                title: course.title.clone(),
                url: crate::routes::course(&course.slug),
                draft: course.draft,
                leaders_backing: b.backers.len(),
                senior_backing: b.senior_backers.len(),
                senior_attending: names(b.senior_attending_upcoming(site, id, today)),
                upcoming_sessions: b.upcoming_sessions(site, id, today).len(),
                sessions_without_leaders: b
                    .unaccompanied_sessions(site, id, today)
                    .into_iter()
                    .map(|s| site.session(id, s).id.clone())
                    .collect(),
                stale_endorsements: names(b.stale(site, cutoff)),
                last_activity: b.last_activity.map(|d| d.iso()),
                before: b.phases().before,
                during: b.phases().during,
                after: b.phases().after,
            }
        })
        .collect();
    let departments = site
        .departments()
        .map(|(d, dept)| {
            let members: Vec<(LeaderId, &crate::resolve::Leader)> = site
                .leaders()
                .filter(|(_, l)| l.department == Some(d))
                .collect();
            DepartmentRow {
                id: dept.id.clone(),
                name: dept.name.clone(),
                courses: site
                    .published()
                    .filter(|(_, c)| c.departments.contains(&d))
                    .count(),
                leaders: members.len(),
                leaders_backing_nothing: members
                    .iter()
                    .filter(|(l, _)| !backing.leader(*l).backs_anything())
                    .map(|(_, l)| l.name.clone())
                    .collect(),
            }
        })
        .collect();

    let mut unanswered_questions: Vec<QuestionRow> = site
        .questions
        .iter()
        .filter(|q| q.answer.is_none())
        .map(|q| QuestionRow {
            file: q.file.clone(),
            course: site.courses[q.course].slug.clone(),
            question: q.question.clone(),
            asked: q.asked.iso(),
            days_waiting: q.asked.days_until(today),
        })
        .collect();
    unanswered_questions.sort_by(|a, b| (&a.asked, &a.file).cmp(&(&b.asked, &b.file)));
    let untranslated = site
        .config
        .languages
        .iter()
        .skip(1)
        .map(|lang| UntranslatedRow {
            language: lang.clone(),
            courses: site
                .published()
                .filter(|(_, c)| !c.translations.contains_key(lang))
                .map(|(_, c)| c.slug.clone())
                .collect(),
        })
        .collect();
    Report {
        today: today.iso(),
        courses,
        departments,
        unanswered_questions,
        untranslated,
    }
}

/// Width the terminal table is laid out for.
const TABLE_WIDTH: usize = 100;

impl Report {
    /// A plain-text table for the terminal: one section for courses, one for departments,
    /// aligned columns, no colour, readable at 100 columns; long lists are joined with ", ".
    pub fn to_table(&self) -> String {
        let mut out = format!("Backing report for {}\n", self.today);
        out.push_str("\nCOURSES\n");
        if self.courses.is_empty() {
            out.push_str("No courses.\n");
        } else {
            self.course_table(&mut out);
        }
        out.push_str("\nDEPARTMENTS\n");
        if self.departments.is_empty() {
            out.push_str("No departments.\n");
        } else {
            self.department_table(&mut out);
        }
        out.push_str("\nUNANSWERED QUESTIONS\n");
        if self.unanswered_questions.is_empty() {
            out.push_str("None.\n");
        }
        for q in &self.unanswered_questions {
            out.push_str(&format!(
                "{}  {} days  {}\n    {}\n",
                q.asked,
                q.days_waiting,
                fit(&q.course, TABLE_WIDTH - 24),
                fit(&one_line(&q.question), TABLE_WIDTH - 4)
            ));
        }
        if !self.untranslated.is_empty() {
            out.push_str("\nCOURSES NOT YET TRANSLATED\n");
            for row in &self.untranslated {
                let n = row.courses.len();
                if n == 0 {
                    out.push_str(&format!("{}: every course is translated\n", row.language));
                    continue;
                }
                let plural = if n == 1 { "" } else { "s" };
                let all = row.courses.join(", ");
                // On one line when it fits; else one course a line.
                if row.language.len() + all.len() + 14 <= TABLE_WIDTH {
                    out.push_str(&format!("{}: {n} course{plural}: {all}\n", row.language));
                } else {
                    out.push_str(&format!("{}: {n} course{plural}:\n", row.language));
                    for c in &row.courses {
                        out.push_str(&format!("    {}\n", fit(c, TABLE_WIDTH - 4)));
                    }
                }
            }
        }
        out
    }

    /// One line of numbers per course, then its lists on indented lines below it.
    fn course_table(&self, out: &mut String) {
        let titles: Vec<String> = self
            .courses
            .iter()
            .map(|c| {
                if c.draft {
                    format!("{} (draft)", c.title)
                } else {
                    c.title.clone()
                }
            })
            .collect();
        let headers = ["Backing", "Senior", "Upcoming", "Last activity"];
        let numbers_width: usize = headers.iter().map(|h| 2 + width(h)).sum();
        let title_width = titles
            .iter()
            .map(|t| width(t))
            .chain([width("Course")])
            .max()
            .unwrap_or(0)
            .min(TABLE_WIDTH - numbers_width);
        let row = |cells: [&str; 5]| {
            let mut line = pad(&fit(cells[0], title_width), title_width);
            for (cell, header) in cells[1..].iter().zip(headers) {
                line.push_str("  ");
                if header == "Last activity" {
                    line.push_str(&pad(cell, width(header)));
                } else {
                    line.push_str(&pad_left(cell, width(header)));
                }
            }
            format!("{}\n", line.trim_end())
        };
        out.push_str(&row([
            "Course", headers[0], headers[1], headers[2], headers[3],
        ]));
        let rules: Vec<String> = ["Course"]
            .iter()
            .chain(&headers)
            .enumerate()
            .map(|(i, h)| "-".repeat(if i == 0 { title_width } else { width(h) }))
            .collect();
        out.push_str(&row([
            &rules[0], &rules[1], &rules[2], &rules[3], &rules[4],
        ]));
        for (c, title) in self.courses.iter().zip(&titles) {
            out.push_str(&row([
                title,
                &c.leaders_backing.to_string(),
                &c.senior_backing.to_string(),
                &c.upcoming_sessions.to_string(),
                c.last_activity.as_deref().unwrap_or("never"),
            ]));
            let phase =
                |name: &str, backed: bool| format!("{name} {}", if backed { "yes" } else { "no" });
            let mut journey = vec![
                phase("before", c.before),
                phase("during", c.during),
                phase("after", c.after),
            ];
            if !c.after && !c.draft {
                journey.push("NO AFTER-COURSE SUPPORT".to_string());
            }
            let no_sessions = if c.upcoming_sessions == 0 {
                "none (no upcoming sessions)"
            } else {
                "none"
            };
            let details = [
                ("Senior attending:", &c.senior_attending, no_sessions),
                (
                    "Sessions without leaders:",
                    &c.sessions_without_leaders,
                    no_sessions,
                ),
                ("Stale endorsements:", &c.stale_endorsements, "none"),
                ("Journey:", &journey, "none"),
            ];
            let label_width = details.iter().map(|(l, _, _)| width(l)).max().unwrap_or(0);
            for (label, items, empty) in details {
                let lead = format!("    {}  ", pad(label, label_width));
                out.push_str(&wrap_list(&lead, items, empty));
            }
        }
    }

    fn department_table(&self, out: &mut String) {
        let headers = ["Courses", "Leaders"];
        let list_header = "Leaders backing nothing";
        let name_width = self
            .departments
            .iter()
            .map(|d| width(&d.name))
            .chain([width("Department")])
            .max()
            .unwrap_or(0)
            .min(32);
        let prefix = |cells: [&str; 3]| {
            let mut line = pad(&fit(cells[0], name_width), name_width);
            for (cell, header) in cells[1..].iter().zip(headers) {
                line.push_str("  ");
                line.push_str(&pad_left(cell, width(header)));
            }
            line.push_str("  ");
            line
        };
        let header = prefix(["Department", headers[0], headers[1]]);
        out.push_str(&format!("{header}{list_header}\n"));
        let rules = prefix([
            &"-".repeat(name_width),
            &"-".repeat(width(headers[0])),
            &"-".repeat(width(headers[1])),
        ]);
        out.push_str(&format!("{rules}{}\n", "-".repeat(width(list_header))));
        for d in &self.departments {
            let lead = prefix([&d.name, &d.courses.to_string(), &d.leaders.to_string()]);
            out.push_str(&wrap_list(&lead, &d.leaders_backing_nothing, "none"));
        }
    }

    /// RFC 4180 CSV with a header row and one row per course; lists inside a cell are
    /// joined with "; ". Cells that a spreadsheet would run as a formula get a leading `'`.
    pub fn to_csv(&self) -> String {
        let mut out = String::new();
        let header = [
            "slug",
            "title",
            "draft",
            "leaders_backing",
            "senior_backing",
            "senior_attending",
            "upcoming_sessions",
            "sessions_without_leaders",
            "stale_endorsements",
            "last_activity",
            "before",
            "during",
            "after",
        ];
        csv_line(&mut out, &header.map(String::from));
        for c in &self.courses {
            csv_line(
                &mut out,
                &[
                    c.slug.clone(),
                    c.title.clone(),
                    c.draft.to_string(),
                    c.leaders_backing.to_string(),
                    c.senior_backing.to_string(),
                    c.senior_attending.join("; "),
                    c.upcoming_sessions.to_string(),
                    c.sessions_without_leaders.join("; "),
                    c.stale_endorsements.join("; "),
                    c.last_activity.clone().unwrap_or_default(),
                    c.before.to_string(),
                    c.during.to_string(),
                    c.after.to_string(),
                ],
            );
        }
        out
    }

    /// Pretty JSON of the whole report, ending with a newline.
    pub fn to_json(&self) -> String {
        // Only strings, numbers, booleans and lists of them: serialising cannot fail.
        let mut json =
            serde_json::to_string_pretty(self).expect("a report is plain data and serialises");
        json.push('\n');
        json
    }
}

/// Width of `text` in columns, counting each character as one.
fn width(text: &str) -> usize {
    text.chars().count()
}

fn pad(text: &str, to: usize) -> String {
    format!("{text}{}", " ".repeat(to.saturating_sub(width(text))))
}

fn pad_left(text: &str, to: usize) -> String {
    format!("{}{text}", " ".repeat(to.saturating_sub(width(text))))
}

/// `text` on one line: line breaks and tabs in contributor text would break the columns.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `text` on one line, cut to `to` columns, ending with `...` when it was longer.
fn fit(text: &str, to: usize) -> String {
    let text = one_line(text);
    if width(&text) <= to {
        text
    } else {
        let kept: String = text.chars().take(to.saturating_sub(3)).collect();
        format!("{kept}...")
    }
}

/// `lead` followed by `items` joined with ", " (or `empty`), wrapped at `TABLE_WIDTH` with
/// continuation lines indented to line up under the first item. An item is never split.
fn wrap_list(lead: &str, items: &[String], empty: &str) -> String {
    if items.is_empty() {
        return format!("{lead}{empty}\n");
    }
    let indent = " ".repeat(width(lead));
    let mut out = String::new();
    let mut line = lead.to_string();
    let mut line_has_item = false;
    for (i, item) in items.iter().enumerate() {
        let item = one_line(item);
        let piece = if i + 1 < items.len() {
            format!("{item},")
        } else {
            item
        };
        let extra = if line_has_item { 1 } else { 0 } + width(&piece);
        if line_has_item && width(&line) + extra > TABLE_WIDTH {
            out.push_str(&line);
            out.push('\n');
            line = indent.clone();
            line_has_item = false;
        }
        if line_has_item {
            line.push(' ');
        }
        line.push_str(&piece);
        line_has_item = true;
    }
    out.push_str(&line);
    out.push('\n');
    out
}

/// Appends one CSV record, ended with CRLF as RFC 4180 says.
fn csv_line(out: &mut String, cells: &[String]) {
    let cells: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
    out.push_str(&cells.join(","));
    out.push_str("\r\n");
}

/// One CSV field. Text that a spreadsheet would run as a formula (starting with `=`, `+`,
/// `-`, `@`, or a tab or carriage return that some spreadsheets skip first) gets a leading
/// `'`; then fields with commas, quotes or line breaks are quoted, doubling inner quotes.
fn csv_cell(text: &str) -> String {
    let guarded = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    use crate::testing::{date, site, site_at};

    fn report_of(site: &Site, today: Date) -> Report {
        report(site, &Backing::of(site), today)
    }

    const SITE: &str = "\
title: T
organisation: O
stale_after: 6 months
departments:
  - id: ops
    name: Operations
  - id: fin
    name: Finance
";

    /// Two sessions in the past, two to come; three leaders in Operations, one in Finance.
    fn fixture() -> Site {
        site(&[
            ("site.yaml", SITE),
            (
                "content/courses/intro.md",
                "---\ntitle: Intro\nsummary: S\ndepartments: [ops, fin]\nformat: workshop\nsign_off: cat\nsessions:\n  - id: past\n    date: 2026-10-01\n    location: Room\n  - id: today\n    date: 2026-11-22\n    location: Room\n  - id: later\n    date: 2027-01-10\n    location: Room\n  - id: lonely\n    date: 2027-02-10\n    location: Room\n---\n",
            ),
            (
                "content/courses/wip.md",
                "---\ntitle: Work in progress\nsummary: S\ndepartments: [fin]\nformat: coaching\ndraft: true\n---\n",
            ),
            (
                "content/leaders/ann.yaml",
                "name: Ann Archer\ntitle: CEO\ndepartment: ops\nseniority: executive\n",
            ),
            (
                "content/leaders/bob.yaml",
                "name: Bob Baker\ntitle: Director\ndepartment: ops\nseniority: senior\n",
            ),
            (
                "content/leaders/cat.yaml",
                "name: Cat Cole\ntitle: Lead\ndepartment: ops\nseniority: manager\n",
            ),
            (
                "content/leaders/dan.yaml",
                "name: Dan Dale\ntitle: Director\ndepartment: fin\nseniority: senior\n",
            ),
            (
                "content/leaders/eve.yaml",
                "name: Eve East\ntitle: Lead\nseniority: manager\n",
            ),
            // Ann attends a session to come; Bob only attended one in the past.
            (
                "content/endorsements/ann.yaml",
                "course: intro\nby: ann\ndate: 2026-11-01\ncommitments:\n  attend: [today]\n",
            ),
            (
                "content/endorsements/bob.yaml",
                "course: intro\nby: bob\ndate: 2025-01-01\ncommitments:\n  attend: past\n  observe: later\n",
            ),
            // Dan only endorses a draft: that is not backing anything learners can see.
            (
                "content/endorsements/dan.yaml",
                "course: wip\nby: dan\ndate: 2024-01-01\n",
            ),
            (
                "content/meetings/m.yaml",
                "title: M\ndate: 2026-11-15\nkind: review\nattendees: [ann]\noutcomes:\n  - course: intro\n    decision: D\n",
            ),
        ])
    }

    #[test]
    fn counts_backing_and_gaps_per_course() {
        let r = report_of(&fixture(), date("2026-11-22"));
        assert_eq!(r.today, "2026-11-22");
        let slugs: Vec<&str> = r.courses.iter().map(|c| c.slug.as_str()).collect();
        assert_eq!(slugs, ["intro", "wip"]);

        let intro = &r.courses[0];
        assert_eq!(intro.url, "courses/intro.html");
        assert!(!intro.draft);
        // Ann and Bob endorse; Cat signs off in the front matter.
        assert_eq!(intro.leaders_backing, 3);
        assert_eq!(intro.senior_backing, 2);
        // A session dated today still counts as upcoming; Bob's session is over.
        assert_eq!(intro.senior_attending, ["Ann Archer"]);
        assert_eq!(intro.upcoming_sessions, 3);
        // Observing counts as a leader being there.
        assert_eq!(intro.sessions_without_leaders, ["lonely"]);
        // 6 months before 2026-11-22 is 2026-05-22.
        assert_eq!(intro.stale_endorsements, ["Bob Baker"]);
        // The meeting is newer than any endorsement.
        assert_eq!(intro.last_activity.as_deref(), Some("2026-11-15"));

        let wip = &r.courses[1];
        assert!(wip.draft);
        assert_eq!(wip.leaders_backing, 1);
        assert_eq!(wip.senior_backing, 1);
        assert!(wip.senior_attending.is_empty());
        assert_eq!(wip.upcoming_sessions, 0);
        assert!(wip.sessions_without_leaders.is_empty());
        assert_eq!(wip.stale_endorsements, ["Dan Dale"]);
        assert_eq!(wip.last_activity.as_deref(), Some("2024-01-01"));
    }

    #[test]
    fn the_day_decides_what_is_upcoming_and_stale() {
        let r = report_of(&fixture(), date("2027-01-11"));
        let intro = &r.courses[0];
        assert_eq!(intro.upcoming_sessions, 1);
        assert!(intro.senior_attending.is_empty());
        assert_eq!(intro.sessions_without_leaders, ["lonely"]);

        let r = report_of(&fixture(), date("2025-02-01"));
        assert!(r.courses[0].stale_endorsements.is_empty());
        assert_eq!(r.courses[0].sessions_without_leaders, ["lonely"]);
        assert_eq!(r.courses[0].senior_attending, ["Ann Archer", "Bob Baker"]);
    }

    #[test]
    fn departments_count_published_courses_and_idle_leaders() {
        let r = report_of(&fixture(), date("2026-11-22"));
        let ids: Vec<&str> = r.departments.iter().map(|d| d.id.as_str()).collect();
        // Site order: by name.
        assert_eq!(ids, ["fin", "ops"]);
        let fin = &r.departments[0];
        assert_eq!(fin.name, "Finance");
        assert_eq!(fin.courses, 1, "the draft is not counted");
        assert_eq!(fin.leaders, 1);
        assert_eq!(fin.leaders_backing_nothing, ["Dan Dale"]);
        let ops = &r.departments[1];
        assert_eq!(ops.courses, 1);
        assert_eq!(ops.leaders, 3);
        // Cat backs through the front matter's sign_off.
        assert!(ops.leaders_backing_nothing.is_empty());
    }

    #[test]
    fn a_course_without_any_record_has_no_activity() {
        let r = report_of(
            &site(&[
                ("site.yaml", SITE),
                (
                    "content/courses/solo.md",
                    "---\ntitle: Solo\nsummary: S\ndepartments: [ops]\nformat: e-learning\n---\n",
                ),
            ]),
            date("2026-11-22"),
        );
        let solo = &r.courses[0];
        assert_eq!((solo.leaders_backing, solo.senior_backing), (0, 0));
        assert_eq!(solo.last_activity, None);
        assert!(r.to_table().contains("Solo"));
        assert!(
            r.to_csv().ends_with(",0,,,,false,false,false\r\n"),
            "{}",
            r.to_csv()
        );
    }

    #[test]
    fn csv_cells_are_quoted_and_never_formulas() {
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell("a, b"), "\"a, b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_cell(""), "");
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("+1"), "'+1");
        assert_eq!(csv_cell("-1"), "'-1");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("\t=1"), "'\t=1");
        assert_eq!(csv_cell("a=b"), "a=b");
    }

    fn row(title: &str, attending: &[&str]) -> CourseRow {
        CourseRow {
            slug: "x".into(),
            title: title.into(),
            url: "courses/x.html".into(),
            draft: false,
            leaders_backing: 2,
            senior_backing: 1,
            senior_attending: attending.iter().map(|s| s.to_string()).collect(),
            upcoming_sessions: 1,
            sessions_without_leaders: Vec::new(),
            stale_endorsements: Vec::new(),
            last_activity: Some("2026-11-01".into()),
            before: true,
            during: true,
            after: false,
        }
    }

    #[test]
    fn csv_has_a_header_and_one_record_per_course() {
        let r = Report {
            today: "2026-11-22".into(),
            courses: vec![row("=cmd, \"quoted\"", &["Ann", "-Bob"])],
            departments: Vec::new(),
            unanswered_questions: Vec::new(),
            untranslated: Vec::new(),
        };
        assert_eq!(
            r.to_csv(),
            "slug,title,draft,leaders_backing,senior_backing,senior_attending,upcoming_sessions,sessions_without_leaders,stale_endorsements,last_activity,before,during,after\r\n\
             x,\"'=cmd, \"\"quoted\"\"\",false,2,1,Ann; -Bob,1,,,2026-11-01,true,true,false\r\n"
        );
    }

    #[test]
    fn table_fits_in_100_columns() {
        let names: Vec<String> = (0..30).map(|i| format!("Leader Number {i}")).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let r = Report {
            today: "2026-11-22".into(),
            courses: vec![row(&"A very long course title ".repeat(6), &names)],
            departments: vec![DepartmentRow {
                id: "ops".into(),
                name: "Operations".into(),
                courses: 3,
                leaders: 30,
                leaders_backing_nothing: names.iter().map(|s| s.to_string()).collect(),
            }],
            untranslated: Vec::new(),
            unanswered_questions: vec![QuestionRow {
                file: "content/questions/q.yaml".into(),
                course: "x".into(),
                question: "Why? ".repeat(40),
                asked: "2026-10-01".into(),
                days_waiting: 52,
            }],
        };
        let table = r.to_table();
        for line in table.lines() {
            assert!(width(line) <= TABLE_WIDTH, "too wide: {line:?}");
            assert_eq!(line, line.trim_end(), "trailing spaces: {line:?}");
        }
        assert!(
            table.contains("A very long course title A very long"),
            "{table}"
        );
        assert!(table.contains("..."), "{table}");
        assert!(
            table.contains("Leader Number 0, Leader Number 1,"),
            "{table}"
        );
        assert!(table.contains("Leader Number 29\n"), "{table}");

        let broken = Report {
            today: "2026-11-22".into(),
            courses: vec![row("Two\nlines\tand a tab", &["Ann\nAnn"])],
            departments: Vec::new(),
            unanswered_questions: Vec::new(),
            untranslated: Vec::new(),
        };
        let table = broken.to_table();
        assert!(table.contains("\nTwo lines and a tab  "), "{table}");
        assert!(
            table.contains("Senior attending:          Ann Ann\n"),
            "{table}"
        );
    }

    #[test]
    fn json_is_pretty_and_ends_with_a_newline() {
        let r = report_of(&fixture(), date("2026-11-22"));
        let json = r.to_json();
        assert!(json.ends_with("}\n"));
        let value: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
        assert_eq!(value["courses"][0]["senior_attending"][0], "Ann Archer");
        assert_eq!(value["courses"][1]["last_activity"], "2024-01-01");
        assert_eq!(value["departments"][1]["leaders"], 3);
    }

    #[test]
    fn the_default_theme_renders_the_report_page() {
        let dir = tempfile::tempdir().expect("temp dir");
        let theme = crate::theme::load(dir.path(), "default", "en")
            .unwrap_or_else(|d| panic!("default theme loads: {d:?}"));
        let r = report_of(&fixture(), date("2026-11-22"));
        let mut context = tera::Context::new();
        context.insert(
            "site",
            &serde_json::json!({
                "title": "T", "organisation": "O", "language": "en", "departments": []
            }),
        );
        context.insert(
            "page",
            &serde_json::json!({
                "kind": "report", "title": "Backing report", "url": "report/index.html",
                "description": ""
            }),
        );
        context.insert("root", "../");
        context.insert("assets", "../");
        context.insert("lang", &serde_json::json!({ "code": "en", "rtl": false }));
        context.insert("urls", &crate::routes::URLS);
        context.insert("report", &r);
        let html = theme
            .tera
            .render("report.html", &context)
            .unwrap_or_else(|e| panic!("report.html renders: {e:?}"));
        for expected in [
            "<h1>Backing report</h1>",
            "it is not linked from the site",
            "<a href=\"../courses/intro.html\">Intro</a>",
            "Ann Archer",
            "lonely",
            "Bob Baker",
            "Work in progress",
            "Draft",
            "Dan Dale",
            "<th scope=\"col\">",
        ] {
            assert!(html.contains(expected), "missing {expected:?} in\n{html}");
        }
        // Drafts have no page to link to.
        assert!(!html.contains("courses/wip.html"), "{html}");
    }

    /// The demo site's table lists every course, fits the terminal and counts the
    /// backing the demo was written to show.
    #[test]
    fn demo_table() {
        let site = site_at(Path::new(env!("CARGO_MANIFEST_DIR")));
        let report = report_of(&site, date("2026-11-22"));
        let table = report.to_table();
        for course in site.courses.iter() {
            assert!(
                table.contains(&course.title),
                "{} missing:\n{table}",
                course.title
            );
        }
        assert!(
            table.lines().all(|l| l.chars().count() <= TABLE_WIDTH),
            "{table}"
        );
        let ldc = report
            .courses
            .iter()
            .find(|c| c.slug == "leading-difficult-conversations")
            .expect("the demo's main course");
        assert_eq!(ldc.leaders_backing, 5);
        assert!(
            ldc.senior_attending
                .contains(&"Priya Natarajan".to_string())
        );
    }
}
