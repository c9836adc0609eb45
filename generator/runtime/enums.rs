//! Open enums (`open_enum!`) and flag sets (`FlagSet<E>`).
//!
//! Graph adds enum members over time (`unknownFutureValue` is the evolvable
//! enum marker), so every generated enum keeps unknown wire values instead of
//! failing to deserialize the whole response.

use std::fmt;
use std::str::FromStr;

/// Declares an open string enum: the listed members plus `Undocumented(String)`,
/// with `as_str`, `MEMBERS`, `Display`, `FromStr` (infallible, exact match
/// first, then ASCII case-insensitive) and serde as the wire string. `Debug`, `Eq`,
/// `Hash` and `Ord` behave as derived (members in doc order, then undocumented values by
/// their text) but go through one key ([`key`]) and one generic `Debug` ([`debug`]): derived,
/// each is a `match` per enum: the derives were an eighth of a one-area check of v1.0.
///
/// ```ignore
/// crate::runtime::open_enum! {
///     /// Doc lines.
///     pub enum FeatureType {
///         /// Member doc.
///         Registration = "registration",
///         UnknownFutureValue = "unknownFutureValue",
///     }
/// }
/// ```
#[allow(unused_macros)]
macro_rules! open_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $wire:literal ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone)]
        $vis enum $name {
            $(
                $(#[$vmeta])*
                #[doc = ""]
                #[doc = ::core::concat!("Wire value `", $wire, "`.")]
                $variant,
            )*
            /// A value the docs do not list, kept as sent.
            Undocumented(::std::string::String),
        }

        impl $name {
            /// The wire names of the documented members, in doc order.
            pub const MEMBERS: &'static [&'static str] = &[$($wire),*];

            /// The wire name of this value.
            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $wire, )*
                    Self::Undocumented(s) => s.as_str(),
                }
            }

            /// What `Eq`, `Hash` and `Ord` go by ([`key`](crate::runtime::enums::key)).
            fn key(&self) -> (usize, &str) {
                let documented = !::core::matches!(self, Self::Undocumented(_));
                $crate::runtime::enums::key(Self::MEMBERS, self.as_str(), documented)
            }
        }

        impl ::core::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                $crate::runtime::enums::debug(self.key(), &[$(::core::stringify!($variant)),*], f)
            }
        }

        impl ::core::cmp::PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                self.key() == other.key()
            }
        }

        impl ::core::cmp::Eq for $name {}

        impl ::core::hash::Hash for $name {
            fn hash<H: ::core::hash::Hasher>(&self, h: &mut H) {
                ::core::hash::Hash::hash(&self.key(), h)
            }
        }

        impl ::core::cmp::PartialOrd for $name {
            fn partial_cmp(&self, other: &Self) -> ::core::option::Option<::core::cmp::Ordering> {
                ::core::option::Option::Some(::core::cmp::Ord::cmp(self, other))
            }
        }

        impl ::core::cmp::Ord for $name {
            fn cmp(&self, other: &Self) -> ::core::cmp::Ordering {
                ::core::cmp::Ord::cmp(&self.key(), &other.key())
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::core::str::FromStr for $name {
            type Err = ::core::convert::Infallible;
            fn from_str(s: &str) -> ::core::result::Result<Self, Self::Err> {
                // A table lookup, not a comparison per member: less code to check per enum.
                const ALL: &[$name] = &[$( $name::$variant ),*];
                ::core::result::Result::Ok(match $crate::runtime::enums::member_index(Self::MEMBERS, s) {
                    ::core::option::Option::Some(i) => ALL[i].clone(),
                    ::core::option::Option::None => Self::Undocumented(::std::borrow::ToOwned::to_owned(s)),
                })
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::core::result::Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::core::result::Result<Self, D::Error> {
                $crate::runtime::enums::deserialize_from_str(d)
            }
        }
    };
}

// A path-scoped macro (not `#[macro_export]`): it stays usable when the generated code
// is `include!`d from a build script, where exported macros cannot be named by path.
#[allow(unused_imports)]
pub(crate) use open_enum;

/// What equality, hashing and order of an `open_enum!` value go by: a documented member's
/// place in doc order (then its wire name, the same for every value of a member), and for
/// an undocumented value the number of members (after all of them) and its text: as derived.
#[doc(hidden)]
pub fn key<'a>(members: &[&str], wire: &'a str, documented: bool) -> (usize, &'a str) {
    let index = if documented { members.iter().position(|m| *m == wire) } else { None };
    (index.unwrap_or(members.len()), wire)
}

/// `Debug` of an `open_enum!` value as derived: the member's Rust name (`variants` in doc
/// order), or `Undocumented("text")`.
#[doc(hidden)]
pub fn debug(key: (usize, &str), variants: &[&str], f: &mut fmt::Formatter<'_>) -> fmt::Result {
    match variants.get(key.0) {
        Some(name) => f.write_str(name),
        None => f.debug_tuple("Undocumented").field(&key.1).finish(),
    }
}

