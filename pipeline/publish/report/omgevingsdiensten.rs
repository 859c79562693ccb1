//! The robustness chapter of the report and one profile page per omgevingsdienst
//! (`omgevingsdienst-<code>.html`). Everything here is read from the published
//! Parquet files (robuustheid, indicatoren, datakwaliteit), never recomputed.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::Serialize;

use super::feedback;
use super::{getal, totaal_cel};
use crate::config::Robuustheid;
use crate::indicators::catalogue::Indicator;
use crate::indicators::datakwaliteit::KwaliteitRij;
use crate::indicators::randvoorwaarden::{self, Conditie, RobuustheidRij, Voldoet};
use crate::indicators::IndicatorRij;
use crate::reference::Referentie;

pub struct ProfielInvoer<'a> {
    /// The figures' words (`bijschriften.txt`).
    pub woorden: super::bijschriften::Bijschriften<'a>,
    pub jaren: &'a [i32],
    pub robuustheid: &'a [RobuustheidRij],
    /// S4–S7, read back from `stelsel.parquet`.
    pub stelsel: &'a [crate::indicators::randvoorwaarden::StelselRij],
    /// R1–R6, R, S1–S7 with their titles.
    pub condities: &'a [Conditie],
    pub codelijsten: &'a crate::reference::Codelijsten,
    pub indicatoren: &'a [IndicatorRij],
    pub dq: &'a [KwaliteitRij],
    pub catalogus: &'a [Indicator],
    pub referentie: &'a Referentie,
    pub drempels: &'a Robuustheid,
    pub deadline: NaiveDate,
    /// Parties that have a feedback page.
    pub terugkoppeling: &'a BTreeSet<String>,
}

pub fn pagina(od: &str) -> String {
    feedback::pagina(od).replacen("terugkoppeling-", "omgevingsdienst-", 1)
}

/// A value in the unit of its criterion, Dutch formatting.
fn opgemaakt(w: f64, eenheid: Option<&str>, vergelijking: Option<&str>) -> String {
    if vergelijking == Some("ja") {
        return if w >= 1.0 { "ja" } else { "nee" }.into();
    }
    match eenheid {
        Some("aandeel") => super::procent(100.0 * w),
        Some("procent") => super::procent(w),
        Some("euro") => format!("€ {}", getal(w, 0)),
        Some("ratio") => getal(w, 2),
        Some("dagen") => format!("{} dagen", getal(w, 0)),
        _ => getal(w, 0),
    }
}

fn drempel_tekst(r: &RobuustheidRij) -> String {
    match (r.drempel, r.vergelijking.as_deref()) {
        (_, Some("ja")) => "ja".into(),
        (Some(d), Some(op)) => {
            let teken = match op {
                ">=" => "≥",
                ">" => ">",
                _ => "≤",
            };
            format!("{teken} {}", opgemaakt(d, r.eenheid.as_deref(), Some(op)))
        }
        _ => String::new(),
    }
}

#[derive(Serialize)]
struct CriteriumView {
    id: String,
    titel: String,
    onderdeel: Option<String>,
    waarde: String,
    drempel: String,
    voldoet: &'static str,
    toelichting: String,
    bron: String,
}

fn criterium_view(c: &[Conditie], r: &RobuustheidRij) -> CriteriumView {
    CriteriumView {
        id: r.criterium_id.clone(),
        titel: randvoorwaarden::titel(c, &r.criterium_id).to_string(),
        onderdeel: r
            .onderdeel
            .as_deref()
            .map(|o| randvoorwaarden::onderdeel_titel(c, &r.criterium_id, o).to_string()),
        waarde: r.waarde.map_or_else(String::new, |w| {
            opgemaakt(w, r.eenheid.as_deref(), r.vergelijking.as_deref())
        }),
        drempel: drempel_tekst(r),
        voldoet: r.voldoet.code(),
        toelichting: r.toelichting.clone().unwrap_or_default(),
        bron: r.drempel_bron.clone().unwrap_or_default(),
    }
}

#[derive(Serialize)]
struct Robuustheidstelling {
    jaar: i32,
    ja: usize,
    nee: usize,
    onbekend: usize,
    totaal: usize,
    /// Change in the number of robust services since the previous year, e.g. "+1".
    verschil: Option<String>,
    geen_levering: Vec<String>,
}

#[derive(Serialize)]
struct DienstRegel {
    code: String,
    naam: String,
    pagina: String,
    status: Vec<&'static str>,
}

