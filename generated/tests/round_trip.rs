//! Hand-written (graphgen keeps files it did not write): nothing is lost in a round trip.
//! Unknown properties and unknown enum values survive deserialize → serialize, for a derived
//! type, the `Any*` wrappers (known, unknown and missing `@odata.type`) and nested types.

#![cfg(feature = "widgets")]

use graph_sdk::models::{AnyCatalogItem, AnyEntity, IdentitySet, Widget, WidgetColor};
use graph_sdk::runtime::Collection;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

/// Parses `value` as `T`, writes it back, and requires the same JSON.
fn round_trip<T: DeserializeOwned + Serialize>(value: Value) -> T {
    let parsed: T = serde_json::from_value(value.clone()).unwrap_or_else(|e| panic!("{e}: {value:#}"));
    let back = serde_json::to_value(&parsed).unwrap();
    assert_eq!(back, value, "the round trip lost or changed something");
    parsed
}

/// A widget (derived from catalogItem) with unknown members at every level.
fn widget(tag: Option<&str>) -> Value {
    let mut w = json!({
        "id": "w1",
        "name": "clamp",
        "futureTopLevel": {"deep": [1, {"x": null}, "two"], "flag": true},
        "@odata.etag": "W/\"7\"",
        "color": "ultraviolet",
        "packaging": "blister",
        "capabilities": "rotate,teleport",
        "restockPriority": "someDayMaybe",
        "createdBy": {
            "user": {"id": "u1", "displayName": "Rosa", "futureIdentityField": 42},
            "futureIdentitySetField": ["a", "b"]
        },
        "dimensions": {"widthInMillimeters": 42.5, "futureUnit": "mm"},
        "parts": [{"id": "p1", "futurePartField": {"n": 1}}],
        "searchKeywords": ["x", "y"]
    });
    if let Some(tag) = tag {
        w["@odata.type"] = json!(tag);
    }
    w
}

#[test]
fn derived_type_keeps_unknown_properties_and_enum_values() {
    let w: Widget = round_trip(widget(Some("#microsoft.graph.widget")));
    assert_eq!(w.color, Some(WidgetColor::Undocumented("ultraviolet".into())));
    assert!(w.additional_properties.contains_key("futureTopLevel"));
    assert!(w.additional_properties.contains_key("@odata.type"), "the tag is kept as an unknown member");
}

#[test]
fn polymorphic_wrapper_with_a_known_tag_picks_the_derived_type() {
    let any: AnyCatalogItem = round_trip(widget(Some("#microsoft.graph.widget")));
    assert!(matches!(any, AnyCatalogItem::Widget(_)), "{any:?}");
    let any: AnyEntity = round_trip(widget(Some("#microsoft.graph.widget")));
    assert_eq!(any.odata_type(), Some("microsoft.graph.widget"), "two levels down from entity");
}

#[test]
fn polymorphic_wrapper_with_an_unknown_tag_keeps_everything_in_the_base() {
    let any: AnyCatalogItem = round_trip(widget(Some("#microsoft.graph.widgetFromTheFuture")));
    match any {
        AnyCatalogItem::Base(base) => {
            assert_eq!(base.name.as_deref(), Some("clamp"));
            assert!(base.additional_properties.contains_key("color"), "derived members are unknown to the base, and kept");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn polymorphic_wrapper_without_a_tag_is_the_base() {
    let any: AnyCatalogItem = round_trip(widget(None));
    assert!(matches!(any, AnyCatalogItem::Base(_)));
}

#[test]
fn nested_types_keep_their_unknown_members() {
    let set: IdentitySet = round_trip(json!({
        "user": {"id": "u1", "futureIdentityField": {"nested": [null, 1.5]}},
        "application": {"displayName": "Sync"},
        "futureIdentitySetField": "kept"
    }));
    assert!(set.user.unwrap().additional_properties.contains_key("futureIdentityField"));
}

#[test]
fn collections_of_polymorphic_items_keep_everything() {
    let page: Collection<AnyCatalogItem> = round_trip(json!({
        "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#widgets",
        "@odata.nextLink": "https://graph.microsoft.com/v1.0/widgets?$skiptoken=x",
        "@odata.futureAnnotation": 1,
        "value": [widget(Some("#microsoft.graph.widget")), widget(Some("#microsoft.graph.unknownThing")), widget(None)]
    }));
    assert_eq!(page.value.len(), 3);
}
