//! Data-quality pages of the report: the national chapter `datakwaliteit.html` and
//! one feedback page per party (`terugkoppeling-<partij>.html`) that the monitoring
//! team sends back. Built from the same D1–D7 rows as `datakwaliteit.parquet`, the
//! findings of the validate stage and the published (open) indicators.

use std::collections::{BTreeMap, BTreeSet};

use chrono::Datelike;
use serde::Serialize;

use super::getal;
use crate::contract::rules::Regel;
use crate::indicators::datakwaliteit::KwaliteitRij;
use crate::indicators::IndicatorRij;
use crate::reference::Referentie;
use crate::validate::Uitkomst;

/// What the data-quality pages are built from.
pub struct FeedbackInvoer<'a> {
    /// The report's structure (`report-templates/rapport.toml`).
    pub opzet: &'a super::opzet::Opzet,
    pub jaren: &'a [i32],
    pub dq: &'a [KwaliteitRij],
    pub uitkomst: &'a Uitkomst,
    /// The open indicator rows, as published.
    pub indicatoren: &'a [IndicatorRij],
    pub referentie: &'a Referentie,
    /// Characters of a delivered value a page shows (then "…").
    pub waarde_tekens: usize,
}

/// The file name of a party's feedback page; party codes are safe, but a folder
/// name from a delivery is not trusted.
pub fn pagina(partij: &str) -> String {
    let veilig: String = partij
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("terugkoppeling-{veilig}.html")
}

/// Median of a non-empty list (mean of the middle two for an even count).
pub fn mediaan(mut v: Vec<f64>) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    Some(if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    })
}

fn pct(v: Option<f64>) -> String {
    v.map_or_else(|| "–".into(), super::procent)
}

#[derive(Serialize)]
struct BestandView {
    bestand: String,
    tabel: String,
    sha256: String,
    gelezen: String,
    geaccepteerd: String,
    quarantaine: String,
}

#[derive(Serialize)]
struct VoorbeeldView {
    regel: String,
    kolom: String,
    waarde: String,
    melding: String,
}

#[derive(Serialize)]
struct FeedbackRegel {
    code: &'static str,
    omschrijving: &'static str,
    zwaarte: &'static str,
    bestand: String,
    aantal: String,
    voorbeelden: Vec<VoorbeeldView>,
}

#[derive(Serialize)]
struct NietGemaptView {
    kolom: String,
    waarde: String,
    aantal: String,
}

#[derive(Serialize)]
struct VolledigheidView {
    kolom: String,
    verplicht: bool,
    gevuld: String,
    rijen: String,
    pct: String,
    mediaan: String,
    /// Below the national median by more than 10 percentage points.
    achter: bool,
}

#[derive(Serialize)]
struct VergelijkingView {
    maat: String,
    partij: String,
    mediaan: String,
}

#[derive(Serialize)]
struct TabelTelling {
    tabel: String,
    gelezen: String,
    wezen: String,
    duplicaten: String,
    quarantaine: String,
}

#[derive(Serialize)]
struct JaarView {
    jaar: i32,
    status: String,
    reden: Option<String>,
    bestanden: Vec<BestandView>,
    tabellen: Vec<TabelTelling>,
    regels: Vec<FeedbackRegel>,
    niet_gemapt: Vec<NietGemaptView>,
    /// (tabel.kolom, local value, national code, mapping table, rows).
    vertaald: Vec<(String, String, String, String, String)>,
    volledigheid: Vec<VolledigheidView>,
    vergelijking: Vec<VergelijkingView>,
    /// Strafzaken that name no proces-verbaal of the verbalisant: on the OM's page
    /// those it delivered for the year, on a verbalisant's those naming it.
    strafzaken: Vec<StrafzaakView>,
}

#[derive(Serialize)]
struct StrafzaakView {
    /// File and line of the case in the OM's delivery (the parketnummer itself is
    /// not shown on a public page).
    bestand: String,
    regel: u64,
    verbalisant: String,
    maatregel_id: String,
    instroom: String,
    koppeling: &'static str,
}

#[derive(Serialize)]
pub struct PartijPagina {
    pub code: String,
    pub naam: String,
    pub soort: String,
    pub bestand: String,
    jaren: Vec<JaarView>,
}

#[derive(Serialize)]
struct VerwachtView {
    code: String,
    naam: String,
    soort: String,
    status: String,
    toelichting: String,
    pagina: Option<String>,
}

