//! Views shared by many pages, made once per site (leaders, courses, departments,
//! meetings) or once when first asked for (course cards, endorsements), and the
//! fingerprints that tell whether a page changed: a hash of everything its template is
//! given, in which a shared view stands for its own hash.

use std::sync::{Arc, OnceLock};

use serde::Serialize;

use super::{CourseCard, CourseRef, DeptRef, EndorsementView, LeaderView, MeetingRef, SiteView};
use crate::resolve::{Leader, Site};
use crate::routes;

thread_local! {
    static FINGERPRINTING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// A view shown on many pages, with its fingerprint. Templates see the view; a page's
/// fingerprint sees only the view's hash, so a page that shows the same leader twenty
/// times is hashed quickly.
#[derive(Debug)]
pub struct Hashed<T> {
    value: Arc<T>,
    hash: u64,
}

impl<T> Clone for Hashed<T> {
    fn clone(&self) -> Self {
        Hashed {
            value: Arc::clone(&self.value),
            hash: self.hash,
        }
    }
}

impl<T: Serialize> Hashed<T> {
    pub fn new(value: T) -> Self {
        let hash = fingerprint_of(&value).unwrap_or_else(unique);
        Hashed {
            value: Arc::new(value),
            hash,
        }
    }
}

impl<T> std::ops::Deref for Hashed<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T: Serialize> Serialize for Hashed<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if FINGERPRINTING.with(std::cell::Cell::get) {
            serializer.serialize_u64(self.hash)
        } else {
            self.value.serialize(serializer)
        }
    }
}

/// Whether a view is being serialised for its fingerprint (then a view made of one value
/// may stand for that value alone).
pub(super) fn fingerprinting() -> bool {
    FINGERPRINTING.with(std::cell::Cell::get)
}

/// A leader as pages show them.
pub type LeaderValue = Hashed<LeaderView>;
/// A link to a course.
pub type CourseValue = Hashed<CourseRef>;

/// A number never given before, for a view that could not be hashed (so it always
/// counts as changed).
fn unique() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed) ^ 0x9e37_79b9_7f4a_7c15
}

/// A hash of everything `view` holds: the same view gives the same number in any run,
/// and any change to it gives another (but for a chance of one in 2^64). `None` if the
/// view cannot be serialised.
pub fn fingerprint_of<T: Serialize + ?Sized>(view: &T) -> Option<u64> {
    use std::hash::{BuildHasher, Hasher};
    let was = FINGERPRINTING.with(|f| f.replace(true));
    let mut hasher = foldhash::fast::FixedState::with_seed(0x6275_7969_6e00).build_hasher();
    let hashed = view.serialize(&mut super::digest::Digest(&mut hasher));
    FINGERPRINTING.with(|f| f.set(was));
    hashed.ok().map(|()| hasher.finish())
}

/// A name's initials for an avatar without a photo: `Priya Natarajan` → `PN`.
pub fn initials(name: &str) -> String {
    let words: Vec<char> = name
        .split_whitespace()
        .filter_map(|w| w.chars().find(|c| c.is_alphabetic()))
        .collect();
    match words.as_slice() {
        [] => String::new(),
        [one] => one.to_uppercase().collect(),
        [first, .., last] => first.to_uppercase().chain(last.to_uppercase()).collect(),
    }
}

/// Views shared by many pages, for one site.
pub struct Shared {
    pub leaders: Vec<LeaderValue>,
    pub courses: Vec<CourseValue>,
    pub departments: Vec<DeptRef>,
    pub meetings: Vec<MeetingRef>,
    /// Each department's published courses and leaders, found once for all its pages.
    pub(super) members: OnceLock<Vec<DepartmentMembers>>,
}

/// Course cards and endorsements as pages show them, each made once for a batch of pages
/// (a catalog and the department pages share the cards, course and leader pages the
/// endorsements) and dropped with the batch, so a served site does not keep them all.
#[derive(Default)]
pub struct ViewCache {
    pub(super) cards: Vec<OnceLock<Hashed<CourseCard>>>,
    pub(super) endorsements: Vec<OnceLock<Hashed<EndorsementView>>>,
}

