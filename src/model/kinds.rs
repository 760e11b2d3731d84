//! The kinds of file people write, what each is called and holds, and the vocabulary the
//! YAML reader uses to word problems in them (field names, where a field belongs, which
//! values have rules of their own).

use super::values::text_rule;
use super::*;
use crate::codes;
use crate::yaml::{Group, TextRule, Vocabulary};

/// The kinds of file people write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RecordKind {
    Site,
    Course,
    Leader,
    Endorsement,
    Meeting,
    Poll,
    Question,
}

/// The JSON Schema of `T`, as editors read them (draft-07, plain numbers).
pub fn schema_of<T: schemars::JsonSchema>() -> schemars::Schema {
    schemars::generate::SchemaSettings::draft07()
        .with_transform(schemars::transform::RecursiveTransform(plain_numbers))
        .into_generator()
        .into_root_schema_for::<T>()
}

/// The schema of a course's translation (`courses/<slug>.<lang>.md`).
pub fn translation_schema() -> schemars::Schema {
    schema_of::<super::CourseTranslationFront>()
}

impl RecordKind {
    pub const ALL: [RecordKind; 7] = [
        RecordKind::Site,
        RecordKind::Course,
        RecordKind::Leader,
        RecordKind::Endorsement,
        RecordKind::Meeting,
        RecordKind::Poll,
        RecordKind::Question,
    ];

    /// Short name: `endorsement`.
    pub const fn name(self) -> &'static str {
        match self {
            RecordKind::Site => "site",
            RecordKind::Course => "course",
            RecordKind::Leader => "leader",
            RecordKind::Endorsement => "endorsement",
            RecordKind::Meeting => "meeting",
            RecordKind::Poll => "poll",
            RecordKind::Question => "question",
        }
    }

    /// The file, in messages: "an endorsement".
    pub fn what(self) -> &'static str {
        match self {
            RecordKind::Site => "site.yaml",
            RecordKind::Course => "a course's front matter",
            RecordKind::Leader => "a leader",
            RecordKind::Endorsement => "an endorsement",
            RecordKind::Meeting => "a meeting",
            RecordKind::Poll => "a poll",
            RecordKind::Question => "a question",
        }
    }

    /// The title of its JSON Schema.
    pub const fn schema_title(self) -> &'static str {
        match self {
            RecordKind::Site => "buyin site.yaml",
            RecordKind::Course => "buyin course front matter",
            RecordKind::Leader => "buyin leader",
            RecordKind::Endorsement => "buyin endorsement",
            RecordKind::Meeting => "buyin leadership meeting",
            RecordKind::Poll => "buyin manager poll",
            RecordKind::Question => "buyin question to a leader",
        }
    }

    /// The folder its files go in, relative to the site folder.
    pub fn folder(self) -> &'static str {
        match self {
            RecordKind::Site => "",
            RecordKind::Course => "content/courses",
            RecordKind::Leader => "content/leaders",
            RecordKind::Endorsement => "content/endorsements",
            RecordKind::Meeting => "content/meetings",
            RecordKind::Poll => "content/polls",
            RecordKind::Question => "content/questions",
        }
    }

    /// The kinds kept in folders under content/.
    pub fn records() -> impl Iterator<Item = RecordKind> {
        Self::ALL.into_iter().filter(|k| *k != RecordKind::Site)
    }

    /// The JSON Schema of the file, generated from the type that reads it.
    pub fn schema(self) -> schemars::Schema {
        match self {
            RecordKind::Site => schema_of::<SiteFile>(),
            RecordKind::Course => schema_of::<FrontMatter>(),
            RecordKind::Leader => schema_of::<LeaderFile>(),
            RecordKind::Endorsement => schema_of::<EndorsementFile>(),
            RecordKind::Meeting => schema_of::<MeetingFile>(),
            RecordKind::Poll => schema_of::<PollFile>(),
            RecordKind::Question => schema_of::<QuestionFile>(),
        }
    }

    /// Its schema as JSON, made once.
    fn schema_json(self) -> &'static serde_json::Value {
        static SCHEMAS: std::sync::OnceLock<Vec<serde_json::Value>> = std::sync::OnceLock::new();
        let all = SCHEMAS.get_or_init(|| {
            RecordKind::ALL
                .iter()
                .map(|k| k.schema().to_value())
                .collect()
        });
        &all[self as usize]
    }

    /// The top-level field names of the file, and which of them are required.
    pub fn fields(self) -> (Vec<&'static str>, Vec<&'static str>) {
        let schema = self.schema_json();
        let names = |v: &'static serde_json::Value| -> Vec<&'static str> {
            match v {
                serde_json::Value::Object(map) => map.keys().map(String::as_str).collect(),
                serde_json::Value::Array(list) => list.iter().filter_map(|x| x.as_str()).collect(),
                _ => Vec::new(),
            }
        };
        (names(&schema["properties"]), names(&schema["required"]))
    }

    /// The definition of a property's object type, following a `$ref`.
    fn object_of(self, property: &'static serde_json::Value) -> Option<&'static serde_json::Value> {
        let schema = self.schema_json();
        let reference = property.get("$ref").or_else(|| {
            property
                .get("allOf")
                .and_then(|all| all.get(0))
                .and_then(|first| first.get("$ref"))
        });
        let target = match reference.and_then(|r| r.as_str()) {
            Some(r) => {
                let name = r.rsplit('/').next()?;
                schema.get("definitions")?.get(name)?
            }
            None => property,
        };
        target.get("properties").is_some().then_some(target)
    }
}

