//! Stage 3, `render`: plans a resolved `Site` as a `RenderedSite`, a sorted map from
//! output path to how its bytes are made (pages through the theme's templates; feed,
//! sitemap and calendars directly), and makes those bytes when asked, so a large site never
//! sits in memory whole. What a page shows comes from `views`; its words from the theme.
//! Touches no output folder.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use crate::backing::Backing;
use crate::diagnostics::Diagnostic;
use crate::markdown::{self, Origin};
use crate::model::Date;
use crate::resolve::{CourseId, Site};
use crate::routes;
use crate::theme::{self, Theme};
use crate::views::{Markdown, Page, PageView, Shared, ViewCache, Views, fingerprint_of};

/// What ends up in one output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    /// A page through the theme's templates.
    Page(Page),
    /// The calendar of one course's sessions.
    Calendar(CourseId),
    /// The Atom feed.
    Feed,
    /// sitemap.xml.
    Sitemap,
    /// Copied from this file.
    Copy(PathBuf),
    /// Bytes built into the binary.
    Static(&'static [u8]),
}

/// The language of a page, for its `lang` and `dir` attributes.
#[derive(serde::Serialize)]
struct LangView<'a> {
    code: &'a str,
    rtl: bool,
}

/// Everything a page needs: the site, its backing, the theme and this build's settings.
struct Renderer {
    site: Arc<Site>,
    backing: Arc<Backing>,
    shared: Shared,
    theme: Arc<Theme>,
    today: Date,
    /// The moment of the build, for calendars.
    built: jiff::Timestamp,
    raw_html: markdown::RawHtml,
    not_found_root: String,
    /// What every template sees as `site`, and a hash of it.
    site_view: tera::Value,
    site_hash: u64,
}

/// A site ready to be written or served: every output path and how to make its bytes.
#[derive(Clone)]
pub struct RenderedSite {
    pub files: Arc<BTreeMap<String, Output>>,
    renderer: Arc<Renderer>,
}

impl std::fmt::Debug for RenderedSite {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RenderedSite")
            .field("files", &self.files.len())
            .finish()
    }
}

/// The bytes of one output file, and the warnings found while making them.
pub struct Made {
    pub bytes: Cow<'static, [u8]>,
    pub diagnostics: Vec<Diagnostic>,
}

impl RenderedSite {
    pub fn site(&self) -> &Arc<Site> {
        &self.renderer.site
    }

    pub fn backing(&self) -> &Arc<Backing> {
        &self.renderer.backing
    }

    pub fn theme(&self) -> &Arc<Theme> {
        &self.renderer.theme
    }

