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
use crate::strings::Arg;
use crate::theme::{self, Theme};
use crate::views::{Markdown, Page, PageView, Shared, ViewCache, Views, fingerprint_of};

/// One of the site's languages, by its place in `languages:` (0 is the default).
pub type LangId = u8;

/// What ends up in one output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    /// A page through the theme's templates, in a language.
    Page(Page, LangId),
    /// The calendar of one course's sessions, in a language.
    Calendar(CourseId, LangId),
    /// The Atom feed of a language.
    Feed(LangId),
    /// Every course of a large catalog, for its finder.
    CatalogIndex(LangId),
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
    /// Some text on the page is shown in its original language.
    untranslated: bool,
}

/// A language the site is published in: its pages' folder, the site as it reads in that
/// language, and the theme with that language's words.
struct Lang {
    code: String,
    /// Where its pages go: `""` for the default language, `fr/` for the others.
    prefix: String,
    site: Arc<Site>,
    shared: Shared,
    theme: Arc<Theme>,
    /// What every template sees as `site`, and a hash of it.
    site_view: tera::Value,
    site_hash: u64,
    /// Written right to left.
    rtl: bool,
}

/// Everything a page needs: the site in each language, its backing, the themes and this
/// build's settings.
struct Renderer {
    langs: Vec<Lang>,
    backing: Arc<Backing>,
    today: Date,
    /// The moment of the build, for calendars.
    built: jiff::Timestamp,
    raw_html: markdown::RawHtml,
    not_found_root: String,
}

/// Views shared by the pages made together, one cache per language.
pub struct PageCache(Vec<ViewCache>);

impl PageCache {
    fn of(&self, lang: LangId) -> &ViewCache {
        static NONE: std::sync::LazyLock<ViewCache> = std::sync::LazyLock::new(ViewCache::none);
        self.0.get(usize::from(lang)).unwrap_or(&NONE)
    }
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
    /// The site in its default language.
    pub fn site(&self) -> &Arc<Site> {
        &self.renderer.langs[0].site
    }

    pub fn backing(&self) -> &Arc<Backing> {
        &self.renderer.backing
    }

