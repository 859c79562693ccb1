//! The batch rules: what no single file can tell. Uniqueness of ids within a party
//! over all its years, references between tables, the versions of stelsel keys and
//! strafzaken, LHSO combinations and the stelsel tables' agreement. A `weigeren`
//! among them refuses more deliveries, after which the rules run again without them.

use std::collections::{BTreeMap, BTreeSet};

use foldhash::{HashMap, HashMapExt, HashSet};

use crate::contract::findings::Bevinding;
use crate::contract::rules::{Regel, Zwaarte};
use crate::harmonise::batch::{Harmonisatie, Rij};
use crate::harmonise::kolomregels::GEEN;
use crate::harmonise::{self, Bestandsrecords, Harmoniser, Record};
use crate::ingest::read::IngestedFile;
use crate::model::{Kolom, Levering, Maatregel, Tabel};

/// The batch rules' findings per row index, run until they refuse no further
/// delivery; `geweigerd` gains the deliveries they refuse (the first refusing
/// finding of a delivery, in row order, is its reason).
pub(super) fn tot_rust(
    gelezen: &[IngestedFile],
    rijen: &Harmonisatie,
    geweigerd: &mut BTreeMap<Levering, Bevinding>,
    bewaard: &HashMap<usize, Vec<String>>,
    h: &Harmoniser,
) -> HashMap<usize, Vec<Bevinding>> {
    loop {
        let batch = batch_regels(gelezen, rijen, geweigerd, bewaard, h);
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
            return batch;
        }
        for (l, b) in nieuw {
            geweigerd.entry(l).or_insert(b);
        }
    }
}

