//! `codebook.md` of a release: every column of every dataset with its meaning, type,
//! unit and code list, from the same descriptions as `datapackage.json`.

use std::collections::BTreeSet;
use std::path::Path;

use super::datapackage::{waarden, Geschreven};
use super::Herkomst;
use crate::datasets::Release;
use crate::error::Result;
use crate::indicators::disclosure::Onderdrukking;
use crate::reference::Codelijsten;

fn cel(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// The template beside the report's.
pub const BESTAND: &str = "codebook.md";

/// The codebook of `release`, rendered from `codebook.md` in `templates`.
pub fn codebook(
    templates: &Path,
    release: Release,
    geschreven: &[Geschreven],
    codelijsten: &Codelijsten,
    herkomst: &Herkomst,
    pseudonimisering: &str,
    onderdrukking: &Onderdrukking,
) -> Result<String> {
    let mut env = minijinja::Environment::new();
    env.set_loader(minijinja::path_loader(templates));
    // One line of the template is one line of Markdown: a tag's own line leaves
    // nothing behind.
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    env.add_filter("cel", |s: &str| cel(s));
    let mut lijsten: BTreeSet<&'static str> = BTreeSet::new();
    let datasets: Vec<minijinja::Value> = geschreven
        .iter()
        .filter(|g| g.release == release)
        .map(|g| dataset(g, &mut lijsten))
        .collect();
    let o = onderdrukking;
    let ctx = minijinja::context! {
        h => herkomst,
        release => release.code(),
        pseudonimisering,
        o => minijinja::context! {
            cellen => o.cellen, primair => o.primair, secundair => o.secundair,
            primair_pct => super::report::procent(o.pct(o.primair)),
            secundair_pct => super::report::procent(o.pct(o.secundair)),
        },
        datasets,
        codelijsten => lijsten
            .into_iter()
            .filter_map(|naam| codes(naam, codelijsten))
            .collect::<Vec<_>>(),
    };
    Ok(env.get_template(BESTAND)?.render(ctx)?)
}

/// A dataset's facts and columns; the code lists its columns name are added to
/// `lijsten`.
fn dataset(g: &Geschreven, lijsten: &mut BTreeSet<&'static str>) -> minijinja::Value {
    let ds = g.dataset;
    let kolommen: Vec<minijinja::Value> = ds
        .kolommen
        .iter()
        .map(|k| {
            if let Some(l) = k.codelijst {
                lijsten.insert(l.split('.').next().unwrap_or(l));
            }
            let t = g
                .typen
                .iter()
                .find(|(n, _)| n == k.naam)
                .map_or("string", |(_, t)| *t);
            minijinja::context! {
                naam => k.naam, type => t, verplicht => k.verplicht,
                eenheid => k.eenheid.unwrap_or(""), codelijst => k.codelijst,
                waarden => k.waarden, omschrijving => k.omschrijving,
            }
        })
        .collect();
    let verwijzingen: Vec<minijinja::Value> = ds
        .verwijzingen
        .iter()
        .map(|v| minijinja::context! { kolommen => v.kolommen, dataset => v.dataset, naar => v.naar })
        .collect();
    minijinja::context! {
        naam => ds.naam, bestand => ds.bestand, omschrijving => ds.omschrijving,
        rijen => g.rijen, sleutel => ds.sleutel, uniek => ds.uniek,
        sortering => ds.sortering, verwijzingen, kolommen,
    }
}

/// A code list as the codebook lists it: (code, naam), in the order the data
/// package gives its values.
fn codes(naam: &'static str, codelijsten: &Codelijsten) -> Option<minijinja::Value> {
    let l = codelijsten.lijst(naam)?;
    let kolom = crate::datasets::Kolombeschrijving {
        naam: "",
        omschrijving: "",
        verplicht: false,
        codelijst: Some(naam),
        waarden: &[],
        eenheid: None,
    };
    let codes: Vec<(String, String)> = waarden(&kolom, codelijsten, "string")
        .iter()
        .map(|c| {
            let code = c.as_str().unwrap_or_default().to_string();
            let oms = l.attr(&code, "naam").unwrap_or("").to_string();
            (code, oms)
        })
        .collect();
    Some(minijinja::context! { naam, codes })
}
