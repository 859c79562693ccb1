//! `vth bench`: the national batches against the DuckDB reference.

use crate::cli::BenchArgs;
use crate::error::Result;

pub fn execute(b: BenchArgs) -> Result<()> {
    let m = crate::bench::bench(&crate::bench::BenchOpties {
        werkmap: b.werkmap,
        queries: b.queries,
        referentie: b.referentie,
        referentie_canoniek: b.referentie_canoniek,
        referentie_een_bestand: b.referentie_een_bestand,
        rijen_een_bestand: b.rijen_een_bestand,
        python: b.python,
        seed: b.seed,
        schaal: b.schaal,
        alleen: b.alleen,
    })?;
    crate::bench::print(&m);
    Ok(())
}
