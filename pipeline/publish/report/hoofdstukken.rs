//! The indicator chapters (toezicht, handhaving, datakwaliteit): per indicator its
//! definition and figures. A figure is a headline (the finding), a statistical
//! subtitle, an inline SVG with title and description, a text alternative, a table
//! of the same numbers with footnotes, and a CSV of exactly those numbers taken from
//! the published open `indicatoren.parquet` (and the previous edition's, if given).

use serde::Serialize;

use super::charts::{staafdiagram, Balk};
use super::{getal, tekst};
use crate::indicators::catalogue::{Indicator, Soort};
use crate::indicators::IndicatorRij;

/// What the chapters are built from.
pub struct Bron<'a> {
    pub jaren: &'a [i32],
    /// The open indicator rows of this edition, as published.
    pub rijen: &'a [IndicatorRij],
    /// The open indicator rows of the previous edition (empty when none is given).
    pub vorige: &'a [IndicatorRij],
    pub vorige_editie: Option<&'a str>,
    pub editie: &'a str,
    pub catalogus: &'a [Indicator],
}

#[derive(Debug, Clone, Serialize)]
pub struct TabelView {
    pub kop: Vec<String>,
    pub rijen: Vec<(String, Vec<String>)>,
    pub voetnoten: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Figuur {
    pub id: String,
    pub kop: String,
    pub ondertitel: String,
    pub svg: String,
    pub alternatief: String,
    pub tabel: TabelView,
    pub csv: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct IndicatorView {
    pub id: String,
    pub titel: String,
    pub definitie: String,
    pub bron: String,
    pub figuren: Vec<Figuur>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Paragraaf {
    pub titel: String,
    pub indicatoren: Vec<IndicatorView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Hoofdstuk {
    pub id: String,
    pub titel: &'static str,
    pub paragrafen: Vec<Paragraaf>,
}

/// A CSV file of the report, relative to the report folder.
pub struct Csv {
    pub pad: String,
    pub inhoud: String,
}

pub fn titel(id: &str) -> &'static str {
    match id {
        "toezicht" => "Toezicht",
        "handhaving" => "Handhaving",
        "datakwaliteit" => "Datakwaliteit",
        _ => "Overig",
    }
}

/// One row of a figure: where it comes from and the row itself.
struct Punt<'a> {
    editie: String,
    label: String,
    rij: Option<&'a IndicatorRij>,
    jaar: i32,
    vorige: bool,
}

fn celtekst(r: Option<&IndicatorRij>, soort: Soort) -> String {
    match r {
        None => "–".into(),
        Some(r) => {
            let t = tekst(r, soort);
            let t = if t == "geen waarnemingen" {
                "–".to_string()
            } else {
                t
            };
            if r.status == "voorlopig" {
                format!("{t}*")
            } else {
                t
            }
        }
    }
}

fn voetnoten(punten: &[Punt]) -> Vec<String> {
    let mut v = Vec::new();
    let status = |s: &str| punten.iter().any(|p| p.rij.is_some_and(|r| r.status == s));
    if status("voorlopig") {
        v.push("* Voorlopig: het cijfer hangt af van de levering over het volgende jaar.".into());
    }
    if status("onderdrukt") {
        v.push(
            ". Onderdrukt om onthulling te voorkomen (te klein aantal of te kleine noemer).".into(),
        );
    }
    if punten
        .iter()
        .any(|p| p.rij.is_none_or(|r| r.status == "geen_waarnemingen"))
    {
        v.push("– Geen waarnemingen.".into());
    }
    if punten.iter().any(|p| p.vorige) {
        v.push("Lichter getekend: cijfer uit de vorige editie.".into());
    }
    v
}

fn csv(punten: &[Punt]) -> String {
    let kop = [
        "editie",
        "indicator_id",
        "indicator",
        "jaar",
        "niveau",
        "eenheid",
        "dimensie",
        "dimensie_waarde",
        "waarde",
        "teller",
        "noemer",
        "status",
    ]
    .map(String::from);
    let opt = |v: Option<String>| v.unwrap_or_default();
    let rijen = punten.iter().filter_map(|p| {
        let r = p.rij?;
        Some([
            p.editie.clone(),
            r.indicator_id.clone(),
            r.indicator.clone(),
            r.jaar.to_string(),
            r.niveau.clone(),
            r.eenheid.clone(),
            opt(r.dimensie.clone()),
            opt(r.dimensie_waarde.clone()),
            opt(r.waarde.map(|x| x.to_string())),
            opt(r.teller.map(|x| x.to_string())),
            opt(r.noemer.map(|x| x.to_string())),
            r.status.to_string(),
        ])
    });
    crate::display::csv_voor_mensen(std::iter::once(kop).chain(rijen))
}

fn figuur(
    id: String,
    kop: String,
    ondertitel: String,
    punten: &[Punt],
    soort: Soort,
    eerste_kolom: &str,
) -> (Figuur, Csv) {
    let balken: Vec<Balk> = punten
        .iter()
        .map(|p| Balk {
            label: p.label.clone(),
            waarde: p.rij.and_then(|r| r.waarde),
            tekst: celtekst(p.rij, soort),
            licht: p.vorige || p.rij.is_some_and(|r| r.status == "voorlopig"),
        })
        .collect();
    let alternatief = format!(
        "Staafdiagram. {}.",
        balken
            .iter()
            .map(|b| format!("{}: {}", b.label, b.tekst))
            .collect::<Vec<_>>()
            .join("; ")
    );
    let schaal = (soort == Soort::Aandeel).then_some(100.0);
    let svg = staafdiagram(&id, &kop, &alternatief, &balken, schaal);
    let met_teller = soort == Soort::Aandeel;
    let mut kopjes = vec![eerste_kolom.to_string(), "Waarde".to_string()];
    if met_teller {
        kopjes.push("Teller".into());
    }
    if soort != Soort::Aantal {
        kopjes.push(if met_teller { "Noemer" } else { "Waarnemingen" }.into());
    }
    let rijen = punten
        .iter()
        .map(|p| {
            let mut cellen = vec![celtekst(p.rij, soort)];
            let n = |v: Option<i64>| v.map(|x| getal(x as f64, 0)).unwrap_or_default();
            if met_teller {
                cellen.push(n(p.rij.and_then(|r| r.teller)));
            }
            if soort != Soort::Aantal {
                cellen.push(n(p.rij.and_then(|r| r.noemer)));
            }
            (p.label.clone(), cellen)
        })
        .collect();
    let pad = format!("csv/{id}.csv");
    (
        Figuur {
            id,
            kop,
            ondertitel,
            svg,
            alternatief,
            tabel: TabelView {
                kop: kopjes,
                rijen,
                voetnoten: voetnoten(punten),
            },
            csv: pad.clone(),
        },
        Csv {
            pad,
            inhoud: csv(punten),
        },
    )
}

fn nationaal<'a>(
    rijen: &'a [IndicatorRij],
    id: &str,
    jaar: i32,
    dim: Option<(&str, &str)>,
) -> Option<&'a IndicatorRij> {
    super::rij(rijen, id, jaar, "nationaal", "NL", dim)
}

