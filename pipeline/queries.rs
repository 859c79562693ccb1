//! Everything in `queries/` that gives the data its meaning, loaded and checked
//! against itself before any delivery is read.

use std::collections::BTreeMap;

use crate::config::Config;
use crate::error::Result;
use crate::harmonise::mapping::{self, Mappings, Vertaling};
use crate::indicators::catalogue;
use crate::indicators::randvoorwaarden::{self, Conditie};
use crate::ingest::profile::{self, Profielen};
use crate::reference::{Codelijsten, Referentie};

/// Everything in `queries/` that gives the data its meaning.
pub struct Queries {
    pub referentie: Referentie,
    pub codelijsten: Codelijsten,
    pub catalogus: Vec<catalogue::Indicator>,
    /// What a year's indicator queries see: `queries/indicatoren/jaarinvoer/`.
    pub jaarinvoer: Vec<catalogue::JaarInvoer>,
    /// R1–R6, R and S1–S7: `queries/randvoorwaarden/`.
    pub condities: Vec<Conditie>,
    pub mappings: Mappings,
    pub profielen: Profielen,
    pub vertalingen: BTreeMap<String, Vertaling>,
}

pub fn load_queries(config: &Config) -> Result<Queries> {
    let b = load_basis(&config.queries)?;
    let vertalingen = b
        .profielen
        .iter()
        .map(|(p, profiel)| Ok((p.clone(), Vertaling::nieuw(p, Some(profiel), &b.mappings)?)))
        .collect::<Result<_>>()?;
    Ok(Queries {
        referentie: b.referentie,
        codelijsten: b.codelijsten,
        catalogus: catalogue::load(&config.queries.join("indicatoren"))?,
        jaarinvoer: catalogue::load_jaarinvoer(&config.queries.join("indicatoren/jaarinvoer"))?,
        condities: randvoorwaarden::load(&config.queries.join("randvoorwaarden"))?,
        mappings: b.mappings,
        profielen: b.profielen,
        vertalingen,
    })
}

/// The parts of `queries/` that describe the parties and their codes: reference
/// lists, code lists, mapping tables and party profiles, each checked against the
/// ones before. Commands without a batch configuration (fetch, generate, bench)
/// need only these.
pub struct Basis {
    pub referentie: Referentie,
    pub codelijsten: Codelijsten,
    pub mappings: Mappings,
    pub profielen: Profielen,
}

pub fn load_basis(queries: &std::path::Path) -> Result<Basis> {
    let codelijsten = Codelijsten::load(&queries.join("codelijsten"))?;
    let mappings = mapping::load(&queries.join("mappings"), &codelijsten)?;
    let profielen = profile::load(&queries.join("profielen"), &mappings.namen())?;
    Ok(Basis {
        referentie: Referentie::load(&queries.join("referentie"))?,
        codelijsten,
        mappings,
        profielen,
    })
}
