//! The docs-model JSON (`docs-model/1`, see MODEL-JSON.md): the model as other tools read it.

use super::{Kind, Model, RequestBody};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// Renders the model; `root` is the docs root as the user gave it.
pub fn render(model: &Model, root: &str, diagnostics: &BTreeMap<String, usize>) -> String {
    let types: Vec<Value> = model
        .types
        .iter()
        .map(|t| {
            json!({
                "name": t.qname,
                "kind": match t.kind { Kind::Entity => "entity", Kind::Complex => "complex" },
                "base": t.base,
                "abstract": t.is_abstract,
                "open": t.open,
                "key": t.key,
                "properties": t.properties.iter().map(|p| json!({
                    "name": p.name,
                    "type": p.ty.odata_name(),
                    "collection": p.collection,
                    "navigation": p.navigation,
                    "nullable": p.nullable,
                })).collect::<Vec<_>>(),
                "source": t.loc.to_string(),
            })
        })
        .collect();
    let enums: Vec<Value> = model
        .enums
        .iter()
        .map(|e| {
            json!({
                "name": e.qname,
                "flags": e.flags,
                "members": e.members.iter().map(|m| json!({"name": m.name, "value": m.value})).collect::<Vec<_>>(),
                "source": e.loc.to_string(),
                "derived_name": e.derived_name,
            })
        })
        .collect();
    let operations: Vec<Value> = model
        .operations
        .iter()
        .map(|o| {
            let body = match &o.request_body {
                None => Value::Null,
                Some(RequestBody::Type { ty, collection }) => json!({"type": ty.odata_name(), "collection": collection}),
                Some(RequestBody::Bytes) => json!({"type": "Edm.Stream", "collection": false}),
                Some(RequestBody::Parameters(ps)) => json!({
                    "type": null,
                    "collection": false,
                    "parameters": ps.iter().map(|p| json!({"name": p.name, "type": p.ty.odata_name(), "collection": p.collection})).collect::<Vec<_>>(),
                }),
            };
            json!({
                "id": o.id,
                "name": o.name,
                "method": o.method.as_str(),
                "paths": o.paths.iter().filter(|p| p.alias_of.is_none()).map(|p| p.text.clone()).collect::<Vec<_>>(),
                "parameters": o.parameters.iter().map(|p| json!({
                    "name": p.name, "in": p.param_in.as_str(), "type": p.ty.odata_name(), "required": p.required,
                })).collect::<Vec<_>>(),
                "request_body": body,
                "response": {
                    "status": o.response.status,
                    "type": o.response.ty.as_ref().map(|t| t.odata_name()),
                    "collection": o.response.collection,
                },
                "permissions": {
                    "delegated_work": o.permissions.delegated_work,
                    "delegated_personal": o.permissions.delegated_personal,
                    "application": o.permissions.application,
                },
                "source": o.loc.to_string(),
            })
        })
        .collect();
    let mut doc = Map::new();
    doc.insert("format".into(), json!("docs-model/1"));
    doc.insert("generator".into(), json!(concat!("graphgen ", env!("CARGO_PKG_VERSION"))));
    doc.insert("source".into(), json!({"root": root, "pages": model.pages}));
    doc.insert("types".into(), Value::Array(types));
    doc.insert("enums".into(), Value::Array(enums));
    doc.insert("operations".into(), Value::Array(operations));
    doc.insert("diagnostics".into(), json!(diagnostics));
    let mut s = serde_json::to_string_pretty(&Value::Object(doc)).unwrap_or_default();
    s.push('\n');
    s
}
