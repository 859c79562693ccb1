//! The links between the accepted controles, overtredingen and maatregelen, once
//! the records are final: each overtreding takes the object and gemeente of its
//! controle, and the keys become row numbers ([`Sleutels`]) that the indicator
//! queries join on and the restricted release pseudonymises objects by.

use std::ops::Range;

use foldhash::{HashMap, HashMapExt};
use rayon::prelude::*;

use super::deel_van;
use crate::model::{Controles, Kolom, ObjectRij, Overtredingen, Records, Sleutels, Teksten};

/// Link the records and set `records.sleutels`. Every key stays within one party,
/// so the parties are worked on side by side, each with maps keyed by one text.
pub fn koppel(records: &mut Records) {
    let partijen = Partijen::uit(records);
    let delen: Vec<PartijKoppelingen> = partijen
        .rijen
        .par_iter()
        .map(|r| PartijKoppelingen::uit(records, r))
        .collect();

    // Objects are numbered party after party, in order of first appearance.
    let r = &*records;
    let mut s = Sleutels {
        controle_van_overtreding: vec![None; r.overtredingen.len()],
        overtreding_van_maatregel: vec![None; r.maatregelen.len()],
        object_van_controle: vec![0; r.controles.len()],
        object_van_overtreding: vec![0; r.overtredingen.len()],
        object_rij: Vec::new(),
        gebied_van_controle: vec![0; r.controles.len()],
        gebied_van_overtreding: vec![None; r.overtredingen.len()],
        gebied_rij: Vec::new(),
    };
    for (rijen, deel) in partijen.rijen.iter().zip(delen) {
        let begin = s.object_rij.len() as u32;
        s.object_rij.extend(deel.object_rij);
        let gebied_begin = s.gebied_rij.len() as u32;
        s.gebied_rij.extend(deel.gebied_rij);
        let controles = rijen.controles().zip(deel.object_van_controle);
        for ((i, o), g) in controles.zip(deel.gebied_van_controle) {
            s.object_van_controle[i] = begin + o;
            s.gebied_van_controle[i] = gebied_begin + g;
        }
        let overtredingen = rijen.overtredingen().zip(deel.controle_van_overtreding);
        for ((i, c), o) in overtredingen.zip(deel.object_van_overtreding) {
            s.controle_van_overtreding[i] = c;
            s.object_van_overtreding[i] = begin + o;
            // Its gemeente is its controle's: of the same party, numbered just above.
            s.gebied_van_overtreding[i] = c.map(|c| s.gebied_van_controle[c as usize]);
        }
        for (i, o) in rijen.maatregelen().zip(deel.overtreding_van_maatregel) {
            s.overtreding_van_maatregel[i] = o;
        }
    }

    // The location of an overtreding is the location of its controle: the text
    // column gathered anew, the codes set in place.
    let (c, o) = (&records.controles, &mut records.overtredingen);
    let object_id: Teksten = s
        .controle_van_overtreding
        .iter()
        .enumerate()
        .map(|(i, k)| match k {
            Some(k) => c.object_id.waarde(*k as usize),
            None => o.object_id.waarde(i),
        })
        .collect();
    o.object_id = object_id;
    o.gemeente_code = o.gemeente_code.van_rijen(
        &c.gemeente_code,
        s.controle_van_overtreding
            .iter()
            .map(|k| k.map(|k| k as usize)),
    );
    records.sleutels = s;
}

/// The rows of each party, as runs (records come file by file, a file from one
/// party), parties in order of first appearance.
struct Partijen {
    rijen: Vec<PartijRijen>,
}

#[derive(Default)]
struct PartijRijen {
    controles: Vec<Range<usize>>,
    overtredingen: Vec<Range<usize>>,
    maatregelen: Vec<Range<usize>>,
}

impl PartijRijen {
    fn controles(&self) -> impl Iterator<Item = usize> + '_ {
        self.controles.iter().flat_map(Clone::clone)
    }
    fn overtredingen(&self) -> impl Iterator<Item = usize> + '_ {
        self.overtredingen.iter().flat_map(Clone::clone)
    }
    fn maatregelen(&self) -> impl Iterator<Item = usize> + '_ {
        self.maatregelen.iter().flat_map(Clone::clone)
    }
}

