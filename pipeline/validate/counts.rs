//! Counts over the rows as they arrived, for the data-quality checks that are not
//! a single rule: completeness per column (D2) and repeated ids (D5). They look at
//! the raw fields, so a row counts whatever else is wrong with it.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::contract::format::kolommen;
use crate::ingest::read::IngestedFile;
use crate::ingest::table::Rijen;
use crate::ingest::Bestand;
use crate::model::{Levering, Tabel};

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

/// D2 over every file that could be read as a table, in file order.
pub fn volledigheid_alle(gelezen: &[IngestedFile]) -> Vec<Volledigheid> {
    use rayon::prelude::*;
    gelezen
        .par_iter()
        .filter(|g| g.geparsed)
        .flat_map_iter(|g| volledigheid(g.bestand, &g.header, &g.rows))
        .collect()
}

/// Completeness of every exchange-format column of one read file.
pub fn volledigheid(b: &Bestand, header: &[String], rows: &Rijen) -> Vec<Volledigheid> {
    use rayon::prelude::*;
    // The columns side by side: one large file is otherwise counted on one core.
    kolommen(b.tabel)
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|(kolom, verplicht)| {
            let i = header.iter().position(|h| h == kolom);
            let gevuld = match i {
                None => 0,
                Some(i) => rows
                    .kolom(i, 0..rows.len())
                    .filter(|v| v.is_some_and(|v| !crate::whitespace::trim(v).is_empty()))
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
/// Ids are unique per party, so the parties are counted side by side.
pub fn duplicaten<'a>(bestanden: impl Iterator<Item = GelezenBestand<'a>>) -> Duplicaten {
    let mut per_partij: BTreeMap<&'a str, Vec<GelezenBestand<'a>>> = BTreeMap::new();
    for item in bestanden {
        per_partij
            .entry(item.1.levering.partij.as_str())
            .or_default()
            .push(item);
    }
    use rayon::prelude::*;
    let delen: Vec<_> = per_partij
        .par_iter()
        .map(|(_, bestanden)| duplicaten_partij(bestanden))
        .collect();
    samen(delen)
}

/// D5: the rows of repeated ids per (delivery, table), and where those rows are
/// (file index, row index).
pub type Duplicaten = (BTreeMap<(Levering, &'static str), u64>, Vec<(usize, usize)>);

/// D5 of parts counted side by side (parties, or a party's partitions), as one.
fn samen(delen: Vec<Duplicaten>) -> Duplicaten {
    let mut out: BTreeMap<(Levering, &'static str), u64> = BTreeMap::new();
    let mut plaatsen = Vec::new();
    for (o, p) in delen {
        for (k, n) in o {
            *out.entry(k).or_default() += n;
        }
        plaatsen.extend(p);
    }
    (out, plaatsen)
}

/// A read file as D5 sees it: index, file, header, rows.
type GelezenBestand<'a> = (usize, &'a Bestand, &'a [String], &'a Rijen);

/// D5 over the files of one party. A party with many rows is counted in hash
/// partitions side by side, each id in exactly one; every partition walks the rows
/// in order, so each id's first place is the same as in one walk.
fn duplicaten_partij<'a>(bestanden: &[GelezenBestand<'a>]) -> Duplicaten {
    use rayon::prelude::*;
    let rijen: usize = bestanden.iter().map(|b| b.3.len()).sum();
    if rijen < MIN_PARTITIE {
        return duplicaten_partitie(bestanden, None, 0, rijen);
    }
    // About IDS_PER_PARTITIE ids a partition, so each map stays small (a party of
    // 12 million ids: eleven maps of 66 MiB instead of four of 130 MiB that grew
    // through every smaller size; two are held at a time).
    let delen = (rijen / IDS_PER_PARTITIE).clamp(2 * rayon::current_num_threads().max(1), 255);
    let partities = partities(bestanden, delen);
    let mut aantallen = vec![0usize; delen];
    for &p in partities.iter().flatten().flatten() {
        if p != GEEN_ID {
            aantallen[usize::from(p)] += 1;
        }
    }
    let uitkomsten: Vec<_> = (0..delen)
        .into_par_iter()
        .map(|p| duplicaten_partitie(bestanden, Some(&partities), p as u8, aantallen[p]))
        .collect();
    samen(uitkomsten)
}

/// Rows of a party from which its ids are counted in partitions (machinery).
const MIN_PARTITIE: usize = 1 << 19;
/// Ids a partition of a large party holds, about (machinery).
const IDS_PER_PARTITIE: usize = 1 << 20;
/// The partition of a row without an id.
const GEEN_ID: u8 = u8::MAX;

/// A row's id as D5 counts it: trimmed, not empty.
fn id_van(veld: Option<&str>) -> Option<&str> {
    veld.map(crate::whitespace::trim).filter(|s| !s.is_empty())
}

/// The column of a file's ids, when its table has ids and the file the column.
fn id_kolom(b: &Bestand, header: &[String]) -> Option<usize> {
    let kolom = b.tabel.id_column()?;
    header.iter().position(|h| h == kolom)
}

/// Per file of the party (`None` without ids), the partition of each row's id:
/// hashed once, in stretches side by side.
fn partities(bestanden: &[GelezenBestand], delen: usize) -> Vec<Option<Vec<u8>>> {
    use rayon::prelude::*;
    bestanden
        .iter()
        .map(|&(_, b, header, rows)| {
            let i = id_kolom(b, header)?;
            let stukken: Vec<Vec<u8>> = (0..rows.len())
                .step_by(STUK)
                .collect::<Vec<_>>()
                .into_par_iter()
                .map(|begin| {
                    rows.kolom(i, begin..(begin + STUK).min(rows.len()))
                        .map(|v| match id_van(v) {
                            Some(id) => super::deel_van(id, delen) as u8,
                            None => GEEN_ID,
                        })
                        .collect()
                })
                .collect();
            Some(stukken.concat())
        })
        .collect()
}

/// Rows whose ids one task hashes (machinery).
const STUK: usize = 1 << 18;

/// D5 over the ids of one party in partition `deel` (every id when `partities`
/// is `None`); `n` ids at most, to size the map once.
fn duplicaten_partitie<'a>(
    bestanden: &[GelezenBestand<'a>],
    partities: Option<&[Option<Vec<u8>>]>,
    deel: u8,
    n: usize,
) -> Duplicaten {
    // Borrowed keys in a fast hash map: one entry per row of the party, and a list
    // only for the ids seen twice (no allocation per row). Only the sums and the
    // places leave this function, so the maps' order does not matter. The value is
    // the first place (file, row) in 8 bytes: millions of entries.
    type IdSleutel<'k> = (Tabel, &'k str);
    let mut leveringen: BTreeMap<usize, &'a Levering> = BTreeMap::new();
    let mut eerste: foldhash::HashMap<IdSleutel<'a>, (u32, u32)> =
        foldhash::HashMap::with_capacity_and_hasher(n, Default::default());
    let mut herhaald: foldhash::HashMap<IdSleutel<'a>, Vec<usize>> = foldhash::HashMap::default();
    let mut plaatsen: Vec<(usize, usize)> = Vec::new();
    for (f, &(bi, b, header, rows)) in bestanden.iter().enumerate() {
        let Some(i) = id_kolom(b, header) else {
            continue;
        };
        leveringen.insert(bi, &b.levering);
        // Only the rows of this partition are read (a row's partition is one byte).
        let velden: Box<dyn Iterator<Item = (usize, Option<&str>)>> =
            match partities.and_then(|p| p[f].as_deref()) {
                Some(h) => Box::new(
                    h.iter()
                        .enumerate()
                        .filter(move |(_, p)| **p == deel)
                        .map(move |(k, _)| (k, rows.veld(k, i))),
                ),
                None => Box::new(rows.kolom(i, 0..rows.len()).enumerate()),
            };
        for (k, id) in velden {
            if let Some(id) = id_van(id) {
                let sleutel = (b.tabel, id);
                match eerste.entry(sleutel) {
                    std::collections::hash_map::Entry::Occupied(e) => {
                        let (eb, ek) = (e.get().0 as usize, e.get().1 as usize);
                        herhaald
                            .entry(sleutel)
                            .or_insert_with(|| {
                                plaatsen.push((eb, ek));
                                vec![eb]
                            })
                            .push(bi);
                        plaatsen.push((bi, k));
                    }
                    std::collections::hash_map::Entry::Vacant(v) => {
                        // A file holds far fewer than 4 billion rows and the batch far
                        // fewer files: the places fit in 32 bits each.
                        v.insert((bi as u32, k as u32));
                    }
                }
            }
        }
    }
    drop(eerste);
    let mut out: BTreeMap<(Levering, &'static str), u64> = BTreeMap::new();
    for ((tabel, _), bestanden) in herhaald {
        for bi in bestanden {
            if let Some(l) = leveringen.get(&bi) {
                *out.entry(((*l).clone(), tabel.name())).or_default() += 1;
            }
        }
    }
    (out, plaatsen)
}
