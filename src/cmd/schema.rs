//! `buyin schema`: JSON Schemas of the files people write, for editors.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;

use super::Context;

pub fn run(context: &Context, out: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    match out {
        Some(dir) => {
            let dir = context.in_site(dir);
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
