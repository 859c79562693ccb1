//! Data quality D1–D7 (`spec/indicators.md`) per party and year: the rows of
//! `datakwaliteit.parquet`. They are facts about the deliveries, taken from the
//! validate stage, so they are built here rather than in SQL; the national and
//! party aggregates in `indicatoren.parquet` are SQL files over these rows.

use std::collections::{BTreeMap, BTreeSet};

use crate::config::Config;
use crate::model::Levering;
use crate::reference::Referentie;
use crate::validate::Uitkomst;

pub use crate::model::uitvoer::KwaliteitRij;

impl KwaliteitRij {
    fn new(id: &'static str, naam: &'static str, l: &Levering, soort: &str) -> KwaliteitRij {
        KwaliteitRij {
            indicator_id: id,
            indicator: naam,
            jaar: l.jaar,
            partij: l.partij.clone(),
            partijsoort: soort.to_string(),
            verwacht: None,
            tabel: None,
            bestand: None,
            kolom: None,
            dimensie: None,
            dimensie_waarde: None,
            waarde: None,
            teller: None,
            noemer: None,
            toelichting: None,
        }
    }
}

/// The parties expected to deliver every year: all parties of the configured kinds
/// plus the named ones.
pub fn verwacht(config: &Config, referentie: &Referentie) -> BTreeSet<String> {
    let mut out: BTreeSet<String> = config
        .file
        .verwacht
        .partijsoorten
        .iter()
        .flat_map(|s| referentie.partijen_van_soort(s))
        .collect();
    out.extend(config.file.verwacht.partijen.iter().cloned());
    out
}

fn pct(teller: u64, noemer: u64) -> Option<f64> {
    (noemer > 0).then(|| 100.0 * teller as f64 / noemer as f64)
}

/// D1–D7 for every reporting year.
pub fn compute(
    uitkomst: &Uitkomst,
    config: &Config,
    referentie: &Referentie,
    jaren: &[i32],
    volgorde: &crate::indicators::catalogue::Volgorde,
) -> Vec<KwaliteitRij> {
    let jaren: BTreeSet<i32> = jaren.iter().copied().collect();
    let leveringen: BTreeMap<Levering, &crate::validate::LeveringStatus> = uitkomst
        .leveringen
        .iter()
        .filter(|l| jaren.contains(&l.jaar))
        .map(|l| {
            (
                Levering {
                    jaar: l.jaar,
                    partij: l.partij.clone(),
                },
                l,
            )
        })
        .collect();
    // Rows read per delivery and table: the base of D3–D6.
    let mut gelezen: BTreeMap<(Levering, &str), u64> = BTreeMap::new();
    for r in &uitkomst.reconciliatie {
        let l = Levering {
            jaar: r.jaar,
            partij: r.partij.clone(),
        };
        *gelezen.entry((l, r.tabel)).or_default() += r.gelezen;
    }
    let dq = Datakwaliteit {
        uitkomst,
        referentie,
        leveringen,
        gelezen,
    };
    let mut out = dq.d1(&jaren, &verwacht(config, referentie));
    out.extend(dq.d2());
    out.extend(dq.d3());
    out.extend(dq.d4_d5_d6());
    out.extend(dq.d7());
    out.sort_by(|a, b| {
        (
            volgorde.plaats(a.indicator_id),
            a.jaar,
            &a.partij,
            &a.tabel,
            &a.bestand,
            &a.kolom,
            &a.dimensie,
            &a.dimensie_waarde,
        )
            .cmp(&(
                volgorde.plaats(b.indicator_id),
                b.jaar,
                &b.partij,
                &b.tabel,
                &b.bestand,
                &b.kolom,
                &b.dimensie,
                &b.dimensie_waarde,
            ))
    });
    out
}

/// What D1–D7 are computed from: the outcome of the validate stage, the deliveries
/// of the reporting years and the rows read per delivery and table.
struct Datakwaliteit<'a> {
    uitkomst: &'a Uitkomst,
    referentie: &'a Referentie,
    leveringen: BTreeMap<Levering, &'a crate::validate::LeveringStatus>,
    gelezen: BTreeMap<(Levering, &'a str), u64>,
}