#[derive(Serialize)]
struct CriteriumTelling {
    id: String,
    titel: String,
    /// Per year: (ja, nee, onbekend).
    per_jaar: Vec<(usize, usize, usize)>,
}

#[derive(Serialize)]
struct DrempelView {
    naam: String,
    waarde: String,
    bron: String,
}

#[derive(Serialize)]
pub struct Profielhoofdstuk {
    deadline: String,
    illustratief: bool,
    tellingen: Vec<Robuustheidstelling>,
    criteria: Vec<CriteriumTelling>,
    diensten: Vec<DienstRegel>,
    drempels: Vec<DrempelView>,
}

pub fn datum_nl(d: NaiveDate) -> String {
    const MAANDEN: [&str; 12] = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ];
    let m = MAANDEN[chrono::Datelike::month0(&d) as usize];
    format!(
        "{} {m} {}",
        chrono::Datelike::day(&d),
        chrono::Datelike::year(&d)
    )
}

fn hoofdrij<'a>(
    rs: &'a [RobuustheidRij],
    od: &str,
    jaar: i32,
    id: &str,
) -> Option<&'a RobuustheidRij> {
    rs.iter().find(|r| {
        r.omgevingsdienst == od && r.jaar == jaar && r.criterium_id == id && r.onderdeel.is_none()
    })
}

pub fn hoofdstuk(inv: &ProfielInvoer) -> Profielhoofdstuk {
    let diensten: Vec<&String> = inv.referentie.omgevingsdiensten.keys().collect();
    let status = |od: &str, jaar: i32, id: &str| {
        hoofdrij(inv.robuustheid, od, jaar, id).map_or(Voldoet::Onbekend, |r| r.voldoet)
    };
    let mut tellingen: Vec<Robuustheidstelling> = Vec::new();
    for &jaar in inv.jaren {
        let tel = |v: Voldoet| {
            diensten
                .iter()
                .filter(|od| status(od, jaar, "R") == v)
                .count()
        };
        let ja = tel(Voldoet::Ja);
        let verschil = tellingen.last().map(|vorig| {
            let d = ja as i64 - vorig.ja as i64;
            if d > 0 {
                format!("+{d}")
            } else {
                d.to_string()
            }
        });
        let geen_levering = diensten
            .iter()
            .filter(|od| {
                hoofdrij(inv.robuustheid, od, jaar, "R")
                    .and_then(|r| r.toelichting.as_deref())
                    .is_some_and(|t| t.starts_with("geen organisatie.csv"))
            })
            .map(|od| inv.referentie.partij_naam(od))
            .collect();
        tellingen.push(Robuustheidstelling {
            jaar,
            ja,
            nee: tel(Voldoet::Nee),
            onbekend: tel(Voldoet::Onbekend),
            totaal: diensten.len(),
            verschil,
            geen_levering,
        });
    }
    // Every criterion of robuustheid.parquet but R itself (the table above).
    let criteria = inv
        .condities
        .iter()
        .filter(|c| c.meta.dataset == randvoorwaarden::Doel::Robuustheid && c.meta.id != "R")
        .map(|c| c.meta.id.as_str())
        .map(|id| CriteriumTelling {
            id: id.to_string(),
            titel: randvoorwaarden::titel(inv.condities, id).to_string(),
            per_jaar: inv
                .jaren
                .iter()
                .map(|&j| {
                    let tel = |v| diensten.iter().filter(|od| status(od, j, id) == v).count();
                    (tel(Voldoet::Ja), tel(Voldoet::Nee), tel(Voldoet::Onbekend))
                })
                .collect(),
        })
        .collect();
    let mut regels: Vec<DienstRegel> = diensten
        .iter()
        .map(|od| DienstRegel {
            code: od.to_string(),
            naam: inv.referentie.partij_naam(od),
            pagina: pagina(od),
            status: inv
                .jaren
                .iter()
                .map(|&j| status(od, j, "R").code())
                .collect(),
        })
        .collect();
    regels.sort_by(|a, b| a.naam.cmp(&b.naam));
    let d = inv.drempels;
    let drempels = d
        .drempels
        .iter()
        .map(|(naam, x)| DrempelView {
            naam: x.omschrijving.clone().unwrap_or_else(|| naam.clone()),
            waarde: opgemaakt(x.waarde, x.eenheid.as_deref(), None),
            bron: x.bron.clone(),
        })
        .collect();
    Profielhoofdstuk {
        deadline: datum_nl(inv.deadline),
        illustratief: d.illustratief,
        tellingen,
        criteria,
        diensten: regels,
        drempels,
    }
}

