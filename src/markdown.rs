//! Markdown to HTML for course bodies and meeting summaries: tables, footnotes, smart
//! punctuation, heading anchors. Raw HTML is shown as text and unsafe link schemes are
//! refused, so contributors cannot inject markup or script. Pure: text in, HTML out.

use std::collections::HashSet;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

use crate::diagnostics::{Diagnostic, Location};
use crate::model::slugify;

/// Where a Markdown text sits in its file, for locating problems.
#[derive(Debug, Clone, Copy)]
pub struct Origin<'a> {
    pub file: &'a str,
    /// The whole file.
    pub whole: &'a str,
    /// 1-based line of the file on which the Markdown starts.
    pub first_line: usize,
    /// Extra columns before each line of the Markdown (indented YAML block text).
    pub indent: usize,
}

/// Files that sit beside a course's Markdown (`courses/<slug>/index.md` and its images),
/// published in a folder next to the page, so links to them get `prefix` in front.
#[derive(Debug, Clone, Copy)]
pub struct Assets<'a> {
    pub prefix: &'a str,
    pub names: &'a [(std::path::PathBuf, String)],
}

impl Assets<'_> {
    pub const NONE: Assets<'static> = Assets {
        prefix: "",
        names: &[],
    };

    fn rewrite<'a>(&self, url: CowStr<'a>) -> CowStr<'a> {
        let path = url.split(['#', '?']).next().unwrap_or("");
        let path = path.strip_prefix("./").unwrap_or(path);
        if !path.is_empty() && self.names.iter().any(|(_, name)| name == path) {
            CowStr::from(format!(
                "{}{}",
                self.prefix,
                url.strip_prefix("./").unwrap_or(&url)
            ))
        } else {
            url
        }
    }
}

/// What to do with raw HTML written in Markdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RawHtml {
    /// Show it as text (the default; contributors cannot inject markup).
    Escape,
    /// Publish it as it is (a site's explicit choice, for course pages only).
    Allow,
}

/// HTML for `markdown`, and problems found in it.
pub fn render(
    markdown: &str,
    origin: Origin<'_>,
    raw: RawHtml,
    assets: Assets<'_>,
) -> (String, Vec<Diagnostic>) {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION;
    let mut diags = Vec::new();
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut heading_start: Option<usize> = None;
    let mut used_ids: HashSet<String> = HashSet::new();
    let mut html_lines: HashSet<usize> = HashSet::new();

    for (mut event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
        if let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = &mut event {
            let url = std::mem::replace(dest_url, CowStr::Borrowed(""));
            *dest_url = assets.rewrite(safe_url(url, markdown, range.start, origin, &mut diags));
        }
        let event = match event {
            Event::Html(text) | Event::InlineHtml(text) => {
                let (line, column) = position(markdown, range.start, origin);
                if html_lines.insert(line) {
                    diags.push(raw_html_warning(origin, line, column, raw));
                }
                match raw {
                    // Shown as written, never interpreted.
                    RawHtml::Escape => Event::Text(text),
                    RawHtml::Allow => Event::Html(text),
                }
            }
            // The page title is the only h1; body headings start at h2.
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                heading_start = Some(events.len());
                Event::Start(Tag::Heading {
                    level: demote(level),
                    id,
                    classes,
                    attrs,
                })
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some(start) = heading_start.take() {
                    let text: String = events[start..]
                        .iter()
                        .filter_map(|e| match e {
                            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                            _ => None,
                        })
                        .collect();
                    let anchor = unique_anchor(&text, &mut used_ids);
                    if let Event::Start(Tag::Heading { id, .. }) = &mut events[start] {
                        *id = Some(CowStr::from(anchor));
                    }
                }
                Event::End(TagEnd::Heading(demote(level)))
            }
            other => other,
        };
        events.push(event);
    }
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    (out, diags)
}

fn demote(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        other => other,
    }
}

fn unique_anchor(text: &str, used: &mut HashSet<String>) -> String {
    let base = match slugify(text) {
        s if s.is_empty() => "section".to_string(),
        s => s,
    };
    let mut anchor = base.clone();
    let mut n = 1;
    while !used.insert(anchor.clone()) {
        n += 1;
        anchor = format!("{base}-{n}");
    }
    anchor
}

/// Link targets allowed in content: web and mail addresses, and relative paths.
pub fn is_safe_url(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    match cleaned.find(':') {
        None => true,
        Some(colon) => {
            let scheme = &cleaned[..colon];
            // A colon after a path or query character is not a scheme.
            if cleaned[..colon].contains(['/', '?', '#']) {
                return true;
            }
            matches!(scheme, "http" | "https" | "mailto" | "tel")
        }
    }
}

/// 1-based line and column in the file of byte `offset` of the Markdown.
fn position(markdown: &str, offset: usize, origin: Origin<'_>) -> (usize, usize) {
    let before = &markdown[..offset.min(markdown.len())];
    let line = origin.first_line + before.matches('\n').count();
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let column = origin.indent + before[line_start..].chars().count() + 1;
    (line, column)
}

