//! Table shapes and page forms, through the whole model phase: each test is a small docs
//! tree written in one of the conventions the real pages use.

mod common;

use common::{locs, model_of_pages};
use graphgen::model::{Kind, Prim, TypeRef};

const FRONT: &str = "---\ntitle: t\ndoc_type: enumPageType\n---\n";

fn members(model: &graphgen::model::Model, q: &str) -> Vec<String> {
    model.enum_by_name(q).unwrap_or_else(|| panic!("enum {q}")).members.iter().map(|m| m.name.clone()).collect()
}

#[test]
fn enum_table_shapes() {
    let page = format!(
        "{FRONT}# Enum values\n\nNamespace: microsoft.graph\n\n\
### alpha values\n\n|Member|Value|Description|\n|:---|:---|:---|\n|one|0|First.|\n|two|1|Second.|\n\n\
### beta values\n\n|Member|\n|:---|\n|red|\n|green|\n\n\
### gamma values\n\n|Member|Description|\n|:---|:---|\n|small|S.|\n|large|L.|\n\n\
### delta values\n\n|Value|Description|\n|:---|:---|\n|north|N.|\n|south|S.|\n\n\
### epsilon\u{a0}values\n\n|Member|Value|\n|:---|:---|\n|JIS B4|0|\n|letter|1|\n"
    );
    let (model, diags) = model_of_pages(&[("resources/enums.md", &page)]);
    assert_eq!(members(&model, "microsoft.graph.alpha"), ["one", "two"]);
    assert_eq!(model.enum_by_name("microsoft.graph.alpha").unwrap().members[1].value, Some(1));
    assert_eq!(members(&model, "microsoft.graph.beta"), ["red", "green"]);
    assert_eq!(members(&model, "microsoft.graph.gamma"), ["small", "large"]);
    assert_eq!(members(&model, "microsoft.graph.delta"), ["north", "south"]);
    assert_eq!(members(&model, "microsoft.graph.epsilon"), ["JIS B4", "letter"]);
    assert_eq!(locs(&diags, "enum-member-not-identifier").len(), 1);
}

#[test]
fn numeric_value_column_is_not_a_member_column() {
    let page = format!("{FRONT}# x\n\n### size values\n\n|Value|Description|\n|:---|:---|\n|1|One.|\n|2|Two.|\n");
    let (model, _) = model_of_pages(&[("resources/enums.md", &page)]);
    assert!(model.enum_by_name("microsoft.graph.size").is_none());
}

#[test]
fn single_enum_page_and_flags() {
    let page = "---\ndoc_type: enumPageType\n---\n# shade enum type\n\nNamespace: microsoft.graph\n\n## Members\n\n|Member|Value|Description|\n|:--|:--|:--|\n|a|1|x|\n|b|2|x|\n|c|4|x|\n|d|8|x|\n";
    let (model, _) = model_of_pages(&[("resources/shade.md", page)]);
    let e = model.enum_by_name("microsoft.graph.shade").expect("enum from an enum page");
    assert!(e.flags, "1, 2, 4, 8 is a flags enum");
    assert_eq!(e.members.len(), 4);
}

const RESOURCE: &str = "---\ndoc_type: resourcePageType\n---\n";

#[test]
fn property_table_headers_and_type_spellings() {
    let thing = format!(
        "{RESOURCE}# thing resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n\
| Property name | Type | Description |\n|:--|:--|:--|\n\
|count|int|How many.|\n|big|Edm.Int64|Big.|\n|when|dateTimeOffset|When.|\n|tags|String collection|Tags.|\n\
|owner|[Person](Person.md)|Case-mismatched link.|\n|shape|[shape](#shape-values)|Local enum.|\n|mixed|String or Int32|A union.|\n\
|status|String|Possible values are: `on`, `off`.|\n|days|Int32|Valid values are 1 to 365.|\n\
\n## Relationships\n\n|Relationship|Type|Description|\n|:--|:--|:--|\n|friends|[person](person.md) collection|Friends.|\n\
\n### shape values\n\n|Member|\n|:--|\n|round|\n|square|\n"
    );
    let person = format!("{RESOURCE}# person resource type\n\n## Properties\n\n|Name|Type|Description|\n|:--|:--|:--|\n|name|String|Name.|\n");
    let (model, diags) = model_of_pages(&[("resources/thing.md", &thing), ("resources/person.md", &person)]);
    let t = model.type_by_name("microsoft.graph.thing").expect("thing");
    let p = |n: &str| t.properties.iter().find(|p| p.name == n).unwrap_or_else(|| panic!("{n}"));
    assert_eq!(p("count").ty, TypeRef::Prim(Prim::Int32));
    assert_eq!(p("big").ty, TypeRef::Prim(Prim::Int64));
    assert_eq!(p("when").ty, TypeRef::Prim(Prim::DateTimeOffset));
    assert!(p("tags").collection);
    assert_eq!(p("owner").ty, TypeRef::Type("microsoft.graph.person".into()));
    assert_eq!(p("shape").ty, TypeRef::Enum("microsoft.graph.shape".into()));
    assert_eq!(p("mixed").ty, TypeRef::Prim(Prim::Untyped));
    assert_eq!(p("status").ty, TypeRef::Prim(Prim::String), "a String stays a String; its values are prose");
    assert_eq!(p("days").ty, TypeRef::Prim(Prim::Int32));
    assert!(p("friends").navigation && p("friends").collection);
    assert!(!p("count").navigation);
    assert_eq!(locs(&diags, "type-union").len(), 1);
    assert!(!locs(&diags, "link-case-mismatch").is_empty());
    assert_eq!(t.kind, Kind::Complex);
}

#[test]
fn base_types_from_annotation_and_prose_decide_entity_or_complex() {
    let entity = format!("{RESOURCE}# entity resource type\n\n## Properties\n\n|Property|Type|Description|\n|:--|:--|:--|\n|id|String|Key.|\n\n## JSON representation\n\n<!-- {{ \"blockType\": \"resource\", \"keyProperty\": \"id\", \"@odata.type\": \"microsoft.graph.entity\" }} -->\n```json\n{{}}\n```\n");
    let by_annotation = format!("{RESOURCE}# a resource type\n\n## Properties\n\n|Property|Type|Description|\n|:--|:--|:--|\n|x|String|X.|\n\n## JSON representation\n\n<!-- {{ \"blockType\": \"resource\", \"baseType\": \"microsoft.graph.entity\", \"@odata.type\": \"microsoft.graph.a\" }} -->\n```json\n{{}}\n```\n");
    let by_prose = format!("{RESOURCE}# b resource type\n\nInherits from [a](a.md).\n\n## Properties\n\n|Property|Type|Description|\n|:--|:--|:--|\n|id|String|Inherited from [entity](entity.md).|\n|y|String|Y.|\n");
    let (model, _) = model_of_pages(&[("resources/entity.md", &entity), ("resources/a.md", &by_annotation), ("resources/b.md", &by_prose)]);
    let a = model.type_by_name("microsoft.graph.a").unwrap();
    let b = model.type_by_name("microsoft.graph.b").unwrap();
    assert_eq!(a.base.as_deref(), Some("microsoft.graph.entity"));
    assert_eq!(b.base.as_deref(), Some("microsoft.graph.a"));
    assert_eq!((a.kind, b.kind), (Kind::Entity, Kind::Entity), "the key comes through the base chain");
    assert!(b.properties.iter().all(|p| p.name != "id"), "an inherited row is declared on the base, not repeated");
}
