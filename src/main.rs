//! The `buyin` command: parses arguments, calls the library, prints diagnostics and picks
//! the exit code (0 ok, 1 the site has errors, 2 usage or internal error).

mod cli;

// Building a large site allocates millions of small strings on two or more threads;
// mimalloc handles that markedly faster than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context as _;
use clap::Parser;

use std::path::Path;

use buyin::Diagnostics;
use buyin::scaffold::Template;
use cli::{Cli, Command, Format, New, ReportFormat};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn color() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stderr().is_terminal()
}

/// Prints every diagnostic, then a one-line summary; returns whether there were errors.
fn report(diagnostics: Diagnostics, action: &str) -> bool {
    let has_errors = diagnostics.has_errors();
    let errors = diagnostics.error_count();
    let warnings = diagnostics.warning_count();
    let color = color();
    let mut err = std::io::stderr().lock();
    for d in diagnostics.sorted() {
        let _ = writeln!(err, "{}\n", d.render(color));
    }
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    if has_errors {
        let mut summary = format!("could not {action}: {}", plural(errors, "error"));
        if warnings > 0 {
            summary.push_str(&format!(", {}", plural(warnings, "warning")));
        }
        let _ = writeln!(err, "error: {summary}");
    } else if warnings > 0 {
        let _ = writeln!(err, "warning: {}", plural(warnings, "warning"));
    }
    has_errors
}

