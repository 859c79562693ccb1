//! The randvoorwaarden in the stelsel chapter and on each omgevingsdienst's profile
//! page: the answer (S7), the robustness trajectory against the deadline (S4), the
//! implementation per IBP product (S5) and the ten recommendations (S6). Read from
//! the published `stelsel.parquet`; names come from the code lists.

use chrono::NaiveDate;
use minijinja::{context, Value};
use serde::Serialize;

use super::charts::{self, Markering};
use super::hoofdstukken::{Csv, Figuur, TabelView};
use super::omgevingsdiensten::{datum_nl, ProfielInvoer};
use super::{getal, procent};
use crate::error::Result;
use crate::indicators::randvoorwaarden::{self, StelselRij};

/// The name of a code in its code list, else the code itself.
fn naam(inv: &ProfielInvoer, lijst: &str, code: &str) -> String {
    match code {
        "geen_oordeel" => return "geen oordeel".into(),
        "onbekend" => return "onbekend".into(),
        _ => {}
    }
    let l = inv.codelijsten.lijst(lijst);
    l.and_then(|l| l.attr(code, "naam").or_else(|| l.attr(code, "titel")))
        .unwrap_or(code)
        .to_string()
}

/// Codes of a list in its `volgorde`, then the extra codes.
fn codes(inv: &ProfielInvoer, lijst: &str, extra: &[&str]) -> Vec<String> {
    let mut c: Vec<(i64, String)> = inv
        .codelijsten
        .lijst(lijst)
        .map(|l| {
            l.codes
                .iter()
                .map(|(k, a)| {
                    let v = a.get("volgorde").and_then(|v| v.parse().ok());
                    (v.unwrap_or(i64::MAX), k.clone())
                })
                .collect()
        })
        .unwrap_or_default();
    c.sort();
    c.into_iter()
        .map(|(_, k)| k)
        .chain(extra.iter().map(|e| e.to_string()))
        .collect()
}

fn rijen<'a>(
    inv: &'a ProfielInvoer,
    id: &'a str,
    jaar: i32,
) -> impl Iterator<Item = &'a StelselRij> + 'a {
    inv.stelsel
        .iter()
        .filter(move |r| r.conditie_id == id && r.jaar == jaar)
}

fn aantal(r: Option<&StelselRij>) -> String {
    r.and_then(|r| r.waarde)
        .map_or_else(|| "0".into(), |w| getal(w, 0))
}

#[derive(Serialize)]
struct Antwoord {
    id: String,
    titel: String,
    ja: String,
    nee: String,
    onbekend: String,
}

#[derive(Serialize)]
struct AanbevelingView {
    nummer: String,
    titel: String,
    status: String,
    vorig: String,
    verandering: String,
    verantwoordelijk: String,
    toelichting: String,
    datum: String,
    bron: String,
}

#[derive(Serialize)]
pub struct StelselView {
    jaar: i32,
    peildatum: String,
    antwoord: Vec<Antwoord>,
    verdeling: Vec<(String, String)>,
    beweging: Vec<(String, String)>,
    /// The oordelen in the code list's order: the columns after the peildatum.
    traject_oordelen: Vec<String>,
    traject_nationaal: Vec<(String, Vec<String>)>,
    traject: Option<Figuur>,
    /// The statuses in the code list's order: the columns between the product and
    /// the share of gemeenten.
    implementatie_statussen: Vec<String>,
    implementatie: Vec<(String, Vec<String>)>,
    aanbevelingen: Vec<AanbevelingView>,
    vorige_editie: bool,
}

const OORDELEN: &str = "oordeel_robuustheid";

