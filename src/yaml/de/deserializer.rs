//! serde's `Deserializer` for a node of the marked tree: each kind of value read, with a
//! problem noted and a stand-in given where the node does not fit.

use serde::de::{Deserializer, Visitor};

use super::*;

impl<'de> Deserializer<'de> for De<'_, '_> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let Some(node) = self.value() else {
            // A stand-in for a value whose type is only known to its visitor: an empty list
            // suits the one-or-many lists that read this way.
            return visitor.visit_seq(Items {
                de: &self,
                items: [].iter(),
                index: 0,
            });
        };
        let result = match &node.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Int(n) => match (i64::try_from(*n), u64::try_from(*n)) {
                (Ok(v), _) if v < 0 => visitor.visit_i64(v),
                (_, Ok(v)) => visitor.visit_u64(v),
                _ => visitor.visit_i128(*n),
            },
            Value::Float(f) => visitor.visit_f64(*f),
            Value::Str(s) => {
                self.check_comment(node);
                visitor.visit_str(s)
            }
            Value::Seq(items) => visitor.visit_seq(Items {
                de: &self,
                items: items.iter(),
                index: 0,
            }),
            Value::Map(entries) => visitor.visit_map(Entries::plain(&self, entries)),
            Value::Tagged(..) => unreachable!("value() removes tags"),
        };
        self.settle(result)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.value().map(|n| (n, &n.value)) {
            Some((_, Value::Bool(b))) => visitor.visit_bool(*b),
            Some((node, _)) => {
                let text = node.text().to_lowercase();
                let quoted = node.at.as_ref().is_some_and(|m| m.style == Style::Quoted);
                let help = if quoted && matches!(text.as_str(), "true" | "false") {
                    format!("remove the quote marks: `{text}` without them is yes or no")
                } else if matches!(
                    text.as_str(),
                    "yes" | "no" | "y" | "n" | "on" | "off" | "oui" | "non" | "ja" | "nein"
                ) {
                    format!(
                        "write `true` for yes or `false` for no; `{}` is read as text here",
                        node.text()
                    )
                } else {
                    "write `true` for yes or `false` for no".to_string()
                };
                self.wrong(node, "`true` or `false`", help);
                visitor.visit_bool(false)
            }
            None => visitor.visit_bool(false),
        }
    }

    fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let n = self.whole_number(i128::from(i8::MIN), i128::from(i8::MAX));
        visitor.visit_i8(i8::try_from(n).unwrap_or(0))
    }

    fn deserialize_i16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let n = self.whole_number(i128::from(i16::MIN), i128::from(i16::MAX));
        visitor.visit_i16(i16::try_from(n).unwrap_or(0))
    }

    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let n = self.whole_number(i128::from(i32::MIN), i128::from(i32::MAX));
        visitor.visit_i32(i32::try_from(n).unwrap_or(0))
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let n = self.whole_number(i128::from(i64::MIN), i128::from(i64::MAX));
        visitor.visit_i64(i64::try_from(n).unwrap_or(0))
    }

    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let n = self.whole_number(0, i128::from(u8::MAX));
        visitor.visit_u8(u8::try_from(n).unwrap_or(0))
    }

    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let n = self.whole_number(0, i128::from(u16::MAX));
        visitor.visit_u16(u16::try_from(n).unwrap_or(0))
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let n = self.whole_number(0, i128::from(u32::MAX));
        visitor.visit_u32(u32::try_from(n).unwrap_or(0))
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let n = self.whole_number(0, i128::from(u64::MAX));
        visitor.visit_u64(u64::try_from(n).unwrap_or(0))
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.value().map(|n| (n, &n.value)) {
            Some((_, Value::Float(f))) => visitor.visit_f64(*f),
            Some((_, Value::Int(n))) => visitor.visit_f64(*n as f64),
            Some((node, _)) => {
                self.wrong(node, "a number", "write a number, such as `12`".to_string());
                visitor.visit_f64(0.0)
            }
            None => visitor.visit_f64(0.0),
        }
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let Some(node) = self.value() else {
            return visitor.visit_str("");
        };
        match Self::scalar_text(node) {
            Some(text) => {
                self.check_comment(node);
                let result = visitor.visit_string(text);
                self.settle(result)
            }
            None => {
                let help = match &node.value {
                    Value::Seq(_) => "write the text on the same line; text that starts with `[` or `- ` goes in double quotes".to_string(),
                    _ => "write the text on the same line, in double quotes if it contains `: `".to_string(),
                };
                self.wrong(node, "text", help);
                visitor.visit_str("")
            }
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.value().map(|n| &n.value) {
            None | Some(Value::Null) => visitor.visit_none(),
            Some(_) => visitor.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.value() {
            None => visitor.visit_unit(),
            Some(node) if node.value == Value::Null => visitor.visit_unit(),
            Some(node) => {
                self.wrong(node, "empty", "remove the value".to_string());
                visitor.visit_unit()
            }
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        let Some(rule) = self.ctx.vocab.text_rule(name) else {
            let result = visitor.visit_newtype_struct(self.clone_handle());
            return self.settle(result);
        };
        // A value written as text with rules of its own (a date, a time): checked here so
        // the problem is located and worded once; a bad one is given the type's stand-in,
        // which its visitor makes when asked for a unit.
        let Some(node) = self.value() else {
            return self.settle(visitor.visit_unit());
        };
        let Some(text) = Self::scalar_text(node) else {
            self.wrong(node, rule.expected, rule.help.to_string());
            return self.settle(visitor.visit_unit());
        };
        match (rule.check)(text.trim()) {
            Ok(()) => {
                let result = visitor.visit_newtype_struct(self.clone_handle());
                self.settle(result)
            }
            Err(problem) => {
                let mut location = self.location();
                if let Some(hidden) = find_invisible(&text) {
                    location.column += hidden.column - 1;
                    location.width = 1;
                    let d = Diagnostic::error(
                        &codes::INVISIBLE_CHARACTER,
                        format!(
                            "{} contains {}, which cannot be seen",
                            self.subject(),
                            hidden.name
                        ),
                    )
                    .at(location)
                    .label(hidden.name)
                    .help("delete it and type the value again");
                    self.ctx.push(&self.path, d);
                } else {
                    let d = Diagnostic::error(rule.code, problem.message)
                        .at(location)
                        .help(problem.help);
                    self.ctx.push(&self.path, d);
                }
                self.settle(visitor.visit_unit())
            }
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let items: &[Node] = match self.value().map(|n| (n, &n.value)) {
            Some((_, Value::Seq(items))) => items,
            Some((_, Value::Null)) => &[],
            Some((node, _)) => {
                let text = node.text();
                let help = if node.is_scalar() && text.contains(',') {
                    format!(
                        "to list several, put them in square brackets: `[{}]`",
                        text.split(',')
                            .map(str::trim)
                            .filter(|s| !s.is_empty())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                } else if node.is_scalar() && text.split_whitespace().count() > 3 {
                    let key = match self.path.last() {
                        Some(Step::Key(k)) => format!("`{k}:`"),
                        _ => "it".to_string(),
                    };
                    format!(
                        "write each item on its own line below {key}, starting with two spaces and `- `, like `  - {}`",
                        shorten(&text)
                    )
                } else if node.is_scalar() && !text.is_empty() {
                    format!("write a list, even of one item: `[{text}]`")
                } else {
                    "write a list: `[a, b]` on the same line, or one `- item` per line below"
                        .to_string()
                };
                self.wrong(node, "a list", help);
                &[]
            }
            None => &[],
        };
        let result = visitor.visit_seq(Items {
            de: &self,
            items: items.iter(),
            index: 0,
        });
        self.settle(result)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let entries: &[(Node, Node)] = match self.value().map(|n| (n, &n.value)) {
            Some((_, Value::Map(entries))) => entries,
            Some((_, Value::Null)) => &[],
            Some((node, _)) => {
                self.wrong(
                    node,
                    "a group of fields",
                    "write each field on its own line below, indented by two spaces".to_string(),
                );
                &[]
            }
            None => &[],
        };
        let result = visitor.visit_map(Entries::plain(&self, entries));
        self.settle(result)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        let group = self.ctx.vocab.group(name, self.ctx.what);
        let entries: &[(Node, Node)] = match self.value().map(|n| (n, &n.value)) {
            Some((_, Value::Map(entries))) => entries,
            Some((_, Value::Null)) => &[],
            Some((node, _)) => {
                let key = match self.path.last() {
                    Some(Step::Key(k)) => format!("`{k}:`"),
                    _ => "it".to_string(),
                };
                self.wrong(
                    node,
                    &format!("a group of fields ({})", group.list_name),
                    format!(
                        "write the fields of {key} on the lines below it, each indented by two spaces and without `- `, like `  {}: …`",
                        fields.first().copied().unwrap_or("name")
                    ),
                );
                &[]
            }
            None => &[],
        };
        let access = Entries::fields(&self, entries, name, fields, &group);
        let result = visitor.visit_map(access);
        self.settle_group(result, Some(&group))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        let first = variants.first().copied().unwrap_or("");
        let chosen = match self.value() {
            None => first,
            Some(node) => match Self::scalar_text(node) {
                Some(text) if variants.contains(&text.as_str()) => variants
                    .iter()
                    .copied()
                    .find(|v| *v == text)
                    .unwrap_or(first),
                Some(text) => {
                    let list = variants.join(", ");
                    let lower = text.trim().to_lowercase().replace([' ', '_'], "-");
                    let help = if let Some(v) = variants.iter().find(|v| **v == lower) {
                        format!("write it as `{v}`: the allowed words are {list}")
                    } else if let Some(near) = closest(&text, variants.iter().copied()) {
                        format!("did you mean `{near}`? The allowed words are {list}")
                    } else {
                        format!("use one of: {list}")
                    };
                    let d = Diagnostic::error(
                        &codes::NOT_ALLOWED_VALUE,
                        format!(
                            "`{}` is not an allowed value for {}",
                            shorten(&text),
                            self.subject()
                        ),
                    )
                    .at(self.location())
                    .label("not allowed here")
                    .help(help);
                    self.ctx.push(&self.path, d);
                    first
                }
                None => {
                    self.wrong(
                        node,
                        &format!("one word from the list {}", variants.join(", ")),
                        "write one of the allowed words on the same line, without brackets"
                            .to_string(),
                    );
                    first
                }
            },
        };
        let result = visitor.visit_enum(UnitVariant(chosen));
        self.settle(result)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_unit()
    }
}

impl<'c, 'n> De<'c, 'n> {
    /// The same node again, for types that read their value through another call.
    fn clone_handle(&self) -> De<'c, 'n> {
        De {
            ctx: self.ctx,
            node: self.node,
            path: self.path.clone(),
            near: self.near,
            key: self.key,
        }
    }

    /// The whole number written here, or 0 after noting why it is not one in range.
    fn whole_number(&self, min: i128, max: i128) -> i128 {
        let Some(node) = self.value() else {
            return 0;
        };
        let expected = if min == 0 {
            "a whole number (0 or more)"
        } else {
            "a whole number"
        };
        match &node.value {
            Value::Int(n) if (min..=max).contains(n) => *n,
            Value::Int(n) if *n < min => {
                self.wrong(node, expected, format!("write a number of {min} or more"));
                0
            }
            Value::Int(_) => {
                self.wrong(node, expected, format!("write a number up to {max}"));
                0
            }
            Value::Str(s) if s.trim().parse::<i128>().is_ok() => {
                self.wrong(node, expected, format!("remove the quotes: `{}`", s.trim()));
                0
            }
            _ => {
                self.wrong(
                    node,
                    expected,
                    "write a whole number, such as `12`".to_string(),
                );
                0
            }
        }
    }
}
