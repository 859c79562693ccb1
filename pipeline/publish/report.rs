//! The Staat van VTH report: static HTML rendered with minijinja from
//! `report-templates/`, built from the published (open) indicator dataset read back
//! from Parquet, so the report shows exactly what was published.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::indicators::catalogue::{Indicator, Soort};
use crate::indicators::IndicatorRij;

/// Dutch number formatting: `.` for thousands, `,` for decimals.
pub fn getal(v: f64, decimalen: usize) -> String {
    let s = format!("{:.*}", decimalen, v.abs());
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (s.clone(), None),
    };
    let mut grouped = String::new();
    for (k, ch) in int.chars().enumerate() {
        if k > 0 && (int.len() - k) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(ch);
    }
    let sign = if v < 0.0 && s.chars().any(|c| c != '0' && c != '.') {
        "-"
    } else {
        ""
    };
    match frac {
        Some(f) => format!("{sign}{grouped},{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// A figure as the report prints it, with the CBS symbol for suppression.
pub fn tekst(r: &IndicatorRij, soort: Soort) -> String {
    match (r.status, r.waarde) {
        ("onderdrukt", _) => ".".into(),
        (_, None) => "geen waarnemingen".into(),
        (_, Some(w)) => match soort {
            Soort::Aantal => getal(w, 0),
            Soort::Aandeel => format!("{}%", getal(w, 1)),
            Soort::Mediaan => getal(w, 1),
        },
    }
}

#[derive(Serialize)]
struct Cel {
    jaar: i32,
    tekst: String,
    teller: Option<String>,
    noemer: Option<String>,
    status: &'static str,
}

#[derive(Serialize)]
struct Uitsplitsing {
    dimensie: String,
    rijen: Vec<(String, Vec<Cel>)>,
}

#[derive(Serialize)]
struct IndicatorView {
    id: String,
    naam: String,
    titel: String,
    definitie: String,
    eenheid: String,
    bron: String,
    cellen: Vec<Cel>,
    uitsplitsingen: Vec<Uitsplitsing>,
}

#[derive(Serialize)]
struct Hoofdstuk {
    id: String,
    titel: &'static str,
    indicatoren: Vec<IndicatorView>,
}

/// Run facts the report states about its sources.
#[derive(Debug, Clone, Serialize)]
pub struct Verantwoording {
    pub editie: String,
    pub jaren: Vec<i32>,
    pub peildata: Vec<(i32, String)>,
    pub run_id: String,
    pub tool_versie: String,
    pub partijen: Vec<(String, String, String)>,
    pub gelezen: String,
    pub geaccepteerd: String,
    pub quarantaine: String,
    pub min_celwaarde: i64,
    pub min_noemer: i64,
}

fn hoofdstuk_titel(id: &str) -> &'static str {
    match id {
        "toezicht" => "Toezicht",
        "handhaving" => "Handhaving",
        "robuustheid" => "Robuustheid van de omgevingsdiensten",
        "datakwaliteit" => "Datakwaliteit",
        _ => "Overig",
    }
}

fn cel(r: Option<&IndicatorRij>, jaar: i32, soort: Soort) -> Cel {
    match r {
        Some(r) => Cel {
            jaar,
            tekst: tekst(r, soort),
            teller: r
                .teller
                .filter(|_| soort == Soort::Aandeel)
                .map(|t| getal(t as f64, 0)),
            noemer: r.noemer.map(|n| getal(n as f64, 0)),
            status: r.status,
        },
        None => Cel {
            jaar,
            tekst: "geen waarnemingen".into(),
            teller: None,
            noemer: None,
            status: "geen_waarnemingen",
        },
    }
}

pub fn render(
    templates: &Path,
    out_dir: &Path,
    catalogus: &[Indicator],
    rijen: &[IndicatorRij],
    verantwoording: &Verantwoording,
    robuustheid: &super::omgevingsdiensten::Hoofdstuk,
) -> Result<()> {
    let nationaal: BTreeMap<(&str, i32, Option<&str>, Option<&str>), &IndicatorRij> = rijen
        .iter()
        .filter(|r| r.niveau == "nationaal")
        .map(|r| {
            (
                (
                    r.indicator_id.as_str(),
                    r.jaar,
                    r.dimensie.as_deref(),
                    r.dimensie_waarde.as_deref(),
                ),
                r,
            )
        })
        .collect();
    let mut hoofdstukken: Vec<Hoofdstuk> = Vec::new();
    for ind in catalogus {
        let m = &ind.meta;
        let cellen = verantwoording
            .jaren
            .iter()
            .map(|&j| {
                cel(
                    nationaal.get(&(m.id.as_str(), j, None, None)).copied(),
                    j,
                    m.soort,
                )
            })
            .collect();
        let mut uitsplitsingen = Vec::new();
        for dim in m.dimensies.keys() {
            let mut codes: Vec<&str> = nationaal
                .keys()
                .filter(|(id, _, d, _)| *id == m.id && *d == Some(dim.as_str()))
                .filter_map(|(_, _, _, w)| *w)
                .collect();
            codes.sort();
            codes.dedup();
            let rijen = codes
                .into_iter()
                .map(|code| {
                    let cellen = verantwoording
                        .jaren
                        .iter()
                        .map(|&j| {
                            cel(
                                nationaal
                                    .get(&(m.id.as_str(), j, Some(dim.as_str()), Some(code)))
                                    .copied(),
                                j,
                                m.soort,
                            )
                        })
                        .collect();
                    (code.replace('_', " "), cellen)
                })
                .collect();
            uitsplitsingen.push(Uitsplitsing {
                dimensie: dim.clone(),
                rijen,
            });
        }
        let view = IndicatorView {
            id: m.id.clone(),
            naam: m.naam.clone(),
            titel: m.titel.clone(),
            definitie: m.definitie.clone(),
            eenheid: m.eenheid.clone(),
            bron: ind.bron.clone(),
            cellen,
            uitsplitsingen,
        };
        match hoofdstukken.iter_mut().find(|h| h.id == m.hoofdstuk) {
            Some(h) => h.indicatoren.push(view),
            None => hoofdstukken.push(Hoofdstuk {
                id: m.hoofdstuk.clone(),
                titel: hoofdstuk_titel(&m.hoofdstuk),
                indicatoren: vec![view],
            }),
        }
    }

    let env = omgeving(templates);
    schrijf(
        &env,
        "index.html",
        &out_dir.join("index.html"),
        minijinja::context! {
            v => verantwoording,
            hoofdstukken => hoofdstukken,
            r => robuustheid,
        },
    )?;
    let css_src = templates.join("stijl.css");
    let css_dst = out_dir.join("stijl.css");
    std::fs::copy(&css_src, &css_dst).map_err(|e| Error::io(&css_src, e))?;
    Ok(())
}

fn omgeving(templates: &Path) -> minijinja::Environment<'static> {
    let mut env = minijinja::Environment::new();
    env.set_loader(minijinja::path_loader(templates));
    env
}

