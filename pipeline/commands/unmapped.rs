//! `vth unmapped`: every value that maps to no national code, as a mapping table to fill in.

use crate::cli::UnmappedArgs;
use crate::error::Result;

pub fn execute(a: UnmappedArgs) -> Result<()> {
    let config = a.batch.config()?;
    let q = crate::run::load_queries(&config)?;
    let u = crate::run::validate(&config, &q, &crate::run::ingest(&config, &q)?)?;
    let csv = crate::harmonise::mapping::te_vullen(&u.niet_gemapt);
    match &a.to {
        Some(pad) => {
            std::fs::write(pad, &csv).map_err(|e| crate::error::Error::write(pad, e))?;
            let n = csv.lines().count().saturating_sub(1);
            println!("{n} unmapped values written to {}", pad.display());
        }
        None => print!("{csv}"),
    }
    Ok(())
}
