//! Counts over the rows as they arrived, for the data-quality checks that are not
//! a single rule: completeness per column (D2) and repeated ids (D5). They look at
//! the raw fields, so a row counts whatever else is wrong with it.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::harmonise::kolommen;
use crate::ingest::table::RawRow;
use crate::ingest::Bestand;
use crate::model::Levering;

/// D2 for one file and one column of the exchange format.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Volledigheid {
    pub jaar: i32,
    pub partij: String,
    pub bestand: String,
    pub tabel: &'static str,
    pub kolom: &'static str,
    pub verplicht: bool,
    /// Rows with a non-blank value in the column (0 when the column is absent).
    pub gevuld: u64,
    pub rijen: u64,
}

fn field<'r>(header: &[String], row: &'r RawRow, kolom: &str) -> Option<&'r str> {
    let i = header.iter().position(|h| h == kolom)?;
    row.fields
        .get(i)
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
}

/// Completeness of every exchange-format column of one read file.
pub fn volledigheid(b: &Bestand, header: &[String], rows: &[RawRow]) -> Vec<Volledigheid> {
    kolommen(b.tabel)
        .iter()
        .map(|&(kolom, verplicht)| Volledigheid {
            jaar: b.levering.jaar,
            partij: b.levering.partij.clone(),
            bestand: b.relatief.clone(),
            tabel: b.tabel.name(),
            kolom,
            verplicht,
            gevuld: rows
                .iter()
                .filter(|r| field(header, r, kolom).is_some())
                .count() as u64,
            rijen: rows.len() as u64,
        })
        .collect()
}

/// D5: per delivery and table, the rows whose id occurs more than once within the
/// party (over all its years in the batch), every occurrence counted.
pub fn duplicaten<'a>(
    bestanden: impl Iterator<Item = (&'a Bestand, &'a [String], &'a [RawRow])>,
) -> BTreeMap<(Levering, &'static str), u64> {
    let mut per_id: BTreeMap<(String, &'static str, String), Vec<Levering>> = BTreeMap::new();
    for (b, header, rows) in bestanden {
        let Some(kolom) = b.tabel.id_column() else {
            continue;
        };
        for r in rows {
            if let Some(id) = field(header, r, kolom) {
                per_id
                    .entry((b.levering.partij.clone(), b.tabel.name(), id.to_string()))
                    .or_default()
                    .push(b.levering.clone());
            }
        }
    }
    let mut out: BTreeMap<(Levering, &'static str), u64> = BTreeMap::new();
    for ((_, tabel, _), leveringen) in per_id {
        if leveringen.len() > 1 {
            for l in leveringen {
                *out.entry((l, tabel)).or_default() += 1;
            }
        }
    }
    out
}
