//! The driver: one site folder, built once and then kept up to date as files change.
//! `build`, `check`, `report` and `serve` all go through a [`Project`].
//!
//! An update reads again only the files that changed (see [`load::Cache`]), resolves the
//! site and works out its backing afresh (both are fast), plans the outputs, and tells
//! which outputs changed by comparing each output's fingerprint with the last one (a hash
//! of exactly what its template is given, so the answer comes from the same data the
//! render uses). Only changed pages are rendered again to look for problems; the problems
//! of the others are kept from when they were last rendered.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::backing::Backing;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load;
use crate::model::Date;
use crate::render::{self, Output, RenderedSite};
use crate::resolve::{self, Site};
use crate::theme::Theme;

/// The resolved site and its backing, with every problem found in the content.
pub struct Model {
    pub site: Arc<Site>,
    pub backing: Arc<Backing>,
    /// Problems found reading and resolving the files.
    pub diagnostics: Diagnostics,
    /// Checks that depend on the day, and advice (see [`crate::advice`]).
    pub advice: Vec<Diagnostic>,
}

/// What an update found and what it changed.
pub struct Update {
    /// Every problem found, from reading the files to rendering the pages.
    pub diagnostics: Diagnostics,
    /// The planned site, whenever the content could be read and the theme loaded (also
    /// when the content has errors, so template problems are found in the same run).
    pub rendered: Option<RenderedSite>,
    /// Outputs added, or whose bytes changed, since the last update (every output on the
    /// first), in path order.
    pub changed: Vec<String>,
    /// Outputs that are gone since the last update.
    pub removed: Vec<String>,
    /// How long each stage took, in order.
    pub timings: Vec<(&'static str, Duration)>,
    /// What is left to compare, for a watching project's update not yet checked.
    pending: Option<Pending>,
}

/// What an update still has to compare: the files that changed, and whether everything
/// must count as changed (the theme was loaded again).
struct Pending {
    files: Option<BTreeSet<String>>,
    everything: bool,
}

impl Update {
    fn failed(diagnostics: Diagnostics, timings: Vec<(&'static str, Duration)>) -> Update {
        Update {
            diagnostics,
            rendered: None,
            changed: Vec::new(),
            removed: Vec::new(),
            timings,
            pending: None,
        }
    }

    /// The site, if nothing at all is wrong with it.
    pub fn good(&self) -> Option<&RenderedSite> {
        self.rendered
            .as_ref()
            .filter(|_| !self.diagnostics.has_errors())
    }
}

/// The theme loaded for a site (once per language), and what it was loaded for.
struct LoadedTheme {
    name: String,
    languages: Vec<String>,
    themes: Vec<Arc<Theme>>,
}

/// The outputs of the last update: each one's fingerprint, and the problems found when
/// each page was last rendered.
#[derive(Default)]
struct Outputs {
    fingerprints: crate::cache::PathMap<u64>,
    problems: HashMap<String, Vec<Diagnostic>>,
}

/// How a project uses the build cache (see [`crate::cache`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CacheUse {
    /// Neither read nor written.
    Off,
    /// Not read (everything is done afresh), but written for the next build.
    Fresh,
    /// Read, and written again.
    On,
}

/// What the build cache brought, and what is kept to store it again.
#[derive(Default)]
struct Disk {
    /// What it held about outputs (its files are given to the load cache).
    checked: Option<crate::cache::PathMap<u64>>,
    written: Option<crate::cache::Written>,
    /// Whether the site has been read (and what was kept of its files stored).
    read: bool,
    /// What the cache's files held when read (to write again only those that change).
    before: crate::cache::Stored,
}

/// One site folder, kept between builds.
pub struct Project {
    root: PathBuf,
    /// The day warnings and the report are made for; `None` reads the clock each update.
    today: Option<Date>,
    cache: load::Cache,
    theme: Option<LoadedTheme>,
    /// Whether to remember outputs' fingerprints, to tell later updates what changed.
    watching: bool,
    outputs: Outputs,
    cache_use: CacheUse,
    disk: Disk,
    /// One-line notes for the person building (a cache set aside).
    notes: Vec<String>,
    /// How long the stages not yet reported took.
    timings: Vec<(&'static str, Duration)>,
}

impl Project {
    /// A project built once (by `build`, `check` or `report`).
    pub fn new(root: &Path, today: Option<Date>) -> Project {
        Project {
            root: root.to_path_buf(),
            today,
            cache: load::Cache::default(),
            theme: None,
            watching: false,
            outputs: Outputs::default(),
            cache_use: CacheUse::Off,
            disk: Disk::default(),
            notes: Vec::new(),
            timings: Vec::new(),
        }
    }