/// Replaces schemars' number formats (`uint32`), which JSON Schema validators do not
/// know, by the range they stand for.
fn plain_numbers(schema: &mut schemars::Schema) {
    let range = match schema.get("format").and_then(|f| f.as_str()) {
        Some("uint8") => Some(u64::from(u8::MAX)),
        Some("uint16") => Some(u64::from(u16::MAX)),
        Some("uint32") => Some(u64::from(u32::MAX)),
        Some("uint64" | "uint") => Some(u64::MAX),
        _ => None,
    };
    if let Some(max) = range {
        schema.remove("format");
        schema.insert("minimum".into(), 0.into());
        schema.insert("maximum".into(), max.into());
    }
}

impl Vocabulary for RecordKind {
    fn group(&self, type_name: &str, what: &str) -> Group {
        let (noun, member, list_name) = match type_name {
            "Commitments" => ("commitments", "a commitment", "the commitments"),
            "SessionDef" => ("session", "a field of a session", "the fields of a session"),
            "OutcomeDef" => (
                "outcome",
                "a field of an outcome",
                "the fields of an outcome",
            ),
            "ProblemDef" => (
                "problem",
                "a field of a poll problem",
                "the fields of a poll problem",
            ),
            "ManagerBrief" => (
                "manager's brief",
                "a field of a manager's brief",
                "the fields of a manager's brief",
            ),
            "DepartmentDef" => (
                "department",
                "a field of a department",
                "the fields of a department",
            ),
            _ => {
                let noun = match self {
                    RecordKind::Site => "file",
                    RecordKind::Course => "course",
                    other => other.name(),
                };
                return Group {
                    noun: noun.to_string(),
                    member: format!("a field of {what}"),
                    list_name: format!("the fields of {what}"),
                };
            }
        };
        Group {
            noun: noun.to_string(),
            member: member.to_string(),
            list_name: list_name.to_string(),
        }
    }

    fn home(&self, type_name: &str, key: &str) -> Option<String> {
        let schema = self.schema_json();
        if schema.get("title").and_then(|t| t.as_str()) != Some(type_name) {
            return None;
        }
        let properties = schema.get("properties")?.as_object()?;
        properties.iter().find_map(|(name, property)| {
            let object = self.object_of(property)?;
            object
                .get("properties")?
                .get(key)
                .is_some()
                .then(|| name.clone())
        })
    }

    fn text_rule(&self, type_name: &str) -> Option<TextRule> {
        match type_name {
            Date::NAME => Some(text_rule::<Date>(
                &codes::BAD_DATE,
                "write a date like 2026-10-14",
            )),
            Time::NAME => Some(text_rule::<Time>(
                &codes::BAD_TIME,
                "write a time on the 24-hour clock in double quotes, like \"09:30\"",
            )),
            Period::NAME => Some(text_rule::<Period>(
                &codes::BAD_PERIOD,
                "write a number and a unit, like `12 months`",
            )),
            _ => None,
        }
    }

    fn field_names(&self) -> Vec<&'static str> {
        let schema = self.schema_json();
        let mut names: Vec<&'static str> = Vec::new();
        let mut add = |v: Option<&'static serde_json::Value>| {
            if let Some(map) = v.and_then(|v| v.as_object()) {
                names.extend(map.keys().map(String::as_str));
            }
        };
        add(schema.get("properties"));
        if let Some(defs) = schema.get("definitions").and_then(|d| d.as_object()) {
            for def in defs.values() {
                add(def.get("properties"));
            }
        }
        names.sort_unstable();
        names.dedup();
        names
    }
}
