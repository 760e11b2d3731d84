//! The theme: templates, strings (`i18n/<language>.yaml`) and static files of the built-in
//! default theme, overridden one file at a time (strings: one key at a time) by
//! `themes/<name>/` in the site folder. Compiles templates once, gives them the `t()`
//! function for the strings, and turns Tera errors into located diagnostics. Renders
//! nothing itself.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diagnostics::{Diagnostic, Location};
use crate::strings::Strings;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

pub use embedded::DEMO;

/// Where a theme file comes from.
#[derive(Debug, Clone)]
pub enum Source {
    BuiltIn(&'static [u8]),
    Disk(PathBuf),
}

/// A theme ready to render: compiled templates, their sources for error messages, and
/// static files.
pub struct Theme {
    pub tera: tera::Tera,
    /// Template name → (path shown in messages, source text).
    sources: BTreeMap<String, (String, String)>,
    /// Output path → where the bytes come from.
    pub static_files: BTreeMap<String, Source>,
    /// The sentences and labels for the site's language.
    pub strings: Arc<Strings>,
    /// How the language writes dates.
    pub date_words: Option<Arc<crate::strings::DateWords>>,
    /// The language's code.
    pub language: String,
    /// Keys the English strings have and this language's own files lack (shown in
    /// English until they are added), sorted.
    pub missing: Vec<String>,
    /// A hash of the templates and wording read from the site's own theme folder (the
    /// built-in theme is part of buyin itself), so a page made with a changed one counts
    /// as changed.
    pub fingerprint: u64,
}

impl Theme {
    /// A warning naming the sentences this language lacks, if any.
    pub fn missing_warning(&self, theme_name: &str) -> Option<Diagnostic> {
        if self.missing.is_empty() {
            return None;
        }
        let shown: Vec<String> = self
            .missing
            .iter()
            .take(8)
            .map(|k| format!("`{k}`"))
            .collect();
        let more = self.missing.len().saturating_sub(shown.len());
        let file = format!("themes/{theme_name}/i18n/{}.yaml", self.language);
        Some(
            Diagnostic::warning(
                &crate::codes::MISSING_STRINGS,
                format!(
                    "the theme's `{}` words lack {} sentence{}, shown in English: {}{}",
                    self.language,
                    self.missing.len(),
                    if self.missing.len() == 1 { "" } else { "s" },
                    shown.join(", "),
                    if more > 0 { format!(" and {more} more") } else { String::new() }
                ),
            )
            .at(Location::file(file.clone()))
            .help(format!(
                "add them to {file} in the site folder, each with its text in `{}`; `buyin explain missing-strings` says more",
                self.language
            )),
        )
    }
}

/// Keys a language may leave out: names of time zones, a special first day of the month,
/// plural rules.
fn optional_key(key: &str) -> bool {
    key.starts_with("zone.names.") || key == "date.first_day" || key.starts_with("plural.")
}

/// The language whose strings are used for `language` (`en-GB` → `en-GB`, then `en`).
fn language_files(language: &str) -> Vec<String> {
    let mut names = vec![format!("i18n/{language}.yaml")];
    if let Some((primary, _)) = language.split_once('-') {
        names.push(format!("i18n/{primary}.yaml"));
    }
    names
}

/// Reads one strings file into `strings`.
fn read_strings(shown: &str, text: &str, strings: &mut Strings, diags: &mut Vec<Diagnostic>) {
    let source = crate::yaml::YamlSource::whole_file(shown, text);
    match crate::yaml::read_strings(&source) {
        Ok(pairs) => strings.extend(pairs),
        Err(d) => diags.push(d),
    }
}

/// Loads the theme named `name` for the site in `root`, with the strings of `language`.
pub fn load(root: &Path, name: &str, language: &str) -> Result<Theme, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    // English first, so a language the theme does not fully cover still has every string;
    // then the language's own file, then the site's files for it, key by key.
    let mut wanted = vec!["i18n/en.yaml".to_string()];
    for f in language_files(language).into_iter().rev() {
        if !wanted.contains(&f) {
            wanted.push(f);
        }
    }
    let mut strings = Strings::default();
    // The keys of the language's own files (not English): what it lacks is shown in
    // English, and `check` says so.
    let mut own = Strings::default();
    for file in &wanted {
        if let Some((_, bytes)) = embedded::THEME.iter().find(|(p, _)| p == file) {
            let text = String::from_utf8_lossy(bytes);
            let shown = format!("(built-in theme) {file}");
            read_strings(&shown, &text, &mut strings, &mut diags);
            if file != "i18n/en.yaml" {
                read_strings(&shown, &text, &mut own, &mut Vec::new());
            }
        }
    }
    let mut templates: BTreeMap<String, (String, String)> = BTreeMap::new();
    let mut static_files: BTreeMap<String, Source> = BTreeMap::new();
    for (path, bytes) in embedded::THEME {
        if let Some(t) = path.strip_prefix("templates/") {
            let text = String::from_utf8_lossy(bytes).into_owned();
            templates.insert(
                t.to_string(),
                (format!("(built-in theme) templates/{t}"), text),
            );
        } else if let Some(s) = path.strip_prefix("static/") {
            static_files.insert(s.to_string(), Source::BuiltIn(bytes));
        }
    }
    let mut own_files = {
        use std::hash::BuildHasher;
        foldhash::quality::FixedState::with_seed(0x6275_7969_6e35).build_hasher()
    };
    let mut read_own = |shown: &str, text: &str| {
        use std::hash::Hash;
        (shown, text).hash(&mut own_files);
    };
    let theme_dir = root.join("themes").join(name);
    if theme_dir.is_dir() {
        for file in &wanted {
            let path = theme_dir.join(file);
            if path.is_file() {
                let shown = format!("themes/{name}/{file}");
                match crate::load::read_text(root, &shown) {
                    Ok(text) => {
                        read_own(&shown, &text);
                        read_strings(&shown, &text, &mut strings, &mut diags);
                        if file != "i18n/en.yaml" {
                            read_strings(&shown, &text, &mut own, &mut Vec::new());
                        }
                    }
                    Err(d) => diags.push(d),
                }
            }
        }
        for sub in ["templates", "static"] {
            let dir = theme_dir.join(sub);
            if !dir.is_dir() {
                continue;
            }
            for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
                let Ok(entry) = entry else { continue };
                if !entry.file_type().is_file()
                    || crate::load::is_ignored_name(&entry.file_name().to_string_lossy())
                {
                    continue;
                }
                let below = entry
                    .path()
                    .strip_prefix(&dir)
                    .unwrap_or(entry.path())
                    .to_string_lossy()
                    .replace('\\', "/");
                let shown = format!("themes/{name}/{sub}/{below}");
                if sub == "templates" {
                    match crate::load::read_text(root, &shown) {
                        Ok(text) => {
                            read_own(&shown, &text);
                            templates.insert(below, (shown, text));
                        }
                        Err(d) => diags.push(d),
                    }
                } else {
                    static_files.insert(below, Source::Disk(entry.path().to_path_buf()));
                }
            }
        }
    } else if name != "default" {
        diags.push(
            Diagnostic::error(&crate::codes::UNKNOWN_THEME, format!("there is no theme called `{name}`"))
                .at(Location::file("site.yaml"))
                .help(format!(
                    "create themes/{name}/templates/ with the templates to override, or remove `theme:` to use the built-in theme"
                )),
        );
    }

    let primary = language.split('-').next().unwrap_or(language);
    let mut missing: Vec<String> = if !primary.eq_ignore_ascii_case("en") {
        strings
            .keys()
            .filter(|k| !optional_key(k) && !own.has_key(k))
            .map(String::from)
            .collect()
    } else {
        Vec::new()
    };
    missing.sort();
    let strings = Arc::new(strings);
    let mut tera = tera::Tera::new();
    tera.autoescape_on([".html", ".xml"]);
    Strings::register(Arc::clone(&strings), &mut tera);
    tera.global_context().insert("urls", &crate::routes::URLS);
    let list: Vec<(String, String)> = templates
        .iter()
        .map(|(name, (_, text))| (name.clone(), text.clone()))
        .collect();
    let mut theme = Theme {
        tera: tera::Tera::new(),
        sources: templates,
        static_files,
        date_words: crate::strings::DateWords::of(&strings).map(Arc::new),
        strings,
        language: language.to_string(),
        missing,
        fingerprint: std::hash::Hasher::finish(&own_files),
    };
    if let Err(e) = tera.add_raw_templates(list) {
        diags.push(theme.describe(&e, None));
    }
    theme.tera = tera;
    if diags.is_empty() {
        Ok(theme)
    } else {
        Err(diags)
    }
}

