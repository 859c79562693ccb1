//! What goes into the restricted release: the records sorted by their key with
//! `object_id` pseudonymised, also inside the raw rows of the quarantine.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use rayon::prelude::*;

use super::pseudonym::Pseudonimiseerder;
use crate::datasets::RecordTabellen;
use crate::engine::{EngineTable, Frame, Tekst, Values, Woorden, Woordenlijst};
use crate::error::Result;
use crate::model::{ObjectRij, Records, Strafzaak};
use crate::validate::QuarantaineRij;

/// The restricted release of the records: each table's rows in key order (no
/// copies of millions of rows) and the pseudonym of every distinct
/// (partij, object_id).
pub struct Beperkt<'r> {
    tabellen: &'r RecordTabellen,
    /// The rows of each table in key order: (partij, id).
    pub controles: Vec<u32>,
    pub overtredingen: Vec<u32>,
    pub maatregelen: Vec<u32>,
    /// One HMAC per object, not per record: an object is inspected several times.
    pseudoniemen: Arc<Woordenlijst>,
    pub strafzaken: Vec<Strafzaak>,
    pub quarantaine: Vec<QuarantaineRij>,
}

impl Beperkt<'_> {
    /// The rows `rijen` of `tabel`, with each row's object_id replaced by its
    /// pseudonym when `objecten` are given.
    fn deel(&self, tabel: &EngineTable, rijen: &[u32], objecten: Option<&[u32]>) -> Result<Frame> {
        let mut f = tabel.rijen(rijen)?;
        if let Some(o) = objecten {
            let index = rijen.iter().map(|&k| o[k as usize]).collect();
            let pseudoniemen = Woorden::new(Arc::clone(&self.pseudoniemen), index);
            f.vervang("object_id", Values::Woorden(pseudoniemen));
        }
        Ok(f)
    }

    /// The rows `r` (in key order) of the controles dataset.
    pub fn controles(&self, r: Range<usize>) -> Result<Frame> {
        self.deel(
            &self.tabellen.controles,
            &self.controles[r],
            Some(&self.tabellen.sleutels.object_van_controle),
        )
    }

    /// The rows `r` (in key order) of the overtredingen dataset.
    pub fn overtredingen(&self, r: Range<usize>) -> Result<Frame> {
        self.deel(
            &self.tabellen.overtredingen,
            &self.overtredingen[r],
            Some(&self.tabellen.sleutels.object_van_overtreding),
        )
    }

    /// The rows `r` (in key order) of the handhavingsmaatregelen dataset.
    pub fn maatregelen(&self, r: Range<usize>) -> Result<Frame> {
        self.deel(&self.tabellen.maatregelen, &self.maatregelen[r], None)
    }
}

/// The rows of a table in the order of (partij, `id`). Ids are unique per party;
/// the row number settles any tie as a stable sort would.
fn sleutelvolgorde(tabel: &EngineTable, id: &str) -> Result<Vec<u32>> {
    let (partij, ids) = (tabel.tekst("partij")?, tabel.tekst(id)?);
    // Most exports come in id order: then the order is the rows' own, without
    // sorting 40 bytes per row (half a GiB for one file of 12 million).
    let sleutel = |k: usize| (partij.get(k).unwrap_or(""), ids.get(k).unwrap_or(""));
    if (1..partij.len())
        .into_par_iter()
        .all(|k| sleutel(k - 1) <= sleutel(k))
    {
        return Ok((0..partij.len() as u32).collect());
    }
    // Each party's rows sorted by id alone: 24 bytes a row for one party at a
    // time instead of 40 for every row at once.
    let mut order = Vec::with_capacity(partij.len());
    for rijen in rijen_per_partij(&partij).into_values() {
        let mut by_id: Vec<(&str, u32)> = rijen
            .into_iter()
            .map(|k| (ids.get(k as usize).unwrap_or(""), k))
            .collect();
        by_id.par_sort_unstable();
        order.extend(by_id.into_iter().map(|(_, k)| k));
    }
    Ok(order)
}

/// The rows of each party (parties in order, rows in their own order). Rows come
/// in runs of one party (a file), so the map is looked up once per run.
fn rijen_per_partij(partij: &Tekst) -> BTreeMap<&str, Vec<u32>> {
    let mut per_partij: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
    let mut run: Option<(&str, Vec<u32>)> = None;
    for (k, p) in partij.iter().enumerate() {
        let p = p.unwrap_or("");
        match &mut run {
            Some((q, rijen)) if *q == p => rijen.push(k as u32),
            _ => {
                if let Some((q, rijen)) = run.replace((p, vec![k as u32])) {
                    per_partij.entry(q).or_default().extend(rijen);
                }
            }
        }
    }
    if let Some((q, rijen)) = run {
        per_partij.entry(q).or_default().extend(rijen);
    }
    per_partij
}

pub fn beperkt<'r>(
    tabellen: &'r RecordTabellen,
    records: &Records,
    quarantaine: &[QuarantaineRij],
    p: &Pseudonimiseerder,
) -> Result<Beperkt<'r>> {
    let controles = sleutelvolgorde(&tabellen.controles, "controle_id")?;
    let overtredingen = sleutelvolgorde(&tabellen.overtredingen, "overtreding_id")?;
    let maatregelen = sleutelvolgorde(&tabellen.maatregelen, "maatregel_id")?;
    // The HMACs are most of this stage at national scale: one per distinct object
    // (numbered by validation; an overtreding's object is its controle's), in
    // parallel.
    let (c, o) = (&tabellen.controles, &tabellen.overtredingen);
    let (cp, co) = (c.tekst("partij")?, c.tekst("object_id")?);
    let (op, oo) = (o.tekst("partij")?, o.tekst("object_id")?);
    let pseudoniemen: Vec<String> = tabellen
        .sleutels
        .object_rij
        .par_iter()
        .map(|&r| {
            let (partij, object, k) = match r {
                ObjectRij::Controle(k) => (&cp, &co, k),
                ObjectRij::Overtreding(k) => (&op, &oo, k),
            };
            let k = k as usize;
            p.object(partij.get(k).unwrap_or(""), object.get(k).unwrap_or(""))
        })
        .collect();
    let pseudoniemen = Arc::new(pseudoniemen.iter().collect::<Woordenlijst>());
    // The parketnummer identifies a case (and so a suspect) at the OM: keyed hash,
    // as object_id.
    let mut strafzaken = records.strafzaken.clone();
    for z in &mut strafzaken {
        z.parketnummer = p.object(&z.partij, &z.parketnummer);
    }
    strafzaken.sort_by(|a, b| a.parketnummer.cmp(&b.parketnummer));
    let mut q = quarantaine.to_vec();
    for r in &mut q {
        for kolom in ["object_id", "parketnummer"] {
            if r.kolom.as_deref() == Some(kolom) {
                if let Some(w) = &r.waarde {
                    r.waarde = Some(p.object(&r.partij, w));
                }
            }
            if let Ok(serde_json::Value::Object(mut m)) = serde_json::from_str(&r.ruwe_rij) {
                if let Some(serde_json::Value::String(w)) = m.get(kolom) {
                    let pseudo = p.object(&r.partij, w.trim());
                    m.insert(kolom.into(), serde_json::Value::String(pseudo));
                    r.ruwe_rij = serde_json::Value::Object(m).to_string();
                }
            }
        }
    }
    q.sort_by(|a, b| (&a.bestand, a.regel).cmp(&(&b.bestand, b.regel)));
    Ok(Beperkt {
        tabellen,
        controles,
        overtredingen,
        maatregelen,
        pseudoniemen,
        strafzaken,
        quarantaine: q,
    })
}
