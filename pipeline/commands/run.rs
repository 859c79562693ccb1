//! `vth run`: every stage, the output tree, and a summary on standard output.

use crate::cli::BatchArgs;
use crate::error::Result;

pub fn execute(a: BatchArgs) -> Result<()> {
    let s = crate::run::run(&a.config()?)?;
    if let Some(pad) = std::env::var_os(crate::bench::TIJDEN_VAR) {
        crate::bench::schrijf_tijden(std::path::Path::new(&pad), &s)?;
    }
    println!(
        "run {}: {} files in {} deliveries; {} files not read",
        s.run_id,
        s.bestanden,
        s.leveringen,
        s.overgeslagen.len()
    );
    for o in &s.overgeslagen {
        println!("not read: {o}");
    }
    println!(
        "rows: read {} = accepted {} + quarantined {}",
        s.rijen.gelezen, s.rijen.geaccepteerd, s.rijen.quarantaine
    );
    println!(
        "harmonised: {} controles, {} overtredingen, {} handhavingsmaatregelen, {} organisatie",
        s.rijen.controles,
        s.rijen.overtredingen,
        s.rijen.handhavingsmaatregelen,
        s.rijen.organisatie
    );
    println!(
        "indicators: {} rows; warnings: {}",
        s.rijen.indicatorrijen, s.waarschuwingen
    );
    for g in &s.geweigerd {
        println!("refused delivery: {g}");
    }
    if s.ontwikkelsleutel {
        eprintln!(
            "warning: {} is not set; object_id in the restricted release is pseudonymised with the development key, which is not fit for real data",
            crate::publish::pseudonym::SLEUTEL_VAR
        );
    }
    println!(
        "report: {}",
        s.output.join("rapport").join("index.html").display()
    );
    println!("manifest: {}", s.output.join("manifest.json").display());
    Ok(())
}
