//! Stage 3 — validate: the data contract over the whole batch. Every row read ends
//! accepted or in quarantine with its reason, file and line, and the counts
//! reconcile per file (D7). A delivery that breaks a `weigeren` rule is refused as
//! a whole and the batch goes on without it.

mod accept;
mod batch_rules;
pub mod counts;
mod sleutels;

// The contract's rules and findings, under the names the tests and reports use.
pub use crate::contract::{findings, rules};

use std::collections::BTreeMap;

// foldhash instead of SipHash: these maps hold every row of a national batch, and
// nothing is iterated in hash order into an output.
use foldhash::HashMap;

use serde::Serialize;

use crate::clock::Clock;
use crate::error::{Error, Result};
use crate::harmonise::batch::{Harmonisatie, VertaaldeWaarde};
use crate::harmonise::Harmoniser;
use crate::ingest::bestand_bevinding;
use crate::ingest::read::IngestedFile;
use crate::model::{Levering, Records};
use findings::{Bevinding, Bevindingen};
use rules::{Regel, Zwaarte};

/// Which of `delen` parts a key falls in, by a fixed hash (the same in every run):
/// a party's millions of rows split so that all rows of one key (an id, an
/// object) are in one part, and the parts worked on side by side.
fn deel_van(sleutel: &str, delen: usize) -> usize {
    deel_van_hash(hash_van(sleutel), delen)
}

/// The part of a key whose [`hash_van`] is already made.
fn deel_van_hash(hash: u64, delen: usize) -> usize {
    (hash % delen as u64) as usize
}

/// The fixed hash [`deel_van`] splits by.
fn hash_van(sleutel: &str) -> u64 {
    use std::hash::BuildHasher;
    foldhash::fast::FixedState::with_seed(0).hash_one(sleutel)
}

/// A set-aside row: where it came from, why, and its raw values.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuarantaineRij {
    pub partij: String,
    pub jaar: i32,
    pub tabel: &'static str,
    pub bestand: String,
    pub regel: u64,
    pub reden: &'static str,
    pub kolom: Option<String>,
    pub waarde: Option<String>,
    pub melding: String,
    /// The raw row as a JSON object (header → field), so nothing is lost.
    pub ruwe_rij: String,
}

/// D7 for one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reconciliatie {
    pub bestand: String,
    pub partij: String,
    pub jaar: i32,
    pub tabel: &'static str,
    pub sha256: String,
    pub gelezen: u64,
    pub geaccepteerd: u64,
    pub quarantaine: u64,
}

