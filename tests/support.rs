//! A small site per test, written to a temporary folder, and helpers to run buyin on it.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

pub const SITE_YAML: &str = "\
title: Learning at Example
organisation: Example Ltd
base_url: https://intranet.example.org/training/
departments:
  - id: operations
    name: Operations
  - id: finance
    name: Finance
";

pub const COURSE: &str = "\
---
title: Leading Difficult Conversations
summary: Raise problems early and kindly.
departments: [operations]
format: workshop
duration: 1 day
objectives:
  - Open a difficult conversation in two minutes
addresses: [hard-talks]
sign_off: priya-natarajan
sessions:
  - id: leeds-dec
    date: 2026-12-03
    start: \"09:30\"
    end: \"16:30\"
    location: Leeds, Room 4
  - id: online-jan
    date: 2027-01-14
    start: \"13:00\"
    end: \"15:00\"
    link: https://meet.example.org/abc
tags: [communication]
---

## Why this course

Managers told us they **avoid** hard talks.
";

pub const PRIYA: &str = "\
name: Priya Natarajan
title: Chief Operating Officer
department: operations
seniority: executive
";

pub const TOM: &str = "\
name: Tom Okafor
title: Team Leader
department: finance
seniority: manager
";

pub const ENDORSEMENT: &str = "\
course: leading-difficult-conversations
by: priya-natarajan
date: 2026-10-14
quote: I will be in the room in Leeds.
commitments:
  attend: leeds-dec
  sme: Handling grievances
  sign_off: true
";

pub const MEETING: &str = "\
title: Operations briefing
date: 2026-09-18
kind: briefing
attendees: [priya-natarajan, tom-okafor]
summary: We walked through the *new* objectives.
outcomes:
  - course: leading-difficult-conversations
    decision: Every new manager attends within six months.
    owner: priya-natarajan
";

pub const POLL: &str = "\
question: What problems do your teams bring to you?
date: 2026-08-01
respondents: 40
problems:
  - id: hard-talks
    text: Problems grow because nobody raises them.
    votes: 25
  - id: rota-fairness
    text: Rotas feel unfair.
    votes: 12
";

/// The date tests run "on", so warnings about old endorsements do not change over time.
pub const TODAY: &str = "2026-11-22";

/// A site in a temporary folder.
pub struct Site {
    dir: tempfile::TempDir,
}

/// What a run of buyin printed and returned.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Site {
    /// An empty folder.
    pub fn empty() -> Site {
        Site {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// A small, valid site: two departments, two leaders, one course with two sessions,
    /// one endorsement, one meeting and one poll.
    pub fn valid() -> Site {
        Site::empty()
            .file("site.yaml", SITE_YAML)
            .file("content/courses/leading-difficult-conversations.md", COURSE)
            .file("content/leaders/priya-natarajan.yaml", PRIYA)
            .file("content/leaders/tom-okafor.yaml", TOM)
            .file("content/endorsements/ldc-priya.yaml", ENDORSEMENT)
            .file("content/meetings/ops-briefing.yaml", MEETING)
            .file("content/polls/pulse.yaml", POLL)
    }

    pub fn file(self, rel: &str, text: &str) -> Site {
        self.bytes(rel, text.as_bytes())
    }

    pub fn bytes(self, rel: &str, bytes: &[u8]) -> Site {
        let path = self.path().join(rel);
        fs::create_dir_all(path.parent().expect("parent")).expect("create folders");
        fs::write(&path, bytes).expect("write fixture file");
        self
    }

    pub fn remove(self, rel: &str) -> Site {
        fs::remove_file(self.path().join(rel)).expect("remove fixture file");
        self
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn public(&self) -> PathBuf {
        self.path().join("public")
    }

    pub fn run(&self, args: &[&str]) -> Run {
        self.run_on(TODAY, args)
    }

    /// Runs buyin as if today were `today`.
    pub fn run_on(&self, today: &str, args: &[&str]) -> Run {
        let out = Command::new(env!("CARGO_BIN_EXE_buyin"))
            .args(args)
            .args(["--today", today])
            .current_dir(self.path())
            .env("NO_COLOR", "1")
            .output()
            .expect("run buyin");
        let redact = |bytes: &[u8]| {
            let text = String::from_utf8_lossy(bytes).into_owned();
            redact_timing(&text.replace(&self.path().display().to_string(), "[SITE]"))
        };
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: redact(&out.stdout),
            stderr: redact(&out.stderr),
        }
    }

    /// Runs buyin from a folder that holds a copy of this site as `site/`, with `-C site`
    /// and `envs` set; as a CI job does in a repository that keeps its site in a folder.
    pub fn run_from_parent(&self, args: &[&str], envs: &[(&str, &str)]) -> Run {
        let outer = tempfile::tempdir().expect("temp dir");
        let copy = outer.path().join("site");
        for entry in walkdir::WalkDir::new(self.path()) {
            let entry = entry.expect("walk site");
            let target = copy.join(entry.path().strip_prefix(self.path()).expect("below"));
            if entry.file_type().is_dir() {
                fs::create_dir_all(&target).expect("copy folder");
            } else {
                fs::copy(entry.path(), &target).expect("copy file");
            }
        }
        let out = Command::new(env!("CARGO_BIN_EXE_buyin"))
            .args(["-C", "site"])
            .args(args)
            .args(["--today", TODAY])
            .current_dir(outer.path())
            .env("NO_COLOR", "1")
            .envs(envs.iter().copied())
            .output()
            .expect("run buyin");
        let redact = |bytes: &[u8]| {
            String::from_utf8_lossy(bytes).replace(&outer.path().display().to_string(), "[OUTER]")
        };
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: redact(&out.stdout),
            stderr: redact(&out.stderr),
        }
    }

    pub fn build(&self) -> Run {
        self.run(&["build"])
    }

    pub fn check(&self) -> Run {
        self.run(&["check"])
    }

    /// The text of an output file.
    pub fn output(&self, rel: &str) -> String {
        fs::read_to_string(self.public().join(rel))
            .unwrap_or_else(|e| panic!("read public/{rel}: {e}"))
    }
}

/// "in 12 ms" → "in [TIME]", and sizes that depend on the theme.
fn redact_timing(text: &str) -> String {
    text.lines()
        .map(|line| {
            if line.starts_with("built ") {
                "built [FILES] into [OUTPUT]".to_string()
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The `<main>` element of a page, for comparing what a learner reads.
pub fn main_of(html: &str) -> String {
    let start = html.find("<main").expect("page has <main>");
    let end = html.find("</main>").expect("page has </main>") + "</main>".len();
    html[start..end]
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every file below `dir` with its bytes, sorted.
pub fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .expect("below dir")
                .display()
                .to_string();
            (rel, fs::read(e.path()).expect("read output"))
        })
        .collect();
    files.sort();
    files
}
