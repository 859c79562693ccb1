//! `vth ingest`: the delivery files found in the input tree.

use crate::cli::BatchArgs;
use crate::error::Result;

pub fn execute(a: BatchArgs) -> Result<()> {
    let config = a.config()?;
    let q = crate::run::load_queries(&config)?;
    let invoer = crate::run::ingest(&config, &q)?;
    for b in &invoer.bestanden {
        println!(
            "{}\t{}\t{}\t{}",
            b.levering.jaar,
            b.levering.partij,
            b.tabel.name(),
            b.relatief
        );
    }
    for o in &invoer.overgeslagen {
        println!("skipped\t{}\t{}", o.relatief, o.reden);
    }
    Ok(())
}
