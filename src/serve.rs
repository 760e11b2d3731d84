//! `buyin serve`: serves the `RenderedSite` of a [`Project`] from memory over HTTP on
//! localhost, watches the site folder, hands the changed files to the project and reloads
//! open browser tabs. A failed rebuild keeps the last good site and shows its problems in
//! an overlay. Reports what happens through a callback; prints nothing itself.

use std::collections::BTreeSet;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use notify::{RecursiveMode, Watcher};
use tower_livereload::LiveReloadLayer;

use crate::diagnostics::Diagnostic;
use crate::model::Date;
use crate::project::Project;
use crate::render::RenderedSite;

/// How long the folder must be quiet before a rebuild starts (editors save in steps).
pub const DEBOUNCE_MS: u64 = 50;

/// How to serve.
#[derive(Debug, Clone)]
pub struct Options {
    pub root: PathBuf,
    pub bind: IpAddr,
    pub port: u16,
    /// The path the site is served under, always starting and ending with `/`.
    pub base_path: String,
    /// Also write each good build to this folder.
    pub write_to: Option<PathBuf>,
    /// Date for warnings; `None` means today, read at each rebuild.
    pub today: Option<Date>,
}

/// What happened, for the caller to show.
pub enum Event<'a> {
    /// The first build finished and the server is listening.
    Listening { url: &'a str },
    /// A build finished (the first one too). With errors, the last good site is kept.
    Built {
        /// How long until the new site was served (or found to have errors).
        millis: u128,
        /// How long until its changed pages were also checked for problems.
        checked_millis: u128,
        changed: &'a [String],
        diagnostics: &'a [Diagnostic],
        pages: usize,
        /// Outputs added, changed or removed by this build.
        updated: usize,
        /// The first build: show warnings in full (later ones only count them).
        first: bool,
        kind: Rebuild,
    },
    /// Writing the output folder failed (`--write`).
    WriteFailed(&'a [Diagnostic]),
}

/// Why serving could not start.
#[derive(Debug)]
pub enum ServeError {
    PortInUse { bind: IpAddr, port: u16 },
    Io(std::io::Error),
    Watch(notify::Error),
}

impl std::fmt::Display for ServeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ServeError::PortInUse { bind, port } => write!(
                f,
                "port {port} on {bind} is already in use (is another `buyin serve` running?); choose another with `--port {}`",
                port.saturating_add(1)
            ),
            ServeError::Io(e) => write!(f, "could not start the server: {e}"),
            ServeError::Watch(e) => write!(f, "could not watch the site folder for changes: {e}"),
        }
    }
}

impl std::error::Error for ServeError {}

/// The site being served: the last good build and, if the latest build failed, its
/// problems.
struct Live {
    /// `None` until a build succeeds.
    site: Option<Arc<RenderedSite>>,
    overlay: Option<String>,
}

#[derive(Clone)]
struct App {
    live: Arc<RwLock<Live>>,
    base_path: Arc<str>,
}

/// Normalises `--base-path` to `/x/y/` form (or `/`).
pub fn normalise_base_path(path: &str) -> String {
    let inner: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    if inner.is_empty() {
        "/".to_string()
    } else {
        format!("/{}/", inner.join("/"))
    }
}