    /// Renders the pages at `paths` (in parallel) and returns every problem found. A
    /// template mistake repeated on many pages is reported once.
    pub fn check_paths<'a>(&self, paths: impl IntoIterator<Item = &'a String>) -> Vec<Diagnostic> {
        summarise_repeats(
            self.problems_of(paths)
                .into_iter()
                .flat_map(|(_, problems)| problems)
                .collect(),
        )
    }

    /// Renders the pages at `paths` (in parallel; other outputs are left out) and returns
    /// the problems found in each.
    pub fn problems_of<'a>(
        &self,
        paths: impl IntoIterator<Item = &'a String>,
    ) -> Vec<(String, Vec<Diagnostic>)> {
        let pages: Vec<(&String, &Output)> = paths
            .into_iter()
            .filter_map(|p| self.files.get_key_value(p))
            .filter(|(_, o)| matches!(o, Output::Page(_)))
            .collect();
        let cache = self.view_cache();
        pages
            .par_iter()
            .map(|(path, output)| {
                let problems = match self.make_with(path, output, &cache) {
                    Ok(made) => made.diagnostics,
                    Err(diagnostics) => diagnostics,
                };
                ((*path).clone(), problems)
            })
            .collect()
    }

    /// Renders every page without keeping the results, and returns every problem found.
    pub fn check_all(&self) -> Vec<Diagnostic> {
        self.check_paths(self.files.keys())
    }

    /// A cache of the views shared by pages, for making many pages at once.
    pub fn view_cache(&self) -> ViewCache {
        ViewCache::new(&self.renderer.site)
    }

    /// Makes the bytes of `output` (stored at `path`). A page with a template error or an
    /// unsafe link gives `Err` with every problem found.
    pub fn make(&self, path: &str, output: &Output) -> Result<Made, Vec<Diagnostic>> {
        self.make_with(path, output, &ViewCache::none())
    }

    /// As [`RenderedSite::make`], sharing views with the other pages made with `cache`.
    pub fn make_with(
        &self,
        path: &str,
        output: &Output,
        cache: &ViewCache,
    ) -> Result<Made, Vec<Diagnostic>> {
        let r = &self.renderer;
        let bytes: Cow<'static, [u8]> = match output {
            Output::Page(page) => {
                let (html, diagnostics) = r.page(*page, path, cache)?;
                if diagnostics.iter().any(Diagnostic::is_error) {
                    return Err(diagnostics);
                }
                return Ok(Made {
                    bytes: html.into_bytes().into(),
                    diagnostics,
                });
            }
            Output::Calendar(c) => {
                let course = &r.site.courses[*c];
                let changed = std::fs::metadata(r.site.root.join(&course.file))
                    .and_then(|m| m.modified())
                    .ok()
                    .and_then(|t| jiff::Timestamp::try_from(t).ok());
                let times = crate::feeds::CalendarTimes {
                    built: r.built,
                    changed,
                };
                crate::feeds::calendar(&r.site, course, times)
                    .into_bytes()
                    .into()
            }
            Output::Feed => crate::feeds::atom(&r.site, &r.backing, &r.theme.strings)
                .into_bytes()
                .into(),
            Output::Sitemap => crate::feeds::sitemap(&r.site, self.files.keys())
                .unwrap_or_default()
                .into_bytes()
                .into(),
            Output::Static(b) => (*b).into(),
            Output::Copy(p) => std::fs::read(p)
                .map_err(|e| {
                    vec![
                        Diagnostic::error(
                            &crate::codes::UNREADABLE_FILE,
                            format!("cannot read `{}`: {e}", p.display()),
                        )
                        .at(crate::diagnostics::Location::file(p.display().to_string())),
                    ]
                })?
                .into(),
        };
        Ok(Made {
            bytes,
            diagnostics: Vec::new(),
        })
    }

    /// The bytes at `path`, if the site has such a file (for serving).
    pub fn bytes(&self, path: &str) -> Option<Result<Vec<u8>, Vec<Diagnostic>>> {
        let output = self.files.get(path)?;
        Some(self.make(path, output).map(|m| m.bytes.into_owned()))
    }

    /// A number that changes whenever the bytes of the output at `path` would: for pages,
    /// a hash of everything their template is given (with Markdown hashed as written, not
    /// rendered); for the rest, a hash of their bytes or, for copied files, of their path.
    /// Copied files that change on disk are named by the caller. `cache` is shared by the
    /// outputs fingerprinted together.
    pub fn fingerprint(&self, path: &str, output: &Output, cache: &ViewCache) -> u64 {
        let r = &self.renderer;
        match output {
            Output::Page(page) => {
                let view = r.views(cache).page(*page, path, &|m| r.markdown_digest(m));
                fingerprint_of(&(r.site_hash, &view)).unwrap_or(0)
            }
            Output::Copy(source) => fingerprint_of(&(path, source)).unwrap_or(0),
            Output::Static(bytes) => hash_bytes(path, bytes),
            other => match self.make(path, other) {
                Ok(made) => hash_bytes(path, &made.bytes),
                Err(_) => 0,
            },
        }
    }
}

/// A hash of an output's path and bytes.
fn hash_bytes(path: &str, bytes: &[u8]) -> u64 {
    use std::hash::BuildHasher;
    let mut hasher = foldhash::fast::FixedState::with_seed(0x6275_7969_6e00).build_hasher();
    path.hash(&mut hasher);
    hasher.write(bytes);
    hasher.finish()
}

/// Keeps the first of diagnostics that differ only in the page being rendered, noting
/// how many other pages have the same problem.
pub fn summarise_repeats(found: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut seen: std::collections::HashMap<(String, String, usize, usize), usize> =
        std::collections::HashMap::new();
    let mut out: Vec<Diagnostic> = Vec::new();
    let mut repeats: Vec<usize> = Vec::new();
    for d in found {
        let key = match &d.location {
            Some(l) => (d.message.clone(), l.file.clone(), l.line, l.column),
            None => (d.message.clone(), String::new(), 0, 0),
        };
        match seen.get(&key) {
            Some(&i) if d.note.is_some() => repeats[i] += 1,
            _ => {
                seen.insert(key, out.len());
                out.push(d);
                repeats.push(0);
            }
        }
    }
    for (d, n) in out.iter_mut().zip(repeats) {
        if n > 0
            && let Some(note) = &mut d.note
        {
            note.push_str(&format!(
                " (and {n} other page{})",
                if n == 1 { "" } else { "s" }
            ));
        }
    }
    out
}

impl Renderer {
    fn views<'a>(&'a self, cache: &'a ViewCache) -> Views<'a> {
        Views::new(
            &self.site,
            &self.backing,
            &self.shared,
            cache,
            &self.theme.strings,
            self.today,
        )
    }

