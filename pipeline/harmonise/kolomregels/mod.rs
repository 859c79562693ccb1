//! The data contract as column predicates, for every table. Each column of a file is checked
//! as a whole: a code column once per distinct value, joined back to its rows; a
//! date or number column value by value, without a struct per row. Every rule that
//! fires goes to one findings table, [`Vondst`] (row, rule, column, value, what to
//! do), in row order and within a row in the contract's order. The records are
//! then built column by column from the rows that can become one.
//!
//! One module per group of tables: [`handhaving`] (controles, overtredingen,
//! handhavingsmaatregelen), [`strafzaken`] and [`stelsel`] (organisatie,
//! implementatie, robuustheid_oordelen, aanbevelingen; a few hundred rows a batch,
//! one record per row).

mod handhaving;
mod stelsel;
mod strafzaken;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use foldhash::{HashMap, HashMapExt};

use super::{values, verwacht, Bestandsrecords, Codes, Harmoniser};
use crate::contract::rules::Regel;
use crate::ingest::table::{Deel, Rijen, Tekstdeel};
use crate::model::codekolom::Gecodeerd;
use crate::model::{Bestandsnaam, Bron, Code, ErnstBron, Levering, Tabel, Teksten};
use crate::reference::Codelijst;

/// One finding of the contract over a file's columns.
#[derive(Debug, Clone, PartialEq)]
pub struct Vondst {
    /// The row's index in the file (0 = the first data row).
    pub rij: u32,
    pub regel: Regel,
    pub kolom: &'static str,
    /// The value as read (or as the rule saw it), shared by the rows that hold it.
    pub waarde: Option<Code>,
    /// What was expected and what to do, in Dutch, shared by the rows it concerns.
    pub melding: Code,
}

/// A file after the contract.
pub struct Kolomuitkomst {
    pub records: Bestandsrecords,
    /// Per row of the file its record's place in `records`, [`GEEN`] when the row
    /// became none (a required value is missing or unreadable, or the row took no
    /// part).
    pub record: Vec<u32>,
    /// The findings table, in row order, and within a row in the contract's order.
    pub vondsten: Vec<Vondst>,
    /// Rows per (column, local value, national code, mapping table) a party
    /// mapping table translated.
    pub vertaald: BTreeMap<(&'static str, String, String, String), u64>,
}

/// A row that became no record.
pub const GEEN: u32 = u32::MAX;

/// A finding a distinct value gives each row that holds it: rule, value, message.
type Gevonden = (Regel, Code, Code);

/// A distinct (delivered ernst, gevolg, gedrag) of a file's overtredingen.
pub(super) type Ernstsleutel<'a> = (Option<&'a str>, Option<u32>, Option<u32>);

/// What a distinct (ernst, gevolg, gedrag) comes to: the LHSO axes, the ernst and
/// where it came from, and the findings its rows get.
pub(super) struct Ernstklasse {
    gevolg: Option<Code>,
    gedrag: Option<Code>,
    ernst: Code,
    bron: ErnstBron,
    /// The axis whose value fits neither scheme, with that value.
    assen_onbekend: Option<(&'static str, Option<Code>)>,
    /// The message when the delivered ernst differs from the matrix.
    tegenstrijdig: Option<Code>,
}

/// The columns of one file as read, the rows that take part (a row set aside
/// before harmonisation, for its bytes or its number of fields, takes part in no
/// predicate), and what the predicates found so far.
pub(super) struct Kolombestand<'a> {
    h: &'a Harmoniser<'a>,
    levering: &'a Levering,
    header: &'a [String],
    rows: Deel<'a>,
    /// Per row: it takes part in the predicates still to come.
    actief: Vec<bool>,
    vertaling: Option<&'a super::mapping::Vertaling>,
    /// The party's own date format (profile), accepted besides ISO.
    datumformaat: Option<&'a str>,
    codes: Codes,
    vondsten: Vec<Vondst>,
    vertaald: BTreeMap<(&'static str, String, String, String), u64>,
}

/// A column's values reduced to its distinct values and, per row, which one it
/// holds (`None` for an empty value or a row that takes no part).
pub(super) struct Distinct<'a> {
    waarden: Vec<&'a str>,
    per_rij: Vec<Option<u32>>,
}

