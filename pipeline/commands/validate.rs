//! `vth validate`: rows read, accepted and quarantined per file.

use crate::cli::BatchArgs;
use crate::error::Result;

pub fn execute(a: BatchArgs) -> Result<()> {
    let config = a.config()?;
    let q = crate::run::load_queries(&config)?;
    let u = crate::run::validate(&config, &q, &crate::run::ingest(&config, &q)?)?;
    println!("file\tread\taccepted\tquarantined");
    for r in &u.reconciliatie {
        println!(
            "{}\t{}\t{}\t{}",
            r.bestand, r.gelezen, r.geaccepteerd, r.quarantaine
        );
    }
    print_refused(&u);
    Ok(())
}

/// One line per refused delivery, with its reason.
pub fn print_refused(u: &crate::validate::Uitkomst) {
    for l in u.leveringen.iter().filter(|l| l.status == "geweigerd") {
        println!(
            "refused {} {}: {}",
            l.jaar,
            l.partij,
            l.reden.clone().unwrap_or_default()
        );
    }
}
