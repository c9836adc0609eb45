//! Phase 2, model: pages → types, enums and operations (the IR the emitters read).
//!
//! [`lower`] is the entry point. Everything here speaks OData names (`microsoft.graph.user`,
//! `Edm.Int64`); nothing knows about Rust.

mod api_page;
mod areas;
mod base_types;
mod enum_tables;
mod example_urls;
mod examples;
mod function_paths;
mod index;
mod link_check;
mod links;
mod methods_table;
mod lower;
pub mod model_json;
pub mod path_aliases;
pub mod paths;
mod permissions;
mod property_paths;
mod property_table;
mod prose_enums;
mod request_body;
mod resource_page;
pub mod select;
mod response;
mod response_type;
mod sections;
pub mod type_cell;

pub use link_check::check_links;
pub use lower::{lower, lower_and_free, page_facts, PageFacts};

use crate::diagnostics::Loc;

/// Everything the docs define, sorted by name (operations by id).
#[derive(Clone, Debug, Default)]
pub struct Model {
    pub types: Vec<TypeDef>,
    pub enums: Vec<EnumDef>,
    pub operations: Vec<Operation>,
    /// Number of pages read.
    pub pages: usize,
}

impl Model {
    pub fn type_by_name(&self, qname: &str) -> Option<&TypeDef> {
        self.types.binary_search_by(|t| t.qname.as_str().cmp(qname)).ok().map(|i| &self.types[i])
    }
    pub fn enum_by_name(&self, qname: &str) -> Option<&EnumDef> {
        self.enums.binary_search_by(|e| e.qname.as_str().cmp(qname)).ok().map(|i| &self.enums[i])
    }
    /// The area of a type or enum.
    pub fn area_of(&self, qname: &str) -> Option<&str> {
        self.type_by_name(qname).map(|t| t.area.as_str()).or_else(|| self.enum_by_name(qname).map(|e| e.area.as_str()))
    }
    /// The properties of a type including its bases', base first, each name once (a derived
    /// type's row overrides its base's).
    pub fn all_properties(&self, qname: &str) -> Vec<&Property> {
        let mut chain = Vec::new();
        let mut seen = std::collections::BTreeSet::new();
        let mut cur = self.type_by_name(qname);
        while let Some(t) = cur {
            if !seen.insert(t.qname.as_str()) {
                break;
            }
            chain.push(t);
            cur = t.base.as_deref().and_then(|b| self.type_by_name(b));
        }
        let mut out: Vec<&Property> = Vec::new();
        for t in chain.iter().rev() {
            for p in &t.properties {
                match out.iter().position(|q| q.name == p.name) {
                    Some(i) => out[i] = p,
                    None => out.push(p),
                }
            }
        }
        out
    }
}

/// The primitive types of the OData model.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Prim {
    String,
    Boolean,
    Byte,
    SByte,
    Int16,
    Int32,
    Int64,
    Single,
    Double,
    Decimal,
    Guid,
    DateTimeOffset,
    Date,
    TimeOfDay,
    Duration,
    Binary,
    Stream,
    /// Free-form JSON.
    Untyped,
}

impl Prim {
    pub fn edm_name(self) -> &'static str {
        match self {
            Prim::String => "Edm.String",
            Prim::Boolean => "Edm.Boolean",
            Prim::Byte => "Edm.Byte",
            Prim::SByte => "Edm.SByte",
            Prim::Int16 => "Edm.Int16",
            Prim::Int32 => "Edm.Int32",
            Prim::Int64 => "Edm.Int64",
            Prim::Single => "Edm.Single",
            Prim::Double => "Edm.Double",
            Prim::Decimal => "Edm.Decimal",
            Prim::Guid => "Edm.Guid",
            Prim::DateTimeOffset => "Edm.DateTimeOffset",
            Prim::Date => "Edm.Date",
            Prim::TimeOfDay => "Edm.TimeOfDay",
            Prim::Duration => "Edm.Duration",
            Prim::Binary => "Edm.Binary",
            Prim::Stream => "Edm.Stream",
            Prim::Untyped => "Edm.Untyped",
        }
    }
}

/// The type of a property, parameter or body.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TypeRef {
    Prim(Prim),
    /// A complex or entity type, by qualified name.
    Type(String),
    /// An enum, by qualified name.
    Enum(String),
}

