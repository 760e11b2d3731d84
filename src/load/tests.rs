//! Unit tests of reading files and front matter.

use std::fs;
use std::path::Path;

use super::files::{read_capped, rel_path};
use super::*;
use crate::model::{
    EndorsementFile, FrontMatter, LeaderFile, MeetingFile, PollFile, RecordKind, SiteFile,
};
use crate::yaml::{self, YamlSource};

#[test]
fn split_finds_front_matter_and_body_lines() {
    let text = "---\ntitle: A\nsummary: B\n---\n# Body\n";
    let s = split_front_matter(text).unwrap();
    assert_eq!(&text[s.front.clone()], "title: A\nsummary: B\n");
    assert_eq!(&text[s.body.clone()], "# Body\n");
    assert_eq!(s.body_line, 5);
}

#[test]
fn split_accepts_crlf_and_empty_body() {
    let text = "---\r\ntitle: A\r\n---\r\n";
    let s = split_front_matter(text).unwrap();
    assert_eq!(&text[s.front.clone()], "title: A\r\n");
    assert_eq!(&text[s.body.clone()], "");
}

#[test]
fn split_reports_missing_and_unclosed_front_matter() {
    assert!(split_front_matter("# Just a body\n").is_err());
    assert!(split_front_matter("---\ntitle: A\n").is_err());
    assert!(split_front_matter("").is_err());
}

#[test]
fn read_capped_reads_small_large_and_too_large_files() {
    let dir = tempfile::tempdir().unwrap();
    for size in [0usize, 10, 16 * 1024, 16 * 1024 + 1, 100_000] {
        let path = dir.path().join(format!("f{size}"));
        let data: Vec<u8> = (0..size).map(|i| (i % 251) as u8).collect();
        fs::write(&path, &data).unwrap();
        let read = read_capped(fs::File::open(&path).unwrap(), 1 << 20).unwrap();
        assert_eq!(read, data, "size {size}");
    }
    let path = dir.path().join("big");
    fs::write(&path, vec![b'x'; 5000]).unwrap();
    let read = read_capped(fs::File::open(&path).unwrap(), 1000).unwrap();
    assert!(
        read.len() > 1000,
        "reads past the limit to tell it was exceeded"
    );
}

/// The node-by-node reader used after a problem gives the same records as serde_yaml
/// reading the file directly, for every file of the demo site.
#[test]
fn both_readings_of_the_demo_agree() {
    fn agree<T: serde::de::DeserializeOwned + std::fmt::Debug>(
        file: &str,
        yaml: &str,
        kind: RecordKind,
    ) {
        let direct: T = serde_yaml::from_str(yaml).unwrap_or_else(|e| panic!("{file}: {e}"));
        let source = YamlSource::whole_file(file, yaml);
        let slow = yaml::read_node_by_node::<T>(&source, kind.what(), &kind);
        assert!(slow.problems.is_empty(), "{file}: {:?}", slow.problems);
        assert_eq!(
            format!("{direct:?}"),
            format!("{:?}", slow.value.unwrap()),
            "{file}"
        );
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(root.join("content")) {
        let entry = entry.unwrap();
        let rel = rel_path(root, entry.path());
        let Ok(text) = fs::read_to_string(entry.path()) else {
            continue;
        };
        match rel.split('/').nth(1) {
            Some("courses") if rel.ends_with(".md") => {
                let split = split_front_matter(&text).unwrap();
                let name = rel.rsplit('/').next().unwrap_or(&rel);
                if name.trim_end_matches(".md").contains('.') {
                    agree::<crate::model::CourseTranslationFront>(
                        &rel,
                        &text[split.front],
                        RecordKind::Course,
                    );
                } else {
                    agree::<FrontMatter>(&rel, &text[split.front], RecordKind::Course);
                }
            }
            Some("leaders") => agree::<LeaderFile>(&rel, &text, RecordKind::Leader),
            Some("endorsements") => agree::<EndorsementFile>(&rel, &text, RecordKind::Endorsement),
            Some("meetings") => agree::<MeetingFile>(&rel, &text, RecordKind::Meeting),
            Some("polls") => agree::<PollFile>(&rel, &text, RecordKind::Poll),
            _ => continue,
        }
        checked += 1;
    }
    let site = fs::read_to_string(root.join("site.yaml")).unwrap();
    agree::<SiteFile>("site.yaml", &site, RecordKind::Site);
    assert!(checked > 50, "{checked}");
}

#[test]
fn ignored_names() {
    assert!(is_ignored_name(".DS_Store"));
    assert!(is_ignored_name("a.yaml~"));
    assert!(is_ignored_name(".a.yaml.swp"));
    assert!(!is_ignored_name("a.yaml"));
}

#[test]
fn a_body_is_read_again_only_from_the_file_it_was_read_from() {
    let dir = tempfile::tempdir().unwrap();
    let rel = "content/courses/a.md";
    fs::create_dir_all(dir.path().join("content/courses")).unwrap();
    let text = "---\ntitle: A\n---\n# Body\n";
    fs::write(dir.path().join(rel), text).unwrap();
    let body = Body::of(text, &split_front_matter(text).unwrap());
    assert!(!body.blank);
    assert_eq!(body.line, 4);
    let read = body.read(dir.path(), rel).unwrap();
    assert_eq!(&read[body.range.clone()], "# Body\n");
    // Edited, shortened or removed since: a located error, never another file's text.
    for changed in [Some("---\ntitle: A\n---\n# Other\n"), Some("---\n"), None] {
        match changed {
            Some(t) => fs::write(dir.path().join(rel), t).unwrap(),
            None => fs::remove_file(dir.path().join(rel)).unwrap(),
        }
        let problem = body.read(dir.path(), rel).unwrap_err();
        assert_eq!(
            problem.location.as_ref().map(|l| l.file.as_str()),
            Some(rel)
        );
        if changed.is_some() {
            assert_eq!(problem.code.name, "file-changed");
        }
    }
    let blank = "---\ntitle: A\n---\n \n\n";
    assert!(Body::of(blank, &split_front_matter(blank).unwrap()).blank);
}
