//! Reading lists and maps of the marked tree: each item or field in turn, with unknown and
//! missing fields worded for the kind of record, and unit variants for enums.

use serde::de::{
    DeserializeSeed, EnumAccess, IntoDeserializer, MapAccess, SeqAccess, VariantAccess, Visitor,
};

use super::*;

/// The items of a list.
pub(super) struct Items<'d, 'c, 'n> {
    pub(super) de: &'d De<'c, 'n>,
    pub(super) items: std::slice::Iter<'n, Node>,
    pub(super) index: usize,
}

impl<'de> SeqAccess<'de> for Items<'_, '_, '_> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        let Some(item) = self.items.next() else {
            return Ok(None);
        };
        let de = self.de.child(Some(item), Step::Index(self.index), None);
        self.index += 1;
        seed.deserialize(de).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

/// How messages name a group of fields and its members.
#[derive(Debug, Clone)]
pub struct Group {
    /// "session", "endorsement".
    pub noun: String,
    /// "a field of a session", "a commitment".
    pub member: String,
    /// "the fields of a session", "the commitments".
    pub list_name: String,
}

/// The entries of a group of fields, as a map: unknown and repeated fields are noted and
/// left out, fields written twice as blocks are merged, and stand-ins are added for the
/// missing fields earlier readings asked for.
pub(super) struct Entries<'d, 'c, 'n> {
    de: &'d De<'c, 'n>,
    /// (key, value node or `None` for a stand-in, mark of the key).
    pending: std::vec::IntoIter<(String, Option<Value2<'n>>, Option<&'n Mark>)>,
    value: Option<(String, Option<Value2<'n>>, Option<&'n Mark>)>,
}

/// A value to present: a node of the tree, or one made by merging blocks written twice.
enum Value2<'n> {
    Tree(&'n Node),
    Merged(Box<Node>),
}

impl<'d, 'c, 'n> Entries<'d, 'c, 'n> {
    /// A map that is not a typed group: every entry as written.
    pub(super) fn plain(de: &'d De<'c, 'n>, entries: &'n [(Node, Node)]) -> Self {
        let pending: Vec<_> = entries
            .iter()
            .map(|(k, v)| (k.text(), Some(Value2::Tree(v)), k.at.as_ref()))
            .collect();
        Entries {
            de,
            pending: pending.into_iter(),
            value: None,
        }
    }

    pub(super) fn fields(
        de: &'d De<'c, 'n>,
        entries: &'n [(Node, Node)],
        name: &'static str,
        fields: &'static [&'static str],
        group: &Group,
    ) -> Self {
        let ctx = de.ctx;
        let mut pending: Vec<(String, Option<Value2<'n>>, Option<&'n Mark>)> = Vec::new();
        for (key, value) in entries {
            let text = key.text();
            let key_mark = key.at.as_ref();
            let mut path = de.path.clone();
            path.push(Step::Key(text.clone()));
            if !fields.contains(&text.as_str()) {
                ctx.push(&path, unknown_field(de, key, &text, name, fields, group));
                continue;
            }
            if let Some(i) = pending.iter().position(|(k, ..)| *k == text) {
                let first_line = pending[i].2.map_or(0, |m| m.line + ctx.source.line_offset);
                let first = match &pending[i].1 {
                    Some(Value2::Tree(n)) => Some((*n).clone()),
                    Some(Value2::Merged(n)) => Some((**n).clone()),
                    None => None,
                };
                let both_blocks = matches!(
                    (
                        first.as_ref().map(|n| &n.untagged().value),
                        &value.untagged().value
                    ),
                    (Some(Value::Map(_)), Value::Map(_))
                );
                let mut location = ctx.location(key_mark);
                location.width = text.chars().count().max(1);
                let d = if both_blocks {
                    let mut merged = first.unwrap_or_else(|| value.clone());
                    merge_into(&mut merged, value);
                    pending[i].1 = Some(Value2::Merged(Box::new(merged)));
                    Diagnostic::error(
                        &codes::DUPLICATE_FIELD,
                        format!("`{text}:` is written twice (also on line {first_line})"),
                    )
                    .at(location)
                    .label("second time")
                    .help(format!(
                        "merge the two blocks: move the lines under this `{text}:` up under the one on line {first_line}, then delete this `{text}:` line"
                    ))
                } else {
                    Diagnostic::error(
                        &codes::DUPLICATE_FIELD,
                        format!("`{text}:` is written twice (also on line {first_line})"),
                    )
                    .at(location)
                    .label("second time")
                    .help("keep the line you want and delete the other one")
                };
                ctx.push(&path, d);
                continue;
            }
            pending.push((text, Some(Value2::Tree(value)), key_mark));
        }
        for field in ctx.fills(&de.path) {
            if !pending.iter().any(|(k, ..)| k == field) {
                pending.push((field.to_string(), None, None));
            }
        }
        Entries {
            de,
            pending: pending.into_iter(),
            value: None,
        }
    }
}