    /// The same project using the build cache as `cache_use` says. The cache is read
    /// here, once.
    pub fn with_cache(mut self, cache_use: CacheUse) -> Project {
        self.cache_use = cache_use;
        let started = Instant::now();
        let (stored, ahead) = match cache_use {
            CacheUse::Off => return self,
            CacheUse::Fresh => (None, None),
            CacheUse::On => {
                // The site's files are listed while the cache is read.
                let root = &self.root;
                let (read, ahead) =
                    rayon::join(|| crate::cache::read(root), || load::list_ahead(root));
                match read {
                    Ok(stored) => {
                        if stored.is_some() {
                            // Most of the site will come from the cache.
                            crate::memory::keep_for_reuse();
                        }
                        (stored, Some(ahead))
                    }
                    Err(refused) => {
                        self.notes.push(refused.note(&crate::cache::path(root)));
                        (None, Some(ahead))
                    }
                }
            }
        };
        let mut stored = stored.unwrap_or_default();
        self.cache = load::Cache::keeping(std::mem::take(&mut stored.files), ahead);
        self.disk.checked = Some(std::mem::take(&mut stored.checked)).filter(|c| !c.is_empty());
        self.disk.written = stored.written.take();
        self.disk.before = stored;
        self.timings
            .push(("read cache, list files", started.elapsed()));
        self
    }

    /// One-line notes about this project's builds (a build cache set aside), to show.
    pub fn notes(&self) -> &[String] {
        &self.notes
    }

    /// What the output folder `out` holds, by the build cache, if it is still as the
    /// cache's build left it, with the text of its marker file.
    pub fn written_to(&self, out: &Path) -> Option<(&crate::cache::Written, String)> {
        let written = self.disk.written.as_ref()?;
        let folder = std::path::absolute(out).ok()?;
        let marker = std::fs::read_to_string(out.join(crate::write::MARKER)).ok()?;
        (written.folder == folder && written.marker == crate::cache::hash(marker.as_bytes()) as u64)
            .then_some((written, marker))
    }

    /// Stores the outputs' part of the build cache (what was kept of the files is stored
    /// as soon as they are read): the pages found to render without problems (`checked`;
    /// `None` keeps what was stored), and what the output folder holds (`written`: `None`
    /// keeps what was stored, `Some(None)` forgets it). Nothing is stored before the site
    /// could be read.
    pub fn store_cache(
        &mut self,
        checked: Option<crate::cache::PathMap<u64>>,
        written: Option<Option<crate::cache::Written>>,
    ) {
        if self.cache_use == CacheUse::Off {
            return;
        }
        if !self.disk.read {
            return;
        }
        let checked = checked
            .or_else(|| self.disk.checked.take())
            .unwrap_or_default();
        let written = written.unwrap_or_else(|| self.disk.written.take());
        // A cache that cannot be stored only makes the next build slower.
        let _ =
            crate::cache::write_outputs(&self.root, &checked, written.as_ref(), &self.disk.before);
    }

    /// Every output's fingerprint: a hash of what its template is given, of the site's
    /// theme files and, for a copied file, of its size and time, so an output whose
    /// fingerprint is unchanged has unchanged bytes.
    pub fn fingerprints(&self, rendered: &RenderedSite) -> crate::cache::PathMap<u64> {
        let theme = rendered.theme_fingerprint();
        let cache = rendered.view_cache();
        let prints = rendered
            .files
            .par_iter()
            .map(|(path, output)| {
                let print = rendered.fingerprint(path, output, &cache);
                let extra = match output {
                    Output::Copy(source) => crate::cache::stat(source),
                    _ => None,
                };
                use std::hash::{BuildHasher, Hash};
                let mut mixed =
                    foldhash::fast::FixedState::with_seed(0x6275_7969_6e36).build_hasher();
                (print, theme, extra).hash(&mut mixed);
                (path.clone(), std::hash::Hasher::finish(&mixed))
            })
            .collect();
        // Tens of thousands of small shared views: let go of beside what comes next.
        rayon::spawn(move || drop(cache));
        prints
    }

