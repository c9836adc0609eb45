//! graphgen: Microsoft Graph-style reference docs → a Rust SDK crate.
//!
//! The pipeline has three phases, each a module with one entry point:
//! [`pages`] (markdown → page model), [`model`] (pages → types, enums, operations) and
//! [`emit`] (model → Rust files). [`generate`] runs them; [`build`] is the build.rs entry.

pub mod allocator;
pub mod diagnostics;
pub mod pages;
pub mod model;
pub mod emit;
pub mod naming;
pub mod output;
pub mod pipeline;

pub use pipeline::{run, Options, Outcome, UsageError};
pub mod build;
pub mod cli;
pub mod fuzzing;
