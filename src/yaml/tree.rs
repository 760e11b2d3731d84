//! A YAML document as a tree of values read by serde_yaml, each node with the place it was
//! written (from yaml-rust2's events) and, for scalars, the text exactly as written. Keeps
//! duplicate keys, which serde_yaml's own `Value` refuses, so every one can be reported.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor};
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// One value of the document and where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub at: Option<Mark>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    /// Entries in the order written, duplicates included.
    Map(Vec<(Node, Node)>),
    /// A value written with a YAML tag (`!name value`).
    Tagged(String, Box<Node>),
}

/// How a scalar was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    Quoted,
    Block,
}

/// Where a node starts in the YAML text (1-based line, 1-based column in characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub line: usize,
    pub column: usize,
    /// The scalar as written, before YAML gave it a type (`1.50`, `~`); `None` for lists,
    /// groups and aliases.
    pub text: Option<String>,
    pub style: Style,
}

impl Node {
    fn new(value: Value) -> Node {
        Node { value, at: None }
    }

    /// What kind of value this is, in a manager's words: "the text `yes`", "a list".
    pub fn describe(&self) -> String {
        match &self.value {
            Value::Null => "empty".to_string(),
            Value::Bool(b) => format!("`{b}`"),
            Value::Int(_) | Value::Float(_) => format!("the number `{}`", self.text()),
            Value::Str(s) if s.is_empty() => "empty text".to_string(),
            Value::Str(s) => format!("the text `{}`", shorten(s)),
            Value::Seq(_) => "a list".to_string(),
            Value::Map(_) => "a group of fields".to_string(),
            Value::Tagged(_, inner) => inner.describe(),
        }
    }

    /// The scalar's text as written, or the value formatted when that is not known.
    pub fn text(&self) -> String {
        if let Some(text) = self.at.as_ref().and_then(|m| m.text.as_ref()) {
            return text.clone();
        }
        match &self.value {
            Value::Null => String::new(),
            Value::Bool(b) => b.to_string(),
            Value::Int(n) => n.to_string(),
            Value::Float(f) => f.to_string(),
            Value::Str(s) => s.clone(),
            Value::Tagged(_, inner) => inner.text(),
            Value::Seq(_) | Value::Map(_) => String::new(),
        }
    }

    /// Whether this is a single value (not a list or group).
    pub fn is_scalar(&self) -> bool {
        match &self.value {
            Value::Seq(_) | Value::Map(_) => false,
            Value::Tagged(_, inner) => inner.is_scalar(),
            _ => true,
        }
    }

    /// The value without any tag around it.
    pub fn untagged(&self) -> &Node {
        match &self.value {
            Value::Tagged(_, inner) => inner.untagged(),
            _ => self,
        }
    }
}

/// At most 60 characters of `text`, on one line.
pub fn shorten(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= 60 {
        one_line
    } else {
        let mut short: String = one_line.chars().take(57).collect();
        short.push('…');
        short
    }
}

/// Reads `yaml` with serde_yaml, then marks every node with where it was written.
pub fn parse(yaml: &str) -> Result<Node, serde_yaml::Error> {
    let mut root: Node = serde_yaml::from_str(yaml)?;
    let events = events(yaml);
    // The root node is the first event after the stream and document start.
    let mut i = events
        .iter()
        .position(|(e, _)| {
            !matches!(
                e,
                Event::StreamStart | Event::DocumentStart | Event::Nothing
            )
        })
        .unwrap_or(events.len());
    attach(&mut root, &events, &mut i);
    Ok(root)
}

struct Collector(Vec<(Event, Marker)>);

impl MarkedEventReceiver for Collector {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        self.0.push((ev, mark));
    }
}

/// The events of `yaml`; a document that does not parse still yields those before the
/// problem.
pub fn events(yaml: &str) -> Vec<(Event, Marker)> {
    let mut collector = Collector(Vec::new());
    let _ = Parser::new_from_str(yaml).load(&mut collector, false);
    collector.0
}

fn mark(marker: &Marker, text: Option<String>, style: Style) -> Mark {
    Mark {
        line: marker.line(),
        column: marker.col() + 1,
        text,
        style,
    }
}