/// Runs until Ctrl-C. `report` is called for every event, from any thread.
pub fn run(
    options: Options,
    report: impl Fn(Event<'_>) + Send + Sync + 'static,
) -> Result<(), ServeError> {
    let report = Arc::new(report);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(ServeError::Io)?;

    // Bind first, so a busy port is reported before any work.
    let addr = SocketAddr::new(options.bind, options.port);
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind(addr))
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AddrInUse => ServeError::PortInUse {
                bind: options.bind,
                port: options.port,
            },
            _ => ServeError::Io(e),
        })?;
    let port = listener
        .local_addr()
        .map(|a| a.port())
        .unwrap_or(options.port);

    let live = Arc::new(RwLock::new(Live {
        site: None,
        overlay: None,
    }));
    let livereload = LiveReloadLayer::new();
    let reloader = livereload.reloader();
    let mut builder = Builder {
        project: Project::watching(&options.root, options.today),
        last_good: None,
    };
    builder.rebuild(&options, &live, None, report.as_ref());

    // Watch the site folder; a thread debounces events and rebuilds.
    let (tx, rx) = mpsc::channel::<PathBuf>();
    let root = std::fs::canonicalize(&options.root).unwrap_or_else(|_| options.root.clone());
    let ignore = Ignore::new(&root, options.write_to.as_deref());
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event {
            if matches!(event.kind, notify::EventKind::Access(_)) {
                return;
            }
            for path in event.paths {
                if !ignore.skips(&path) {
                    let _ = tx.send(path);
                }
            }
        }
    })
    .map_err(ServeError::Watch)?;
    watcher
        .watch(&root, RecursiveMode::Recursive)
        .map_err(ServeError::Watch)?;
    {
        let options = options.clone();
        let live = Arc::clone(&live);
        let report = Arc::clone(&report);
        std::thread::spawn(move || {
            while let Ok(first) = rx.recv() {
                let mut changed = BTreeSet::from([first]);
                // Wait until the folder has been quiet for a moment (editors save in steps).
                while let Ok(more) = rx.recv_timeout(Duration::from_millis(DEBOUNCE_MS)) {
                    changed.insert(more);
                }
                let changed: BTreeSet<String> = changed
                    .iter()
                    .map(|p| {
                        p.strip_prefix(&root)
                            .unwrap_or(p)
                            .to_string_lossy()
                            .replace('\\', "/")
                    })
                    .collect();
                builder.rebuild(&options, &live, Some(&changed), report.as_ref());
                reloader.reload();
            }
        });
    }

    let app = App {
        live,
        base_path: options.base_path.clone().into(),
    };
    let router = Router::new()
        .fallback(respond)
        .with_state(app)
        .layer(livereload);
    let host = match options.bind {
        IpAddr::V6(v6) => format!("[{v6}]"),
        IpAddr::V4(v4) => v4.to_string(),
    };
    let url = format!("http://{host}:{port}{}", options.base_path);
    report(Event::Listening { url: &url });
    runtime
        .block_on(async move {
            axum::serve(listener, router)
                .with_graceful_shutdown(async {
                    let _ = tokio::signal::ctrl_c().await;
                })
                .await
        })
        .map_err(ServeError::Io)?;
    drop(watcher);
    Ok(())
}

/// How a rebuild was done, for the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rebuild {
    /// Every file read and every output made.
    Full,
    /// Only the changed files read again, and only the outputs that changed rendered.
    Incremental,
}

/// Keeps the site up to date and publishes each good build to `live`.
struct Builder {
    project: Project,
    /// The last site that built without errors, served while the latest has errors.
    last_good: Option<Arc<RenderedSite>>,
}

impl Builder {
    /// Rebuilds after `changed` (paths relative to the site folder, including ones that
    /// no longer exist; `None` for the first build) and publishes the result to `live`.
    /// A site whose content reads without errors is served at once; the pages that
    /// changed are then rendered to look for problems, and if any is found the last good
    /// site is served again, under the overlay.
    fn rebuild(
        &mut self,
        options: &Options,
        live: &RwLock<Live>,
        changed: Option<&BTreeSet<String>>,
        report: &dyn Fn(Event<'_>),
    ) {
        let started = Instant::now();
        let (planned, kind) = match changed {
            None => (self.project.plan(), Rebuild::Full),
            Some(changed) => (self.project.apply(Some(changed)), Rebuild::Incremental),
        };
        let serve_now = planned.good().cloned().map(Arc::new);
        if let Some(site) = &serve_now {
            let mut guard = live.write().unwrap_or_else(|e| e.into_inner());
            guard.site = Some(Arc::clone(site));
        }
        let served_after = started.elapsed();
        let update = self.project.check(planned);
        let diagnostics = update.diagnostics.clone().sorted();
        let (files, updated) = match (update.good(), serve_now) {
            (Some(rendered), Some(site)) => {
                if let Some(out) = &options.write_to
                    && let Err(d) = crate::write::write(rendered, &options.root, out)
                {
                    report(Event::WriteFailed(&d));
                }
                live.write().unwrap_or_else(|e| e.into_inner()).overlay = None;
                self.last_good = Some(site);
                (
                    rendered.files.len(),
                    update.changed.len() + update.removed.len(),
                )
            }
            _ => {
                let mut guard = live.write().unwrap_or_else(|e| e.into_inner());
                guard.site = self.last_good.clone();
                guard.overlay = Some(overlay_text(&diagnostics));
                (0, 0)
            }
        };
        // Name only the files that exist or existed: editors save through temporary files.
        let shown: Vec<String> = changed
            .into_iter()
            .flatten()
            .filter(|rel| {
                let path = options.root.join(rel.as_str());
                path.exists() || path.extension().is_some()
            })
            .cloned()
            .collect();
        report(Event::Built {
            millis: served_after.as_millis(),
            checked_millis: started.elapsed().as_millis(),
            changed: &shown,
            diagnostics: &diagnostics,
            pages: files,
            updated,
            first: changed.is_none(),
            kind,
        });
    }
}

/// Paths whose changes do not affect the site.
struct Ignore {
    root: PathBuf,
    output: Option<PathBuf>,
}

impl Ignore {
    fn new(root: &Path, write_to: Option<&Path>) -> Self {
        let output = write_to.map(|o| {
            let o = if o.is_absolute() {
                o.to_path_buf()
            } else {
                root.join(o)
            };
            std::fs::canonicalize(&o).unwrap_or(o)
        });
        Ignore {
            root: root.to_path_buf(),
            output,
        }
    }