impl Partijen {
    fn uit(records: &Records) -> Partijen {
        let mut partijen = Partijen { rijen: Vec::new() };
        let mut plaats: HashMap<&str, usize> = HashMap::new();
        partijen.runs(
            &mut plaats,
            (0..records.controles.len()).map(|i| records.controles.partij.waarde(i)),
            |r| &mut r.controles,
        );
        partijen.runs(
            &mut plaats,
            (0..records.overtredingen.len()).map(|i| records.overtredingen.partij.waarde(i)),
            |r| &mut r.overtredingen,
        );
        partijen.runs(
            &mut plaats,
            (0..records.maatregelen.len()).map(|i| records.maatregelen.partij.waarde(i)),
            |r| &mut r.maatregelen,
        );
        partijen
    }

    /// Add the runs of equal party of one table.
    fn runs<'r>(
        &mut self,
        plaats: &mut HashMap<&'r str, usize>,
        partijen: impl Iterator<Item = &'r str>,
        tabel: fn(&mut PartijRijen) -> &mut Vec<Range<usize>>,
    ) {
        let mut run: Option<(&str, usize)> = None;
        let mut einde = 0;
        let mut sluit =
            |run: Option<(&'r str, usize)>, einde: usize, rijen: &mut Vec<PartijRijen>| {
                if let Some((p, begin)) = run {
                    let k = *plaats.entry(p).or_insert_with(|| {
                        rijen.push(PartijRijen::default());
                        rijen.len() - 1
                    });
                    tabel(&mut rijen[k]).push(begin..einde);
                }
            };
        for (i, p) in partijen.enumerate() {
            if run.is_none_or(|(q, _)| q != p) {
                sluit(run, i, &mut self.rijen);
                run = Some((p, i));
            }
            einde = i + 1;
        }
        sluit(run, einde, &mut self.rijen);
    }
}

/// One party's links, in the order of its rows; objects numbered from 0.
struct PartijKoppelingen {
    object_van_controle: Vec<u32>,
    controle_van_overtreding: Vec<Option<u32>>,
    object_van_overtreding: Vec<u32>,
    overtreding_van_maatregel: Vec<Option<u32>>,
    object_rij: Vec<ObjectRij>,
    gebied_van_controle: Vec<u32>,
    gebied_rij: Vec<u32>,
}

impl PartijKoppelingen {
    fn uit(records: &Records, rijen: &PartijRijen) -> PartijKoppelingen {
        let (c, o, m) = (
            &records.controles,
            &records.overtredingen,
            &records.maatregelen,
        );
        // Three walks over the party's controles, side by side (a party may
        // deliver millions): gebieden and objects numbered in order of first
        // appearance, and controle_id → row.
        let (
            (gebied_van_controle, gebied_rij),
            ((object_van_controle, mut object_rij, mut object), controle),
        ) = rayon::join(
            || gebieden(c, rijen),
            || rayon::join(|| objecten(c, rijen), || controle_ids(c, o, rijen)),
        );
        // A controle's object, by its row: its place among the party's runs of
        // controles (in row order).
        let voor: Vec<usize> = rijen
            .controles
            .iter()
            .scan(0, |n, r| {
                let v = *n;
                *n += r.len();
                Some(v)
            })
            .collect();
        let object_van = |rij: u32| -> u32 {
            let rij = rij as usize;
            let j = rijen.controles.partition_point(|r| r.start <= rij) - 1;
            object_van_controle[voor[j] + rij - rijen.controles[j].start]
        };
        let aantal = |runs: &[Range<usize>]| runs.iter().map(ExactSizeIterator::len).sum();
        let mut controle_van_overtreding = Vec::new();
        let mut object_van_overtreding = Vec::new();
        let mut overtreding: HashMap<&str, u32> =
            HashMap::with_capacity(aantal(&rijen.overtredingen));
        for i in rijen.overtredingen() {
            overtreding
                .entry(o.overtreding_id.waarde(i))
                .or_insert(i as u32);
            let (c, n) = match controle.get(o.controle_id.waarde(i)).copied().flatten() {
                Some(c) => (Some(c), object_van(c)),
                // Not linked: the overtreding keeps its own object.
                None => (
                    None,
                    object.nummer(o.object_id.waarde(i), || {
                        object_rij.push(ObjectRij::Overtreding(i as u32));
                        (object_rij.len() - 1) as u32
                    }),
                ),
            };
            controle_van_overtreding.push(c);
            object_van_overtreding.push(n);
        }
        let overtreding_van_maatregel = rijen
            .maatregelen()
            .map(|i| overtreding.get(m.overtreding_id.waarde(i)).copied())
            .collect();
        PartijKoppelingen {
            object_van_controle,
            controle_van_overtreding,
            object_van_overtreding,
            overtreding_van_maatregel,
            object_rij,
            gebied_van_controle,
            gebied_rij,
        }
    }
}

