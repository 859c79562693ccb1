//! Stage 3 — validate: the data contract over the whole batch. Every row read ends
//! accepted or in quarantine with its reason, file and line, and the counts
//! reconcile per file (D7). A delivery that breaks a `weigeren` rule is refused as
//! a whole and the batch goes on without it.

pub mod counts;
mod sleutels;

// The contract's rules and findings, under the names the tests and reports use.
pub use crate::contract::{findings, rules};

use std::collections::{BTreeMap, BTreeSet};

// foldhash instead of SipHash: these maps hold every row of a national batch, and
// nothing is iterated in hash order into an output.
use foldhash::{HashMap, HashMapExt};

use serde::Serialize;

use crate::error::{Error, Result};
use crate::harmonise::kolomregels::{Vondst, GEEN};
use crate::harmonise::{self, kolommen, Bestandsrecords, Harmoniser, Record};
use crate::ingest::profile::Formaat;
use crate::ingest::table::{self, RawRow, Rijen};
use crate::ingest::{json, text, xlsx, Bestand};
use crate::model::{
    Controles, Kolom, Levering, Maatregel, Maatregelen, Overtredingen, Records, Tabel,
};
use findings::{Bestandstelling, Bevinding, Bevindingen};
use rules::{Regel, Zwaarte};

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
    pub vertaald: BTreeMap<Vertaling, u64>,
    /// Wall time of reading, harmonising and validating, for the benchmark; never
    /// written to an output file (outputs do not depend on the clock).
    pub tijden: Vec<crate::klok::Stap>,
}

