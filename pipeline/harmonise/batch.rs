//! The harmonise stage over a batch: each file read becomes records through the
//! contract's column predicates ([`super::kolomregels`]), file by file in parallel,
//! and every row keeps the findings that decide its fate for the validate stage.
//! Before the contract, the rows that cannot be harmonised as they are (bytes that
//! are not text, a value too long, another number of fields) are set aside.

use std::collections::BTreeMap;

use rayon::prelude::*;

use super::kolomregels::{Vondst, GEEN};
use super::{Bestandsrecords, Harmoniser, Record};
use crate::contract::findings::{Bestandstelling, Bevinding, Bevindingen};
use crate::contract::rules::{Regel, Zwaarte};
use crate::ingest::read::IngestedFile;
use crate::ingest::{bestand_bevinding, Bestand};
use crate::model::{Controles, Levering, Maatregelen, Overtredingen};

/// (delivery, table, column, local value, national code, mapping table).
pub type VertaaldeWaarde = (Levering, &'static str, String, String, String, String);

/// D3: rows per (delivery, table, column, raw value) that mapped to no code.
pub type NietGemapt = BTreeMap<(Levering, &'static str, String, String), u64>;

pub(crate) fn tel_niet_gemapt(n: &mut NietGemapt, b: &Bestand, f: &Bevinding) {
    if f.regel == Regel::CodeOnbekend.code() {
        *n.entry((
            b.levering.clone(),
            b.tabel.name(),
            f.kolom.clone().unwrap_or_default(),
            f.waarde.clone().unwrap_or_default(),
        ))
        .or_default() += 1;
    }
}

/// The rows that cannot be harmonised as they are, each with the one finding
/// that sets it aside, in row order: bytes that are not text, a value longer
/// than the configured limit, or another number of fields than the header
/// (per row the first of these, in that order). Checked over the file's
/// columns, not row by row.
fn voorcontroles(g: &IngestedFile, h: &Harmoniser) -> Vec<(usize, Bevinding)> {
    let b = g.bestand;
    let rows = &g.rows;
    let mut gevonden: BTreeMap<usize, Bevinding> = BTreeMap::new();
    // A line with bytes that are not UTF-8 belongs to the last record that
    // starts at or before it (a quoted field may span several lines).
    for (line, hex) in &g.ongeldige_tekens {
        let Some(k) = rows.lines().partition_point(|l| l <= line).checked_sub(1) else {
            continue;
        };
        gevonden.entry(k).or_insert_with(|| {
            bestand_bevinding(
                b,
                Regel::Tekenset,
                Zwaarte::Quarantaine,
                Some(rows.line(k)),
                None,
                Some(hex.clone()),
                format!(
                    "regel {line} bevat bytes die geen UTF-8 zijn ({hex}), terwijl de rest van het bestand UTF-8 is; herstel de tekens in het bronsysteem en lever opnieuw aan"
                ),
            )
        });
    }
    let grenzen = &h.config.file.grenzen;
    let grens = grenzen.max_waarde_tekens;
    // Only a column with a value over the limit in bytes is searched (its
    // longest value was measured as the file was read).
    for i in (0..rows.kolommen()).filter(|&i| rows.langste(i) > grens) {
        for (k, veld) in rows.kolom(i, 0..rows.len()).enumerate() {
            // Bytes bound characters from above: count only when the bytes exceed it.
            let Some(veld) = veld.filter(|v| v.len() > grens) else {
                continue;
            };
            if veld.chars().count() <= grens || gevonden.contains_key(&k) {
                continue;
            }
            gevonden.insert(
                k,
                bestand_bevinding(
                    b,
                    Regel::WaardeTeLang,
                    h.config.zwaarte(Regel::WaardeTeLang),
                    Some(rows.line(k)),
                    Some(g.header.get(i).map_or("?", String::as_str)),
                    Some(crate::display::afgekort(veld, grenzen.rapport_waarde_tekens)),
                    format!(
                        "waarde van {} tekens; de grens is {grens} (queries/config.toml [grenzen] max_waarde_tekens)",
                        veld.chars().count()
                    ),
                ),
            );
        }
    }
    let breedte = g.header.len();
    for k in 0..rows.len() {
        let n = rows.breedte(k);
        if n != breedte && !gevonden.contains_key(&k) {
            gevonden.insert(
                k,
                bestand_bevinding(
                    b,
                    Regel::AantalVelden,
                    h.config.zwaarte(Regel::AantalVelden),
                    Some(rows.line(k)),
                    Some("(regel)"),
                    Some(n.to_string()),
                    format!(
                        "regel heeft {n} velden, de kopregel {breedte}; controleer scheidingstekens en aanhalingstekens"
                    ),
                ),
            );
        }
    }
    gevonden.into_iter().collect()
}

/// What harmonisation decides about one file's rows: the findings that decide
/// a row's fate (quarantine or refusal) stay with it, warnings are counted.
struct Lot<'b> {
    bestand: &'b Bestand,
    /// (row in the file, its findings), in row order.
    bevindingen: Vec<(usize, Vec<Bevinding>)>,
    waarschuwingen: Bestandstelling,
    niet_gemapt: NietGemapt,
}

impl Lot<'_> {
    /// Row `k`'s findings `fs`; `gemaakt` when it became a record.
    fn beslis(&mut self, k: usize, gemaakt: bool, fs: Vec<Bevinding>) {
        let houden = if fs.iter().all(|f| f.zwaarte >= Zwaarte::Quarantaine) {
            fs
        } else {
            let (mut houden, licht): (Vec<Bevinding>, Vec<Bevinding>) = fs
                .into_iter()
                .partition(|f| f.zwaarte >= Zwaarte::Quarantaine);
            // A row without a record goes to quarantine; when only a warning
            // explains why, it stays with the row as its reason.
            if !gemaakt && houden.is_empty() {
                houden.extend(licht.first().cloned());
            }
            for f in licht {
                tel_niet_gemapt(&mut self.niet_gemapt, self.bestand, &f);
                self.waarschuwingen.add(f);
            }
            houden
        };
        if !houden.is_empty() {
            self.bevindingen.push((k, houden));
        }
    }
}

