//! site.yaml: the settings and the departments every course and leader refers to.

use super::refs::{Link, Names, RefKind, Refs, check_link, check_timezone, check_url, id_help};
use super::{Config, Department, DepartmentId};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::Record;
use crate::model::{SiteFile, is_valid_id};
use crate::yaml::Seg;

/// The settings and the departments (sorted by name) of site.yaml.
pub fn resolve(config: &Record<SiteFile>, diags: &mut Diagnostics) -> (Config, Vec<Department>) {
    let site_file = &config.data;
    let mut refs = Refs::new(config.yaml(), &config.invalid, diags);
    let mut departments: Vec<Department> = Vec::new();
    for (i, d) in site_file.departments.iter().enumerate() {
        refs.require_text(
            &[Seg::Key("departments"), Seg::Index(i), Seg::Key("name")],
            &d.name,
            "the department's name as learners know it",
        );
        let path = [Seg::Key("departments"), Seg::Index(i), Seg::Key("id")];
        if !is_valid_id(&d.id) {
            refs.error(
                &path,
                Diagnostic::error(
                    &crate::codes::BAD_ID,
                    format!("`{}` cannot be used as a department id", d.id),
                )
                .help(id_help(&d.id, "customer-service")),
            );
        } else if departments.iter().any(|x| x.id == d.id) {
            refs.error(
                &path,
                Diagnostic::error(
                    &crate::codes::DUPLICATE_ID,
                    format!("the department `{}` is listed twice", d.id),
                )
                .help("give each department its own id"),
            );
        } else {
            departments.push(Department {
                id: d.id.clone(),
                name: d.name.clone(),
                description: d.description.clone(),
            });
        }
    }
    departments.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.id.cmp(&b.id)));
    let base_url = site_file.base_url.as_ref().map(|url| {
        check_url(&mut refs, &[Seg::Key("base_url")], url);
        let mut url = url.trim().to_string();
        if !url.ends_with('/') {
            url.push('/');
        }
        url
    });
    let theme = site_file
        .theme
        .clone()
        .unwrap_or_else(|| "default".to_string());
    if !is_valid_id(&theme) {
        refs.error(
            &[Seg::Key("theme")],
            Diagnostic::error(
                &crate::codes::BAD_ID,
                format!("`{theme}` cannot be used as a theme name"),
            )
            .help("theme names are folder names under themes/, like `default`"),
        );
    }
    let language = site_file
        .language
        .clone()
        .unwrap_or_else(|| "en".to_string());
    // A language code: two or three letters, then optional parts such as a region (`en-GB`).
    let is_code = |l: &str| {
        let mut parts = l.split('-');
        let primary = parts.next().unwrap_or_default();
        (2..=3).contains(&primary.len())
            && primary.chars().all(|c| c.is_ascii_alphabetic())
            && parts
                .all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
    };
    let bad_code = |code: &str| {
        let meant = crate::language_names::code_of(code);
        Diagnostic::error(
            &crate::codes::BAD_LANGUAGE,
            format!("`{code}` is not a language code"),
        )
        .help(match meant {
            Some(c) => format!("write the language's code: did you mean `{c}`?"),
            None => "write a language code such as `en`, `en-GB` or `fr`".to_string(),
        })
    };
    if !is_code(&language) {
        refs.error(&[Seg::Key("language")], bad_code(&language));
    }
    let mut languages: Vec<String> = Vec::new();
    match &site_file.languages {
        None => languages.push(language.clone()),
        Some(list) => {
            for (i, code) in list.iter().enumerate() {
                let at = [Seg::Key("languages"), Seg::Index(i)];
                if !is_code(code) {
                    refs.error(&at, bad_code(code));
                } else if languages.iter().any(|l| l.eq_ignore_ascii_case(code)) {
                    refs.error(
                        &at,
                        Diagnostic::error(
                            &crate::codes::BAD_LANGUAGE,
                            format!("`{code}` is listed twice"),
                        )
                        .help("list each language once"),
                    );
                } else {
                    languages.push(code.clone());
                }
            }
            if site_file.language.is_some() && list.first() != Some(&language) {
                refs.error(
                    &[Seg::Key("language")],
                    Diagnostic::error(
                        &crate::codes::BAD_LANGUAGE,
                        format!(
                            "`language: {language}` is not the first of `languages:`"
                        ),
                    )
                    .help("the first of `languages:` is the site's main language: remove `language:`, or put it first in `languages:`"),
                );
            }
            if languages.is_empty() {
                languages.push(language.clone());
            }
        }
    }
    let language = languages[0].clone();
    let config = Config {
        title: site_file.title.clone(),
        organisation: site_file.organisation.clone(),
        base_url,
        language,
        languages,
        stale_after: site_file.stale_after.unwrap_or_default(),
        theme,
        allow_raw_html: site_file.allow_raw_html,
        report: site_file.report,
        ask_url: site_file.ask_url.as_ref().map(|url| {
            check_link(&mut refs, &[Seg::Key("ask_url")], url, Link::Contact);
            url.trim().to_string()
        }),
        translations: site_file.translations.clone(),
        timezone: site_file
            .timezone
            .as_ref()
            .and_then(|tz| check_timezone(&mut refs, &[Seg::Key("timezone")], tz)),
    };
    (config, departments)
}

/// The departments, to look references up in.
pub fn names(departments: &[Department]) -> Names<DepartmentId> {
    Names::new(
        RefKind::Department,
        "departments must be ids listed under `departments:` in site.yaml",
        departments
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id.clone(), d.name.clone(), DepartmentId::new(i))),
    )
}
