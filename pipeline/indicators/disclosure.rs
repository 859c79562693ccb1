//! Disclosure control of the open release (spec/indicators.md).
//!
//! Primary: a count below `min_celwaarde` and a share or median whose noemer is below
//! `min_noemer` is published as null with status `onderdrukt` (CBS symbol `.`), its
//! teller and noemer withheld.
//!
//! Secondary, after τ-ARGUS's hypercube idea reduced to the one-dimensional groups
//! the long format has: in every additive group (the eenheden of one niveau against
//! `nationaal`; the codes of a breakdown against their total row) either no cell is
//! suppressed or at least two are, together not below the threshold; otherwise the
//! smallest published cell of the group is suppressed as well, and every group that
//! cell belongs to is checked again, until all hold. A share whose teller or noemer
//! equals published counts (`noemer_gelijk_aan` in its query header) is suppressed
//! with any of them. Shares form groups too (their tellers and noemers add up like
//! counts), weighted by noemer against `min_noemer`, so a share suppressed for a small
//! noemer cannot be had back as the national teller minus the rest. Medians do not
//! add up and only get primary suppression.
//!
//! Comparable years (`spec/dekking.md`): a panel row differs from its national row
//! by the parties outside the panel. Where that difference is a count from 1 to
//! `min_celwaarde − 1` (for a share: its teller or noemer difference) the panel row
//! is suppressed as well; and the national row is a group of the panel row and the
//! party rows of the parties outside the panel, so a suppressed party row cannot be
//! had back as national − panel − the other parties outside. Cells, groups and the search order all
//! follow the sorted rows, so the same input suppresses the same cells.

use std::collections::{BTreeMap, HashMap, VecDeque};

use serde::Serialize;

use super::catalogue::{Indicator, Soort};
use super::IndicatorRij;
use crate::config::Openbaarheid;
use crate::model::uitvoer::{status, RijSleutel, VERGELIJKBAAR};

/// The open release of the indicator rows and what disclosure control withheld.
#[derive(Debug, Clone)]
pub struct Openbaar {
    pub rijen: Vec<IndicatorRij>,
    pub onderdrukking: Onderdrukking,
}

/// Cells (rows of the open `indicatoren.parquet`) and how many were suppressed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Onderdrukking {
    pub cellen: usize,
    /// Below the threshold themselves.
    pub primair: usize,
    /// Suppressed so that no primary cell can be recomputed.
    pub secundair: usize,
}

