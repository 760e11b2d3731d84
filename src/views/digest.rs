//! Feeds a view straight into a hasher, as serde walks it: what a page's fingerprint is
//! made of, without writing the view out as text first (escaping every string of tens of
//! thousands of pages only to hash the result).
//!
//! Every value is written with a tag for its kind, strings with their length, and every
//! list, map and struct with a mark where it ends, so two different views never feed the
//! hasher the same bytes.

use std::hash::Hasher;

use serde::Serialize;
use serde::ser;

/// The error of a view that cannot be hashed (a value serde refuses to walk).
pub type Error = serde::de::value::Error;

/// A serde serializer whose output is the state of a hasher.
pub struct Digest<'a, H: Hasher>(pub &'a mut H);

mod tag {
    pub const BOOL: u8 = 1;
    pub const INT: u8 = 2;
    pub const UINT: u8 = 3;
    pub const FLOAT: u8 = 4;
    pub const CHAR: u8 = 5;
    pub const STR: u8 = 6;
    pub const BYTES: u8 = 7;
    pub const NONE: u8 = 8;
    pub const SOME: u8 = 9;
    pub const UNIT: u8 = 10;
    pub const VARIANT: u8 = 11;
    pub const SEQ: u8 = 12;
    pub const MAP: u8 = 13;
    pub const STRUCT: u8 = 14;
    pub const END: u8 = 15;
}

impl<H: Hasher> Digest<'_, H> {
    fn str(&mut self, s: &str) {
        self.0.write_u8(tag::STR);
        self.0.write_usize(s.len());
        self.0.write(s.as_bytes());
    }

    fn variant(&mut self, index: u32) {
        self.0.write_u8(tag::VARIANT);
        self.0.write_u32(index);
    }

    fn open(&mut self, kind: u8) -> &mut Self {
        self.0.write_u8(kind);
        self
    }

    fn end(&mut self) -> Result<(), Error> {
        self.0.write_u8(tag::END);
        Ok(())
    }
}

impl<H: Hasher> ser::Serializer for &mut Digest<'_, H> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.0.write_u8(tag::BOOL);
        self.0.write_u8(u8::from(v));
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        self.0.write_u8(tag::INT);
        self.0.write_i64(v);
        Ok(())
    }
    fn serialize_i128(self, v: i128) -> Result<(), Error> {
        self.0.write_u8(tag::INT);
        self.0.write_i128(v);
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        self.0.write_u8(tag::UINT);
        self.0.write_u64(v);
        Ok(())
    }
    fn serialize_u128(self, v: u128) -> Result<(), Error> {
        self.0.write_u8(tag::UINT);
        self.0.write_u128(v);
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        self.0.write_u8(tag::FLOAT);
        self.0.write_u64(v.to_bits());
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.0.write_u8(tag::CHAR);
        self.0.write_u32(u32::from(v));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.str(v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        self.0.write_u8(tag::BYTES);
        self.0.write_usize(v.len());
        self.0.write(v);
        Ok(())
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.0.write_u8(tag::NONE);
        Ok(())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<(), Error> {
        self.0.write_u8(tag::SOME);
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.0.write_u8(tag::UNIT);
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        index: u32,
        _variant: &'static str,
    ) -> Result<(), Error> {
        self.variant(index);
        Ok(())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        index: u32,
        _variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.variant(index);
        value.serialize(self)
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self, Error> {
        Ok(self.open(tag::SEQ))
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self, Error> {
        Ok(self.open(tag::SEQ))
    }
    fn serialize_tuple_struct(self, _name: &'static str, _len: usize) -> Result<Self, Error> {
        Ok(self.open(tag::SEQ))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self, Error> {
        self.variant(index);
        Ok(self.open(tag::SEQ))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self, Error> {
        Ok(self.open(tag::MAP))
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self, Error> {
        Ok(self.open(tag::STRUCT))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self, Error> {
        self.variant(index);
        Ok(self.open(tag::STRUCT))
    }
}

/// The parts of a list, tuple or tuple struct: each element in turn, then the end mark.
macro_rules! elements {
    ($($kind:ident :: $add:ident),*) => {$(
        impl<H: Hasher> ser::$kind for &mut Digest<'_, H> {
            type Ok = ();
            type Error = Error;
            fn $add<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
                value.serialize(&mut **self)
            }
            fn end(self) -> Result<(), Error> {
                Digest::end(self)
            }
        }
    )*};
}

elements!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

/// The fields of a struct: each name with its value, then the end mark.
macro_rules! fields {
    ($($kind:ident),*) => {$(
        impl<H: Hasher> ser::$kind for &mut Digest<'_, H> {
            type Ok = ();
            type Error = Error;
            fn serialize_field<T: ?Sized + Serialize>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Error> {
                self.str(key);
                value.serialize(&mut **self)
            }
            fn end(self) -> Result<(), Error> {
                Digest::end(self)
            }
        }
    )*};
}

fields!(SerializeStruct, SerializeStructVariant);

impl<H: Hasher> ser::SerializeMap for &mut Digest<'_, H> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<(), Error> {
        key.serialize(&mut **self)
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(&mut **self)
    }
    fn end(self) -> Result<(), Error> {
        Digest::end(self)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::hash::{BuildHasher, Hasher};

    use serde::Serialize;

    use super::Digest;

    fn digest<T: Serialize + ?Sized>(value: &T) -> u64 {
        let mut hasher = foldhash::fast::FixedState::with_seed(7).build_hasher();
        value.serialize(&mut Digest(&mut hasher)).unwrap();
        hasher.finish()
    }

    #[derive(Serialize)]
    struct Card {
        title: String,
        tags: Vec<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        note: Option<String>,
        count: u32,
    }

    fn card() -> Card {
        Card {
            title: "Intro".into(),
            tags: vec!["a".into(), "b".into()],
            note: None,
            count: 2,
        }
    }

    #[test]
    fn the_same_view_gives_the_same_number() {
        assert_eq!(digest(&card()), digest(&card()));
    }

    #[test]
    fn any_change_gives_another_number() {
        let base = digest(&card());
        let changed = [
            Card {
                title: "Intro!".into(),
                ..card()
            },
            Card {
                tags: vec!["ab".into()],
                ..card()
            },
            Card {
                tags: vec!["a".into(), "b".into(), String::new()],
                ..card()
            },
            Card {
                note: Some(String::new()),
                ..card()
            },
            Card { count: 3, ..card() },
        ];
        for c in &changed {
            assert_ne!(digest(c), base);
        }
        // Where one string ends and the next starts counts.
        assert_ne!(digest(&("ab", "c")), digest(&("a", "bc")));
        // A list's end counts: [[a], b] is not [[a, b]].
        assert_ne!(
            digest(&(vec!["a"], vec!["b"])),
            digest(&(vec!["a", "b"], Vec::<&str>::new()))
        );
        // Kinds count: the number 1 is not the text "1", nor `true`.
        assert_ne!(digest(&1u32), digest(&"1"));
        assert_ne!(digest(&1u8), digest(&true));
        assert_ne!(digest(&None::<u8>), digest(&Some(0u8)));
        let map = |k: &str| BTreeMap::from([(k.to_string(), 1u8)]);
        assert_ne!(digest(&map("a")), digest(&map("b")));
    }
}