    /// The theme with the default language's words.
    pub fn theme(&self) -> &Arc<Theme> {
        &self.renderer.langs[0].theme
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
            .filter(|(_, o)| matches!(o, Output::Page(..)))
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

    /// A hash of the files read from the site's own theme folder, in every language.
    pub fn theme_fingerprint(&self) -> u64 {
        self.renderer
            .langs
            .iter()
            .fold(0, |all, l| all.rotate_left(5) ^ l.theme.fingerprint)
    }

    /// A cache of the views shared by pages, for making many pages at once.
    pub fn view_cache(&self) -> PageCache {
        PageCache(
            self.renderer
                .langs
                .iter()
                .map(|l| ViewCache::new(&l.site))
                .collect(),
        )
    }

    /// Makes the bytes of `output` (stored at `path`). A page with a template error or an
    /// unsafe link gives `Err` with every problem found.
    pub fn make(&self, path: &str, output: &Output) -> Result<Made, Vec<Diagnostic>> {
        self.make_with(path, output, &PageCache(Vec::new()))
    }

    /// As [`RenderedSite::make`], sharing views with the other pages made with `cache`.
    pub fn make_with(
        &self,
        path: &str,
        output: &Output,
        cache: &PageCache,
    ) -> Result<Made, Vec<Diagnostic>> {
        let r = &self.renderer;
        let bytes: Cow<'static, [u8]> = match output {
            Output::Page(page, lang) => {
                let (html, diagnostics) = r.page(*page, *lang, path, cache.of(*lang))?;
                if diagnostics.iter().any(Diagnostic::is_error) {
                    return Err(diagnostics);
                }
                return Ok(Made {
                    bytes: html.into_bytes().into(),
                    diagnostics,
                });
            }
            Output::Calendar(c, lang) => {
                let site = &r.lang(*lang).site;
                crate::feeds::Calendar::of(site, &site.courses[*c], r.built)
                    .text()
                    .into_bytes()
                    .into()
            }
            Output::Feed(lang) => {
                let l = r.lang(*lang);
                crate::feeds::atom(&l.site, &r.backing, &l.theme.strings, &l.prefix)
                    .into_bytes()
                    .into()
            }
            Output::CatalogIndex(lang) => {
                let l = r.lang(*lang);
                crate::views::catalog_index(&l.site).into_bytes().into()
            }
            Output::Sitemap => crate::feeds::sitemap(r.site(), self.files.keys(), &r.prefixes())
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
    pub fn fingerprint(&self, path: &str, output: &Output, cache: &PageCache) -> u64 {
        let r = &self.renderer;
        match output {
            Output::Page(page, lang) => {
                let l = r.lang(*lang);
                let inner = path.strip_prefix(l.prefix.as_str()).unwrap_or(path);
                let view = r
                    .views(*lang, cache.of(*lang))
                    .page(*page, inner, &|m| r.markdown_digest(*lang, m));
                fingerprint_of(&(l.site_hash, &view)).unwrap_or(0)
            }
            Output::Calendar(c, lang) => {
                let site = &r.lang(*lang).site;
                let calendar = crate::feeds::Calendar::of(site, &site.courses[*c], r.built);
                fingerprint_of(&(path, calendar.fingerprint())).unwrap_or(0)
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
    fn lang(&self, lang: LangId) -> &Lang {
        self.langs.get(usize::from(lang)).unwrap_or(&self.langs[0])
    }

    fn site(&self) -> &Arc<Site> {
        &self.langs[0].site
    }

    /// Each language's code and the folder of its pages.
    fn prefixes(&self) -> Vec<(String, String)> {
        self.langs
            .iter()
            .map(|l| (l.code.clone(), l.prefix.clone()))
            .collect()
    }

    fn views<'a>(&'a self, lang: LangId, cache: &'a ViewCache) -> Views<'a> {
        let l = self.lang(lang);
        Views::new(
            &l.site,
            &self.backing,
            &l.shared,
            cache,
            &l.theme.strings,
            self.today,
        )
    }

    /// The HTML of some Markdown a page shows, and the problems found in it.
    fn markdown(&self, lang: LangId, what: Markdown) -> (String, Vec<Diagnostic>) {
        let l = self.lang(lang);
        // Pages of other languages are a folder further from the course's files.
        let up = if l.prefix.is_empty() {
            String::new()
        } else {
            routes::root_for(&l.prefix)
        };
        match what {
            Markdown::CourseBody(c) => {
                let c = &l.site.courses[c];
                let prefix = if up.is_empty() {
                    routes::course_assets_prefix(&c.slug)
                } else {
                    format!("../{up}{}", routes::course_asset(&c.slug, ""))
                };
                let whole = match c.body.read(&l.site.root, &c.file) {
                    Ok(whole) => whole,
                    Err(problem) => return (String::new(), vec![problem]),
                };
                markdown::render(
                    &whole[c.body.range.clone()],
                    Origin {
                        file: &c.file,
                        whole: &whole,
                        first_line: c.body.line,
                        indent: 0,
                    },
                    self.raw_html,
                    markdown::Assets {
                        prefix: &prefix,
                        names: &c.assets,
                    },
                )
            }
            Markdown::BriefWhy(c) => {
                let c = &l.site.courses[c];
                let Some(why) = c.brief.as_ref().and_then(|b| b.why.as_ref()) else {
                    return (String::new(), Vec::new());
                };
                // The brief's page is in briefs/, beside courses/.
                let prefix = format!("../{up}{}", routes::course_asset(&c.slug, ""));
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
                let meeting = &l.site.meetings[m];
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
    fn markdown_digest(&self, lang: LangId, what: Markdown) -> String {
        use std::hash::BuildHasher;
        let mut h = foldhash::fast::FixedState::with_seed(0x6275_7969_6e00).build_hasher();
        let site = &self.lang(lang).site;
        lang.hash(&mut h);
        match what {
            Markdown::CourseBody(c) => {
                let c = &site.courses[c];
                (&c.body, &c.file, &c.slug, &c.assets).hash(&mut h);
                matches!(self.raw_html, markdown::RawHtml::Allow).hash(&mut h);
            }
            Markdown::BriefWhy(c) => {
                let c = &site.courses[c];
                if let Some(why) = c.brief.as_ref().and_then(|b| b.why.as_ref()) {
                    (&why.markdown, &c.file, why.first_line, why.indent).hash(&mut h);
                    (&c.slug, &c.assets).hash(&mut h);
                    matches!(self.raw_html, markdown::RawHtml::Allow).hash(&mut h);
                }
            }
            Markdown::MeetingSummary(m) => {
                let m = &site.meetings[m];
                if let Some(s) = &m.summary {
                    (&s.markdown, &m.file, s.first_line, s.indent).hash(&mut h);
                }
            }
        }
        format!("{:016x}", h.finish())
    }

    /// The bytes of one of the theme's files (empty if it has none or it cannot be read).
    fn theme_file(&self, name: &str) -> Cow<'static, [u8]> {
        match self.langs[0].theme.static_files.get(name) {
            Some(theme::Source::BuiltIn(b)) => Cow::Borrowed(*b),
            Some(theme::Source::Disk(p)) => Cow::Owned(std::fs::read(p).unwrap_or_default()),
            None => Cow::Borrowed(&[]),
        }
    }

    /// The theme's icon as a `data:` address, for a page shown at any address.
    fn favicon_data(&self) -> String {
        let bytes = self.theme_file(routes::FAVICON);
        let mut out = String::from("data:image/svg+xml,");
        for c in String::from_utf8_lossy(&bytes).trim().chars() {
            match c {
                'A'..='Z'
                | 'a'..='z'
                | '0'..='9'
                | '-'
                | '.'
                | '_'
                | '~'
                | '/'
                | ':'
                | '='
                | ','
                | ';' => out.push(c),
                '\n' | '\r' | '\t' => out.push(' '),
                c => {
                    let mut buf = [0u8; 4];
                    for b in c.encode_utf8(&mut buf).bytes() {
                        out.push_str(&format!("%{b:02X}"));
                    }
                }
            }
        }
        out
    }

    /// The theme's stylesheet, for a page that carries it inline.
    fn stylesheet_text(&self) -> String {
        let bytes = self.theme_file(routes::STYLESHEET);
        // Nothing in a stylesheet may end the element that holds it.
        String::from_utf8_lossy(&bytes).replace("</", "<\\/")
    }

    /// The HTML of `page` in `lang` at `url` (its output path), and the warnings found in
    /// its content.
    fn page(
        &self,
        page: Page,
        lang: LangId,
        url: &str,
        cache: &ViewCache,
    ) -> Result<(String, Vec<Diagnostic>), Vec<Diagnostic>> {
        let l = self.lang(lang);
        // Views see the page's path within its language; links between pages stay inside
        // the language's folder, files of the theme and the site are shared by all.
        let inner = url.strip_prefix(l.prefix.as_str()).unwrap_or(url);
        let found = std::sync::Mutex::new(Vec::new());
        let html = |what| {
            let (html, d) = self.markdown(lang, what);
            found.lock().unwrap_or_else(|e| e.into_inner()).extend(d);
            html
        };
        let mut view: PageView = self.views(lang, cache).page(page, inner, &html);
        view.page.url = url.to_string();
        view.page.canonical = format!("{}{}", l.prefix, view.page.canonical);
        let mut diags = found.into_inner().unwrap_or_else(|e| e.into_inner());
        let (data, untranslated) =
            crate::views::with_date_words(l.theme.date_words.clone(), || {
                crate::views::noting_originals(|| tera::Context::from_serialize(&view.data))
            });
        let mut context = match data {
            Ok(c) => c,
            Err(e) => {
                diags.push(l.theme.describe(&e, Some(url)));
                return Err(diags);
            }
        };
        context.insert("site", &l.site_view);
        let assets = routes::root_for(url);
        context.insert("assets", &assets);
        context.insert("root", &routes::root_for(inner));
        context.insert(
            "lang",
            &LangView {
                code: &l.code,
                rtl: l.rtl,
                untranslated,
            },
        );
        if self.langs.len() > 1 && page != Page::NotFound {
            context.insert("alternates", &self.alternates(lang, inner, &assets));
        }
        context.insert("page", &view.page);
        if page == Page::NotFound {
            // Shown at any address: styled without a second file, and its links made
            // relative to the site's folder once it is known to be served from it.
            context.insert("base_path", &self.not_found_root);
            context.insert("stylesheet_text", &self.stylesheet_text());
            context.insert("favicon_data", &self.favicon_data());
        }
        match l.theme.tera.render(view.template, &context) {
            Ok(html) => Ok((html, diags)),
            Err(e) => {
                diags.push(l.theme.describe(&e, Some(url)));
                Err(diags)
            }
        }
    }

    /// The same page in every language, for the language switcher and `hreflang`.
    fn alternates(&self, current: LangId, inner: &str, assets: &str) -> Vec<Alternate> {
        let base = self.site().config.base_url.as_deref();
        self.langs
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let path = format!("{}{inner}", l.prefix);
                Alternate {
                    code: l.code.clone(),
                    name: language_name(l),
                    href: format!("{assets}{path}"),
                    absolute: base.map(|b| {
                        format!("{b}{}", path.strip_suffix(routes::CATALOG).unwrap_or(&path))
                    }),
                    current: i == usize::from(current),
                }
            })
            .collect()
    }
}

/// A language's name in its own words, for the switcher: from its strings, else a name
/// known for its code, else the code.
fn language_name(l: &Lang) -> String {
    if !l.theme.missing.iter().any(|k| k == "language.name") {
        return l.theme.strings.say("language.name", &[] as &[(&str, Arg)]);
    }
    crate::language_names::own_name(&l.code).map_or_else(|| l.code.clone(), str::to_string)
}

/// The same page in another language.
#[derive(serde::Serialize)]
struct Alternate {
    code: String,
    /// The language's name in its own words: `Français`.
    name: String,
    /// Relative to the page.
    href: String,
    /// Under the site's `base_url`, when it has one.
    absolute: Option<String>,
    current: bool,
}

/// Every output path of the site, in each of its languages, and how it is made.
fn plan(langs: &[Lang]) -> BTreeMap<String, Output> {
    let mut files: BTreeMap<String, Output> = BTreeMap::new();
    let (site, theme) = (&langs[0].site, &langs[0].theme);
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
    for (_, c) in site.published() {
        for (source, below) in &c.assets {
            files.insert(
                routes::course_asset(&c.slug, below),
                Output::Copy(source.clone()),
            );
        }
    }
    for (i, l) in langs.iter().enumerate() {
        let lang = i as LangId;
        let mut add = |path: String, output: Output| {
            files.insert(format!("{}{path}", l.prefix), output);
        };
        add(routes::CATALOG.into(), Output::Page(Page::Catalog, lang));
        for (id, c) in site.published() {
            add(
                routes::course(&c.slug),
                Output::Page(Page::Course(id), lang),
            );
            if c.brief.is_some() {
                add(routes::brief(&c.slug), Output::Page(Page::Brief(id), lang));
            }
            if !c.sessions.is_empty() {
                add(routes::course_calendar(&c.slug), Output::Calendar(id, lang));
            }
        }
        add(routes::LEADERS.into(), Output::Page(Page::Leaders, lang));
        for (id, leader) in site.leaders() {
            add(
                routes::leader(&leader.id),
                Output::Page(Page::Leader(id), lang),
            );
        }
        add(routes::MEETINGS.into(), Output::Page(Page::Meetings, lang));
        for (id, m) in site.meetings() {
            add(
                routes::meeting(&m.id),
                Output::Page(Page::Meeting(id), lang),
            );
        }
        add(
            routes::DEPARTMENTS.into(),
            Output::Page(Page::Departments, lang),
        );
        for (id, d) in site.departments() {
            let courses = site
                .published()
                .filter(|(_, c)| c.departments.contains(&id))
                .count();
            for n in 1..=routes::department_pages(courses) {
                add(
                    routes::department_page(&d.id, n),
                    Output::Page(Page::Department(id, n), lang),
                );
            }
        }
        if site.published().count() > routes::CATALOG_ALL_UP_TO {
            add(routes::CATALOG_INDEX.into(), Output::CatalogIndex(lang));
        }
        add(routes::POLLS.into(), Output::Page(Page::Polls, lang));
        if site.config.report && i == 0 {
            add(routes::REPORT.into(), Output::Page(Page::Report, lang));
        }
        if i == 0 {
            add(routes::NOT_FOUND.into(), Output::Page(Page::NotFound, lang));
        }
        add(routes::FEED.into(), Output::Feed(lang));
    }
    if site.config.base_url.is_some() {
        files.insert(routes::SITEMAP.into(), Output::Sitemap);
    }
    files
}

/// Loads the theme `site` names, once per language of the site, ready to render it: its
/// templates compiled with that language's words.
pub fn load_themes(site: &Site) -> Result<Vec<Arc<Theme>>, Vec<Diagnostic>> {
    site.config
        .languages
        .iter()
        .map(|lang| theme::load(&site.root, &site.config.theme, lang).map(Arc::new))
        .collect()
}

/// Languages written right to left.
fn is_rtl(code: &str) -> bool {
    let primary = code.split('-').next().unwrap_or(code).to_ascii_lowercase();
    matches!(
        primary.as_str(),
        "ar" | "he" | "fa" | "ur" | "ps" | "sd" | "ug" | "yi" | "dv" | "ckb"
    )
}

/// Plans the site with its themes already loaded (one per language, shared, not copied).
pub fn render_with(
    site: Arc<Site>,
    backing: Arc<Backing>,
    themes: Vec<Arc<Theme>>,
    today: Date,
    built: jiff::Timestamp,
) -> RenderedSite {
    let langs: Vec<Lang> = site
        .config
        .languages
        .iter()
        .zip(themes)
        .enumerate()
        .map(|(i, (code, theme))| {
            let site = if i == 0 {
                Arc::clone(&site)
            } else {
                Arc::new(crate::translate::site_in(&site, code))
            };
            let shared = Shared::new(&site);
            let site_view = shared.site_view(&site);
            let site_hash = fingerprint_of(&(code, &site_view)).unwrap_or(0);
            Lang {
                code: code.clone(),
                prefix: if i == 0 {
                    String::new()
                } else {
                    format!("{code}/")
                },
                site_view: tera::Value::from_serializable(&site_view),
                site_hash,
                shared,
                site,
                theme,
                rtl: is_rtl(code),
            }
        })
        .collect();
    let files = plan(&langs);
    let not_found_root = routes::base_path(site.config.base_url.as_deref());
    let raw_html = if site.config.allow_raw_html {
        markdown::RawHtml::Allow
    } else {
        markdown::RawHtml::Escape
    };
    RenderedSite {
        files: Arc::new(files),
        renderer: Arc::new(Renderer {
            langs,
            backing,
            today,
            built,
            raw_html,
            not_found_root,
        }),
    }
}

/// Plans the site: loads its themes and lists every output. Fails only when a theme
/// cannot be loaded; problems in pages are found when they are rendered.
pub fn render(
    site: Arc<Site>,
    backing: Arc<Backing>,
    today: Date,
) -> Result<RenderedSite, Vec<Diagnostic>> {
    let themes = load_themes(&site)?;
    Ok(render_with(site, backing, themes, today, start_of(today)))
}

/// Midnight UTC at the start of `day`.
pub fn start_of(day: Date) -> jiff::Timestamp {
    day.0
        .at(0, 0, 0, 0)
        .to_zoned(jiff::tz::TimeZone::UTC)
        .map_or(jiff::Timestamp::UNIX_EPOCH, |z| z.timestamp())
}