/// Gives `node` and its children the marks of the events from `i` on. Stops quietly where
/// the two readers disagree (the rest keep no mark and are located by their parents).
fn attach(node: &mut Node, events: &[(Event, Marker)], i: &mut usize) -> bool {
    let Some((event, marker)) = events.get(*i) else {
        return false;
    };
    *i += 1;
    match (event, &mut node.value) {
        (Event::Alias(_), _) => {
            node.at = Some(mark(marker, None, Style::Plain));
            true
        }
        (Event::Scalar(text, style, ..), value) => {
            let style = match style {
                TScalarStyle::Plain => Style::Plain,
                TScalarStyle::SingleQuoted | TScalarStyle::DoubleQuoted => Style::Quoted,
                TScalarStyle::Literal | TScalarStyle::Folded => Style::Block,
            };
            let m = mark(marker, Some(text.clone()), style);
            if let Value::Tagged(_, inner) = value {
                inner.at = Some(m.clone());
            }
            node.at = Some(m);
            !matches!(node.value, Value::Seq(_) | Value::Map(_))
        }
        (Event::SequenceStart(..), value) => {
            node.at = Some(mark(marker, None, Style::Plain));
            let items = match value {
                Value::Seq(items) => items,
                Value::Tagged(_, inner) => match &mut inner.value {
                    Value::Seq(items) => items,
                    _ => return false,
                },
                _ => return false,
            };
            for item in items {
                if !attach(item, events, i) {
                    return false;
                }
            }
            let ok = matches!(events.get(*i), Some((Event::SequenceEnd, _)));
            *i += 1;
            ok
        }
        (Event::MappingStart(..), value) => {
            node.at = Some(mark(marker, None, Style::Plain));
            let entries = match value {
                Value::Map(entries) => entries,
                Value::Tagged(_, inner) => match &mut inner.value {
                    Value::Map(entries) => entries,
                    _ => return false,
                },
                _ => return false,
            };
            for (key, value) in entries.iter_mut() {
                if !attach(key, events, i) || !attach(value, events, i) {
                    return false;
                }
            }
            // A block of fields is pointed at by its first field.
            if let Some(first) = entries.first().and_then(|(k, _)| k.at.as_ref()) {
                node.at = Some(Mark {
                    text: None,
                    ..first.clone()
                });
            }
            let ok = matches!(events.get(*i), Some((Event::MappingEnd, _)));
            *i += 1;
            ok
        }
        _ => false,
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::new(Value::Null))
    }

    fn visit_none<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::new(Value::Null))
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        Node::deserialize(d)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Node, E> {
        Ok(Node::new(Value::Bool(v)))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Node, E> {
        Ok(Node::new(Value::Int(i128::from(v))))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Node, E> {
        Ok(Node::new(Value::Int(i128::from(v))))
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Node, E> {
        Ok(Node::new(Value::Int(v)))
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Node, E> {
        Ok(Node::new(match i128::try_from(v) {
            Ok(n) => Value::Int(n),
            Err(_) => Value::Float(v as f64),
        }))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Node, E> {
        Ok(Node::new(Value::Float(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Node, E> {
        Ok(Node::new(Value::Str(v.to_string())))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Node, E> {
        Ok(Node::new(Value::Str(v)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Node>()? {
            items.push(item);
        }
        Ok(Node::new(Value::Seq(items)))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries = Vec::new();
        while let Some((key, value)) = map.next_entry::<Node, Node>()? {
            entries.push((key, value));
        }
        Ok(Node::new(Value::Map(entries)))
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Node, A::Error> {
        let (tag, variant) = data.variant::<String>()?;
        let inner = variant.newtype_variant::<Node>()?;
        Ok(Node::new(Value::Tagged(tag, Box::new(inner))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(node: &Node) -> (usize, usize) {
        let m = node.at.as_ref().expect("marked");
        (m.line, m.column)
    }

    #[test]
    fn nodes_keep_where_and_how_they_were_written() {
        let root = parse("title: 1.50\nlist: [a, 'b']\nnested:\n  - x: ~\n").unwrap();
        let Value::Map(entries) = &root.value else {
            panic!("{root:?}")
        };
        assert_eq!(entries.len(), 3);
        assert_eq!(entries[0].1.value, Value::Float(1.5));
        assert_eq!(entries[0].1.text(), "1.50");
        assert_eq!(at(&entries[0].1), (1, 8));
        let Value::Seq(items) = &entries[1].1.value else {
            panic!()
        };
        assert_eq!(at(&items[1]), (2, 11));
        assert_eq!(items[1].at.as_ref().unwrap().style, Style::Quoted);
        let Value::Seq(items) = &entries[2].1.value else {
            panic!()
        };
        let Value::Map(inner) = &items[0].value else {
            panic!()
        };
        assert_eq!(inner[0].1.value, Value::Null);
        assert_eq!(inner[0].1.text(), "~");
        assert_eq!(at(&inner[0].0), (4, 5));
    }

    #[test]
    fn duplicate_keys_are_kept() {
        let root = parse("a: 1\na: 2\n").unwrap();
        let Value::Map(entries) = &root.value else {
            panic!()
        };
        assert_eq!(entries.len(), 2);
        assert_eq!(at(&entries[1].0), (2, 1));
    }

    #[test]
    fn tags_and_aliases_are_read() {
        let root = parse("a: &x [1, 2]\nb: *x\nc: !note hello\n").unwrap();
        let Value::Map(entries) = &root.value else {
            panic!()
        };
        assert_eq!(entries[1].1.describe(), entries[0].1.describe());
        assert!(matches!(&entries[1].1.value, Value::Seq(items) if items.len() == 2));
        assert_eq!(at(&entries[1].1), (2, 4));
        assert!(matches!(&entries[2].1.value, Value::Tagged(t, _) if t == "note"));
        assert_eq!(entries[2].1.untagged().text(), "hello");
    }
}
