//! Builds that use the build cache: after every kind of edit (a record of each kind
//! added, changed, renamed and removed; a template; site.yaml; another day), the output
//! folder is byte for byte what a build without a cache makes of the same files, and a
//! cache that is damaged, cut short or written by another buyin is set aside.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use buyin::CacheUse;
use buyin::model::Date;

use crate::support::{Site, TODAY};

/// Every file and folder below `dir` (the folders, to catch one left behind empty).
fn snapshot(dir: &Path) -> Vec<(String, Option<Vec<u8>>)> {
    let mut all: Vec<(String, Option<Vec<u8>>)> = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .map(|e| e.expect("walk output"))
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().display().to_string();
            let bytes = e.file_type().is_file().then(|| fs::read(e.path()).unwrap());
            (rel, bytes)
        })
        .collect();
    all.sort();
    all
}

/// The demo site, its files dated an hour ago (so unchanged files are known by their
/// size and time alone).
fn demo() -> Site {
    let site = Site::empty();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for top in ["site.yaml", "content", "static"] {
        for entry in walkdir::WalkDir::new(root.join(top)) {
            let entry = entry.unwrap();
            let target = site.path().join(entry.path().strip_prefix(root).unwrap());
            if entry.file_type().is_dir() {
                fs::create_dir_all(&target).unwrap();
            } else {
                fs::copy(entry.path(), &target).unwrap();
                age(&target);
            }
        }
    }
    site
}

/// Sets a file's modification time to an hour ago.
fn age(path: &Path) {
    let hour_ago = SystemTime::now() - Duration::from_secs(3600);
    fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(hour_ago)
        .unwrap();
}

fn today() -> Date {
    Date::parse(TODAY).unwrap()
}

/// Builds with the cache into public/ and without one into fresh/, and asserts both
/// are the same. Returns the output folder's identity (its inode), to tell whether it
/// was brought up to date in place.
fn build_both(root: &Path, day: Date, what: &str) -> u64 {
    let out = root.join("public");
    let built = buyin::build_with(root, &out, day, CacheUse::On);
    assert!(
        built.report.is_some(),
        "{what}: {:?}",
        built.diagnostics.clone().sorted()
    );
    assert!(built.notes.is_empty(), "{what}: {:?}", built.notes);
    let fresh = root.join("fresh");
    let _ = fs::remove_dir_all(&fresh);
    let plain = buyin::build_with(root, &fresh, day, CacheUse::Off);
    assert!(plain.report.is_some(), "{what}");
    let (cached, fresh_files) = (snapshot(&out), snapshot(&fresh));
    if cached != fresh_files {
        let names = |s: &[(String, Option<Vec<u8>>)]| -> Vec<String> {
            s.iter().map(|(p, _)| p.clone()).collect()
        };
        let differ: Vec<&String> = cached
            .iter()
            .zip(&fresh_files)
            .filter(|(a, b)| a != b)
            .map(|(a, _)| &a.0)
            .take(5)
            .collect();
        panic!(
            "{what}: the cached build differs from a fresh one: first differences {differ:?}; \
             {} paths against {}; only cached: {:?}",
            cached.len(),
            fresh_files.len(),
            names(&cached)
                .into_iter()
                .filter(|p| !names(&fresh_files).contains(p))
                .collect::<Vec<_>>()
        );
    }
    fs::remove_dir_all(&fresh).unwrap();
    inode(&out)
}

#[cfg(unix)]
fn inode(path: &Path) -> u64 {
    use std::os::unix::fs::MetadataExt;
    fs::metadata(path).unwrap().ino()
}

