//! How a sample party writes its delivery: the text habits of its export (encoding,
//! delimiter, Dutch dates and decimals) and, when it has one, what its profile in
//! `queries/profielen/` describes (format, file and sheet names, column names, date
//! format, local codes from its mapping tables, reversed). The generator thereby
//! exercises exactly the paths the pipeline must read back.

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;

use crate::error::{Error, Result};
use crate::harmonise::mapping::Mappings;
use crate::ingest::profile::{Formaat, Profiel};
use crate::model::Tabel;

/// Text habits of a party's CSV export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tekstvorm {
    /// UTF-8, comma, ISO dates, `.` decimals, true/false.
    Canoniek,
    /// Excel's "CSV (puntkomma)" on a Dutch Windows machine: Windows-1252, `;`,
    /// CRLF, dd-mm-jjjj, decimal comma, Ja/Nee.
    Windows1252,
    /// Tab-separated UTF-8.
    Tab,
    /// `<tabel>.json`, an array of records with typed values (no profile needed).
    Json,
}

const DATUMS: &[&str] = &[
    "controledatum",
    "overtredingsdatum",
    "hersteldatum",
    "datum_opleggen",
    "datum_afronding",
    "laatste_visitatie",
];
const JA_NEE: &[&str] = &[
    "brzo",
    "indicatie_handhaving",
    "voldoet_kc_basistaken",
    "voldoet_kc_plustaken",
    "innovatieagenda",
    "informatiegestuurd",
    "werkgebied_coherent",
    "modelmandaat_vastgesteld",
];
const GETALLEN: &[&str] = &[
    "bedrag_eur",
    "fte_totaal",
    "fte_eigen_dienst",
    "innovatiebudget_eur",
    "begroting_eur",
    "weerstandsvermogen_eur",
    "benodigd_weerstandsvermogen_eur",
];

/// One table of a delivery in canonical form.
pub struct Tabelinhoud<'a> {
    pub tabel: Tabel,
    pub kop: &'a [&'a str],
    pub rijen: Vec<Vec<String>>,
}

pub struct Schrijver<'a> {
    profiel: Option<&'a Profiel>,
    tekst: Tekstvorm,
    /// (kolom, national code) → the party's local value.
    terug: HashMap<(String, String), String>,
}