    fn skips(&self, path: &Path) -> bool {
        let rel = path.strip_prefix(&self.root).unwrap_or(path);
        let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy());
        let first = parts.next().unwrap_or_default();
        if matches!(
            first.as_ref(),
            "public" | "target" | ".git" | "node_modules"
        ) || self.output.as_ref().is_some_and(|o| path.starts_with(o))
        {
            return true;
        }
        // Output folders being swapped in, editor swap and backup files.
        let name = rel
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        rel.components().any(|c| {
            let c = c.as_os_str().to_string_lossy();
            c.contains(".buyin-new-") || c.contains(".buyin-old-")
        }) || crate::load::is_ignored_name(&name)
            || name.ends_with(".swo")
            || name == "4913"
    }
}

/// Decodes `%XX` escapes; `None` for malformed input or invalid UTF-8.
fn percent_decode(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = path.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The key in the rendered site for a request path below the base path, refusing any
/// attempt to step outside it.
fn site_key(path: &str) -> Option<String> {
    let decoded = percent_decode(path)?;
    let mut parts = Vec::new();
    for part in decoded.split('/') {
        match part {
            "" | "." => {}
            ".." => return None,
            p if p.contains('\\') || p.contains('\0') => return None,
            p => parts.push(p),
        }
    }
    let mut key = parts.join("/");
    if key.is_empty() || decoded.ends_with('/') {
        if !key.is_empty() {
            key.push('/');
        }
        key.push_str("index.html");
    }
    Some(key)
}

fn content_type(key: &str) -> &'static str {
    let ext = key.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    match ext.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "ics" => "text/calendar; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "txt" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "mp4" => "video/mp4",
        _ => "application/octet-stream",
    }
}

/// The problems as `check` prints them, for the overlay.
fn overlay_text(diagnostics: &[Diagnostic]) -> String {
    let text: Vec<String> = diagnostics.iter().map(|d| d.render(false)).collect();
    text.join("\n\n")
}

/// The overlay shown over every page while the latest build has errors.
fn overlay_html(text: &str) -> String {
    let escaped = crate::feeds::xml_escape(text);
    format!(
        "<div id=\"buyin-errors\" role=\"alert\" style=\"position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;margin:0;padding:1rem 1.25rem;background:#1b1b1f;color:#f5f5f5;border-top:4px solid #d93025;font:14px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;box-shadow:0 -4px 24px rgba(0,0,0,.4)\">\
<p style=\"margin:0 0 .5rem;font:600 15px/1.4 system-ui,sans-serif;color:#ffb4ab\">The latest change could not be built. You are seeing the last good version; fix the problems below and save.</p>\
<pre style=\"margin:0;white-space:pre-wrap\">{escaped}</pre></div>"
    )
}

fn with_overlay(html: Vec<u8>, overlay: Option<&str>) -> Vec<u8> {
    let Some(text) = overlay else {
        return html;
    };
    let mut page = String::from_utf8_lossy(&html).into_owned();
    let insert = overlay_html(text);
    match page.rfind("</body>") {
        Some(i) => page.insert_str(i, &insert),
        None => page.push_str(&insert),
    }
    page.into_bytes()
}