impl Theme {
    /// A located diagnostic for a Tera error; `page` is the output being rendered.
    pub fn describe(&self, err: &tera::Error, page: Option<&str>) -> Diagnostic {
        let d = match err.kind() {
            tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
                let name = report.filename();
                let span = report.span();
                let location = match self.sources.get(name) {
                    Some((shown, text)) => {
                        let mut l =
                            Location::at(shown.clone(), text, span.start_line, span.start_col + 1);
                        if span.end_line == span.start_line && span.end_col > span.start_col {
                            l.width = span.end_col - span.start_col;
                        }
                        l
                    }
                    None => Location::file(name.to_string()),
                };
                let kind = if matches!(err.kind(), tera::ErrorKind::SyntaxError(_)) {
                    &crate::codes::TEMPLATE_SYNTAX
                } else {
                    &crate::codes::TEMPLATE_RENDER
                };
                Diagnostic::error(
                    kind,
                    format!("template `{name}`: {}", first_line(report.message())),
                )
                .at(location)
            }
            other => Diagnostic::error(
                &crate::codes::TEMPLATE_RENDER,
                first_line(&other.to_string()),
            ),
        };
        let d = match page {
            Some(p) => d.note(format!("while rendering {p}")),
            None => d,
        };
        d.help("this is a problem in the theme's templates, not in the content")
    }
}

