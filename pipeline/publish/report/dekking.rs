//! The map of covered gemeenten per reporting year in the datakwaliteit chapter
//! (`spec/dekking.md`): every omgevingsdienst region, covered when its service
//! delivered controles for the year, drawn like the other maps.

use super::hoofdstukken::{Csv, Figuur, Hoofdstukbron, TabelView};
use super::kaart::{beschrijving, kaart, Regio};
use super::{getal, procent};
use crate::error::Result;
use minijinja::context;

/// One map (and its table and CSV) per reporting year, from the coverage on the
/// regional rows of the first indicator with coverage in the catalogue.
pub fn kaarten(bron: &Hoofdstukbron) -> Result<Vec<(Figuur, Csv)>> {
    let Some(ind) = bron.catalogus.iter().find(|i| i.meta.dekking) else {
        return Ok(Vec::new());
    };
    let mut jaren = bron.jaren.to_vec();
    jaren.sort_unstable();
    jaren
        .into_iter()
        .map(|jaar| kaart_van(bron, &ind.meta.id, jaar))
        .collect()
}

const NIVEAU: &str = "omgevingsdienst_regio";

/// Per region (code, name, covered, all gemeenten); a region without a row of the
/// year had no controles at all, so none of its gemeenten is covered.
fn per_regio(bron: &Hoofdstukbron, id: &str, jaar: i32) -> Vec<(String, String, i64, i64)> {
    let niveau = NIVEAU;
    let indeling = bron.referentie.indeling(niveau);
    bron.referentie
        .eenheden(niveau)
        .iter()
        .map(|(code, naam)| {
            let totaal = indeling.values().filter(|e| *e == code).count() as i64;
            let gedekt = bron
                .index
                .rij(id, jaar, niveau, code, None)
                .and_then(|r| r.gemeenten_gedekt)
                .unwrap_or(0);
            (code.clone(), naam.clone(), gedekt, totaal)
        })
        .collect()
}

/// The CSV of a year's map: its regions with their covered and total gemeenten.
fn csv(jaar: i32, per_regio: &[(String, String, i64, i64)]) -> String {
    let kop = [
        "jaar",
        "niveau",
        "eenheid",
        "naam",
        "gemeenten_gedekt",
        "gemeenten_totaal",
    ]
    .map(String::from);
    let rijen = per_regio.iter().map(|(code, naam, g, t)| {
        [
            jaar.to_string(),
            NIVEAU.to_string(),
            code.clone(),
            naam.clone(),
            g.to_string(),
            t.to_string(),
        ]
    });
    crate::display::csv_voor_mensen(std::iter::once(kop).chain(rijen))
}

fn kaart_van(bron: &Hoofdstukbron, id: &str, jaar: i32) -> Result<(Figuur, Csv)> {
    let niveau = NIVEAU;
    let indeling = bron.referentie.indeling(niveau);
    let per_regio = per_regio(bron, id, jaar);
    let (gedekt, totaal) = per_regio
        .iter()
        .fold((0, 0), |(g, t), r| (g + r.2, t + r.3));
    let w = &bron.woorden;
    let regios: Vec<Regio> = per_regio
        .iter()
        .map(|(code, naam, g, t)| {
            let pct = if *t > 0 {
                100.0 * *g as f64 / *t as f64
            } else {
                0.0
            };
            let aantallen =
                context! { gedekt => getal(*g as f64, 0), totaal => getal(*t as f64, 0) };
            Ok(Regio {
                code: code.clone(),
                naam: naam.clone(),
                waarde: Some(pct),
                tekst: w.zin("dekking_regio", aantallen)?,
                onderdrukt: false,
            })
        })
        .collect::<Result<_>>()?;
    let fig_id = format!("fig-dekking-{jaar}");
    let kop = w.zin(
        "dekking_kop",
        context! { jaar, gedekt => getal(gedekt as f64, 0), totaal => getal(totaal as f64, 0) },
    )?;
    let alternatief = w.zin(
        "dekking_alternatief",
        context! { jaar, regios => beschrijving(&regios) },
    )?;
    let svg = kaart(
        &fig_id,
        &kop,
        &alternatief,
        bron.kaart,
        &indeling,
        &regios,
        &procent,
    );
    let pad = format!("csv/{fig_id}.csv");
    let figuur = Figuur {
        id: fig_id,
        kop,
        ondertitel: w.zin("dekking_ondertitel", context! { jaar, id, niveau })?,
        svg,
        alternatief,
        tabel: TabelView {
            kop: w.kolommen("dekking")?,
            rijen: per_regio
                .iter()
                .map(|(_, naam, g, t)| {
                    (naam.clone(), vec![getal(*g as f64, 0), getal(*t as f64, 0)])
                })
                .collect(),
            voetnoten: Vec::new(),
        },
        csv: pad.clone(),
        zin: None,
    };
    Ok((
        figuur,
        Csv {
            pad,
            inhoud: csv(jaar, &per_regio),
        },
    ))
}