#[derive(Serialize)]
struct LandelijkJaar {
    jaar: i32,
    aangeleverd: usize,
    geweigerd: usize,
    niet_volledig: usize,
    niet_gelezen: usize,
    ontbreekt: usize,
    verwacht: usize,
    partijen: Vec<VerwachtView>,
    redenen: Vec<(String, &'static str, String)>,
    volledigheid: Vec<(String, String, String)>,
}

#[derive(Serialize)]
pub struct Landelijk {
    jaren: Vec<LandelijkJaar>,
}

/// Per year and party: a D-row value, keyed by (indicator, tabel, kolom, dimensie_waarde).
fn per_partij<'a>(
    dq: &'a [KwaliteitRij],
    jaar: i32,
    id: &str,
) -> impl Iterator<Item = &'a KwaliteitRij> + 'a {
    let id = id.to_string();
    dq.iter()
        .filter(move |r| r.jaar == jaar && r.indicator_id == id)
}

/// Completeness per party and column in a year: (tabel.kolom) → partij → pct.
fn volledigheid_per_partij(
    dq: &[KwaliteitRij],
    jaar: i32,
) -> BTreeMap<String, BTreeMap<String, (u64, u64, bool)>> {
    let mut out: BTreeMap<String, BTreeMap<String, (u64, u64, bool)>> = BTreeMap::new();
    for r in per_partij(dq, jaar, "D2") {
        let kolom = format!(
            "{}.{}",
            r.tabel.as_deref().unwrap_or(""),
            r.kolom.as_deref().unwrap_or("")
        );
        let e = out
            .entry(kolom)
            .or_default()
            .entry(r.partij.clone())
            .or_insert((0, 0, r.dimensie_waarde.as_deref() == Some("ja")));
        e.0 += r.teller.unwrap_or(0) as u64;
        e.1 += r.noemer.unwrap_or(0) as u64;
    }
    out
}

fn aandeel(t: u64, n: u64) -> Option<f64> {
    (n > 0).then(|| 100.0 * t as f64 / n as f64)
}

/// Quarantined share of rows read, per party, in a year.
fn quarantaine_per_partij(dq: &[KwaliteitRij], jaar: i32) -> BTreeMap<String, (u64, u64)> {
    let mut out: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    for r in per_partij(dq, jaar, "D7") {
        let e = out.entry(r.partij.clone()).or_default();
        let n = r.waarde.unwrap_or(0.0) as u64;
        match r.dimensie_waarde.as_deref() {
            Some("quarantaine") => e.0 += n,
            Some("gelezen") => e.1 += n,
            _ => {}
        }
    }
    out
}

fn indicator_per_partij(rijen: &[IndicatorRij], id: &str, jaar: i32) -> BTreeMap<String, f64> {
    rijen
        .iter()
        .filter(|r| {
            r.indicator_id == id && r.jaar == jaar && r.niveau == "partij" && r.dimensie.is_none()
        })
        .filter_map(|r| r.waarde.map(|w| (r.eenheid.clone(), w)))
        .collect()
}

/// What the party pages of a year compare with, and each party's D rows: worked
/// out once for all pages instead of once per page (hundreds of parties, each
/// year of the batch, over every D row and indicator row).
pub struct Vergelijking<'a> {
    /// In the order of `FeedbackInvoer::jaren`.
    per_jaar: Vec<JaarVergelijking>,
    dq_per_partij: BTreeMap<&'a str, Vec<&'a KwaliteitRij>>,
}

struct JaarVergelijking {
    volledigheid: BTreeMap<String, BTreeMap<String, (u64, u64, bool)>>,
    quarantaine: BTreeMap<String, (u64, u64)>,
    /// Each indicator the feedback page compares (`rapport.toml`) per party, in that order.
    indicatoren: Vec<BTreeMap<String, f64>>,
}

/// The comparisons of every year of the batch.
pub fn vergelijking<'a>(inv: &FeedbackInvoer<'a>) -> Vergelijking<'a> {
    let mut dq_per_partij: BTreeMap<&'a str, Vec<&'a KwaliteitRij>> = BTreeMap::new();
    for r in inv.dq {
        dq_per_partij.entry(r.partij.as_str()).or_default().push(r);
    }
    let per_jaar = inv
        .jaren
        .iter()
        .map(|&jaar| JaarVergelijking {
            volledigheid: volledigheid_per_partij(inv.dq, jaar),
            quarantaine: quarantaine_per_partij(inv.dq, jaar),
            indicatoren: inv
                .opzet
                .terugkoppeling
                .vergeleken
                .iter()
                .map(|v| indicator_per_partij(inv.indicatoren, &v.indicator, jaar))
                .collect(),
        })
        .collect();
    Vergelijking {
        per_jaar,
        dq_per_partij,
    }
}

