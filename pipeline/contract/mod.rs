//! The data contract, below the stages: its rules with their severities
//! (`rules`) and the findings they produce (`findings`). Harmonise and validate
//! both report through it; neither owns it.

pub mod findings;
pub mod rules;