impl Datakwaliteit<'_> {
    fn soort(&self, p: &str) -> String {
        self.referentie
            .partijsoort(p)
            .map_or("onbekend", |s| s.code())
            .to_string()
    }

    /// A delivery of a reporting year.
    fn binnen(&self, l: &Levering) -> bool {
        self.leveringen.contains_key(l)
    }

    /// D1: every expected party, and every party that delivered, for every year.
    fn d1(&self, jaren: &BTreeSet<i32>, verwacht: &BTreeSet<String>) -> Vec<KwaliteitRij> {
        let mut out = Vec::new();
        for &jaar in jaren {
            let mut partijen = verwacht.clone();
            partijen.extend(
                self.leveringen
                    .keys()
                    .filter(|l| l.jaar == jaar)
                    .map(|l| l.partij.clone()),
            );
            for p in partijen {
                let l = Levering {
                    jaar,
                    partij: p.clone(),
                };
                let mut r = KwaliteitRij::new("D1", "aangeleverd", &l, &self.soort(&p));
                r.verwacht = Some(verwacht.contains(&p));
                let (status, toelichting) = match self.leveringen.get(&l) {
                    Some(s) => (s.status, s.reden.clone()),
                    None => (
                        "ontbreekt",
                        Some(format!("geen levering voor {jaar} ontvangen")),
                    ),
                };
                r.dimensie = Some("status".into());
                r.dimensie_waarde = Some(status.into());
                r.waarde = Some(if status == "aangeleverd" { 1.0 } else { 0.0 });
                r.toelichting = toelichting;
                out.push(r);
            }
        }
        out
    }

    /// D2: completeness per column.
    fn d2(&self) -> Vec<KwaliteitRij> {
        let mut out = Vec::new();
        for v in &self.uitkomst.volledigheid {
            let l = Levering {
                jaar: v.jaar,
                partij: v.partij.clone(),
            };
            if !self.binnen(&l) {
                continue;
            }
            let mut r = KwaliteitRij::new("D2", "volledigheid_pct", &l, &self.soort(&v.partij));
            r.tabel = Some(v.tabel.into());
            r.bestand = Some(v.bestand.clone());
            r.kolom = Some(v.kolom.into());
            r.dimensie = Some("verplicht".into());
            r.dimensie_waarde = Some(if v.verplicht { "ja" } else { "nee" }.into());
            r.teller = Some(v.gevuld as i64);
            r.noemer = Some(v.rijen as i64);
            r.waarde = pct(v.gevuld, v.rijen);
            out.push(r);
        }
        out
    }

    /// D3: unmapped values, with the raw value.
    fn d3(&self) -> Vec<KwaliteitRij> {
        let mut out = Vec::new();
        for ((l, tabel, kolom, waarde), n) in &self.uitkomst.niet_gemapt {
            if !self.binnen(l) {
                continue;
            }
            let mut r = KwaliteitRij::new("D3", "niet_gemapt", l, &self.soort(&l.partij));
            r.tabel = Some(tabel.to_string());
            r.kolom = Some(kolom.clone());
            r.dimensie = Some("waarde".into());
            r.dimensie_waarde = Some(waarde.clone());
            r.waarde = Some(*n as f64);
            r.noemer = self.gelezen.get(&(l.clone(), *tabel)).map(|&x| x as i64);
            out.push(r);
        }
        out
    }

    /// D4, D5, D6 per delivery and table; zero is a value, so every delivered table
    /// gets a row.
    fn d4_d5_d6(&self) -> Vec<KwaliteitRij> {
        let mut out = Vec::new();
        let mut wezen: BTreeMap<(Levering, &str), u64> = BTreeMap::new();
        let mut quarantaine: BTreeMap<(Levering, &str, &str), u64> = BTreeMap::new();
        for q in &self.uitkomst.quarantaine {
            let l = Levering {
                jaar: q.jaar,
                partij: q.partij.clone(),
            };
            if q.reden == crate::contract::rules::Regel::Wees.code() {
                *wezen.entry((l.clone(), q.tabel)).or_default() += 1;
            }
            *quarantaine.entry((l, q.tabel, q.reden)).or_default() += 1;
        }
        for ((l, tabel), &n) in &self.gelezen {
            if !self.binnen(l) {
                continue;
            }
            let base = |id, naam| {
                let mut r = KwaliteitRij::new(id, naam, l, &self.soort(&l.partij));
                r.tabel = Some(tabel.to_string());
                r.noemer = Some(n as i64);
                r
            };
            if matches!(*tabel, "overtredingen" | "handhavingsmaatregelen") {
                let mut r = base("D4", "wezen");
                r.waarde = Some(*wezen.get(&(l.clone(), *tabel)).unwrap_or(&0) as f64);
                out.push(r);
            }
            if *tabel != "organisatie" {
                let mut r = base("D5", "duplicaten");
                let n = self.uitkomst.duplicaten.get(&(l.clone(), *tabel));
                r.waarde = Some(*n.unwrap_or(&0) as f64);
                out.push(r);
            }
            let mut totaal = base("D6", "quarantaine");
            let redenen: Vec<(&str, u64)> = quarantaine
                .iter()
                .filter(|((ql, qt, _), _)| ql == l && qt == tabel)
                .map(|((_, _, reden), &k)| (*reden, k))
                .collect();
            totaal.waarde = Some(redenen.iter().map(|(_, k)| *k).sum::<u64>() as f64);
            out.push(totaal);
            for (reden, k) in redenen {
                let mut r = base("D6", "quarantaine");
                r.dimensie = Some("reden".into());
                r.dimensie_waarde = Some(reden.into());
                r.waarde = Some(k as f64);
                out.push(r);
            }
        }
        out
    }

    /// D7 per file: read, accepted and quarantined; read = accepted + quarantined.
    fn d7(&self) -> Vec<KwaliteitRij> {
        let mut out = Vec::new();
        for rec in &self.uitkomst.reconciliatie {
            let l = Levering {
                jaar: rec.jaar,
                partij: rec.partij.clone(),
            };
            if !self.binnen(&l) {
                continue;
            }
            for (telling, n) in [
                ("gelezen", rec.gelezen),
                ("geaccepteerd", rec.geaccepteerd),
                ("quarantaine", rec.quarantaine),
            ] {
                let mut r = KwaliteitRij::new("D7", "rijen", &l, &self.soort(&l.partij));
                r.tabel = Some(rec.tabel.into());
                r.bestand = Some(rec.bestand.clone());
                r.dimensie = Some("telling".into());
                r.dimensie_waarde = Some(telling.into());
                r.waarde = Some(n as f64);
                r.toelichting = Some(format!(
                    "gelezen {} = geaccepteerd {} + quarantaine {}",
                    rec.gelezen, rec.geaccepteerd, rec.quarantaine
                ));
                out.push(r);
            }
        }
        out
    }
}
