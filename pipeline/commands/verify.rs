//! `vth verify`: re-hash an output tree against its manifest.

use crate::cli::VerifyArgs;
use crate::error::Result;

pub fn execute(a: VerifyArgs) -> Result<()> {
    let v = crate::publish::manifest::verify(&a.output)?;
    for f in &v.afwijkingen {
        println!("{f}");
    }
    if !v.afwijkingen.is_empty() {
        return Err(crate::error::Error::Verify {
            path: a.output.clone(),
            afwijkend: v.afwijkingen.len(),
            gecontroleerd: v.gecontroleerd,
        });
    }
    println!(
        "{}: all {} files match manifest.json",
        a.output.display(),
        v.gecontroleerd
    );
    Ok(())
}
