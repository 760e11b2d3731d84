//! Time zones: sessions held in another zone carry it in their calendar (with the zone's
//! rules) and name it on the page; calendars are stamped with the build's moment and tell
//! calendar programs when a course changed.

use std::fs;
use std::time::{Duration, SystemTime};

use crate::support::{COURSE, SITE_YAML, Site, main_of};

const COURSE_FILE: &str = "content/courses/leading-difficult-conversations.md";

/// The valid site held in UK time, with its online session in New York time.
fn two_zones() -> Site {
    Site::valid()
        .file(
            "site.yaml",
            &format!("{SITE_YAML}timezone: Europe/London\n"),
        )
        .file(
            COURSE_FILE,
            &COURSE.replacen(
                "    link: https://meet.example.org/abc\n",
                "    link: https://meet.example.org/abc\n    timezone: America/New_York\n",
                1,
            ),
        )
}

/// Sets the course file's modification time to `secs` after 1970.
fn touch(site: &Site, secs: u64) {
    let file = fs::File::options()
        .write(true)
        .open(site.path().join(COURSE_FILE))
        .unwrap();
    file.set_modified(SystemTime::UNIX_EPOCH + Duration::from_secs(secs))
        .unwrap();
}

#[test]
fn a_session_in_another_zone_carries_it() {
    let site = two_zones();
    touch(&site, 1_767_225_600); // 2026-01-01
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let ics = site.output("courses/leading-difficult-conversations.ics");
    insta::assert_snapshot!(ics.replace("\r\n", "\n"));
    assert!(ics.contains("DTSTART;TZID=Europe/London:20261203T093000\r\n"));
    assert!(ics.contains("DTSTART;TZID=America/New_York:20270114T130000\r\n"));
    assert!(ics.contains("TZID:America/New_York\r\nBEGIN:STANDARD\r\n"));
    // Stamped with the day of the build, never a session's (future) date.
    assert!(ics.contains("DTSTAMP:20261122T000000Z\r\n"), "{ics}");
    // The page names each session's zone, because the site spans two.
    let main = main_of(&site.output("courses/leading-difficult-conversations.html"));
    assert!(
        main.contains("09:30–16:30 <span class=\"session-zone\">UK time (UTC)</span>"),
        "{main}"
    );
    assert!(
        main.contains("13:00–15:00 <span class=\"session-zone\">New York time (UTC−5)</span>"),
        "{main}"
    );
}

#[test]
fn a_site_in_one_zone_does_not_name_it_on_pages() {
    let site = Site::valid().file(
        "site.yaml",
        &format!("{SITE_YAML}timezone: Europe/London\n"),
    );
    assert_eq!(site.build().code, 0);
    let main = main_of(&site.output("courses/leading-difficult-conversations.html"));
    assert!(!main.contains("session-zone"), "{main}");
    let ics = site.output("courses/leading-difficult-conversations.ics");
    assert!(
        ics.contains("DTSTART;TZID=Europe/London:20270114T130000\r\n"),
        "{ics}"
    );
}

#[test]
fn without_a_zone_times_float() {
    let site = Site::valid();
    assert_eq!(site.build().code, 0);
    let ics = site.output("courses/leading-difficult-conversations.ics");
    assert!(ics.contains("DTSTART:20261203T093000\r\n"), "{ics}");
    assert!(!ics.contains("VTIMEZONE"), "{ics}");
}

#[test]
fn a_changed_course_gets_a_higher_sequence() {
    let site = two_zones();
    let sequence = |site: &Site| -> (u64, String) {
        let run = site.run_on("2030-01-01", &["build"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let ics = site.output("courses/leading-difficult-conversations.ics");
        let field = |name: &str| {
            ics.lines()
                .find_map(|l| l.strip_prefix(name))
                .unwrap()
                .trim()
                .to_string()
        };
        (field("SEQUENCE:").parse().unwrap(), field("LAST-MODIFIED:"))
    };
    touch(&site, 1_767_225_600); // 2026-01-01
    let (before, modified) = sequence(&site);
    assert_eq!(modified, "20260101T000000Z");
    touch(&site, 1_769_904_000); // 2026-02-01
    let (after, modified) = sequence(&site);
    assert_eq!(modified, "20260201T000000Z");
    assert!(after > before, "{after} should be above {before}");
    // Unchanged, it stays as it was.
    assert_eq!(sequence(&site).0, after);
}
