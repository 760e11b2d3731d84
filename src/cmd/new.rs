//! `buyin new`: scaffolds a site, or one file to fill in.

use std::process::ExitCode;

use buyin::scaffold::{SiteStart, Template};

use super::Context;
use crate::cli::New;

pub fn run(context: &Context, what: New) -> anyhow::Result<ExitCode> {
    let template = match what {
        New::Site { dir, empty } => {
            let dir = context.in_site(dir);
            let start = if empty {
                SiteStart::Empty
            } else {
                SiteStart::Demo
            };
            let files = buyin::scaffold::new_site(&dir, start, context.today)?;
            eprintln!(
                "created a new site in {} ({files} files); check it with `buyin check -C {}` and build it with `buyin build -C {}`",
                dir.display(),
                dir.display(),
                dir.display()
            );
            return Ok(ExitCode::SUCCESS);
        }
        New::Course { slug, title } => Template::Course { slug, title },
        New::Leader { id, name } => Template::Leader { id, name },
        New::Endorsement { course, by } => Template::Endorsement { course, by },
        New::Meeting { id, title } => Template::Meeting { id, title },
        New::Poll { id, question } => Template::Poll { id, question },
        New::Question {
            id,
            course,
            question,
        } => Template::Question {
            course,
            id,
            question,
        },
    };
    let path = buyin::scaffold::new_file(&context.root, &template, context.today)?;
    eprintln!(
        "created {}{}; fill it in, then run `buyin check`",
        context.shown,
        path.display()
    );
    Ok(ExitCode::SUCCESS)
}