#[cfg(not(unix))]
fn inode(_: &Path) -> u64 {
    0
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

fn replace(root: &Path, rel: &str, from: &str, to: &str) {
    let text = fs::read_to_string(root.join(rel)).unwrap();
    assert!(text.contains(from), "{rel} has no {from:?}");
    fs::write(root.join(rel), text.replacen(from, to, 1)).unwrap();
}

fn rename(root: &Path, from: &str, to: &str) {
    fs::rename(root.join(from), root.join(to)).unwrap();
}

fn remove(root: &Path, rel: &str) {
    fs::remove_file(root.join(rel)).unwrap();
}

const LEADER: &str =
    "name: Nadia Kowalski\ntitle: Head of Estates\ndepartment: operations\nseniority: senior\n";
const ENDORSEMENT: &str = "course: inclusive-hiring\nby: nadia-kowalski\ndate: 2026-11-02\nquote: Every estates manager hires; this is how we hire fairly.\n";
const MEETING: &str = "title: Estates leadership briefing\ndate: 2026-11-03\nkind: briefing\nattendees: [nadia-kowalski]\noutcomes:\n  - course: inclusive-hiring\n    decision: Estates vacancies use the structured interview from this course.\n    owner: nadia-kowalski\n";
const QUESTION: &str = "course: inclusive-hiring\nasked: 2026-11-04\nasked_by: A supervisor in Estates\nquestion: Do we still shortlist by CV?\nanswer: Yes, against the published criteria only.\nanswered_by: nadia-kowalski\nanswered: 2026-11-06\n";
const COURSE: &str = "---\ntitle: Estates Safety Walkrounds\nsummary: How to run a safety walkround that staff trust.\ndepartments: [operations]\naudience: Estates supervisors\nformat: workshop\nduration: Half a day\n---\n\nWalk the site with the people who work there.\n";
const TRANSLATION: &str = "---\ntitle: Rondes de sécurité\nsummary: Comment mener une ronde de sécurité en qui le personnel a confiance.\n---\n\nParcourez le site avec les personnes qui y travaillent.\n";
const POLL: &str = "question: What would help your team most this year?\ndate: 2026-10-01\nrespondents: 12\nproblems:\n  - id: estates-safety\n    text: Safety concerns are raised late.\n    votes: 7\n    courses: [inclusive-hiring]\n";

#[test]
fn a_cached_build_equals_a_fresh_one_after_every_kind_of_edit() {
    let site = demo();
    let root = site.path();
    build_both(root, today(), "first build");
    let folder = build_both(root, today(), "no change");

    type Edit = (&'static str, fn(&Path));
    let edits: [Edit; 33] = [
        // Leaders: added, changed, renamed (nothing refers to the new one yet).
        ("leader added", |r| {
            write(r, "content/leaders/nadia-kowalski.yaml", LEADER)
        }),
        ("leader changed", |r| {
            replace(
                r,
                "content/leaders/tom-okafor.yaml",
                "seniority: senior",
                "seniority: manager",
            )
        }),
        ("leader renamed", |r| {
            rename(
                r,
                "content/leaders/nadia-kowalski.yaml",
                "content/leaders/nadia-k.yaml",
            );
            rename(
                r,
                "content/leaders/nadia-k.yaml",
                "content/leaders/nadia-kowalski.yaml",
            )
        }),
        // Endorsements.
        ("endorsement added", |r| {
            write(
                r,
                "content/endorsements/inclusive-hiring--nadia.yaml",
                ENDORSEMENT,
            )
        }),
        ("endorsement changed", |r| {
            replace(
                r,
                "content/endorsements/inclusive-hiring--nadia.yaml",
                "fairly",
                "fairly and fast",
            )
        }),
        ("endorsement renamed", |r| {
            rename(
                r,
                "content/endorsements/inclusive-hiring--nadia.yaml",
                "content/endorsements/inclusive-hiring--nadia-kowalski.yaml",
            )
        }),
        ("endorsement of the demo changed", |r| {
            replace(
                r,
                "content/endorsements/coaching-for-performance--grace-mensah.yaml",
                "quote: ",
                "quote: Truly, ",
            )
        }),
        // Meetings.
        ("meeting added", |r| {
            write(r, "content/meetings/estates-briefing-2026-11.yaml", MEETING)
        }),
        ("meeting changed", |r| {
            replace(
                r,
                "content/meetings/estates-briefing-2026-11.yaml",
                "Estates leadership",
                "Estates and facilities",
            )
        }),
        ("meeting renamed", |r| {
            rename(
                r,
                "content/meetings/estates-briefing-2026-11.yaml",
                "content/meetings/estates-briefing-november.yaml",
            )
        }),
        ("meeting removed", |r| {
            remove(r, "content/meetings/managers-town-hall-2026-11.yaml")
        }),
        // Questions.
        ("question added", |r| {
            write(r, "content/questions/hiring-cv.yaml", QUESTION)
        }),
        ("question changed", |r| {
            replace(
                r,
                "content/questions/hiring-cv.yaml",
                "only.",
                "only, scored by two people.",
            )
        }),
        ("question renamed", |r| {
            rename(
                r,
                "content/questions/hiring-cv.yaml",
                "content/questions/hiring-shortlist.yaml",
            )
        }),
        ("question removed", |r| {
            remove(r, "content/questions/coaching-no-time.yaml")
        }),
        // Polls.
        ("poll added", |r| {
            write(r, "content/polls/estates-2026.yaml", POLL)
        }),
        ("poll changed", |r| {
            replace(r, "content/polls/estates-2026.yaml", "votes: 7", "votes: 9")
        }),
        ("poll renamed", |r| {
            rename(
                r,
                "content/polls/estates-2026.yaml",
                "content/polls/estates-pulse-2026.yaml",
            )
        }),
        ("poll removed", |r| {
            remove(r, "content/polls/estates-pulse-2026.yaml")
        }),
        // Courses, their translations and the files beside them.
        ("course added", |r| {
            write(r, "content/courses/estates-safety-walkrounds.md", COURSE)
        }),
        ("translation added", |r| {
            write(
                r,
                "content/courses/estates-safety-walkrounds.fr.md",
                TRANSLATION,
            )
        }),
        ("course changed", |r| {
            replace(
                r,
                "content/courses/wellbeing-check-ins.md",
                "title: ",
                "title: Better ",
            )
        }),
        ("translation changed", |r| {
            replace(
                r,
                "content/courses/coaching-for-performance.fr.md",
                "title: ",
                "title: Nouveau, ",
            )
        }),
        ("course renamed", |r| {
            rename(
                r,
                "content/courses/estates-safety-walkrounds.md",
                "content/courses/safety-walkrounds.md",
            );
            rename(
                r,
                "content/courses/estates-safety-walkrounds.fr.md",
                "content/courses/safety-walkrounds.fr.md",
            )
        }),
        ("translation removed", |r| {
            remove(r, "content/courses/budgeting-for-managers.fr.md")
        }),
        ("course file beside index.md changed", |r| {
            write(
                r,
                "content/courses/leading-difficult-conversations/model.svg",
                "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
            )
        }),
        ("course removed", |r| {
            remove(r, "content/courses/safety-walkrounds.md");
            remove(r, "content/courses/safety-walkrounds.fr.md")
        }),
        // Static files.
        ("static file changed", |r| {
            write(
                r,
                "static/photos/priya-natarajan.svg",
                "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
            )
        }),
        ("static file added", |r| {
            write(r, "static/files/agenda.txt", "Agenda\n")
        }),
        ("static file removed", |r| {
            remove(r, "static/files/agenda.txt")
        }),
        // The theme and site.yaml.
        ("wording of the theme changed", |r| {
            write(
                r,
                "themes/default/i18n/en.yaml",
                "nav:\n  catalog: All courses\n",
            )
        }),
        ("template changed", |r| {
            let built_in = fs::read_to_string(
                Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("themes/default/templates/partials/leader_chip.html"),
            )
            .unwrap();
            write(
                r,
                "themes/default/templates/partials/leader_chip.html",
                &format!("<!-- chip -->{built_in}"),
            )
        }),
        ("site.yaml changed", |r| {
            replace(r, "site.yaml", "organisation: ", "organisation: The ")
        }),
    ];
    for (what, edit) in edits {
        edit(root);
        build_both(root, today(), what);
    }
    let html = fs::read_to_string(root.join("public/courses/inclusive-hiring.html")).unwrap();
    assert!(
        html.contains("<!-- chip -->"),
        "the changed template is used"
    );

    // The same files on another day: what depends on the date changes.
    build_both(root, Date::parse("2027-03-01").unwrap(), "another day");

    // One endorsement changed: the folder is brought up to date where it is.
    let folder_now = inode(&root.join("public"));
    replace(
        root,
        "content/endorsements/inclusive-hiring--nadia-kowalski.yaml",
        "fast",
        "quickly",
    );
    let after = build_both(root, Date::parse("2027-03-01").unwrap(), "one endorsement");
    assert_eq!(after, folder_now, "a small change is written in place");
    // Its course page, its leader's page and their pages in the other language.
    let built = buyin::build_with(
        root,
        &root.join("public"),
        Date::parse("2027-03-01").unwrap(),
        CacheUse::On,
    );
    let report = built.report.expect("built");
    assert_eq!(report.changed, 0, "nothing changed since");
    let _ = folder;
}

#[test]
fn a_file_with_its_size_and_time_unchanged_is_not_read_again() {
    let site = demo();
    let root = site.path();
    build_both(root, today(), "first build");
    // Same size, same time, other words: taken from the cache, as make and cargo would.
    let rel = "content/leaders/ben-harrow.yaml";
    let time = fs::metadata(root.join(rel)).unwrap().modified().unwrap();
    replace(root, rel, "Ben Harrow", "Ben Harris");
    fs::File::options()
        .write(true)
        .open(root.join(rel))
        .unwrap()
        .set_modified(time)
        .unwrap();
    let out = root.join("public");
    let built = buyin::build_with(root, &out, today(), CacheUse::On);
    assert!(built.report.is_some());
    let leader = fs::read_to_string(out.join("leaders/ben-harrow.html")).unwrap();
    assert!(
        leader.contains("Ben Harrow"),
        "the unchanged-looking file is not read"
    );
    // --no-cache reads everything.
    let built = buyin::build_with(root, &out, today(), CacheUse::Fresh);
    assert!(built.report.is_some());
    let leader = fs::read_to_string(out.join("leaders/ben-harrow.html")).unwrap();
    assert!(leader.contains("Ben Harris"));
}

#[test]
fn outputs_removed_or_edited_by_hand_are_made_again() {
    let site = demo();
    let root = site.path();
    let folder = build_both(root, today(), "first build");
    let out = root.join("public");
    let page = "courses/inclusive-hiring.html";
    assert!(out.join(page).is_file());
    fs::remove_file(out.join(page)).unwrap();
    fs::write(out.join("index.html"), "edited by hand").unwrap();
    fs::remove_file(out.join("style.css")).unwrap();
    fs::create_dir(out.join("style.css")).unwrap();
    let built = buyin::build_with(root, &out, today(), CacheUse::On);
    assert!(
        built.report.is_some(),
        "{:?}",
        built.diagnostics.clone().sorted()
    );
    assert_eq!(built.report.unwrap().changed, 3, "the three are made again");
    assert_eq!(build_both(root, today(), "after the hand edits"), folder);
}

/// The largest file of the cache (one of the files of records).
fn cache_file(root: &Path) -> PathBuf {
    fs::read_dir(root.join(".buyin-cache"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .max_by_key(|p| fs::metadata(p).unwrap().len())
        .unwrap()
}

#[test]
fn a_damaged_or_foreign_cache_is_set_aside_with_a_note() {
    let site = demo();
    let root = site.path();
    let first = site.run(&["build"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let file = cache_file(root);
    let good = fs::read(&file).unwrap();
    let expected = snapshot(&root.join("public"));

    let mut flipped = good.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x01;
    let foreign =
        String::from_utf8_lossy(&good).replacen("buyin build cache\n", "buyin build cache\n9", 1);
    let cases: [(&str, Vec<u8>, &str); 4] = [
        ("one byte changed", flipped, "is damaged"),
        ("cut short", good[..good.len() / 3].to_vec(), "is damaged"),
        ("not a cache", b"hello".to_vec(), "is damaged"),
        (
            "another buyin",
            foreign.into_bytes(),
            "was written by another version of buyin",
        ),
    ];
    for (what, bytes, note) in cases {
        // The output is removed too, so nothing is taken from an earlier build's folder.
        fs::remove_dir_all(root.join("public")).unwrap();
        fs::write(&file, bytes).unwrap();
        let run = site.run(&["build"]);
        assert_eq!(run.code, 0, "{what}: {}", run.stderr);
        let first_line = run.stderr.lines().next().unwrap_or_default();
        assert_eq!(
            first_line,
            format!("note: the build cache `./.buyin-cache` {note}; building everything afresh"),
            "{what}"
        );
        assert_eq!(snapshot(&root.join("public")), expected, "{what}");
        // The cache was written anew: the next build says nothing about it.
        let again = site.run(&["build"]);
        assert!(!again.stderr.contains("note:"), "{what}: {}", again.stderr);
        assert_eq!(snapshot(&root.join("public")), expected, "{what}");
    }

    // A cache folder that is not a folder: set aside, never an error.
    fs::remove_dir_all(root.join(".buyin-cache")).unwrap();
    fs::write(root.join(".buyin-cache"), "not a folder").unwrap();
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.starts_with("note: the build cache"),
        "{}",
        run.stderr
    );
    assert_eq!(snapshot(&root.join("public")), expected);
}

#[test]
fn check_with_a_cache_still_finds_every_problem() {
    let site = demo();
    let root = site.path();
    let clean = site.run(&["check"]);
    assert_eq!(clean.code, 0, "{}", clean.stderr);
    // A problem only rendering finds (an unsafe link in a course's text) is found on
    // every run, cache or not, and so is a problem in a record.
    fs::write(
        root.join("content/courses/inclusive-hiring.md"),
        fs::read_to_string(root.join("content/courses/inclusive-hiring.md")).unwrap()
            + "\n[Open me](javascript:alert(1))\n",
    )
    .unwrap();
    let first = site.run(&["check"]);
    assert_eq!(first.code, 1, "{}", first.stderr);
    let second = site.run(&["check"]);
    assert_eq!(second.stderr, first.stderr, "a second run finds the same");
    let fresh = site.run(&["check", "--no-cache"]);
    assert_eq!(
        fresh.stderr, first.stderr,
        "and so does one without the cache"
    );
    replace(
        root,
        "content/leaders/ben-harrow.yaml",
        "seniority: manager",
        "seniority: boss",
    );
    let both = site.run(&["check"]);
    assert!(both.stderr.contains("javascript"), "{}", both.stderr);
    assert!(both.stderr.contains("boss"), "{}", both.stderr);
}

#[test]
fn the_cache_is_kept_out_of_the_published_folder_and_the_repository() {
    let site = demo();
    let root = site.path();
    assert_eq!(site.run(&["build"]).code, 0);
    assert!(!root.join("public/.buyin-cache").exists());
    let ignore = fs::read_to_string(root.join(".buyin-cache/.gitignore")).unwrap();
    assert!(ignore.lines().any(|l| l == "*"), "{ignore}");
}
