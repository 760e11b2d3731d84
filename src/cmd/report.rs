//! `buyin report`: backing coverage for the learning team.

use std::io::Write;
use std::process::ExitCode;

use super::{Context, print_diagnostics};
use crate::cli::ReportFormat;

pub fn run(context: &Context, format: ReportFormat) -> anyhow::Result<ExitCode> {
    match buyin::report(&context.root, context.today) {
        Ok(report) => {
            let text = match format {
                ReportFormat::Table => report.to_table(),
                ReportFormat::Csv => report.to_csv(),
                ReportFormat::Json => report.to_json(),
            };
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
            Ok(ExitCode::SUCCESS)
        }
        Err(diagnostics) => {
            print_diagnostics(context.shown(diagnostics), "make the report");
            Ok(ExitCode::from(1))
        }
    }
}
