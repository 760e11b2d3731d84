//! `buyin explain`: what a diagnostic code means, with a wrong and a right example.

use std::process::ExitCode;

use buyin::codes;

pub fn run(code: Option<String>, table: bool) -> anyhow::Result<ExitCode> {
    if table {
        print!("{}", codes::contributor_tables());
        return Ok(ExitCode::SUCCESS);
    }
    let Some(name) = code else {
        print!("{}", codes::index());
        return Ok(ExitCode::SUCCESS);
    };
    let wanted = name
        .trim()
        .trim_start_matches("error[")
        .trim_start_matches("warning[")
        .trim_end_matches(']')
        .to_lowercase();
    match codes::find(&wanted) {
        Some(code) => {
            print!("{}", code.explain());
            Ok(ExitCode::SUCCESS)
        }
        None => {
            let near = buyin::diagnostics::closest(&wanted, codes::ALL.iter().map(|c| c.name));
            match near {
                Some(n) => eprintln!(
                    "error: there is no message called `{name}`; did you mean `{n}`? (`buyin explain` lists them all)"
                ),
                None => eprintln!(
                    "error: there is no message called `{name}`; `buyin explain` lists them all"
                ),
            }
            Ok(ExitCode::from(2))
        }
    }
}