/// Every row of the batch after harmonisation, file by file, until acceptance. A
/// row is known by its index over all files in file order (file `bi` from
/// `begin[bi]`); per row only the place of its record in the file's columns, so
/// millions of rows cost little while they wait for the batch rules.
pub struct Harmonisatie {
    pub per_bestand: Vec<Bestandsrijen>,
    /// Where each file's rows begin, and the end.
    pub begin: Vec<usize>,
    /// Local values translated by the parties' mapping tables, with their rows.
    pub vertaald: BTreeMap<VertaaldeWaarde, u64>,
    /// Warnings, counted per file in row order (examples kept).
    pub waarschuwingen: Bevindingen,
    /// D3 of the rows whose unmapped value was only a warning.
    pub niet_gemapt: NietGemapt,
}

/// The rows of one file after harmonisation.
pub struct Bestandsrijen {
    /// The records its rows became, in row order (the large tables as columns).
    pub records: Bestandsrecords,
    /// Per row its record's place in `records`, [`GEEN`] when it became none.
    pub rij: Vec<u32>,
    /// Only the rows with findings that decide their fate (quarantine or refusal):
    /// (row in the file, its findings), in row order.
    pub bevindingen: Vec<(usize, Vec<Bevinding>)>,
}

impl Bestandsrijen {
    /// The record of row `k`, if it became one.
    pub fn record(&self, k: usize) -> Option<Rij<'_>> {
        let i = self.rij[k];
        if i == GEEN {
            return None;
        }
        let i = i as usize;
        Some(match &self.records {
            Bestandsrecords::Controles(c) => Rij::Controle(c, i),
            Bestandsrecords::Overtredingen(o) => Rij::Overtreding(o, i),
            Bestandsrecords::Maatregelen(m) => Rij::Maatregel(m, i),
            Bestandsrecords::Overig(r) => Rij::Overig(r[i].as_ref()?),
        })
    }
}