impl Onderdrukking {
    /// Suppressed cells as a percentage of all cells.
    pub fn pct(&self, n: usize) -> f64 {
        if self.cellen == 0 {
            0.0
        } else {
            100.0 * n as f64 / self.cellen as f64
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Staat {
    Open,
    Primair,
    Secundair,
}

pub fn is_onderdrukt(rij: &IndicatorRij, soort: Soort, o: Openbaarheid) -> bool {
    match soort {
        Soort::Aantal => rij.waarde.is_some_and(|w| w < o.min_celwaarde as f64),
        Soort::Aandeel | Soort::Mediaan => rij.noemer.is_some_and(|n| n > 0 && n < o.min_noemer),
    }
}

/// One additive group: the total equals the sum of the members.
struct Groep {
    cellen: Vec<usize>,
    drempel: i64,
}

/// A breakdown that rolls up into another: the detailed dimensie, the rolled-up
/// dimensie, and per detailed code its rolled-up code.
pub type Uitrol = (String, String, BTreeMap<String, String>);

/// What else ties cells together, besides the groups of the long format.
#[derive(Debug, Clone, Default)]
pub struct Relaties {
    /// Units of two niveaus that cover the same gemeenten (a province that is one
    /// omgevingsdienst region): their cells are the same number.
    pub gelijk: Vec<((String, String), (String, String))>,
    /// Per indicator, breakdowns that roll up into another: (the detailed dimensie,
    /// the rolled-up dimensie, detailed code → rolled-up code), as H6's instruments
    /// into their categorie.
    pub hierarchie: BTreeMap<String, Vec<Uitrol>>,
    /// Per panel of comparable years (its dimensie_waarde, `2024/2025`), the
    /// parties outside it.
    pub panelen: BTreeMap<String, std::collections::BTreeSet<String>>,
}

impl Relaties {
    /// Derived from the reference data and the code lists the dimensies name: a
    /// dimensie completed with `lijst.kolom` rolls up the one completed with `lijst`.
    pub fn uit(
        catalogus: &[Indicator],
        referentie: &crate::reference::Referentie,
        codelijsten: &crate::reference::Codelijsten,
    ) -> Relaties {
        let mut r = Relaties::default();
        let gemeenten = |niveau: &str| {
            let mut per: BTreeMap<String, std::collections::BTreeSet<String>> = BTreeMap::new();
            for (g, e) in referentie.indeling(niveau) {
                per.entry(e).or_default().insert(g);
            }
            per
        };
        let (ods, pvs) = (gemeenten("omgevingsdienst_regio"), gemeenten("provincie"));
        for (od, a) in &ods {
            for (pv, b) in &pvs {
                if a == b {
                    r.gelijk.push((
                        ("omgevingsdienst_regio".into(), od.clone()),
                        ("provincie".into(), pv.clone()),
                    ));
                }
            }
        }
        for ind in catalogus {
            for (boven, spec) in &ind.meta.dimensies {
                let Some((lijst, kolom)) = spec.split_once('.') else {
                    continue;
                };
                let Some(onder) = ind.meta.dimensies.iter().find(|(_, l)| *l == lijst) else {
                    continue;
                };
                let Some(codes) = codelijsten.lijst(lijst) else {
                    continue;
                };
                let map: BTreeMap<String, String> = codes
                    .codes
                    .keys()
                    .filter_map(|c| codes.attr(c, kolom).map(|k| (c.clone(), k.to_string())))
                    .collect();
                r.hierarchie.entry(ind.meta.id.clone()).or_default().push((
                    onder.0.clone(),
                    boven.clone(),
                    map,
                ));
            }
        }
        r
    }
}

/// The open release of a set of indicator rows (sorted as `indicators::sort` does).
pub fn open(
    rijen: &[IndicatorRij],
    catalogus: &[Indicator],
    o: Openbaarheid,
    relaties: &Relaties,
) -> Openbaar {
    let meta: HashMap<&str, &Indicator> =
        catalogus.iter().map(|i| (i.meta.id.as_str(), i)).collect();
    let soort = |r: &IndicatorRij| {
        meta.get(r.indicator_id.as_str())
            .map_or(Soort::Aantal, |i| i.meta.soort)
    };
    let mut staat: Vec<Staat> = rijen
        .iter()
        .map(|r| match is_onderdrukt(r, soort(r), o) {
            true => Staat::Primair,
            false => Staat::Open,
        })
        .collect();
    // What a cell adds to its group: a count's value, a share's noemer. A cell
    // without observations adds nothing and is never chosen to complete a group.
    let gewicht: Vec<Option<i64>> = rijen
        .iter()
        .map(|r| match soort(r) {
            Soort::Aantal => r.waarde.map(|w| w.round() as i64),
            Soort::Aandeel if r.status != status::GEEN_WAARNEMINGEN => r.noemer,
            Soort::Aandeel | Soort::Mediaan => None,
        })
        .collect();
    let index: HashMap<RijSleutel, usize> = rijen
        .iter()
        .enumerate()
        .map(|(k, r)| (r.sleutel(), k))
        .collect();

    let groepen = groepen(rijen, &index, &soort, o, relaties);
    let mut lid_van: Vec<Vec<usize>> = vec![Vec::new(); rijen.len()];
    for (g, groep) in groepen.iter().enumerate() {
        for &c in &groep.cellen {
            lid_van[c].push(g);
        }
    }
    for c in panel_verschil(rijen, &index, &soort, o) {
        if staat[c] == Staat::Open {
            staat[c] = Staat::Secundair;
        }
    }
    let gekoppeld = gekoppeld(rijen, &index, &meta, relaties);
    let mut werk = Werk {
        staat: &mut staat,
        rij: VecDeque::new(),
        in_rij: vec![false; groepen.len()],
        lid_van: &lid_van,
        gekoppeld: &gekoppeld,
        // A panel row is suppressed before its national row: the national figure
        // is the one readers need, and the panel row is what ties it to the
        // parties outside the panel.
        eerst: &rijen
            .iter()
            .map(|r| r.dimensie.as_deref() == Some(VERGELIJKBAAR))
            .collect::<Vec<_>>(),
    };
    werk.los_op(&groepen, &gewicht);

    publiceer(rijen, &staat)
}

/// The panel rows that differ from their national row by a count from 1 to
/// `min_celwaarde − 1` (a share: by such a teller or noemer).
fn panel_verschil(
    rijen: &[IndicatorRij],
    index: &HashMap<RijSleutel, usize>,
    soort: &dyn Fn(&IndicatorRij) -> Soort,
    o: Openbaarheid,
) -> Vec<usize> {
    let klein = |a: Option<i64>, b: Option<i64>| {
        let d = a.unwrap_or(0) - b.unwrap_or(0);
        (1..o.min_celwaarde).contains(&d)
    };
    let geheel = |w: Option<f64>| w.map(|w| w.round() as i64);
    panelrijen(rijen, index)
        .filter_map(|(k, n)| {
            let (p, n) = (&rijen[k], &rijen[n]);
            let verschil = match soort(p) {
                Soort::Aantal => klein(geheel(n.waarde), geheel(p.waarde)),
                Soort::Aandeel => klein(n.teller, p.teller) || klein(n.noemer, p.noemer),
                Soort::Mediaan => false,
            };
            verschil.then_some(k)
        })
        .collect()
}

/// Every panel row (dimensie `vergelijkbaar`) with its national row: (panel, national).
fn panelrijen<'r>(
    rijen: &'r [IndicatorRij],
    index: &'r HashMap<RijSleutel, usize>,
) -> impl Iterator<Item = (usize, usize)> + 'r {
    rijen
        .iter()
        .enumerate()
        .filter(|(_, r)| r.dimensie.as_deref() == Some(VERGELIJKBAAR))
        .filter_map(|(k, p)| {
            let nationaal = (
                p.indicator_id.as_str(),
                p.jaar,
                super::NIVEAUS[0],
                "NL",
                None,
                None,
            );
            index.get(&nationaal).map(|&n| (k, n))
        })
}

/// Cell → the cells suppressed with it: the shares whose teller or noemer it is
/// (named in their query header), and its twin in a unit of the same gemeenten.
fn gekoppeld(
    rijen: &[IndicatorRij],
    index: &HashMap<RijSleutel, usize>,
    meta: &HashMap<&str, &Indicator>,
    relaties: &Relaties,
) -> Vec<Vec<usize>> {
    let mut gekoppeld: Vec<Vec<usize>> = vec![Vec::new(); rijen.len()];
    for (k, r) in rijen.iter().enumerate() {
        let Some(ind) = meta.get(r.indicator_id.as_str()) else {
            continue;
        };
        let panel = r.dimensie.as_deref() == Some(VERGELIJKBAAR);
        for v in ind.meta.verwijzingen() {
            let (dim, waarde) = match &v.dimensie {
                // A panel row has no breakdowns to equal.
                Some(_) if panel => continue,
                Some((d, w)) => (Some(d.as_str()), Some(w.as_str())),
                // A panel share's teller or noemer is the panel row of the total.
                None if panel => (r.dimensie.as_deref(), r.dimensie_waarde.as_deref()),
                None => (None, None),
            };
            let doel = (
                v.indicator.as_str(),
                r.jaar,
                r.niveau.as_str(),
                r.eenheid.as_str(),
                dim,
                waarde,
            );
            if let Some(&c) = index.get(&doel) {
                gekoppeld[c].push(k);
            }
        }
    }
    // Units that are the same gemeenten: each cell goes with its twin.
    for ((na, ea), (nb, eb)) in &relaties.gelijk {
        for (k, r) in rijen.iter().enumerate() {
            if r.niveau != *na || r.eenheid != *ea {
                continue;
            }
            let twin = (
                r.indicator_id.as_str(),
                r.jaar,
                nb.as_str(),
                eb.as_str(),
                r.dimensie.as_deref(),
                r.dimensie_waarde.as_deref(),
            );
            if let Some(&t) = index.get(&twin) {
                gekoppeld[k].push(t);
                gekoppeld[t].push(k);
            }
        }
    }
    gekoppeld
}

/// The rows as published: a suppressed cell without its value, teller and noemer
/// (its coverage stays: who delivered is published by D1), counted as primary or
/// secondary.
fn publiceer(rijen: &[IndicatorRij], staat: &[Staat]) -> Openbaar {
    let mut telling = Onderdrukking {
        cellen: rijen.len(),
        ..Default::default()
    };
    let rijen = rijen
        .iter()
        .zip(staat)
        .map(|(r, s)| {
            match s {
                Staat::Open => return r.clone(),
                Staat::Primair => telling.primair += 1,
                Staat::Secundair => telling.secundair += 1,
            }
            IndicatorRij {
                waarde: None,
                teller: None,
                noemer: None,
                status: status::ONDERDRUKT,
                ..r.clone()
            }
        })
        .collect();
    Openbaar {
        rijen,
        onderdrukking: telling,
    }
}

/// A national cell: (indicator, jaar, dimensie, dimensie_waarde).
type NationaleCel<'r> = (&'r str, i32, Option<&'r str>, Option<&'r str>);
/// A cell at one niveau: (indicator, jaar, niveau, dimensie, dimensie_waarde).
type NiveauCel<'r> = (&'r str, i32, &'r str, Option<&'r str>, Option<&'r str>);