/// The trajectory figure of some omgevingsdiensten (all, or one on its page).
fn traject_figuur(
    inv: &ProfielInvoer,
    jaar: i32,
    diensten: &[String],
    id: &str,
) -> Result<Option<(Figuur, Csv)>> {
    let w = &inv.woorden;
    let oordelen = codes(inv, OORDELEN, &[]);
    let legenda: Vec<String> = oordelen.iter().map(|c| naam(inv, OORDELEN, c)).collect();
    let mut per: Vec<(String, Vec<Markering>)> = Vec::new();
    let mut tabel = Vec::new();
    let mut csv = vec![vec![
        "omgevingsdienst".to_string(),
        "peildatum_oordeel".into(),
        "soort".into(),
        "oordeel".into(),
        "bron".into(),
    ]];
    for od in diensten {
        let Oordelen {
            marks,
            cellen,
            rijen,
        } = oordelen_van(inv, jaar, od, &oordelen);
        csv.extend(rijen);
        let label = inv.referentie.partij_naam(od);
        let tekst = match cellen.is_empty() {
            true => w.zin("traject_geen_oordeel", Value::UNDEFINED)?,
            false => cellen.join("; "),
        };
        tabel.push((label.clone(), vec![tekst]));
        per.push((label, marks));
    }
    if per.iter().all(|(_, m)| m.is_empty()) {
        return Ok(None);
    }
    let c = context! { deadline => datum_nl(inv.deadline) };
    let kop = w.zin("traject_kop", c.clone())?;
    let alternatief = w.zin("traject_alternatief", c.clone())?;
    let (van, tot) = tijdvak(&per, inv.deadline);
    let deadline = w.zin("traject_deadline", c.clone())?;
    let svg = charts::tijdlijnen(
        id,
        &kop,
        &alternatief,
        &per,
        &legenda,
        charts::Tijdas {
            van,
            tot,
            lijn: (inv.deadline, &deadline),
        },
    );
    let pad = format!("csv/{id}.csv");
    Ok(Some((
        Figuur {
            id: id.to_string(),
            kop,
            ondertitel: w.zin("traject_ondertitel", c)?,
            svg,
            alternatief,
            tabel: TabelView {
                kop: w.kolommen("traject")?,
                rijen: tabel,
                voetnoten: Vec::new(),
            },
            csv: pad.clone(),
            zin: None,
        },
        Csv {
            pad,
            inhoud: crate::display::csv_voor_mensen(csv),
        },
    )))
}

/// One service's oordelen along its trajectory: the marks on its line, the cells of
/// its table row and its CSV rows.
struct Oordelen {
    marks: Vec<Markering>,
    cellen: Vec<String>,
    rijen: Vec<Vec<String>>,
}

fn oordelen_van(inv: &ProfielInvoer, jaar: i32, od: &str, oordelen: &[String]) -> Oordelen {
    let mut uit = Oordelen {
        marks: Vec::new(),
        cellen: Vec::new(),
        rijen: Vec::new(),
    };
    let mut eigen: Vec<&StelselRij> = rijen(inv, "S4", jaar)
        .filter(|r| r.niveau == "omgevingsdienst" && r.eenheid == od)
        .filter(|r| r.dimensie.as_deref() == Some("traject"))
        .collect();
    eigen.sort_by_key(|r| r.datum);
    for r in eigen {
        let (Some(d), Some(o)) = (r.datum, r.uitkomst.as_deref()) else {
            continue;
        };
        let soort = naam(inv, "soort_oordeel", r.soort.as_deref().unwrap_or(""));
        let cel = format!("{}: {}", datum_nl(d), naam(inv, OORDELEN, o));
        uit.marks.push(Markering {
            datum: d,
            categorie: oordelen.iter().position(|c| c == o).unwrap_or(0),
            tekst: format!("{cel} ({soort})"),
        });
        uit.cellen.push(cel);
        uit.rijen.push(vec![
            od.to_string(),
            d.to_string(),
            r.soort.clone().unwrap_or_default(),
            o.to_string(),
            r.bron.clone().unwrap_or_default(),
        ]);
    }
    uit
}

