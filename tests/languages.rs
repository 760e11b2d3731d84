//! Sites in several languages: where each language's pages go, the switcher and
//! alternates, translated theme words and dates, translated content and how untranslated
//! text is marked, and the errors of translations.

use crate::support::{ENDORSEMENT, PRIYA, SITE_YAML, Site, main_of};

const COURSE_PAGE: &str = "courses/leading-difficult-conversations.html";

fn in_languages(languages: &str) -> Site {
    Site::valid().file(
        "site.yaml",
        &format!("{SITE_YAML}languages: [{languages}]\n"),
    )
}

const FRENCH_COURSE: &str = "\
---
title: Mener les conversations difficiles
summary: Aborder les problèmes tôt et avec bienveillance.
objectives:
  - Ouvrir une conversation difficile en deux minutes
---

## Pourquoi cette formation

Les managers nous ont dit **éviter** les conversations difficiles.
";

fn built(site: Site) -> Site {
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    site
}

#[test]
fn each_language_has_its_own_folder_with_the_same_page_names() {
    let site = built(in_languages("en, fr"));
    for page in [
        "index.html",
        COURSE_PAGE,
        "leaders/priya-natarajan.html",
        "meetings/ops-briefing.html",
        "departments/finance.html",
        "polls/index.html",
        "feed.xml",
        "courses/leading-difficult-conversations.ics",
    ] {
        assert!(site.public().join(page).is_file(), "missing {page}");
        assert!(
            site.public().join("fr").join(page).is_file(),
            "missing fr/{page}"
        );
    }
    // One stylesheet, one 404 page, for every language.
    assert!(!site.public().join("fr/style.css").exists());
    assert!(!site.public().join("fr/404.html").exists());
    let fr = site.output(&format!("fr/{COURSE_PAGE}"));
    assert!(
        fr.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">"),
        "{fr}"
    );
    assert!(
        fr.contains("<link rel=\"stylesheet\" href=\"../../style.css\">"),
        "{fr}"
    );
    // Links between pages stay in the language.
    assert!(
        fr.contains("<a href=\"../leaders/priya-natarajan.html\" dir=\"auto\">"),
        "{fr}"
    );
    assert!(fr.contains("<link rel=\"canonical\" href=\"https://intranet.example.org/training/fr/courses/leading-difficult-conversations.html\">"), "{fr}");
}

#[test]
fn every_page_links_to_itself_in_the_other_languages() {
    let site = built(in_languages("en, fr"));
    let en = site.output(COURSE_PAGE);
    let fr = site.output(&format!("fr/{COURSE_PAGE}"));
    for (page, own) in [(&en, "en"), (&fr, "fr")] {
        assert!(page.contains("<link rel=\"alternate\" hreflang=\"en\" href=\"https://intranet.example.org/training/courses/leading-difficult-conversations.html\">"), "{page}");
        assert!(page.contains("<link rel=\"alternate\" hreflang=\"fr\" href=\"https://intranet.example.org/training/fr/courses/leading-difficult-conversations.html\">"), "{page}");
        assert!(
            page.contains(&format!("<span aria-current=\"true\" lang=\"{own}\">")),
            "{page}"
        );
    }
    assert!(en.contains("<a href=\"../fr/courses/leading-difficult-conversations.html\" hreflang=\"fr\" lang=\"fr\">Français</a>"), "{en}");
    assert!(fr.contains("<a href=\"../../courses/leading-difficult-conversations.html\" hreflang=\"en\" lang=\"en\">English</a>"), "{fr}");
    // The catalog's alternates name the folder.
    assert!(
        site.output("fr/index.html")
            .contains("hreflang=\"en\" href=\"https://intranet.example.org/training/\"")
    );
    // A one-language site has no switcher.
    let one = built(Site::valid());
    assert!(!one.output(COURSE_PAGE).contains("language-switcher"));
}

#[test]
fn the_theme_speaks_each_language_and_writes_its_dates() {
    let site = built(in_languages("en, fr, de"));
    let fr = site.output(&format!("fr/{COURSE_PAGE}"));
    for words in [
        ">Formations</a>",
        "Des cadres dirigeants suivent-ils cette formation ?",
        "3 décembre 2026",
        "Ce que vous saurez faire",
    ] {
        assert!(fr.contains(words), "French page lacks {words:?}");
    }
    let de = site.output(&format!("de/{COURSE_PAGE}"));
    for words in [">Kurse</a>", "3. Dezember 2026", "Termine"] {
        assert!(de.contains(words), "German page lacks {words:?}");
    }
    // The default language is untouched.
    assert!(site.output(COURSE_PAGE).contains("3 December 2026"));
    // French uses the singular for 0 and 1.
    let catalog = site.output("fr/index.html");
    assert!(
        catalog.contains("<strong>1</strong> formation<"),
        "{catalog}"
    );
}

