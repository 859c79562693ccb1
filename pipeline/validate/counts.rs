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
    gelezen
        .iter()
        .filter(|g| g.geparsed)
        .flat_map(|g| volledigheid(g.bestand, &g.header, &g.rows))
        .collect()
}

/// Completeness of every exchange-format column of one read file.
pub fn volledigheid(b: &Bestand, header: &[String], rows: &Rijen) -> Vec<Volledigheid> {
    // The non-blank values were counted as the file was read.
    kolommen(b.tabel)
        .map(|(kolom, verplicht)| {
            let i = header.iter().position(|h| h == kolom);
            let gevuld = i.map_or(0, |i| rows.gevuld(i));
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
/// partitions side by side, each id in exactly one; every partition walks its
/// rows in order, so each id's first place is the same as in one walk.
fn duplicaten_partij<'a>(bestanden: &[GelezenBestand<'a>]) -> Duplicaten {
    use rayon::prelude::*;
    let rijen: usize = bestanden.iter().map(|b| b.3.len()).sum();
    // About IDS_PER_PARTITIE ids a partition, so each map stays small (a party of
    // 12 million ids: eleven maps of 66 MiB instead of four of 130 MiB that grew
    // through every smaller size; two are held at a time). A small party is one
    // partition: one walk.
    let delen = if rijen < MIN_PARTITIE {
        1
    } else {
        (rijen / IDS_PER_PARTITIE).clamp(2 * rayon::current_num_threads().max(1), 255)
    };
    let uitkomsten: Vec<_> = partities(bestanden, delen)
        .into_par_iter()
        .map(|ids| duplicaten_partitie(bestanden, &ids))
        .collect();
    samen(uitkomsten)
}

/// Rows of a party from which its ids are counted in partitions (machinery).
const MIN_PARTITIE: usize = 1 << 19;
/// Ids a partition of a large party holds, about (machinery).
const IDS_PER_PARTITIE: usize = 1 << 20;

/// A row's id as D5 counts it: trimmed, not empty.
fn id_van(veld: Option<&str>) -> Option<&str> {
    veld.map(crate::whitespace::trim).filter(|s| !s.is_empty())
}

/// The column of a file's ids, when its table has ids and the file the column.
fn id_kolom(b: &Bestand, header: &[String]) -> Option<usize> {
    let kolom = b.tabel.id_column()?;
    header.iter().position(|h| h == kolom)
}

/// Consecutive rows of one file with an id (in row order), and the hash of each
/// id: hashed once, for the partition and for the map.
#[derive(Default)]
struct Ids {
    rij: Vec<u32>,
    hash: Vec<u64>,
}

/// Per partition, per file of the party (`None` without ids), the rows whose
/// id falls in it: the ids hashed once, in stretches side by side, each
/// stretch's rows kept where they were made (not copied together).
fn partities(bestanden: &[GelezenBestand], delen: usize) -> Vec<Vec<Option<Vec<Ids>>>> {
    use rayon::prelude::*;
    let mut uit: Vec<Vec<Option<Vec<Ids>>>> = (0..delen).map(|_| Vec::new()).collect();
    for &(_, b, header, rows) in bestanden {
        let Some(i) = id_kolom(b, header) else {
            uit.iter_mut().for_each(|p| p.push(None));
            continue;
        };
        let mut stukken: Vec<Vec<Ids>> = (0..rows.len())
            .step_by(STUK)
            .collect::<Vec<_>>()
            .into_par_iter()
            .map(|begin| {
                let eind = (begin + STUK).min(rows.len());
                // Hashes spread evenly: room for a share and an eighth more,
                // never more than the stretch's rows (one partition holds all).
                let ruimte = ((eind - begin) / delen * 9 / 8).min(eind - begin);
                let mut per_deel: Vec<Ids> = (0..delen)
                    .map(|_| Ids {
                        rij: Vec::with_capacity(ruimte),
                        hash: Vec::with_capacity(ruimte),
                    })
                    .collect();
                for (k, v) in (begin..eind).zip(rows.kolom(i, begin..eind)) {
                    if let Some(id) = id_van(v) {
                        let hash = super::hash_van(id);
                        let deel = &mut per_deel[super::deel_van_hash(hash, delen)];
                        deel.rij.push(k as u32);
                        deel.hash.push(hash);
                    }
                }
                per_deel
            })
            .collect();
        for (p, deel) in uit.iter_mut().enumerate() {
            let ids = stukken.iter_mut().map(|s| std::mem::take(&mut s[p]));
            deel.push(Some(ids.collect()));
        }
    }
    uit
}

/// Rows whose ids one task hashes (machinery).
const STUK: usize = 1 << 18;

/// An id as the map of repeated ids holds it: its table, its text, and the
/// hash already made of the text (equal ids have equal hashes, so hashing the
/// hash is a valid hash of the key).
#[derive(Clone, Copy)]
struct IdSleutel<'k> {
    tabel: Tabel,
    id: &'k str,
    hash: u64,
}

