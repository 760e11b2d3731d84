//! What a record says in the site's other languages: `translations: {fr: {title: …}}`.
//! Only the texts learners read are translated; ids, dates and references stay in the
//! record itself.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{ManagerBrief, schema_of};

/// The texts of a record by language code: `fr: {title: …}`.
pub type Translations<T> = BTreeMap<String, T>;

/// site.yaml in another language.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SiteTranslation {
    /// The site's title in this language
    #[serde(default)]
    #[schemars(schema_with = "schema_of::text_or_none")]
    pub title: Option<String>,
    /// The organisation's name in this language
    #[serde(default)]
    #[schemars(schema_with = "schema_of::text_or_none")]
    pub organisation: Option<String>,
    /// Department names in this language, by department id
    #[serde(default)]
    pub departments: BTreeMap<String, String>,
}

/// A leader in another language.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LeaderTranslation {
    /// Their job title in this language
    #[serde(default)]
    #[schemars(schema_with = "schema_of::text_or_none")]
    pub title: Option<String>,
}

/// An endorsement in another language: the leader's quote, translated. Pages show the
/// translation as such, with the leader's own words a click away.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EndorsementTranslation {
    /// The quote, translated
    #[serde(default)]
    #[schemars(schema_with = "schema_of::text_or_none")]
    pub quote: Option<String>,
}

/// A meeting in another language.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MeetingTranslation {
    /// The meeting's title in this language
    #[serde(default)]
    #[schemars(schema_with = "schema_of::text_or_none")]
    pub title: Option<String>,
    /// What was discussed (Markdown), in this language
    #[serde(default)]
    #[schemars(schema_with = "schema_of::text_or_none")]
    pub summary: Option<String>,
    /// Each outcome's decision or commitment in this language, in the order of `outcomes:`
    #[serde(default)]
    pub outcomes: Vec<String>,
}

/// A poll in another language.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PollTranslation {
    /// The question in this language
    #[serde(default)]
    #[schemars(schema_with = "schema_of::text_or_none")]
    pub question: Option<String>,
    /// Each problem's text in this language, by problem id
    #[serde(default)]
    pub problems: BTreeMap<String, String>,
}

/// A learner's question and its answer in another language.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QuestionTranslation {
    /// The question in this language
    #[serde(default)]
    #[schemars(schema_with = "schema_of::text_or_none")]
    pub question: Option<String>,
    /// The answer in this language
    #[serde(default)]
    #[schemars(schema_with = "schema_of::text_or_none")]
    pub answer: Option<String>,
}

/// The front matter of a course's translation, `courses/<slug>.<lang>.md`: its texts in
/// that language. Sessions, departments and every other fact stay in the course's own file.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CourseTranslationFront {
    /// The course title in this language
    #[serde(default)]
    #[schemars(schema_with = "schema_of::text_or_none")]
    pub title: Option<String>,
    /// One sentence shown in the catalog, in this language
    #[serde(default)]
    #[schemars(schema_with = "schema_of::text_or_none")]
    pub summary: Option<String>,
    /// Who the course is for, in this language
    #[serde(default)]
    #[schemars(schema_with = "schema_of::text_or_none")]
    pub audience: Option<String>,
    /// How long it takes, in this language
    #[serde(default)]
    #[schemars(schema_with = "schema_of::text_or_none")]
    pub duration: Option<String>,
    /// What learners will be able to do, in this language
    #[serde(default)]
    pub objectives: Option<Vec<String>>,
    /// The manager's brief in this language
    #[serde(default)]
    pub manager_brief: Option<ManagerBrief>,
}