#[test]
fn a_translated_course_reads_in_its_language() {
    let site = built(in_languages("en, fr").file(
        "content/courses/leading-difficult-conversations.fr.md",
        FRENCH_COURSE,
    ));
    let fr = main_of(&site.output(&format!("fr/{COURSE_PAGE}")));
    assert!(
        fr.contains("<h1>Mener les conversations difficiles</h1>"),
        "{fr}"
    );
    assert!(
        fr.contains("<li>Ouvrir une conversation difficile en deux minutes</li>"),
        "{fr}"
    );
    assert!(
        fr.contains("Les managers nous ont dit <strong>éviter</strong>"),
        "{fr}"
    );
    // Facts stay those of the course: its sessions and their dates.
    assert!(fr.contains("id=\"session-leeds-dec\""), "{fr}");
    assert!(fr.contains("<article class=\"course\">"), "{fr}");
    // The card in the French catalog is French; the English site is untouched.
    assert!(
        site.output("fr/index.html")
            .contains(">Mener les conversations difficiles</a>")
    );
    assert!(
        site.output(COURSE_PAGE)
            .contains("<h1>Leading Difficult Conversations</h1>")
    );
    let ics = site.output("fr/courses/leading-difficult-conversations.ics");
    assert!(
        ics.contains("SUMMARY:Mener les conversations difficiles"),
        "{ics}"
    );
}

#[test]
fn untranslated_text_keeps_its_language_and_the_page_says_so_once() {
    let site = built(in_languages("en, fr"));
    let page = site.output(&format!("fr/{COURSE_PAGE}"));
    assert_eq!(
        page.matches("class=\"untranslated-note\"").count(),
        1,
        "{page}"
    );
    assert!(
        page.contains("Une partie du texte de cette page n&#39;est pas encore traduite"),
        "{page}"
    );
    assert!(
        page.contains("<article class=\"course\" lang=\"en\" dir=\"auto\">"),
        "{page}"
    );
    let catalog = site.output("fr/index.html");
    assert!(
        catalog.contains("<h3 class=\"course-card-title\" lang=\"en\" dir=\"auto\">"),
        "{catalog}"
    );
    // The leader's untranslated title is marked too.
    assert!(
        page.contains("<span dir=\"auto\" lang=\"en\">Chief Operating Officer</span>"),
        "{page}"
    );
    // Nothing is marked in the default language.
    let en = site.output(COURSE_PAGE);
    assert!(
        !en.contains("untranslated-note") && en.contains("<article class=\"course\">"),
        "{en}"
    );
}

#[test]
fn a_translated_quote_is_shown_as_such_with_the_original_a_click_away() {
    let site = built(
        in_languages("en, fr")
            .file(
                "content/endorsements/ldc-priya.yaml",
                &format!("{ENDORSEMENT}translations:\n  fr:\n    quote: Je serai dans la salle à Leeds.\n"),
            )
            .file(
                "content/leaders/priya-natarajan.yaml",
                &format!("{PRIYA}translations:\n  fr:\n    title: Directrice des opérations\n"),
            ),
    );
    let page = main_of(&site.output(&format!("fr/{COURSE_PAGE}")));
    assert!(
        page.contains(
            "<blockquote dir=\"auto\"><p>Je serai dans la salle à Leeds.</p></blockquote>"
        ),
        "{page}"
    );
    assert!(page.contains("<summary>Traduit des propres mots du responsable · Voir l&#39;original</summary><blockquote dir=\"auto\" lang=\"en\"><p>I will be in the room in Leeds.</p></blockquote>"), "{page}");
    assert!(
        page.contains("<span dir=\"auto\">Directrice des opérations</span>"),
        "{page}"
    );
}

#[test]
fn feeds_per_language_and_one_sitemap_with_alternates() {
    let site = built(in_languages("en, fr"));
    assert!(site.output("feed.xml").contains("xml:lang=\"en\""));
    let feed = site.output("fr/feed.xml");
    assert!(feed.contains("xml:lang=\"fr\""), "{feed}");
    assert!(
        feed.contains(
            "https://intranet.example.org/training/fr/courses/leading-difficult-conversations.html"
        ),
        "{feed}"
    );
    let sitemap = site.output("sitemap.xml");
    assert!(
        sitemap.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""),
        "{sitemap}"
    );
    assert!(sitemap.contains("<loc>https://intranet.example.org/training/fr/courses/leading-difficult-conversations.html</loc><lastmod>2026-10-14</lastmod><xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://intranet.example.org/training/courses/leading-difficult-conversations.html\"/>"), "{sitemap}");
}

#[test]
fn a_right_to_left_language_turns_the_page() {
    let site = built(in_languages("en, ar"));
    let page = site.output(&format!("ar/{COURSE_PAGE}"));
    assert!(
        page.starts_with("<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\">"),
        "{page}"
    );
}

