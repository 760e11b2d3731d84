//! Every output path and URL of a site: where each page, calendar, feed and asset is
//! written, how a page links back to the site root, and how a path becomes an absolute
//! address when the site has a `base_url`. Everything else asks this module, so paths are
//! made in one place; it knows no records, only their ids.
//!
//! One file per page, beside its section's index, so a site of many thousands of pages
//! needs only a handful of folders (every folder costs the file system an inode).

use serde::Serialize;

/// The catalog: every course.
pub const CATALOG: &str = "index.html";
pub const LEADERS: &str = "leaders/index.html";
pub const MEETINGS: &str = "meetings/index.html";
pub const DEPARTMENTS: &str = "departments/index.html";
pub const POLLS: &str = "polls/index.html";
/// The learning team's report page, when site.yaml asks for it.
pub const REPORT: &str = "report/index.html";
pub const NOT_FOUND: &str = "404.html";
pub const FEED: &str = "feed.xml";
pub const SITEMAP: &str = "sitemap.xml";
/// The stylesheet of the theme, at the root like every theme file.
pub const STYLESHEET: &str = "style.css";
/// The site's icon, from the theme.
pub const FAVICON: &str = "favicon.svg";

pub fn course(slug: &str) -> String {
    format!("courses/{slug}.html")
}

/// The calendar of a course's sessions.
pub fn course_calendar(slug: &str) -> String {
    format!("courses/{slug}.ics")
}

/// A file kept beside a course's `index.md` (an image), published below the course.
pub fn course_asset(slug: &str, below: &str) -> String {
    format!("courses/{slug}/{below}")
}

/// The folder a course's assets are published in, as a course page's Markdown sees it.
pub fn course_assets_prefix(slug: &str) -> String {
    format!("{slug}/")
}

/// A course's manager's brief, with its printable sign-off form.
pub fn brief(slug: &str) -> String {
    format!("briefs/{slug}.html")
}

/// An answered question, on its course's page.
pub fn question(course_slug: &str, id: &str) -> String {
    format!("{}#question-{id}", course(course_slug))
}

pub fn leader(id: &str) -> String {
    format!("leaders/{id}.html")
}

pub fn meeting(id: &str) -> String {
    format!("meetings/{id}.html")
}

pub fn department(id: &str) -> String {
    format!("departments/{id}.html")
}

/// Page `page` (from 1) of a department's courses: the first is the department's page.
pub fn department_page(id: &str, page: u32) -> String {
    if page <= 1 {
        department(id)
    } else {
        format!("departments/{id}-{page}.html")
    }
}

/// How many course cards a department page shows; a department with more has further
/// pages.
pub const DEPARTMENT_PAGE_SIZE: usize = 60;

/// A catalog of up to this many courses shows every card; a larger one shows the first
/// `CATALOG_PREVIEW`, and its finder searches every course through `catalog-index.js`.
pub const CATALOG_ALL_UP_TO: usize = 60;
pub const CATALOG_PREVIEW: usize = 24;

/// Every course of a large catalog, for its finder (a script, so it loads from disk too).
pub const CATALOG_INDEX: &str = "catalog-index.js";

/// How many pages a department with `courses` courses has.
pub fn department_pages(courses: usize) -> u32 {
    courses.div_ceil(DEPARTMENT_PAGE_SIZE).max(1) as u32
}

/// A poll problem, on the page of all polls.
pub fn problem(id: &str) -> String {
    format!("{POLLS}#{id}")
}

/// The relative prefix from `path` (below the site root) back to the root: `../` per
/// folder, so links work under any sub-path and from a file share.
pub fn root_for(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// `path` as an absolute address under `base_url` (which ends with `/`), or as it is.
pub fn absolute(base_url: Option<&str>, path: &str) -> String {
    match base_url {
        Some(base) => format!("{base}{path}"),
        None => path.to_string(),
    }
}

/// The path part of `base_url` (`/training/`), for pages reached from any address (the
/// 404 page), or `""` when there is none.
pub fn base_path(base_url: Option<&str>) -> String {
    base_url
        .and_then(|u| u.split_once("://").map(|(_, rest)| rest))
        .and_then(|rest| rest.find('/').map(|i| rest[i..].to_string()))
        .unwrap_or_default()
}

/// The fixed pages, for templates (`{{ root }}{{ urls.leaders }}`).
#[derive(Debug, Clone, Serialize)]
pub struct Urls {
    pub catalog: &'static str,
    pub leaders: &'static str,
    pub meetings: &'static str,
    pub departments: &'static str,
    pub polls: &'static str,
    pub feed: &'static str,
    pub stylesheet: &'static str,
    pub favicon: &'static str,
    pub catalog_index: &'static str,
}

pub const URLS: Urls = Urls {
    catalog: CATALOG,
    leaders: LEADERS,
    meetings: MEETINGS,
    departments: DEPARTMENTS,
    polls: POLLS,
    feed: FEED,
    stylesheet: STYLESHEET,
    favicon: FAVICON,
    catalog_index: CATALOG_INDEX,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots_lead_back_to_the_site_root() {
        assert_eq!(root_for("index.html"), "");
        assert_eq!(root_for(&course("a")), "../");
        assert_eq!(root_for("courses/a/index.html"), "../../");
    }

    #[test]
    fn base_paths_and_absolute_addresses() {
        let base = Some("https://intranet.example.org/training/");
        assert_eq!(base_path(base), "/training/");
        assert_eq!(base_path(None), "");
        assert_eq!(
            absolute(base, FEED),
            "https://intranet.example.org/training/feed.xml"
        );
        assert_eq!(absolute(None, FEED), "feed.xml");
    }
}
