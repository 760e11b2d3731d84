//! Command-line arguments, parsed with clap and turned into the library's own terms here
//! and nowhere else.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "buyin",
    version,
    about = "Build training-program pages that show learners their leaders back every course",
    propagate_version = true
)]
pub struct Cli {
    /// The site folder (the one holding site.yaml)
    #[arg(
        long,
        short = 'C',
        global = true,
        default_value = ".",
        value_name = "DIR"
    )]
    pub root: PathBuf,

    /// Check dates (such as stale endorsements) as if today were DATE (YYYY-MM-DD)
    #[arg(long, global = true, value_name = "DATE", value_parser = parse_date)]
    pub today: Option<buyin::model::Date>,

    #[command(subcommand)]
    pub command: Command,
}

fn parse_date(text: &str) -> Result<buyin::model::Date, String> {
    buyin::model::Date::parse(text)
        .ok_or_else(|| "dates are written year-month-day, like 2026-10-14".to_string())
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder (public/ by default)
    Build {
        /// Where to write the site; relative paths are taken from the site folder
        #[arg(long, short, default_value = "public", value_name = "DIR")]
        output: PathBuf,
        /// Print how long each stage took
        #[arg(long)]
        timings: bool,
        /// Read and make everything afresh instead of taking what has not changed from
        /// the build cache (.buyin-cache/), which is then written anew
        #[arg(long)]
        no_cache: bool,
    },
    /// Build the site, serve it on localhost, rebuild on every change and reload the browser
    Serve {
        /// The port to listen on
        #[arg(long, short, default_value_t = 1111)]
        port: u16,
        /// The address to listen on; other machines can only connect if you change it
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Serve the site under this path, as on the intranet (for example /training/)
        #[arg(long, default_value = "/", value_name = "PATH")]
        base_path: String,
        /// Also write each good build to the output folder
        #[arg(long)]
        write: bool,
        /// The output folder for --write
        #[arg(long, short, default_value = "public", value_name = "DIR")]
        output: PathBuf,
    },
    /// Check everything `build` checks and write nothing (for pull requests)
    Check {
        /// How to print problems: for people, for GitHub pull requests, for GitLab merge
        /// requests, or as JSON
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Fail (exit 1) on warnings too
        #[arg(long)]
        deny_warnings: bool,
        /// Read and check everything afresh instead of taking what has not changed from
        /// the build cache (.buyin-cache/), which is then written anew
        #[arg(long)]
        no_cache: bool,
    },
    /// For the learning team: backing per course and department, and the gaps to chase
    Report {
        /// A table for the terminal, CSV for a spreadsheet, or JSON
        #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
        format: ReportFormat,
    },
    /// Print or write the JSON Schemas of site.yaml, course front matter and every record
    Schema {
        /// Write one `<kind>.schema.json` file per kind into DIR instead of printing
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// What a message's code means, with a wrong and a right example (`buyin explain
    /// unknown-leader`); without a code, the list of codes
    Explain {
        /// The code in brackets after `error` or `warning`, like `unknown-leader`
        code: Option<String>,
        /// Print the tables of messages for CONTRIBUTING.md (Markdown)
        #[arg(long, conflicts_with = "code")]
        table: bool,
    },
    /// Create something new from a template
    New {
        #[command(subcommand)]
        what: New,
    },
}

/// How `check` prints what it found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// cargo-style messages with the line and a caret, on stderr
    Human,
    /// one GitHub Actions `::error` line per problem, on stdout (and a table of every
    /// problem in the job summary when GITHUB_STEP_SUMMARY is set)
    Github,
    /// a GitLab Code Quality report (JSON), on stdout
    Gitlab,
    /// a JSON list of problems, on stdout
    Json,
}

/// How `report` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Table,
    Csv,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum New {
    /// A new site in DIR, with its CI files: the demo site, or an empty one with --empty
    Site {
        /// The folder to create (must not exist or be empty)
        dir: PathBuf,
        /// Start with no courses, leaders or endorsements instead of the demo content
        #[arg(long)]
        empty: bool,
    },
    /// A course page: content/courses/SLUG.md (a draft until you publish it)
    Course {
        /// The course's name in links, like `leading-difficult-conversations` (made from
        /// --title when left out)
        slug: Option<String>,
        /// The course title
        #[arg(long)]
        title: Option<String>,
    },
    /// A leader: content/leaders/ID.yaml
    Leader {
        /// The leader's id, like `priya-natarajan` (made from --name when left out)
        id: Option<String>,
        /// The leader's full name
        #[arg(long)]
        name: Option<String>,
    },
    /// An endorsement of a course by a leader: content/endorsements/COURSE--LEADER.yaml
    Endorsement {
        /// The course being endorsed (its file name in content/courses/, without .md)
        #[arg(long)]
        course: String,
        /// The leader endorsing it (their file name in content/leaders/, without .yaml)
        #[arg(long)]
        by: String,
    },
    /// A leadership meeting: content/meetings/ID.yaml
    Meeting {
        /// The meeting's id, like `ops-briefing-2026-09` (made from --title when left out)
        id: Option<String>,
        /// The meeting's title
        #[arg(long)]
        title: Option<String>,
    },
    /// A learner's question to leaders about a course: content/questions/ID.yaml
    Question {
        /// The question's id (made from --question when left out)
        id: Option<String>,
        /// The course it is about (its file name in content/courses/, without .md)
        #[arg(long)]
        course: String,
        /// The question, in the learner's words
        #[arg(long)]
        question: Option<String>,
    },
    /// A manager poll: content/polls/ID.yaml
    Poll {
        /// The poll's id, like `manager-pulse-2026` (made from --question when left out)
        id: Option<String>,
        /// The question managers were asked
        #[arg(long)]
        question: Option<String>,
    },
}
