//! Leaders: their departments and photos.

use std::collections::HashSet;

use std::sync::Arc;

use super::refs::{LEADER_RULE, Link, Names, RefKind, Refs, check_link};
use super::{DepartmentId, Leader, LeaderId};
use crate::diagnostics::{Diagnostic, Diagnostics, closest};
use crate::load::{Record, StaticFile};
use crate::model::LeaderFile;
use crate::yaml::Seg;

/// Every leader, sorted by name.
pub fn resolve(
    records: &[Arc<Record<LeaderFile>>],
    departments: &Names<DepartmentId>,
    static_files: &[StaticFile],
    diags: &mut Diagnostics,
) -> Vec<Leader> {
    // Files are read in no particular order; every sort ends with the file name so the
    // site (and which of two duplicates is reported) never depends on it.
    let mut records: Vec<&Record<LeaderFile>> = records.iter().map(|r| &**r).collect();
    records.sort_by(|a, b| (&a.data.name, &a.id, &a.file).cmp(&(&b.data.name, &b.id, &b.file)));
    let mut leaders: Vec<Leader> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    for rec in records {
        let mut refs = Refs::new(rec.yaml(), &rec.invalid, diags);
        if !seen.insert(&rec.id) {
            refs.error(
                &[],
                Diagnostic::error(
                    &crate::codes::DUPLICATE_ID,
                    format!("there are two leaders called `{}`", rec.id),
                )
                .help("keep one file per leader: `.yaml` or `.yml`, not both"),
            );
            continue;
        }
        refs.require_text(
            &[Seg::Key("name")],
            &rec.data.name,
            "the leader's full name",
        );
        refs.require_text(
            &[Seg::Key("title")],
            &rec.data.title,
            "the leader's job title",
        );
        let department = rec.data.department.as_ref().and_then(|d| {
            departments.find_as(
                &mut refs,
                &[Seg::Key("department")],
                d,
                "`department:` must be one of the department ids in site.yaml",
            )
        });
        let photo = rec
            .data
            .photo
            .as_ref()
            .and_then(|p| photo(&mut refs, p, static_files));
        let contact = rec.data.contact.as_ref().map(|c| {
            check_link(&mut refs, &[Seg::Key("contact")], c, Link::Contact);
            c.trim().to_string()
        });
        leaders.push(Leader {
            contact,
            flawed: refs.flawed(),
            id: rec.id.clone(),
            file: rec.file.clone(),
            name: rec.data.name.clone(),
            title: rec.data.title.clone(),
            department,
            seniority: rec.data.seniority,
            photo,
            translations: Arc::new(rec.data.translations.clone()),
            original: None,
        });
    }
    leaders
}

/// The output path of the photo `written`, if it is a file of the site.
fn photo(refs: &mut Refs<'_>, written: &str, static_files: &[StaticFile]) -> Option<String> {
    let cleaned = written.trim().trim_start_matches('/').to_string();
    let safe = !cleaned.is_empty()
        && !cleaned.contains("..")
        && !cleaned.contains(':')
        && !cleaned.contains('\\');
    if !safe {
        refs.error(
            &[Seg::Key("photo")],
            Diagnostic::error(
                &crate::codes::BAD_PHOTO,
                format!("`{written}` is not a file in this site"),
            )
            .label("photos must be files under static/")
            .help("put the photo in static/photos/ and write `photo: photos/<file name>`"),
        );
        return None;
    }
    if !static_files.iter().any(|f| f.output == cleaned) {
        let inside = cleaned.strip_prefix("static/").unwrap_or(&cleaned);
        let near = static_files
            .iter()
            .find(|f| f.output == inside)
            .map(|f| f.output.as_str())
            .or_else(|| closest(inside, static_files.iter().map(|f| f.output.as_str())));
        let help = match near {
            Some(n) if inside != cleaned => format!("write the path inside static/: `photo: {n}`"),
            Some(n) => format!("did you mean `{n}`? Photo paths are relative to static/"),
            None => format!("add the photo as static/{cleaned}, or correct the path"),
        };
        refs.error(
            &[Seg::Key("photo")],
            Diagnostic::error(
                &crate::codes::MISSING_PHOTO,
                format!("there is no photo at `static/{cleaned}`"),
            )
            .label("file not found")
            .help(help),
        );
        return None;
    }
    Some(cleaned)
}

/// The leaders, to look references up in.
pub fn names(leaders: &[Leader]) -> Names<LeaderId> {
    Names::new(
        RefKind::Leader,
        LEADER_RULE,
        leaders
            .iter()
            .enumerate()
            .map(|(i, l)| (l.id.clone(), l.name.clone(), LeaderId::new(i))),
    )
}
