//! Building: the demo site, determinism, atomic replacement, and the output folder rules.

use std::fs;
use std::path::Path;

use crate::support::{ENDORSEMENT, Site, main_of, tree};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// How Tera's HTML escaping writes a quote's text.
fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// The demo site in the repository builds, and every endorsement's quote appears,
/// escaped, on its course page and on its leader's page.
#[test]
fn demo_site_shows_every_quote_on_course_and_leader_pages() {
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_buyin"))
        .args(["build", "--today", crate::support::TODAY, "--output"])
        .arg(&public)
        .current_dir(repo())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(0), "{stderr}");
    let mut checked = 0;
    for entry in fs::read_dir(repo().join("content/endorsements")).unwrap() {
        let path = entry.unwrap().path();
        let record: serde_yaml::Value =
            serde_yaml::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
        let Some(quote) = record["quote"].as_str() else {
            continue;
        };
        let course = record["course"].as_str().unwrap();
        let leader = record["by"].as_str().unwrap();
        let course_page =
            fs::read_to_string(public.join(format!("courses/{course}.html"))).unwrap();
        let leader_page =
            fs::read_to_string(public.join(format!("leaders/{leader}.html"))).unwrap();
        for paragraph in quote.split("\n\n") {
            let words = paragraph.split_whitespace().collect::<Vec<_>>().join(" ");
            if words.is_empty() {
                continue;
            }
            let html = format!("<p>{}</p>", escape_html(&words));
            assert!(
                course_page.contains(&html),
                "{} quote missing on course page: {html}",
                path.display()
            );
            assert!(
                leader_page.contains(&html),
                "{} quote missing on leader page: {html}",
                path.display()
            );
            checked += 1;
        }
    }
    assert!(
        checked >= 20,
        "only {checked} quote paragraphs found in the demo"
    );
}

#[test]
fn contributor_text_cannot_inject_markup() {
    let site = Site::valid().file(
        "content/endorsements/ldc-priya.yaml",
        &ENDORSEMENT.replace(
            "quote: I will be in the room in Leeds.",
            "quote: \"<script>alert('x')</script> & <b onmouseover=x>bold</b>\"",
        ),
    );
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = site.output("courses/leading-difficult-conversations.html");
    assert!(
        !page.contains("<script>alert"),
        "script tag reached the page"
    );
    assert!(!page.contains("<b onmouseover"), "markup reached the page");
    let escaped = escape_html("<script>alert('x')</script> & <b onmouseover=x>bold</b>");
    assert!(
        page.contains(&format!("<p>{escaped}</p>")),
        "escaped quote missing"
    );
    let feed = site.output("feed.xml");
    assert!(!feed.contains("<script>"), "script tag reached the feed");
}

#[test]
fn raw_html_in_course_markdown_is_shown_as_text() {
    let site = Site::valid().file(
        "content/courses/leading-difficult-conversations.md",
        &format!(
            "{}\n<script>alert(1)</script>\n\n<iframe src=\"https://evil.example\"></iframe>\n",
            crate::support::COURSE
        ),
    );
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = site.output("courses/leading-difficult-conversations.html");
    assert!(!page.contains("<script>alert(1)"));
    assert!(!page.contains("<iframe"));
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
}

#[test]
fn two_builds_give_identical_bytes() {
    let site = Site::valid();
    assert_eq!(site.build().code, 0);
    let first = tree(&site.public());
    assert_eq!(site.build().code, 0);
    let second = tree(&site.public());
    assert_eq!(first.len(), second.len());
    for (a, b) in first.iter().zip(&second) {
        assert_eq!(a.0, b.0);
        assert!(a.1 == b.1, "{} differs between builds", a.0);
    }
}

#[test]
fn failed_build_leaves_previous_output_untouched() {
    let site = Site::valid();
    assert_eq!(site.build().code, 0);
    let before = tree(&site.public());
    let site = site.file(
        "content/endorsements/ldc-priya.yaml",
        &ENDORSEMENT.replace("by: priya-natarajan", "by: nobody"),
    );
    let run = site.build();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("there is no leader called `nobody`"),
        "{}",
        run.stderr
    );
    assert_eq!(tree(&site.public()), before);
    // Nothing is left beside the output either.
    let leftovers: Vec<String> = fs::read_dir(site.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("buyin-") && n != ".buyin-cache")
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn build_replaces_its_own_output_and_drops_stale_pages() {
    let site = Site::valid();
    assert_eq!(site.build().code, 0);
    assert!(site.public().join("leaders/tom-okafor.html").exists());
    let site = site.remove("content/leaders/tom-okafor.yaml").file(
        "content/meetings/ops-briefing.yaml",
        &crate::support::MEETING.replace(", tom-okafor]", "]"),
    );
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!site.public().join("leaders/tom-okafor.html").exists());
}