/// A code column of a file: the code each distinct value came to (none for an
/// unknown one) and per row the distinct value it holds. A row reads as its
/// `Option<Code>`.
pub(super) struct Codewaarden {
    /// Index 0 is no code: an empty value, or a row that takes no part.
    codes: Vec<Option<Code>>,
    per_rij: Vec<u32>,
}

impl Codewaarden {
    /// The codes of `per_waarde` (one per distinct value) for the rows of
    /// `per_rij`.
    fn uit(per_waarde: impl Iterator<Item = Option<Code>>, per_rij: &[Option<u32>]) -> Self {
        Codewaarden {
            codes: std::iter::once(None).chain(per_waarde).collect(),
            per_rij: per_rij.iter().map(|i| i.map_or(0, |i| i + 1)).collect(),
        }
    }

    /// Every row's code, in order.
    pub(super) fn iter(&self) -> impl Iterator<Item = &Option<Code>> + '_ {
        self.per_rij.iter().map(|&i| &self.codes[i as usize])
    }

    /// The rows `rijen`'s codes as a column of the records.
    pub(super) fn kolom<const OPT: bool>(&self, rijen: &[usize]) -> Gecodeerd<OPT> {
        Gecodeerd::gekozen(
            self.codes.iter().map(Option::as_ref),
            rijen.iter().map(|&k| self.per_rij[k] as usize),
        )
    }
}

impl std::ops::Index<usize> for Codewaarden {
    type Output = Option<Code>;
    fn index(&self, k: usize) -> &Option<Code> {
        &self.codes[self.per_rij[k] as usize]
    }
}

