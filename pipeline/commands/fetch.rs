//! `vth fetch`: collect one year's deliveries as a batch manifest lists them.

use crate::cli::FetchArgs;
use crate::error::Result;

pub fn execute(a: FetchArgs) -> Result<()> {
    let b = crate::run::load_basis(&a.queries)?;
    let batch = crate::fetch::load(&a.manifest, &b.referentie, &b.profielen)?;
    let o = crate::fetch::fetch(&batch, &a.output)?;
    let mut ontvangen = 0;
    let mut totaal = 0;
    for p in &o.partijen {
        let mis: Vec<String> = p
            .bestanden
            .iter()
            .filter(|b| b.uitkomst != crate::fetch::record::Ophaaluitkomst::Ontvangen)
            .map(|b| b.tekort())
            .collect();
        totaal += p.bestanden.len();
        ontvangen += p.bestanden.len() - mis.len();
        if mis.is_empty() && !p.bestanden.is_empty() {
            println!(
                "{} {}: {} files received",
                o.jaar,
                p.code,
                p.bestanden.len()
            );
        } else if p.bestanden.is_empty() {
            println!("{} {}: no files listed", o.jaar, p.code);
        } else {
            println!(
                "{} {}: not (fully) delivered: {}",
                o.jaar,
                p.code,
                mis.join("; ")
            );
        }
    }
    println!(
        "fetched {ontvangen} of {totaal} files for {}; record: {}",
        o.jaar,
        a.output.join(crate::fetch::record::BESTAND).display()
    );
    Ok(())
}