/// (delivery, table, column, local value, national code, mapping table).
pub type Vertaling = (Levering, &'static str, String, String, String, String);

/// D3: rows per (delivery, table, column, raw value) that mapped to no code.
type NietGemapt = BTreeMap<(Levering, &'static str, String, String), u64>;

fn tel_niet_gemapt(n: &mut NietGemapt, b: &Bestand, f: &Bevinding) {
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

/// One file after reading: its rows, or why the file refuses its delivery.
struct Gelezen<'b> {
    bestand: &'b Bestand,
    sha256: String,
    header: Vec<String>,
    rows: Rijen,
    /// Columns outside the exchange format, kept aside and reported.
    extra: Vec<String>,
    /// The file was decoded and parsed into a table with a header.
    geparsed: bool,
    weigering: Option<Bevinding>,
    /// Lines of a UTF-8 file with bytes that are not UTF-8: (line, bytes in hex).
    ongeldige_tekens: Vec<(u64, String)>,
}

impl Gelezen<'_> {
    /// The rows that cannot be harmonised as they are, each with the one finding
    /// that sets it aside, in row order: bytes that are not text, a value longer
    /// than the configured limit, or another number of fields than the header
    /// (per row the first of these, in that order). Checked over the file's
    /// columns, not row by row.
    fn voorcontroles(&self, h: &Harmoniser) -> Vec<(usize, Bevinding)> {
        let b = self.bestand;
        let rows = &self.rows;
        let mut gevonden: BTreeMap<usize, Bevinding> = BTreeMap::new();
        // A line with bytes that are not UTF-8 belongs to the last record that
        // starts at or before it (a quoted field may span several lines).
        for (line, hex) in &self.ongeldige_tekens {
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
        for i in 0..rows.kolommen() {
            for k in 0..rows.len() {
                // Bytes bound characters from above: count only when the bytes exceed it.
                let Some(veld) = rows.veld(k, i).filter(|v| v.len() > grens) else {
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
                        Some(self.header.get(i).map_or("?", String::as_str)),
                        Some(crate::display::afgekort(veld, grenzen.rapport_waarde_tekens)),
                        format!(
                            "waarde van {} tekens; de grens is {grens} (queries/config.toml [grenzen] max_waarde_tekens)",
                            veld.chars().count()
                        ),
                    ),
                );
            }
        }
        let breedte = self.header.len();
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
struct Harmonisatie {
    per_bestand: Vec<Bestandsrijen>,
    /// Where each file's rows begin, and the end.
    begin: Vec<usize>,
}

/// The rows of one file after harmonisation.
struct Bestandsrijen {
    /// The records its rows became, in row order (the large tables as columns).
    records: Bestandsrecords,
    /// Per row its record's place in `records`, [`GEEN`] when it became none.
    rij: Vec<u32>,
    /// Only the rows with findings that decide their fate (quarantine or refusal):
    /// (row in the file, its findings), in row order.
    bevindingen: Vec<(usize, Vec<Bevinding>)>,
}

impl Bestandsrijen {
    /// The record of row `k`, if it became one.
    fn record(&self, k: usize) -> Option<Rij<'_>> {
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
enum Rij<'a> {
    Controle(&'a Controles, usize),
    Overtreding(&'a Overtredingen, usize),
    Maatregel(&'a Maatregelen, usize),
    Overig(&'a Record),
}

impl Harmonisatie {
    /// The file of row `ri`, and the row's place in that file.
    fn plaats(&self, ri: usize) -> (usize, usize) {
        // The last file that begins at or before `ri` (files without rows begin
        // where the next one does).
        let bi = self.begin.partition_point(|&b| b <= ri) - 1;
        (bi, ri - self.begin[bi])
    }
}

fn bestand_bevinding(
    b: &Bestand,
    regel: Regel,
    zwaarte: Zwaarte,
    regelnummer: Option<u64>,
    kolom: Option<&str>,
    waarde: Option<String>,
    melding: String,
) -> Bevinding {
    Bevinding {
        regel: regel.code(),
        zwaarte,
        jaar: b.levering.jaar,
        partij: b.levering.partij.clone(),
        bestand: b.relatief.clone(),
        regelnummer,
        kolom: kolom.map(str::to_string),
        waarde,
        melding,
    }
}

/// Decode and parse one file; file-level deviations go to `bevindingen`.
fn lees<'b>(b: &'b Bestand, h: &Harmoniser, bevindingen: &mut Bevindingen) -> Result<Gelezen<'b>> {
    let bytes = crate::error::read_bytes(&b.pad)?;
    let sha256 = crate::ingest::sha256_hex(&bytes);
    let zw = |r: Regel| h.config.zwaarte(r);
    let mut gelezen = Gelezen {
        bestand: b,
        sha256,
        header: vec!["ruwe_regel".into()],
        rows: Rijen::default(),
        extra: Vec::new(),
        geparsed: false,
        weigering: None,
        ongeldige_tekens: Vec::new(),
    };
    // The line of the header: 1, or 2 after Excel's `sep=` line.
    let mut kopregel = 1;
    let profiel = h.profielen.get(&b.levering.partij);
    if let Some(afwijking) = &b.profiel_afwijking {
        bevindingen.add(bestand_bevinding(
            b,
            Regel::ProfielNietGevolgd,
            zw(Regel::ProfielNietGevolgd),
            None,
            None,
            None,
            afwijking.clone(),
        ));
    }
    let onleesbaar = |gelezen: &mut Gelezen, regels: Rijen, e: table::TableError| {
        gelezen.rows = regels;
        gelezen.weigering = Some(bestand_bevinding(
            b,
            Regel::BestandOnleesbaar,
            zw(Regel::BestandOnleesbaar),
            (e.line > 0).then_some(e.line),
            None,
            None,
            format!("het bestand is geen leesbare tabel: {}", e.message),
        ));
    };
    let raw = if b.formaat == Formaat::Xlsx {
        match xlsx::parse(
            &bytes,
            b.blad.as_deref().unwrap_or(b.tabel.name()),
            &h.config.file.grenzen,
        ) {
            Ok(t) => t,
            Err(e) => {
                // A workbook that cannot be opened has no rows that can be counted.
                onleesbaar(&mut gelezen, Rijen::default(), e);
                return Ok(gelezen);
            }
        }
    } else {
        let decoded = match text::decode(&bytes) {
            Ok(d) => d,
            Err(e) => {
                gelezen.rows = als_regels(text::count_raw_rows(&bytes));
                gelezen.weigering = Some(bestand_bevinding(
                    b,
                    Regel::Tekenset,
                    zw(Regel::Tekenset),
                    Some(e.line),
                    None,
                    Some(format!("0x{:02X}", e.byte)),
                    e.message,
                ));
                return Ok(gelezen);
            }
        };
        let omgezet = match decoded.tekenset {
            text::Tekenset::Utf8 => None,
            text::Tekenset::Utf8Bom => Some(Regel::Utf8Bom),
            text::Tekenset::Utf16Le | text::Tekenset::Utf16Be => Some(Regel::Utf16),
            text::Tekenset::Windows1252 => Some(Regel::Windows1252),
        };
        if let Some(regel) = omgezet {
            bevindingen.add(bestand_bevinding(
                b,
                regel,
                zw(regel),
                None,
                None,
                None,
                regel.omschrijving().into(),
            ));
        }
        gelezen.ongeldige_tekens = decoded.ongeldig.clone();
        let parsed = if b.formaat == Formaat::Json {
            json::parse(&decoded.text)
        } else {
            // Excel's `sep=;` line declares the delimiter; the header follows it.
            let (delimiter, tekst) = match table::excel_sep(&decoded.text) {
                Some((d, rest)) => {
                    kopregel = 2;
                    bevindingen.add(bestand_bevinding(
                        b,
                        Regel::ExcelSep,
                        zw(Regel::ExcelSep),
                        Some(1),
                        None,
                        Some(decoded.text[..decoded.text.len() - rest.len()].to_string()),
                        Regel::ExcelSep.omschrijving().into(),
                    ));
                    (d, rest)
                }
                None => (table::sniff_delimiter(&decoded.text), decoded.text.as_str()),
            };
            if delimiter != b',' {
                let naam = match delimiter {
                    b';' => "puntkomma",
                    b'|' => "verticale streep",
                    _ => "tab",
                };
                bevindingen.add(bestand_bevinding(
                    b,
                    Regel::Scheidingsteken,
                    zw(Regel::Scheidingsteken),
                    None,
                    None,
                    Some(naam.into()),
                    format!("scheidingsteken {naam} herkend"),
                ));
            }
            table::parse(tekst, delimiter)
        };
        match parsed {
            Ok(t) => t,
            Err(e) => {
                // CSV: every physical line counts as a row; JSON: the records
                // cannot be told apart, so none are counted and the finding names
                // the line.
                let regels = if b.formaat == Formaat::Csv {
                    // The lines after the header (after Excel's `sep=` line too).
                    let mut regels = text::count_raw_rows(decoded.text.as_bytes());
                    regels.retain(|(l, _)| *l > kopregel);
                    als_regels(regels)
                } else {
                    Rijen::default()
                };
                onleesbaar(&mut gelezen, regels, e);
                return Ok(gelezen);
            }
        }
    };
    let mut raw = raw;
    // The party's own column names, as its profile describes them.
    if let Some(p) = profiel {
        for kolom in &mut raw.header {
            if let Some(landelijk) = p.kolom(b.tabel, kolom) {
                *kolom = landelijk.to_string();
            }
        }
    }
    if let Some(melding) = dubbele_kolom(&raw.header, h.config.file.grenzen.rapport_waarde_tekens) {
        gelezen.rows = raw.rows;
        gelezen.weigering = Some(bestand_bevinding(
            b,
            Regel::BestandOnleesbaar,
            zw(Regel::BestandOnleesbaar),
            Some(kopregel),
            None,
            None,
            melding,
        ));
        return Ok(gelezen);
    }
    gelezen.header = raw.header.clone();
    gelezen.rows = raw.rows;
    gelezen.geparsed = true;
    let bekend: Vec<&str> = kolommen(b.tabel).iter().map(|(k, _)| *k).collect();
    for kolom in &raw.header {
        if !bekend.contains(&kolom.as_str()) {
            gelezen.extra.push(kolom.clone());
            bevindingen.add(bestand_bevinding(
                b,
                Regel::OnbekendeKolom,
                zw(Regel::OnbekendeKolom),
                Some(kopregel),
                Some(kolom),
                None,
                "kolom hoort niet bij het aanleverformaat; niet gebruikt".into(),
            ));
        }
    }
    // A JSON array without records (`[]`) has no keys, hence no header: it is a
    // delivery of zero rows, not a file without its required columns.
    let zonder_records =
        b.formaat == Formaat::Json && raw.header.is_empty() && gelezen.rows.is_empty();
    let ontbrekend: Vec<&str> = kolommen(b.tabel)
        .iter()
        .filter(|_| !zonder_records)
        .filter(|(k, req)| *req && !raw.header.iter().any(|h| h == k))
        .map(|(k, _)| *k)
        .collect();
    if !ontbrekend.is_empty() {
        let mut f = bestand_bevinding(
            b,
            Regel::KolomOntbreekt,
            zw(Regel::KolomOntbreekt),
            Some(kopregel),
            Some(&ontbrekend.join(", ")),
            None,
            format!(
                "verplichte kolom(men) {} ontbreken in de kopregel; gevonden: {}",
                ontbrekend.join(", "),
                raw.header
                    .iter()
                    .map(|k| crate::display::afgekort(
                        k,
                        h.config.file.grenzen.rapport_waarde_tekens
                    ))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        );
        // Without the column no row can be read: the file is refused regardless.
        f.zwaarte = Zwaarte::Weigeren;
        gelezen.weigering = Some(f);
    }
    Ok(gelezen)
}

/// The lines of a file that is no table, each as a row of one field, so they are
/// counted and set aside with their text.
fn als_regels(regels: Vec<(u64, String)>) -> Rijen {
    let mut rijen = Rijen::default();
    for (line, tekst) in &regels {
        // One line never holds 4 GiB: the file limits of [grenzen] come first.
        let _ = rijen.push(*line, [tekst.as_str()]);
    }
    rijen
}

/// Two columns with the same name (after case, white space and the profile's
/// renaming): which one holds the value would be a guess, so the file is not read.
fn dubbele_kolom(header: &[String], tekens: usize) -> Option<String> {
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    for (j, kolom) in header.iter().enumerate() {
        if kolom.trim().is_empty() {
            continue;
        }
        if let Some(i) = header[..j].iter().position(|k| norm(k) == norm(kolom)) {
            return Some(format!(
                "de kolom `{}` staat twee keer in de kopregel (kolom {} en kolom {}); welke de waarde draagt is niet te zeggen: lever de kolom één keer aan",
                crate::display::afgekort(&norm(kolom), tekens),
                i + 1,
                j + 1
            ));
        }
    }
    None
}

/// Run the contract over all files of a batch.
pub fn run(bestanden: &[Bestand], h: &Harmoniser, voortgang: &dyn Fn(u64)) -> Result<Uitkomst> {
    let mut klok = crate::klok::Klok::default();
    // Files are read and harmonised in parallel, one file per task; everything
    // is merged afterwards in file order, so the outcome does not depend on it.
    use rayon::prelude::*;
    let mut bevindingen = Bevindingen::default();
    let mut gelezen = Vec::with_capacity(bestanden.len());
    let per_bestand: Vec<Result<(Gelezen, Bevindingen)>> = bestanden
        .par_iter()
        .map(|b| {
            let mut bev = Bevindingen::default();
            lees(b, h, &mut bev).map(|g| (g, bev))
        })
        .collect();
    for r in per_bestand {
        let (g, bev) = r?;
        bevindingen.extend(bev);
        gelezen.push(g);
    }
    let extra_kolommen: BTreeMap<String, Vec<String>> = gelezen
        .iter()
        .filter(|g| g.weigering.is_none() && !g.extra.is_empty())
        .map(|g| (g.bestand.relatief.clone(), g.extra.clone()))
        .collect();

    // Refusals known before any row is read: file-level problems, unknown parties.
    // These causes sit on no harmonised row, so they are findings of their own.
    let mut geweigerd: BTreeMap<Levering, Bevinding> = BTreeMap::new();
    let mut bestandsoorzaken: Vec<Bevinding> = Vec::new();
    for g in &gelezen {
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

    // Row-level harmonisation.
    klok.stap("ingest");
    let mut vertaald: BTreeMap<Vertaling, u64> = BTreeMap::new();
    // Per file: each row's record and the findings that decide its fate (quarantine
    // or refusal). Warnings change no row's fate: they are counted per file as they
    // arise (in row order, as the manifest shows them) instead of travelling with
    // millions of rows to the accept step.
    type PerBestand = (
        Bestandsrijen,
        BTreeMap<Vertaling, u64>,
        Bestandstelling,
        NietGemapt,
    );
    let zwaarten: Vec<Zwaarte> = Regel::ALL.iter().map(|r| h.config.zwaarte(*r)).collect();
    let geharmoniseerd: Vec<PerBestand> = gelezen
        .par_iter()
        .map(|g| {
            let b = g.bestand;
            let naam = crate::model::Bestandsnaam::from(b.relatief.as_str());
            let mut vertaald: BTreeMap<Vertaling, u64> = BTreeMap::new();
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
                return (rijen, vertaald, lot.waarschuwingen, lot.niet_gemapt);
            }
            let voor = g.voorcontroles(h);
            // The contract as column predicates over the rows that passed the
            // checks above, one findings table back.
            let mut actief = vec![true; n];
            for (k, _) in &voor {
                actief[*k] = false;
            }
            let mut voor = voor.into_iter().peekable();
            let u = h.kolommen(&b.levering, &naam, b.tabel, &g.header, &g.rows, actief);
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
            (rijen, vertaald, lot.waarschuwingen, lot.niet_gemapt)
        })
        .collect();
    let mut waarschuwingen = Bevindingen::default();
    let mut niet_gemapt = NietGemapt::new();
    let mut per_bestand = Vec::with_capacity(gelezen.len());
    for (g, (per_rij, v, w, n)) in gelezen.iter().zip(geharmoniseerd) {
        let b = g.bestand;
        for (k, n) in v {
            *vertaald.entry(k).or_default() += n;
        }
        waarschuwingen.voeg_bestand_toe(&b.levering, &b.relatief, w);
        for (k, aantal) in n {
            *niet_gemapt.entry(k).or_default() += aantal;
        }
        for (_, bev) in &per_rij.bevindingen {
            if let Some(w) = bev.iter().find(|f| f.zwaarte == Zwaarte::Weigeren) {
                geweigerd
                    .entry(b.levering.clone())
                    .or_insert_with(|| w.clone());
            }
        }
        per_bestand.push(per_rij);
        voortgang(g.rows.len() as u64);
    }
    let mut rijen = Harmonisatie {
        per_bestand,
        begin: std::iter::once(0)
            .chain(gelezen.iter().scan(0, |n, g| {
                *n += g.rows.len();
                Some(*n)
            }))
            .collect(),
    };

    klok.stap("harmonise");
    // D2 and D5 count what was read, whatever its fate. With them counted and the
    // rows of repeated ids kept aside for the batch rules' comparisons, the text of
    // the files goes: rows that end in quarantine are read anew for it (below).
    let volledigheid: Vec<counts::Volledigheid> = gelezen
        .par_iter()
        .filter(|g| g.geparsed)
        .flat_map_iter(|g| counts::volledigheid(g.bestand, &g.header, &g.rows))
        .collect();
    let (duplicaten, herhaald) = counts::duplicaten(
        gelezen
            .iter()
            .enumerate()
            .filter(|(_, g)| g.geparsed)
            .map(|(i, g)| (i, g.bestand, g.header.as_slice(), &g.rows)),
    );
    let bewaard = herhaalde_rijen(&gelezen, &rijen.begin, &herhaald);
    for g in &mut gelezen {
        g.rows.zonder_tekst();
    }
    // The text was read by the worker threads; their heaps give its pages back now,
    // not a second later while the batch rules and acceptance build on top of it.
    crate::geheugen::geef_terug();
    klok.stap("counts");
    // Batch-level rules; a `weigeren` among them refuses more deliveries, after
    // which uniqueness and references are evaluated again without them.
    let mut batch: HashMap<usize, Vec<Bevinding>>;
    loop {
        batch = batch_regels(&gelezen, &rijen, &geweigerd, &bewaard, h);
        // In row order: the first refusing finding of a delivery is its reason,
        // whatever the hash map's order.
        let mut volgorde: Vec<&usize> = batch.keys().collect();
        volgorde.sort();
        let nieuw: Vec<(Levering, Bevinding)> = volgorde
            .into_iter()
            .flat_map(|ri| &batch[ri])
            .filter(|b| b.zwaarte == Zwaarte::Weigeren)
            .map(|b| {
                (
                    Levering {
                        jaar: b.jaar,
                        partij: b.partij.clone(),
                    },
                    b.clone(),
                )
            })
            .filter(|(l, _)| !geweigerd.contains_key(l))
            .collect();
        if nieuw.is_empty() {
            break;
        }
        for (l, b) in nieuw {
            geweigerd.entry(l).or_insert(b);
        }
    }
    drop(bewaard);
    klok.stap("batch_rules");
    // Final state of every row.
    let mut uitkomst = Uitkomst {
        extra_kolommen,
        volledigheid,
        duplicaten,
        vertaald,
        ..Default::default()
    };
    let mut telling: Vec<(u64, u64)> = vec![(0, 0); gelezen.len()];
    // (quarantine row, file, row in file) of every row set aside.
    let mut opnieuw: Vec<(usize, usize, usize)> = Vec::new();
    // Each file's records of the large tables with its rows to keep, moved into
    // the batch's columns column by column once every file is decided.
    let mut delen = (Vec::new(), Vec::new(), Vec::new());
    // The refusal of each file's delivery, looked up once per file, not per row.
    let weigering: Vec<Option<&Bevinding>> = gelezen
        .iter()
        .map(|g| geweigerd.get(&g.bestand.levering))
        .collect();
    for (bi, g) in gelezen.iter().enumerate() {
        let b = g.bestand;
        // Each file's rows go as they are decided: their memory with them.
        let Bestandsrijen {
            mut records,
            rij,
            bevindingen: eigen,
        } = std::mem::replace(
            &mut rijen.per_bestand[bi],
            Bestandsrijen {
                records: Bestandsrecords::Overig(Vec::new()),
                rij: Vec::new(),
                bevindingen: Vec::new(),
            },
        );
        let mut eigen = eigen.into_iter().peekable();
        // The accepted rows of a large table's columns.
        let mut genomen: Vec<u32> = Vec::new();
        for (k, record) in rij.into_iter().enumerate() {
            let record = (record != GEEN).then_some(record as usize);
            let ri = rijen.begin[bi] + k;
            let row = g.rows.rij(k);
            let rij_bevindingen = eigen
                .next_if(|(r, _)| *r == k)
                .map(|(_, f)| f)
                .unwrap_or_default();
            let reden: Option<Bevinding> = if let Some(w) = weigering[bi] {
                // An unknown party concerns every row itself; other causes sit in one
                // file (or on one row) and the rest of the delivery is refused with them.
                let eigen = w.regel == Regel::PartijOnbekend.code()
                    || (w.bestand == b.relatief
                        && (w.regelnummer == Some(row.line) || g.weigering.is_some()));
                Some(if eigen {
                    w.clone()
                } else {
                    Bevinding {
                        regel: Regel::LeveringGeweigerd.code(),
                        zwaarte: Zwaarte::Weigeren,
                        melding: format!("levering geweigerd: {}", w.als_tekst()),
                        ..w.clone()
                    }
                })
            } else if record.is_none()
                || harmonise::uitkomst(&rij_bevindingen) >= Zwaarte::Quarantaine
            {
                rij_bevindingen
                    .iter()
                    .find(|f| f.zwaarte >= Zwaarte::Quarantaine)
                    .or(rij_bevindingen.first())
                    .cloned()
            } else {
                batch
                    .get(&ri)
                    .into_iter()
                    .flatten()
                    .find(|f| f.zwaarte >= Zwaarte::Quarantaine)
                    .cloned()
            };
            // The row's own findings are not needed after this: move them, no copies.
            // A warning kept only as the reason was counted at harmonisation.
            for f in rij_bevindingen {
                if f.zwaarte < Zwaarte::Quarantaine {
                    continue;
                }
                tel_niet_gemapt(&mut uitkomst.niet_gemapt, b, &f);
                bevindingen.add(f);
            }
            for f in batch.get(&ri).into_iter().flatten() {
                bevindingen.add(f.clone());
            }
            match (reden, record) {
                (None, Some(i)) => {
                    telling[bi].0 += 1;
                    let record = match &mut records {
                        Bestandsrecords::Overig(rs) => rs[i].take(),
                        // Taken column by column once the file is decided.
                        _ => {
                            genomen.push(i as u32);
                            continue;
                        }
                    };
                    let Some(record) = record else {
                        continue;
                    };
                    match record {
                        Record::Organisatie(o) => uitkomst.records.organisaties.push(*o),
                        // An earlier version of a case is accepted (nothing is wrong
                        // with it) but the later version is the record.
                        Record::Strafzaak(z) => {
                            let vervangen = batch
                                .get(&ri)
                                .into_iter()
                                .flatten()
                                .any(|f| f.regel == Regel::StrafzaakBijgewerkt.code());
                            if !vervangen {
                                uitkomst.records.strafzaken.push(*z);
                            }
                        }
                        // Earlier versions of a stelsel key go after acceptance (below).
                        Record::Implementatie(i) => uitkomst.records.implementaties.push(*i),
                        Record::Oordeel(o) => uitkomst.records.oordelen.push(*o),
                        Record::Aanbeveling(a) => uitkomst.records.aanbevelingen.push(*a),
                    }
                }
                (reden, _) => {
                    telling[bi].1 += 1;
                    let reden = reden.unwrap_or_else(|| Bevinding {
                        regel: "onbekend",
                        zwaarte: Zwaarte::Quarantaine,
                        jaar: b.levering.jaar,
                        partij: b.levering.partij.clone(),
                        bestand: b.relatief.clone(),
                        regelnummer: Some(row.line),
                        kolom: None,
                        waarde: None,
                        melding: "regel kon niet worden gelezen".into(),
                    });
                    uitkomst.quarantaine.push(QuarantaineRij {
                        partij: b.levering.partij.clone(),
                        jaar: b.levering.jaar,
                        tabel: b.tabel.name(),
                        bestand: b.relatief.clone(),
                        regel: row.line,
                        reden: reden.regel,
                        kolom: reden.kolom.clone(),
                        waarde: reden.waarde.clone(),
                        melding: reden.melding.clone(),
                        // Filled in below, from the file read anew.
                        ruwe_rij: String::new(),
                    });
                    opnieuw.push((uitkomst.quarantaine.len() - 1, bi, k));
                }
            }
        }
        let houden = |n: usize| {
            (genomen.len() != n).then(|| {
                let mut houden = vec![false; n];
                for &i in &genomen {
                    houden[i as usize] = true;
                }
                houden
            })
        };
        match records {
            Bestandsrecords::Controles(c) => {
                let h = houden(c.len());
                delen.0.push((c, h));
            }
            Bestandsrecords::Overtredingen(o) => {
                let h = houden(o.len());
                delen.1.push((o, h));
            }
            Bestandsrecords::Maatregelen(m) => {
                let h = houden(m.len());
                delen.2.push((m, h));
            }
            Bestandsrecords::Overig(_) => {}
        }
    }
    let r = &mut uitkomst.records;
    r.controles.voeg_alle_toe(delen.0);
    r.overtredingen.voeg_alle_toe(delen.1);
    r.maatregelen.voeg_alle_toe(delen.2);
    drop(rijen);
    for w in bestandsoorzaken {
        bevindingen.add(w);
    }
    ruwe_rijen_opnieuw(&gelezen, h, &opnieuw, &mut uitkomst.quarantaine)?;
    bevindingen.extend(waarschuwingen);
    for (k, n) in niet_gemapt {
        *uitkomst.niet_gemapt.entry(k).or_default() += n;
    }
    klok.stap("accept");

    // The stelsel tables: each key once, in the version of the latest year's file
    // (earlier versions were accepted; a changed one carries versie_vervangen).
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
    let r = &mut uitkomst.records;
    nieuwste(&mut r.implementaties, |x| (&x.partij, &x.sleutel, x.jaar));
    nieuwste(&mut r.oordelen, |x| (&x.partij, &x.sleutel, x.jaar));
    nieuwste(&mut r.aanbevelingen, |x| (&x.partij, &x.sleutel, x.jaar));

    // Each overtreding takes the object and gemeente of its controle; the keys
    // between the tables become row numbers.
    sleutels::koppel(&mut uitkomst.records);
    let records = &mut uitkomst.records;
    // A strafzaak is gekoppeld when it names a proces-verbaal of its verbalisant;
    // one that names another measure, or nothing found, is kept and counted (K6).
    let ms = &records.maatregelen;
    let instrument: HashMap<(&str, &str), Option<&str>> = ms
        .partij
        .iter()
        .zip(ms.maatregel_id.iter())
        .zip(&ms.handhavingsinstrument)
        .map(|((p, id), i)| ((p.as_str(), id), i.as_deref()))
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
    uitkomst.bevindingen = bevindingen;
    klok.stap("reconcile");
    uitkomst.tijden = klok.stappen;
    Ok(uitkomst)
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

/// The raw row of every row set aside, from its file read anew (the text was let
/// go after harmonisation): one file at a time, only files with such rows. A file
/// that changed since it was first read stops the run, since its rows would no
/// longer be the ones counted.
fn ruwe_rijen_opnieuw(
    gelezen: &[Gelezen],
    h: &Harmoniser,
    opnieuw: &[(usize, usize, usize)],
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
            let weer = lees(g.bestand, h, &mut Bevindingen::default())?;
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

/// The fields of every row the batch rules may compare field by field, after the
/// text of the files was let go: every row whose id occurs more than once in its
/// party (the places D5 found; a record's id is its raw id, trimmed) and every row
/// of the keyed stelsel tables (a few hundred). Keyed by the row's index in `rijen`,
/// which holds every row of every file in file order (file `bi` from `begin[bi]`).
fn herhaalde_rijen(
    gelezen: &[Gelezen],
    begin: &[usize],
    herhaald: &[(usize, usize)],
) -> HashMap<usize, Vec<String>> {
    let velden = |bi: usize, k: usize| -> Vec<String> {
        gelezen[bi]
            .rows
            .rij(k)
            .fields()
            .map(str::to_string)
            .collect()
    };
    let mut bewaard: HashMap<usize, Vec<String>> = herhaald
        .iter()
        .map(|&(bi, k)| (begin[bi] + k, velden(bi, k)))
        .collect();
    for (bi, g) in gelezen.iter().enumerate() {
        if g.bestand.tabel.sleutel_kolommen().is_some() && g.geparsed {
            for k in 0..g.rows.len() {
                bewaard.insert(begin[bi] + k, velden(bi, k));
            }
        }
    }
    bewaard
}

fn ruwe_rij(header: &[String], row: RawRow) -> String {
    let mut m = serde_json::Map::new();
    for (i, f) in row.fields().enumerate() {
        let k = header
            .get(i)
            .cloned()
            .unwrap_or_else(|| format!("veld_{}", i + 1));
        m.insert(k, serde_json::Value::String(f.to_string()));
    }
    serde_json::Value::Object(m).to_string()
}

fn id_of(r: Rij<'_>) -> Option<(&str, &str, Tabel)> {
    match r {
        Rij::Controle(c, i) => Some((&c.partij[i], c.controle_id.waarde(i), Tabel::Controles)),
        Rij::Overtreding(o, i) => Some((
            &o.partij[i],
            o.overtreding_id.waarde(i),
            Tabel::Overtredingen,
        )),
        Rij::Maatregel(m, i) => Some((
            &m.partij[i],
            m.maatregel_id.waarde(i),
            Tabel::Handhavingsmaatregelen,
        )),
        Rij::Overig(Record::Organisatie(_)) => None,
        Rij::Overig(Record::Strafzaak(z)) => Some((&z.partij, &z.parketnummer, Tabel::Strafzaken)),
        Rij::Overig(Record::Implementatie(i)) => {
            Some((&i.partij, &i.sleutel, Tabel::Implementatie))
        }
        Rij::Overig(Record::Oordeel(o)) => {
            Some((&o.partij, &o.sleutel, Tabel::RobuustheidOordelen))
        }
        Rij::Overig(Record::Aanbeveling(a)) => Some((&a.partij, &a.sleutel, Tabel::Aanbevelingen)),
    }
}

/// The versions of one key of a stelsel table (`spec/stelsel.md`): each year's file
/// lists everything known at its peildatum, so a row of a later year's file replaces
/// the row with the same key of an earlier year (accepted, marked, not counted).
/// Within one file the same key twice is a duplicate: the repeat is set aside when
/// identical, all are set aside when they differ.
fn sleutel_versies(
    ris: &[usize],
    tabel: Tabel,
    id: &str,
    jaar: &dyn Fn(usize) -> i32,
    zelfde: &dyn Fn(usize, usize) -> bool,
    finding: &dyn Fn(usize, Regel, &str, &str, String) -> Bevinding,
) -> Vec<(usize, Bevinding)> {
    let kolommen = tabel.sleutel_kolommen().unwrap_or_default().join(", ");
    let waarde = id.replace('|', ", ");
    let laatste = ris.iter().map(|&ri| jaar(ri)).max().unwrap_or_default();
    let mut uit = Vec::new();
    let nieuwste: Vec<usize> = ris
        .iter()
        .copied()
        .filter(|&ri| jaar(ri) == laatste)
        .collect();
    let laatste_gelijk = |ri: usize| nieuwste.iter().all(|&n| zelfde(n, ri));
    let mut jaren: Vec<i32> = ris.iter().map(|&ri| jaar(ri)).collect();
    jaren.sort_unstable();
    jaren.dedup();
    for j in jaren {
        let in_jaar: Vec<usize> = ris.iter().copied().filter(|&ri| jaar(ri) == j).collect();
        let identiek = in_jaar.iter().all(|&ri| zelfde(ri, in_jaar[0]));
        for (k, &ri) in in_jaar.iter().enumerate() {
            if in_jaar.len() > 1 && !identiek {
                uit.push((ri, finding(ri, Regel::DubbelId, &kolommen, &waarde, format!(
                    "({kolommen}) = ({waarde}) komt {} keer voor in de levering over {j} met verschillende inhoud; alle regels apart gezet, lever één regel per sleutel", in_jaar.len()
                ))));
            } else if k > 0 {
                uit.push((ri, finding(ri, Regel::DubbelId, &kolommen, &waarde, format!(
                    "({kolommen}) = ({waarde}) staat al in deze levering met dezelfde inhoud; deze herhaling is apart gezet"
                ))));
            } else if j < laatste && !laatste_gelijk(ri) {
                // An unchanged repeat in the later file is the normal case (each
                // file lists everything known); only a correction is worth a word.
                uit.push((ri, finding(ri, Regel::VersieVervangen, &kolommen, &waarde, format!(
                    "({kolommen}) = ({waarde}) is in de levering over {laatste} met andere inhoud aangeleverd; die versie telt"
                ))));
            }
        }
    }
    uit
}

/// The versions of one parketnummer (`spec/strafrechtketen.md`): the OM delivers a
/// case again in a later year when its afdoening or uitspraak became known. The
/// latest year's version wins and the earlier ones are marked as replaced; versions
/// that disagree on datum_instroom, partij_verbalisant or maatregel_id conflict and
/// are all set aside; within one year a repeat is a duplicate as for every table.
fn strafzaak_versies<'r>(
    ris: &[usize],
    id: &str,
    levend: &dyn Fn(usize) -> Option<Rij<'r>>,
    jaar: &dyn Fn(usize) -> i32,
    finding: &dyn Fn(usize, Regel, &str, &str, String) -> Bevinding,
) -> Vec<(usize, Bevinding)> {
    let zaak = |ri: usize| match levend(ri) {
        Some(Rij::Overig(Record::Strafzaak(z))) => Some(z),
        _ => None,
    };
    let identiteit = |ri: usize| {
        zaak(ri).map(|z| {
            (
                z.datum_instroom,
                z.partij_verbalisant.as_str(),
                z.maatregel_id.as_deref(),
            )
        })
    };
    let laatste = ris.iter().map(|&ri| jaar(ri)).max().unwrap_or_default();
    let in_laatste: Vec<usize> = ris
        .iter()
        .copied()
        .filter(|&ri| jaar(ri) == laatste)
        .collect();
    let inhoud = |ri: usize| {
        zaak(ri).map(|z| {
            (
                z.afdoening.as_deref(),
                z.datum_afdoening,
                z.uitspraak.as_deref(),
                z.datum_uitspraak,
                z.bedrag_eur.map(f64::to_bits),
            )
        })
    };
    // Versions must agree on who started the case and when; within the latest year
    // only an identical repeat is harmless.
    let strijdig = ris.iter().any(|&ri| identiteit(ri) != identiteit(ris[0]))
        || in_laatste
            .iter()
            .any(|&ri| inhoud(ri) != inhoud(in_laatste[0]));
    let mut uit = Vec::new();
    for &ri in ris {
        if strijdig {
            uit.push((ri, finding(ri, Regel::DubbelId, "parketnummer", id, format!(
                "parketnummer {id} komt {} keer voor met verschillende inhoud (datum_instroom, partij_verbalisant, maatregel_id, of twee versies in één jaar); alle versies apart gezet, lever één versie per jaar", ris.len()
            ))));
        } else if jaar(ri) < laatste {
            uit.push((ri, finding(ri, Regel::StrafzaakBijgewerkt, "parketnummer", id, format!(
                "parketnummer {id} is in de levering over {laatste} opnieuw aangeleverd; die versie telt"
            ))));
        } else if ri != in_laatste[0] {
            uit.push((ri, finding(ri, Regel::DubbelId, "parketnummer", id, format!(
                "parketnummer {id} staat al in deze levering met dezelfde inhoud; deze herhaling is apart gezet"
            ))));
        }
    }
    uit
}

/// Uniqueness within a party (over all years) and references between tables.
/// Returns the findings per row index that the batch rules set aside or warn on.
/// Every rule stays within one party: the parties are worked on side by side,
/// each over its own files, and their findings merged (no row is in two parties).
fn batch_regels(
    gelezen: &[Gelezen],
    rijen: &Harmonisatie,
    geweigerd: &BTreeMap<Levering, Bevinding>,
    bewaard: &HashMap<usize, Vec<String>>,
    h: &Harmoniser,
) -> HashMap<usize, Vec<Bevinding>> {
    let mut per_partij: BTreeMap<&str, (Vec<usize>, Vec<usize>)> = BTreeMap::new();
    for (bi, g) in gelezen.iter().enumerate() {
        per_partij
            .entry(g.bestand.levering.partij.as_str())
            .or_default()
            .0
            .push(bi);
    }
    // The rows that may repeat an id (see `batch_regels_partij`), to their party,
    // in row order.
    let mut kandidaten: Vec<usize> = bewaard.keys().copied().collect();
    kandidaten.sort_unstable();
    for ri in kandidaten {
        let (bi, _) = rijen.plaats(ri);
        if let Some(p) = per_partij.get_mut(gelezen[bi].bestand.levering.partij.as_str()) {
            p.1.push(ri);
        }
    }
    // Per file one mask column: the rows that take part in the rules, having a
    // record, no finding of their own that sets them aside, and a delivery not
    // refused earlier. Worked out once per pass, file by file.
    use rayon::prelude::*;
    let levend: Vec<Vec<bool>> = gelezen
        .par_iter()
        .zip(&rijen.per_bestand)
        .map(|(g, b)| {
            if geweigerd.contains_key(&g.bestand.levering) {
                return vec![false; b.rij.len()];
            }
            let mut m: Vec<bool> = b.rij.iter().map(|&i| i != GEEN).collect();
            for (k, fs) in &b.bevindingen {
                if harmonise::uitkomst(fs) >= Zwaarte::Quarantaine {
                    m[*k] = false;
                }
            }
            m
        })
        .collect();
    let deel = Deel {
        gelezen,
        rijen,
        levend: &levend,
        bewaard,
        h,
    };
    let delen: Vec<HashMap<usize, Vec<Bevinding>>> = per_partij
        .par_iter()
        .map(|(_, (bestanden, kandidaten))| batch_regels_partij(&deel, bestanden, kandidaten))
        .collect();
    let mut out: HashMap<usize, Vec<Bevinding>> =
        HashMap::with_capacity(delen.iter().map(HashMap::len).sum());
    for d in delen {
        out.extend(d);
    }
    out
}

/// What the batch rules of every party read.
struct Deel<'a, 'b> {
    gelezen: &'a [Gelezen<'b>],
    rijen: &'a Harmonisatie,
    /// Per file and row: the row takes part in the rules.
    levend: &'a [Vec<bool>],
    bewaard: &'a HashMap<usize, Vec<String>>,
    h: &'a Harmoniser<'a>,
}

/// The batch rules over one party's files (`bestanden`, in file order);
/// `kandidaten` are its rows kept in `bewaard`, in row order.
fn batch_regels_partij(
    deel: &Deel,
    bestanden: &[usize],
    kandidaten: &[usize],
) -> HashMap<usize, Vec<Bevinding>> {
    let Deel {
        gelezen,
        rijen,
        levend: neemt_deel,
        bewaard,
        h,
    } = *deel;
    let mut out: HashMap<usize, Vec<Bevinding>> = HashMap::new();
    let weg = |out: &HashMap<usize, Vec<Bevinding>>, ri: usize| {
        out.get(&ri)
            .is_some_and(|fs| fs.iter().any(|f| f.zwaarte >= Zwaarte::Quarantaine))
    };
    let levend = |ri: usize| -> Option<Rij> {
        let (bi, k) = rijen.plaats(ri);
        if !neemt_deel[bi][k] {
            return None;
        }
        rijen.per_bestand[bi].record(k)
    };
    // The party's rows of one table, in row order: a file holds one table.
    let rijen_van = |tabel: Tabel| {
        bestanden
            .iter()
            .copied()
            .filter(move |&bi| gelezen[bi].bestand.tabel == tabel)
            .flat_map(move |bi| rijen.begin[bi]..rijen.begin[bi + 1])
    };
    let bron = |ri: usize| -> (String, u64) {
        let (bi, k) = rijen.plaats(ri);
        let g = &gelezen[bi];
        (g.bestand.relatief.clone(), g.rows.rij(k).line)
    };
    let finding =
        |ri: usize, regel: Regel, kolom: &str, waarde: &str, melding: String| -> Bevinding {
            let b = gelezen[rijen.plaats(ri).0].bestand;
            let (bestand, r) = bron(ri);
            Bevinding {
                regel: regel.code(),
                zwaarte: h.config.zwaarte(regel),
                jaar: b.levering.jaar,
                partij: b.levering.partij.clone(),
                bestand,
                regelnummer: Some(r),
                kolom: Some(kolom.into()),
                waarde: Some(waarde.into()),
                melding,
            }
        };

    // Uniqueness: identical repeats keep the first; conflicting ones set all aside,
    // because choosing one would be a guess. A record's id is its raw id, trimmed,
    // so only rows whose raw id D5 saw more than once in the party can repeat, and
    // the rows of the keyed stelsel tables: exactly the rows kept in `bewaard`, a
    // small part of the batch. In row order, so the first of an id comes first.
    let mut eerste: HashMap<(&str, Tabel, &str), usize> = HashMap::with_capacity(kandidaten.len());
    let mut per_id: HashMap<(&str, Tabel, &str), Vec<usize>> = HashMap::new();
    for &ri in kandidaten {
        if let Some((p, id, t)) = levend(ri).and_then(id_of) {
            match eerste.entry((p, t, id)) {
                std::collections::hash_map::Entry::Occupied(e) => per_id
                    .entry((p, t, id))
                    .or_insert_with(|| vec![*e.get()])
                    .push(ri),
                std::collections::hash_map::Entry::Vacant(v) => {
                    v.insert(ri);
                }
            }
        }
    }
    drop(eerste);
    for ((_, tabel, id), ris) in &per_id {
        let kolom = tabel.id_column().unwrap_or("id");
        if *tabel == Tabel::Strafzaken {
            for (ri, f) in strafzaak_versies(
                ris,
                id,
                &|ri| levend(ri),
                &|ri| gelezen[rijen.plaats(ri).0].bestand.levering.jaar,
                &finding,
            ) {
                out.entry(ri).or_default().push(f);
            }
            continue;
        }
        // Same fields as read: both rows were kept aside, having a repeated id.
        let zelfde = |a: usize, b: usize| match (bewaard.get(&a), bewaard.get(&b)) {
            (Some(x), Some(y)) => x == y,
            _ => false,
        };
        if tabel.sleutel_kolommen().is_some() {
            for (ri, f) in sleutel_versies(
                ris,
                *tabel,
                id,
                &|ri| gelezen[rijen.plaats(ri).0].bestand.levering.jaar,
                &zelfde,
                &finding,
            ) {
                out.entry(ri).or_default().push(f);
            }
            continue;
        }
        let eerste = ris[0];
        let identiek = ris.iter().all(|&ri| zelfde(ri, eerste));
        let (eb, er) = bron(eerste);
        for (k, &ri) in ris.iter().enumerate() {
            if identiek && k == 0 {
                continue;
            }
            let melding = if identiek {
                format!("{kolom} {id} staat al op regel {er} van {eb} met dezelfde inhoud; deze herhaling is apart gezet")
            } else {
                format!("{kolom} {id} komt {} keer voor met verschillende inhoud; alle regels apart gezet, lever één regel per id", ris.len())
            };
            out.entry(ri)
                .or_default()
                .push(finding(ri, Regel::DubbelId, kolom, id, melding));
        }
    }

    // References as joins within the party, over all years: per id of a table
    // whether some row with it is accepted (a group-by over its id column), then
    // the rows that name an id without one (an anti-join). A row set aside by a
    // rule above counts as not accepted, and its reference is not checked.
    let bestanden_van = |tabel: Tabel| {
        bestanden
            .iter()
            .copied()
            .filter(move |&bi| gelezen[bi].bestand.tabel == tabel)
    };
    let ids = |out: &HashMap<usize, Vec<Bevinding>>, tabel: Tabel| -> HashMap<(&str, &str), bool> {
        let mut m: HashMap<(&str, &str), bool> = HashMap::new();
        for bi in bestanden_van(tabel) {
            let b = &rijen.per_bestand[bi];
            let (partij, id) = match &b.records {
                Bestandsrecords::Controles(c) => (&c.partij, &c.controle_id),
                Bestandsrecords::Overtredingen(o) => (&o.partij, &o.overtreding_id),
                _ => continue,
            };
            for (k, &i) in b.rij.iter().enumerate().filter(|(_, i)| **i != GEEN) {
                let i = i as usize;
                let ok = neemt_deel[bi][k] && !weg(out, rijen.begin[bi] + k);
                *m.entry((partij[i].as_str(), id.waarde(i))).or_insert(false) |= ok;
            }
        }
        m
    };
    // The rows of a table that take part and are not set aside yet, with their
    // (partij, referenced id) and their place in the file's columns.
    let verwijzers = |out: &HashMap<usize, Vec<Bevinding>>, tabel: Tabel| {
        let mut v: Vec<(usize, &str, &str)> = Vec::new();
        for bi in bestanden_van(tabel) {
            let b = &rijen.per_bestand[bi];
            let (partij, naar) = match &b.records {
                Bestandsrecords::Overtredingen(o) => (&o.partij, &o.controle_id),
                Bestandsrecords::Maatregelen(m) => (&m.partij, &m.overtreding_id),
                _ => continue,
            };
            for (k, &i) in b.rij.iter().enumerate() {
                let ri = rijen.begin[bi] + k;
                if neemt_deel[bi][k] && !weg(out, ri) {
                    v.push((ri, partij[i as usize].as_str(), naar.waarde(i as usize)));
                }
            }
        }
        v
    };
    let controles = ids(&out, Tabel::Controles);
    let mut wees_overtreding = Vec::new();
    for (ri, partij, controle_id) in verwijzers(&out, Tabel::Overtredingen) {
        let key = (partij, controle_id);
        if controles.get(&key) != Some(&true) {
            let melding = if controles.contains_key(&key) {
                format!("controle {controle_id} is niet geaccepteerd (quarantaine of geweigerde levering); deze overtreding kan niet worden gekoppeld")
            } else {
                format!("controle {controle_id} bestaat niet bij {partij} in geen enkel jaar; lever de controle aan of corrigeer controle_id")
            };
            wees_overtreding.push((
                ri,
                finding(ri, Regel::Wees, "controle_id", controle_id, melding),
            ));
        }
    }
    for (ri, f) in wees_overtreding {
        out.entry(ri).or_default().push(f);
    }
    let overtredingen = ids(&out, Tabel::Overtredingen);
    let mut wees_maatregel = Vec::new();
    for (ri, partij, overtreding_id) in verwijzers(&out, Tabel::Handhavingsmaatregelen) {
        let key = (partij, overtreding_id);
        if overtredingen.get(&key) != Some(&true) {
            let melding = if overtredingen.contains_key(&key) {
                format!(
                    "overtreding {overtreding_id} is niet geaccepteerd (quarantaine of geweigerde levering)"
                )
            } else {
                format!("overtreding {overtreding_id} bestaat niet bij {partij} in geen enkel jaar")
            };
            wees_maatregel.push((
                ri,
                finding(ri, Regel::Wees, "overtreding_id", overtreding_id, melding),
            ));
        }
    }
    for (ri, f) in wees_maatregel {
        out.entry(ri).or_default().push(f);
    }

    // The LHSO combination rules over the accepted measures of one overtreding:
    // the measures sorted by their overtreding (stable, so row order within it),
    // then each group on its own; no map of lists over a million measures.
    let mut maatregelen: Vec<((&str, &str), usize)> =
        verwijzers(&out, Tabel::Handhavingsmaatregelen)
            .into_iter()
            .map(|(ri, partij, overtreding)| ((partij, overtreding), ri))
            .collect();
    maatregelen.sort_by(|a, b| a.0.cmp(&b.0));
    let mut lhso: Vec<(usize, Bevinding)> = Vec::new();
    for groep in maatregelen.chunk_by(|a, b| a.0 == b.0) {
        let overtreding = groep[0].0 .1;
        let ms: Vec<(usize, Maatregel)> = groep
            .iter()
            .filter_map(|&(_, ri)| match levend(ri) {
                Some(Rij::Maatregel(m, i)) => Some((ri, m.rij(i))),
                _ => None,
            })
            .collect();
        let is = |m: Maatregel, i: &str| m.handhavingsinstrument == Some(i);
        let einde = |m: Maatregel| m.datum_afronding.unwrap_or(chrono::NaiveDate::MAX);
        for &(a, ma) in &ms {
            for &(b, mb) in &ms {
                if is(ma, "last_onder_dwangsom")
                    && is(mb, "last_onder_bestuursdwang")
                    && ma.datum_opleggen <= einde(mb)
                    && mb.datum_opleggen <= einde(ma)
                {
                    let melding = format!(
                        "last onder dwangsom {} en last onder bestuursdwang {} lopen tegelijk voor overtreding {overtreding}; LHSO staat dat niet toe",
                        ma.maatregel_id, mb.maatregel_id
                    );
                    for (ri, m) in [(a, ma), (b, mb)] {
                        lhso.push((
                            ri,
                            finding(
                                ri,
                                Regel::LhsoDwangsomBestuursdwang,
                                "handhavingsinstrument",
                                m.handhavingsinstrument.unwrap_or(""),
                                melding.clone(),
                            ),
                        ));
                    }
                }
                if is(ma, "bestuurlijke_boete") && mb.categorie == Some("strafrechtelijk") {
                    let melding = format!(
                        "bestuurlijke boete {} en strafrechtelijke maatregel {} voor dezelfde overtreding {overtreding}; LHSO staat dat niet toe (una via)",
                        ma.maatregel_id, mb.maatregel_id
                    );
                    for (ri, m) in [(a, ma), (b, mb)] {
                        lhso.push((
                            ri,
                            finding(
                                ri,
                                Regel::LhsoBoeteStrafrecht,
                                "handhavingsinstrument",
                                m.handhavingsinstrument.unwrap_or(""),
                                melding.clone(),
                            ),
                        ));
                    }
                }
            }
        }
    }
    // A measure in several conflicting pairs is reported once per rule.
    let mut gezien: BTreeSet<(usize, &'static str)> = BTreeSet::new();
    for (ri, f) in lhso {
        if gezien.insert((ri, f.regel)) {
            out.entry(ri).or_default().push(f);
        }
    }

    // organisatie.csv and implementatie.csv of one delivery must agree on the
    // modelmandaat (spec/stelsel.md); S3 keeps reading organisatie.csv, so this is
    // a warning for the party, on the organisatie row.
    let mut modelmandaat: BTreeMap<(&str, i32), (chrono::NaiveDate, &str)> = BTreeMap::new();
    for ri in rijen_van(Tabel::Implementatie) {
        if weg(&out, ri) {
            continue;
        }
        if let Some(Rij::Overig(Record::Implementatie(i))) = levend(ri) {
            if i.product == "modelmandaat" {
                let e = modelmandaat
                    .entry((i.partij.as_str(), i.jaar))
                    .or_insert((i.datum, i.status.as_str()));
                if i.datum > e.0 {
                    *e = (i.datum, i.status.as_str());
                }
            }
        }
    }
    let mut strijdig = Vec::new();
    for ri in rijen_van(Tabel::Organisatie) {
        if weg(&out, ri) {
            continue;
        }
        if let Some(Rij::Overig(Record::Organisatie(o))) = levend(ri) {
            let (Some(vastgesteld), Some((datum, status))) = (
                o.modelmandaat_vastgesteld,
                modelmandaat.get(&(o.partij.as_str(), o.jaar)),
            ) else {
                continue;
            };
            let besloten = matches!(*status, "besloten" | "geimplementeerd");
            if besloten != vastgesteld {
                strijdig.push((ri, finding(
                    ri,
                    Regel::ModelmandaatStrijdig,
                    "modelmandaat_vastgesteld",
                    if vastgesteld { "true" } else { "false" },
                    format!("implementatie.csv van deze levering geeft het modelmandaat status {status} (sinds {datum}); modelmandaat_vastgesteld hoort dan {} te zijn. S3 leest organisatie.csv: corrigeer het bestand dat niet klopt", if besloten { "true" } else { "false" }),
                )));
            }
        }
    }
    for (ri, f) in strijdig {
        out.entry(ri).or_default().push(f);
    }
    out
}