impl Reconciliatie {
    pub fn klopt(&self) -> bool {
        self.gelezen == self.geaccepteerd + self.quarantaine
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LeveringStatus {
    pub jaar: i32,
    pub partij: String,
    /// `aangeleverd`, `geweigerd` or `niet_volledig_aangeleverd` (files listed in
    /// the batch manifest did not arrive whole; see `fetch`).
    pub status: &'static str,
    pub reden: Option<String>,
    pub bestanden: Vec<String>,
}

impl LeveringStatus {
    /// Rows of this delivery are in the batch: it was not refused, and at least one
    /// of its files was read.
    pub fn heeft_gegevens(&self) -> bool {
        self.status != "geweigerd" && self.status != NIET_GELEZEN
    }
}

/// D1 status of a delivery whose fetched files did not all arrive.
pub const NIET_VOLLEDIG: &str = "niet_volledig_aangeleverd";
/// D1 status of a delivery of which some files were read and others skipped.
pub const GEDEELTELIJK_GELEZEN: &str = "gedeeltelijk_gelezen";
/// D1 status of a party folder none of whose files could be read as a table.
pub const NIET_GELEZEN: &str = "niet_gelezen";

#[derive(Debug, Default)]
pub struct Uitkomst {
    pub records: Records,
    pub quarantaine: Vec<QuarantaineRij>,
    pub bevindingen: Bevindingen,
    pub reconciliatie: Vec<Reconciliatie>,
    pub leveringen: Vec<LeveringStatus>,
    /// Extra columns per file, kept aside and reported.
    pub extra_kolommen: BTreeMap<String, Vec<String>>,
    /// D2: completeness per file and column, over every file that could be read.
    pub volledigheid: Vec<counts::Volledigheid>,
    /// D3: values that mapped to no national code, per (delivery, table, column,
    /// raw value), with the number of rows.
    pub niet_gemapt: BTreeMap<(Levering, &'static str, String, String), u64>,
    /// D5: rows whose id occurs more than once within the party.
    pub duplicaten: BTreeMap<(Levering, &'static str), u64>,
    /// Local values translated by a party's mapping tables, with the number of rows.
    pub vertaald: BTreeMap<VertaaldeWaarde, u64>,
}

/// What validation takes from the text of the files before harmonisation lets it
/// go: D2 and D5 count what was read, whatever its fate, and the rows of repeated
/// ids are kept aside for the batch rules' field-by-field comparisons (rows that
/// end in quarantine are read anew for their raw text).
pub struct Telling {
    extra_kolommen: BTreeMap<String, Vec<String>>,
    volledigheid: Vec<counts::Volledigheid>,
    duplicaten: BTreeMap<(Levering, &'static str), u64>,
    bewaard: HashMap<usize, Vec<String>>,
}

/// The counts of what was read (D2, D5) and the rows the batch rules compare, from
/// the text of every file read.
pub fn tel(gelezen: &[IngestedFile]) -> Telling {
    let (duplicaten, herhaald) = counts::duplicaten(
        gelezen
            .iter()
            .enumerate()
            .filter(|(_, g)| g.geparsed)
            .map(|(i, g)| (i, g.bestand, g.header.as_slice(), &g.rows)),
    );
    let begin = crate::harmonise::batch::begin(gelezen);
    let telling = Telling {
        extra_kolommen: extra_kolommen(gelezen),
        volledigheid: counts::volledigheid_alle(gelezen),
        duplicaten,
        bewaard: batch_rules::herhaalde_rijen(gelezen, &begin, &herhaald),
    };
    // D5's maps of a large party go back before harmonise builds the records.
    crate::memory::release();
    telling
}

/// The validate stage over the harmonised batch (the text of the files already
/// let go, `telling` taken from it): the batch rules, acceptance and
/// reconciliation (D7), each a step of `clock`. `bevindingen` holds what ingest
/// found about the files.
pub fn run(
    gelezen: Vec<IngestedFile>,
    telling: Telling,
    rijen: Harmonisatie,
    mut bevindingen: Bevindingen,
    h: &Harmoniser,
    clock: &mut Clock,
) -> Result<Uitkomst> {
    let (mut geweigerd, bestandsoorzaken) = weigeringen_vooraf(&gelezen, &rijen, h);
    let Telling {
        extra_kolommen,
        volledigheid,
        duplicaten,
        bewaard,
    } = telling;
    let mut uitkomst = Uitkomst {
        extra_kolommen,
        volledigheid,
        duplicaten,
        ..Default::default()
    };
    let batch = batch_rules::tot_rust(&gelezen, &rijen, &mut geweigerd, &bewaard, h);
    drop(bewaard);
    clock.step("batch_rules");
    let Harmonisatie {
        per_bestand,
        begin,
        vertaald,
        waarschuwingen,
        niet_gemapt,
    } = rijen;
    uitkomst.vertaald = vertaald;
    let (telling, opnieuw) = accept::Acceptatie::new(&batch, &mut uitkomst, &mut bevindingen)
        .alle_bestanden(&gelezen, per_bestand, &begin, &geweigerd);
    for w in bestandsoorzaken {
        bevindingen.add(w);
    }
    accept::ruwe_rijen_opnieuw(&gelezen, h, &opnieuw, &mut uitkomst.quarantaine)?;
    bevindingen.extend(waarschuwingen);
    for (k, n) in niet_gemapt {
        *uitkomst.niet_gemapt.entry(k).or_default() += n;
    }
    clock.step("accept");
    nieuwste_versies(&mut uitkomst.records);
    // Each overtreding takes the object and gemeente of its controle; the keys
    // between the tables become row numbers.
    sleutels::koppel(&mut uitkomst.records);
    koppel_strafzaken(&mut uitkomst.records);
    reconcilieer(&gelezen, &telling, &geweigerd, &mut uitkomst)?;
    uitkomst.bevindingen = bevindingen;
    clock.step("reconcile");
    Ok(uitkomst)
}

/// Columns outside the exchange format, per file read that refuses nothing.
fn extra_kolommen(gelezen: &[IngestedFile]) -> BTreeMap<String, Vec<String>> {
    gelezen
        .iter()
        .filter(|g| g.weigering.is_none() && !g.extra.is_empty())
        .map(|g| (g.bestand.relatief.clone(), g.extra.clone()))
        .collect()
}

/// Refusals known before the batch rules: per delivery its first cause, and every
/// file-level cause as a finding of its own (they sit on no harmonised row). An
/// unknown party and a file that is no table come first, in file order; then a
/// row that refuses its delivery, in row order.
fn weigeringen_vooraf(
    gelezen: &[IngestedFile],
    rijen: &Harmonisatie,
    h: &Harmoniser,
) -> (BTreeMap<Levering, Bevinding>, Vec<Bevinding>) {
    let mut geweigerd: BTreeMap<Levering, Bevinding> = BTreeMap::new();
    let mut bestandsoorzaken: Vec<Bevinding> = Vec::new();
    for g in gelezen {
        let l = &g.bestand.levering;
        if h.referentie.partijsoort(&l.partij).is_none() && !geweigerd.contains_key(l) {
            let w = bestand_bevinding(g.bestand, Regel::PartijOnbekend, Zwaarte::Weigeren, None, None, Some(l.partij.clone()), format!(
                "map {} is geen omgevingsdienstcode, GM-, PV- of WS-code of ILT/NVWA/OM/IenW uit de referentielijsten", l.partij
            ));
            bestandsoorzaken.push(w.clone());
            geweigerd.insert(l.clone(), w);
        }
        if let Some(w) = &g.weigering {
            bestandsoorzaken.push(w.clone());
            geweigerd.entry(l.clone()).or_insert_with(|| w.clone());
        }
    }
    for (g, per_rij) in gelezen.iter().zip(&rijen.per_bestand) {
        for (_, bev) in &per_rij.bevindingen {
            if let Some(w) = bev.iter().find(|f| f.zwaarte == Zwaarte::Weigeren) {
                geweigerd
                    .entry(g.bestand.levering.clone())
                    .or_insert_with(|| w.clone());
            }
        }
    }
    (geweigerd, bestandsoorzaken)
}

/// The stelsel tables: each key once, in the version of the latest year's file
/// (earlier versions were accepted; a changed one carries versie_vervangen).
fn nieuwste_versies(r: &mut Records) {
    fn nieuwste<T>(v: &mut Vec<T>, sleutel: for<'a> fn(&'a T) -> (&'a str, &'a str, i32)) {
        // Per key the latest year first, then keep the first of each key.
        v.sort_by(|a, b| {
            let (ka, kb) = (sleutel(a), sleutel(b));
            (ka.0, ka.1).cmp(&(kb.0, kb.1)).then(kb.2.cmp(&ka.2))
        });
        v.dedup_by(|b, a| {
            let (ka, kb) = (sleutel(a), sleutel(b));
            (ka.0, ka.1) == (kb.0, kb.1)
        });
    }
    nieuwste(&mut r.implementaties, |x| (&x.partij, &x.sleutel, x.jaar));
    nieuwste(&mut r.oordelen, |x| (&x.partij, &x.sleutel, x.jaar));
    nieuwste(&mut r.aanbevelingen, |x| (&x.partij, &x.sleutel, x.jaar));
}

/// A strafzaak is gekoppeld when it names a proces-verbaal of its verbalisant;
/// one that names another measure, or nothing found, is kept and counted (K6).
fn koppel_strafzaken(records: &mut Records) {
    let ms = &records.maatregelen;
    let instrument: HashMap<(&str, &str), Option<&str>> = (0..ms.len())
        .map(|i| {
            let m = ms.rij(i);
            ((m.partij, m.maatregel_id), m.handhavingsinstrument)
        })
        .collect();
    let koppeling: Vec<&'static str> = records
        .strafzaken
        .iter()
        .map(|z| {
            let m = z
                .maatregel_id
                .as_deref()
                .and_then(|id| instrument.get(&(z.partij_verbalisant.as_str(), id)));
            match m {
                Some(Some("proces_verbaal")) => "gekoppeld",
                Some(_) => "geen_pv",
                None => "niet_gekoppeld",
            }
        })
        .collect();
    drop(instrument);
    for (z, k) in records.strafzaken.iter_mut().zip(koppeling) {
        z.koppeling = k;
    }
}

/// D7 per file (rows read = accepted + quarantined, or the run stops) and the
/// status of every delivery.
fn reconcilieer(
    gelezen: &[IngestedFile],
    telling: &[(u64, u64)],
    geweigerd: &BTreeMap<Levering, Bevinding>,
    uitkomst: &mut Uitkomst,
) -> Result<()> {
    let mut per_levering: BTreeMap<Levering, Vec<String>> = BTreeMap::new();
    for (i, g) in gelezen.iter().enumerate() {
        let b = g.bestand;
        per_levering
            .entry(b.levering.clone())
            .or_default()
            .push(b.relatief.clone());
        let r = Reconciliatie {
            bestand: b.relatief.clone(),
            partij: b.levering.partij.clone(),
            jaar: b.levering.jaar,
            tabel: b.tabel.name(),
            sha256: g.sha256.clone(),
            gelezen: g.rows.len() as u64,
            geaccepteerd: telling[i].0,
            quarantaine: telling[i].1,
        };
        if !r.klopt() {
            // An engine bug, never a data problem: stop rather than publish.
            return Err(Error::Engine(format!(
                "D7 does not reconcile for {}: read {} ≠ accepted {} + quarantined {}",
                r.bestand, r.gelezen, r.geaccepteerd, r.quarantaine
            )));
        }
        uitkomst.reconciliatie.push(r);
    }
    for (l, bestanden) in per_levering {
        let w = geweigerd.get(&l);
        uitkomst.leveringen.push(LeveringStatus {
            jaar: l.jaar,
            partij: l.partij.clone(),
            status: if w.is_some() {
                "geweigerd"
            } else {
                "aangeleverd"
            },
            reden: w.map(Bevinding::als_tekst),
            bestanden,
        });
    }
    Ok(())
}

impl Uitkomst {
    /// Rows read, accepted and quarantined over every file (D7 summed).
    pub fn totalen(&self) -> (u64, u64, u64) {
        self.reconciliatie.iter().fold((0, 0, 0), |(g, a, q), r| {
            (g + r.gelezen, a + r.geaccepteerd, q + r.quarantaine)
        })
    }

    /// Mark the deliveries of which `vth fetch` could not collect every file. The
    /// files that did arrive are read as usual (nothing is lost); the delivery
    /// counts as not (fully) delivered in D1, with what is missing. A party with
    /// no file at all gets a status of its own here, instead of `ontbreekt`.
    pub fn niet_volledig(&mut self, tekorten: &BTreeMap<Levering, Vec<String>>) {
        for (l, t) in tekorten {
            let tekst = format!("niet (volledig) aangeleverd: {}", t.join("; "));
            self.markeer(l, NIET_VOLLEDIG, NIET_VOLLEDIG, tekst);
        }
    }

    /// Files in a party folder that were not read make its delivery partly read,
    /// or not read at all when no file of it was; D1 and the feedback page name
    /// them. A refused or incomplete delivery keeps its status and gets the names.
    pub fn overgeslagen(&mut self, overgeslagen: &[crate::ingest::Overgeslagen]) {
        let mut per_levering: BTreeMap<Levering, Vec<String>> = BTreeMap::new();
        for o in overgeslagen.iter().filter(|o| !o.tekort) {
            let mut delen = o.relatief.splitn(3, '/');
            let (Some(jaar), Some(partij), Some(bestand)) =
                (delen.next(), delen.next(), delen.next())
            else {
                continue;
            };
            let Ok(jaar) = jaar.parse::<i32>() else {
                continue;
            };
            per_levering
                .entry(Levering {
                    jaar,
                    partij: partij.to_string(),
                })
                .or_default()
                .push(format!("{bestand} ({})", o.reden));
        }
        for (l, t) in per_levering {
            let tekst = format!("niet gelezen: {}", t.join("; "));
            self.markeer(&l, GEDEELTELIJK_GELEZEN, NIET_GELEZEN, tekst);
        }
    }

    /// Give a delivery a status (`status` when some of it was read, `zonder` when it
    /// is not among the deliveries at all) and add `tekst` to its reason.
    fn markeer(&mut self, l: &Levering, status: &'static str, zonder: &'static str, tekst: String) {
        match self
            .leveringen
            .iter_mut()
            .find(|s| s.jaar == l.jaar && s.partij == l.partij)
        {
            Some(s) if s.status != "aangeleverd" => {
                s.reden = Some(match &s.reden {
                    Some(r) => format!("{r}; {tekst}"),
                    None => tekst,
                })
            }
            Some(s) => {
                s.status = status;
                s.reden = Some(tekst);
            }
            None => self.leveringen.push(LeveringStatus {
                jaar: l.jaar,
                partij: l.partij.clone(),
                status: zonder,
                reden: Some(tekst),
                bestanden: Vec::new(),
            }),
        }
        self.leveringen
            .sort_by(|a, b| (a.jaar, &a.partij).cmp(&(b.jaar, &b.partij)));
    }
}
