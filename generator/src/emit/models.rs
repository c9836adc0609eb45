//! Models: a struct per type (base properties included, unknown fields kept), an open enum
//! per enum, and an `Any*` wrapper per type that has derived types.

use super::source::{close, open, out, put, Lit, Source};
use super::names::Names;
use super::rust_types::value_type;
use crate::diagnostics::{Code, Diagnostics};
use crate::model::{EnumDef, Model, TypeDef, TypeRef};
use crate::naming::{self, Scope};

fn is_flags(model: &Model, qname: &str) -> bool {
    model.enum_by_name(qname).is_some_and(|e| e.flags)
}

pub fn struct_item(src: &mut Source, model: &Model, names: &Names, t: &TypeDef, diags: &mut Diagnostics) {
    let name = &names.types[&t.qname];
    let mut doc = if t.description.is_empty() { ["The `", &t.qname, "` type."].concat() } else { t.description.clone() };
    doc.extend(["\n\nOData type `", &t.qname, "`"]);
    if let Some(b) = &t.base {
        doc.extend([", derived from `", b, "`"]);
    }
    doc.push('.');
    let properties = model.all_properties(&t.qname);
    let mut scope = Scope::with_capacity(properties.len() + 1);
    scope.reserve("additional_properties");
    let mut fields = Vec::new();
    for p in properties {
        let (fname, renamed) = scope.claim(naming::snake_name(&p.name));
        if let Some(r) = renamed {
            diags.push(Code::NameCollision, p.loc.clone(), format!("field for `{}` of `{}` would be `{}`; named `{}`", p.name, t.qname, r.wanted, r.got));
        }
        let mut ty = value_type(&p.ty, names, |q| is_flags(model, q));
        if p.collection {
            ty = ["Vec<", &ty, ">"].concat();
        } else if names.boxed.get(&t.qname).is_some_and(|props| props.contains(&p.name)) {
            ty = ["Box<", &ty, ">"].concat();
        }
        let gate = foreign_area(model, names, &t.area, &p.ty);
        fields.push(Field { name: fname, wire: &p.name, ty, doc: &p.description, gate });
    }
    src.doc(&doc);
    object(src, names, name, &fields, "Properties the docs do not list, kept as sent so nothing is lost.");
}

/// A field of a struct of `Option` fields: its name, wire name, type and doc text, and the
/// area whose feature it needs.
pub struct Field<'a> {
    pub name: String,
    pub wire: &'a str,
    pub ty: String,
    pub doc: &'a str,
    pub gate: Option<&'a str>,
}

/// The area module of a type or enum from another area than `owner_area`: a field of that
/// type is there only with that area's feature, so that one area's feature does not pull in
/// every area its types mention (its member is kept in `additional_properties` otherwise).
pub fn foreign_area<'n>(model: &Model, names: &'n Names, owner_area: &str, ty: &TypeRef) -> Option<&'n str> {
    let (TypeRef::Type(q) | TypeRef::Enum(q)) = ty else { return None };
    let area = model.area_of(q).filter(|a| *a != owner_area)?;
    names.areas.get(area).map(String::as_str)
}

/// The struct (after its doc comment) and its impls through the runtime's `object!`: one
/// line per field where `serde_derive` would expand to hundreds (`Clone`, `Default`,
/// `Debug` and `PartialEq` come from `object!` too: cheaper to check than derives).
pub fn object(src: &mut Source, names: &Names, name: &str, fields: &[Field], extra_doc: &str) {
    put!(src, "pub struct ", name, " {");
    src.indent_more();
    for f in fields {
        src.doc(f.doc);
        if let Some(area) = f.gate {
            super::feature_gate(src, names, area);
        }
        put!(src, "pub ", f.name, ": Option<", f.ty, ">,");
    }
    src.doc(extra_doc);
    out!(src, "pub additional_properties: crate::runtime::Extra,");
    close!(src, "}}");
    if fields.is_empty() {
        put!(src, "crate::runtime::object!(", name, " {});");
        return;
    }
    put!(src, "crate::runtime::object!(", name, " {");
    src.indent_more();
    for f in fields {
        if let Some(area) = f.gate {
            super::feature_gate(src, names, area);
        }
        put!(src, f.name, " = ", Lit(f.wire), ",");
    }
    close!(src, "}});");
}

pub fn poly_item(src: &mut Source, model: &Model, names: &Names, t: &TypeDef) {
    let any = &names.poly[&t.qname];
    let base = &names.types[&t.qname];
    open!(src, "crate::runtime::polymorphic! {{");
    src.doc(&format!("A `{}` or any type derived from it, chosen by `@odata.type`.", t.qname));
    open!(src, "pub enum {any}: crate::models::{base} {{");
    for d in &names.descendants[&t.qname] {
        let Some(dt) = model.type_by_name(d) else { continue };
        // A derived type of another area is there only with that area's feature.
        if dt.area != t.area {
            super::feature_gate(src, names, &names.areas[&dt.area]);
        }
        let v = &names.types[d];
        put!(src, Lit(d), " => ", v, "(crate::models::", v, "),");
    }
    close!(src, "}}");
    close!(src, "}}");
}

pub fn enum_item(src: &mut Source, names: &Names, e: &EnumDef, diags: &mut Diagnostics) {
    let name = &names.enums[&e.qname];
    let mut doc = if e.description.is_empty() { ["The `", &e.qname, "` enumeration."].concat() } else { e.description.clone() };
    doc.extend(["\n\nOData enum `", &e.qname, "`"]);
    if e.flags {
        doc.push_str(", a flags enum: combine members in a `crate::runtime::FlagSet`");
    }
    doc.push('.');
    let mut scope = Scope::with_capacity(e.members.len() + 1);
    scope.reserve("Undocumented");
    open!(src, "crate::runtime::open_enum! {{");
    src.doc(&doc);
    put!(src, "pub enum ", name, " {");
    src.indent_more();
    for m in &e.members {
        let (v, renamed) = scope.claim(naming::variant_name(&m.name));
        if let Some(r) = renamed {
            diags.push(Code::NameCollision, e.loc.clone(), format!("member `{}` of `{}` would be `{}`; named `{}`", m.name, e.qname, r.wanted, r.got));
        }
        src.doc(&m.description);
        put!(src, v, " = ", Lit(&m.name), ",");
    }
    close!(src, "}}");
    close!(src, "}}");
}