impl<'a> Kolombestand<'a> {
    pub(super) fn ruw(&self, kolom: &str) -> Vec<Option<&'a str>> {
        self.ruwe_waarden(kolom).collect()
    }

    /// Per row its value as read (trimmed), `None` when empty, absent or the
    /// row takes no part.
    fn ruwe_waarden(&self, kolom: &str) -> impl Iterator<Item = Option<&'a str>> + '_ {
        let mut velden = self
            .header
            .iter()
            .position(|h| h == kolom)
            .map(|i| self.rows.kolom(i));
        self.actief.iter().map(move |&actief| {
            // Every row advances the column, taking part or not.
            let veld = velden.as_mut().and_then(|v| v.next()).flatten();
            veld.filter(|_| actief)
                .map(crate::whitespace::trim)
                .filter(|s| !s.is_empty())
        })
    }

    pub(super) fn distinct(&self, kolom: &str) -> Distinct<'a> {
        // Straight from the column: no vector of the raw values first.
        let mut plaats: HashMap<&'a str, u32> = HashMap::new();
        let mut waarden = Vec::new();
        let per_rij = self
            .ruwe_waarden(kolom)
            .map(|w| {
                w.map(|w| {
                    *plaats.entry(w).or_insert_with(|| {
                        waarden.push(w);
                        (waarden.len() - 1) as u32
                    })
                })
            })
            .collect();
        Distinct { waarden, per_rij }
    }

    pub(super) fn vind(
        &mut self,
        k: usize,
        regel: Regel,
        kolom: &'static str,
        waarde: Option<Code>,
        m: &Code,
    ) {
        self.vondsten.push(Vondst {
            rij: k as u32,
            regel,
            kolom,
            waarde,
            melding: m.clone(),
        });
    }

    /// `verplicht_leeg` on every row taking part for which `leeg` holds.
    fn verplicht_leeg(&mut self, kolom: &'static str, leeg: impl Fn(usize) -> bool) {
        let m = Code::from(format!("{kolom} is verplicht; vul een waarde in"));
        for k in 0..self.rows.len() {
            if self.actief[k] && leeg(k) {
                self.vind(k, Regel::VerplichtLeeg, kolom, None, &m);
            }
        }
    }

    /// A required value as read (trimmed); empty is `verplicht_leeg`.
    pub(super) fn verplicht(&mut self, kolom: &'static str) -> Vec<Option<&'a str>> {
        let w = self.ruw(kolom);
        self.verplicht_leeg(kolom, |k| w[k].is_none());
        w
    }

    /// A column of typed values: each read by `lees` (with the warning of an
    /// accepted deviation, or the rule it breaks), else by `terugval` without a
    /// finding; empty is `verplicht_leeg` when `verplicht`.
    fn getypeerd<T: Copy>(
        &mut self,
        kolom: &'static str,
        verplicht: &dyn Fn(usize) -> bool,
        lees: impl Fn(&str) -> values::Parsed<T>,
        terugval: impl Fn(&str) -> Option<T>,
    ) -> Vec<Option<T>> {
        let mut meldingen: BTreeMap<Regel, Code> = BTreeMap::new();
        let mut melding = |r: Regel, fout: bool| {
            meldingen
                .entry(r)
                .or_insert_with(|| Code::from(if fout { verwacht(r) } else { r.omschrijving() }))
                .clone()
        };
        let ruw = self.ruw(kolom);
        // An empty value has no other finding in this column, so the order of the
        // two passes within a row does not matter.
        self.verplicht_leeg(kolom, |k| ruw[k].is_none() && verplicht(k));
        let mut uit = Vec::with_capacity(ruw.len());
        for (k, w) in ruw.into_iter().enumerate() {
            let Some(w) = w else {
                uit.push(None);
                continue;
            };
            uit.push(match lees(w) {
                Ok((v, waarschuwing)) => {
                    if let Some(r) = waarschuwing {
                        let (waarde, m) = (self.codes.code(w), melding(r, false));
                        self.vind(k, r, kolom, Some(waarde), &m);
                    }
                    Some(v)
                }
                Err(r) => match terugval(w) {
                    Some(v) => Some(v),
                    None => {
                        let (waarde, m) = (self.codes.code(w), melding(r, true));
                        self.vind(k, r, kolom, Some(waarde), &m);
                        None
                    }
                },
            });
        }
        uit
    }

    /// A date column; a row for which `verplicht` holds must have one.
    pub(super) fn datum(
        &mut self,
        kolom: &'static str,
        verplicht: &dyn Fn(usize) -> bool,
    ) -> Vec<Option<NaiveDate>> {
        let formaat = self.datumformaat;
        self.getypeerd(kolom, verplicht, values::date, |w| {
            formaat.and_then(|f| NaiveDate::parse_from_str(w, f).ok())
        })
    }

    pub(super) fn booleaan(&mut self, kolom: &'static str) -> Vec<Option<bool>> {
        self.getypeerd(kolom, &|_| false, values::boolean, |_| None)
    }

    pub(super) fn decimaal(&mut self, kolom: &'static str) -> Vec<Option<f64>> {
        self.getypeerd(kolom, &|_| false, values::decimal, |_| None)
    }

    pub(super) fn geheel(&mut self, kolom: &'static str, verplicht: bool) -> Vec<Option<i64>> {
        self.getypeerd(kolom, &|_| verplicht, values::integer, |_| None)
    }

    /// A finding on every row whose value in `kolom` meets `wanneer`: the value
    /// the rule names and its message.
    pub(super) fn waar<'w, T: 'w>(
        &mut self,
        kolom: &'static str,
        regel: Regel,
        waarden: impl IntoIterator<Item = &'w T>,
        wanneer: impl Fn(usize, &T) -> Option<(String, Code)>,
    ) {
        for (k, w) in waarden.into_iter().enumerate() {
            if !self.actief[k] {
                continue;
            }
            if let Some((waarde, m)) = wanneer(k, w) {
                let waarde = self.codes.code(&waarde);
                self.vind(k, regel, kolom, Some(waarde), &m);
            }
        }
    }

    /// A required code from a national list: empty is `verplicht_leeg`, an
    /// unknown value `code_onbekend`.
    pub(super) fn verplichte_code(
        &mut self,
        kolom: &'static str,
        lijst: &Codelijst,
    ) -> Codewaarden {
        let d = self.distinct(kolom);
        self.verplicht_leeg(kolom, |k| d.per_rij[k].is_none());
        self.codes_van(kolom, d, lijst)
    }

    /// Dates after the peildatum of the delivery.
    pub(super) fn niet_na_peildatum(&mut self, kolom: &'static str, data: &[Option<NaiveDate>]) {
        let peildatum = self.h.config.peildatum(self.levering.jaar);
        let m = Code::from(format!(
            "datum ligt na de peildatum {peildatum} van deze levering"
        ));
        for (k, d) in data.iter().enumerate() {
            if let Some(d) = d.filter(|d| *d > peildatum && self.actief[k]) {
                let w = self.codes.code(&d.to_string());
                self.vind(k, Regel::DatumNaPeildatum, kolom, Some(w), &m);
            }
        }
    }

    /// A date that follows another (an afdoening its instroom) is not before it.
    pub(super) fn volgorde(
        &mut self,
        kolom: &'static str,
        data: &[Option<NaiveDate>],
        na: &str,
        eerder: &[Option<NaiveDate>],
    ) {
        for (k, (d, e)) in data.iter().zip(eerder).enumerate() {
            if let (Some(d), Some(e), true) = (d, e, self.actief[k]) {
                if d < e {
                    let w = self.codes.code(&d.to_string());
                    let m = Code::from(format!("{kolom} ligt voor {na} ({e})"));
                    self.vind(k, Regel::DatumVolgorde, kolom, Some(w), &m);
                }
            }
        }
    }

    /// The national code a party mapping table gives each distinct value, with the
    /// rows it translated counted for the audit trail.
    pub(super) fn vertalingen(
        &mut self,
        kolom: &'static str,
        d: &Distinct<'a>,
    ) -> Vec<Option<String>> {
        let Some(v) = self.vertaling else {
            return vec![None; d.waarden.len()];
        };
        let mut rijen = vec![0u64; d.waarden.len()];
        for i in d.per_rij.iter().flatten() {
            rijen[*i as usize] += 1;
        }
        d.waarden
            .iter()
            .zip(rijen)
            .map(|(w, n)| {
                let (c, tabel) = v.vertaal(kolom, w)?;
                *self
                    .vertaald
                    .entry((kolom, w.to_string(), c.to_string(), tabel.to_string()))
                    .or_default() += n;
                Some(c.to_string())
            })
            .collect()
    }

    /// An optional code from a national list, per distinct value: the party's
    /// mapping tables first (the same word can mean something else at this party
    /// than nationally), then the list, with a spelling warning or `code_onbekend`.
    pub(super) fn code(&mut self, kolom: &'static str, lijst: &Codelijst) -> Codewaarden {
        let d = self.distinct(kolom);
        self.codes_van(kolom, d, lijst)
    }

    fn codes_van(
        &mut self,
        kolom: &'static str,
        d: Distinct<'a>,
        lijst: &Codelijst,
    ) -> Codewaarden {
        let vertaald = self.vertalingen(kolom, &d);
        // Per distinct value: its code and the finding its rows get.
        let mut onbekend: Option<Code> = None;
        let uitkomsten: Vec<(Option<Code>, Option<Gevonden>)> = d
            .waarden
            .iter()
            .zip(vertaald)
            .map(|(w, v)| {
                if let Some(c) = v {
                    return (Some(self.codes.code(&c)), None);
                }
                match self.codes.lijstcode(w, lijst) {
                    Ok((c, waarschuwing)) => {
                        let f = waarschuwing.map(|r| {
                            (r, self.codes.code(w), Code::from(format!("gelezen als {c}")))
                        });
                        (Some(c), f)
                    }
                    Err(r) => {
                        let m = onbekend
                            .get_or_insert_with(|| {
                                let geldig: Vec<&str> =
                                    lijst.codes.keys().map(String::as_str).collect();
                                Code::from(format!(
                                    "onbekende code; geldig in codelijst {}: {} (of laat het monitoringteam deze waarde opnemen in een mappingtabel van de partij)",
                                    lijst.naam,
                                    geldig.join(", ")
                                ))
                            })
                            .clone();
                        (None, Some((r, self.codes.code(w), m)))
                    }
                }
            })
            .collect();
        for (k, i) in d.per_rij.iter().enumerate() {
            if let Some((r, w, m)) = i.and_then(|i| uitkomsten[i as usize].1.as_ref()) {
                self.vind(k, *r, kolom, Some(w.clone()), m);
            }
        }
        Codewaarden::uit(uitkomsten.into_iter().map(|(c, _)| c), &d.per_rij)
    }

    /// A required value checked against a reference list, per distinct value.
    pub(super) fn referentie(
        &mut self,
        kolom: &'static str,
        regel: Regel,
        melding: &str,
        geldig: impl Fn(&str) -> bool,
    ) -> Codewaarden {
        let d = self.distinct(kolom);
        self.verplicht_leeg(kolom, |k| d.per_rij[k].is_none());
        let m = Code::from(melding);
        let uitkomsten: Vec<(Code, bool)> = d
            .waarden
            .iter()
            .map(|w| (self.codes.code(w), geldig(w)))
            .collect();
        for (k, i) in d.per_rij.iter().enumerate() {
            let Some(i) = i else {
                continue;
            };
            let (c, ok) = &uitkomsten[*i as usize];
            if !ok {
                self.vind(k, regel, kolom, Some(c.clone()), &m);
            }
        }
        Codewaarden::uit(uitkomsten.into_iter().map(|(c, _)| Some(c)), &d.per_rij)
    }

    /// The rows that become a record: taking part, with every required value.
    pub(super) fn gemaakt(&self, verplicht: &[&dyn Fn(usize) -> bool]) -> Vec<usize> {
        (0..self.rows.len())
            .filter(|&k| self.actief[k] && verplicht.iter().all(|v| v(k)))
            .collect()
    }

    pub(super) fn bronnen(&self, naam: &Bestandsnaam, rijen: &[usize]) -> Vec<Bron> {
        // The stretch's own copy of the name: the stretches of one file run on
        // every core, and a count shared between them would be contended per row.
        let naam = Bestandsnaam::from(naam.as_str());
        rijen
            .iter()
            .map(|&k| Bron {
                bestand: naam.clone(),
                regel: self.rows.line(k),
            })
            .collect()
    }

    pub(super) fn uitkomst(mut self, records: Bestandsrecords, rijen: &[usize]) -> Kolomuitkomst {
        let mut record = vec![GEEN; self.rows.len()];
        for (i, &k) in rijen.iter().enumerate() {
            // A file's records fit in u32: the file is read whole into memory
            // first, and 4 billion rows would be tens of GiB.
            record[k] = i as u32;
        }
        // Predicate by predicate, each in row order: a stable sort by row puts
        // each row's findings in the contract's order.
        self.vondsten.sort_by_key(|v| v.rij);
        Kolomuitkomst {
            records,
            record,
            vondsten: self.vondsten,
            vertaald: self.vertaald,
        }
    }
}