impl<'a> Schrijver<'a> {
    pub fn new(
        partij: &str,
        profiel: Option<&'a Profiel>,
        mappings: &Mappings,
        tekst: Tekstvorm,
    ) -> Schrijver<'a> {
        let mut terug = HashMap::new();
        for naam in profiel.map(|p| p.mappings.as_slice()).unwrap_or_default() {
            for r in mappings.tabellen.get(naam).into_iter().flatten() {
                if r.partij.as_deref().is_some_and(|p| p != partij) {
                    continue;
                }
                terug
                    .entry((r.kolom.clone(), r.landelijk.clone()))
                    .or_insert_with(|| r.lokaal.clone());
            }
        }
        Schrijver {
            profiel,
            tekst,
            terug,
        }
    }

    fn waarde(&self, kolom: &str, v: &str) -> String {
        if v.is_empty() {
            return String::new();
        }
        if let Some(lokaal) = self.terug.get(&(kolom.to_string(), v.to_string())) {
            return lokaal.clone();
        }
        let datumformaat = self.profiel.and_then(|p| p.datumformaat.as_deref());
        if DATUMS.contains(&kolom) {
            if let Ok(d) = NaiveDate::parse_from_str(v, "%Y-%m-%d") {
                if let Some(f) = datumformaat {
                    return d.format(f).to_string();
                }
                if self.tekst == Tekstvorm::Windows1252 {
                    return d.format("%d-%m-%Y").to_string();
                }
            }
        }
        if self.tekst == Tekstvorm::Windows1252 {
            if JA_NEE.contains(&kolom) {
                return match v {
                    "true" => "Ja".into(),
                    "false" => "Nee".into(),
                    other => other.into(),
                };
            }
            if GETALLEN.contains(&kolom) {
                return v.replace('.', ",");
            }
        }
        v.to_string()
    }

    fn kolomnaam(&self, tabel: Tabel, kolom: &str) -> String {
        self.profiel
            .and_then(|p| p.kolommen.get(tabel.name()))
            .and_then(|m| m.iter().find(|(_, landelijk)| *landelijk == kolom))
            .map_or_else(|| kolom.to_string(), |(lokaal, _)| lokaal.clone())
    }

    /// Write the tables of one party-year into `dir`.
    pub fn schrijf(&self, dir: &Path, tabellen: &[Tabelinhoud]) -> Result<()> {
        std::fs::create_dir_all(dir).map_err(|e| Error::write(dir, e))?;
        let formaat = match (self.profiel, self.tekst) {
            (Some(p), _) => p.formaat,
            (None, Tekstvorm::Json) => Formaat::Json,
            (None, _) => Formaat::Csv,
        };
        let mut werkmap = rust_xlsxwriter::Workbook::new();
        for t in tabellen {
            let kop: Vec<String> = t.kop.iter().map(|k| self.kolomnaam(t.tabel, k)).collect();
            let bestand = self.profiel.map_or_else(
                || format!("{}.{}", t.tabel.name(), formaat.extensie()),
                |p| p.bestand(t.tabel),
            );
            match formaat {
                Formaat::Csv => {
                    let rijen: Vec<Vec<String>> = t
                        .rijen
                        .iter()
                        .map(|r| {
                            r.iter()
                                .zip(t.kop)
                                .map(|(v, k)| self.waarde(k, v))
                                .collect()
                        })
                        .collect();
                    self.csv(&dir.join(bestand), &kop, &rijen)?;
                }
                Formaat::Json => {
                    let records: Vec<serde_json::Value> = t
                        .rijen
                        .iter()
                        .map(|r| {
                            let mut m = serde_json::Map::new();
                            for ((v, k), naam) in r.iter().zip(t.kop).zip(&kop) {
                                m.insert(naam.clone(), json_waarde(k, &self.waarde(k, v)));
                            }
                            serde_json::Value::Object(m)
                        })
                        .collect();
                    let pad = dir.join(bestand);
                    let text =
                        serde_json::to_string_pretty(&records).map_err(|e| Error::Generate {
                            path: pad.clone(),
                            message: e.to_string(),
                        })?;
                    std::fs::write(&pad, text + "\n").map_err(|e| Error::write(&pad, e))?;
                }
                Formaat::Xlsx => {
                    let blad = self
                        .profiel
                        .and_then(|p| p.bladen.get(t.tabel.name()).cloned())
                        .unwrap_or_else(|| t.tabel.name().to_string());
                    self.blad(&mut werkmap, &blad, t, &kop)
                        .map_err(|e| Error::Generate {
                            path: dir.join(&blad),
                            message: format!("xlsx sheet: {e}"),
                        })?;
                }
            }
        }
        if formaat == Formaat::Xlsx {
            let naam = self
                .profiel
                .and_then(|p| p.werkmap.clone())
                .unwrap_or_else(|| "levering.xlsx".into());
            // A fixed creation date: same seed, same bytes.
            let pad = dir.join(naam);
            let xlsx = |e: rust_xlsxwriter::XlsxError| Error::Generate {
                path: pad.clone(),
                message: format!("xlsx: {e}"),
            };
            let datum = rust_xlsxwriter::ExcelDateTime::from_ymd(2025, 3, 31).map_err(xlsx)?;
            werkmap.set_properties(
                &rust_xlsxwriter::DocProperties::new().set_creation_datetime(&datum),
            );
            let bytes = werkmap.save_to_buffer().map_err(xlsx)?;
            std::fs::write(&pad, bytes).map_err(|e| Error::write(&pad, e))?;
        }
        Ok(())
    }

    fn csv(&self, pad: &Path, kop: &[String], rijen: &[Vec<String>]) -> Result<()> {
        let (delim, crlf) = match self.tekst {
            Tekstvorm::Canoniek | Tekstvorm::Json => (b',', false),
            Tekstvorm::Windows1252 => (b';', true),
            Tekstvorm::Tab => (b'\t', false),
        };
        let mut w = csv::WriterBuilder::new()
            .delimiter(delim)
            .terminator(if crlf {
                csv::Terminator::CRLF
            } else {
                csv::Terminator::Any(b'\n')
            })
            .from_writer(Vec::new());
        let fout = |e: csv::Error| Error::Generate {
            path: pad.to_path_buf(),
            message: e.to_string(),
        };
        w.write_record(kop).map_err(fout)?;
        for r in rijen {
            w.write_record(r).map_err(fout)?;
        }
        let bytes = w.into_inner().map_err(|e| Error::Generate {
            path: pad.to_path_buf(),
            message: e.to_string(),
        })?;
        let bytes = if self.tekst == Tekstvorm::Windows1252 {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            encoding_rs::WINDOWS_1252.encode(&text).0.into_owned()
        } else {
            bytes
        };
        std::fs::write(pad, bytes).map_err(|e| Error::write(pad, e))
    }

    /// A sheet with typed cells, as an Excel export has them: dates as dates,
    /// amounts as numbers, booleans as booleans.
    fn blad(
        &self,
        werkmap: &mut rust_xlsxwriter::Workbook,
        naam: &str,
        t: &Tabelinhoud,
        kop: &[String],
    ) -> std::result::Result<(), rust_xlsxwriter::XlsxError> {
        let datumopmaak = rust_xlsxwriter::Format::new().set_num_format("dd-mm-yyyy");
        let ws = werkmap.add_worksheet();
        ws.set_name(naam)?;
        for (c, k) in kop.iter().enumerate() {
            ws.write_string(0, c as u16, k)?;
        }
        for (r, rij) in t.rijen.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, (v, k)) in rij.iter().zip(t.kop).enumerate() {
                let c = c as u16;
                if v.is_empty() {
                    continue;
                }
                if DATUMS.contains(k) {
                    if let Ok(d) = NaiveDate::parse_from_str(v, "%Y-%m-%d") {
                        let dt = rust_xlsxwriter::ExcelDateTime::from_ymd(
                            chrono::Datelike::year(&d) as u16,
                            chrono::Datelike::month(&d) as u8,
                            chrono::Datelike::day(&d) as u8,
                        )?;
                        ws.write_datetime_with_format(r, c, &dt, &datumopmaak)?;
                        continue;
                    }
                }
                if JA_NEE.contains(k) && (v == "true" || v == "false") {
                    ws.write_boolean(r, c, v == "true")?;
                    continue;
                }
                if GETALLEN.contains(k) {
                    if let Ok(x) = v.parse::<f64>() {
                        ws.write_number(r, c, x)?;
                        continue;
                    }
                }
                ws.write_string(r, c, self.waarde(k, v))?;
            }
        }
        Ok(())
    }
}

fn json_waarde(kolom: &str, v: &str) -> serde_json::Value {
    if v.is_empty() {
        return serde_json::Value::Null;
    }
    if JA_NEE.contains(&kolom) && (v == "true" || v == "false") {
        return serde_json::Value::Bool(v == "true");
    }
    if GETALLEN.contains(&kolom) {
        if let Some(n) = v.parse::<f64>().ok().and_then(serde_json::Number::from_f64) {
            return serde_json::Value::Number(n);
        }
    }
    serde_json::Value::String(v.to_string())
}