impl TypeRef {
    /// `Edm.X` or the qualified name.
    pub fn odata_name(&self) -> &str {
        match self {
            TypeRef::Prim(p) => p.edm_name(),
            TypeRef::Type(n) | TypeRef::Enum(n) => n,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Entity,
    Complex,
}

#[derive(Clone, Debug)]
pub struct Property {
    /// The JSON wire name.
    pub name: String,
    pub ty: TypeRef,
    pub collection: bool,
    pub navigation: bool,
    pub nullable: bool,
    pub description: String,
    pub loc: Loc,
}

#[derive(Clone, Debug)]
pub struct TypeDef {
    /// Qualified name: `microsoft.graph.user`.
    pub qname: String,
    pub namespace: String,
    /// The name as the docs spell it in `@odata.type` (`user`).
    pub name: String,
    pub kind: Kind,
    pub base: Option<String>,
    pub is_abstract: bool,
    pub open: bool,
    pub key: Option<String>,
    /// Declared on this type only, in document order.
    pub properties: Vec<Property>,
    pub description: String,
    /// The workload the page belongs to (`ms.prod`), for grouping output.
    pub area: String,
    pub loc: Loc,
}

#[derive(Clone, Debug)]
pub struct EnumMember {
    /// The wire value.
    pub name: String,
    pub value: Option<i64>,
    pub description: String,
}

#[derive(Clone, Debug)]
pub struct EnumDef {
    pub qname: String,
    pub namespace: String,
    pub name: String,
    pub flags: bool,
    pub members: Vec<EnumMember>,
    pub description: String,
    /// True when the docs named no enum and the generator derived the name.
    pub derived_name: bool,
    pub area: String,
    pub loc: Loc,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Method {
    Get,
    Post,
    Patch,
    Put,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Patch => "PATCH",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }
    /// The name in lowercase, as the runtime's request functions are named.
    pub fn lowercase(self) -> &'static str {
        match self {
            Method::Get => "get",
            Method::Post => "post",
            Method::Patch => "patch",
            Method::Put => "put",
            Method::Delete => "delete",
        }
    }

    /// The method a word names, in any case.
    pub fn parse(s: &str) -> Option<Method> {
        [Method::Get, Method::Post, Method::Patch, Method::Put, Method::Delete].into_iter().find(|m| s.eq_ignore_ascii_case(m.as_str()))
    }
}

/// Where a parameter goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamIn {
    Path,
    Query,
    Header,
    /// A function's argument inside the path: `f(a='{a}')`.
    Function,
}

impl ParamIn {
    pub fn as_str(self) -> &'static str {
        match self {
            ParamIn::Path => "path",
            ParamIn::Query => "query",
            ParamIn::Header => "header",
            ParamIn::Function => "function",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Parameter {
    pub name: String,
    pub param_in: ParamIn,
    pub ty: TypeRef,
    pub collection: bool,
    pub required: bool,
    pub description: String,
}

/// What a request sends.
#[derive(Clone, Debug)]
pub enum RequestBody {
    /// A resource (or collection) of a named type.
    Type { ty: TypeRef, collection: bool },
    /// An action's parameters, one JSON object with these members.
    Parameters(Vec<Property>),
    /// Raw bytes (`$value` uploads, `PUT .../content`).
    Bytes,
}

#[derive(Clone, Debug)]
pub struct Response {
    pub status: u16,
    pub ty: Option<TypeRef>,
    pub collection: bool,
}

#[derive(Clone, Debug, Default)]
pub struct Permissions {
    pub delegated_work: Vec<String>,
    pub delegated_personal: Vec<String>,
    pub application: Vec<String>,
}

/// One documented request/response pair.
#[derive(Clone, Debug)]
pub struct Example {
    pub name: String,
    pub request: Option<ExampleRequest>,
    pub response: Option<ExampleResponse>,
}

#[derive(Clone, Debug)]
pub struct ExampleRequest {
    pub method: String,
    /// The URL as written, host and version included when the docs give them.
    pub url: String,
    pub headers: Vec<(String, String)>,
    /// The body as compact JSON text, when it parses as JSON (repaired if need be).
    pub json: Option<String>,
    pub body_text: String,
    pub loc: Loc,
}

#[derive(Clone, Debug)]
pub struct ExampleResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    /// The body as compact JSON text, when it parses as JSON (repaired if need be).
    pub json: Option<String>,
    pub body_text: String,
    /// The annotation's `@odata.type`, qualified.
    pub odata_type: Option<String>,
    pub is_collection: Option<bool>,
    pub truncated: bool,
    pub loc: Loc,
}

#[derive(Clone, Debug)]
pub struct Operation {
    pub id: String,
    /// The page title (`Update user`).
    pub name: String,
    pub description: String,
    pub method: Method,
    pub paths: Vec<paths::PathTemplate>,
    pub parameters: Vec<Parameter>,
    /// OData system query options the page says it supports (`$select`, ...).
    pub query_options: Vec<String>,
    pub request_body: Option<RequestBody>,
    pub response: Response,
    pub permissions: Permissions,
    pub examples: Vec<Example>,
    pub area: String,
    pub loc: Loc,
}

impl Operation {
    /// The types and enums the operation names, by qualified name: its response, then its
    /// body, then its parameters.
    pub fn referenced(&self) -> impl Iterator<Item = &str> + '_ {
        // Walked for every operation in several passes: nothing is collected.
        let (body_type, body_members): (Option<&TypeRef>, &[Property]) = match &self.request_body {
            Some(RequestBody::Type { ty, .. }) => (Some(ty), &[]),
            Some(RequestBody::Parameters(ps)) => (None, ps),
            _ => (None, &[]),
        };
        self.response
            .ty
            .iter()
            .chain(body_type)
            .chain(body_members.iter().map(|p| &p.ty))
            .chain(self.parameters.iter().map(|p| &p.ty))
            .filter_map(|r| match r {
                TypeRef::Type(q) | TypeRef::Enum(q) => Some(q.as_str()),
                _ => None,
            })
    }
}
