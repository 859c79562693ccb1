//! A profile page per province (`provincie-<PV>.html`): the toezicht and handhaving
//! figures of all controles in its municipalities next to the national figures, and
//! the omgevingsdiensten that work in it with their robustness. Read from the
//! published open Parquet data.

use serde::Serialize;

use super::omgevingsdiensten::{self, ProfielInvoer};
use super::totaal_cel;
use crate::indicators::catalogue::Indicator;
use crate::indicators::IndicatorRij;

pub fn pagina(pv: &str) -> String {
    super::feedback::pagina(pv).replacen("terugkoppeling-", "provincie-", 1)
}

#[derive(Serialize)]
struct Provincieregel {
    id: String,
    titel: String,
    provincie: String,
    /// Where the province stands among the 12.
    positie: String,
    nederland: String,
}

#[derive(Serialize)]
struct Provinciedienst {
    naam: String,
    pagina: String,
    robuust: Vec<&'static str>,
}

#[derive(Serialize)]
struct Jaar {
    jaar: i32,
    indicatoren: Vec<Provincieregel>,
}

#[derive(Serialize)]
pub struct ProvinciePagina {
    pub code: String,
    pub bestand: String,
    naam: String,
    gemeenten: usize,
    diensten: Vec<Provinciedienst>,
    jaren: Vec<Jaar>,
}

/// The province codes an omgevingsdienst works in.
pub fn van_dienst(inv: &ProfielInvoer, od: &str) -> Vec<String> {
    inv.referentie
        .omgevingsdiensten
        .get(od)
        .map(|o| {
            o.provincie_codes
                .split(';')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

pub fn provincie_pagina(inv: &ProfielInvoer, pv: &str) -> ProvinciePagina {
    let rangorde = super::Rangorde::new(inv.indicatoren, "provincie");
    // The page's own totals and the national ones (looked up many times).
    let eigen: Vec<IndicatorRij> = inv
        .indicatoren
        .iter()
        .filter(|r| r.dimensie.is_none() && (r.niveau == "nationaal" || r.eenheid == pv))
        .cloned()
        .collect();
    let r = inv.referentie;
    let mut diensten: Vec<Provinciedienst> = r
        .omgevingsdiensten
        .keys()
        .filter(|od| van_dienst(inv, od).iter().any(|p| p == pv))
        .map(|od| Provinciedienst {
            naam: r.partij_naam(od),
            pagina: omgevingsdiensten::pagina(od),
            robuust: inv
                .jaren
                .iter()
                .map(|&j| {
                    inv.robuustheid
                        .iter()
                        .find(|x| {
                            x.omgevingsdienst == *od
                                && x.jaar == j
                                && x.criterium_id == "R"
                                && x.onderdeel.is_none()
                        })
                        .map_or("onbekend", |x| x.voldoet.code())
                })
                .collect(),
        })
        .collect();
    diensten.sort_by(|a, b| a.naam.cmp(&b.naam));
    let cel = |ind: &Indicator, jaar: i32, niveau: &str, eenheid: &str| {
        totaal_cel(&eigen, ind, jaar, niveau, eenheid)
    };
    let jaren = inv
        .jaren
        .iter()
        .map(|&jaar| Jaar {
            jaar,
            indicatoren: inv
                .catalogus
                .iter()
                .filter(|i| matches!(i.meta.hoofdstuk.as_str(), "toezicht" | "handhaving"))
                .filter(|i| i.meta.niveaus.is_none())
                .map(|i| Provincieregel {
                    id: i.meta.id.clone(),
                    titel: i.meta.titel.clone(),
                    provincie: cel(i, jaar, "provincie", pv),
                    positie: rangorde.positie(&i.meta.id, jaar, pv),
                    nederland: cel(i, jaar, "nationaal", "NL"),
                })
                .collect(),
        })
        .collect();
    ProvinciePagina {
        code: pv.to_string(),
        bestand: pagina(pv),
        naam: r
            .provincies
            .get(pv)
            .map_or_else(|| pv.to_string(), |p| p.provincie_naam.clone()),
        gemeenten: r
            .gemeenten
            .values()
            .filter(|g| g.provincie_code == pv)
            .count(),
        diensten,
        jaren,
    }
}
