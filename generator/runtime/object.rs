//! JSON objects (`object!`): serde, `Clone`, `Default`, `Debug` and `PartialEq` for the
//! generated structs without `serde_derive` or per-field derives.
//!
//! Every generated struct has only `Option` fields plus `additional_properties`, so its
//! (de)serialization is always the same loop: write the fields that are `Some`, then the
//! extra members; read members by wire name, keeping unknown ones. The loop lives here,
//! once. Per struct, `object!` writes one list of its fields ([`Object::fields`]) that every
//! operation walks, where derives would write a function per operation with a call per
//! field: checking the two serde lists was a fifth of a one-area check of v1.0, and a
//! third list (`Clone`) was on top. `Debug` and `PartialEq` go through the wire form (one generic
//! function each): `Debug` prints the members by wire name as JSON, `PartialEq` compares the
//! JSON the two values send (so a field and the same member kept in `additional_properties`
//! are equal).
//!
//! One list serves a read (`&self`) and a write (`&mut self`) walk, so it hands out raw
//! pointers to the fields; the unsafe code is this module's and the `fields` of `object!`,
//! which only takes field addresses. The tests run under Miri (`cargo +nightly miri test`
//! in the generated crate's `runtime::object`).
#![allow(unsafe_code)]

use serde::de::{self, DeserializeOwned, MapAccess, Visitor};
use serde::ser::SerializeMap;
use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