/// The gebieden of a party's controles, numbered in order of first appearance:
/// per controle its number, per number its first row.
fn gebieden(c: &Controles, rijen: &PartijRijen) -> (Vec<u32>, Vec<u32>) {
    let mut gebied: HashMap<&str, u32> = HashMap::new();
    let mut gebied_rij = Vec::new();
    let per_controle = rijen
        .controles()
        .map(|i| {
            *gebied.entry(c.gemeente_code.waarde(i)).or_insert_with(|| {
                gebied_rij.push(i as u32);
                (gebied_rij.len() - 1) as u32
            })
        })
        .collect();
    (per_controle, gebied_rij)
}

/// From this many controles a party's objects are numbered on every core
/// (`objecten_verdeeld`): one file of a party-year can hold millions, and one
/// map of them all is walked on one core.
const GROTE_PARTIJ: usize = 1 << 20;

/// The objects of a party's controles, numbered in order of first appearance: per
/// controle its number, per number its first row, and the numbering so far (the
/// overtredingen that name no controle continue it).
fn objecten<'r>(c: &'r Controles, rijen: &PartijRijen) -> (Vec<u32>, Vec<ObjectRij>, Objecten<'r>) {
    let aantal: usize = rijen.controles.iter().map(ExactSizeIterator::len).sum();
    if aantal >= GROTE_PARTIJ {
        // A few parts per core, so a part whose objects repeat more evens out.
        let delen = (4 * rayon::current_num_threads()).clamp(1, usize::from(u16::MAX));
        return objecten_verdeeld(c, rijen, delen);
    }
    let d = Deel::uit(rijen.controles().map(|i| i as u32), |i| {
        c.object_id.waarde(i)
    });
    let object_rij = d.eerste.iter().map(|&i| ObjectRij::Controle(i)).collect();
    (d.lokaal, object_rij, Objecten::Een(d.object))
}