/// The fields of every row the batch rules may compare field by field, after the
/// text of the files was let go: every row whose id occurs more than once in its
/// party (the places D5 found; a record's id is its raw id, trimmed) and every row
/// of the keyed stelsel tables (a few hundred). Keyed by the row's index in `rijen`,
/// which holds every row of every file in file order (file `bi` from `begin[bi]`).
pub(super) fn herhaalde_rijen(
    gelezen: &[IngestedFile],
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

fn id_of(r: Rij<'_>) -> Option<(&str, &str, Tabel)> {
    match r {
        Rij::Controle(c, i) => Some((
            c.partij.waarde(i),
            c.controle_id.waarde(i),
            Tabel::Controles,
        )),
        Rij::Overtreding(o, i) => Some((
            o.partij.waarde(i),
            o.overtreding_id.waarde(i),
            Tabel::Overtredingen,
        )),
        Rij::Maatregel(m, i) => Some((
            m.partij.waarde(i),
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
    gelezen: &[IngestedFile],
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
    let deel = Regelinvoer {
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
struct Regelinvoer<'a, 'b> {
    gelezen: &'a [IngestedFile<'b>],
    rijen: &'a Harmonisatie,
    /// Per file and row: the row takes part in the rules.
    levend: &'a [Vec<bool>],
    bewaard: &'a HashMap<usize, Vec<String>>,
    h: &'a Harmoniser<'a>,
}

/// The batch rules over one party's files (`bestanden`, in file order);
/// `kandidaten` are its rows kept in `bewaard`, in row order. Each rule sees the
/// findings of the rules before it: a row set aside by one takes no part in the next.
fn batch_regels_partij(
    invoer: &Regelinvoer,
    bestanden: &[usize],
    kandidaten: &[usize],
) -> HashMap<usize, Vec<Bevinding>> {
    let mut p = Partijregels {
        invoer,
        bestanden,
        out: HashMap::new(),
    };
    p.uniek(kandidaten);
    p.wezen();
    p.lhso();
    p.modelmandaat();
    p.out
}

/// One party's rows under the batch rules, and the findings so far per row.
struct Partijregels<'a, 'b> {
    invoer: &'a Regelinvoer<'a, 'b>,
    bestanden: &'a [usize],
    out: HashMap<usize, Vec<Bevinding>>,
}

impl<'a> Partijregels<'a, '_> {
    /// Row `ri` is set aside by a rule so far.
    fn weg(&self, ri: usize) -> bool {
        self.out
            .get(&ri)
            .is_some_and(|fs| fs.iter().any(|f| f.zwaarte >= Zwaarte::Quarantaine))
    }

    /// The record of row `ri`, when the row takes part in the rules.
    fn levend(&self, ri: usize) -> Option<Rij<'a>> {
        let rijen = self.invoer.rijen;
        let (bi, k) = rijen.plaats(ri);
        if !self.invoer.levend[bi][k] {
            return None;
        }
        rijen.per_bestand[bi].record(k)
    }

    /// The party's files of one table.
    fn bestanden_van(&self, tabel: Tabel) -> impl Iterator<Item = usize> + 'a {
        let gelezen = self.invoer.gelezen;
        self.bestanden
            .iter()
            .copied()
            .filter(move |&bi| gelezen[bi].bestand.tabel == tabel)
    }

    /// The party's rows of one table, in row order: a file holds one table.
    fn rijen_van(&self, tabel: Tabel) -> impl Iterator<Item = usize> + 'a {
        let begin = &self.invoer.rijen.begin;
        self.bestanden_van(tabel)
            .flat_map(move |bi| begin[bi]..begin[bi + 1])
    }

    /// The delivery year of row `ri`.
    fn jaar(&self, ri: usize) -> i32 {
        self.invoer.gelezen[self.invoer.rijen.plaats(ri).0]
            .bestand
            .levering
            .jaar
    }

    /// The file and line of row `ri`.
    fn bron(&self, ri: usize) -> (String, u64) {
        let (bi, k) = self.invoer.rijen.plaats(ri);
        let g = &self.invoer.gelezen[bi];
        (g.bestand.relatief.clone(), g.rows.rij(k).line)
    }

    fn finding(
        &self,
        ri: usize,
        regel: Regel,
        kolom: &str,
        waarde: &str,
        melding: String,
    ) -> Bevinding {
        let b = self.invoer.gelezen[self.invoer.rijen.plaats(ri).0].bestand;
        let (bestand, r) = self.bron(ri);
        Bevinding {
            regel: regel.code(),
            zwaarte: self.invoer.h.config.zwaarte(regel),
            jaar: b.levering.jaar,
            partij: b.levering.partij.clone(),
            bestand,
            regelnummer: Some(r),
            kolom: Some(kolom.into()),
            waarde: Some(waarde.into()),
            melding,
        }
    }

    fn voeg_toe(&mut self, fs: Vec<(usize, Bevinding)>) {
        for (ri, f) in fs {
            self.out.entry(ri).or_default().push(f);
        }
    }

    /// Uniqueness: identical repeats keep the first; conflicting ones set all aside,
    /// because choosing one would be a guess. A record's id is its raw id, trimmed,
    /// so only rows whose raw id D5 saw more than once in the party can repeat, and
    /// the rows of the keyed stelsel tables: exactly the rows kept in `bewaard`, a
    /// small part of the batch. In row order, so the first of an id comes first.
    fn uniek(&mut self, kandidaten: &[usize]) {
        let mut eerste: HashMap<(&str, Tabel, &str), usize> =
            HashMap::with_capacity(kandidaten.len());
        let mut per_id: HashMap<(&str, Tabel, &str), Vec<usize>> = HashMap::new();
        for &ri in kandidaten {
            if let Some((p, id, t)) = self.levend(ri).and_then(id_of) {
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
        let bewaard = self.invoer.bewaard;
        // Same fields as read: both rows were kept aside, having a repeated id.
        let zelfde = |a: usize, b: usize| match (bewaard.get(&a), bewaard.get(&b)) {
            (Some(x), Some(y)) => x == y,
            _ => false,
        };
        let finding = |ri: usize, regel: Regel, kolom: &str, waarde: &str, melding: String| {
            self.finding(ri, regel, kolom, waarde, melding)
        };
        let mut gevonden: Vec<(usize, Bevinding)> = Vec::new();
        for ((_, tabel, id), ris) in &per_id {
            if *tabel == Tabel::Strafzaken {
                gevonden.extend(strafzaak_versies(
                    ris,
                    id,
                    &|ri| self.levend(ri),
                    &|ri| self.jaar(ri),
                    &finding,
                ));
            } else if tabel.sleutel_kolommen().is_some() {
                gevonden.extend(sleutel_versies(
                    ris,
                    *tabel,
                    id,
                    &|ri| self.jaar(ri),
                    &zelfde,
                    &finding,
                ));
            } else {
                gevonden.extend(id_herhalingen(self, ris, *tabel, id, &zelfde));
            }
        }
        self.voeg_toe(gevonden);
    }

    /// Per id of a table that `gevraagd` names, whether some row with it is
    /// accepted (a group-by over its id column), within the party, over all
    /// years. Only the ids some row refers to are kept: a party's controles far
    /// outnumber its overtredingen, and a file of controles alone needs none.
    fn ids(
        &self,
        tabel: Tabel,
        gevraagd: &HashSet<(&'a str, &'a str)>,
    ) -> HashMap<(&'a str, &'a str), bool> {
        let rijen = self.invoer.rijen;
        let mut m: HashMap<(&str, &str), bool> = HashMap::new();
        if gevraagd.is_empty() {
            return m;
        }
        for bi in self.bestanden_van(tabel) {
            let b = &rijen.per_bestand[bi];
            let (partij, id) = match &b.records {
                Bestandsrecords::Controles(c) => (&c.partij, &c.controle_id),
                Bestandsrecords::Overtredingen(o) => (&o.partij, &o.overtreding_id),
                _ => continue,
            };
            for (k, &i) in b.rij.iter().enumerate().filter(|(_, i)| **i != GEEN) {
                let i = i as usize;
                let sleutel = (partij.waarde(i), id.waarde(i));
                if !gevraagd.contains(&sleutel) {
                    continue;
                }
                let ok = self.invoer.levend[bi][k] && !self.weg(rijen.begin[bi] + k);
                *m.entry(sleutel).or_insert(false) |= ok;
            }
        }
        m
    }

    /// The rows of a table that take part and are not set aside yet, with their
    /// (partij, referenced id).
    fn verwijzers(&self, tabel: Tabel) -> Vec<(usize, &'a str, &'a str)> {
        let rijen = self.invoer.rijen;
        let mut v: Vec<(usize, &str, &str)> = Vec::new();
        for bi in self.bestanden_van(tabel) {
            let b = &rijen.per_bestand[bi];
            let (partij, naar) = match &b.records {
                Bestandsrecords::Overtredingen(o) => (&o.partij, &o.controle_id),
                Bestandsrecords::Maatregelen(m) => (&m.partij, &m.overtreding_id),
                _ => continue,
            };
            for (k, &i) in b.rij.iter().enumerate() {
                let ri = rijen.begin[bi] + k;
                if self.invoer.levend[bi][k] && !self.weg(ri) {
                    v.push((ri, partij.waarde(i as usize), naar.waarde(i as usize)));
                }
            }
        }
        v
    }

    /// References as joins within the party, over all years: the rows that name
    /// an id no accepted row has (an anti-join). A row set aside by a rule above
    /// counts as not accepted, and its own reference is not checked.
    fn wezen(&mut self) {
        let verwijzers = self.verwijzers(Tabel::Overtredingen);
        let controles = self.ids(Tabel::Controles, &gevraagd(&verwijzers));
        let mut wees = Vec::new();
        for (ri, partij, controle_id) in verwijzers {
            let key = (partij, controle_id);
            if controles.get(&key) != Some(&true) {
                let melding = if controles.contains_key(&key) {
                    format!("controle {controle_id} is niet geaccepteerd (quarantaine of geweigerde levering); deze overtreding kan niet worden gekoppeld")
                } else {
                    format!("controle {controle_id} bestaat niet bij {partij} in geen enkel jaar; lever de controle aan of corrigeer controle_id")
                };
                wees.push((
                    ri,
                    self.finding(ri, Regel::Wees, "controle_id", controle_id, melding),
                ));
            }
        }
        self.voeg_toe(wees);
        let verwijzers = self.verwijzers(Tabel::Handhavingsmaatregelen);
        let overtredingen = self.ids(Tabel::Overtredingen, &gevraagd(&verwijzers));
        let mut wees = Vec::new();
        for (ri, partij, overtreding_id) in verwijzers {
            let key = (partij, overtreding_id);
            if overtredingen.get(&key) != Some(&true) {
                let melding = if overtredingen.contains_key(&key) {
                    format!(
                        "overtreding {overtreding_id} is niet geaccepteerd (quarantaine of geweigerde levering)"
                    )
                } else {
                    format!(
                        "overtreding {overtreding_id} bestaat niet bij {partij} in geen enkel jaar"
                    )
                };
                wees.push((
                    ri,
                    self.finding(ri, Regel::Wees, "overtreding_id", overtreding_id, melding),
                ));
            }
        }
        self.voeg_toe(wees);
    }

    /// The LHSO combination rules over the accepted measures of one overtreding:
    /// the measures sorted by their overtreding (stable, so row order within it),
    /// then each group on its own; no map of lists over a million measures. A
    /// measure in several conflicting pairs is reported once per rule.
    fn lhso(&mut self) {
        let mut maatregelen: Vec<((&str, &str), usize)> = self
            .verwijzers(Tabel::Handhavingsmaatregelen)
            .into_iter()
            .map(|(ri, partij, overtreding)| ((partij, overtreding), ri))
            .collect();
        maatregelen.sort_by(|a, b| a.0.cmp(&b.0));
        let mut lhso: Vec<(usize, Bevinding)> = Vec::new();
        for groep in maatregelen.chunk_by(|a, b| a.0 == b.0) {
            let ms: Vec<(usize, Maatregel)> = groep
                .iter()
                .filter_map(|&(_, ri)| match self.levend(ri) {
                    Some(Rij::Maatregel(m, i)) => Some((ri, m.rij(i))),
                    _ => None,
                })
                .collect();
            lhso.extend(lhso_paren(self, groep[0].0 .1, &ms));
        }
        let mut gezien: BTreeSet<(usize, &'static str)> = BTreeSet::new();
        lhso.retain(|(ri, f)| gezien.insert((*ri, f.regel)));
        self.voeg_toe(lhso);
    }

    /// organisatie.csv and implementatie.csv of one delivery must agree on the
    /// modelmandaat (spec/stelsel.md); S3 keeps reading organisatie.csv, so this is
    /// a warning for the party, on the organisatie row.
    fn modelmandaat(&mut self) {
        let mut modelmandaat: BTreeMap<(&str, i32), (chrono::NaiveDate, &str)> = BTreeMap::new();
        for ri in self.rijen_van(Tabel::Implementatie) {
            if self.weg(ri) {
                continue;
            }
            if let Some(Rij::Overig(Record::Implementatie(i))) = self.levend(ri) {
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
        for ri in self.rijen_van(Tabel::Organisatie) {
            if self.weg(ri) {
                continue;
            }
            if let Some(Rij::Overig(Record::Organisatie(o))) = self.levend(ri) {
                let (Some(vastgesteld), Some((datum, status))) = (
                    o.modelmandaat_vastgesteld,
                    modelmandaat.get(&(o.partij.as_str(), o.jaar)),
                ) else {
                    continue;
                };
                let besloten = matches!(*status, "besloten" | "geimplementeerd");
                if besloten != vastgesteld {
                    strijdig.push((ri, self.finding(
                        ri,
                        Regel::ModelmandaatStrijdig,
                        "modelmandaat_vastgesteld",
                        if vastgesteld { "true" } else { "false" },
                        format!("implementatie.csv van deze levering geeft het modelmandaat status {status} (sinds {datum}); modelmandaat_vastgesteld hoort dan {} te zijn. S3 leest organisatie.csv: corrigeer het bestand dat niet klopt", if besloten { "true" } else { "false" }),
                    )));
                }
            }
        }
        self.voeg_toe(strijdig);
    }
}

/// The (partij, id) pairs the referring rows name.
fn gevraagd<'a>(verwijzers: &[(usize, &'a str, &'a str)]) -> HashSet<(&'a str, &'a str)> {
    verwijzers.iter().map(|&(_, p, id)| (p, id)).collect()
}

/// The repeats of one id of a controle, overtreding or maatregel (`ris`, in row
/// order): an identical repeat is set aside and the first kept; when they differ,
/// all are set aside.
fn id_herhalingen(
    p: &Partijregels,
    ris: &[usize],
    tabel: Tabel,
    id: &str,
    zelfde: &dyn Fn(usize, usize) -> bool,
) -> Vec<(usize, Bevinding)> {
    let kolom = tabel.id_column().unwrap_or("id");
    let eerste = ris[0];
    let identiek = ris.iter().all(|&ri| zelfde(ri, eerste));
    let (eb, er) = p.bron(eerste);
    let mut uit = Vec::new();
    for (k, &ri) in ris.iter().enumerate() {
        if identiek && k == 0 {
            continue;
        }
        let melding = if identiek {
            format!("{kolom} {id} staat al op regel {er} van {eb} met dezelfde inhoud; deze herhaling is apart gezet")
        } else {
            format!("{kolom} {id} komt {} keer voor met verschillende inhoud; alle regels apart gezet, lever één regel per id", ris.len())
        };
        uit.push((ri, p.finding(ri, Regel::DubbelId, kolom, id, melding)));
    }
    uit
}

/// The LHSO conflicts among the measures `ms` of one overtreding: a last onder
/// dwangsom and a last onder bestuursdwang whose periods overlap, and a bestuurlijke
/// boete beside a strafrechtelijke maatregel; both measures of a pair are named.
fn lhso_paren<'m>(
    p: &Partijregels,
    overtreding: &str,
    ms: &[(usize, Maatregel<'m>)],
) -> Vec<(usize, Bevinding)> {
    let is = |m: Maatregel, i: &str| m.handhavingsinstrument == Some(i);
    let einde = |m: Maatregel| m.datum_afronding.unwrap_or(chrono::NaiveDate::MAX);
    let mut uit = Vec::new();
    let mut paar =
        |regel: Regel, melding: String, a: (usize, Maatregel<'m>), b: (usize, Maatregel<'m>)| {
            for (ri, m) in [a, b] {
                uit.push((
                    ri,
                    p.finding(
                        ri,
                        regel,
                        "handhavingsinstrument",
                        m.handhavingsinstrument.unwrap_or(""),
                        melding.clone(),
                    ),
                ));
            }
        };
    for &(a, ma) in ms {
        for &(b, mb) in ms {
            if is(ma, "last_onder_dwangsom")
                && is(mb, "last_onder_bestuursdwang")
                && ma.datum_opleggen <= einde(mb)
                && mb.datum_opleggen <= einde(ma)
            {
                let melding = format!(
                    "last onder dwangsom {} en last onder bestuursdwang {} lopen tegelijk voor overtreding {overtreding}; LHSO staat dat niet toe",
                    ma.maatregel_id, mb.maatregel_id
                );
                paar(Regel::LhsoDwangsomBestuursdwang, melding, (a, ma), (b, mb));
            }
            if is(ma, "bestuurlijke_boete") && mb.categorie == Some("strafrechtelijk") {
                let melding = format!(
                    "bestuurlijke boete {} en strafrechtelijke maatregel {} voor dezelfde overtreding {overtreding}; LHSO staat dat niet toe (una via)",
                    ma.maatregel_id, mb.maatregel_id
                );
                paar(Regel::LhsoBoeteStrafrecht, melding, (a, ma), (b, mb));
            }
        }
    }
    uit
}
