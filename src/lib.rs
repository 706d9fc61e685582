//! conditional-regex-replace: *if* a variable matches a condition, *then* in the files a glob
//! selects, the spans captured by named regex groups become the variables' values.
//!
//! The engine is pure: it takes the inputs, the environment, relative paths and file contents,
//! and returns data (selections, new contents, edits, diagnostics). `wasm` exposes it to
//! JavaScript; see `docs/engine-api.md`.

// Diagnostics are large and rare: boxing them would only add noise to every `?`.
#![allow(clippy::result_large_err)]
// Table-driven tests spell out their case tuples.
#![cfg_attr(test, allow(clippy::type_complexity))]

pub mod apply;
pub mod diagnostic;
pub mod dsl;
pub mod engine;
pub mod glob;
pub mod inputs;
pub mod json;
pub mod matcher;
pub mod pattern;
pub mod registry;
pub mod template;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use engine::{Config, Engine, FileResult, Options, Report, Selection, Status};

/// The allocator of the wasm build (see Cargo.toml): single-threaded, growing wasm memory as it needs.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::TalckWasm = unsafe { talc::TalckWasm::new_global() };
