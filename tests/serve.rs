//! `buyin serve`: serving from memory, rebuilding on change, the error overlay with the
//! last good site, and staying healthy through many edits.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{ENDORSEMENT, Site, TODAY};

/// A running `buyin serve`, stopped with Ctrl-C (SIGINT) when dropped.
struct Server {
    child: Child,
    port: u16,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

impl Server {
    fn start(site: &Site, extra: &[&str]) -> Server {
        let port = free_port();
        let child = Command::new(env!("CARGO_BIN_EXE_buyin"))
            .args(["serve", "--port", &port.to_string(), "--today", TODAY])
            .args(extra)
            .current_dir(site.path())
            .env("NO_COLOR", "1")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start buyin serve");
        let server = Server { child, port };
        let started = Instant::now();
        while server.get("/").is_none() {
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "timed out waiting for the server to start"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        server
    }

    fn get(&self, path: &str) -> Option<Reply> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).ok()?;
        stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        )
        .ok()?;
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).ok()?;
        let text = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = text.split_once("\r\n\r\n")?;
        let status = head.split_whitespace().nth(1)?.parse().ok()?;
        Some(Reply {
            status,
            head: head.to_string(),
            body: body.to_string(),
        })
    }

    /// Polls the course page until `ok` holds, for at most ten seconds; returns how long
    /// it took.
    fn wait_for(&self, ok: impl Fn(&Reply) -> bool, what: &str) -> Duration {
        let started = Instant::now();
        loop {
            if let Some(reply) = self.get("/courses/leading-difficult-conversations.html")
                && ok(&reply)
            {
                return started.elapsed();
            }
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "timed out waiting for {what}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Stops the server with Ctrl-C and returns what it printed.
    fn stop(mut self) -> (i32, String) {
        let _ = Command::new("kill")
            .args(["-INT", &self.pid().to_string()])
            .status();
        let mut stderr = String::new();
        if let Some(mut err) = self.child.stderr.take() {
            let _ = err.read_to_string(&mut stderr);
        }
        let status = self.child.wait().expect("wait for buyin serve");
        (status.code().unwrap_or(-1), stderr)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Reply {
    status: u16,
    head: String,
    body: String,
}

fn quote(text: &str) -> String {
    ENDORSEMENT.replace("I will be in the room in Leeds.", text)
}

const ENDORSEMENT_FILE: &str = "content/endorsements/ldc-priya.yaml";

#[test]
fn edits_are_served_and_errors_overlay_the_last_good_site() {
    let site = Site::valid();
    let server = Server::start(&site, &[]);
    let first = server
        .get("/courses/leading-difficult-conversations.html")
        .unwrap();
    assert_eq!(first.status, 200);
    assert!(
        first
            .head
            .to_ascii_lowercase()
            .contains("content-type: text/html; charset=utf-8")
    );
    assert!(first.body.contains("I will be in the room in Leeds."));
    assert!(
        first.body.contains("_tower-livereload/event-stream"),
        "reload script missing"
    );
    assert!(!first.body.contains("buyin-errors"));

    std::fs::write(
        site.path().join(ENDORSEMENT_FILE),
        quote("See you in Leeds on the third."),
    )
    .unwrap();
    let took = server.wait_for(
        |r| r.body.contains("See you in Leeds on the third."),
        "the new quote",
    );
    eprintln!("edit to served page: {took:?}");

    std::fs::write(
        site.path().join(ENDORSEMENT_FILE),
        quote("See you in Leeds.\nby: [broken"),
    )
    .unwrap();
    server.wait_for(
        |r| r.body.contains("id=\"buyin-errors\""),
        "the error overlay",
    );
    let broken = server
        .get("/courses/leading-difficult-conversations.html")
        .unwrap();
    assert!(
        broken.body.contains("See you in Leeds on the third."),
        "last good page not served"
    );
    assert!(
        broken.body.contains("content/endorsements/ldc-priya.yaml"),
        "overlay does not name the file"
    );

    std::fs::write(site.path().join(ENDORSEMENT_FILE), quote("Fixed it.")).unwrap();
    server.wait_for(
        |r| r.body.contains("Fixed it.") && !r.body.contains("buyin-errors"),
        "the overlay to go",
    );

    let (code, stderr) = server.stop();
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("serving at http://127.0.0.1:"), "{stderr}");
    assert!(
        stderr.lines().any(|l| l.starts_with(
            "rebuilt after changes to content/endorsements/ldc-priya.yaml: served in "
        ) && l.contains(" of 18 files changed, checked in ")),
        "an endorsement edit should be applied incrementally: {stderr}"
    );
    assert!(
        stderr.contains("still serving the last good version"),
        "{stderr}"
    );
    assert!(stderr.trim_end().ends_with("stopped"), "{stderr}");
}

#[test]
fn serves_under_a_base_path_with_types_and_404s_and_no_traversal() {
    let site = Site::valid();
    let server = Server::start(&site, &["--base-path", "/training/"]);
    let root = server.get("/").unwrap();
    assert_eq!(root.status, 302);
    assert!(
        root.head.contains("location: /training/") || root.head.contains("Location: /training/")
    );
    let index = server.get("/training/").unwrap();
    assert_eq!(index.status, 200);
    assert!(index.body.contains("Leading Difficult Conversations"));
    let folder = server.get("/training/leaders").unwrap();
    assert_eq!(folder.status, 302);
    let css = server.get("/training/style.css").unwrap();
    assert!(
        css.head
            .to_ascii_lowercase()
            .contains("content-type: text/css")
    );
    let ics = server
        .get("/training/courses/leading-difficult-conversations.ics")
        .unwrap();
    assert!(
        ics.head
            .to_ascii_lowercase()
            .contains("content-type: text/calendar")
    );
    let missing = server.get("/training/nope.html").unwrap();
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("Page not found"));
    for attack in [
        "/training/../site.yaml",
        "/training/%2e%2e/site.yaml",
        "/training/..%2fsite.yaml",
    ] {
        let reply = server.get(attack).unwrap();
        assert!(
            reply.status == 400 || reply.status == 404,
            "{attack}: {}",
            reply.status
        );
        assert!(
            !reply.body.contains("organisation:"),
            "{attack} served a source file"
        );
    }
}

fn resident_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

#[test]
fn a_hundred_broken_and_fixed_edits_do_not_kill_or_leak_the_server() {
    let site = Site::valid();
    let server = Server::start(&site, &[]);
    // Warm up: one edit, so the baseline includes a rebuild.
    std::fs::write(site.path().join(ENDORSEMENT_FILE), quote("Warm up.")).unwrap();
    server.wait_for(|r| r.body.contains("Warm up."), "the first rebuild");
    let before = resident_kib(server.pid());
    for i in 0..100 {
        let text = if i % 2 == 0 {
            quote("Broken.\nby: [")
        } else {
            quote(&format!("Fixed {i}."))
        };
        std::fs::write(site.path().join(ENDORSEMENT_FILE), text).unwrap();
        std::thread::sleep(Duration::from_millis(40));
    }
    server.wait_for(
        |r| r.body.contains("Fixed 99.") && !r.body.contains("buyin-errors"),
        "the last edit",
    );
    let after = resident_kib(server.pid());
    if before > 0 {
        assert!(
            after < before + 64 * 1024,
            "resident memory grew from {before} KiB to {after} KiB over 100 edits"
        );
    }
    let (code, stderr) = server.stop();
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn a_port_in_use_is_explained() {
    let busy = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = busy.local_addr().unwrap().port();
    let site = Site::valid();
    let run = site.run(&["serve", "--port", &port.to_string()]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        format!(
            "error: port {port} on 127.0.0.1 is already in use (is another `buyin serve` running?); choose another with `--port {}`",
            port + 1
        )
    );
}

/// The body of a chunked HTTP response.
fn dechunk(mut raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(end) = raw.windows(2).position(|w| w == b"\r\n") else {
            return out;
        };
        let size = std::str::from_utf8(&raw[..end])
            .ok()
            .and_then(|s| usize::from_str_radix(s.trim(), 16).ok())
            .unwrap_or(0);
        if size == 0 || raw.len() < end + 2 + size {
            return out;
        }
        out.extend_from_slice(&raw[end + 2..end + 2 + size]);
        raw = &raw[(end + 4 + size).min(raw.len())..];
    }
}

/// The status and bytes served at `path`, without the live-reload script serve adds to
/// pages.
fn fetch(port: u16, path: &str) -> Option<(u16, Vec<u8>)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(
        stream,
        "GET /{path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).ok()?;
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = String::from_utf8_lossy(&raw[..split]).to_ascii_lowercase();
    let status = head.split_whitespace().nth(1)?.parse().ok()?;
    let mut body = raw[split + 4..].to_vec();
    if head.contains("transfer-encoding: chunked") {
        body = dechunk(&body);
    }
    let marker = b"<script data-event-stream=";
    if let Some(start) = body.windows(marker.len()).rposition(|w| w == marker)
        && let Some(len) = body[start..].windows(9).position(|w| w == b"</script>")
    {
        let mut end = start + len + 9;
        if body.get(end) == Some(&b'\n') {
            end += 1;
        }
        body.drain(start..end);
    }
    Some((status, body))
}

/// A copy of the demo site, with the learning team's report switched on.
fn demo() -> Site {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut site = Site::empty();
    for top in ["site.yaml", "content", "static"] {
        for entry in walkdir::WalkDir::new(root.join(top)) {
            let entry = entry.unwrap();
            if entry.file_type().is_file() {
                let rel = entry.path().strip_prefix(root).unwrap().to_string_lossy();
                site = site.bytes(&rel, &std::fs::read(entry.path()).unwrap());
            }
        }
    }
    let config = std::fs::read_to_string(site.path().join("site.yaml")).unwrap();
    site.file("site.yaml", &format!("{config}report: true\n"))
}

/// What a full build of the site makes now: every output with its bytes.
fn full_build(site: &Site) -> std::collections::BTreeMap<String, Vec<u8>> {
    let out = tempfile::tempdir().unwrap();
    let run = site.run(&["build", "-o", &out.path().display().to_string()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The marker that tells `build` the folder is its own is not part of the site.
    crate::support::tree(out.path())
        .into_iter()
        .filter(|(path, _)| path != ".buyin-output")
        .collect()
}

/// Waits until every output of `built` is served with its bytes and every output of
/// `gone` is not served at all; fails naming what differs after ten seconds.
fn wait_until_served(
    server: &Server,
    built: &std::collections::BTreeMap<String, Vec<u8>>,
    gone: &[&String],
    what: &str,
) {
    let started = Instant::now();
    loop {
        let mut wrong: Vec<String> = built
            .iter()
            .filter(|(path, bytes)| {
                fetch(server.port, path)
                    .is_none_or(|(status, body)| status != 200 || &body != *bytes)
            })
            .map(|(path, _)| path.clone())
            .collect();
        wrong.extend(
            gone.iter()
                .filter(|p| fetch(server.port, p).is_none_or(|(status, _)| status != 404))
                .map(|p| format!("{p} (should be gone)")),
        );
        if wrong.is_empty() {
            return;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "after {what}, these outputs are not served as a full build makes them: {wrong:?}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// An edit of every kind of record, saved in place or through a temporary file and a
/// rename, added or removed: afterwards serve gives exactly what a full build of the same
/// files makes, for every output (pages, feed, sitemap, calendars, report).
#[test]
fn every_kind_of_edit_is_served_as_a_full_build_makes_it() {
    let site = demo();
    let server = Server::start(&site, &[]);
    let mut built = full_build(&site);
    wait_until_served(&server, &built, &[], "the first build");

    let root = site.path().to_path_buf();
    let edit = |rel: &str, from: &str, to: &str| {
        let text = std::fs::read_to_string(root.join(rel)).unwrap();
        assert!(text.contains(from), "{rel} has no {from:?}");
        text.replacen(from, to, 1)
    };
    let in_place = |rel: &str, text: String| std::fs::write(root.join(rel), text).unwrap();
    // As `sed -i` and many editors save: a new file beside it, renamed over it.
    let renamed = |rel: &str, text: String| {
        let temp = root.join(rel).with_file_name("sedX4a9Qb");
        std::fs::write(&temp, text).unwrap();
        std::fs::rename(&temp, root.join(rel)).unwrap();
    };
    let endorsement = "content/endorsements/leading-difficult-conversations--priya-natarajan.yaml";
    let leader = "content/leaders/priya-natarajan.yaml";
    let course = "content/courses/leading-difficult-conversations/index.md";
    let meeting = "content/meetings/learning-steering-group-2026-10.yaml";
    let poll = "content/polls/manager-pulse-2026.yaml";
    type Step<'a> = (&'a str, Box<dyn Fn() + 'a>);
    let steps: Vec<Step> = vec![
        (
            "an endorsement's quote, saved in place",
            Box::new(|| {
                in_place(
                    endorsement,
                    edit(endorsement, "I ask every", "Edited: I ask every"),
                )
            }),
        ),
        (
            "a leader's title, saved through a rename",
            Box::new(|| renamed(leader, edit(leader, "title: ", "title: Acting "))),
        ),
        (
            "a course's summary, saved through a rename",
            Box::new(|| renamed(course, edit(course, "summary: ", "summary: Edited. "))),
        ),
        (
            "a meeting's title, saved in place",
            Box::new(|| in_place(meeting, edit(meeting, "title: ", "title: Edited "))),
        ),
        (
            "a poll's question, saved in place",
            Box::new(|| in_place(poll, edit(poll, "question: ", "question: Edited, "))),
        ),
        (
            "site.yaml's title, saved through a rename",
            Box::new(|| renamed("site.yaml", edit("site.yaml", "title: ", "title: Edited "))),
        ),
        (
            "a new endorsement",
            Box::new(|| {
                in_place(
                    "content/endorsements/data-protection-essentials--priya-natarajan.yaml",
                    "course: data-protection-essentials\nby: priya-natarajan\ndate: 2026-11-20\nquote: Everyone who handles personal data should take this.\n".to_string(),
                )
            }),
        ),
        (
            "an endorsement removed",
            Box::new(|| std::fs::remove_file(root.join(endorsement)).unwrap()),
        ),
        (
            "an endorsement file renamed",
            Box::new(|| {
                std::fs::rename(
                    root.join(
                        "content/endorsements/data-protection-essentials--priya-natarajan.yaml",
                    ),
                    root.join("content/endorsements/dpe-priya.yaml"),
                )
                .unwrap()
            }),
        ),
    ];
    for (what, step) in steps {
        step();
        let before = built;
        built = full_build(&site);
        let gone: Vec<&String> = before.keys().filter(|p| !built.contains_key(*p)).collect();
        // Every step but the rename (file names are not shown) changes what learners see.
        let changed = built.iter().any(|(p, b)| before.get(p) != Some(b)) || !gone.is_empty();
        assert_eq!(changed, !what.contains("renamed"), "{what}");
        wait_until_served(&server, &built, &gone, what);
    }
    let (code, stderr) = server.stop();
    assert_eq!(code, 0, "{stderr}");
}