#[derive(Serialize)]
struct IndicatorRegel {
    id: String,
    titel: String,
    partij: String,
    regio: String,
    /// Where the region stands among the 28.
    positie: String,
    nederland: String,
}

#[derive(Serialize)]
struct DqRegel {
    status: String,
    toelichting: String,
    gelezen: String,
    quarantaine: String,
}

#[derive(Serialize)]
struct OdJaar {
    jaar: i32,
    robuust: &'static str,
    criteria: Vec<CriteriumView>,
    indicatoren: Vec<IndicatorRegel>,
    datakwaliteit: DqRegel,
}

#[derive(Serialize)]
pub struct OdPagina {
    pub code: String,
    pub bestand: String,
    naam: String,
    regeling: String,
    gemeenten: Vec<String>,
    terugkoppeling: Option<String>,
    jaren: Vec<OdJaar>,
}

pub fn od_pagina(inv: &ProfielInvoer, od: &str) -> OdPagina {
    let rangorde = super::Rangorde::new(inv.indicatoren, "omgevingsdienst_regio");
    // The page's own totals and the national ones: the cells below look them up
    // many times, so not in every row of the batch.
    let eigen: Vec<IndicatorRij> = inv
        .indicatoren
        .iter()
        .filter(|r| r.dimensie.is_none() && (r.niveau == "nationaal" || r.eenheid == od))
        .cloned()
        .collect();
    let r = inv.referentie;
    let mut gemeenten: Vec<String> = r
        .gemeenten
        .values()
        .filter(|g| g.omgevingsdienst_code == od)
        .map(|g| g.gemeente_naam.clone())
        .collect();
    gemeenten.sort();
    let regeling = r
        .omgevingsdiensten
        .get(od)
        .map(|o| o.naam_regeling.clone())
        .unwrap_or_default();
    // The service's own D-rows, once: the years below look them up, and the batch
    // holds D2 for every file and column of every party.
    let eigen_dq: Vec<&KwaliteitRij> = inv.dq.iter().filter(|x| x.partij == od).collect();
    let jaren = inv
        .jaren
        .iter()
        .map(|&jaar| {
            let criteria = inv
                .robuustheid
                .iter()
                .filter(|x| x.omgevingsdienst == od && x.jaar == jaar)
                .map(|x| criterium_view(inv.condities, x))
                .collect();
            let cel = |niveau: &str, eenheid: &str, ind: &Indicator| {
                totaal_cel(&eigen, ind, jaar, niveau, eenheid)
            };
            let indicatoren = inv
                .catalogus
                .iter()
                .filter(|i| matches!(i.meta.hoofdstuk.as_str(), "toezicht" | "handhaving"))
                .filter(|i| i.meta.niveaus.is_none())
                .map(|i| IndicatorRegel {
                    id: i.meta.id.clone(),
                    titel: i.meta.titel.clone(),
                    partij: cel("partij", od, i),
                    regio: cel("omgevingsdienst_regio", od, i),
                    positie: rangorde.positie(&i.meta.id, jaar, od),
                    nederland: cel("nationaal", "NL", i),
                })
                .collect();
            let d1 = eigen_dq
                .iter()
                .find(|x| x.indicator_id == "D1" && x.jaar == jaar);
            let som = |telling: &str| {
                eigen_dq
                    .iter()
                    .filter(|x| {
                        x.indicator_id == "D7"
                            && x.jaar == jaar
                            && x.dimensie_waarde.as_deref() == Some(telling)
                    })
                    .filter_map(|x| x.waarde)
                    .sum::<f64>()
            };
            OdJaar {
                jaar,
                robuust: hoofdrij(inv.robuustheid, od, jaar, "R")
                    .map_or("onbekend", |x| x.voldoet.code()),
                criteria,
                indicatoren,
                datakwaliteit: DqRegel {
                    status: d1
                        .and_then(|x| x.dimensie_waarde.clone())
                        .unwrap_or_else(|| "ontbreekt".into()),
                    toelichting: d1.and_then(|x| x.toelichting.clone()).unwrap_or_default(),
                    gelezen: getal(som("gelezen"), 0),
                    quarantaine: getal(som("quarantaine"), 0),
                },
            }
        })
        .collect();
    OdPagina {
        code: od.to_string(),
        bestand: pagina(od),
        naam: r.partij_naam(od),
        regeling,
        gemeenten,
        terugkoppeling: inv
            .terugkoppeling
            .contains(od)
            .then(|| feedback::pagina(od)),
        jaren,
    }
}
