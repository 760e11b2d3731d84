//! Every page of the site, and what each one shows: its template, its title and
//! description (from the theme's strings) and its view. The Markdown of course bodies and
//! meeting summaries is asked of the caller, which renders it (or, to tell whether a
//! page changed, only fingerprints it).

use serde::Serialize;

use super::{
    BriefPage, CatalogStats, CourseCard, CourseDetail, DepartmentSummary, FormatView, Hashed,
    LeaderDetail, LeaderGroup, LeaderValue, MeetingDetail, MeetingListed, PollView, Views,
};
use crate::resolve::{CourseId, DepartmentId, LeaderId, MeetingId};
use crate::strings::Arg;

/// One page of the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Page {
    Catalog,
    Course(CourseId),
    /// A course's manager's brief.
    Brief(CourseId),
    Leaders,
    Leader(LeaderId),
    Meetings,
    Meeting(MeetingId),
    Departments,
    /// A department's page of courses, from 1.
    Department(DepartmentId, u32),
    Polls,
    Report,
    NotFound,
}

/// Markdown a page shows, for the caller to turn into HTML.
#[derive(Debug, Clone, Copy)]
pub enum Markdown {
    CourseBody(CourseId),
    /// The `why` of a course's manager's brief.
    BriefWhy(CourseId),
    MeetingSummary(MeetingId),
}

/// Which page is being shown, for the layout.
#[derive(Debug, Clone, Serialize)]
pub struct PageInfo {
    pub kind: &'static str,
    pub title: String,
    pub url: String,
    /// The address a search engine should prefer, below the site's `base_url`: the
    /// folder for an index page (`leaders/`), else the page (`leaders/ann.html`).
    pub canonical: String,
    pub description: String,
}

/// What a page's template is given besides `site`, `urls`, `root` and `page`.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum PageData {
    Catalog {
        courses: Vec<Hashed<CourseCard>>,
        formats: Vec<FormatView>,
        tags: Vec<String>,
        stats: CatalogStats,
        /// Some courses are not on the page: the finder loads `catalog-index.js`.
        partial: bool,
    },
    Course {
        course: Box<CourseDetail>,
    },
    Brief {
        brief: Box<BriefPage>,
    },
    Leaders {
        groups: Vec<LeaderGroup>,
    },
    Leader {
        leader: Box<LeaderDetail>,
    },
    Meetings {
        meetings: Vec<MeetingListed>,
    },
    Meeting {
        meeting: MeetingDetail,
    },
    Departments {
        departments: Vec<DepartmentSummary>,
    },
    Department {
        department: DepartmentSummary,
        courses: Vec<Hashed<CourseCard>>,
        leaders: Vec<LeaderValue>,
        pages: Option<super::catalog::Pages>,
    },
    Polls {
        polls: Vec<PollView>,
    },
    Report {
        report: crate::report::Report,
    },
    NotFound {},
}

/// A page ready for its template.
#[derive(Debug, Clone, Serialize)]
pub struct PageView {
    pub template: &'static str,
    pub page: PageInfo,
    pub data: PageData,
}