fn raw_html_warning(origin: Origin<'_>, line: usize, column: usize, raw: RawHtml) -> Diagnostic {
    let location = Location::at(origin.file, origin.whole, line, column);
    match raw {
        RawHtml::Escape => Diagnostic::warning(&crate::codes::RAW_HTML, "this HTML is shown to learners as text, not as markup")
            .at(location)
            .help("write it in Markdown instead (for example **bold** or [a link](https://…)); a site that trusts every contributor can set `allow_raw_html: true` in site.yaml"),
        RawHtml::Allow => Diagnostic::warning(&crate::codes::RAW_HTML, "this HTML is published as it is, because site.yaml sets `allow_raw_html: true`")
            .at(location)
            .help("check that it contains no script or tracking; learners' browsers will run whatever it holds"),
    }
}

fn safe_url<'a>(
    url: CowStr<'a>,
    markdown: &str,
    offset: usize,
    origin: Origin<'_>,
    diags: &mut Vec<Diagnostic>,
) -> CowStr<'a> {
    if is_safe_url(&url) {
        return url;
    }
    let (line, column) = position(markdown, offset, origin);
    diags.push(
        Diagnostic::error(
            &crate::codes::UNSAFE_LINK,
            format!("the link `{url}` could run code in a learner's browser"),
        )
        .at(Location::at(origin.file, origin.whole, line, column))
        .label("not allowed")
        .help("links must be web addresses (https://…), email addresses (mailto:…) or paths to pages of this site"),
    );
    CowStr::from("#")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origin(text: &str) -> Origin<'_> {
        Origin {
            file: "c.md",
            whole: text,
            first_line: 1,
            indent: 0,
        }
    }

    fn md(text: &str) -> (String, Vec<Diagnostic>) {
        render(text, origin(text), RawHtml::Escape, Assets::NONE)
    }

    #[test]
    fn raw_html_is_shown_as_text() {
        let (html, diags) = md("Hello <script>alert(1)</script>\n\n<div onclick=x>hi</div>\n");
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.contains("<div"), "{html}");
        let lines: Vec<(usize, &str)> = diags
            .iter()
            .map(|d| (d.location.as_ref().unwrap().line, d.code.name))
            .collect();
        assert_eq!(lines, vec![(1, "raw-html"), (3, "raw-html")]);
    }

    #[test]
    fn raw_html_passes_through_only_when_allowed() {
        let text = "<div class=\"note\">Hi</div>\n";
        let (html, diags) = render(text, origin(text), RawHtml::Allow, Assets::NONE);
        assert!(html.contains("<div class=\"note\">Hi</div>"), "{html}");
        assert_eq!(diags.len(), 1);
    }

    #[test]
    fn javascript_links_are_refused_and_located() {
        let (html, diags) = md("Intro\n\nSee [this](javascript:alert(1)).\n");
        assert!(!html.contains("javascript"), "{html}");
        assert_eq!(diags.len(), 1);
        let loc = diags[0].location.as_ref().unwrap();
        assert_eq!((loc.line, loc.column), (3, 5));
    }

    #[test]
    fn headings_get_unique_anchors_and_start_at_h2() {
        let (html, _) = md("# Why\n\n## Why\n\n## What's *new*\n");
        assert!(html.contains("<h2 id=\"why\">Why</h2>"), "{html}");
        assert!(html.contains("<h2 id=\"why-2\">Why</h2>"), "{html}");
        assert!(html.contains("id=\"whats-new\""), "{html}");
    }

    #[test]
    fn tables_footnotes_and_smart_quotes() {
        let (html, _) =
            md("| a | b |\n|---|---|\n| 1 | 2 |\n\nIt's \"fine\"[^1] -- really.\n\n[^1]: Note.\n");
        assert!(html.contains("<table>"));
        assert!(html.contains("footnote-definition"));
        assert!(html.contains("It’s “fine”"), "{html}");
        assert!(html.contains("–"), "{html}");
    }

    #[test]
    fn links_to_a_course_folder_s_files_point_into_it() {
        let names = [(std::path::PathBuf::new(), "model.svg".to_string())];
        let assets = Assets {
            prefix: "leading/",
            names: &names,
        };
        let text = "![The model](model.svg) [again](./model.svg#top) [other](other.svg)\n";
        let (html, _) = render(text, origin(text), RawHtml::Escape, assets);
        assert!(html.contains("src=\"leading/model.svg\""), "{html}");
        assert!(html.contains("href=\"leading/model.svg#top\""), "{html}");
        assert!(html.contains("href=\"other.svg\""), "{html}");
    }

    #[test]
    fn safe_urls() {
        assert!(is_safe_url("https://example.org"));
        assert!(is_safe_url("model.svg"));
        assert!(is_safe_url("../x/index.html#a:b"));
        assert!(is_safe_url("mailto:a@b.c"));
        assert!(!is_safe_url("javascript:alert(1)"));
        assert!(!is_safe_url(" JaVa\tScript:alert(1)"));
        assert!(!is_safe_url("data:text/html;base64,xx"));
        assert!(!is_safe_url("vbscript:x"));
    }
}
