//! Staat van VTH pipeline: the engine. The meaning (indicator SQL, code lists,
//! mapping tables, reference data, configuration) lives in `queries/`.
//!
//! Stages, in order: [`ingest`] → [`harmonise`] → [`validate`] → [`indicators`] →
//! [`publish`]; [`run`] puts them in order, [`cli`] holds the arguments and [`commands`] one
//! module per command.

pub mod bench;
pub mod cli;
pub mod clock;
pub mod commands;
pub mod config;
pub mod contract;
pub mod datasets;
pub mod display;
pub mod engine;
pub mod error;
pub mod fetch;
pub mod generate;
pub mod harmonise;
pub mod indicators;
pub mod ingest;
pub mod memory;
pub mod model;
pub mod publish;
pub mod queries;
pub mod reference;
pub mod run;
pub mod validate;
pub mod whitespace;
