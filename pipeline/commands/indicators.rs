//! `vth indicators`: the national figures of every indicator.

use crate::cli::BatchArgs;
use crate::error::Result;

pub fn execute(a: BatchArgs) -> Result<()> {
    let config = a.config()?;
    let q = crate::run::load_queries(&config)?;
    let u = crate::run::validate(&config, &q, &crate::run::ingest(&config, &q)?)?;
    let dq = crate::run::datakwaliteit(&config, &q, &u);
    let rijen = crate::run::indicators(&config, &q, &u, &dq)?;
    println!("indicator\tjaar\tdimensie\twaarde\tteller\tnoemer\tstatus");
    for r in rijen.iter().filter(|r| r.niveau == "nationaal") {
        println!(
            "{} {}\t{}\t{}\t{}\t{}\t{}\t{}",
            r.indicator_id,
            r.indicator,
            r.jaar,
            r.dimensie_waarde.clone().unwrap_or_default(),
            r.waarde.map(|w| format!("{w:.2}")).unwrap_or_default(),
            r.teller.map(|t| t.to_string()).unwrap_or_default(),
            r.noemer.map(|t| t.to_string()).unwrap_or_default(),
            r.status
        );
    }
    Ok(())
}
