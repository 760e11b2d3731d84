//! JSON Schemas for site.yaml, course front matter and every record kind, generated from
//! the same types that load them so they cannot drift. Editors use them to check files
//! while people type. Produces text only; the binary decides where it goes.

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema};

use crate::model::{EndorsementFile, FrontMatter, LeaderFile, MeetingFile, PollFile, SiteFile};

/// One kind of file people write, with its schema.
pub struct Kind {
    /// Short name: `endorsement`, also the schema's file name (`endorsement.schema.json`).
    pub name: &'static str,
    /// What the file is, for the schema's title.
    pub title: &'static str,
    schema: fn() -> Schema,
}

impl Kind {
    pub fn file_name(&self) -> String {
        format!("{}.schema.json", self.name)
    }

    /// The schema as pretty JSON, ending with a newline.
    pub fn json(&self) -> String {
        let mut schema = (self.schema)();
        schema.insert("title".into(), self.title.into());
        let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
        text.push('\n');
        text
    }
}

fn schema_for<T: JsonSchema>() -> Schema {
    SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<T>()
}

/// Every kind of file, in a stable order.
pub const KINDS: [Kind; 6] = [
    Kind {
        name: "site",
        title: "buyin site.yaml",
        schema: schema_for::<SiteFile>,
    },
    Kind {
        name: "course",
        title: "buyin course front matter",
        schema: schema_for::<FrontMatter>,
    },
    Kind {
        name: "leader",
        title: "buyin leader",
        schema: schema_for::<LeaderFile>,
    },
    Kind {
        name: "endorsement",
        title: "buyin endorsement",
        schema: schema_for::<EndorsementFile>,
    },
    Kind {
        name: "meeting",
        title: "buyin leadership meeting",
        schema: schema_for::<MeetingFile>,
    },
    Kind {
        name: "poll",
        title: "buyin manager poll",
        schema: schema_for::<PollFile>,
    },
];

/// The folder of a site where `buyin schema --out schemas` and `buyin new` keep schemas.
pub const DEFAULT_DIR: &str = "schemas";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemas_are_json_objects_with_titles() {
        for kind in &KINDS {
            let value: serde_json::Value = serde_json::from_str(&kind.json()).unwrap();
            assert_eq!(value["title"], kind.title);
            assert_eq!(value["type"], "object", "{}", kind.name);
            assert_eq!(value["additionalProperties"], false, "{}", kind.name);
        }
    }
}
