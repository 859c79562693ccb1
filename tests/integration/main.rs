//! One integration test binary (as ripgrep does): shared helpers, golden tests per
//! indicator, and tests of the whole pipeline and the CLI on fixtures.

mod aanleverformaat;
mod bench;
mod cli;
mod concentratie;
mod context;
mod contract;
mod datakwaliteit;
mod dekking;
mod dialects;
mod een_bestand;
mod fetch;
mod helpers;
mod hostile;
mod indicators;
mod pipeline;
mod rapport;
mod release;
mod robuustheid;
mod stelsel;
mod strafrechtketen;
mod validation;
