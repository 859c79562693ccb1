//! Counts over the rows as they arrived, for the data-quality checks that are not
//! a single rule: completeness per column (D2) and repeated ids (D5). They look at
//! the raw fields, so a row counts whatever else is wrong with it.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::harmonise::kolommen;
use crate::ingest::table::Rijen;
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

/// Completeness of every exchange-format column of one read file.
pub fn volledigheid(b: &Bestand, header: &[String], rows: &Rijen) -> Vec<Volledigheid> {
    kolommen(b.tabel)
        .iter()
        .map(|&(kolom, verplicht)| {
            let i = header.iter().position(|h| h == kolom);
            let gevuld = match i {
                None => 0,
                Some(i) => rows
                    .iter()
                    .filter(|r| r.get(i).is_some_and(|v| !v.trim().is_empty()))
                    .count() as u64,
            };
            Volledigheid {
                jaar: b.levering.jaar,
                partij: b.levering.partij.clone(),
                bestand: b.relatief.clone(),
                tabel: b.tabel.name(),
                kolom,
                verplicht,
                gevuld,
                rijen: rows.len() as u64,
            }
        })
        .collect()
}

/// D5: per delivery and table, the rows whose id occurs more than once within the
/// party (over all its years in the batch), every occurrence counted; and where
/// those rows are (file index, row index), for the batch rules that compare them.
pub fn duplicaten<'a>(
    bestanden: impl Iterator<Item = (usize, &'a Bestand, &'a [String], &'a Rijen)>,
) -> (BTreeMap<(Levering, &'static str), u64>, Vec<(usize, usize)>) {
    // Borrowed keys in a fast hash map: one entry per row of the batch, and a list
    // only for the ids seen twice (no allocation per row). Only the sums and the
    // places leave this function, so the maps' order does not matter.
    type Sleutel<'k> = (&'k str, &'static str, &'k str);
    type Plaats<'k> = (&'k Levering, usize, usize);
    let mut eerste: foldhash::HashMap<Sleutel<'a>, Plaats<'a>> = foldhash::HashMap::default();
    let mut herhaald: foldhash::HashMap<Sleutel<'a>, Vec<&'a Levering>> =
        foldhash::HashMap::default();
    let mut plaatsen: Vec<(usize, usize)> = Vec::new();
    for (bi, b, header, rows) in bestanden {
        let Some(kolom) = b.tabel.id_column() else {
            continue;
        };
        let Some(i) = header.iter().position(|h| h == kolom) else {
            continue;
        };
        for (k, r) in rows.iter().enumerate() {
            let id = r.get(i).map(|s| s.trim()).filter(|s| !s.is_empty());
            if let Some(id) = id {
                let sleutel = (b.levering.partij.as_str(), b.tabel.name(), id);
                match eerste.entry(sleutel) {
                    std::collections::hash_map::Entry::Occupied(e) => {
                        let (l, eb, ek) = *e.get();
                        herhaald
                            .entry(sleutel)
                            .or_insert_with(|| {
                                plaatsen.push((eb, ek));
                                vec![l]
                            })
                            .push(&b.levering);
                        plaatsen.push((bi, k));
                    }
                    std::collections::hash_map::Entry::Vacant(v) => {
                        v.insert((&b.levering, bi, k));
                    }
                }
            }
        }
    }
    drop(eerste);
    let mut out: BTreeMap<(Levering, &'static str), u64> = BTreeMap::new();
    for ((_, tabel, _), leveringen) in herhaald {
        for l in leveringen {
            *out.entry((l.clone(), tabel)).or_default() += 1;
        }
    }
    (out, plaatsen)
}