fn first_line(text: &str) -> String {
    let line = text.lines().next().unwrap_or("").trim();
    let line = line.strip_prefix("error: ").unwrap_or(line);
    let mut chars = line.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Format, MeetingKind, Seniority};

    /// Every sentence the built-in templates and the code ask for is in the built-in
    /// English, for every value a view can hold.
    #[test]
    fn the_built_in_english_has_every_string_asked_for() {
        let dir = tempfile::tempdir().expect("temp dir");
        let theme = load(dir.path(), "default", "en").unwrap_or_else(|d| panic!("{d:?}"));
        let mut keys: Vec<String> = Vec::new();
        for (_, bytes) in embedded::THEME {
            let text = String::from_utf8_lossy(bytes);
            for piece in text.split("t(key=\"").skip(1) {
                let key = piece.split('"').next().unwrap_or("");
                if !key.ends_with('.') && !key.ends_with('_') {
                    keys.push(key.to_string());
                }
            }
        }
        assert!(keys.len() > 5, "{keys:?}");
        keys.extend(Format::ALL.iter().map(|f| format!("format.{}", f.id())));
        keys.extend(
            [Seniority::Executive, Seniority::Senior, Seniority::Manager]
                .map(|s| format!("seniority.{}", s.id())),
        );
        keys.extend(
            [
                MeetingKind::Briefing,
                MeetingKind::Steering,
                MeetingKind::Review,
                MeetingKind::TownHall,
            ]
            .map(|k| format!("meeting_kind.{}", k.id())),
        );
        keys.extend(["outcome.decision", "outcome.commitment"].map(String::from));
        for phase in ["before", "during", "after"] {
            keys.push(format!("journey.short_{phase}"));
        }
        for unit in ["days", "weeks", "months"] {
            keys.push(format!("period.{unit}"));
        }
        for case in [
            "attending",
            "attended",
            "observing",
            "dropped_in",
            "no_sessions",
            "not_yet",
        ] {
            keys.push(format!("senior.{case}.short"));
            keys.push(format!("senior.{case}.headline"));
        }
        keys.extend(
            [
                "senior.no_sessions.detail_backed",
                "senior.not_yet.detail_backed",
            ]
            .map(String::from),
        );
        for kind in [
            "attend",
            "observe",
            "sme",
            "sign_off",
            "sponsor",
            "brief_team",
        ] {
            keys.push(format!("commitment.{kind}"));
        }
        for page in [
            "catalog",
            "leaders",
            "meetings",
            "departments",
            "polls",
            "report",
            "not_found",
        ] {
            keys.push(format!("page.{page}.title"));
        }
        for page in [
            "catalog",
            "leaders",
            "leader",
            "meetings",
            "meeting",
            "departments",
            "department",
            "polls",
            "report",
        ] {
            keys.push(format!("page.{page}.description"));
        }
        for key in [
            "feed.subtitle",
            "feed.new_course",
            "feed.endorsement",
            "feed.endorsement_without_quote",
        ] {
            keys.push(key.to_string());
        }
        let missing: Vec<&String> = keys.iter().filter(|k| !theme.strings.contains(k)).collect();
        assert!(missing.is_empty(), "missing from i18n/en.yaml: {missing:?}");
    }
}