/// The index of `s` among an enum's wire names: the exact name first, then one that differs
/// only in ASCII case.
#[doc(hidden)]
pub fn member_index(members: &[&str], s: &str) -> Option<usize> {
    members.iter().position(|m| *m == s).or_else(|| members.iter().position(|m| m.eq_ignore_ascii_case(s)))
}

/// Deserializes a JSON string through `FromStr`; shared by the primitives and
/// by `open_enum!` so each expansion stays small.
#[doc(hidden)]
pub fn deserialize_from_str<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: FromStr,
    T::Err: fmt::Display,
{
    struct V<T>(std::marker::PhantomData<fn() -> T>);
    impl<T: FromStr> serde::de::Visitor<'_> for V<T>
    where
        T::Err: fmt::Display,
    {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "a string for {}", std::any::type_name::<T>())
        }
        fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<T, E> {
            s.parse().map_err(E::custom)
        }
    }
    d.deserialize_str(V(std::marker::PhantomData))
}

/// A set of enum values that Graph sends as one comma-separated string
/// (`"email,sms"`), as for flags enums.
///
/// Keeps insertion (wire) order for printing; equality ignores order.
/// Deserializes whitespace-tolerantly, and also from a JSON array.
#[derive(Clone, Debug)]
pub struct FlagSet<E>(Vec<E>);

impl<E> Default for FlagSet<E> {
    fn default() -> Self {
        FlagSet(Vec::new())
    }
}

impl<E: PartialEq> FlagSet<E> {
    /// An empty set.
    pub fn new() -> Self {
        FlagSet(Vec::new())
    }

    /// Whether `value` is in the set.
    pub fn contains(&self, value: &E) -> bool {
        self.0.contains(value)
    }

    /// Adds `value`; returns false if it was already there.
    pub fn insert(&mut self, value: E) -> bool {
        if self.contains(&value) {
            return false;
        }
        self.0.push(value);
        true
    }

    /// Removes `value`; returns whether it was there.
    pub fn remove(&mut self, value: &E) -> bool {
        let before = self.0.len();
        self.0.retain(|v| v != value);
        self.0.len() != before
    }
}

impl<E> FlagSet<E> {
    /// The values in insertion order.
    pub fn iter(&self) -> std::slice::Iter<'_, E> {
        self.0.iter()
    }

    /// How many values the set holds.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<E: PartialEq> PartialEq for FlagSet<E> {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().all(|v| other.contains(v))
    }
}

impl<E: Eq> Eq for FlagSet<E> {}

impl<E: PartialEq> FromIterator<E> for FlagSet<E> {
    fn from_iter<I: IntoIterator<Item = E>>(iter: I) -> Self {
        let mut set = FlagSet::new();
        set.extend(iter);
        set
    }
}

impl<E: PartialEq> Extend<E> for FlagSet<E> {
    fn extend<I: IntoIterator<Item = E>>(&mut self, iter: I) {
        for v in iter {
            self.insert(v);
        }
    }
}

impl<'a, E> IntoIterator for &'a FlagSet<E> {
    type Item = &'a E;
    type IntoIter = std::slice::Iter<'a, E>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<E> IntoIterator for FlagSet<E> {
    type Item = E;
    type IntoIter = std::vec::IntoIter<E>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<E: fmt::Display> fmt::Display for FlagSet<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, v) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            v.fmt(f)?;
        }
        Ok(())
    }
}

impl<E: FromStr + PartialEq> FromStr for FlagSet<E> {
    type Err = E::Err;
    fn from_str(s: &str) -> Result<Self, E::Err> {
        s.split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::parse)
            .collect()
    }
}