/// The time axis: from 1 January of the first oordeel's year to 1 January after
/// the deadline.
fn tijdvak(per: &[(String, Vec<Markering>)], deadline: NaiveDate) -> (NaiveDate, NaiveDate) {
    let van = per
        .iter()
        .flat_map(|(_, m)| m.iter().map(|x| x.datum))
        .min()
        .unwrap_or(deadline);
    let van = NaiveDate::from_ymd_opt(chrono::Datelike::year(&van), 1, 1).unwrap_or(van);
    let tot =
        NaiveDate::from_ymd_opt(chrono::Datelike::year(&deadline) + 1, 1, 1).unwrap_or(deadline);
    (van, tot)
}

/// IenW's judgement of the omgevingsdiensten at the latest peildatum (S4), as the
/// samenvatting gives it: per oordeel (in the code list's order, then without a
/// judgement) the code, its name and the number of services.
#[derive(Serialize)]
pub struct Oordeelstand {
    peildatum: String,
    per_oordeel: Vec<Oordeeltelling>,
    totaal: usize,
}

#[derive(Serialize)]
struct Oordeeltelling {
    code: String,
    naam: String,
    aantal: String,
}

pub fn oordeelstand(inv: &ProfielInvoer) -> Option<Oordeelstand> {
    let jaar = inv.jaren.iter().max().copied()?;
    let rijen: Vec<&StelselRij> = rijen(inv, "S4", jaar)
        .filter(|r| r.niveau == "nationaal" && r.dimensie.as_deref() == Some("oordeel"))
        .collect();
    let peildatum = rijen.iter().find_map(|r| r.datum).map(datum_nl)?;
    let per_oordeel = codes(inv, OORDELEN, &["geen_oordeel"])
        .into_iter()
        .map(|c| {
            let n = aantal(
                rijen
                    .iter()
                    .copied()
                    .find(|r| r.dimensie_waarde.as_deref() == Some(c.as_str())),
            );
            Oordeeltelling {
                // The short label of the code list where it has one (a headline).
                naam: inv
                    .codelijsten
                    .lijst(OORDELEN)
                    .and_then(|l| l.attr(&c, "kort"))
                    .map_or_else(|| naam(inv, OORDELEN, &c), str::to_string),
                code: c,
                aantal: n,
            }
        })
        .collect();
    Some(Oordeelstand {
        peildatum,
        per_oordeel,
        totaal: inv.referentie.omgevingsdiensten.len(),
    })
}

/// S5 nationally: the statuses' names, and per IBP product the services per status
/// and the share of municipalities whose service has decided or implemented it.
fn implementatie(inv: &ProfielInvoer, jaar: i32) -> (Vec<String>, Vec<(String, Vec<String>)>) {
    let statussen = codes(inv, "status_implementatie", &["onbekend"]);
    let kop = statussen
        .iter()
        .map(|c| naam(inv, "status_implementatie", c))
        .collect();
    let per_product = codes(inv, "ibp_product", &[])
        .iter()
        .map(|p| {
            let van = |u: &str| {
                nationaal(inv, "S5", jaar, "product").find(|r| {
                    r.dimensie_waarde.as_deref() == Some(p.as_str())
                        && r.uitkomst.as_deref() == Some(u)
                })
            };
            let mut cellen: Vec<String> = statussen.iter().map(|s| aantal(van(s))).collect();
            cellen.push(van("aandeel_gemeenten").map_or_else(String::new, |r| {
                format!(
                    "{} ({} van {})",
                    r.waarde.map_or_else(|| "–".into(), procent),
                    getal(r.teller.unwrap_or(0) as f64, 0),
                    getal(r.noemer.unwrap_or(0) as f64, 0)
                )
            }));
            (naam(inv, "ibp_product", p), cellen)
        })
        .collect();
    (kop, per_product)
}

