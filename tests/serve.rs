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
        stderr.lines().any(|l| l
            .starts_with("rebuilt after changes to content/endorsements/ldc-priya.yaml")
            && l.ends_with(" changed")),
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
