//! `vth schema --jaar J --to DIR`: the exchange format of a delivery over year J,
//! for the parties and their suppliers: `DIR/datapackage.json` (a Frictionless
//! data package describing one delivery folder) and `DIR/aanleverformaat.html`.

use crate::cli::SchemaArgs;
use crate::contract::schema::Schemainvoer;
use crate::error::{Error, Result};
use crate::publish::report::aanleverformaat::{self, Aanleverformaat};

pub fn execute(a: SchemaArgs) -> Result<()> {
    let config = crate::config::Config::load(
        a.to.clone(),
        a.to.clone(),
        a.config.clone(),
        a.templates.clone(),
    )?;
    config.check_templates()?;
    let basis = crate::run::load_basis(&config.queries)?;
    let invoer = Schemainvoer {
        jaar: a.jaar,
        peildatum: config.peildatum(a.jaar),
        max_waarde_tekens: config.file.grenzen.max_waarde_tekens,
        codelijsten: &basis.codelijsten,
        referentie: &basis.referentie,
    };
    std::fs::create_dir_all(&a.to).map_err(|e| Error::write(&a.to, e))?;
    let descriptor = a.to.join(aanleverformaat::DESCRIPTOR);
    aanleverformaat::schrijf(&descriptor, &aanleverformaat::descriptor_tekst(&invoer)?)?;
    let pagina = a.to.join(aanleverformaat::PAGINA);
    let view = Aanleverformaat::bouw(&invoer, &config, aanleverformaat::DESCRIPTOR);
    crate::publish::report::los_pagina(
        &config.templates,
        "aanleverformaat.html",
        &pagina,
        minijinja::context! {
            v => crate::publish::report::Kop::los(&config, vec![a.jaar], None),
            a => view,
        },
    )?;
    println!("wrote {}", descriptor.display());
    println!("wrote {}", pagina.display());
    Ok(())
}