async fn respond(State(app): State<App>, uri: Uri) -> Response {
    let path = uri.path();
    let base = app.base_path.as_ref();
    if (path == "/" && base != "/") || format!("{path}/") == base {
        return redirect(base);
    }
    let Some(below) = path.strip_prefix(base) else {
        return not_found(&app);
    };
    let Some(key) = site_key(below) else {
        return (StatusCode::BAD_REQUEST, "bad path").into_response();
    };
    let (site, overlay) = {
        let guard = app.live.read().unwrap_or_else(|e| e.into_inner());
        (guard.site.clone(), guard.overlay.clone())
    };
    let Some(site) = site else {
        // No build has succeeded yet: show the problems.
        return html_response(
            StatusCode::OK,
            with_overlay(NO_SITE.to_vec(), overlay.as_deref()),
        );
    };
    if !site.files.contains_key(&key) && site.files.contains_key(&format!("{key}/index.html")) {
        return redirect(&format!("{path}/"));
    }
    match site.bytes(&key) {
        Some(Ok(bytes)) => {
            let kind = content_type(&key);
            let bytes = if kind.starts_with("text/html") {
                with_overlay(bytes, overlay.as_deref())
            } else {
                bytes
            };
            let mut response = Response::new(Body::from(bytes));
            response
                .headers_mut()
                .insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
            response
                .headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            response
        }
        Some(Err(problems)) => html_response(
            StatusCode::INTERNAL_SERVER_ERROR,
            with_overlay(NO_SITE.to_vec(), Some(&overlay_text(&problems))),
        ),
        None => not_found(&app),
    }
}

/// The page shown before any build has succeeded.
const NO_SITE: &[u8] =
    b"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>buyin</title></head><body><main><h1>The site could not be built yet</h1></main></body></html>";

fn html_response(status: StatusCode, body: Vec<u8>) -> Response {
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn redirect(to: &str) -> Response {
    let mut response = StatusCode::FOUND.into_response();
    if let Ok(value) = HeaderValue::from_str(to) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

fn not_found(app: &App) -> Response {
    let (site, overlay) = {
        let guard = app.live.read().unwrap_or_else(|e| e.into_inner());
        (guard.site.clone(), guard.overlay.clone())
    };
    let body = match site.as_ref().and_then(|s| s.bytes(crate::routes::NOT_FOUND)) {
        Some(Ok(bytes)) => bytes,
        _ => b"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title></head><body><h1>Not found</h1></body></html>".to_vec(),
    };
    html_response(
        StatusCode::NOT_FOUND,
        with_overlay(body, overlay.as_deref()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_paths_map_to_site_keys_and_never_escape() {
        assert_eq!(site_key("").as_deref(), Some("index.html"));
        assert_eq!(
            site_key("courses/a/").as_deref(),
            Some("courses/a/index.html")
        );
        assert_eq!(
            site_key("courses/a/index.html").as_deref(),
            Some("courses/a/index.html")
        );
        assert_eq!(site_key("courses/a").as_deref(), Some("courses/a"));
        assert_eq!(
            site_key("photos/a%20b.jpg").as_deref(),
            Some("photos/a b.jpg")
        );
        assert_eq!(site_key("../etc/passwd"), None);
        assert_eq!(site_key("a/%2e%2e/%2e%2e/etc"), None);
        assert_eq!(site_key("a/..%5c..%5cwin.ini"), None);
        assert_eq!(site_key("%zz"), None);
    }

    #[test]
    fn base_paths_are_normalised() {
        assert_eq!(normalise_base_path(""), "/");
        assert_eq!(normalise_base_path("training"), "/training/");
        assert_eq!(normalise_base_path("/training/"), "/training/");
        assert_eq!(normalise_base_path("//a//b"), "/a/b/");
    }

    #[test]
    fn overlay_escapes_the_diagnostics() {
        let page = with_overlay(b"<html><body>x</body></html>".to_vec(), Some("<script>"));
        let page = String::from_utf8(page).unwrap();
        assert!(page.contains("&lt;script&gt;"));
        assert!(page.ends_with("</body></html>"));
    }

    #[test]
    fn editor_files_and_output_are_ignored() {
        let ignore = Ignore::new(Path::new("/site"), None);
        assert!(ignore.skips(Path::new("/site/public/index.html")));
        assert!(ignore.skips(Path::new("/site/content/leaders/.a.yaml.swp")));
        assert!(ignore.skips(Path::new("/site/content/leaders/a.yaml~")));
        assert!(ignore.skips(Path::new("/site/.public.buyin-new-12/x.html")));
        assert!(!ignore.skips(Path::new("/site/content/leaders/a.yaml")));
        assert!(!ignore.skips(Path::new("/site/site.yaml")));
    }
}
