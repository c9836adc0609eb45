//! Models: a struct per type (base properties included, unknown fields kept), an open enum
//! per enum, and an `Any*` wrapper per type that has derived types.

use super::docs::doc_attrs;
use super::names::{all_properties, Names};
use super::rust_types::{ident, value_type};
use crate::diagnostics::{Code, Diagnostics};
use crate::model::{EnumDef, Model, TypeDef};
use crate::naming::{self, Scope};
use proc_macro2::TokenStream;
use quote::quote;

fn is_flags(model: &Model, qname: &str) -> bool {
    model.enum_by_name(qname).is_some_and(|e| e.flags)
}

pub fn struct_item(model: &Model, names: &Names, t: &TypeDef, diags: &mut Diagnostics) -> TokenStream {
    let name = ident(&names.types[&t.qname]);
    let mut doc = if t.description.is_empty() { format!("The `{}` type.", t.qname) } else { t.description.clone() };
    doc.push_str(&format!("\n\nOData type `{}`", t.qname));
    if let Some(b) = &t.base {
        doc.push_str(&format!(", derived from `{b}`"));
    }
    doc.push('.');
    let doc = doc_attrs(&doc);
    let mut scope = Scope::new();
    scope.reserve("additional_properties");
    let mut fields = TokenStream::new();
    let mut wire = Vec::new();
    for p in all_properties(model, &t.qname) {
        let (fname, renamed) = scope.claim(naming::snake_name(&p.name));
        if let Some(r) = renamed {
            diags.push(Code::NameCollision, p.loc.clone(), format!("field for `{}` of `{}` would be `{}`; named `{}`", p.name, t.qname, r.wanted, r.got));
        }
        let fident = ident(&fname);
        let mut ty = value_type(&p.ty, names, |q| is_flags(model, q));
        if p.collection {
            ty = quote!(Vec<#ty>);
        } else if names.boxed.contains(&(t.qname.clone(), p.name.clone())) {
            ty = quote!(Box<#ty>);
        }
        let fdoc = doc_attrs(&p.description);
        fields.extend(quote! {
            #fdoc
            pub #fident: Option<#ty>,
        });
        wire.push((fident, p.name.clone()));
    }
    let serde = object_impl(&name, &wire);
    quote! {
        #doc
        #[derive(Clone, Debug, Default, PartialEq)]
        pub struct #name {
            #fields
            /// Properties the docs do not list, kept as sent so nothing is lost.
            pub additional_properties: crate::runtime::Extra,
        }
        #serde
    }
}

/// `Serialize` and `Deserialize` of a struct of `Option` fields plus `additional_properties`
/// through the runtime's `object!`, given each field and its wire name: a few lines per
/// struct where `serde_derive` would expand to hundreds.
pub fn object_impl(name: &proc_macro2::Ident, fields: &[(proc_macro2::Ident, String)]) -> TokenStream {
    let idents = fields.iter().map(|f| &f.0);
    let wires = fields.iter().map(|f| &f.1);
    quote! {
        crate::runtime::object!(#name { #( #idents = #wires ),* });
    }
}

pub fn poly_item(model: &Model, names: &Names, t: &TypeDef) -> TokenStream {
    let any = ident(&names.poly[&t.qname]);
    let base = ident(&names.types[&t.qname]);
    let doc = format!("A `{}` or any type derived from it, chosen by `@odata.type`.", t.qname);
    let mut variants = TokenStream::new();
    for d in &names.descendants[&t.qname] {
        if model.type_by_name(d).is_none() {
            continue;
        }
        let v = ident(&names.types[d]);
        // A derived type of another area is there only with that area's feature.
        let gate = model.type_by_name(d).filter(|dt| dt.area != t.area).map(|dt| super::feature_gate(names, &names.areas[&dt.area]));
        variants.extend(quote! { #gate #d => #v(crate::models::#v), });
    }
    quote! {
        crate::runtime::polymorphic! {
            #[doc = #doc]
            pub enum #any: crate::models::#base {
                #variants
            }
        }
    }
}

pub fn enum_item(names: &Names, e: &EnumDef, diags: &mut Diagnostics) -> TokenStream {
    let name = ident(&names.enums[&e.qname]);
    let mut doc = if e.description.is_empty() { format!("The `{}` enumeration.", e.qname) } else { e.description.clone() };
    doc.push_str(&format!("\n\nOData enum `{}`", e.qname));
    if e.flags {
        doc.push_str(", a flags enum: combine members in a `crate::runtime::FlagSet`");
    }
    doc.push('.');
    let doc = doc_attrs(&doc);
    let mut scope = Scope::new();
    scope.reserve("Undocumented");
    let mut variants = TokenStream::new();
    for m in &e.members {
        let (v, renamed) = scope.claim(naming::variant_name(&m.name));
        if let Some(r) = renamed {
            diags.push(Code::NameCollision, e.loc.clone(), format!("member `{}` of `{}` would be `{}`; named `{}`", m.name, e.qname, r.wanted, r.got));
        }
        let v = ident(&v);
        let wire = &m.name;
        let mdoc = doc_attrs(&m.description);
        variants.extend(quote! { #mdoc #v = #wire, });
    }
    quote! {
        crate::runtime::open_enum! {
            #doc
            pub enum #name {
                #variants
            }
        }
    }
}
