//! What goes into the restricted release: the records sorted by their key with
//! `object_id` pseudonymised, also inside the raw rows of the quarantine.

use std::ops::Range;

use rayon::prelude::*;

use super::pseudonym::Pseudonimiseerder;
use crate::datasets;
use crate::engine::{Frame, Values};
use crate::model::{Controle, Maatregel, Overtreding, Records, Strafzaak};
use crate::validate::QuarantaineRij;

/// The restricted release of the records: references in key order (no copies of
/// millions of records) and the pseudonym of every distinct (partij, object_id).
pub struct Beperkt<'r> {
    pub controles: Vec<&'r Controle>,
    pub overtredingen: Vec<&'r Overtreding>,
    /// One HMAC per object, not per record: an object is inspected several times.
    objecten: foldhash::HashMap<(&'r str, &'r str), String>,
    pub maatregelen: Vec<&'r Maatregel>,
    pub strafzaken: Vec<Strafzaak>,
    pub quarantaine: Vec<QuarantaineRij>,
}

impl<'r> Beperkt<'r> {
    /// A record dataset with each row's object_id replaced by its pseudonym.
    fn met_pseudoniemen(
        &self,
        mut f: Frame,
        objecten: impl Iterator<Item = (&'r str, &'r str)>,
    ) -> Frame {
        let pseudoniemen = objecten.map(|k| self.objecten.get(&k).map(String::as_str));
        f.vervang("object_id", Values::Tekst(pseudoniemen.collect()));
        f
    }

    /// The rows `r` (in key order) of the controles dataset.
    pub fn controles(&self, r: Range<usize>) -> Frame {
        let rs = &self.controles[r];
        self.met_pseudoniemen(
            datasets::controles(rs, datasets::Lineage::Mee),
            rs.iter().map(|c| (c.partij.as_str(), c.object_id.as_str())),
        )
    }

    /// The rows `r` (in key order) of the overtredingen dataset.
    pub fn overtredingen(&self, r: Range<usize>) -> Frame {
        let rs = &self.overtredingen[r];
        self.met_pseudoniemen(
            datasets::overtredingen(rs, datasets::Lineage::Mee),
            rs.iter().map(|o| (o.partij.as_str(), o.object_id.as_str())),
        )
    }
}

pub fn beperkt<'r>(
    records: &'r Records,
    quarantaine: &[QuarantaineRij],
    p: &Pseudonimiseerder,
) -> Beperkt<'r> {
    // Keys are unique per party, so the (stable) sort order is fully determined.
    let mut controles: Vec<&Controle> = records.controles.iter().map(|c| &**c).collect();
    controles.par_sort_by(|a, b| (&a.partij, &a.controle_id).cmp(&(&b.partij, &b.controle_id)));
    let mut overtredingen: Vec<&Overtreding> = records.overtredingen.iter().map(|o| &**o).collect();
    overtredingen
        .par_sort_by(|a, b| (&a.partij, &a.overtreding_id).cmp(&(&b.partij, &b.overtreding_id)));
    // The HMACs are most of this stage at national scale: one per distinct object
    // (an overtreding's object is its controle's), in parallel.
    let uniek: foldhash::HashSet<(&str, &str)> = controles
        .iter()
        .map(|c| (c.partij.as_str(), c.object_id.as_str()))
        .chain(
            overtredingen
                .iter()
                .map(|o| (o.partij.as_str(), o.object_id.as_str())),
        )
        .collect();
    let uniek: Vec<(&str, &str)> = uniek.into_iter().collect();
    let objecten = uniek
        .par_iter()
        .map(|&(partij, object)| ((partij, object), p.object(partij, object)))
        .collect();
    let mut maatregelen: Vec<&Maatregel> = records.maatregelen.iter().map(|m| &**m).collect();
    maatregelen.par_sort_by(|a, b| (&a.partij, &a.maatregel_id).cmp(&(&b.partij, &b.maatregel_id)));
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
    Beperkt {
        controles,
        overtredingen,
        objecten,
        maatregelen,
        strafzaken,
        quarantaine: q,
    }
}