/// A department's published courses (in the site's order), how many of them are backed,
/// and its leaders.
pub(super) struct DepartmentMembers {
    pub courses: Vec<crate::resolve::CourseId>,
    pub backed: usize,
    pub leaders: Vec<crate::resolve::LeaderId>,
}

impl ViewCache {
    /// A cache for a batch of pages of `site`.
    pub fn new(site: &Site) -> Self {
        ViewCache {
            cards: (0..site.courses.len()).map(|_| OnceLock::new()).collect(),
            endorsements: (0..site.endorsements.len())
                .map(|_| OnceLock::new())
                .collect(),
        }
    }

    /// No cache: for one page, which makes each view once anyway.
    pub fn none() -> Self {
        ViewCache::default()
    }
}

impl Shared {
    pub fn new(site: &Site) -> Self {
        let departments: Vec<DeptRef> = site
            .departments
            .iter()
            .map(|d| DeptRef {
                id: d.id.clone(),
                name: d.name.clone(),
                url: routes::department(&d.id),
            })
            .collect();
        let leaders = site
            .leaders
            .iter()
            .map(|l: &Leader| {
                Hashed::new(LeaderView {
                    id: l.id.clone(),
                    url: routes::leader(&l.id),
                    name: l.name.clone(),
                    title: l.title.clone(),
                    title_lang: super::Original(l.original.clone()),
                    department: l.department.map(|d| departments[d.index()].clone()),
                    seniority: l.seniority.id(),
                    is_senior: l.seniority.is_senior(),
                    initials: initials(&l.name),
                    photo: l.photo.clone(),
                    ask: l.contact.clone().or_else(|| site.config.ask_url.clone()),
                })
            })
            .collect();
        let courses = site
            .courses
            .iter()
            .map(|c| {
                Hashed::new(CourseRef {
                    slug: c.slug.clone(),
                    title: c.title.clone(),
                    url: routes::course(&c.slug),
                    lang: super::Original(c.field_lang("title")),
                })
            })
            .collect();
        let meetings = site
            .meetings
            .iter()
            .map(|m| MeetingRef {
                id: m.id.clone(),
                url: routes::meeting(&m.id),
                title: m.title.clone(),
                lang: super::Original(m.original.clone()),
                date: m.date.into(),
                kind: m.kind.id(),
            })
            .collect();
        Shared {
            leaders,
            courses,
            departments,
            meetings,
            members: OnceLock::new(),
        }
    }

    pub fn site_view(&self, site: &Site) -> SiteView {
        SiteView {
            title: site.config.title.clone(),
            organisation: site.config.organisation.clone(),
            language: site.config.language.clone(),
            base_url: site.config.base_url.clone(),
            departments: self.departments.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_of_names() {
        assert_eq!(initials("Priya Natarajan"), "PN");
        assert_eq!(initials("Ana María de la Cruz"), "AC");
        assert_eq!(initials("Madonna"), "M");
    }

    #[test]
    fn fingerprints_see_every_field_and_shared_views_by_their_hash() {
        #[derive(Serialize)]
        struct Page {
            title: String,
            leader: Hashed<String>,
        }
        let page = |title: &str, leader: &str| Page {
            title: title.to_string(),
            leader: Hashed::new(leader.to_string()),
        };
        let a = fingerprint_of(&page("A", "Ann")).unwrap();
        assert_eq!(a, fingerprint_of(&page("A", "Ann")).unwrap());
        assert_ne!(a, fingerprint_of(&page("B", "Ann")).unwrap());
        assert_ne!(a, fingerprint_of(&page("A", "Bob")).unwrap());
        // Outside fingerprinting, the shared view is shown whole.
        let json = serde_json::to_string(&page("A", "Ann")).unwrap();
        assert_eq!(json, r#"{"title":"A","leader":"Ann"}"#);
    }
}