fn schrijf(
    env: &minijinja::Environment,
    template: &str,
    pad: &Path,
    ctx: minijinja::Value,
) -> Result<()> {
    let html = env.get_template(template)?.render(ctx)?;
    std::fs::write(pad, html).map_err(|e| Error::io(pad, e))
}

/// One profile page per omgevingsdienst of the reference list.
pub fn render_omgevingsdiensten(
    templates: &Path,
    out_dir: &Path,
    verantwoording: &Verantwoording,
    invoer: &super::omgevingsdiensten::Invoer,
) -> Result<()> {
    let env = omgeving(templates);
    for od in invoer.referentie.omgevingsdiensten.keys() {
        let p = super::omgevingsdiensten::od_pagina(invoer, od);
        schrijf(
            &env,
            "omgevingsdienst.html",
            &out_dir.join(&p.bestand),
            minijinja::context! {
                v => verantwoording,
                p => p,
            },
        )?;
    }
    Ok(())
}

/// The national data-quality chapter and one feedback page per delivering party.
pub fn render_datakwaliteit(
    templates: &Path,
    out_dir: &Path,
    verantwoording: &Verantwoording,
    invoer: &super::feedback::Invoer,
) -> Result<()> {
    let env = omgeving(templates);
    schrijf(
        &env,
        "datakwaliteit.html",
        &out_dir.join("datakwaliteit.html"),
        minijinja::context! {
            v => verantwoording,
            d => super::feedback::landelijk(invoer),
        },
    )?;
    for partij in super::feedback::partijen(invoer) {
        let p = super::feedback::partijpagina(invoer, &partij);
        schrijf(
            &env,
            "terugkoppeling.html",
            &out_dir.join(&p.bestand),
            minijinja::context! {
                v => verantwoording,
                p => p,
            },
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::getal;

    #[test]
    fn dutch_numbers() {
        assert_eq!(getal(1234567.0, 0), "1.234.567");
        assert_eq!(getal(12.345, 1), "12,3");
        assert_eq!(getal(999.95, 1), "1.000,0");
        assert_eq!(getal(0.0, 1), "0,0");
        assert_eq!(getal(-4.5, 1), "-4,5");
    }
}
