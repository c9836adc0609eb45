//! Model types → Rust types (as tokens).

use super::names::Names;
use crate::model::{Prim, TypeRef};
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

pub fn prim(p: Prim) -> TokenStream {
    match p {
        Prim::String => quote!(String),
        Prim::Boolean => quote!(bool),
        Prim::Byte => quote!(u8),
        Prim::SByte => quote!(i8),
        Prim::Int16 => quote!(i16),
        Prim::Int32 => quote!(i32),
        Prim::Int64 => quote!(i64),
        Prim::Single => quote!(f32),
        Prim::Double | Prim::Decimal => quote!(f64),
        Prim::Guid => quote!(::uuid::Uuid),
        Prim::DateTimeOffset => quote!(crate::runtime::DateTimeOffset),
        Prim::Date => quote!(crate::runtime::Date),
        Prim::TimeOfDay => quote!(crate::runtime::TimeOfDay),
        Prim::Duration => quote!(crate::runtime::Duration),
        Prim::Binary => quote!(crate::runtime::Binary),
        Prim::Stream | Prim::Untyped => quote!(::serde_json::Value),
    }
}

/// The Rust type of a value of `ty` (one value, not a collection). Types with derived types
/// become their polymorphic wrapper.
pub fn value_type(ty: &TypeRef, names: &Names, flags: impl Fn(&str) -> bool) -> TokenStream {
    match ty {
        TypeRef::Prim(p) => prim(*p),
        TypeRef::Type(q) => match (names.poly.get(q), names.types.get(q)) {
            (Some(any), _) => {
                let i = ident(any);
                quote!(crate::models::#i)
            }
            (None, Some(t)) => {
                let i = ident(t);
                quote!(crate::models::#i)
            }
            _ => quote!(::serde_json::Value),
        },
        TypeRef::Enum(q) => match names.enums.get(q) {
            Some(e) => {
                let i = ident(e);
                if flags(q) {
                    quote!(crate::runtime::FlagSet<crate::models::#i>)
                } else {
                    quote!(crate::models::#i)
                }
            }
            None => quote!(String),
        },
    }
}
