//! Coverage and comparable years (`spec/dekking.md`). A gemeente is covered in a
//! year when its omgevingsdienst has an accepted controle dated in that year; the
//! panel of two consecutive reporting years is the parties with controles in both.
//! This module says who is covered and who is in a panel; the indicator queries
//! compute the figures (the panel reaches them as the table `buiten_panel`).

use std::collections::{BTreeMap, BTreeSet};

use super::IndicatorRij;
use crate::datasets::RecordTabellen;
use crate::error::Result;
use crate::model::uitvoer::VERGELIJKBAAR;
use crate::reference::Referentie;

/// The niveaus whose rows carry coverage: units made of gemeenten.
pub const NIVEAUS: [&str; 3] = ["nationaal", "provincie", "omgevingsdienst_regio"];

/// The parties with an accepted controle dated in each year.
#[derive(Debug, Clone, Default)]
pub struct Dekking {
    pub per_jaar: BTreeMap<i32, BTreeSet<String>>,
}

/// Two consecutive reporting years and who delivered in both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Panel {
    pub vorig: i32,
    pub jaar: i32,
    /// Parties with controles in both years.
    pub leden: BTreeSet<String>,
    /// Parties with controles in one of the two years only: their records are left
    /// out of the panel's figures.
    pub buiten: BTreeSet<String>,
}

impl Panel {
    /// The dimensie_waarde of the panel's rows: `2024/2025`.
    pub fn naam(&self) -> String {
        format!("{}/{}", self.vorig, self.jaar)
    }
}

impl Dekking {
    pub fn uit(tabellen: &RecordTabellen) -> Result<Dekking> {
        let c = &tabellen.controles;
        let partij = c.tekst("partij")?;
        let mut per_jaar: BTreeMap<i32, BTreeSet<String>> = BTreeMap::new();
        // A party's rows follow each other, mostly in one year: the pair of the
        // row before is checked first, the sets only when it changes.
        let mut vorige: Option<(i32, &str)> = None;
        for (k, j) in c.jaren("controledatum")?.into_iter().enumerate() {
            if let (Some(j), Some(p)) = (j, partij.get(k)) {
                if vorige == Some((j, p)) {
                    continue;
                }
                vorige = Some((j, p));
                if !per_jaar.get(&j).is_some_and(|s| s.contains(p)) {
                    per_jaar.entry(j).or_default().insert(p.to_string());
                }
            }
        }
        Ok(Dekking { per_jaar })
    }

    /// The panel of every two consecutive years among the reporting years.
    pub fn panelen(&self, jaren: &[i32]) -> Vec<Panel> {
        let geen = BTreeSet::new();
        jaren
            .iter()
            .filter(|&&j| jaren.contains(&(j - 1)))
            .map(|&jaar| {
                let a = self.per_jaar.get(&(jaar - 1)).unwrap_or(&geen);
                let b = self.per_jaar.get(&jaar).unwrap_or(&geen);
                Panel {
                    vorig: jaar - 1,
                    jaar,
                    leden: a.intersection(b).cloned().collect(),
                    buiten: a.symmetric_difference(b).cloned().collect(),
                }
            })
            .collect()
    }

    /// The omgevingsdiensten whose delivery covers their gemeenten in `jaar`.
    fn diensten(&self, jaar: i32) -> BTreeSet<&str> {
        self.per_jaar
            .get(&jaar)
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect()
    }
}

/// Per (niveau, eenheid) the omgevingsdienst of each of its gemeenten.
fn gemeenten_van(referentie: &Referentie) -> BTreeMap<(&str, &str), Vec<&str>> {
    let mut uit: BTreeMap<(&str, &str), Vec<&str>> = BTreeMap::new();
    for g in referentie.gemeenten.values() {
        let od = g.omgevingsdienst_code.as_str();
        uit.entry(("nationaal", "NL")).or_default().push(od);
        uit.entry(("provincie", g.provincie_code.as_str()))
            .or_default()
            .push(od);
        uit.entry(("omgevingsdienst_regio", od))
            .or_default()
            .push(od);
    }
    uit
}

/// Fill `gemeenten_gedekt` and `gemeenten_totaal` on the rows of the indicators
/// with coverage (`met_dekking`): a year's rows by the omgevingsdiensten that
/// delivered that year, a panel's rows by those in the panel.
pub fn vul(
    rijen: &mut [IndicatorRij],
    met_dekking: &BTreeSet<&str>,
    dekking: &Dekking,
    panelen: &[Panel],
    referentie: &Referentie,
) {
    let gemeenten = gemeenten_van(referentie);
    let mut per_jaar: BTreeMap<i32, BTreeSet<&str>> = BTreeMap::new();
    for r in rijen.iter_mut() {
        if !met_dekking.contains(r.indicator_id.as_str()) || !NIVEAUS.contains(&r.niveau.as_str()) {
            continue;
        }
        let Some(ods) = gemeenten.get(&(r.niveau.as_str(), r.eenheid.as_str())) else {
            continue;
        };
        let panel = (r.dimensie.as_deref() == Some(VERGELIJKBAAR))
            .then(|| {
                panelen
                    .iter()
                    .find(|p| Some(p.naam().as_str()) == r.dimensie_waarde.as_deref())
            })
            .flatten();
        let gedekt = match panel {
            Some(p) => ods.iter().filter(|od| p.leden.contains(**od)).count(),
            None => {
                let diensten = per_jaar
                    .entry(r.jaar)
                    .or_insert_with(|| dekking.diensten(r.jaar));
                ods.iter().filter(|od| diensten.contains(**od)).count()
            }
        };
        r.gemeenten_gedekt = Some(gedekt as i64);
        r.gemeenten_totaal = Some(ods.len() as i64);
    }
}
