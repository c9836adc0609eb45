//! The hand-written runtime, copied into every generated crate as `src/runtime/`.

pub const FILES: &[(&str, &str)] = &[
    ("client.rs", include_str!("../../runtime/client.rs")),
    ("enums.rs", include_str!("../../runtime/enums.rs")),
    ("error.rs", include_str!("../../runtime/error.rs")),
    ("mod.rs", include_str!("../../runtime/mod.rs")),
    ("object.rs", include_str!("../../runtime/object.rs")),
    ("polymorphic.rs", include_str!("../../runtime/polymorphic.rs")),
    ("primitives.rs", include_str!("../../runtime/primitives.rs")),
    ("request.rs", include_str!("../../runtime/request.rs")),
    ("response.rs", include_str!("../../runtime/response.rs")),
];
