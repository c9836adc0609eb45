//! `@odata.type` dispatch for properties typed as a base entity that may
//! hold any derived type (`polymorphic!`).
//!
//! Every generated struct keeps unknown members (including `@odata.type`) in
//! its flattened `additional_properties` map, so falling back to the base
//! variant for an unknown tag loses nothing and re-serializes identically.

use serde::ser::Error as _;
use serde_json::Value;

/// The wire key that names an instance's type.
pub const ODATA_TYPE: &str = "@odata.type";

/// Declares an enum over a base type and its known derived types, chosen
/// on deserialization by `@odata.type` (leading `#` ignored, ASCII
/// case-insensitive); no tag or an unknown tag gives the `Base` variant.
///
/// ```ignore
/// crate::runtime::polymorphic! {
///     /// Doc lines.
///     pub enum AnyDirectoryObject: crate::models::DirectoryObject {
///         "microsoft.graph.user" => User(crate::models::User),
///     }
/// }
/// ```
#[allow(unused_macros)]
macro_rules! polymorphic {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident : $base:ty {
            $( $(#[$vmeta:meta])* $tag:literal => $variant:ident ( $ty:ty ) ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq)]
        $vis enum $name {
            /// The base type itself, or a derived type this crate does not know.
            Base(::std::boxed::Box<$base>),
            $(
                $(#[$vmeta])*
                #[doc = ::core::concat!("`@odata.type` `#", $tag, "`.")]
                $variant(::std::boxed::Box<$ty>),
            )*
        }

        impl $name {
            /// The `@odata.type` name (without `#`) of a derived variant;
            /// `None` for `Base`.
            pub fn odata_type(&self) -> ::core::option::Option<&'static str> {
                match self {
                    Self::Base(_) => ::core::option::Option::None,
                    $( $(#[$vmeta])* Self::$variant(_) => ::core::option::Option::Some($tag), )*
                }
            }
        }

        impl ::core::convert::From<$base> for $name {
            fn from(v: $base) -> Self {
                Self::Base(::std::boxed::Box::new(v))
            }
        }

        $(
            $(#[$vmeta])*
            impl ::core::convert::From<$ty> for $name {
                fn from(v: $ty) -> Self {
                    Self::$variant(::std::boxed::Box::new(v))
                }
            }
        )*

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::core::result::Result<S::Ok, S::Error> {
                match self {
                    Self::Base(v) => ::serde::Serialize::serialize(&**v, s),
                    $( $(#[$vmeta])* Self::$variant(v) => $crate::runtime::polymorphic::serialize_tagged(&**v, $tag, s), )*
                }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::core::result::Result<Self, D::Error> {
                let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(d)?;
                // Unused when every derived type's feature is off.
                #[allow(unused_variables)]
                let tag = $crate::runtime::polymorphic::odata_type_of(&value);
                // Match arms (not `if`s) so each derived type can sit behind its area's feature.
                #[allow(clippy::match_single_binding)]
                match () {
                    $(
                        $(#[$vmeta])*
                        () if $crate::runtime::polymorphic::tag_matches(tag, $tag) => {
                            return $crate::runtime::polymorphic::from_value::<$ty, D::Error>(value).map(Self::$variant);
                        }
                    )*
                    () => {}
                }
                $crate::runtime::polymorphic::from_value::<$base, D::Error>(value).map(Self::Base)
            }
        }
    };
}

// A path-scoped macro (not `#[macro_export]`): it stays usable when the generated code
// is `include!`d from a build script, where exported macros cannot be named by path.
#[allow(unused_imports)]
pub(crate) use polymorphic;

/// The `@odata.type` of a JSON object, without its leading `#`.
#[doc(hidden)]
pub fn odata_type_of(value: &Value) -> Option<&str> {
    let tag = value.get(ODATA_TYPE)?.as_str()?;
    Some(tag.strip_prefix('#').unwrap_or(tag))
}

/// Whether a wire tag names `expected`.
#[doc(hidden)]
pub fn tag_matches(tag: Option<&str>, expected: &str) -> bool {
    tag.is_some_and(|t| t.eq_ignore_ascii_case(expected))
}

/// `serde_json::from_value` into a box (what every variant holds), with the error mapped
/// into the caller's format. Boxing here lets each variant map with its constructor, where a
/// closure per variant would be one more body per variant to check.
#[doc(hidden)]
pub fn from_value<T, E>(value: Value) -> Result<Box<T>, E>
where
    T: serde::de::DeserializeOwned,
    E: serde::de::Error,
{
    serde_json::from_value(value).map(Box::new).map_err(E::custom)
}

/// Serializes a derived value, adding `"@odata.type": "#tag"` when the value
/// does not carry one: Graph needs it to create derived types, and a value
/// read from the wire already has it, so round trips are unchanged.
#[doc(hidden)]
pub fn serialize_tagged<T, S>(value: &T, tag: &str, s: S) -> Result<S::Ok, S::Error>
where
    T: serde::Serialize,
    S: serde::Serializer,
{
    let mut json = serde_json::to_value(value).map_err(S::Error::custom)?;
    if let Value::Object(map) = &mut json {
        map.entry(ODATA_TYPE)
            .or_insert_with(|| Value::String(format!("#{tag}")));
    }
    serde::Serialize::serialize(&json, s)
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};
    use serde_json::{json, Value};
    use std::collections::BTreeMap;

    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
    pub struct DirectoryObject {
        #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
        pub id: Option<String>,
        #[serde(flatten)]
        pub additional_properties: BTreeMap<String, Value>,
    }

    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
    pub struct User {
        #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
        pub id: Option<String>,
        #[serde(
            rename = "displayName",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub display_name: Option<String>,
        #[serde(rename = "manager", default, skip_serializing_if = "Option::is_none")]
        pub manager: Option<AnyDirectoryObject>,
        #[serde(flatten)]
        pub additional_properties: BTreeMap<String, Value>,
    }

    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
    pub struct Group {
        #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
        pub id: Option<String>,
        #[serde(rename = "members", default, skip_serializing_if = "Option::is_none")]
        pub members: Option<Vec<AnyDirectoryObject>>,
        #[serde(flatten)]
        pub additional_properties: BTreeMap<String, Value>,
    }

    crate::runtime::polymorphic! {
        /// A directoryObject or any type derived from it.
        pub enum AnyDirectoryObject: DirectoryObject {
            "microsoft.graph.user" => User(User),
            "microsoft.graph.group" => Group(Group),
        }
    }

    fn round_trip(wire: Value) -> AnyDirectoryObject {
        let v: AnyDirectoryObject = serde_json::from_value(wire.clone()).unwrap();
        assert_eq!(serde_json::to_value(&v).unwrap(), wire);
        let text = serde_json::to_string(&v).unwrap();
        assert_eq!(
            serde_json::from_str::<AnyDirectoryObject>(&text).unwrap(),
            v
        );
        v
    }

    #[test]
    fn dispatches_on_tag() {
        let v = round_trip(
            json!({"@odata.type": "#microsoft.graph.user", "id": "1", "displayName": "Ann"}),
        );
        let AnyDirectoryObject::User(u) = &v else {
            panic!("{v:?}")
        };
        assert_eq!(u.display_name.as_deref(), Some("Ann"));
        assert_eq!(v.odata_type(), Some("microsoft.graph.user"));
        assert!(matches!(
            round_trip(json!({"@odata.type": "Microsoft.Graph.GROUP"})),
            AnyDirectoryObject::Group(_)
        ));
    }

    #[test]
    fn unknown_or_missing_tag_is_base() {
        let v = round_trip(
            json!({"@odata.type": "#microsoft.graph.device", "id": "9", "deviceId": "x"}),
        );
        let AnyDirectoryObject::Base(b) = &v else {
            panic!("{v:?}")
        };
        assert_eq!(b.additional_properties["deviceId"], json!("x"));
        assert_eq!(v.odata_type(), None);
        assert!(matches!(
            round_trip(json!({"id": "1"})),
            AnyDirectoryObject::Base(_)
        ));
        assert!(matches!(
            round_trip(json!({"@odata.type": 5})),
            AnyDirectoryObject::Base(_)
        ));
    }

    #[test]
    fn nested_values_round_trip() {
        let wire = json!({
            "@odata.type": "#microsoft.graph.group",
            "id": "g",
            "members": [
                {"@odata.type": "#microsoft.graph.user", "id": "u",
                 "manager": {"@odata.type": "#microsoft.graph.user", "id": "m", "extra": [1, {"a": null}]}},
                {"@odata.type": "#microsoft.graph.group", "id": "g2", "members": []},
                {"@odata.type": "#microsoft.graph.servicePrincipal", "appId": "a"}
            ]
        });
        let v = round_trip(wire);
        let AnyDirectoryObject::Group(g) = v else {
            panic!()
        };
        let members = g.members.unwrap_or_default();
        assert!(
            matches!(&members[0], AnyDirectoryObject::User(u) if matches!(u.manager, Some(AnyDirectoryObject::User(_))))
        );
        assert!(matches!(&members[2], AnyDirectoryObject::Base(_)));
    }

    #[test]
    fn serialize_adds_missing_tag_and_from_works() {
        let v = AnyDirectoryObject::from(User {
            id: Some("1".into()),
            ..User::default()
        });
        assert_eq!(
            serde_json::to_value(&v).unwrap(),
            json!({"@odata.type": "#microsoft.graph.user", "id": "1"})
        );
        let b = AnyDirectoryObject::from(DirectoryObject::default());
        assert_eq!(serde_json::to_value(&b).unwrap(), json!({}));
        assert_eq!(v.odata_type(), Some("microsoft.graph.user"));
        assert_eq!(b.odata_type(), None);
    }

    #[test]
    fn bad_shapes_are_errors_not_panics() {
        assert!(serde_json::from_value::<AnyDirectoryObject>(json!([1])).is_err());
        assert!(serde_json::from_value::<AnyDirectoryObject>(
            json!({"@odata.type": "#microsoft.graph.user", "displayName": 3})
        )
        .is_err());
        assert!(serde_json::from_str::<AnyDirectoryObject>("{\"id\": ").is_err());
    }
}