/// The headline of an indicator: its latest national figure against the year before.
pub fn kop(bron: &Bron, ind: &Indicator) -> String {
    let m = &ind.meta;
    let mut jaren: Vec<(i32, Option<&IndicatorRij>)> = bron
        .jaren
        .iter()
        .map(|&j| (j, nationaal(bron.rijen, &m.id, j, None)))
        .collect();
    jaren.sort_by_key(|(j, _)| *j);
    let Some((laatste, r)) = jaren.last().copied() else {
        return m.titel.clone();
    };
    let nu = match r {
        Some(r) if r.status == "onderdrukt" => format!("onderdrukt in {laatste}"),
        Some(r) if r.waarde.is_some() => format!("{} in {laatste}", celtekst(Some(r), m.soort)),
        _ => format!("geen waarnemingen in {laatste}"),
    };
    let vorig = laatste - 1;
    let ervoor = nationaal(bron.rijen, &m.id, vorig, None)
        .or_else(|| nationaal(bron.vorige, &m.id, vorig, None))
        .filter(|r| r.waarde.is_some())
        .map(|r| format!(", tegen {} in {vorig}", celtekst(Some(r), m.soort)))
        .unwrap_or_default();
    format!("{}: {nu}{ervoor}", m.titel)
}

fn eenheid_tekst(ind: &Indicator) -> String {
    match ind.meta.soort {
        Soort::Aandeel => "procent".into(),
        _ => ind.meta.eenheid.clone(),
    }
}