    /// The HTML of some Markdown a page shows, and the problems found in it.
    fn markdown(&self, what: Markdown) -> (String, Vec<Diagnostic>) {
        match what {
            Markdown::CourseBody(c) => {
                let c = &self.site.courses[c];
                markdown::render(
                    c.body(),
                    Origin {
                        file: &c.file,
                        whole: &c.text,
                        first_line: c.body_line,
                        indent: 0,
                    },
                    self.raw_html,
                    markdown::Assets {
                        prefix: &routes::course_assets_prefix(&c.slug),
                        names: &c.assets,
                    },
                )
            }
            Markdown::BriefWhy(c) => {
                let c = &self.site.courses[c];
                let Some(why) = c.brief.as_ref().and_then(|b| b.why.as_ref()) else {
                    return (String::new(), Vec::new());
                };
                // The brief's page is in briefs/, beside courses/.
                let prefix = format!("../{}", routes::course_asset(&c.slug, ""));
                markdown::render(
                    &why.markdown,
                    Origin {
                        file: &c.file,
                        whole: &why.text,
                        first_line: why.first_line,
                        indent: why.indent,
                    },
                    self.raw_html,
                    markdown::Assets {
                        prefix: &prefix,
                        names: &c.assets,
                    },
                )
            }
            Markdown::MeetingSummary(m) => {
                let meeting = &self.site.meetings[m];
                let Some(s) = &meeting.summary else {
                    return (String::new(), Vec::new());
                };
                markdown::render(
                    &s.markdown,
                    Origin {
                        file: &meeting.file,
                        whole: &s.text,
                        first_line: s.first_line,
                        indent: s.indent,
                    },
                    markdown::RawHtml::Escape,
                    markdown::Assets::NONE,
                )
            }
        }
    }

    /// Stands in for the HTML of some Markdown: a hash of everything the HTML is made from
    /// (the text, where it sits in its file, and the assets its links may name).
    fn markdown_digest(&self, what: Markdown) -> String {
        use std::hash::BuildHasher;
        let mut h = foldhash::fast::FixedState::with_seed(0x6275_7969_6e00).build_hasher();
        match what {
            Markdown::CourseBody(c) => {
                let c = &self.site.courses[c];
                (c.body(), &c.file, c.body_line, &c.slug, &c.assets).hash(&mut h);
                matches!(self.raw_html, markdown::RawHtml::Allow).hash(&mut h);
            }
            Markdown::BriefWhy(c) => {
                let c = &self.site.courses[c];
                if let Some(why) = c.brief.as_ref().and_then(|b| b.why.as_ref()) {
                    (&why.markdown, &c.file, why.first_line, why.indent).hash(&mut h);
                    (&c.slug, &c.assets).hash(&mut h);
                    matches!(self.raw_html, markdown::RawHtml::Allow).hash(&mut h);
                }
            }
            Markdown::MeetingSummary(m) => {
                let m = &self.site.meetings[m];
                if let Some(s) = &m.summary {
                    (&s.markdown, &m.file, s.first_line, s.indent).hash(&mut h);
                }
            }
        }
        format!("{:016x}", h.finish())
    }

    /// The theme's stylesheet, for a page that carries it inline.
    fn stylesheet_text(&self) -> String {
        let bytes = match self.theme.static_files.get(routes::STYLESHEET) {
            Some(theme::Source::BuiltIn(b)) => Cow::Borrowed(*b),
            Some(theme::Source::Disk(p)) => Cow::Owned(std::fs::read(p).unwrap_or_default()),
            None => Cow::Borrowed(&[][..]),
        };
        // Nothing in a stylesheet may end the element that holds it.
        String::from_utf8_lossy(&bytes).replace("</", "<\\/")
    }

    /// The HTML of `page` at `url`, and the warnings found in its content.
    fn page(
        &self,
        page: Page,
        url: &str,
        cache: &ViewCache,
    ) -> Result<(String, Vec<Diagnostic>), Vec<Diagnostic>> {
        let found = std::sync::Mutex::new(Vec::new());
        let html = |what| {
            let (html, d) = self.markdown(what);
            found.lock().unwrap_or_else(|e| e.into_inner()).extend(d);
            html
        };
        let view: PageView = self.views(cache).page(page, url, &html);
        let mut diags = found.into_inner().unwrap_or_else(|e| e.into_inner());
        let mut context = match tera::Context::from_serialize(&view.data) {
            Ok(c) => c,
            Err(e) => {
                diags.push(self.theme.describe(&e, Some(url)));
                return Err(diags);
            }
        };
        context.insert("site", &self.site_view);
        let root = routes::root_for(url);
        context.insert("assets", &root);
        context.insert("root", &root);
        context.insert(
            "lang",
            &LangView {
                code: &self.site.config.language,
                rtl: false,
            },
        );
        context.insert("page", &view.page);
        if page == Page::NotFound {
            // Shown at any address: styled without a second file, and its links made
            // relative to the site's folder once it is known to be served from it.
            context.insert("base_path", &self.not_found_root);
            context.insert("stylesheet_text", &self.stylesheet_text());
        }
        match self.theme.tera.render(view.template, &context) {
            Ok(html) => Ok((html, diags)),
            Err(e) => {
                diags.push(self.theme.describe(&e, Some(url)));
                Err(diags)
            }
        }
    }
}