/// A row's record as the batch rules read it: a large table's row by its place
/// in the file's columns (each rule reads the few columns it needs).
#[derive(Clone, Copy)]
pub enum Rij<'a> {
    Controle(&'a Controles, usize),
    Overtreding(&'a Overtredingen, usize),
    Maatregel(&'a Maatregelen, usize),
    Overig(&'a Record),
}

impl Harmonisatie {
    /// The file of row `ri`, and the row's place in that file.
    pub fn plaats(&self, ri: usize) -> (usize, usize) {
        // The last file that begins at or before `ri` (files without rows begin
        // where the next one does).
        let bi = self.begin.partition_point(|&b| b <= ri) - 1;
        (bi, ri - self.begin[bi])
    }
}

/// Where each file's rows begin among all rows of the batch, in file order, and
/// the end.
pub fn begin(gelezen: &[IngestedFile]) -> Vec<usize> {
    std::iter::once(0)
        .chain(gelezen.iter().scan(0, |n, g| {
            *n += g.rows.len();
            Some(*n)
        }))
        .collect()
}

/// Harmonise every file read, and let each file's text go as it is done (the
/// validate stage counted what it needs of it first, `validate::tel`). Files are
/// harmonised in parallel; everything is merged in file order, so the outcome
/// does not depend on the threads. `voortgang` hears the rows of each file as it
/// is merged.
pub fn harmonise(
    gelezen: &mut [IngestedFile],
    h: &Harmoniser,
    voortgang: &dyn Fn(u64),
) -> Harmonisatie {
    let zwaarten: Vec<Zwaarte> = Regel::ALL.iter().map(|r| h.config.zwaarte(*r)).collect();
    let geharmoniseerd: Vec<Bestandsuitkomst> = gelezen
        .par_iter_mut()
        .map(|g| harmonise_file(g, h, &zwaarten))
        .collect();
    // The text was read by the worker threads; their heaps give its pages back now,
    // not a second later while the batch rules and acceptance build on top of it.
    crate::memory::release();
    let mut uit = Harmonisatie {
        per_bestand: Vec::with_capacity(gelezen.len()),
        begin: begin(gelezen),
        vertaald: BTreeMap::new(),
        waarschuwingen: Bevindingen::default(),
        niet_gemapt: NietGemapt::new(),
    };
    for (g, f) in gelezen.iter().zip(geharmoniseerd) {
        let b = g.bestand;
        for (k, n) in f.vertaald {
            *uit.vertaald.entry(k).or_default() += n;
        }
        uit.waarschuwingen
            .voeg_bestand_toe(&b.levering, &b.relatief, f.waarschuwingen);
        for (k, aantal) in f.niet_gemapt {
            *uit.niet_gemapt.entry(k).or_default() += aantal;
        }
        uit.per_bestand.push(f.rijen);
        voortgang(g.rows.len() as u64);
    }
    uit
}

/// What harmonisation makes of one file: each row's record and the findings that
/// decide its fate (quarantine or refusal). Warnings change no row's fate: they are
/// counted per file as they arise (in row order, as the manifest shows them)
/// instead of travelling with millions of rows to the accept step.
struct Bestandsuitkomst {
    rijen: Bestandsrijen,
    vertaald: BTreeMap<VertaaldeWaarde, u64>,
    waarschuwingen: Bestandstelling,
    niet_gemapt: NietGemapt,
}

/// One file through the contract: the checks before it, then its column predicates;
/// its text is let go (a large file's piece by piece, as each is checked).
fn harmonise_file(g: &mut IngestedFile, h: &Harmoniser, zwaarten: &[Zwaarte]) -> Bestandsuitkomst {
    let uitkomst = door_contract(g, h, zwaarten);
    g.rows.zonder_tekst();
    uitkomst
}

/// The checks before the contract, then its column predicates.
fn door_contract(g: &mut IngestedFile, h: &Harmoniser, zwaarten: &[Zwaarte]) -> Bestandsuitkomst {
    let b = g.bestand;
    let naam = crate::model::Bestandsnaam::from(b.relatief.as_str());
    let mut vertaald: BTreeMap<VertaaldeWaarde, u64> = BTreeMap::new();
    let mut lot = Lot {
        bestand: b,
        bevindingen: Vec::new(),
        waarschuwingen: Bestandstelling::default(),
        niet_gemapt: NietGemapt::new(),
    };
    let mut rijen = Bestandsrijen {
        records: Bestandsrecords::voor(b.tabel),
        rij: Vec::new(),
        bevindingen: Vec::new(),
    };
    let n = g.rows.len();
    if g.weigering.is_some() {
        rijen.rij = vec![GEEN; n];
        return Bestandsuitkomst {
            rijen,
            vertaald,
            waarschuwingen: lot.waarschuwingen,
            niet_gemapt: lot.niet_gemapt,
        };
    }
    let voor = voorcontroles(g, h);
    // The contract as column predicates over the rows that passed the
    // checks above, one findings table back.
    let mut actief = vec![true; n];
    for (k, _) in &voor {
        actief[*k] = false;
    }
    let mut voor = voor.into_iter().peekable();
    let u = h.kolommen(&b.levering, &naam, b.tabel, &g.header, &mut g.rows, actief);
    for ((kolom, lokaal, landelijk, tabel), aantal) in u.vertaald {
        *vertaald
            .entry((
                b.levering.clone(),
                b.tabel.name(),
                kolom.to_string(),
                lokaal,
                landelijk,
                tabel,
            ))
            .or_default() += aantal;
    }
    let bevinding = |v: &Vondst| Bevinding {
        regel: v.regel.code(),
        zwaarte: zwaarten[v.regel as usize],
        jaar: b.levering.jaar,
        partij: b.levering.partij.clone(),
        bestand: b.relatief.clone(),
        regelnummer: Some(g.rows.line(v.rij as usize)),
        kolom: Some(v.kolom.to_string()),
        waarde: v.waarde.as_deref().map(str::to_string),
        melding: v.melding.to_string(),
    };
    for groep in u.vondsten.chunk_by(|a, b| a.rij == b.rij) {
        let k = groep[0].rij as usize;
        while let Some((vk, f)) = voor.next_if(|(vk, _)| *vk < k) {
            lot.beslis(vk, false, vec![f]);
        }
        let gemaakt = u.record[k] != GEEN;
        if gemaakt
            && groep
                .iter()
                .all(|v| zwaarten[v.regel as usize] < Zwaarte::Quarantaine)
        {
            // Warnings only: counted, written out only as examples.
            for v in groep {
                if v.regel == Regel::CodeOnbekend {
                    tel_niet_gemapt(&mut lot.niet_gemapt, b, &bevinding(v));
                }
                lot.waarschuwingen.tel(v.regel.code(), || bevinding(v));
            }
        } else {
            lot.beslis(k, gemaakt, groep.iter().map(bevinding).collect());
        }
    }
    for (vk, f) in voor {
        lot.beslis(vk, false, vec![f]);
    }
    rijen.records = u.records;
    rijen.rij = u.record;
    rijen.bevindingen = lot.bevindingen;
    Bestandsuitkomst {
        rijen,
        vertaald,
        waarschuwingen: lot.waarschuwingen,
        niet_gemapt: lot.niet_gemapt,
    }
}
