//! Acceptance: the final state of every row. A row is accepted when it became a
//! record, its own findings keep it, the batch rules set it not aside and its
//! delivery was not refused; otherwise it goes to quarantine with its first reason
//! and its raw values, read anew from its file.

use std::collections::BTreeMap;

use foldhash::HashMap;

use super::{QuarantaineRij, Uitkomst};
use crate::contract::findings::{Bevinding, Bevindingen};
use crate::contract::rules::{Regel, Zwaarte};
use crate::error::{Error, Result};
use crate::harmonise::batch::{tel_niet_gemapt, Bestandsrijen};
use crate::harmonise::kolomregels::GEEN;
use crate::harmonise::{self, Bestandsrecords, Harmoniser, Record};
use crate::ingest::read::{read_file, IngestedFile};
use crate::ingest::table::RawRow;
use crate::model::{Controles, Levering, Maatregelen, Overtredingen, Records};

/// Each file's records of a large table with the rows to keep (`None`: all).
type Bestandsdelen<T> = Vec<(T, Option<Vec<bool>>)>;

/// A row set aside whose raw text is read anew: (quarantine row, file, row in file).
pub(super) type OpnieuwTeLezen = (usize, usize, usize);

/// Acceptance under way: what every file adds to the outcome.
pub(super) struct Acceptatie<'a> {
    batch: &'a HashMap<usize, Vec<Bevinding>>,
    uitkomst: &'a mut Uitkomst,
    bevindingen: &'a mut Bevindingen,
    /// Every row set aside.
    opnieuw: Vec<OpnieuwTeLezen>,
    /// The large tables' records of every file, moved into the batch's columns
    /// column by column once every file is decided.
    controles: Bestandsdelen<Controles>,
    overtredingen: Bestandsdelen<Overtredingen>,
    maatregelen: Bestandsdelen<Maatregelen>,
}

impl<'a> Acceptatie<'a> {
    pub(super) fn new(
        batch: &'a HashMap<usize, Vec<Bevinding>>,
        uitkomst: &'a mut Uitkomst,
        bevindingen: &'a mut Bevindingen,
    ) -> Self {
        Acceptatie {
            batch,
            uitkomst,
            bevindingen,
            opnieuw: Vec::new(),
            controles: Vec::new(),
            overtredingen: Vec::new(),
            maatregelen: Vec::new(),
        }
    }

    /// Decide every row of every file; per file (accepted, quarantined).
    pub(super) fn alle_bestanden(
        mut self,
        gelezen: &[IngestedFile],
        per_bestand: Vec<Bestandsrijen>,
        begin: &[usize],
        geweigerd: &BTreeMap<Levering, Bevinding>,
    ) -> (Vec<(u64, u64)>, Vec<OpnieuwTeLezen>) {
        let mut telling = Vec::with_capacity(gelezen.len());
        // Each file's rows go as they are decided: their memory with them.
        for (bi, (g, per_rij)) in gelezen.iter().zip(per_bestand).enumerate() {
            let weigering = geweigerd.get(&g.bestand.levering);
            telling.push(self.bestand(bi, g, per_rij, begin[bi], weigering));
        }
        let r = &mut self.uitkomst.records;
        r.controles.voeg_alle_toe(self.controles);
        r.overtredingen.voeg_alle_toe(self.overtredingen);
        r.maatregelen.voeg_alle_toe(self.maatregelen);
        (telling, self.opnieuw)
    }