/// The additive groups of counts and shares, in row order.
fn groepen(
    rijen: &[IndicatorRij],
    index: &HashMap<RijSleutel, usize>,
    soort: &dyn Fn(&IndicatorRij) -> Soort,
    o: Openbaarheid,
    relaties: &Relaties,
) -> Vec<Groep> {
    let nationaal = super::NIVEAUS[0];
    let totaal_van_niveau: HashMap<NationaleCel, usize> = rijen
        .iter()
        .enumerate()
        .filter(|(_, r)| r.niveau == nationaal)
        .map(|(k, r)| {
            let (i, j, _, _, d, w) = r.sleutel();
            ((i, j, d, w), k)
        })
        .collect();
    // BTreeMaps keyed by the first member's row: groups in row order.
    let mut per_niveau: BTreeMap<NiveauCel, Vec<usize>> = BTreeMap::new();
    let mut per_uitsplitsing: BTreeMap<(&str, i32, &str, &str, &str), Vec<usize>> = BTreeMap::new();
    for (k, r) in rijen.iter().enumerate() {
        if soort(r) == Soort::Mediaan {
            continue;
        }
        let (i, j, n, e, d, w) = r.sleutel();
        if n != nationaal {
            per_niveau.entry((i, j, n, d, w)).or_default().push(k);
        }
        // A panel row is no breakdown of its national row: its group is below.
        if let Some(d) = d.filter(|d| *d != VERGELIJKBAAR) {
            per_uitsplitsing.entry((i, j, n, e, d)).or_default().push(k);
        }
    }
    let drempel = |k: usize| match soort(&rijen[k]) {
        Soort::Aantal => o.min_celwaarde,
        _ => o.min_noemer,
    };
    let mut uit: Vec<(usize, Groep)> = Vec::new();
    let mut maak = |totaal: Option<&usize>, mut leden: Vec<usize>| {
        // Without a published total there is nothing to subtract from.
        if let Some(&t) = totaal {
            let eerste = leden[0].min(t);
            leden.push(t);
            uit.push((
                eerste,
                Groep {
                    drempel: drempel(t),
                    cellen: leden,
                },
            ));
        }
    };
    for ((i, j, _, d, w), leden) in per_niveau {
        maak(totaal_van_niveau.get(&(i, j, d, w)), leden);
    }
    for ((i, j, n, e, _), leden) in per_uitsplitsing {
        maak(index.get(&(i, j, n, e, None, None)), leden);
    }
    // A rolled-up code against the detailed codes under it (H6: a categorie against
    // its instruments), per unit.
    let mut eenheden: Vec<(&str, i32, &str, &str)> = rijen
        .iter()
        .filter(|r| r.dimensie.is_none() && relaties.hierarchie.contains_key(&r.indicator_id))
        .map(|r| {
            (
                r.indicator_id.as_str(),
                r.jaar,
                r.niveau.as_str(),
                r.eenheid.as_str(),
            )
        })
        .collect();
    eenheden.sort();
    eenheden.dedup();
    for (i, j, n, e) in eenheden {
        for (onder, boven, map) in relaties.hierarchie.get(i).into_iter().flatten() {
            let mut per_boven: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
            for (code, bovencode) in map {
                if let Some(&k) =
                    index.get(&(i, j, n, e, Some(onder.as_str()), Some(code.as_str())))
                {
                    per_boven.entry(bovencode.as_str()).or_default().push(k);
                }
            }
            for (bovencode, leden) in per_boven {
                maak(
                    index.get(&(i, j, n, e, Some(boven.as_str()), Some(bovencode))),
                    leden,
                );
            }
        }
    }
    for (totaal, leden) in panelgroepen(rijen, index, soort, relaties) {
        maak(Some(&totaal), leden);
    }
    uit.sort_by_key(|(eerste, _)| *eerste);
    uit.into_iter().map(|(_, g)| g).collect()
}