impl<E: fmt::Display> serde::Serialize for FlagSet<E> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de, E> serde::Deserialize<'de> for FlagSet<E>
where
    E: FromStr + PartialEq,
    E::Err: fmt::Display,
{
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<E>(std::marker::PhantomData<fn() -> E>);
        impl<'de, E: FromStr + PartialEq> serde::de::Visitor<'de> for V<E>
        where
            E::Err: fmt::Display,
        {
            type Value = FlagSet<E>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a comma-separated string of flags")
            }
            fn visit_str<Er: serde::de::Error>(self, s: &str) -> Result<Self::Value, Er> {
                s.parse().map_err(Er::custom)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Self::Value, A::Error> {
                let mut set = FlagSet::new();
                while let Some(item) = seq.next_element::<String>()? {
                    set.extend(
                        item.parse::<FlagSet<E>>()
                            .map_err(serde::de::Error::custom)?,
                    );
                }
                Ok(set)
            }
        }
        d.deserialize_any(V(std::marker::PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::FlagSet;
    use serde_json::json;

    crate::runtime::open_enum! {
        /// Test enum.
        pub enum FeatureType {
            /// Registration.
            Registration = "registration",
            Reset = "reset",
            UnknownFutureValue = "unknownFutureValue",
        }
    }

    crate::runtime::open_enum! {
        /// An enum the docs list no members for.
        pub enum Empty {}
    }

    #[test]
    fn debug_eq_hash_and_order_are_as_derived() {
        use std::collections::HashSet;
        let undocumented = |s: &str| FeatureType::Undocumented(s.to_string());
        assert_eq!(format!("{:?}", FeatureType::Reset), "Reset");
        assert_eq!(format!("{:?}", undocumented("x")), r#"Undocumented("x")"#);
        assert_eq!(format!("{:?}", Empty::Undocumented("y".into())), r#"Undocumented("y")"#);
        // Doc order, not text order; undocumented values after every member, by their text.
        let mut all = vec![undocumented("b"), FeatureType::UnknownFutureValue, undocumented("a"), FeatureType::Reset, FeatureType::Registration];
        all.sort();
        assert_eq!(all, [FeatureType::Registration, FeatureType::Reset, FeatureType::UnknownFutureValue, undocumented("a"), undocumented("b")]);
        // A member and an undocumented value with its text differ, as derived.
        assert_ne!(FeatureType::Reset, undocumented("reset"));
        assert!(FeatureType::Reset < undocumented("reset"));
        let set: HashSet<FeatureType> = [FeatureType::Reset, FeatureType::Reset, undocumented("reset"), undocumented("x"), undocumented("x")].into_iter().collect();
        assert_eq!(set.len(), 3);
    }

    #[test]
    fn open_enum_basics() {
        assert_eq!(
            FeatureType::MEMBERS,
            &["registration", "reset", "unknownFutureValue"]
        );
        assert_eq!(FeatureType::Reset.as_str(), "reset");
        assert_eq!(FeatureType::Reset.to_string(), "reset");
        assert_eq!("reset".parse(), Ok(FeatureType::Reset));
        assert_eq!("RESET".parse(), Ok(FeatureType::Reset));
        assert_eq!(
            "unknownfuturevalue".parse(),
            Ok(FeatureType::UnknownFutureValue)
        );
        assert_eq!(
            "brandNew".parse(),
            Ok(FeatureType::Undocumented("brandNew".into()))
        );
        assert_eq!("".parse(), Ok(FeatureType::Undocumented(String::new())));
        assert_eq!("x".parse(), Ok(Empty::Undocumented("x".into())));
        assert!(Empty::MEMBERS.is_empty());
        assert!(FeatureType::Registration < FeatureType::Reset);
    }

    #[test]
    fn open_enum_serde() {
        assert_eq!(
            serde_json::to_value(FeatureType::Registration).unwrap(),
            json!("registration")
        );
        let v: Vec<FeatureType> =
            serde_json::from_value(json!(["reset", "Registration", "new"])).unwrap();
        assert_eq!(
            v,
            [
                FeatureType::Reset,
                FeatureType::Registration,
                FeatureType::Undocumented("new".into())
            ]
        );
        assert_eq!(serde_json::to_value(&v[2]).unwrap(), json!("new"));
        assert!(serde_json::from_value::<FeatureType>(json!(1)).is_err());
        assert!(serde_json::from_value::<FeatureType>(json!(null)).is_err());
        let o: Option<FeatureType> = serde_json::from_value(json!(null)).unwrap();
        assert_eq!(o, None);
    }

    #[test]
    fn flag_set() {
        let set: FlagSet<FeatureType> =
            serde_json::from_value(json!(" reset , registration,,other ")).unwrap();
        assert_eq!(set.len(), 3);
        assert!(set.contains(&FeatureType::Reset));
        assert_eq!(
            serde_json::to_value(&set).unwrap(),
            json!("reset,registration,other")
        );
        let again: FlagSet<FeatureType> =
            serde_json::from_value(json!("other,registration,reset")).unwrap();
        assert_eq!(set, again, "order does not matter");

        let mut s = FlagSet::new();
        assert!(s.insert(FeatureType::Reset));
        assert!(!s.insert(FeatureType::Reset));
        assert_eq!(s.iter().collect::<Vec<_>>(), [&FeatureType::Reset]);
        assert!(s.remove(&FeatureType::Reset));
        assert!(s.is_empty());
        assert_eq!(serde_json::to_value(&s).unwrap(), json!(""));

        let empty: FlagSet<FeatureType> = serde_json::from_value(json!("")).unwrap();
        assert!(empty.is_empty());
        let arr: FlagSet<FeatureType> =
            serde_json::from_value(json!(["reset", "registration"])).unwrap();
        assert_eq!(arr.len(), 2);
        assert!(serde_json::from_value::<FlagSet<FeatureType>>(json!(3)).is_err());
    }
}
