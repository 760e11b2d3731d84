//! The JSON Schemas of values with rules of their own (ids, text people write, links),
//! used by the types below so editors reject what `check` rejects.

use schemars::{Schema, SchemaGenerator, json_schema};

/// Lowercase letters, digits and single hyphens; as [`super::is_valid_id`].
const ID: &str = "^[a-z0-9]+(-[a-z0-9]+)*$";

fn placeholders() -> String {
    let alternatives: Vec<String> = super::PLACEHOLDERS
        .iter()
        .map(|p| {
            p.chars()
                .map(|c| {
                    if "\\^$.|?*+()[]{}".contains(c) {
                        format!("\\{c}")
                    } else {
                        c.to_string()
                    }
                })
                .collect()
        })
        .collect();
    format!("^\\s*({})\\s*$", alternatives.join("|"))
}

pub fn id(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": "string", "pattern": ID, "maxLength": 80 })
}

pub fn id_or_none(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": ["string", "null"], "pattern": ID, "maxLength": 80, "default": null })
}

pub fn ids(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "array",
        "items": { "type": "string", "pattern": ID, "maxLength": 80 },
        "default": []
    })
}

pub fn id_or_ids(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "anyOf": [
            { "type": "string", "pattern": ID, "maxLength": 80 },
            { "type": "array", "items": { "type": "string", "pattern": ID, "maxLength": 80 } }
        ]
    })
}

/// An IANA time zone name: `Europe/London`, `America/Argentina/Buenos_Aires`, `UTC`.
pub fn timezone_or_none(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": ["string", "null"],
        "pattern": "^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$",
        "default": null
    })
}

pub fn text(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": "string", "not": { "pattern": placeholders() } })
}

pub fn text_or_none(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": ["string", "null"],
        "not": { "pattern": placeholders() },
        "default": null
    })
}

pub fn texts(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "array",
        "items": { "type": "string", "not": { "pattern": placeholders() } },
        "default": []
    })
}

pub fn link_or_none(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": ["string", "null"],
        "pattern": "^\\s*[Hh][Tt][Tt][Pp][Ss]?://",
        "default": null
    })
}

/// A web address or an email address: where to book a place.
pub fn booking_or_none(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": ["string", "null"],
        "pattern": "^\\s*([Hh][Tt][Tt][Pp][Ss]?://|[Mm][Aa][Ii][Ll][Tt][Oo]:)",
        "default": null
    })
}

/// A `mailto:` or `https://` link: how to reach a leader.
pub fn contact_or_none(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": ["string", "null"],
        "pattern": "^\\s*([Hh][Tt][Tt][Pp][Ss]://|[Mm][Aa][Ii][Ll][Tt][Oo]:)",
        "default": null
    })
}

pub fn photo_or_none(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": ["string", "null"],
        "pattern": "^[^:\\\\]+$",
        "not": { "pattern": "\\.\\." },
        "default": null
    })
}

pub fn languages_or_none(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": ["array", "null"],
        "items": { "type": "string", "pattern": "^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$" },
        "minItems": 1,
        "uniqueItems": true,
        "default": null
    })
}

pub fn language_or_none(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": ["string", "null"], "pattern": "^[A-Za-z0-9-]+$", "default": null })
}
