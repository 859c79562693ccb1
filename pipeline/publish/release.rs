//! What goes into the restricted release: copies of the records sorted by their key
//! with `object_id` pseudonymised, also inside the raw rows of the quarantine.

use rayon::prelude::*;

use super::pseudonym::Pseudonimiseerder;
use crate::model::{Controle, Maatregel, Overtreding, Records, Strafzaak};
use crate::validate::QuarantaineRij;

pub struct Beperkt {
    pub controles: Vec<Controle>,
    pub overtredingen: Vec<Overtreding>,
    pub maatregelen: Vec<Maatregel>,
    pub strafzaken: Vec<Strafzaak>,
    pub quarantaine: Vec<QuarantaineRij>,
}

pub fn beperkt(
    records: &Records,
    quarantaine: &[QuarantaineRij],
    p: &Pseudonimiseerder,
) -> Beperkt {
    // One HMAC per record is most of this stage at national scale: in parallel.
    // Keys are unique per party, so the (stable) sort order is fully determined.
    let mut controles = records.controles.clone();
    controles
        .par_iter_mut()
        .for_each(|c| c.object_id = p.object(&c.partij, &c.object_id));
    controles.par_sort_by(|a, b| (&a.partij, &a.controle_id).cmp(&(&b.partij, &b.controle_id)));
    let mut overtredingen = records.overtredingen.clone();
    overtredingen
        .par_iter_mut()
        .for_each(|o| o.object_id = p.object(&o.partij, &o.object_id));
    overtredingen
        .par_sort_by(|a, b| (&a.partij, &a.overtreding_id).cmp(&(&b.partij, &b.overtreding_id)));
    let mut maatregelen = records.maatregelen.clone();
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
        maatregelen,
        strafzaken,
        quarantaine: q,
    }
}