/// Every output path of `site` and how it is made.
fn plan(site: &Site, theme: &Theme) -> BTreeMap<String, Output> {
    let mut files: BTreeMap<String, Output> = BTreeMap::new();
    for (path, source) in &theme.static_files {
        let output = match source {
            theme::Source::BuiltIn(b) => Output::Static(b),
            theme::Source::Disk(p) => Output::Copy(p.clone()),
        };
        files.insert(path.clone(), output);
    }
    for f in site.static_files.iter() {
        files.insert(f.output.clone(), Output::Copy(f.source.clone()));
    }
    files.insert(routes::CATALOG.into(), Output::Page(Page::Catalog));
    for (id, c) in site.published() {
        files.insert(routes::course(&c.slug), Output::Page(Page::Course(id)));
        if c.brief.is_some() {
            files.insert(routes::brief(&c.slug), Output::Page(Page::Brief(id)));
        }
        for (source, below) in &c.assets {
            files.insert(
                routes::course_asset(&c.slug, below),
                Output::Copy(source.clone()),
            );
        }
        if !c.sessions.is_empty() {
            files.insert(routes::course_calendar(&c.slug), Output::Calendar(id));
        }
    }
    files.insert(routes::LEADERS.into(), Output::Page(Page::Leaders));
    for (id, l) in site.leaders() {
        files.insert(routes::leader(&l.id), Output::Page(Page::Leader(id)));
    }
    files.insert(routes::MEETINGS.into(), Output::Page(Page::Meetings));
    for (id, m) in site.meetings() {
        files.insert(routes::meeting(&m.id), Output::Page(Page::Meeting(id)));
    }
    files.insert(routes::DEPARTMENTS.into(), Output::Page(Page::Departments));
    for (id, d) in site.departments() {
        files.insert(
            routes::department(&d.id),
            Output::Page(Page::Department(id)),
        );
    }
    files.insert(routes::POLLS.into(), Output::Page(Page::Polls));
    if site.config.report {
        files.insert(routes::REPORT.into(), Output::Page(Page::Report));
    }
    files.insert(routes::NOT_FOUND.into(), Output::Page(Page::NotFound));
    files.insert(routes::FEED.into(), Output::Feed);
    if site.config.base_url.is_some() {
        files.insert(routes::SITEMAP.into(), Output::Sitemap);
    }
    files
}

/// Loads the theme `site` names, ready to render it: its templates compiled, the site
/// and the URL names given to every template.
pub fn load_theme(site: &Site) -> Result<Theme, Vec<Diagnostic>> {
    theme::load(&site.root, &site.config.theme, &site.config.language)
}

/// Plans the site with a theme already loaded (the theme is shared, not copied).
pub fn render_with(
    site: Arc<Site>,
    backing: Arc<Backing>,
    theme: Arc<Theme>,
    today: Date,
    built: jiff::Timestamp,
) -> RenderedSite {
    let shared = Shared::new(&site);
    let files = plan(&site, &theme);
    let site_view = shared.site_view(&site);
    let site_hash = fingerprint_of(&site_view).unwrap_or(0);
    let site_view = tera::Value::from_serializable(&site_view);
    let not_found_root = routes::base_path(site.config.base_url.as_deref());
    let raw_html = if site.config.allow_raw_html {
        markdown::RawHtml::Allow
    } else {
        markdown::RawHtml::Escape
    };
    RenderedSite {
        files: Arc::new(files),
        renderer: Arc::new(Renderer {
            site,
            backing,
            shared,
            theme,
            today,
            built,
            raw_html,
            not_found_root,
            site_view,
            site_hash,
        }),
    }
}

/// Plans the site: loads its theme and lists every output. Fails only when the theme
/// cannot be loaded; problems in pages are found when they are rendered.
pub fn render(
    site: Arc<Site>,
    backing: Arc<Backing>,
    today: Date,
) -> Result<RenderedSite, Vec<Diagnostic>> {
    let theme = load_theme(&site)?;
    Ok(render_with(
        site,
        backing,
        Arc::new(theme),
        today,
        start_of(today),
    ))
}

/// Midnight UTC at the start of `day`.
pub fn start_of(day: Date) -> jiff::Timestamp {
    day.0
        .at(0, 0, 0, 0)
        .to_zoned(jiff::tz::TimeZone::UTC)
        .map_or(jiff::Timestamp::UNIX_EPOCH, |z| z.timestamp())
}
