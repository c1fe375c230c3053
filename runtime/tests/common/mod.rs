pub mod chain;
pub mod wasm;