pub fn partijpagina(inv: &FeedbackInvoer, verg: &Vergelijking, partij: &str) -> PartijPagina {
    let mut jaren = Vec::new();
    for (&jaar, jv) in inv.jaren.iter().zip(&verg.per_jaar) {
        let p = Partijjaar {
            inv,
            partij,
            jaar,
            eigen: verg
                .dq_per_partij
                .get(partij)
                .into_iter()
                .flatten()
                .copied()
                .filter(|r| r.jaar == jaar)
                .collect(),
        };
        let Some(levering) = inv
            .uitkomst
            .leveringen
            .iter()
            .find(|l| l.jaar == jaar && l.partij == partij)
        else {
            jaren.push(JaarView {
                jaar,
                status: "ontbreekt".into(),
                reden: Some(format!("geen levering voor {jaar} ontvangen")),
                bestanden: vec![],
                tabellen: vec![],
                regels: vec![],
                niet_gemapt: vec![],
                vertaald: vec![],
                volledigheid: vec![],
                strafzaken: p.strafzaken(),
                vergelijking: vec![],
            });
            continue;
        };
        jaren.push(JaarView {
            jaar,
            status: levering.status.to_string(),
            reden: levering.reden.clone(),
            bestanden: p.bestanden(),
            tabellen: p.tabellen(),
            regels: p.regels(),
            niet_gemapt: p.niet_gemapt(),
            vertaald: p.vertaald(),
            volledigheid: p.volledigheid(jv),
            vergelijking: p.vergelijking(jv),
            strafzaken: p.strafzaken(),
        });
    }
    PartijPagina {
        code: partij.to_string(),
        naam: inv.referentie.partij_naam(partij),
        soort: inv
            .referentie
            .partijsoort(partij)
            .map_or("onbekend", |s| s.code())
            .to_string(),
        bestand: pagina(partij),
        jaren,
    }
}

/// One party's year on its feedback page: each section from the outcome of the
/// batch and the party's own D rows (`eigen`).
struct Partijjaar<'a> {
    inv: &'a FeedbackInvoer<'a>,
    partij: &'a str,
    jaar: i32,
    eigen: Vec<&'a KwaliteitRij>,
}