/// The values of the rows `rijen` (ascending, as [`Kolombestand::gemaakt`] gives
/// them), each a record's, moved out of the column.
pub(super) fn neem<T: Default>(kolom: Vec<Option<T>>, rijen: &[usize]) -> Vec<T> {
    neem_opt(kolom, rijen)
        .into_iter()
        .map(Option::unwrap_or_default)
        .collect()
}

/// As [`neem`], absent values kept.
pub(super) fn neem_opt<T>(kolom: Vec<Option<T>>, rijen: &[usize]) -> Vec<Option<T>> {
    if rijen.len() == kolom.len() {
        // Ascending and as many as the rows: every row.
        return kolom;
    }
    let mut houden = vec![false; kolom.len()];
    for &k in rijen {
        houden[k] = true;
    }
    kolom
        .into_iter()
        .zip(houden)
        .filter_map(|(w, h)| if h { Some(w) } else { None })
        .collect()
}

pub(super) fn teksten(kolom: &[Option<&str>], rijen: &[usize]) -> Teksten {
    rijen
        .iter()
        .map(|&k| kolom[k].unwrap_or_default())
        .collect()
}

impl Kolomuitkomst {
    /// The outcomes of consecutive stretches of one file's rows, each with the
    /// row it begins at, as the outcome of the file.
    fn samen(delen: Vec<(usize, Kolomuitkomst)>) -> Kolomuitkomst {
        let mut record = Vec::with_capacity(delen.iter().map(|(_, u)| u.record.len()).sum());
        let mut vondsten = Vec::with_capacity(delen.iter().map(|(_, u)| u.vondsten.len()).sum());
        let mut vertaald: BTreeMap<(&'static str, String, String, String), u64> = BTreeMap::new();
        let mut records = Vec::with_capacity(delen.len());
        let mut eerder = 0u32;
        for (begin, u) in delen {
            record.extend(
                u.record
                    .iter()
                    .map(|&r| if r == GEEN { GEEN } else { r + eerder }),
            );
            vondsten.extend(u.vondsten.into_iter().map(|mut v| {
                v.rij += begin as u32;
                v
            }));
            for (k, n) in u.vertaald {
                *vertaald.entry(k).or_default() += n;
            }
            eerder += u.records.len() as u32;
            records.push(u.records);
        }
        Kolomuitkomst {
            records: Bestandsrecords::samen(records),
            record,
            vondsten,
            vertaald,
        }
    }
}

/// The stretches of a file's rows the contract checks side by side: the large
/// tables in stretches of at least [`MIN_STUK`] rows, about four per thread.
fn stukken(n: usize, tabel: Tabel) -> Vec<std::ops::Range<usize>> {
    let aantal = if groot(tabel) {
        (n / MIN_STUK).clamp(1, 4 * rayon::current_num_threads().max(1))
    } else {
        1
    };
    (0..aantal)
        .map(|i| n * i / aantal..n * (i + 1) / aantal)
        .collect()
}

/// The tables whose files may be checked in stretches (the stelsel tables are a
/// few hundred rows a file).
fn groot(tabel: Tabel) -> bool {
    matches!(
        tabel,
        Tabel::Controles | Tabel::Overtredingen | Tabel::Handhavingsmaatregelen
    )
}

/// Rows below which a stretch is not worth a thread (machinery, not meaning).
const MIN_STUK: usize = 1 << 18;

impl Harmoniser<'_> {
    /// The contract over a file, column by column; `actief` says which rows take
    /// part (one flag per row). A large file is checked in stretches side by side;
    /// every rule is about one row, so the stretches together say what the file
    /// says. A file read in pieces is checked piece by piece, each piece's text
    /// let go as soon as it is checked (the rows keep their lines and widths).
    pub fn kolommen(
        &self,
        levering: &Levering,
        naam: &Bestandsnaam,
        tabel: Tabel,
        header: &[String],
        rows: &mut Rijen,
        actief: Vec<bool>,
    ) -> Kolomuitkomst {
        use rayon::prelude::*;
        // Per stretch its rows, and its text when it was taken out to go with it.
        let stukken: Vec<(std::ops::Range<usize>, Option<Tekstdeel>)> =
            if groot(tabel) && rows.tekstdelen() > 1 {
                rows.neem_tekst()
                    .into_iter()
                    .map(|(r, t)| (r, Some(t)))
                    .collect()
            } else {
                stukken(rows.len(), tabel)
                    .into_iter()
                    .map(|r| (r, None))
                    .collect()
            };
        let rows: &Rijen = rows;
        if let [(_, None)] = stukken.as_slice() {
            return self.kolommen_over(
                levering,
                naam,
                tabel,
                header,
                rows.deel(0..rows.len()),
                actief,
            );
        }
        let delen = stukken
            .into_par_iter()
            .map(|(r, tekst)| {
                let eigen = tekst.map(|t| rows.stuk(r.clone(), t));
                let deel = match &eigen {
                    Some(e) => e.deel(0..e.len()),
                    None => rows.deel(r.clone()),
                };
                let actief = actief[r.clone()].to_vec();
                let u = self.kolommen_over(levering, naam, tabel, header, deel, actief);
                // The piece's text goes now; its pages stay with the allocator
                // for the next pieces' records (given back after its purge
                // delay). Giving them back at once made every piece fault in
                // fresh pages: one file's harmonise 1.74 s instead of 1.55, for
                // a peak 2.7 GiB under ingest's 2.8 now that pieces are small.
                drop(eigen);
                (r.start, u)
            })
            .collect();
        Kolomuitkomst::samen(delen)
    }

    fn kolommen_over(
        &self,
        levering: &Levering,
        naam: &Bestandsnaam,
        tabel: Tabel,
        header: &[String],
        rows: Deel<'_>,
        actief: Vec<bool>,
    ) -> Kolomuitkomst {
        let b = Kolombestand {
            h: self,
            levering,
            header,
            rows,
            actief,
            vertaling: self.vertalingen.get(&levering.partij),
            datumformaat: self
                .profielen
                .get(&levering.partij)
                .and_then(|p| p.datumformaat.as_deref()),
            codes: Codes::default(),
            vondsten: Vec::new(),
            vertaald: BTreeMap::new(),
        };
        match tabel {
            Tabel::Controles => self.controles(b, naam),
            Tabel::Overtredingen => self.overtredingen(b, naam),
            Tabel::Handhavingsmaatregelen => self.maatregelen(b, naam),
            Tabel::Strafzaken => self.strafzaken(b, naam),
            Tabel::Organisatie => self.organisaties(b, naam),
            Tabel::Implementatie => self.implementaties(b, naam),
            Tabel::RobuustheidOordelen => self.oordelen(b, naam),
            Tabel::Aanbevelingen => self.aanbevelingen(b, naam),
        }
    }
}
