//! `vth generate`: a seeded batch of sample deliveries.

use crate::cli::GenerateArgs;
use crate::error::Result;

pub fn execute(g: GenerateArgs) -> Result<()> {
    let b = crate::run::load_basis(&g.queries)?;
    let opties = crate::generate::GenerateOpties {
        seed: g.seed,
        schaal: g.schaal,
        jaren: g.jaren.0.clone(),
    };
    let partijen = match g.partijen.as_str() {
        "landelijk" => crate::generate::landelijke_partijen(&b.referentie),
        "canoniek" => crate::generate::canonieke_partijen(&b.referentie, &b.profielen),
        _ => crate::generate::standaard_partijen(),
    };
    let tellingen = crate::generate::genereer(
        &opties,
        &partijen,
        &b.referentie,
        &b.profielen,
        &b.mappings,
        &g.output,
    )?;
    for (p, n) in tellingen {
        println!("{p}: {n} rows");
    }
    Ok(())
}