/// S6: each recommendation's status at the peildatum, and its change since the
/// previous edition.
fn aanbevelingen(inv: &ProfielInvoer, jaar: i32) -> Vec<AanbevelingView> {
    let status = |c: &str| naam(inv, "status_aanbeveling", c);
    rijen(inv, "S6", jaar)
        .filter(|r| r.niveau == "aanbeveling")
        .map(|r| {
            let nu = r.uitkomst.clone().unwrap_or_default();
            AanbevelingView {
                nummer: r.eenheid.clone(),
                titel: naam(inv, "aanbeveling_van_aartsen", &r.eenheid),
                status: status(&nu),
                vorig: r.vorig.as_deref().map(status).unwrap_or_default(),
                verandering: match r.vorig.as_deref() {
                    None => "–".into(),
                    Some(v) if v == nu => "ongewijzigd".into(),
                    Some(v) => format!("{} → {}", status(v), status(&nu)),
                },
                verantwoordelijk: r.verantwoordelijk.clone().unwrap_or_default(),
                toelichting: r.toelichting.clone().unwrap_or_default(),
                datum: r.datum.map(datum_nl).unwrap_or_default(),
                bron: r.bron.clone().unwrap_or_default(),
            }
        })
        .collect()
}

/// The stelsel chapter's sections on S4–S7, for the latest reporting year.
pub fn hoofdstuk(inv: &ProfielInvoer) -> Result<(StelselView, Vec<Csv>)> {
    let jaar = inv.jaren.iter().max().copied().unwrap_or_default();
    let peildatum = rijen(inv, "S4", jaar)
        .find(|r| r.dimensie.as_deref() == Some("oordeel"))
        .and_then(|r| r.datum)
        .map(datum_nl)
        .unwrap_or_default();
    let mut verdeling: Vec<(i64, String)> = nationaal(inv, "S7", jaar, "aantal_voldaan")
        .filter_map(|r| Some((r.dimensie_waarde.as_deref()?.parse().ok()?, aantal(Some(r)))))
        .collect();
    verdeling.sort();
    let beweging = BEWEGINGEN
        .iter()
        .map(|b| {
            let r = nationaal(inv, "S4", jaar, "beweging")
                .find(|r| r.dimensie_waarde.as_deref() == Some(b));
            (b.to_string(), aantal(r))
        })
        .collect();
    let oordelen = codes(inv, OORDELEN, &["geen_oordeel"]);
    let mut diensten: Vec<String> = inv.referentie.omgevingsdiensten.keys().cloned().collect();
    diensten.sort_by_key(|od| inv.referentie.partij_naam(od));
    let mut csv = Vec::new();
    let traject = traject_figuur(inv, jaar, &diensten, "fig-S4-traject")?.map(|(f, c)| {
        csv.push(c);
        f
    });
    let (implementatie_statussen, implementatie) = implementatie(inv, jaar);
    Ok((
        StelselView {
            jaar,
            peildatum,
            antwoord: antwoord(inv, jaar),
            verdeling: verdeling
                .into_iter()
                .map(|(n, a)| (n.to_string(), a))
                .collect(),
            beweging,
            traject_oordelen: oordelen.iter().map(|c| naam(inv, OORDELEN, c)).collect(),
            traject_nationaal: traject_nationaal(inv, jaar, &oordelen),
            traject,
            implementatie_statussen,
            implementatie,
            aanbevelingen: aanbevelingen(inv, jaar),
            vorige_editie: rijen(inv, "S6", jaar).any(|r| r.vorig.is_some()),
        },
        csv,
    ))
}

/// The change of each service's oordeel since the year before (S4, dimensie
/// `beweging`), in the order the chapter names them; `stelsel.html` has the words.
const BEWEGINGEN: [&str; 5] = [
    "omhoog",
    "omlaag",
    "gelijk",
    "eerste_oordeel",
    "geen_oordeel",
];

/// The national rows of a condition for one year and dimensie.
fn nationaal<'a>(
    inv: &'a ProfielInvoer,
    id: &'static str,
    jaar: i32,
    dim: &'static str,
) -> impl Iterator<Item = &'a StelselRij> {
    rijen(inv, id, jaar)
        .filter(move |r| r.niveau == "nationaal" && r.dimensie.as_deref() == Some(dim))
}

