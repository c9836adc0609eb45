//! Model types → Rust types (as source text).

use super::names::Names;
use crate::model::{Prim, TypeRef};

pub fn prim(p: Prim) -> &'static str {
    match p {
        Prim::String => "String",
        Prim::Boolean => "bool",
        Prim::Byte => "u8",
        Prim::SByte => "i8",
        Prim::Int16 => "i16",
        Prim::Int32 => "i32",
        Prim::Int64 => "i64",
        Prim::Single => "f32",
        Prim::Double | Prim::Decimal => "f64",
        Prim::Guid => "::uuid::Uuid",
        Prim::DateTimeOffset => "crate::runtime::DateTimeOffset",
        Prim::Date => "crate::runtime::Date",
        Prim::TimeOfDay => "crate::runtime::TimeOfDay",
        Prim::Duration => "crate::runtime::Duration",
        Prim::Binary => "crate::runtime::Binary",
        Prim::Stream | Prim::Untyped => "::serde_json::Value",
    }
}

/// The Rust type of a value of `ty` (one value, not a collection). Types with derived types
/// become their polymorphic wrapper.
pub fn value_type(ty: &TypeRef, names: &Names, flags: impl Fn(&str) -> bool) -> String {
    match ty {
        TypeRef::Prim(p) => prim(*p).to_string(),
        TypeRef::Type(q) => match names.poly.get(q).or_else(|| names.types.get(q)) {
            Some(t) => ["crate::models::", t].concat(),
            None => "::serde_json::Value".into(),
        },
        TypeRef::Enum(q) => match names.enums.get(q) {
            Some(e) if flags(q) => ["crate::runtime::FlagSet<crate::models::", e, ">"].concat(),
            Some(e) => ["crate::models::", e].concat(),
            None => "String".into(),
        },
    }
}