impl Views<'_> {
    fn say(&self, key: &str, args: &[(&str, Arg)]) -> String {
        self.strings.say(key, args)
    }

    /// The view of `page`, published at `url`. `html` turns the Markdown the page shows
    /// into HTML.
    pub fn page(&self, page: Page, url: &str, html: &dyn Fn(Markdown) -> String) -> PageView {
        let site = self.site;
        let title = |key: &str| self.say(&format!("page.{key}.title"), &[]);
        let description =
            |key: &str, args: &[(&str, Arg)]| self.say(&format!("page.{key}.description"), args);
        let (template, kind, title, description, data) = match page {
            Page::Course(c) => {
                let course = &site.courses[c];
                let detail = self.course_detail(c, html(Markdown::CourseBody(c)));
                (
                    "course.html",
                    "course",
                    course.title.clone(),
                    course.summary.clone(),
                    PageData::Course {
                        course: Box::new(detail),
                    },
                )
            }
            Page::Brief(c) => {
                let course = &site.courses[c];
                let why = if course.brief.as_ref().is_some_and(|b| b.why.is_some()) {
                    html(Markdown::BriefWhy(c))
                } else {
                    String::new()
                };
                (
                    "brief.html",
                    "brief",
                    self.say(
                        "page.brief.title",
                        &[("title", course.title.as_str().into())],
                    ),
                    self.say(
                        "page.brief.description",
                        &[("title", course.title.as_str().into())],
                    ),
                    PageData::Brief {
                        brief: Box::new(self.brief_page(c, why)),
                    },
                )
            }
            Page::Catalog => {
                let catalog = self.catalog();
                (
                    "catalog.html",
                    "catalog",
                    title("catalog"),
                    description(
                        "catalog",
                        &[("organisation", site.config.organisation.as_str().into())],
                    ),
                    PageData::Catalog {
                        courses: catalog.courses,
                        formats: catalog.formats,
                        tags: catalog.tags,
                        stats: catalog.stats,
                        partial: catalog.partial,
                    },
                )
            }
            Page::Leaders => (
                "leaders.html",
                "leaders",
                title("leaders"),
                description("leaders", &[]),
                PageData::Leaders {
                    groups: self.leader_groups(),
                },
            ),
            Page::Leader(l) => {
                let leader = &site.leaders[l];
                (
                    "leader.html",
                    "leader",
                    leader.name.clone(),
                    description(
                        "leader",
                        &[
                            ("name", leader.name.as_str().into()),
                            ("title", leader.title.as_str().into()),
                        ],
                    ),
                    PageData::Leader {
                        leader: Box::new(self.leader_detail(l)),
                    },
                )
            }
            Page::Meetings => (
                "meetings.html",
                "meetings",
                title("meetings"),
                description("meetings", &[]),
                PageData::Meetings {
                    meetings: self.meetings(),
                },
            ),
            Page::Meeting(m) => {
                let (title, description, data) = self.meeting_page(m, html);
                ("meeting.html", "meeting", title, description, data)
            }
            Page::Departments => (
                "departments.html",
                "departments",
                title("departments"),
                description("departments", &[]),
                PageData::Departments {
                    departments: self.departments(),
                },
            ),
            Page::Department(d, n) => {
                let (title, description, data) = self.department_data(d, n);
                ("department.html", "department", title, description, data)
            }
            Page::Polls => (
                "polls.html",
                "polls",
                title("polls"),
                description("polls", &[]),
                PageData::Polls {
                    polls: self.polls(),
                },
            ),
            Page::Report => (
                "report.html",
                "report",
                title("report"),
                description("report", &[]),
                PageData::Report {
                    report: crate::report::report(site, self.backing, self.today),
                },
            ),
            Page::NotFound => (
                "404.html",
                "not-found",
                title("not_found"),
                description("not_found", &[]),
                PageData::NotFound {},
            ),
        };
        PageView {
            template,
            page: PageInfo {
                kind,
                title,
                url: url.to_string(),
                canonical: url
                    .strip_suffix(crate::routes::CATALOG)
                    .unwrap_or(url)
                    .to_string(),
                description,
            },
            data,
        }
    }

    /// A meeting's title, description and view.
    fn meeting_page(
        &self,
        m: MeetingId,
        html: &dyn Fn(Markdown) -> String,
    ) -> (String, String, PageData) {
        let meeting = &self.site.meetings[m];
        let summary = if meeting.summary.is_some() {
            html(Markdown::MeetingSummary(m))
        } else {
            String::new()
        };
        (
            meeting.title.clone(),
            self.say(
                "page.meeting.description",
                &[("title", meeting.title.as_str().into())],
            ),
            PageData::Meeting {
                meeting: self.meeting_detail(m, summary),
            },
        )
    }

    /// A department's title, description and view.
    fn department_data(&self, d: DepartmentId, page: u32) -> (String, String, PageData) {
        let view = self.department_page(d, page);
        let name = view.department.department.name.clone();
        let description = self.say(
            "page.department.description",
            &[("name", name.as_str().into())],
        );
        (
            name,
            description,
            PageData::Department {
                department: view.department,
                courses: view.courses,
                leaders: view.leaders,
                pages: view.pages,
            },
        )
    }
}
