//! The catalog and the department pages: course cards with their backing at a glance.

use serde::Serialize;

use super::course::PhasesView;
use super::{DateView, DeptRef, Hashed, LeaderValue, Views};
use crate::model::Format;
use crate::resolve::{CourseId, DepartmentId, Site};
use crate::routes;

/// A course's backing at a glance, for its card.
#[derive(Debug, Clone, Serialize)]
pub struct BackingSummary {
    pub has_backing: bool,
    pub leaders: usize,
    pub senior_leaders: usize,
    /// Senior leaders attending or dropping in on a session.
    pub senior_present: usize,
    pub endorsements: usize,
    pub last_endorsed: Option<DateView>,
    /// `yes`, `observing` or `no`, for styling.
    pub senior_state: &'static str,
    /// `attending`, `attended`, `observing`, `dropped_in`, `no_sessions` or `not_yet`,
    /// for wording; as of the day the page is built.
    pub senior_case: &'static str,
    /// Whether leaders back the course before, during and after it.
    pub phases: PhasesView,
}

#[derive(Debug, Clone, Serialize)]
pub struct CourseCard {
    pub slug: String,
    pub url: String,
    pub title: String,
    /// The language of the title and summary, when untranslated.
    pub lang: super::Original,
    /// The language of each text, when it is shown untranslated.
    pub title_lang: super::Original,
    pub summary_lang: super::Original,
    pub duration_lang: super::Original,
    pub summary: String,
    /// The format's id: `workshop`, `e-learning`, …
    pub format: &'static str,
    pub duration: Option<String>,
    pub departments: Vec<DeptRef>,
    pub tags: Vec<String>,
    pub backing: BackingSummary,
    pub next_session: Option<DateView>,
    pub session_count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct FormatView {
    pub id: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct CatalogStats {
    pub courses: usize,
    pub backed: usize,
    pub senior_present: usize,
    pub leaders: usize,
}

/// The catalog: every published course, the filters that apply, and the numbers.
#[derive(Debug, Clone, Serialize)]
pub struct Catalog {
    /// Every course's card, or the first few of a large catalog.
    pub courses: Vec<Hashed<CourseCard>>,
    pub formats: Vec<FormatView>,
    pub tags: Vec<String>,
    pub stats: CatalogStats,
    /// Only the first cards are on the page.
    pub partial: bool,
}

/// Where a page of a long list is: for links to the others.
#[derive(Debug, Clone, Serialize)]
pub struct Pages {
    /// From 1.
    pub current: u32,
    pub count: u32,
    /// Each page's address, relative to the site root.
    pub urls: Vec<String>,
    /// Courses on the pages before this one, and on this one.
    pub first: usize,
    pub last: usize,
    pub total: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct DepartmentSummary {
    #[serde(flatten)]
    pub department: DeptRef,
    pub description: Option<String>,
    pub courses: usize,
    pub backed: usize,
    pub leaders: usize,
}

/// One department's page.
#[derive(Debug, Clone, Serialize)]
pub struct DepartmentPage {
    pub department: DepartmentSummary,
    /// The courses of this page.
    pub courses: Vec<Hashed<CourseCard>>,
    pub leaders: Vec<LeaderValue>,
    /// When the department has more than one page of courses.
    pub pages: Option<Pages>,
}

impl Views<'_> {
    /// A course's card, made once per site.
    pub fn card(&self, course: CourseId) -> Hashed<CourseCard> {
        match self.cache.cards.get(course.index()) {
            Some(cell) => cell
                .get_or_init(|| Hashed::new(self.make_card(course)))
                .clone(),
            None => Hashed::new(self.make_card(course)),
        }
    }

    fn make_card(&self, course: CourseId) -> CourseCard {
        let c = &self.site.courses[course];
        let b = self.backing.course(course);
        let senior = b.senior_on(self.site, course, self.today).case;
        CourseCard {
            slug: c.slug.clone(),
            url: routes::course(&c.slug),
            title: c.title.clone(),
            lang: super::Original(c.original.clone()),
            title_lang: super::Original(c.field_lang("title")),
            summary_lang: super::Original(c.field_lang("summary")),
            duration_lang: super::Original(c.field_lang("duration")),
            summary: c.summary.clone(),
            format: c.format.id(),
            duration: c.duration.clone(),
            departments: c.departments.iter().map(|&d| self.department(d)).collect(),
            tags: c.tags.clone(),
            backing: BackingSummary {
                has_backing: b.is_backed(),
                leaders: b.backers.len(),
                senior_leaders: b.senior_backers.len(),
                senior_present: b.senior_present,
                endorsements: b.endorsements.len(),
                last_endorsed: b.last_endorsed.map(Into::into),
                senior_state: senior.state(),
                senior_case: senior.id(),
                phases: b.phases().into(),
            },
            next_session: c
                .sessions
                .iter()
                .find(|s| s.date >= self.today)
                .map(|s| s.date.into()),
            session_count: c.sessions.len(),
        }
    }

    pub fn catalog(&self) -> Catalog {
        let site = self.site;
        let published: Vec<CourseId> = site.published().map(|(id, _)| id).collect();
        let partial = published.len() > routes::CATALOG_ALL_UP_TO;
        let shown = if partial {
            routes::CATALOG_PREVIEW
        } else {
            published.len()
        };
        let cards: Vec<Hashed<CourseCard>> = published
            .iter()
            .take(shown)
            .map(|&id| self.card(id))
            .collect();
        let formats = Format::ALL
            .iter()
            .filter(|f| published.iter().any(|&c| site.courses[c].format == **f))
            .map(|f| FormatView { id: f.id() })
            .collect();
        let mut tags: Vec<String> = published
            .iter()
            .flat_map(|&c| site.courses[c].tags.iter().cloned())
            .collect();
        tags.sort();
        tags.dedup();
        let stats = CatalogStats {
            courses: published.len(),
            backed: published
                .iter()
                .filter(|&&c| self.backing.course(c).is_backed())
                .count(),
            senior_present: published
                .iter()
                .filter(|&&c| self.backing.course(c).senior_present > 0)
                .count(),
            leaders: self.backing.leaders_involved(),
        };
        Catalog {
            courses: cards,
            formats,
            tags,
            stats,
            partial,
        }
    }

    /// Every department's published courses and leaders, found in one pass over the site
    /// and kept with the site's shared views (a department of thousands of courses has
    /// dozens of pages).
    fn department_members(&self) -> &[super::shared::DepartmentMembers] {
        self.shared
            .members
            .get_or_init(|| self.find_department_members())
    }

    fn find_department_members(&self) -> Vec<super::shared::DepartmentMembers> {
        let site = self.site;
        let mut members: Vec<super::shared::DepartmentMembers> = site
            .departments
            .iter()
            .map(|_| super::shared::DepartmentMembers {
                courses: Vec::new(),
                backed: 0,
                leaders: Vec::new(),
            })
            .collect();
        for (id, course) in site.published() {
            let backed = self.backing.course(id).is_backed();
            for d in &course.departments {
                if let Some(m) = members.get_mut(d.index())
                    && m.courses.last() != Some(&id)
                {
                    m.courses.push(id);
                    m.backed += usize::from(backed);
                }
            }
        }
        for (id, leader) in site.leaders() {
            if let Some(m) = leader.department.and_then(|d| members.get_mut(d.index())) {
                m.leaders.push(id);
            }
        }
        members
    }

    /// A department's summary, its published courses and its leaders.
    pub fn department_page(&self, d: DepartmentId, page: u32) -> DepartmentPage {
        let site = self.site;
        let members = self.department_members();
        let all: &[CourseId] = &members[d.index()].courses;
        let count = routes::department_pages(all.len());
        let page = page.clamp(1, count);
        let first = (page as usize - 1) * routes::DEPARTMENT_PAGE_SIZE;
        let courses: Vec<Hashed<CourseCard>> = all
            .iter()
            .skip(first)
            .take(routes::DEPARTMENT_PAGE_SIZE)
            .map(|&id| self.card(id))
            .collect();
        let pages = (count > 1).then(|| Pages {
            current: page,
            count,
            urls: (1..=count)
                .map(|n| routes::department_page(&site.departments[d.index()].id, n))
                .collect(),
            first: first + 1,
            last: first + courses.len(),
            total: all.len(),
        });
        // The department's leaders are listed once, on its first page.
        let leaders: Vec<LeaderValue> = if page > 1 {
            Vec::new()
        } else {
            members[d.index()]
                .leaders
                .iter()
                .map(|&id| self.leader_value(id))
                .collect()
        };
        DepartmentPage {
            department: self.department_summary(d),
            courses,
            leaders,
            pages,
        }
    }

    fn department_summary(&self, d: DepartmentId) -> DepartmentSummary {
        let members = &self.department_members()[d.index()];
        DepartmentSummary {
            department: self.department(d),
            description: self.site.departments[d].description.clone(),
            courses: members.courses.len(),
            backed: members.backed,
            leaders: members.leaders.len(),
        }
    }

    pub fn departments(&self) -> Vec<DepartmentSummary> {
        self.site
            .departments()
            .map(|(d, _)| self.department_summary(d))
            .collect()
    }
}

/// The script every course of a large catalog is listed in, for its finder: one array
/// per course, `[address, title, summary, format, departments, topics]` (departments and
/// topics as ids separated by spaces). A script rather than data, so it loads from disk.
pub fn catalog_index(site: &Site) -> String {
    let rows: Vec<serde_json::Value> = site
        .published()
        .map(|(_, c)| {
            let summary: String = if c.summary.chars().count() > 160 {
                let cut: String = c.summary.chars().take(157).collect();
                format!("{}…", cut.trim_end())
            } else {
                c.summary.clone()
            };
            let departments: Vec<&str> = c
                .departments
                .iter()
                .map(|&d| site.departments[d.index()].id.as_str())
                .collect();
            serde_json::json!([
                routes::course(&c.slug),
                c.title,
                summary,
                c.format.id(),
                departments.join(" "),
                c.tags.join(" "),
            ])
        })
        .collect();
    let mut out = String::from(
        "// Every course of the catalog, for its course finder: [address, title, summary, format, departments, topics].\nwindow.buyinCatalog = [\n",
    );
    for row in rows {
        out.push_str(&serde_json::to_string(&row).unwrap_or_default());
        out.push_str(",\n");
    }
    out.push_str("];\n");
    out
}