impl PartialEq for IdSleutel<'_> {
    fn eq(&self, ander: &Self) -> bool {
        self.tabel == ander.tabel && self.id == ander.id
    }
}

impl Eq for IdSleutel<'_> {}

impl std::hash::Hash for IdSleutel<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        state.write_u64(self.hash);
    }
}

/// An id's first place in a partition: the hash of its text, the file (its
/// position among the party's files) and the row. The text itself is looked up
/// in the file's column when two hashes agree: 16 bytes an entry, so a
/// partition's map of a million ids stays in the cache far more than with a
/// borrowed key beside it.
#[derive(Clone, Copy)]
struct Eerste {
    hash: u64,
    bestand: u32,
    rij: u32,
}

/// D5 over the rows `ids` of one party (per file, `None` without ids).
fn duplicaten_partitie<'a>(
    bestanden: &[GelezenBestand<'a>],
    ids: &[Option<Vec<Ids>>],
) -> Duplicaten {
    // One entry per id, and a list only for the ids seen twice (no allocation
    // per row). Only the sums and the places leave this function, so the maps'
    // order does not matter.
    let n = ids.iter().flatten().flatten().map(|i| i.rij.len()).sum();
    let kolommen: Vec<Option<usize>> = bestanden
        .iter()
        .map(|&(_, b, header, _)| id_kolom(b, header))
        .collect();
    // The id at a first place, as the row's own id was taken.
    let id_op = |e: &Eerste| -> Option<(Tabel, &'a str)> {
        let (_, b, _, rows) = bestanden[e.bestand as usize];
        let i = kolommen[e.bestand as usize]?;
        Some((b.tabel, id_van(rows.veld(e.rij as usize, i))?))
    };
    let mut leveringen: BTreeMap<usize, &'a Levering> = BTreeMap::new();
    let mut eerste: hashbrown::HashTable<Eerste> = hashbrown::HashTable::with_capacity(n);
    let mut herhaald: foldhash::HashMap<IdSleutel<'a>, Vec<usize>> = foldhash::HashMap::default();
    let mut plaatsen: Vec<(usize, usize)> = Vec::new();
    for (j, ((&(bi, b, _, rows), ids), i)) in bestanden.iter().zip(ids).zip(&kolommen).enumerate() {
        let (Some(i), Some(ids)) = (*i, ids) else {
            continue;
        };
        leveringen.insert(bi, &b.levering);
        let rijen = ids.iter().flat_map(|i| i.rij.iter().zip(&i.hash));
        for (&k, &hash) in rijen {
            // The row's id is read only when its hash meets an earlier one: a
            // first place needs the hash alone (most rows; each read of the
            // text is a miss in the cache). Every row in `ids` has an id.
            let id_hier = || id_van(rows.veld(k as usize, i));
            let gelijk = |e: &Eerste| {
                e.hash == hash
                    && matches!((id_op(e), id_hier()), (Some(x), Some(id)) if x == (b.tabel, id))
            };
            match eerste.entry(hash, gelijk, |e| e.hash) {
                hashbrown::hash_table::Entry::Occupied(e) => {
                    let Some(id) = id_hier() else {
                        continue;
                    };
                    let e = *e.get();
                    let (eb, ek) = (bestanden[e.bestand as usize].0, e.rij as usize);
                    let sleutel = IdSleutel {
                        tabel: b.tabel,
                        id,
                        hash,
                    };
                    herhaald
                        .entry(sleutel)
                        .or_insert_with(|| {
                            plaatsen.push((eb, ek));
                            vec![eb]
                        })
                        .push(bi);
                    plaatsen.push((bi, k as usize));
                }
                hashbrown::hash_table::Entry::Vacant(v) => {
                    // A party has far fewer than 4 billion files (`k`, a row,
                    // is a u32 already).
                    v.insert(Eerste {
                        hash,
                        bestand: j as u32,
                        rij: k,
                    });
                }
            }
        }
    }
    drop(eerste);
    let mut out: BTreeMap<(Levering, &'static str), u64> = BTreeMap::new();
    for (sleutel, bestanden) in herhaald {
        for bi in bestanden {
            if let Some(l) = leveringen.get(&bi) {
                *out.entry(((*l).clone(), sleutel.tabel.name())).or_default() += 1;
            }
        }
    }
    (out, plaatsen)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::table;

    fn bestand(jaar: i32, tabel: Tabel) -> Bestand {
        Bestand {
            levering: Levering {
                jaar,
                partij: "GM0363".into(),
            },
            tabel,
            pad: format!("{jaar}/GM0363/{}.csv", tabel.name()).into(),
            relatief: format!("{jaar}/GM0363/{}.csv", tabel.name()),
            formaat: Default::default(),
            blad: None,
            profiel_afwijking: None,
        }
    }

    /// D5 of one party over two years: in 2024 `n` rows with id `C{k % m}` (so
    /// the ids below `n - m` twice), in 2025 C0 to C9 again, a new id, an id
    /// with blanks around it and a row without an id; and overtredingen of 2025
    /// whose ids are C0 and C1, once each. By hand: 2024 has 2 × (n − m) rows
    /// of repeated ids, 2025 the ten repeats and ` C11 `; the overtredingen none
    /// (an id repeats within its table, not across tables).
    fn tel(n: usize, m: usize) -> Duplicaten {
        let mut t2024 = String::from("controle_id,x\n");
        for k in 0..n {
            t2024.push_str(&format!("C{},x\n", k % m));
        }
        let mut t2025 = String::from("controle_id,x\n");
        for k in 0..10 {
            t2025.push_str(&format!("C{k},x\n"));
        }
        t2025.push_str("NIEUW,x\n C11 ,x\n,x\n");
        let (a, b, o) = (
            table::parse(&t2024, b',').expect("a table"),
            table::parse(&t2025, b',').expect("a table"),
            table::parse("overtreding_id,x\nC0,x\nC1,x\n", b',').expect("a table"),
        );
        let (ba, bb, bo) = (
            bestand(2024, Tabel::Controles),
            bestand(2025, Tabel::Controles),
            bestand(2025, Tabel::Overtredingen),
        );
        duplicaten(
            [
                (0, &ba, a.header.as_slice(), &a.rows),
                (1, &bb, b.header.as_slice(), &b.rows),
                (2, &bo, o.header.as_slice(), &o.rows),
            ]
            .into_iter(),
        )
    }

    #[test]
    fn repeated_ids_counted_by_hand_in_one_walk_and_in_partitions() {
        // 1,000 rows: one walk; 600,000 rows: counted in partitions side by side.
        for (n, m) in [(1_000, 900), (600_000, 550_000)] {
            let (per_levering, mut plaatsen) = tel(n, m);
            let aantallen: Vec<(i32, u64)> = per_levering
                .iter()
                .map(|((l, tabel), n)| {
                    assert_eq!(*tabel, "controles");
                    (l.jaar, *n)
                })
                .collect();
            let herhaald = 2 * (n - m) as u64;
            assert_eq!(aantallen, [(2024, herhaald), (2025, 11)], "{n} rows");
            // Every row of a repeated id, each place once: both of C0 in 2024,
            // C0 in 2025, ` C11 ` (row 11 of 2025) and C11's first place.
            plaatsen.sort_unstable();
            assert_eq!(plaatsen.len() as u64, herhaald + 11);
            plaatsen.dedup();
            assert_eq!(plaatsen.len() as u64, herhaald + 11);
            for p in [(0, 0), (0, m), (1, 0), (1, 11), (0, 11)] {
                assert!(plaatsen.binary_search(&p).is_ok(), "{p:?} in {n} rows");
            }
            assert!(plaatsen.binary_search(&(1, 10)).is_err(), "NIEUW");
        }
    }
}