/// Implements `Serialize`, `Deserialize`, `Clone`, `Default`, `Debug`, `PartialEq` and
/// [`Object`] for a struct of `Option` fields with an `additional_properties:
/// crate::runtime::Extra` field, given the wire name of each field. The wire form is what
/// `serde_derive` makes of the same struct with `skip_serializing_if = "Option::is_none"`
/// fields and a flattened map: fields that are `Some` in declaration order, then the extra
/// members; absent and `null` members read as `None`, unknown members go to
/// `additional_properties`. A field may carry the `cfg` that its struct field carries (a
/// type of another area): when that is off, its member is kept in `additional_properties`
/// like any unknown one.
///
/// ```ignore
/// crate::runtime::object!(User {
///     id = "id",
///     #[cfg(feature = "outlook")]
///     mailbox_settings = "mailboxSettings",
/// });
/// ```
#[allow(unused_macros)]
macro_rules! object {
    ($name:ident { $( $(#[$cfg:meta])* $field:ident = $wire:literal ),* $(,)? }) => {
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::core::result::Result<S::Ok, S::Error> {
                $crate::runtime::object::serialize(self, s)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::core::result::Result<Self, D::Error> {
                $crate::runtime::object::deserialize(d)
            }
        }

        impl ::core::clone::Clone for $name {
            fn clone(&self) -> Self {
                $crate::runtime::object::clone(self)
            }
        }

        impl ::core::default::Default for $name {
            fn default() -> Self {
                $name { $( $(#[$cfg])* $field: ::core::option::Option::None, )* additional_properties: $crate::runtime::Extra::new() }
            }
        }

        impl ::core::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                $crate::runtime::object::debug(self, f)
            }
        }

        impl ::core::cmp::PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                $crate::runtime::object::eq(self, other)
            }
        }

        #[allow(unsafe_code)]
        impl $crate::runtime::object::Object for $name {
            const NAME: &'static str = ::core::stringify!($name);
            unsafe fn fields<V: $crate::runtime::object::Fields>(a: *mut Self, b: *mut Self, v: &mut V) {
                // SAFETY: the caller passes valid pointers; this only takes field addresses.
                unsafe {
                    $( $(#[$cfg])* v.field($wire, ::core::ptr::addr_of_mut!((*a).$field), ::core::ptr::addr_of_mut!((*b).$field)); )*
                    v.extra(::core::ptr::addr_of_mut!((*a).additional_properties), ::core::ptr::addr_of_mut!((*b).additional_properties));
                }
            }
        }
    };
}

// A path-scoped macro (not `#[macro_export]`): it stays usable when the generated code
// is `include!`d from a build script, where exported macros cannot be named by path.
#[allow(unused_imports)]
pub(crate) use object;

/// A generated struct as a list of its fields (implemented by `object!`).
#[doc(hidden)]
pub trait Object: Default {
    /// The Rust name, for error messages (`expected struct User`).
    const NAME: &'static str;

    /// Hands `v` each field of `*a` beside the same field of `*b`, in declaration order,
    /// then `additional_properties` of both. It only takes their addresses.
    ///
    /// # Safety
    /// `a` and `b` point to live values (they may be the same one), and what `v` does
    /// through the pointers is allowed by where they came from: a pointer made from `&T`
    /// is only read.
    unsafe fn fields<V: Fields>(a: *mut Self, b: *mut Self, v: &mut V);
}

/// A field value: what every generated field type is.
#[doc(hidden)]
pub trait FieldValue: serde::Serialize + DeserializeOwned + Clone {}
impl<T: serde::Serialize + DeserializeOwned + Clone> FieldValue for T {}

/// What one walk of [`Object::fields`] does with each pair of fields.
#[doc(hidden)]
pub trait Fields {
    fn field<T: FieldValue>(&mut self, wire: &'static str, a: *mut Option<T>, b: *mut Option<T>);
    fn extra(&mut self, a: *mut super::Extra, b: *mut super::Extra);
}

/// Walks the fields of one value, read only.
fn read_fields<T: Object, V: Fields>(value: &T, v: &mut V) {
    let p = value as *const T as *mut T;
    // SAFETY: `p` comes from a live `&T`, and every visitor given to this function only reads.
    unsafe { T::fields(p, p, v) }
}

/// `Serialize` of a generated struct: the fields that are `Some`, then the extra members.
#[doc(hidden)]
pub fn serialize<T: Object, S: serde::Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error> {
    let mut w = Writer(s.serialize_map(None));
    read_fields(value, &mut w);
    w.0?.end()
}

/// Writes an object member by member, keeping the first error.
struct Writer<M: SerializeMap>(Result<M, M::Error>);

impl<M: SerializeMap> Writer<M> {
    fn entry<V: serde::Serialize + ?Sized>(&mut self, key: &str, value: &V) {
        if let Ok(map) = &mut self.0 {
            if let Err(e) = map.serialize_entry(key, value) {
                self.0 = Err(e);
            }
        }
    }
}

impl<M: SerializeMap> Fields for Writer<M> {
    fn field<T: FieldValue>(&mut self, wire: &'static str, a: *mut Option<T>, _: *mut Option<T>) {
        // SAFETY: a pointer from `read_fields`: live, and only read here.
        if let Some(v) = unsafe { &*a } {
            self.entry(wire, v);
        }
    }

    fn extra(&mut self, a: *mut super::Extra, _: *mut super::Extra) {
        // SAFETY: as for `field`.
        for (k, v) in unsafe { &*a } {
            self.entry(k, v);
        }
    }
}

/// `Clone` of a generated struct, field by field.
#[doc(hidden)]
pub fn clone<T: Object>(value: &T) -> T {
    let mut out = T::default();
    // SAFETY: `CloneInto` reads through the first pointer (from `&T`) and writes through the
    // second (from `&mut out`), two distinct live values.
    unsafe { T::fields(value as *const T as *mut T, &mut out, &mut CloneInto) };
    out
}

/// Copies each field of the first value into the second.
struct CloneInto;

impl Fields for CloneInto {
    fn field<T: FieldValue>(&mut self, _: &'static str, a: *mut Option<T>, b: *mut Option<T>) {
        // SAFETY: see `clone`.
        unsafe { (*b).clone_from(&*a) }
    }

    fn extra(&mut self, a: *mut super::Extra, b: *mut super::Extra) {
        // SAFETY: see `clone`.
        unsafe { (*b).clone_from(&*a) }
    }
}

/// One member being read: its name, the map to read its value from, and the outcome once
/// a field (or `additional_properties`) has taken it.
struct Reader<'a, 'de, A: MapAccess<'de>> {
    key: Key<'de>,
    map: &'a mut A,
    done: Option<Result<(), A::Error>>,
}

impl<'de, A: MapAccess<'de>> Fields for Reader<'_, 'de, A> {
    /// Reads the member's value into the field if `wire` is its name (`null` gives `None`).
    fn field<T: FieldValue>(&mut self, wire: &'static str, a: *mut Option<T>, _: *mut Option<T>) {
        if self.done.is_none() && *self.key == *wire {
            // SAFETY: a pointer from `deserialize`'s `&mut`, the only one in use.
            self.done = Some(self.map.next_value().map(|v| unsafe { *a = v }));
        }
    }

    /// Keeps a member no field took.
    fn extra(&mut self, a: *mut super::Extra, _: *mut super::Extra) {
        if self.done.is_none() {
            let key = std::mem::replace(&mut self.key, Key(Cow::Borrowed("")));
            self.done = Some(self.map.next_value().map(|v| {
                // SAFETY: as for `field`.
                unsafe { &mut *a }.insert(key.0.into_owned(), v);
            }));
        }
    }
}

/// A member name, borrowed from the input when it can be.
struct Key<'de>(Cow<'de, str>);

impl std::ops::Deref for Key<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl<'de> de::Deserialize<'de> for Key<'de> {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a member name")
            }
            fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(s)))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(s.to_owned())))
            }
            fn visit_string<E: de::Error>(self, s: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(s)))
            }
        }
        d.deserialize_identifier(V)
    }
}