    /// The rows of file `bi` (its first row is row `begin` of the batch).
    fn bestand(
        &mut self,
        bi: usize,
        g: &IngestedFile,
        per_rij: Bestandsrijen,
        begin: usize,
        weigering: Option<&Bevinding>,
    ) -> (u64, u64) {
        let b = g.bestand;
        let Bestandsrijen {
            mut records,
            rij,
            bevindingen: eigen,
        } = per_rij;
        let mut telling = (0, 0);
        let mut eigen = eigen.into_iter().peekable();
        // The accepted rows of a large table's columns.
        let mut genomen: Vec<u32> = Vec::new();
        // A large table's row with a record and no finding of its own or of the
        // batch rules, in a delivery not refused, is accepted whatever `reden`
        // would look at: most rows, taken without it (one file of 12 million
        // rows: 0.18 s on one core before).
        let gewoon = weigering.is_none() && !matches!(records, Bestandsrecords::Overig(_));
        for (k, record) in rij.into_iter().enumerate() {
            if gewoon
                && record != GEEN
                && eigen.peek().is_none_or(|(r, _)| *r != k)
                && !self.batch.contains_key(&(begin + k))
            {
                telling.0 += 1;
                genomen.push(record);
                continue;
            }
            let record = (record != GEEN).then_some(record as usize);
            let ri = begin + k;
            let line = g.rows.line(k);
            let rij_bevindingen = eigen
                .next_if(|(r, _)| *r == k)
                .map(|(_, f)| f)
                .unwrap_or_default();
            let batch = self.batch.get(&ri).map(Vec::as_slice).unwrap_or_default();
            let reden = reden(
                g,
                line,
                weigering,
                record.is_some(),
                &rij_bevindingen,
                batch,
            );
            // The row's own findings are not needed after this: move them, no copies.
            // A warning kept only as the reason was counted at harmonisation.
            for f in rij_bevindingen {
                if f.zwaarte < Zwaarte::Quarantaine {
                    continue;
                }
                tel_niet_gemapt(&mut self.uitkomst.niet_gemapt, b, &f);
                self.bevindingen.add(f);
            }
            for f in batch {
                self.bevindingen.add(f.clone());
            }
            match (reden, record) {
                (None, Some(i)) => {
                    telling.0 += 1;
                    match &mut records {
                        Bestandsrecords::Overig(rs) => {
                            if let Some(record) = rs[i].take() {
                                neem(record, batch, &mut self.uitkomst.records);
                            }
                        }
                        // Taken column by column once the file is decided.
                        _ => genomen.push(i as u32),
                    }
                }
                (reden, _) => {
                    telling.1 += 1;
                    self.quarantaine(bi, g, k, line, reden);
                }
            }
        }
        self.houd(records, &genomen);
        telling
    }

    /// Row `k` of file `bi`, at `line`, to quarantine for `reden`.
    fn quarantaine(
        &mut self,
        bi: usize,
        g: &IngestedFile,
        k: usize,
        line: u64,
        reden: Option<Bevinding>,
    ) {
        let b = g.bestand;
        let reden = reden.unwrap_or_else(|| Bevinding {
            regel: "onbekend",
            zwaarte: Zwaarte::Quarantaine,
            jaar: b.levering.jaar,
            partij: b.levering.partij.clone(),
            bestand: b.relatief.clone(),
            regelnummer: Some(line),
            kolom: None,
            waarde: None,
            melding: "regel kon niet worden gelezen".into(),
        });
        self.uitkomst.quarantaine.push(QuarantaineRij {
            partij: b.levering.partij.clone(),
            jaar: b.levering.jaar,
            tabel: b.tabel.name(),
            bestand: b.relatief.clone(),
            regel: line,
            reden: reden.regel,
            kolom: reden.kolom.clone(),
            waarde: reden.waarde.clone(),
            melding: reden.melding.clone(),
            // Filled in later, from the file read anew.
            ruwe_rij: String::new(),
        });
        self.opnieuw
            .push((self.uitkomst.quarantaine.len() - 1, bi, k));
    }

    /// A large table's records of one file, with the rows `genomen` to keep.
    fn houd(&mut self, records: Bestandsrecords, genomen: &[u32]) {
        let houden = |n: usize| {
            (genomen.len() != n).then(|| {
                let mut houden = vec![false; n];
                for &i in genomen {
                    houden[i as usize] = true;
                }
                houden
            })
        };
        match records {
            Bestandsrecords::Controles(c) => {
                let h = houden(c.len());
                self.controles.push((c, h));
            }
            Bestandsrecords::Overtredingen(o) => {
                let h = houden(o.len());
                self.overtredingen.push((o, h));
            }
            Bestandsrecords::Maatregelen(m) => {
                let h = houden(m.len());
                self.maatregelen.push((m, h));
            }
            Bestandsrecords::Overig(_) => {}
        }
    }
}