#[test]
fn check_names_the_words_a_language_lacks() {
    let site = in_languages("en, es");
    let run = site.check();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("warning[missing-strings]: the theme's `es` words lack"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("themes/default/i18n/es.yaml"),
        "{}",
        run.stderr
    );
    // A site's own file adds the language, and the warning names only what is left.
    let lacking = |stderr: &str| -> usize {
        let rest = stderr.split("words lack ").nth(1).unwrap_or_default();
        rest.split(' ')
            .next()
            .unwrap_or_default()
            .parse()
            .unwrap_or(0)
    };
    let before = lacking(&run.stderr);
    assert!(before > 200, "{}", run.stderr);
    let site = site.file("themes/default/i18n/es.yaml", "nav:\n  catalog: Cursos\n");
    let run = site.check();
    assert_eq!(lacking(&run.stderr), before - 1, "{}", run.stderr);
    assert_eq!(site.build().code, 0);
    assert!(
        site.output(&format!("es/{COURSE_PAGE}"))
            .contains(">Cursos</a>")
    );
    // The built-in languages are complete.
    let run = in_languages("en, fr, de").check();
    assert!(!run.stderr.contains("missing-strings"), "{}", run.stderr);
}

#[test]
fn the_report_names_the_courses_a_language_lacks() {
    let site = in_languages("en, fr");
    let run = site.run(&["report"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("COURSES NOT YET TRANSLATED\nfr: 1 course: leading-difficult-conversations"),
        "{}",
        run.stdout
    );
    let site = site.file(
        "content/courses/leading-difficult-conversations.fr.md",
        FRENCH_COURSE,
    );
    let run = site.run(&["report", "--format", "json"]);
    assert!(
        run.stdout
            .contains("\"language\": \"fr\",\n      \"courses\": []"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_course_folder_is_translated_by_index_lang_md_and_keeps_its_images() {
    let folder = "content/courses/leading-difficult-conversations";
    let site = in_languages("en, fr")
        .remove("content/courses/leading-difficult-conversations.md")
        .file(&format!("{folder}/index.md"), crate::support::COURSE)
        .file(
            &format!("{folder}/model.svg"),
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        )
        .file(
            &format!("{folder}/index.fr.md"),
            "---\ntitle: Mener les conversations difficiles\n---\n\n![Le modèle](model.svg)\n",
        );
    let site = built(site);
    let fr = main_of(&site.output(&format!("fr/{COURSE_PAGE}")));
    assert!(
        fr.contains("<h1>Mener les conversations difficiles</h1>"),
        "{fr}"
    );
    // The image is published once, below the course, and found from the French page.
    assert!(
        fr.contains("src=\"../../courses/leading-difficult-conversations/model.svg\""),
        "{fr}"
    );
    assert!(
        site.public()
            .join("courses/leading-difficult-conversations/model.svg")
            .is_file()
    );
    assert!(
        !site
            .public()
            .join("fr/courses/leading-difficult-conversations/model.svg")
            .exists()
    );
}

#[test]
fn a_translated_quote_keeps_its_paragraphs_as_the_original_does() {
    // In a folded block one blank line separates paragraphs; in a literal block too.
    for (style, gap) in [(">", "\n\n"), ("|", "\n\n")] {
        let quote = format!(
            "translations:\n  fr:\n    quote: {style}\n      Premier paragraphe,\n      sur deux lignes.{gap}      Second paragraphe.\n"
        );
        let site = built(in_languages("en, fr").file(
            "content/endorsements/ldc-priya.yaml",
            &format!("{ENDORSEMENT}{quote}"),
        ));
        let page = main_of(&site.output(&format!("fr/{COURSE_PAGE}")));
        assert!(
            page.contains("<blockquote dir=\"auto\"><p>Premier paragraphe, sur deux lignes.</p><p>Second paragraphe.</p></blockquote>"),
            "quote: {style}\n{page}"
        );
    }
}

#[test]
fn what_a_translation_leaves_out_is_marked_with_its_language() {
    // Only the title is translated: the summary, duration and objectives stay English.
    let site = built(in_languages("en, fr").file(
        "content/courses/leading-difficult-conversations.fr.md",
        "---\ntitle: Mener les conversations difficiles\n---\n",
    ));
    let page = site.output(&format!("fr/{COURSE_PAGE}"));
    assert!(page.contains("<article class=\"course\">"), "{page}");
    assert!(
        page.contains("<h1>Mener les conversations difficiles</h1>"),
        "{page}"
    );
    assert!(
        page.contains(
            "<p class=\"lead\" lang=\"en\" dir=\"auto\">Raise problems early and kindly.</p>"
        ),
        "{page}"
    );
    assert!(
        page.contains("<dd lang=\"en\" dir=\"auto\">1 day</dd>"),
        "{page}"
    );
    assert!(
        page.contains("<section aria-labelledby=\"objectives-title\" class=\"objectives\" lang=\"en\" dir=\"auto\">"),
        "{page}"
    );
    assert!(
        page.contains("<div class=\"prose\" lang=\"en\" dir=\"auto\">"),
        "{page}"
    );
    assert_eq!(
        page.matches("class=\"untranslated-note\"").count(),
        1,
        "{page}"
    );
    let card = site.output("fr/index.html");
    assert!(
        card.contains("<h3 class=\"course-card-title\"><a"),
        "{card}"
    );
    assert!(
        card.contains("<span lang=\"en\" dir=\"auto\">1 day</span>"),
        "{card}"
    );
}
