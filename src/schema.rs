//! JSON Schemas for site.yaml, course front matter and every record kind, generated from
//! the same types that load them so they cannot drift. Editors use them to check files
//! while people type. Produces text only; the binary decides where it goes.

use crate::model::RecordKind;

/// One kind of file people write, with its schema.
#[derive(Clone, Copy)]
pub struct SchemaFile {
    /// Short name: `endorsement`, also the schema's file name (`endorsement.schema.json`).
    pub name: &'static str,
    /// What the file is, for the schema's title.
    pub title: &'static str,
    /// The record kind it describes; `None` for a course's translation.
    kind: Option<RecordKind>,
}

impl SchemaFile {
    pub fn file_name(&self) -> String {
        format!("{}.schema.json", self.name)
    }

    /// The schema as pretty JSON, ending with a newline.
    pub fn json(&self) -> String {
        let mut schema = match self.kind {
            Some(kind) => kind.schema(),
            None => crate::model::translation_schema(),
        };
        schema.insert("title".into(), self.title.into());
        let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
        text.push('\n');
        text
    }
}

const fn kind(kind: RecordKind) -> SchemaFile {
    SchemaFile {
        name: kind.name(),
        title: kind.schema_title(),
        kind: Some(kind),
    }
}

/// Every kind of file, in a stable order: each record kind, then a course's translation.
pub const KINDS: [SchemaFile; RecordKind::ALL.len() + 1] = {
    let mut kinds = [kind(RecordKind::Site); RecordKind::ALL.len() + 1];
    let mut i = 0;
    while i < RecordKind::ALL.len() {
        kinds[i] = kind(RecordKind::ALL[i]);
        i += 1;
    }
    kinds[i] = SchemaFile {
        name: "course-translation",
        title: "A course's texts in another language (courses/<slug>.<lang>.md)",
        kind: None,
    };
    kinds
};

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
            assert!(!kind.json().contains("uint"), "{}", kind.name);
        }
    }
}
