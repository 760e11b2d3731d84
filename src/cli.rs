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
    },
    /// Check everything `build` checks and write nothing (for pull requests)
    Check,
    /// Create something new from a template
    New {
        #[command(subcommand)]
        what: New,
    },
}

#[derive(Debug, Subcommand)]
pub enum New {
    /// A new site in DIR, copied from the demo site
    Site {
        /// The folder to create (must not exist or be empty)
        dir: PathBuf,
    },
}