pub fn indicator(bron: &Bron, ind: &Indicator) -> (IndicatorView, Vec<Csv>) {
    let m = &ind.meta;
    let mut figuren = Vec::new();
    let mut bestanden = Vec::new();
    // The trend: the previous edition's years, then this edition's.
    let mut punten: Vec<Punt> = Vec::new();
    let mut vorige_jaren: Vec<i32> = bron
        .vorige
        .iter()
        .filter(|r| r.indicator_id == m.id && r.niveau == "nationaal" && r.dimensie.is_none())
        .map(|r| r.jaar)
        .filter(|j| !bron.jaren.contains(j))
        .collect();
    vorige_jaren.sort();
    vorige_jaren.dedup();
    for j in vorige_jaren {
        punten.push(Punt {
            editie: bron.vorige_editie.unwrap_or("vorige").to_string(),
            label: format!("{j} (vorige editie)"),
            rij: nationaal(bron.vorige, &m.id, j, None),
            jaar: j,
            vorige: true,
        });
    }
    for &j in bron.jaren {
        punten.push(Punt {
            editie: bron.editie.to_string(),
            label: j.to_string(),
            rij: nationaal(bron.rijen, &m.id, j, None),
            jaar: j,
            vorige: false,
        });
    }
    let eerste = punten.first().map_or(0, |p| p.jaar);
    let laatste = punten.last().map_or(0, |p| p.jaar);
    let (f, c) = figuur(
        format!("fig-{}", m.id),
        kop(bron, ind),
        format!(
            "{}, Nederland, {eerste}–{laatste}, {}. Bron: {}.",
            m.titel,
            eenheid_tekst(ind),
            ind.bron
        ),
        &punten,
        m.soort,
        "Verslagjaar",
    );
    figuren.push(f);
    bestanden.push(c);

    // Each breakdown, for the latest year of the edition.
    if let Some(&jaar) = bron.jaren.iter().max() {
        for dim in m.dimensies.keys() {
            let mut rijen: Vec<&IndicatorRij> = bron
                .rijen
                .iter()
                .filter(|r| {
                    r.indicator_id == m.id
                        && r.jaar == jaar
                        && r.niveau == "nationaal"
                        && r.dimensie.as_deref() == Some(dim.as_str())
                })
                .collect();
            if rijen.is_empty() {
                continue;
            }
            // Largest first; suppressed and empty last; ties by code.
            rijen.sort_by(|a, b| {
                b.waarde
                    .unwrap_or(f64::NEG_INFINITY)
                    .total_cmp(&a.waarde.unwrap_or(f64::NEG_INFINITY))
                    .then(a.dimensie_waarde.cmp(&b.dimensie_waarde))
            });
            let punten: Vec<Punt> = rijen
                .iter()
                .map(|r| Punt {
                    editie: bron.editie.to_string(),
                    label: r
                        .dimensie_waarde
                        .clone()
                        .unwrap_or_default()
                        .replace('_', " "),
                    rij: Some(*r),
                    jaar,
                    vorige: false,
                })
                .collect();
            let grootste = punten
                .first()
                .filter(|p| p.rij.is_some_and(|r| r.waarde.is_some()))
                .map(|p| format!(": het meest {} ({})", p.label, celtekst(p.rij, m.soort)))
                .unwrap_or_default();
            let (f, c) = figuur(
                format!("fig-{}-{}", m.id, dim),
                format!("{} naar {dim} in {jaar}{grootste}", m.titel),
                format!(
                    "{} naar {dim}, Nederland, {jaar}, {}. Bron: {}.",
                    m.titel,
                    eenheid_tekst(ind),
                    ind.bron
                ),
                &punten,
                m.soort,
                &crate::publish::report::hoofdletter(dim),
            );
            figuren.push(f);
            bestanden.push(c);
        }
    }
    (
        IndicatorView {
            id: m.id.clone(),
            titel: m.titel.clone(),
            definitie: m.definitie.clone(),
            bron: ind.bron.clone(),
            figuren,
        },
        bestanden,
    )
}

/// A chapter with its paragraphs in catalogue order.
pub fn hoofdstuk(bron: &Bron, id: &str) -> (Hoofdstuk, Vec<Csv>) {
    let mut paragrafen: Vec<Paragraaf> = Vec::new();
    let mut csv = Vec::new();
    for ind in bron.catalogus.iter().filter(|i| i.meta.hoofdstuk == id) {
        let (view, bestanden) = indicator(bron, ind);
        csv.extend(bestanden);
        let p = ind.meta.paragraaf.clone().unwrap_or_default();
        match paragrafen.iter_mut().find(|x| x.titel == p) {
            Some(x) => x.indicatoren.push(view),
            None => paragrafen.push(Paragraaf {
                titel: p,
                indicatoren: vec![view],
            }),
        }
    }
    (
        Hoofdstuk {
            id: id.to_string(),
            titel: titel(id),
            paragrafen,
        },
        csv,
    )
}
