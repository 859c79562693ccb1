//! The data contract, below the stages: the exchange format it checks
//! (`format`), its rules with their severities (`rules`), the findings they
//! produce (`findings`) and the format as a Frictionless descriptor for the
//! parties (`schema`). Ingest, harmonise and validate report through it; none of
//! them owns it.

pub mod findings;
pub mod format;
pub mod rules;
pub mod schema;