#[test]
fn refuses_to_replace_a_folder_it_did_not_create() {
    let site = Site::valid().file("public/notes.txt", "my notes");
    let run = site.build();
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.stderr);
    assert_eq!(site.output("notes.txt"), "my notes");
}

#[test]
fn refuses_to_build_into_the_sources() {
    let site = Site::valid();
    let run = site.run(&["build", "--output", "content"]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.stderr);
    assert!(
        site.path()
            .join("content/leaders/priya-natarajan.yaml")
            .exists()
    );
}

#[test]
fn builds_every_page_type() {
    let site = Site::valid();
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    for page in [
        "index.html",
        "courses/leading-difficult-conversations.html",
        "courses/leading-difficult-conversations.ics",
        "leaders/index.html",
        "leaders/priya-natarajan.html",
        "meetings/index.html",
        "meetings/ops-briefing.html",
        "departments/index.html",
        "departments/operations.html",
        "polls/index.html",
        "404.html",
        "feed.xml",
        "sitemap.xml",
        "style.css",
    ] {
        assert!(site.public().join(page).is_file(), "missing {page}");
    }
}

#[test]
fn links_between_pages_are_relative() {
    let site = Site::valid();
    assert_eq!(site.build().code, 0);
    for (path, bytes) in tree(&site.public()) {
        if !path.ends_with(".html") || path == "404.html" {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        for attr in ["href=\"/", "src=\"/"] {
            assert!(
                !html.contains(attr),
                "{path} has a root-absolute link ({attr})"
            );
        }
        // Only the canonical address and its Open Graph copy name the published site.
        for line in html.lines().filter(|l| l.contains("intranet.example.org")) {
            assert!(
                line.starts_with("<link rel=\"canonical\" href=\"https://intranet.example.org/")
                    || line.starts_with(
                        "<meta property=\"og:url\" content=\"https://intranet.example.org/"
                    ),
                "{path} uses base_url in {line}"
            );
        }
    }
    let main = main_of(&site.output("courses/leading-difficult-conversations.html"));
    assert!(main.contains("href=\"../leaders/priya-natarajan.html\""));
}

#[test]
fn calendar_feed_and_sitemap() {
    let site = Site::valid();
    assert_eq!(site.build().code, 0);
    insta::assert_snapshot!(
        "calendar",
        site.output("courses/leading-difficult-conversations.ics")
    );
    insta::assert_snapshot!("feed", site.output("feed.xml"));
    insta::assert_snapshot!("sitemap", site.output("sitemap.xml"));
}

#[test]
fn drafts_are_not_published() {
    let site = Site::valid().file(
        "content/courses/wip.md",
        "---\ntitle: Work in progress\nsummary: Not yet.\ndepartments: [finance]\nformat: virtual\ndraft: true\n---\nSoon.\n",
    );
    assert_eq!(site.build().code, 0);
    assert!(!site.public().join("courses/wip.html").exists());
    assert!(!site.output("index.html").contains("Work in progress"));
}

/// The list of meetings counts who attended and the outcomes learners can see: an outcome
/// about a draft course is not counted until the course is published.
#[test]
fn meetings_list_counts_attendees_and_published_outcomes() {
    let meeting = crate::support::MEETING.to_string()
        + "  - course: wip\n    commitment: Pilot it with the finance team.\n";
    let site = Site::valid()
        .file(
            "content/courses/wip.md",
            "---\ntitle: Work in progress\nsummary: Not yet.\ndepartments: [finance]\nformat: virtual\ndraft: true\n---\nSoon.\n",
        )
        .file("content/meetings/ops-briefing.yaml", &meeting);
    assert_eq!(site.build().code, 0);
    let list = crate::support::main_of(&site.output("meetings/index.html"));
    assert!(list.contains("2 leaders"), "{list}");
    assert!(list.contains("1 outcome<"), "{list}");
    assert!(!list.contains("Pilot it"), "{list}");
    // Published, the course's outcome is counted.
    let site = site.file(
        "content/courses/wip.md",
        "---\ntitle: Work in progress\nsummary: Not yet.\ndepartments: [finance]\nformat: virtual\n---\nSoon.\n",
    );
    assert_eq!(site.build().code, 0);
    let list = crate::support::main_of(&site.output("meetings/index.html"));
    assert!(list.contains("2 outcomes"), "{list}");
}

#[test]
fn new_site_creates_a_site_that_builds() {
    let site = Site::empty();
    let run = site.run(&["new", "site", "training"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = site.run(&["build", "-C", "training"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.path().join("training/public/index.html").is_file());
    let again = site.run(&["new", "site", "training"]);
    assert_eq!(again.code, 2, "{}", again.stderr);
}

/// Regression: feed links pointed at the old page layout after pages moved.
#[test]
fn every_feed_link_resolves_to_a_page() {
    let site = Site::valid().file(
        "site.yaml",
        &crate::support::SITE_YAML
            .replace("base_url: https://intranet.example.org/training/\n", ""),
    );
    assert_eq!(site.build().code, 0);
    let feed = site.output("feed.xml");
    let links: Vec<&str> = feed
        .split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect();
    assert!(links.len() >= 4, "{feed}");
    for link in links {
        let path = link.split('#').next().unwrap();
        assert!(
            site.public().join(path).is_file(),
            "feed links to missing {link}"
        );
    }
}

/// The fixture of long words and addresses, which the browser checks build to look for
/// sideways scrolling on a phone, stays a valid site.
#[test]
fn long_words_fixture_checks_clean() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_buyin"))
        .args([
            "-C",
            "tests/fixtures/long-words",
            "check",
            "--today",
            crate::support::TODAY,
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn pages_declare_their_address_description_and_icon() {
    let site = Site::valid();
    assert_eq!(site.build().code, 0);
    let course = site.output("courses/leading-difficult-conversations.html");
    for tag in [
        "<link rel=\"canonical\" href=\"https://intranet.example.org/training/courses/leading-difficult-conversations.html\">",
        "<meta name=\"description\" content=\"Raise problems early and kindly.\">",
        "<meta property=\"og:title\" content=\"Leading Difficult Conversations\">",
        "<meta property=\"og:description\" content=\"Raise problems early and kindly.\">",
        "<link rel=\"icon\" href=\"../favicon.svg\" type=\"image/svg+xml\">",
    ] {
        assert!(course.contains(tag), "the course page lacks {tag}");
    }
    // An index page's address is its folder.
    assert!(site.output("leaders/index.html").contains(
        "<link rel=\"canonical\" href=\"https://intranet.example.org/training/leaders/\">"
    ));
    assert!(site.output("favicon.svg").starts_with("<svg"));
    for (path, bytes) in tree(&site.public()) {
        if path.ends_with(".html") {
            let html = String::from_utf8(bytes).unwrap();
            assert!(html.contains("<meta name=\"description\""), "{path}");
        }
    }
    // Without a published address there is nothing to be canonical about.
    let local = Site::valid().file(
        "site.yaml",
        &crate::support::SITE_YAML
            .replace("base_url: https://intranet.example.org/training/\n", ""),
    );
    assert_eq!(local.build().code, 0);
    let course = local.output("courses/leading-difficult-conversations.html");
    assert!(
        !course.contains("canonical") && !course.contains("og:"),
        "{course}"
    );
}

#[test]
fn the_not_found_page_is_styled_and_linked_from_any_address() {
    let site = Site::valid();
    assert_eq!(site.build().code, 0);
    let page = site.output("404.html");
    // Styled without a second file, so it looks right from disk and at any depth.
    assert!(!page.contains("rel=\"stylesheet\""), "{page}");
    assert!(
        page.contains("<style>") && page.contains(".site-header"),
        "{page}"
    );
    // Links are relative (right from disk); served, they resolve from the site's folder.
    assert!(
        page.contains("<a href=\"departments/index.html\">"),
        "{page}"
    );
    assert!(
        page.contains("el.setAttribute(\"href\", \"/training/\" + href)"),
        "{page}"
    );
    assert!(
        page.contains("<link rel=\"icon\" href=\"data:image/svg+xml,"),
        "{page}"
    );
    assert!(!page.contains("canonical"));
}