/// S7: per condition, the services that meet it, do not, or cannot be told.
fn antwoord(inv: &ProfielInvoer, jaar: i32) -> Vec<Antwoord> {
    let s7: Vec<&StelselRij> = nationaal(inv, "S7", jaar, "conditie").collect();
    let mut volgorde: Vec<&str> = s7
        .iter()
        .filter_map(|r| r.dimensie_waarde.as_deref())
        .collect();
    volgorde.dedup();
    volgorde
        .iter()
        .map(|c| {
            let tel = |v: &str| {
                aantal(s7.iter().copied().find(|r| {
                    r.dimensie_waarde.as_deref() == Some(c) && r.uitkomst.as_deref() == Some(v)
                }))
            };
            Antwoord {
                id: c.to_string(),
                titel: randvoorwaarden::titel(inv.condities, c).to_string(),
                ja: tel("ja"),
                nee: tel("nee"),
                onbekend: tel("onbekend"),
            }
        })
        .collect()
}

/// Nationally: per peildatum of the trajectory, the services per oordeel.
fn traject_nationaal(
    inv: &ProfielInvoer,
    jaar: i32,
    oordelen: &[String],
) -> Vec<(String, Vec<String>)> {
    let mut data: Vec<NaiveDate> = nationaal(inv, "S4", jaar, "traject")
        .filter_map(|r| r.datum)
        .collect();
    data.sort();
    data.dedup();
    data.iter()
        .map(|d| {
            let per_oordeel = oordelen
                .iter()
                .map(|o| {
                    aantal(
                        nationaal(inv, "S4", jaar, "traject")
                            .find(|r| r.datum == Some(*d) && r.uitkomst.as_deref() == Some(o)),
                    )
                })
                .collect();
            (datum_nl(*d), per_oordeel)
        })
        .collect()
}

#[derive(Serialize)]
pub struct OdStelsel {
    jaar: i32,
    oordeel: String,
    traject: Option<Figuur>,
    implementatie: Vec<(String, String, String, String, String)>,
    voorwaarden: Vec<(String, String, String)>,
}

/// One omgevingsdienst's trajectory, implementation and conditions (latest year).
pub fn od(inv: &ProfielInvoer, od: &str) -> Result<(OdStelsel, Vec<Csv>)> {
    let jaar = inv.jaren.iter().max().copied().unwrap_or_default();
    let eigen = |id: &'static str| {
        rijen(inv, id, jaar).filter(move |r| r.niveau == "omgevingsdienst" && r.eenheid == od)
    };
    let oordeel = eigen("S4")
        .find(|r| r.dimensie.is_none())
        .and_then(|r| r.uitkomst.as_deref())
        .map(|o| naam(inv, OORDELEN, o))
        .map_or_else(
            || inv.woorden.zin("traject_geen_oordeel", Value::UNDEFINED),
            Ok,
        )?;
    let mut csv = Vec::new();
    let traject =
        traject_figuur(inv, jaar, &[od.to_string()], &format!("fig-S4-{od}"))?.map(|(f, c)| {
            csv.push(c);
            f
        });
    let implementatie = eigen("S5")
        .filter(|r| r.dimensie.as_deref() == Some("product"))
        .map(|r| {
            (
                naam(
                    inv,
                    "ibp_product",
                    r.dimensie_waarde.as_deref().unwrap_or(""),
                ),
                naam(
                    inv,
                    "status_implementatie",
                    r.uitkomst.as_deref().unwrap_or("onbekend"),
                ),
                r.datum.map(datum_nl).unwrap_or_default(),
                r.waarde.map_or_else(String::new, |w| getal(w, 0)),
                r.bron.clone().unwrap_or_default(),
            )
        })
        .collect();
    let voorwaarden = eigen("S7")
        .filter(|r| r.dimensie.as_deref() == Some("conditie"))
        .map(|r| {
            let c = r.dimensie_waarde.clone().unwrap_or_default();
            (
                c.clone(),
                randvoorwaarden::titel(inv.condities, &c).to_string(),
                r.uitkomst.clone().unwrap_or_default(),
            )
        })
        .collect();
    Ok((
        OdStelsel {
            jaar,
            oordeel,
            traject,
            implementatie,
            voorwaarden,
        },
        csv,
    ))
}