impl Partijjaar<'_> {
    /// A delivered value can be megabytes; a page shows its start.
    fn kort(&self, s: &str) -> String {
        crate::display::afgekort(s, self.inv.waarde_tekens)
    }

    /// The strafzaken not linked to a proces-verbaal that concern the party: its own
    /// delivery of the year, or cases naming it as verbalisant that entered then.
    fn strafzaken(&self) -> Vec<StrafzaakView> {
        let (partij, jaar) = (self.partij, self.jaar);
        self.inv
            .uitkomst
            .records
            .strafzaken
            .iter()
            .filter(|z| z.koppeling != "gekoppeld")
            .filter(|z| {
                (z.partij == partij && z.jaar == jaar)
                    || (z.partij_verbalisant == partij && z.datum_instroom.year() == jaar)
            })
            .map(|z| StrafzaakView {
                bestand: z.bron.bestand.to_string(),
                regel: z.bron.regel,
                verbalisant: self.kort(&z.partij_verbalisant),
                maatregel_id: self.kort(z.maatregel_id.as_deref().unwrap_or("")),
                instroom: z.datum_instroom.format("%d-%m-%Y").to_string(),
                koppeling: z.koppeling,
            })
            .collect()
    }

    /// D7 per file of the delivery.
    fn bestanden(&self) -> Vec<BestandView> {
        self.inv
            .uitkomst
            .reconciliatie
            .iter()
            .filter(|r| r.jaar == self.jaar && r.partij == self.partij)
            .map(|r| BestandView {
                bestand: r.bestand.clone(),
                tabel: r.tabel.to_string(),
                sha256: r.sha256[..12.min(r.sha256.len())].to_string(),
                gelezen: getal(r.gelezen as f64, 0),
                geaccepteerd: getal(r.geaccepteerd as f64, 0),
                quarantaine: getal(r.quarantaine as f64, 0),
            })
            .collect()
    }

    /// The party's total of a D indicator for one table.
    fn waarde(&self, id: &str, tabel: &str) -> f64 {
        self.eigen
            .iter()
            .filter(|r| {
                r.indicator_id == id && r.tabel.as_deref() == Some(tabel) && r.dimensie.is_none()
            })
            .map(|r| r.waarde.unwrap_or(0.0))
            .sum::<f64>()
    }

    /// Per table the rows read, orphans (D4), duplicates (D5) and quarantine (D6).
    fn tabellen(&self) -> Vec<TabelTelling> {
        self.eigen
            .iter()
            .filter(|r| r.indicator_id == "D6" && r.dimensie.is_none())
            .filter_map(|r| r.tabel.clone().map(|t| (t, r.noemer.unwrap_or(0))))
            .map(|(t, n)| TabelTelling {
                gelezen: getal(n as f64, 0),
                wezen: if matches!(t.as_str(), "overtredingen" | "handhavingsmaatregelen") {
                    getal(self.waarde("D4", &t), 0)
                } else {
                    "–".into()
                },
                duplicaten: if t == "organisatie" {
                    "–".into()
                } else {
                    getal(self.waarde("D5", &t), 0)
                },
                quarantaine: getal(self.waarde("D6", &t), 0),
                tabel: t,
            })
            .collect()
    }

    /// Per file and rule the findings, with their first examples.
    fn regels(&self) -> Vec<FeedbackRegel> {
        self.inv
            .uitkomst
            .bevindingen
            .per_bestand
            .iter()
            .filter(|((l, _, _), _)| l.jaar == self.jaar && l.partij == self.partij)
            .map(|((_, bestand, code), t)| {
                let regel = Regel::from_code(code);
                FeedbackRegel {
                    code,
                    omschrijving: regel.map_or("", Regel::omschrijving),
                    zwaarte: t.voorbeelden.first().map_or("", |b| b.zwaarte.code()),
                    bestand: bestand.clone(),
                    aantal: getal(t.aantal as f64, 0),
                    voorbeelden: t
                        .voorbeelden
                        .iter()
                        .map(|b| VoorbeeldView {
                            regel: b.regelnummer.map_or_else(String::new, |r| r.to_string()),
                            kolom: self.kort(b.kolom.as_deref().unwrap_or_default()),
                            waarde: self.kort(b.waarde.as_deref().unwrap_or_default()),
                            melding: b.melding.clone(),
                        })
                        .collect(),
                }
            })
            .collect()
    }

    /// D3: the values that mapped to no national code.
    fn niet_gemapt(&self) -> Vec<NietGemaptView> {
        self.eigen
            .iter()
            .filter(|r| r.indicator_id == "D3")
            .map(|r| NietGemaptView {
                kolom: format!(
                    "{}.{}",
                    r.tabel.as_deref().unwrap_or(""),
                    r.kolom.as_deref().unwrap_or("")
                ),
                waarde: self.kort(r.dimensie_waarde.as_deref().unwrap_or_default()),
                aantal: getal(r.waarde.unwrap_or(0.0), 0),
            })
            .collect()
    }

    /// The local values the party's mapping tables translated.
    fn vertaald(&self) -> Vec<(String, String, String, String, String)> {
        self.inv
            .uitkomst
            .vertaald
            .iter()
            .filter(|((l, ..), _)| l.jaar == self.jaar && l.partij == self.partij)
            .map(|((_, tabel, kolom, lokaal, landelijk, mt), n)| {
                (
                    format!("{tabel}.{kolom}"),
                    self.kort(lokaal),
                    landelijk.clone(),
                    format!("{mt}.csv"),
                    getal(*n as f64, 0),
                )
            })
            .collect()
    }

    /// D2 per column against the median of the parties that delivered the column.
    fn volledigheid(&self, jv: &JaarVergelijking) -> Vec<VolledigheidView> {
        jv.volledigheid
            .iter()
            .filter_map(|(kolom, partijen)| {
                let &(t, n, verplicht) = partijen.get(self.partij)?;
                let eigen = aandeel(t, n);
                let m = mediaan(
                    partijen
                        .values()
                        .filter_map(|&(t, n, _)| aandeel(t, n))
                        .collect(),
                );
                Some(VolledigheidView {
                    kolom: kolom.clone(),
                    verplicht,
                    gevuld: getal(t as f64, 0),
                    rijen: getal(n as f64, 0),
                    pct: pct(eigen),
                    mediaan: pct(m),
                    achter: matches!((eigen, m), (Some(e), Some(m)) if e + 10.0 < m),
                })
            })
            .collect()
    }

    /// The party beside the median party: quarantine and the compared indicators.
    fn vergelijking(&self, jv: &JaarVergelijking) -> Vec<VergelijkingView> {
        let q = &jv.quarantaine;
        let mut vergelijking = vec![VergelijkingView {
            maat: self.inv.opzet.terugkoppeling.quarantaine.clone(),
            partij: pct(q.get(self.partij).and_then(|&(t, n)| aandeel(t, n))),
            mediaan: pct(mediaan(
                q.values().filter_map(|&(t, n)| aandeel(t, n)).collect(),
            )),
        }];
        let vergeleken = &self.inv.opzet.terugkoppeling.vergeleken;
        for (v, per) in vergeleken.iter().zip(&jv.indicatoren) {
            vergelijking.push(VergelijkingView {
                maat: v.maat.clone(),
                partij: pct(per.get(self.partij).copied()),
                mediaan: pct(mediaan(per.values().copied().collect())),
            });
        }
        vergelijking
    }
}