/// National = the panel row + the party rows of the parties outside the panel:
/// per panel row of a count or share, its national row and those members.
fn panelgroepen(
    rijen: &[IndicatorRij],
    index: &HashMap<RijSleutel, usize>,
    soort: &dyn Fn(&IndicatorRij) -> Soort,
    relaties: &Relaties,
) -> Vec<(usize, Vec<usize>)> {
    let mut uit = Vec::new();
    for (k, totaal) in panelrijen(rijen, index) {
        let r = &rijen[k];
        if soort(r) == Soort::Mediaan {
            continue;
        }
        let Some(buiten) = r
            .dimensie_waarde
            .as_deref()
            .and_then(|w| relaties.panelen.get(w))
        else {
            continue;
        };
        let (i, j) = (r.indicator_id.as_str(), r.jaar);
        let mut leden = vec![k];
        leden.extend(
            buiten
                .iter()
                .filter_map(|p| index.get(&(i, j, super::NIVEAUS[3], p.as_str(), None, None))),
        );
        uit.push((totaal, leden));
    }
    uit
}

/// The search's state: which cells are suppressed and which groups to check again.
struct Werk<'a> {
    staat: &'a mut [Staat],
    rij: VecDeque<usize>,
    in_rij: Vec<bool>,
    lid_van: &'a [Vec<usize>],
    gekoppeld: &'a [Vec<usize>],
    /// Cells chosen before the others when a group needs one more suppressed.
    eerst: &'a [bool],
}