    /// A project kept up to date as files change (by `serve`): each update says which
    /// outputs changed.
    pub fn watching(root: &Path, today: Option<Date>) -> Project {
        Project {
            watching: true,
            ..Project::new(root, today)
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    fn today(&self) -> Date {
        self.today.unwrap_or_else(Date::today)
    }

    /// The moment of this build, for calendars: now, or the start of a pinned `today`.
    fn built(&self) -> jiff::Timestamp {
        match self.today {
            Some(day) => render::start_of(day),
            None => jiff::Timestamp::now(),
        }
    }

    /// Reads and resolves the site, reading again only the files in `changed` (paths
    /// relative to the site folder) or every file with `None`. `Err` when site.yaml
    /// cannot be read, with the problems found.
    pub fn model(&mut self, changed: Option<&BTreeSet<String>>) -> Result<Model, Diagnostics> {
        let mut clock = Instant::now();
        let mut lap = |timings: &mut Vec<(&'static str, Duration)>, name: &'static str| {
            timings.push((name, clock.elapsed()));
            clock = Instant::now();
        };
        let (source, mut diagnostics) = self.cache.load(&self.root, changed);
        let Some(source) = source else {
            return Err(diagnostics);
        };
        // What was kept of the files is stored at once, so it is not held any longer.
        let kept =
            (self.cache_use != CacheUse::Off && !self.disk.read).then(|| self.cache.take_kept());
        if !self.watching {
            // Built once: the list of what each file gave is not needed again (the site
            // read from them holds the records). Let go of first: the cache is written
            // while the whole site is held.
            self.cache = load::Cache::default();
        }
        lap(&mut self.timings, "read files");
        if let Some(kept) = kept {
            let _ = crate::cache::write_files(&self.root, &kept, &self.disk.before);
            self.disk.read = true;
            lap(&mut self.timings, "store files");
        }
        // What the files gave is let go as the site is resolved.
        let (mut site, problems) = resolve::resolve(source);
        diagnostics.extend(problems);
        lap(&mut self.timings, "resolve");
        let backing = Backing::of(&site);
        // Advice is given beside errors, about the records that were read as written.
        let errors = diagnostics.has_errors();
        let advice = crate::advice::advise(&site, &backing, self.today(), errors);
        // Every problem that points into a record is found by now.
        site.let_go_of_texts();
        lap(&mut self.timings, "backing, advice");
        Ok(Model {
            site: Arc::new(site),
            backing: Arc::new(backing),
            diagnostics,
            advice,
        })
    }

    /// The theme for `site`: the one loaded before unless a theme file changed or
    /// site.yaml names another theme or language.
    fn theme(&mut self, site: &Site, reload: bool) -> Result<Vec<Arc<Theme>>, Vec<Diagnostic>> {
        if !reload
            && let Some(t) = &self.theme
            && t.name == site.config.theme
            && t.languages == site.config.languages
        {
            return Ok(t.themes.clone());
        }
        self.theme = None;
        let themes = render::load_themes(site)?;
        self.theme = Some(LoadedTheme {
            name: site.config.theme.clone(),
            languages: site.config.languages.clone(),
            themes: themes.clone(),
        });
        Ok(themes)
    }

    /// Builds everything from scratch: every file read, every output planned and every
    /// page rendered to find the problems only rendering shows.
    pub fn build(&mut self) -> Update {
        self.outputs = Outputs::default();
        let mut planned = self.run(None);
        if let Some(checked) = self.disk.checked.take()
            && planned.rendered.is_some()
        {
            // Pages whose fingerprint is one found to render without problems before
            // need not be rendered again to know they have none.
            self.outputs.fingerprints = checked;
            planned.pending = Some(Pending {
                files: None,
                everything: false,
            });
        }
        let checked = self.check(planned);
        if self.cache_use != CacheUse::Off && checked.rendered.is_some() {
            let clean: crate::cache::PathMap<u64> = self
                .outputs
                .fingerprints
                .iter()
                .filter(|(path, _)| !self.outputs.problems.contains_key(*path))
                .map(|(path, print)| (path.clone(), *print))
                .collect();
            self.store_cache(Some(clean), None);
        }
        checked
    }

    /// Reads every file and plans every output, without rendering: for writing the site,
    /// which renders each page as it writes it.
    pub fn plan(&mut self) -> Update {
        self.outputs = Outputs::default();
        self.run(None)
    }

    /// Brings the site up to date after `changed` files (paths relative to the site
    /// folder; `None` reads every file). Paths that no longer exist are removals, and
    /// files of the theme reload it. The pages that changed are rendered again.
    pub fn update(&mut self, changed: Option<&BTreeSet<String>>) -> Update {
        let planned = self.apply(changed);
        self.check(planned)
    }

    /// The first half of [`Project::update`]: reads the changed files and plans the site,
    /// so it can be served at once; [`Project::check`] then tells which outputs changed and
    /// renders the changed pages to find the problems only rendering shows.
    pub fn apply(&mut self, changed: Option<&BTreeSet<String>>) -> Update {
        self.run(changed)
    }

    fn run(&mut self, changed: Option<&BTreeSet<String>>) -> Update {
        let model = self.model(changed);
        // The site is read and resolved, which is when a build holds the most; what is
        // freed from here on (each page once made) is soon needed again.
        crate::memory::keep_for_reuse();
        let mut timings = std::mem::take(&mut self.timings);
        let mut clock = Instant::now();
        let mut lap = |name: &'static str| {
            timings.push((name, clock.elapsed()));
            clock = Instant::now();
        };
        let (site, backing, mut diagnostics) = match model {
            Ok(model) => {
                let mut diagnostics = model.diagnostics;
                diagnostics.extend(model.advice);
                (model.site, model.backing, diagnostics)
            }
            Err(diagnostics) => return Update::failed(diagnostics, timings),
        };
        let theme_changed = changed.is_none_or(|c| c.iter().any(|p| p.starts_with("themes/")));
        let theme = match self.theme(&site, theme_changed) {
            Ok(themes) => {
                diagnostics.extend(
                    themes
                        .iter()
                        .filter_map(|t| t.missing_warning(&site.config.theme)),
                );
                themes
            }
            Err(problems) => {
                diagnostics.extend(problems);
                return Update::failed(diagnostics, timings);
            }
        };
        let rendered = render::render_with(site, backing, theme, self.today(), self.built());
        lap("plan");

        // A watching project compares outputs in `check`, once the site can be served.
        let (changed_outputs, pending) = if self.watching {
            let pending = Pending {
                files: changed.cloned(),
                everything: theme_changed,
            };
            (Vec::new(), Some(pending))
        } else {
            (rendered.files.keys().cloned().collect(), None)
        };
        Update {
            diagnostics,
            rendered: Some(rendered),
            changed: changed_outputs,
            removed: Vec::new(),
            timings,
            pending,
        }
    }

    /// Renders the pages `update` changed, to find the problems only rendering shows
    /// (template mistakes, unsafe links in Markdown), and adds them, with those found
    /// before in the pages that did not change, to its diagnostics.
    pub fn check(&mut self, update: Update) -> Update {
        let Update {
            mut diagnostics,
            rendered,
            changed: mut changed_outputs,
            mut removed,
            mut timings,
            pending,
        } = update;
        let Some(rendered) = rendered else {
            return Update::failed(diagnostics, timings);
        };
        if let Some(pending) = pending {
            let started = Instant::now();
            (changed_outputs, removed) =
                self.compare(&rendered, pending.files.as_ref(), pending.everything);
            timings.push(("compare", started.elapsed()));
        }
        let started = Instant::now();
        let found = rendered.problems_of(&changed_outputs);
        for path in &removed {
            self.outputs.problems.remove(path);
        }
        for (path, problems) in found {
            if problems.is_empty() {
                self.outputs.problems.remove(&path);
            } else {
                self.outputs.problems.insert(path, problems);
            }
        }
        let mut page_problems: Vec<(&String, &Vec<Diagnostic>)> =
            self.outputs.problems.iter().collect();
        page_problems.sort_by_key(|(path, _)| *path);
        diagnostics.extend(render::summarise_repeats(
            page_problems
                .into_iter()
                .flat_map(|(_, d)| d.iter().cloned())
                .collect(),
        ));
        timings.push(("render changed pages", started.elapsed()));
        Update {
            diagnostics,
            rendered: Some(rendered),
            changed: changed_outputs,
            removed,
            timings,
            pending: None,
        }
    }

    /// Fingerprints every output of `rendered` and compares them with the last update's:
    /// returns the outputs added or changed, and those removed. Copied files are changed
    /// when their source is among the `changed` files.
    fn compare(
        &mut self,
        rendered: &RenderedSite,
        changed: Option<&BTreeSet<String>>,
        everything: bool,
    ) -> (Vec<String>, Vec<String>) {
        let root = &self.root;
        let touched = |source: &Path| {
            let rel = source
                .strip_prefix(root)
                .unwrap_or(source)
                .to_string_lossy()
                .replace('\\', "/");
            changed.is_none_or(|c| c.contains(&rel))
        };
        let prints = self.fingerprints(rendered);
        let (changed_outputs, removed) = changes(&prints, &self.outputs.fingerprints, |path| {
            everything
                || matches!(rendered.files.get(path), Some(Output::Copy(source)) if touched(source))
        });
        self.outputs.fingerprints = prints;
        (changed_outputs, removed)
    }
}

/// The outputs of `now` (their fingerprints) that differ from those `before`, with any
/// that `also` names, and the outputs of `before` that are gone; both in path order.
pub fn changes(
    now: &crate::cache::PathMap<u64>,
    before: &crate::cache::PathMap<u64>,
    also: impl Fn(&str) -> bool,
) -> (Vec<String>, Vec<String>) {
    let mut changed: Vec<String> = now
        .iter()
        .filter(|(path, print)| also(path) || before.get(*path) != Some(print))
        .map(|(path, _)| path.clone())
        .collect();
    changed.sort();
    let mut removed: Vec<String> = before
        .keys()
        .filter(|path| !now.contains_key(*path))
        .cloned()
        .collect();
    removed.sort();
    (changed, removed)
}