/// Every party with a delivery in a reporting year gets a page.
pub fn partijen(inv: &FeedbackInvoer) -> BTreeSet<String> {
    inv.uitkomst
        .leveringen
        .iter()
        .filter(|l| inv.jaren.contains(&l.jaar))
        .map(|l| l.partij.clone())
        .collect()
}

pub fn landelijk(inv: &FeedbackInvoer) -> Landelijk {
    let met_pagina = partijen(inv);
    let mut jaren = Vec::new();
    for &jaar in inv.jaren {
        let d1: Vec<&KwaliteitRij> = per_partij(inv.dq, jaar, "D1").collect();
        let telt = |s: &str| {
            d1.iter()
                .filter(|r| r.verwacht == Some(true) && r.dimensie_waarde.as_deref() == Some(s))
                .count()
        };
        let mut partijen: Vec<VerwachtView> = d1
            .iter()
            .map(|r| VerwachtView {
                code: r.partij.clone(),
                naam: inv.referentie.partij_naam(&r.partij),
                soort: r.partijsoort.clone(),
                status: r.dimensie_waarde.clone().unwrap_or_default(),
                toelichting: match (r.verwacht, r.toelichting.clone()) {
                    (Some(false), t) => {
                        let mut s = "niet op de lijst van verwachte partijen".to_string();
                        if let Some(t) = t {
                            s = format!("{s}; {t}");
                        }
                        s
                    }
                    (_, t) => t.unwrap_or_default(),
                },
                pagina: met_pagina.contains(&r.partij).then(|| pagina(&r.partij)),
            })
            .collect();
        // Problems first, so the list reads as a to-do list.
        let rang = |s: &str| match s {
            "geweigerd" => 0,
            crate::validate::NIET_VOLLEDIG
            | crate::validate::GEDEELTELIJK_GELEZEN
            | crate::validate::NIET_GELEZEN => 1,
            "ontbreekt" => 2,
            _ => 3,
        };
        partijen.sort_by(|a, b| (rang(&a.status), &a.naam).cmp(&(rang(&b.status), &b.naam)));
        let mut redenen: BTreeMap<String, u64> = BTreeMap::new();
        for r in per_partij(inv.dq, jaar, "D6").filter(|r| r.dimensie.is_some()) {
            *redenen
                .entry(r.dimensie_waarde.clone().unwrap_or_default())
                .or_default() += r.waarde.unwrap_or(0.0) as u64;
        }
        let volledigheid = volledigheid_per_partij(inv.dq, jaar)
            .into_iter()
            .map(|(kolom, partijen)| {
                let (t, n) = partijen
                    .values()
                    .fold((0, 0), |(a, b), &(t, n, _)| (a + t, b + n));
                let m = mediaan(
                    partijen
                        .values()
                        .filter_map(|&(t, n, _)| aandeel(t, n))
                        .collect(),
                );
                (kolom, pct(aandeel(t, n)), pct(m))
            })
            .collect();
        jaren.push(LandelijkJaar {
            jaar,
            aangeleverd: telt("aangeleverd"),
            geweigerd: telt("geweigerd"),
            niet_volledig: telt(crate::validate::NIET_VOLLEDIG),
            niet_gelezen: telt(crate::validate::GEDEELTELIJK_GELEZEN)
                + telt(crate::validate::NIET_GELEZEN),
            ontbreekt: telt("ontbreekt"),
            verwacht: d1.iter().filter(|r| r.verwacht == Some(true)).count(),
            partijen,
            redenen: redenen
                .into_iter()
                .map(|(code, n)| {
                    let oms = Regel::from_code(&code).map_or("", Regel::omschrijving);
                    (code, oms, getal(n as f64, 0))
                })
                .collect(),
            volledigheid,
        });
    }
    Landelijk { jaren }
}

#[cfg(test)]
mod tests {
    use super::{mediaan, pagina};

    #[test]
    fn median_and_page_names() {
        assert_eq!(mediaan(vec![]), None);
        assert_eq!(mediaan(vec![3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(mediaan(vec![4.0, 1.0, 3.0, 2.0]), Some(2.5));
        assert_eq!(pagina("rud-zeeland"), "terugkoppeling-rud-zeeland.html");
        assert_eq!(pagina("../x"), "terugkoppeling-___x.html");
    }
}