/// The problem with a field that `fields` does not list.
fn unknown_field(
    de: &De<'_, '_>,
    key: &Node,
    text: &str,
    name: &str,
    fields: &[&str],
    group: &Group,
) -> Diagnostic {
    let ctx = de.ctx;
    let mut location = ctx.location(key.at.as_ref());
    location.width = text.chars().count().max(1);
    if let Some(hidden) = find_invisible(text) {
        location.column += hidden.column - 1;
        location.width = 1;
        let leading = text.chars().next().is_some_and(|c| hidden.char == c);
        let message = if leading {
            format!("this line is indented with {}", hidden.plural)
        } else {
            format!("`{}` contains {}", text.trim(), hidden.name)
        };
        return Diagnostic::error(&codes::INVISIBLE_CHARACTER, message)
            .at(location)
            .label(hidden.name)
            .help(if leading {
                "delete the spaces at the start of the line and type them again with the space bar"
            } else {
                "delete it and type the name again"
            });
    }
    if let Some(home) = ctx.vocab.home(name, text) {
        return Diagnostic::error(
            &codes::UNKNOWN_FIELD,
            format!("`{text}` belongs under `{home}:`"),
        )
        .at(location)
        .label(format!("not a field of {}", ctx.what))
        .help(format!(
            "indent this line by two spaces under a `{home}:` line (add `{home}:` above it if there is none)"
        ));
    }
    let list = fields.join(", ");
    let d = Diagnostic::error(
        &codes::UNKNOWN_FIELD,
        format!("`{}` is not {}", shorten(text), group.member),
    )
    .at(location)
    .label("unknown field");
    match closest(text, fields.iter().copied()) {
        Some(near) => d.help(format!(
            "did you mean `{near}`? {} are: {list}",
            capitalise(&group.list_name)
        )),
        None if fields.is_empty() => d.help("remove this line"),
        None => d.help(format!("{} are: {list}", capitalise(&group.list_name))),
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

impl<'de> MapAccess<'de> for Entries<'_, '_, '_> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        let Some(entry) = self.pending.next() else {
            return Ok(None);
        };
        let key = seed
            .deserialize(entry.0.as_str().into_deserializer())
            .map(Some);
        self.value = Some(entry);
        key
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        let Some((key, value, key_mark)) = self.value.take() else {
            return Err(DeError::Abort);
        };
        match value {
            Some(Value2::Tree(node)) => {
                seed.deserialize(self.de.child(Some(node), Step::Key(key), key_mark))
            }
            Some(Value2::Merged(node)) => {
                let de = De {
                    ctx: self.de.ctx,
                    node: Some(&node),
                    path: {
                        let mut p = self.de.path.clone();
                        p.push(Step::Key(key));
                        p
                    },
                    near: key_mark.or(self.de.near),
                    key: key_mark,
                };
                seed.deserialize(de)
            }
            None => seed.deserialize(self.de.child(None, Step::Key(key), key_mark)),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.pending.len())
    }
}

/// A unit variant chosen by name.
pub(super) struct UnitVariant(pub(super) &'static str);

impl<'de> EnumAccess<'de> for UnitVariant {
    type Error = DeError;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self)> {
        let value = seed.deserialize(self.0.into_deserializer())?;
        Ok((value, self))
    }
}

impl<'de> VariantAccess<'de> for UnitVariant {
    type Error = DeError;

    fn unit_variant(self) -> Result<()> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, _seed: T) -> Result<T::Value> {
        Err(DeError::Message("one word".to_string()))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, _visitor: V) -> Result<V::Value> {
        Err(DeError::Message("one word".to_string()))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value> {
        Err(DeError::Message("one word".to_string()))
    }
}