/// What `serve` shows in the terminal.
fn print_serve_event(event: buyin::serve::Event<'_>) {
    use buyin::serve::Event;
    match event {
        Event::Listening { url } => {
            eprintln!("serving at {url} (press Ctrl-C to stop)");
        }
        Event::Built {
            millis,
            changed,
            diagnostics,
            pages,
            first,
            kind,
        } => {
            let color = color();
            for d in diagnostics.iter().filter(|d| first || d.is_error()) {
                eprintln!("{}\n", d.render(color));
            }
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            let warnings = diagnostics.len() - errors;
            let what = if changed.is_empty() {
                "built".to_string()
            } else {
                let mut list = changed
                    .iter()
                    .take(3)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ");
                if changed.len() > 3 {
                    list.push_str(&format!(" and {} more", changed.len() - 3));
                }
                format!("rebuilt after changes to {list}")
            };
            let plural = |n: usize| if n == 1 { "" } else { "s" };
            if errors > 0 {
                eprintln!(
                    "{what}: {errors} error{} in {millis} ms; still serving the last good version",
                    plural(errors)
                );
            } else {
                let how = match kind {
                    buyin::serve::Kind::Full => "",
                    buyin::serve::Kind::Endorsements => ", endorsements only",
                };
                if warnings > 0 && !first {
                    eprintln!(
                        "{what}: {pages} files in {millis} ms{how} ({warnings} warning{}; `buyin check` shows them)",
                        plural(warnings)
                    );
                } else {
                    eprintln!("{what}: {pages} files in {millis} ms{how}");
                }
            }
        }
        Event::WriteFailed(problems) => {
            for d in problems {
                eprintln!("{}\n", d.render(color()));
            }
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let root = cli.root;
    let today = cli.today.unwrap_or_else(buyin::model::Date::today);
    match cli.command {
        Command::Build { output, timings } => {
            let started = Instant::now();
            let out = if output.is_absolute() || root == std::path::Path::new(".") {
                output
            } else {
                root.join(output)
            };
            let built = buyin::build(&root, &out, today);
            if timings {
                for (stage, took) in &built.timings {
                    eprintln!("{stage:>16}: {:>7.1} ms", took.as_secs_f64() * 1000.0);
                }
            }
            if report(built.diagnostics, "build the site") {
                return Ok(ExitCode::from(1));
            }
            let written = built
                .report
                .context("the build finished without writing anything")?;
            eprintln!(
                "built {} files ({:.1} MiB) into {} in {} ms",
                written.files,
                written.bytes as f64 / (1024.0 * 1024.0),
                out.display(),
                started.elapsed().as_millis()
            );
            if let Ok(index) = std::path::absolute(out.join("index.html")) {
                eprintln!("open file://{} in a browser to see it", index.display());
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Check {
            format,
            deny_warnings,
        } => {
            let diagnostics = buyin::check(&root, today);
            let failed = diagnostics.has_errors() || (deny_warnings && !diagnostics.is_empty());
            match format {
                Format::Human => {
                    let has_errors = report(diagnostics, "check the site");
                    if !has_errors && failed {
                        eprintln!("error: warnings are not allowed (--deny-warnings)");
                    } else if !has_errors {
                        eprintln!("the site is ready to publish: no errors");
                    }
                }
                Format::Github => {
                    let mut out = std::io::stdout().lock();
                    for d in diagnostics.sorted() {
                        if writeln!(out, "{}", d.github()).is_err() {
                            break;
                        }
                    }
                }
                Format::Json => {
                    let sorted = diagnostics.sorted();
                    let records: Vec<_> = sorted.iter().map(|d| d.record()).collect();
                    let json = serde_json::to_string_pretty(&records)
                        .context("could not write the problems as JSON")?;
                    println!("{json}");
                }
            }
            Ok(if failed {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::New {
            what: New::Site { dir },
        } => {
            let dir = if dir.is_absolute() || root == Path::new(".") {
                dir
            } else {
                root.join(dir)
            };
            let files = buyin::scaffold::new_site(&dir)?;
            eprintln!(
                "created a new site in {} ({files} files); build it with `buyin build -C {}`",
                dir.display(),
                dir.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::New { what } => {
            let template = match what {
                New::Site { .. } => unreachable!("handled above"),
                New::Course { slug, title } => Template::Course { slug, title },
                New::Leader { id, name } => Template::Leader { id, name },
                New::Endorsement { course, by } => Template::Endorsement { course, by },
                New::Meeting { id, title } => Template::Meeting { id, title },
            };
            let path = buyin::scaffold::new_file(&root, &template, today)?;
            eprintln!(
                "created {}; fill it in, then run `buyin check`",
                path.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve {
            port,
            bind,
            base_path,
            write,
            output,
        } => {
            let out = if output.is_absolute() || root == Path::new(".") {
                output
            } else {
                root.join(output)
            };
            let options = buyin::serve::Options {
                root: root.clone(),
                bind,
                port,
                base_path: buyin::serve::normalise_base_path(&base_path),
                write_to: write.then_some(out),
                today: cli.today,
            };
            buyin::serve::run(options, print_serve_event)?;
            eprintln!("stopped");
            Ok(ExitCode::SUCCESS)
        }
        Command::Report { format } => match buyin::report(&root, today) {
            Ok(report) => {
                let text = match format {
                    ReportFormat::Table => report.to_table(),
                    ReportFormat::Csv => report.to_csv(),
                    ReportFormat::Json => report.to_json(),
                };
                let mut out = std::io::stdout().lock();
                let _ = out.write_all(text.as_bytes());
                Ok(ExitCode::SUCCESS)
            }
            Err(diagnostics) => {
                report(diagnostics, "make the report");
                Ok(ExitCode::from(1))
            }
        },
        Command::Schema { out } => {
            match out {
                Some(dir) => {
                    let dir = if dir.is_absolute() || root == Path::new(".") {
                        dir
                    } else {
                        root.join(dir)
                    };
                    std::fs::create_dir_all(&dir)
                        .with_context(|| format!("could not create `{}`", dir.display()))?;
                    for kind in &buyin::schema::KINDS {
                        let path = dir.join(kind.file_name());
                        std::fs::write(&path, kind.json())
                            .with_context(|| format!("could not write `{}`", path.display()))?;
                    }
                    eprintln!(
                        "wrote {} schemas into {}",
                        buyin::schema::KINDS.len(),
                        dir.display()
                    );
                }
                None => {
                    let all: serde_json::Map<String, serde_json::Value> = buyin::schema::KINDS
                        .iter()
                        .map(|k| {
                            let value = serde_json::from_str(&k.json()).unwrap_or_default();
                            (k.name.to_string(), value)
                        })
                        .collect();
                    println!("{}", serde_json::to_string_pretty(&all)?);
                }
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