impl Werk<'_> {
    /// Every group until it holds: the cells suppressed so far followed up, every
    /// group checked, and a group that does not hold gets its smallest open cell
    /// suppressed (ties by row order, so the choice is deterministic) until it
    /// holds or no cell can help; each suppression plans its groups again.
    fn los_op(&mut self, groepen: &[Groep], gewicht: &[Option<i64>]) {
        for c in 0..self.staat.len() {
            if self.staat[c] != Staat::Open {
                self.volg(c);
            }
        }
        for g in 0..groepen.len() {
            self.plan(g);
        }
        while let Some(g) = self.rij.pop_front() {
            self.in_rij[g] = false;
            let groep = &groepen[g];
            loop {
                let (n, som) = groep
                    .cellen
                    .iter()
                    .filter(|&&c| self.staat[c] != Staat::Open)
                    .fold((0usize, 0i64), |(n, s), &c| {
                        (n + 1, s + gewicht[c].unwrap_or(0))
                    });
                if n == 0 || (n >= 2 && som >= groep.drempel) {
                    break;
                }
                let kandidaat = groep
                    .cellen
                    .iter()
                    .filter(|&&c| self.staat[c] == Staat::Open)
                    .filter_map(|&c| gewicht[c].map(|w| (!self.eerst[c], w, c)))
                    .min();
                let Some((_, _, c)) = kandidaat else {
                    // Every cell that could help is suppressed already.
                    break;
                };
                self.onderdruk(c);
            }
        }
    }

    fn plan(&mut self, g: usize) {
        if !self.in_rij[g] {
            self.in_rij[g] = true;
            self.rij.push_back(g);
        }
    }

    /// Suppress a cell to protect another one.
    fn onderdruk(&mut self, c: usize) {
        if self.staat[c] == Staat::Open {
            self.staat[c] = Staat::Secundair;
            self.volg(c);
        }
    }

    /// What follows from a suppressed cell: its groups are checked again and the
    /// shares that equal it are suppressed with it.
    fn volg(&mut self, c: usize) {
        for k in 0..self.lid_van[c].len() {
            self.plan(self.lid_van[c][k]);
        }
        for k in 0..self.gekoppeld[c].len() {
            self.onderdruk(self.gekoppeld[c][k]);
        }
    }
}

