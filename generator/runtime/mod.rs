//! Hand-written runtime shared by all generated code: Edm primitive types,
//! open enums, `@odata.type` dispatch, sans-IO requests and responses, and
//! (behind the `client` feature) a small async HTTP client.
//!
//! The generator copies this folder verbatim into every generated crate as
//! `src/runtime/`, so nothing here may depend on generated items.

pub mod enums;
pub mod error;
pub mod object;
pub mod polymorphic;
pub mod primitives;
pub mod request;
pub mod response;

#[cfg(feature = "client")]
pub mod client;

pub use enums::FlagSet;
// The macros the generated models call; a crate without enums or derived types uses none.
#[allow(unused_imports)]
pub(crate) use enums::open_enum;
#[allow(unused_imports)]
pub(crate) use object::object;
#[allow(unused_imports)]
pub(crate) use polymorphic::polymorphic;
pub use error::{Error, GraphError};
pub use primitives::{Binary, Date, DateTimeOffset, Duration, ParseError, TimeOfDay};
pub use request::{path_segments, quoted, segment, Body, Permissions, Request, DEFAULT_BASE_URL};
pub use response::{Bytes, Collection, Count, FromResponse, NoContent, Scalar, Single};

/// JSON members a type does not declare, kept as sent so a round trip loses nothing.
pub type Extra = std::collections::BTreeMap<String, serde_json::Value>;

#[cfg(feature = "client")]
pub use client::{Client, RetryPolicy, StaticToken, TokenProvider};