/// The numbering of a party's objects by their text, in one map or in `delen`
/// maps each holding the objects whose hash falls in it.
enum Objecten<'r> {
    Een(HashMap<&'r str, u32>),
    Verdeeld(Vec<HashMap<&'r str, u32>>),
}

impl<'r> Objecten<'r> {
    /// The number of `object`, or `nieuw`'s when it has none yet.
    fn nummer(&mut self, object: &'r str, nieuw: impl FnOnce() -> u32) -> u32 {
        let map = match self {
            Objecten::Een(map) => map,
            Objecten::Verdeeld(delen) => {
                let d = deel_van(object, delen.len());
                &mut delen[d]
            }
        };
        *map.entry(object).or_insert_with(nieuw)
    }
}

/// As [`objecten`], on every core: the controles split over `delen` parts by a hash
/// of their object (an object's rows all in one part), each part numbering its
/// objects by their first row; then every object is numbered by its first row
/// across the parts, which is the order of first appearance.
fn objecten_verdeeld<'r>(
    c: &'r Controles,
    rijen: &PartijRijen,
    delen: usize,
) -> (Vec<u32>, Vec<ObjectRij>, Objecten<'r>) {
    let rij: Vec<u32> = rijen.controles().map(|i| i as u32).collect();
    let n = rij.len();
    let deel: Vec<u16> = rij
        .par_iter()
        .map(|&i| deel_van(c.object_id.waarde(i as usize), delen) as u16)
        .collect();
    // Each part's controles, by their place among the party's (in order).
    let mut plaatsen: Vec<Vec<u32>> = vec![Vec::new(); delen];
    for (k, &d) in deel.iter().enumerate() {
        plaatsen[d as usize].push(k as u32);
    }
    drop(deel);
    let mut per_deel: Vec<Deel> = plaatsen
        .par_iter()
        .map(|plaatsen| {
            Deel::uit(plaatsen.iter().copied(), |k| {
                c.object_id.waarde(rij[k] as usize)
            })
        })
        .collect();
    // An object's number is the count of first places before its own.
    let mut is_eerste = vec![false; n];
    for d in &per_deel {
        for &k in &d.eerste {
            is_eerste[k as usize] = true;
        }
    }
    let mut nummer = vec![0u32; n];
    let mut object_rij = Vec::new();
    for (k, _) in is_eerste.iter().enumerate().filter(|(_, e)| **e) {
        nummer[k] = object_rij.len() as u32;
        object_rij.push(ObjectRij::Controle(rij[k]));
    }
    let mut per_controle = vec![0u32; n];
    for (d, plaatsen) in per_deel.iter().zip(&plaatsen) {
        for (&k, &l) in plaatsen.iter().zip(&d.lokaal) {
            per_controle[k as usize] = nummer[d.eerste[l as usize] as usize];
        }
    }
    per_deel.par_iter_mut().for_each(|d| {
        for v in d.object.values_mut() {
            *v = nummer[d.eerste[*v as usize] as usize];
        }
    });
    let delen = per_deel.into_iter().map(|d| d.object).collect();
    (per_controle, object_rij, Objecten::Verdeeld(delen))
}

/// Controles at some places (a party's rows, or one part of them in
/// `objecten_verdeeld`): their objects numbered in the order of their first place,
/// per object that place, and per controle (in order) its object's number.
struct Deel<'r> {
    object: HashMap<&'r str, u32>,
    eerste: Vec<u32>,
    lokaal: Vec<u32>,
}