/// Reads an object member by member into `T::default()`.
#[doc(hidden)]
pub fn deserialize<'de, T: Object, D: de::Deserializer<'de>>(d: D) -> Result<T, D::Error> {
    struct V<T>(PhantomData<fn() -> T>);
    impl<'de, T: Object> Visitor<'de> for V<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "struct {}", T::NAME)
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
            let mut out = T::default();
            let p: *mut T = &mut out;
            while let Some(key) = map.next_key::<Key<'de>>()? {
                let mut r = Reader { key, map: &mut map, done: None };
                // SAFETY: `p` is from `&mut out`, which nothing else uses meanwhile; the
                // reader writes one field (or the extra members) through it.
                unsafe { T::fields(p, p, &mut r) };
                r.done.unwrap_or(Ok(()))?;
            }
            Ok(out)
        }
    }
    d.deserialize_map(V(PhantomData))
}

/// `Debug` of a generated struct: its name and the members it sends, by wire name, as JSON.
#[doc(hidden)]
pub fn debug<T: Object + serde::Serialize>(value: &T, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    /// A JSON value printed as JSON text.
    struct Json(serde_json::Value);
    impl fmt::Debug for Json {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            fmt::Display::fmt(&self.0, f)
        }
    }
    let mut d = f.debug_struct(T::NAME);
    if let Ok(serde_json::Value::Object(members)) = serde_json::to_value(value) {
        for (k, v) in members {
            d.field(&k, &Json(v));
        }
    }
    d.finish()
}