/// Why a row is set aside, if it is: its delivery's refusal, its own finding that
/// sets it aside (or, without a record, its first finding), or the batch rules'.
fn reden(
    g: &IngestedFile,
    line: u64,
    weigering: Option<&Bevinding>,
    gemaakt: bool,
    eigen: &[Bevinding],
    batch: &[Bevinding],
) -> Option<Bevinding> {
    let b = g.bestand;
    if let Some(w) = weigering {
        // An unknown party concerns every row itself; other causes sit in one
        // file (or on one row) and the rest of the delivery is refused with them.
        let eigen = w.regel == Regel::PartijOnbekend.code()
            || (w.bestand == b.relatief && (w.regelnummer == Some(line) || g.weigering.is_some()));
        return Some(if eigen {
            w.clone()
        } else {
            Bevinding {
                regel: Regel::LeveringGeweigerd.code(),
                zwaarte: Zwaarte::Weigeren,
                melding: format!("levering geweigerd: {}", w.als_tekst()),
                ..w.clone()
            }
        });
    }
    if !gemaakt || harmonise::uitkomst(eigen) >= Zwaarte::Quarantaine {
        return eigen
            .iter()
            .find(|f| f.zwaarte >= Zwaarte::Quarantaine)
            .or(eigen.first())
            .cloned();
    }
    batch
        .iter()
        .find(|f| f.zwaarte >= Zwaarte::Quarantaine)
        .cloned()
}

/// An accepted record of a small table into the batch's records.
fn neem(record: Record, batch: &[Bevinding], records: &mut Records) {
    match record {
        Record::Organisatie(o) => records.organisaties.push(*o),
        // An earlier version of a case is accepted (nothing is wrong with it) but
        // the later version is the record.
        Record::Strafzaak(z) => {
            let vervangen = batch
                .iter()
                .any(|f| f.regel == Regel::StrafzaakBijgewerkt.code());
            if !vervangen {
                records.strafzaken.push(*z);
            }
        }
        // Earlier versions of a stelsel key go after acceptance.
        Record::Implementatie(i) => records.implementaties.push(*i),
        Record::Oordeel(o) => records.oordelen.push(*o),
        Record::Aanbeveling(a) => records.aanbevelingen.push(*a),
    }
}

/// The raw row of every row set aside, from its file read anew (the text was let
/// go after harmonisation): one file at a time, only files with such rows. A file
/// that changed since it was first read stops the run, since its rows would no
/// longer be the ones counted.
pub(super) fn ruwe_rijen_opnieuw(
    gelezen: &[IngestedFile],
    h: &Harmoniser,
    opnieuw: &[OpnieuwTeLezen],
    quarantaine: &mut [QuarantaineRij],
) -> Result<()> {
    let mut per_bestand: BTreeMap<usize, Vec<(usize, usize)>> = BTreeMap::new();
    for &(qi, bi, k) in opnieuw {
        per_bestand.entry(bi).or_default().push((qi, k));
    }
    use rayon::prelude::*;
    let gevuld: Vec<Result<Vec<(usize, String)>>> = per_bestand
        .par_iter()
        .map(|(&bi, rijen)| {
            let g = &gelezen[bi];
            let weer = read_file(g.bestand, h.config, h.profielen, &mut Bevindingen::default())?;
            if weer.sha256 != g.sha256 || weer.rows.len() != g.rows.len() {
                return Err(Error::Engine(format!(
                    "{} changed while the run read it (sha256 {} then {}); run again on files that do not change",
                    g.bestand.pad.display(),
                    g.sha256,
                    weer.sha256
                )));
            }
            Ok(rijen
                .iter()
                .map(|&(qi, k)| (qi, ruwe_rij(&weer.header, weer.rows.rij(k))))
                .collect())
        })
        .collect();
    for r in gevuld {
        for (qi, tekst) in r? {
            quarantaine[qi].ruwe_rij = tekst;
        }
    }
    Ok(())
}

/// Under the header's names every field, beyond them (`veld_n`) the fields the
/// file holds: a sheet's row that reaches a far column costs its cells, not an
/// empty field for every column between.
fn ruwe_rij(header: &[String], row: RawRow) -> String {
    let mut m = serde_json::Map::new();
    for (k, f) in header.iter().zip(row.fields()) {
        m.insert(k.clone(), serde_json::Value::String(f.to_string()));
    }
    for (i, f) in row.gehouden_vanaf(header.len()) {
        m.insert(
            format!("veld_{}", i + 1),
            serde_json::Value::String(f.to_string()),
        );
    }
    serde_json::Value::Object(m).to_string()
}