#[cfg(test)]
mod tests {
    //! Small tables worked out by hand (thresholds 5 and 10).
    use super::*;
    use crate::indicators::catalogue;

    const O: Openbaarheid = Openbaarheid {
        min_celwaarde: 5,
        min_noemer: 10,
    };

    fn indicator(id: &str, soort: &str, extra: &str) -> Indicator {
        let text = format!(
            "/* ---\nid = \"{id}\"\nvolgorde = 1\nnaam = \"{id}\"\ntitel = \"\"\ndefinitie = \"\"\neenheid = \"\"\nsoort = \"{soort}\"\nhoofdstuk = \"toezicht\"\n{extra}\n--- */\nSELECT 1"
        );
        catalogue::parse(std::path::Path::new(id), &text).expect("header")
    }

    /// (indicator, eenheid ("NL" is nationaal, else a partij), breakdown code, value
    /// or (teller, noemer)).
    fn rij(
        id: &str,
        eenheid: &str,
        code: Option<&str>,
        w: Option<f64>,
        tn: Option<(i64, i64)>,
    ) -> IndicatorRij {
        IndicatorRij {
            indicator_id: id.into(),
            indicator: id.into(),
            jaar: 2025,
            niveau: if eenheid == "NL" {
                "nationaal"
            } else {
                "partij"
            }
            .into(),
            eenheid: eenheid.into(),
            dimensie: code.map(|_| "e".to_string()),
            dimensie_waarde: code.map(str::to_string),
            waarde: w.or(tn.map(|(t, n)| 100.0 * t as f64 / n as f64)),
            teller: tn.map(|x| x.0),
            noemer: tn.map(|x| x.1),
            gemeenten_gedekt: None,
            gemeenten_totaal: None,
            status: "definitief",
        }
    }

    fn aantal(id: &str, eenheid: &str, code: Option<&str>, w: f64) -> IndicatorRij {
        rij(id, eenheid, code, Some(w), None)
    }

    /// The breakdown of `rows_and_columns_of_a_breakdown_are_protected_together`.
    fn tabel_c() -> Vec<IndicatorRij> {
        vec![
            aantal("C", "NL", None, 30.0),
            aantal("C", "NL", Some("x"), 12.0),
            aantal("C", "NL", Some("y"), 18.0),
            aantal("C", "p1", None, 14.0),
            aantal("C", "p1", Some("x"), 2.0),
            aantal("C", "p1", Some("y"), 12.0),
            aantal("C", "p2", None, 16.0),
            aantal("C", "p2", Some("x"), 10.0),
            aantal("C", "p2", Some("y"), 6.0),
        ]
    }

    fn onderdrukt(o: &Openbaar) -> Vec<String> {
        o.rijen
            .iter()
            .filter(|r| r.status == "onderdrukt")
            .map(|r| {
                format!(
                    "{} {} {}",
                    r.indicator_id,
                    r.eenheid,
                    r.dimensie_waarde.as_deref().unwrap_or("totaal")
                )
            })
            .collect()
    }

    #[test]
    fn a_lone_suppressed_unit_takes_the_smallest_other_unit_with_it() {
        let cat = [indicator("A", "aantal", "")];
        let rijen = [
            aantal("A", "NL", None, 60.0),
            aantal("A", "a", None, 3.0),
            aantal("A", "b", None, 7.0),
            aantal("A", "c", None, 50.0),
        ];
        let o = open(&rijen, &cat, O, &Relaties::default());
        assert_eq!(onderdrukt(&o), ["A a totaal", "A b totaal"]);
        assert_eq!((o.onderdrukking.primair, o.onderdrukking.secundair), (1, 1));
        assert_eq!(o.rijen[0].waarde, Some(60.0));
        assert_eq!(o.rijen[2].waarde, None);
    }

