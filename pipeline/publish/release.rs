//! What goes into the restricted release: the records sorted by their key with
//! `object_id` pseudonymised, also inside the raw rows of the quarantine.

use rayon::prelude::*;

use super::pseudonym::Pseudonimiseerder;
use crate::datasets;
use crate::engine::{Frame, Values};
use crate::model::{Controle, Maatregel, Overtreding, Records, Strafzaak};
use crate::validate::QuarantaineRij;

/// The restricted release of the records: references in key order (no copies of
/// millions of records) and the pseudonymised object_id of each, in that order.
pub struct Beperkt<'r> {
    pub controles: Vec<&'r Controle>,
    pub controle_objecten: Vec<String>,
    pub overtredingen: Vec<&'r Overtreding>,
    pub overtreding_objecten: Vec<String>,
    pub maatregelen: Vec<&'r Maatregel>,
    pub strafzaken: Vec<Strafzaak>,
    pub quarantaine: Vec<QuarantaineRij>,
}

impl Beperkt<'_> {
    pub fn controles(&self) -> Frame {
        let mut f = datasets::controles(&self.controles, datasets::Lineage::Mee);
        f.vervang(
            "object_id",
            Values::Tekst(self.controle_objecten.iter().map(Some).collect()),
        );
        f
    }

    pub fn overtredingen(&self) -> Frame {
        let mut f = datasets::overtredingen(&self.overtredingen, datasets::Lineage::Mee);
        f.vervang(
            "object_id",
            Values::Tekst(self.overtreding_objecten.iter().map(Some).collect()),
        );
        f
    }
}

pub fn beperkt<'r>(
    records: &'r Records,
    quarantaine: &[QuarantaineRij],
    p: &Pseudonimiseerder,
) -> Beperkt<'r> {
    // One HMAC per record is most of this stage at national scale: in parallel.
    // Keys are unique per party, so the (stable) sort order is fully determined.
    let mut controles: Vec<&Controle> = records.controles.iter().collect();
    controles.par_sort_by(|a, b| (&a.partij, &a.controle_id).cmp(&(&b.partij, &b.controle_id)));
    let controle_objecten = controles
        .par_iter()
        .map(|c| p.object(&c.partij, &c.object_id))
        .collect();
    let mut overtredingen: Vec<&Overtreding> = records.overtredingen.iter().collect();
    overtredingen
        .par_sort_by(|a, b| (&a.partij, &a.overtreding_id).cmp(&(&b.partij, &b.overtreding_id)));
    let overtreding_objecten = overtredingen
        .par_iter()
        .map(|o| p.object(&o.partij, &o.object_id))
        .collect();
    let mut maatregelen: Vec<&Maatregel> = records.maatregelen.iter().collect();
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
        controle_objecten,
        overtredingen,
        overtreding_objecten,
        maatregelen,
        strafzaken,
        quarantaine: q,
    }
}