/// `PartialEq` of a generated struct: the two send the same JSON.
#[doc(hidden)]
pub fn eq<T: serde::Serialize>(a: &T, b: &T) -> bool {
    match (serde_json::to_value(a), serde_json::to_value(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use crate::runtime::Extra;
    use serde_json::{json, Value};

    pub struct Widget {
        pub id: Option<String>,
        pub display_name: Option<String>,
        pub r#type: Option<Box<Widget>>,
        pub sizes: Option<Vec<i32>>,
        pub additional_properties: Extra,
    }
    crate::runtime::object!(Widget { id = "id", display_name = "displayName", r#type = "type", sizes = "sizes" });

    /// A field behind a `cfg` that is off: its member stays in `additional_properties`.
    pub struct Gated {
        pub id: Option<String>,
        #[cfg(any())]
        pub hidden: Option<i32>,
        pub additional_properties: Extra,
    }
    crate::runtime::object!(Gated {
        id = "id",
        #[cfg(any())]
        hidden = "hidden",
    });

    pub struct Empty {
        pub additional_properties: Extra,
    }
    crate::runtime::object!(Empty {});

    #[test]
    fn round_trip_keeps_unknown_members() {
        let wire = json!({"id": "1", "type": {"displayName": "inner", "x": [1, null]}, "@odata.type": "#w", "extra": {"a": 1.5}});
        let w: Widget = serde_json::from_value(wire.clone()).unwrap();
        assert_eq!(w.id.as_deref(), Some("1"));
        assert_eq!(w.r#type.as_ref().unwrap().display_name.as_deref(), Some("inner"));
        assert_eq!(w.additional_properties["@odata.type"], json!("#w"));
        assert_eq!(serde_json::to_value(&w).unwrap(), wire);
        let text = serde_json::to_string(&w).unwrap();
        assert_eq!(serde_json::from_str::<Widget>(&text).unwrap(), w);
        let e: Empty = serde_json::from_str(r#"{"a": 1}"#).unwrap();
        assert_eq!(serde_json::to_string(&e).unwrap(), r#"{"a":1}"#);
    }

    #[test]
    fn a_field_configured_out_is_kept_as_an_unknown_member() {
        let wire = json!({"id": "1", "hidden": 5});
        let g: Gated = serde_json::from_value(wire.clone()).unwrap();
        assert_eq!(g.additional_properties["hidden"], json!(5));
        assert_eq!(serde_json::to_value(&g).unwrap(), wire);
    }

    #[test]
    fn debug_and_eq_go_by_the_wire_form() {
        let w = Widget { id: Some("1".into()), sizes: Some(vec![2]), ..Widget::default() };
        assert_eq!(format!("{w:?}"), r#"Widget { id: "1", sizes: [2] }"#);
        let same: Widget = serde_json::from_str(r#"{"id": "1", "sizes": [2]}"#).unwrap();
        assert_eq!(w, same);
        assert_ne!(w, Widget::default());
        let hidden = Gated { additional_properties: [("hidden".to_string(), json!(5))].into(), ..Gated::default() };
        assert_ne!(hidden, Gated::default());
    }

    #[test]
    fn clone_copies_every_field_and_the_extra_members() {
        let wire = json!({"id": "1", "type": {"id": "2", "sizes": [3]}, "sizes": [1, 2], "x": {"y": true}});
        let w: Widget = serde_json::from_value(wire.clone()).unwrap();
        let mut c = w.clone();
        assert_eq!(serde_json::to_value(&c).unwrap(), wire);
        assert_eq!(c.r#type.as_ref().unwrap().sizes, Some(vec![3]));
        c.sizes.as_mut().unwrap().push(9);
        c.additional_properties.clear();
        assert_eq!(w.sizes, Some(vec![1, 2]), "the clone shares nothing with the original");
        assert_eq!(w.additional_properties.len(), 1);
        let g = Gated { id: Some("g".into()), additional_properties: [("hidden".to_string(), json!(5))].into() };
        assert_eq!(serde_json::to_value(g.clone()).unwrap(), json!({"id": "g", "hidden": 5}));
    }

    #[test]
    fn fields_in_declaration_order_then_extra() {
        let w = Widget { sizes: Some(vec![1]), id: Some("i".into()), additional_properties: [("z".to_string(), json!(0))].into(), ..Widget::default() };
        assert_eq!(serde_json::to_string(&w).unwrap(), r#"{"id":"i","sizes":[1],"z":0}"#);
        assert_eq!(serde_json::to_string(&Widget::default()).unwrap(), "{}");
    }

    #[test]
    fn null_and_absent_are_none_and_bad_shapes_are_errors() {
        let w: Widget = serde_json::from_str(r#"{"id": null, "displayName": "d"}"#).unwrap();
        assert_eq!(w, Widget { display_name: Some("d".into()), ..Widget::default() });
        let escaped: Widget = serde_json::from_str(r#"{"display\u004eame": "d"}"#).unwrap();
        assert_eq!(escaped.display_name.as_deref(), Some("d"));
        let err = serde_json::from_str::<Widget>("[1]").unwrap_err().to_string();
        assert!(err.contains("expected struct Widget"), "{err}");
        assert!(serde_json::from_str::<Widget>(r#"{"sizes": "x"}"#).is_err());
        assert!(serde_json::from_str::<Widget>(r#"{"id": "#).is_err());
        assert!(serde_json::from_value::<Widget>(Value::Null).is_err());
        let o: Option<Widget> = serde_json::from_value(Value::Null).unwrap();
        assert_eq!(o, None);
    }
}