    #[test]
    fn suppressed_cells_together_reach_the_threshold() {
        // 0 and 1 are both primary, but 62 − 6 − 55 = 1 would show they are tiny: the
        // next smallest (6) joins them, 7 ≥ 5.
        let cat = [indicator("A", "aantal", "")];
        let rijen = [
            aantal("A", "NL", None, 62.0),
            aantal("A", "a", None, 0.0),
            aantal("A", "b", None, 1.0),
            aantal("A", "c", None, 6.0),
            aantal("A", "d", None, 55.0),
        ];
        let o = open(&rijen, &cat, O, &Relaties::default());
        assert_eq!(onderdrukt(&o), ["A a totaal", "A b totaal", "A c totaal"]);
        assert_eq!((o.onderdrukking.primair, o.onderdrukking.secundair), (2, 1));
    }

    #[test]
    fn rows_and_columns_of_a_breakdown_are_protected_together() {
        //            total   x    y
        //   NL         30   12   18
        //   p1         14    2   12
        //   p2         16   10    6
        // p1·x = 2 is primary. Across parties (x column) p2·x = 10 joins it; across
        // codes p1·y = 12 (row p1) and p2·y = 6 (row p2); then every row and column
        // has two suppressed cells and the totals stay published.
        let cat = [indicator("C", "aantal", "dimensies = { e = \"\" }")];
        let rijen = tabel_c();
        let o = open(&rijen, &cat, O, &Relaties::default());
        assert_eq!(onderdrukt(&o), ["C p1 x", "C p1 y", "C p2 x", "C p2 y"]);
        assert_eq!((o.onderdrukking.primair, o.onderdrukking.secundair), (1, 3));
        // The same input suppresses the same cells.
        assert_eq!(open(&rijen, &cat, O, &Relaties::default()).rijen, o.rijen);
    }

    #[test]
    fn a_share_is_suppressed_with_the_counts_its_noemer_equals() {
        // T: NL 30 = p1 3 + p2 27; p1 is primary, p2 its complement. S's noemer is T,
        // so S·p2 (noemer 27, published on its own) goes with T·p2. S·p1 is primary
        // (noemer 3 < 10). U's noemer is the breakdown cell C[e=x] of the table above.
        let cat = [
            indicator("T", "aantal", ""),
            indicator("S", "aandeel", "noemer_gelijk_aan = [\"T\"]"),
            indicator("C", "aantal", "dimensies = { e = \"\" }"),
            indicator("U", "aandeel", "noemer_gelijk_aan = [\"C[e=x]\"]"),
        ];
        let rijen = [
            aantal("T", "NL", None, 30.0),
            aantal("T", "p1", None, 3.0),
            aantal("T", "p2", None, 27.0),
            rij("S", "NL", None, None, Some((5, 30))),
            rij("S", "p1", None, None, Some((1, 3))),
            rij("S", "p2", None, None, Some((4, 27))),
        ]
        .into_iter()
        .chain(tabel_c())
        .chain([
            rij("U", "NL", None, None, Some((6, 12))),
            rij("U", "p1", None, None, Some((1, 2))),
            rij("U", "p2", None, None, Some((5, 10))),
        ])
        .collect::<Vec<_>>();
        let o = open(&rijen, &cat, O, &Relaties::default());
        assert_eq!(
            onderdrukt(&o),
            [
                "T p1 totaal",
                "T p2 totaal",
                "S p1 totaal",
                "S p2 totaal",
                "C p1 x",
                "C p1 y",
                "C p2 x",
                "C p2 y",
                "U p1 totaal",
                "U p2 totaal"
            ]
        );
        // Primary: T·p1, S·p1, C·p1·x, U·p1 (noemer 2).
        assert_eq!((o.onderdrukking.primair, o.onderdrukking.secundair), (4, 6));
        let s_nl = &o.rijen[3];
        assert_eq!(
            (s_nl.teller, s_nl.noemer, s_nl.status),
            (Some(5), Some(30), "definitief")
        );
    }