impl<'r> Deel<'r> {
    /// The controles at `plaatsen` (ascending), `object` giving the object of the
    /// controle at a place.
    fn uit(plaatsen: impl Iterator<Item = u32>, object: impl Fn(usize) -> &'r str) -> Deel<'r> {
        let mut d = Deel {
            object: HashMap::new(),
            eerste: Vec::new(),
            lokaal: Vec::with_capacity(plaatsen.size_hint().0),
        };
        for k in plaatsen {
            let n = *d.object.entry(object(k as usize)).or_insert_with(|| {
                d.eerste.push(k);
                (d.eerste.len() - 1) as u32
            });
            d.lokaal.push(n);
        }
        d
    }
}

/// controle_id → row within a party, for the ids its overtredingen name (`None`
/// when no controle has it). Ids are unique within a party among accepted
/// records (a repeated id is set aside), so the first found is the one. Keyed by
/// the named ids, not by every controle: a party may deliver millions of
/// controles and few overtredingen.
fn controle_ids<'r>(
    c: &'r Controles,
    o: &'r Overtredingen,
    rijen: &PartijRijen,
) -> HashMap<&'r str, Option<u32>> {
    let aantal = rijen.overtredingen.iter().map(ExactSizeIterator::len).sum();
    let mut controle: HashMap<&str, Option<u32>> = HashMap::with_capacity(aantal);
    for i in rijen.overtredingen() {
        controle.insert(o.controle_id.waarde(i), None);
    }
    if controle.is_empty() {
        return controle;
    }
    for i in rijen.controles() {
        if let Some(rij @ None) = controle.get_mut(c.controle_id.waarde(i)) {
            *rij = Some(i as u32);
        }
    }
    controle
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::model::{
        Bron, Code, Controles, ErnstBron, Maatregelen, NieuweControle, NieuweMaatregel,
        NieuweOvertreding, Overtredingen,
    };

    fn datum() -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 5, 1).unwrap()
    }

    fn controles(rijen: &[(&str, &str, &str, &str)]) -> Controles {
        let mut t = Controles::default();
        for &(partij, id, object, gemeente) in rijen {
            t.push(NieuweControle {
                partij: &partij.into(),
                jaar: 2024,
                controle_id: id,
                object_id: object,
                bevoegd_gezag: &partij.into(),
                gemeente_code: &gemeente.into(),
                controledatum: datum(),
                controletype: None,
                taak: None,
                brzo: None,
                resultaat: None,
                bron: &Bron::default(),
            });
        }
        t
    }

    fn overtredingen(rijen: &[(&str, &str, &str, &str)]) -> Overtredingen {
        let mut t = Overtredingen::default();
        for &(partij, id, controle, object) in rijen {
            t.push(NieuweOvertreding {
                partij: &partij.into(),
                jaar: 2024,
                overtreding_id: id,
                controle_id: controle,
                overtredingsdatum: datum(),
                handhavingsstrategie: None,
                gevolg: None,
                gedrag: None,
                ernst: &"licht".into(),
                ernst_bron: ErnstBron::Geleverd,
                indicatie_handhaving: None,
                reden_geen_handhaving: None,
                hersteldatum: None,
                object_id: object,
                gemeente_code: &Code::from(""),
                bron: &Bron::default(),
            });
        }
        t
    }

    fn maatregelen(rijen: &[(&str, &str)]) -> Maatregelen {
        let mut t = Maatregelen::default();
        for &(partij, overtreding) in rijen {
            t.push(NieuweMaatregel {
                partij: &partij.into(),
                jaar: 2024,
                maatregel_id: &format!("m-{overtreding}"),
                overtreding_id: overtreding,
                handhavingsinstrument: None,
                categorie: None,
                zwaarte: None,
                datum_opleggen: datum(),
                datum_afronding: None,
                status: None,
                bedrag_eur: None,
                bron: &Bron::default(),
            });
        }
        t
    }

    #[test]
    fn keys_stay_within_their_party_and_objects_follow_the_controle() {
        // Two parties use the same ids; party A's rows come in two runs.
        let mut records = Records {
            controles: controles(&[
                ("A", "c1", "x", "GM0001"),
                ("A", "c2", "y", "GM0002"),
                ("B", "c1", "x", "GM0003"),
                ("A", "c3", "x", "GM0001"),
            ]),
            overtredingen: overtredingen(&[
                ("B", "o1", "c1", "?"),
                ("A", "o1", "c2", "?"),
                // No accepted controle c9: keeps its own object z.
                ("A", "o2", "c9", "z"),
                ("A", "o3", "c3", "?"),
            ]),
            maatregelen: maatregelen(&[("A", "o3"), ("B", "o1"), ("A", "o1"), ("B", "o7")]),
            ..Default::default()
        };
        koppel(&mut records);
        let s = &records.sleutels;
        assert_eq!(
            s.controle_van_overtreding,
            [Some(2), Some(1), None, Some(3)]
        );
        assert_eq!(
            s.overtreding_van_maatregel,
            [Some(3), Some(0), Some(1), None]
        );
        // Objects of A: x, y, then z (only on the unlinked overtreding); then B's x.
        assert_eq!(s.object_van_controle, [0, 1, 3, 0]);
        assert_eq!(s.object_van_overtreding, [3, 1, 2, 0]);
        assert_eq!(
            s.object_rij,
            [
                ObjectRij::Controle(0),
                ObjectRij::Controle(1),
                ObjectRij::Overtreding(2),
                ObjectRij::Controle(2),
            ]
        );
        // (partij, gemeente_code): A/GM0001, A/GM0002, then B/GM0003; an
        // overtreding's is its controle's.
        assert_eq!(s.gebied_van_controle, [0, 1, 2, 0]);
        assert_eq!(s.gebied_van_overtreding, [Some(2), Some(1), None, Some(0)]);
        assert_eq!(s.gebied_rij, [0, 1, 2]);
        // Linked overtredingen take their controle's object and gemeente.
        let o = &records.overtredingen;
        let plaats: Vec<(&str, &str)> = (0..o.len())
            .map(|i| (o.rij(i).object_id, o.rij(i).gemeente_code))
            .collect();
        assert_eq!(
            plaats,
            [("x", "GM0003"), ("y", "GM0002"), ("z", ""), ("x", "GM0001")]
        );
    }

    #[test]
    fn only_the_controles_an_overtreding_names_are_looked_up() {
        // Party C delivers controles only; A's two overtredingen name one controle,
        // and a third names C's controle, which is not A's.
        let mut records = Records {
            controles: controles(&[
                ("C", "c1", "x", "GM0001"),
                ("A", "c1", "y", "GM0002"),
                ("A", "c2", "y", "GM0002"),
                ("C", "c2", "x", "GM0001"),
            ]),
            overtredingen: overtredingen(&[
                ("A", "o1", "c2", "?"),
                ("A", "o2", "c2", "?"),
                ("A", "o3", "c3", "w"),
            ]),
            ..Default::default()
        };
        koppel(&mut records);
        let s = &records.sleutels;
        assert_eq!(s.controle_van_overtreding, [Some(2), Some(2), None]);
        // Objects: C's x, then A's y and (unlinked) w.
        assert_eq!(s.object_van_controle, [0, 1, 1, 0]);
        assert_eq!(s.object_van_overtreding, [1, 1, 2]);
    }

    #[test]
    fn objects_numbered_in_parts_are_numbered_as_in_one_map() {
        // One party in two runs (a second party between them), objects repeating
        // at strides that cross the parts; then overtredingen naming a known and
        // an unknown object continue the numbering.
        let rijen: Vec<(String, String, String)> = (0..5_000)
            .map(|k| {
                let partij = if (2_000..2_500).contains(&k) {
                    "B"
                } else {
                    "A"
                };
                let object = format!("obj-{}", k * 7_919 % 3_000);
                (partij.to_string(), format!("c{k}"), object)
            })
            .collect();
        let c = controles(
            &rijen
                .iter()
                .map(|(p, id, o)| (p.as_str(), id.as_str(), o.as_str(), "GM0001"))
                .collect::<Vec<_>>(),
        );
        let r = PartijRijen {
            controles: vec![0..2_000, 2_500..5_000],
            ..Default::default()
        };
        let (per_controle, object_rij, mut object) = objecten(&c, &r);
        assert!(matches!(object, Objecten::Een(_)));
        for delen in [1, 3, 16] {
            let (p, o, mut verdeeld) = objecten_verdeeld(&c, &r, delen);
            assert_eq!(p, per_controle, "{delen} parts");
            assert_eq!(o, object_rij, "{delen} parts");
            for (tekst, nieuw) in [("obj-5", 9_999), ("nieuw", 3_000), ("nieuw", 9_999)] {
                assert_eq!(
                    verdeeld.nummer(tekst, || nieuw),
                    object.nummer(tekst, || nieuw),
                    "{tekst} in {delen} parts"
                );
            }
            object = objecten(&c, &r).2;
        }
        // Row k's object is k · 7,919 mod 3,000 (no common factor): new at every
        // row below 3,000, so the first run's 2,000 rows and rows 2,500..3,000 of
        // the second; from row 3,000 on, row k repeats row k − 3,000.
        assert_eq!(object_rij.len(), 2_500);
        assert_eq!(object_rij[1_999], ObjectRij::Controle(1_999));
        assert_eq!(object_rij[2_000], ObjectRij::Controle(2_500));
        assert_eq!(per_controle[2_000], 2_000);
        assert_eq!(per_controle[2_500], 0);
        assert_eq!(per_controle[4_499], 1_999);
    }
}