    #[test]
    fn a_share_suppressed_for_its_noemer_is_not_the_national_minus_the_rest() {
        // Noemers 30 = 4 + 26: p1's share is primary; p2 must go too, or its teller
        // and noemer give p1's back. No count is linked here.
        let cat = [indicator("S", "aandeel", "")];
        let rijen = [
            rij("S", "NL", None, None, Some((9, 30))),
            rij("S", "p1", None, None, Some((2, 4))),
            rij("S", "p2", None, None, Some((7, 26))),
            rij("S", "p3", None, None, Some((0, 0))),
        ];
        let mut rijen = rijen.to_vec();
        rijen[3].waarde = None;
        rijen[3].status = "geen_waarnemingen";
        let o = open(&rijen, &cat, O, &Relaties::default());
        assert_eq!(onderdrukt(&o), ["S p1 totaal", "S p2 totaal"]);
        assert_eq!(o.rijen[3].status, "geen_waarnemingen");
    }

    #[test]
    fn detailed_codes_are_protected_within_their_rolled_up_code() {
        // Instruments a 2, b 10 (categorie x = 12) and c 3, d 15 (y = 18); total 30.
        // Across instruments a and c (5) are enough; but x − b would give a, and
        // y − d would give c: b and d go too.
        let cat = [indicator(
            "H",
            "aantal",
            "dimensies = { i = \"\", c = \"\" }",
        )];
        let cel = |dim: &str, code: &str, w: f64| {
            let mut r = aantal("H", "NL", Some(code), w);
            r.dimensie = Some(dim.into());
            r
        };
        let rijen = vec![
            aantal("H", "NL", None, 30.0),
            cel("c", "x", 12.0),
            cel("c", "y", 18.0),
            cel("i", "a", 2.0),
            cel("i", "b", 10.0),
            cel("i", "c", 3.0),
            cel("i", "d", 15.0),
        ];
        let relaties = Relaties {
            hierarchie: [(
                "H".to_string(),
                vec![(
                    "i".to_string(),
                    "c".to_string(),
                    [("a", "x"), ("b", "x"), ("c", "y"), ("d", "y")]
                        .map(|(k, v)| (k.to_string(), v.to_string()))
                        .into(),
                )],
            )]
            .into(),
            ..Default::default()
        };
        let zonder = open(&rijen, &cat, O, &Relaties::default());
        assert_eq!(onderdrukt(&zonder), ["H NL a", "H NL c"]);
        let met = open(&rijen, &cat, O, &relaties);
        assert_eq!(onderdrukt(&met), ["H NL a", "H NL b", "H NL c", "H NL d"]);
    }

    #[test]
    fn a_province_that_is_one_region_is_suppressed_with_it() {
        // Regions r 8, s 2, t 30; provinces p 8 (the same gemeenten as r), q 32;
        // NL 40. s is primary and r its complement; p would show r, so p goes, and
        // q with it.
        let cat = [indicator("A", "aantal", "")];
        let eenheid = |niveau: &str, e: &str, w: f64| {
            let mut r = aantal("A", e, None, w);
            r.niveau = niveau.into();
            r
        };
        let rijen = vec![
            aantal("A", "NL", None, 40.0),
            eenheid("omgevingsdienst_regio", "r", 8.0),
            eenheid("omgevingsdienst_regio", "s", 2.0),
            eenheid("omgevingsdienst_regio", "t", 30.0),
            eenheid("provincie", "p", 8.0),
            eenheid("provincie", "q", 32.0),
        ];
        let relaties = Relaties {
            gelijk: vec![(
                ("omgevingsdienst_regio".into(), "r".into()),
                ("provincie".into(), "p".into()),
            )],
            ..Default::default()
        };
        let o = open(&rijen, &cat, O, &relaties);
        assert_eq!(
            onderdrukt(&o),
            ["A r totaal", "A s totaal", "A p totaal", "A q totaal"]
        );
        assert_eq!((o.onderdrukking.primair, o.onderdrukking.secundair), (1, 3));
    }
}
