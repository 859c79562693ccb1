//! `manifest.json`: what went in, what came out, and how every row was accounted for.
//! No wall-clock time and no absolute path, so equal inputs give equal bytes.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use crate::contract::findings::{Bevinding, Bevindingen};
use crate::error::{Error, Result};
use crate::ingest::sha256_hex;
use crate::validate::{LeveringStatus, Reconciliatie};

#[derive(Debug, Clone, Serialize)]
pub struct Bestandshash {
    pub bestand: String,
    pub sha256: String,
    pub bytes: u64,
}

/// The findings of one rule in one file: full count, first examples.
#[derive(Debug, Clone, Serialize)]
pub struct BevindingTelling {
    pub bestand: String,
    pub partij: String,
    pub jaar: i32,
    pub regel: String,
    pub zwaarte: String,
    pub aantal: u64,
    pub voorbeelden: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Rijtelling {
    pub gelezen: u64,
    pub geaccepteerd: u64,
    pub quarantaine: u64,
    pub controles: u64,
    pub overtredingen: u64,
    pub handhavingsmaatregelen: u64,
    pub organisatie: u64,
    pub indicatorrijen: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Manifest {
    pub staat_van_vth: super::Herkomst,
    pub configuratie: serde_json::Value,
    pub invoer: Vec<Bestandshash>,
    /// Where each input file came from when `vth fetch` collected the tree: URL
    /// or path, sha256 and outcome, also of files that did not arrive.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ophaling: Vec<serde_json::Value>,
    pub queries: Vec<Bestandshash>,
    pub overgeslagen: Vec<BTreeMap<String, String>>,
    pub rijen: Rijtelling,
    /// Row counts per stage.
    pub stappen: serde_json::Value,
    /// How object_id is pseudonymised in the restricted release (never the key).
    pub pseudonimisering: String,
    pub reconciliatie: Vec<Reconciliatie>,
    pub leveringen: Vec<LeveringStatus>,
    /// Deviations handled automatically or rows kept with a remark (severity
    /// `waarschuwing`), per file and rule.
    pub waarschuwingen: Vec<BevindingTelling>,
    /// Findings that set rows aside or refused a delivery, per file and rule.
    pub bevindingen: Vec<BevindingTelling>,
    pub extra_kolommen: BTreeMap<String, Vec<String>>,
    /// Local codes translated through the mapping tables: the audit trail of every
    /// mapping that was applied.
    pub vertalingen: Vec<VertalingTelling>,
    pub uitvoer: Vec<Bestandshash>,
}

#[derive(Debug, Clone, Serialize)]
pub struct VertalingTelling {
    pub jaar: i32,
    pub partij: String,
    pub tabel: String,
    pub kolom: String,
    pub lokale_waarde: String,
    pub landelijke_code: String,
    pub mappingtabel: String,
    pub aantal: u64,
}

pub fn vertalingen(
    v: &BTreeMap<crate::harmonise::batch::VertaaldeWaarde, u64>,
) -> Vec<VertalingTelling> {
    v.iter()
        .map(
            |((l, tabel, kolom, lokaal, landelijk, mt), n)| VertalingTelling {
                jaar: l.jaar,
                partij: l.partij.clone(),
                tabel: tabel.to_string(),
                kolom: kolom.clone(),
                lokale_waarde: lokaal.clone(),
                landelijke_code: landelijk.clone(),
                mappingtabel: format!("queries/mappings/{mt}.csv"),
                aantal: *n,
            },
        )
        .collect()
}

/// Hash every file below `root` (sorted, relative paths with `/`).
pub fn hash_tree(root: &Path, prefix: &str) -> Result<Vec<Bestandshash>> {
    hash_tree_met(root, prefix, &BTreeMap::new())
}

/// [`hash_tree`], taking the hash of a file the run hashed when it wrote it
/// (`bekend`, by its path under `root`) instead of reading it again; the other
/// files are read and hashed side by side.
pub fn hash_tree_met(
    root: &Path,
    prefix: &str,
    bekend: &BTreeMap<String, (u64, String)>,
) -> Result<Vec<Bestandshash>> {
    use rayon::prelude::*;
    let mut bestanden = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).map_err(|e| Error::io(&dir, e))? {
            let p = e.map_err(|e| Error::io(&dir, e))?.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p
                    .strip_prefix(root)
                    .unwrap_or(&p)
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/");
                bestanden.push((rel, p));
            }
        }
    }
    let mut out = bestanden
        .into_par_iter()
        .map(|(rel, p)| {
            let (bytes, sha256) = match bekend.get(&rel) {
                Some((bytes, sha256)) => (*bytes, sha256.clone()),
                None => {
                    let inhoud = crate::error::read_bytes(&p)?;
                    (inhoud.len() as u64, sha256_hex(&inhoud))
                }
            };
            Ok(Bestandshash {
                bestand: format!("{prefix}{rel}"),
                sha256,
                bytes,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    out.sort_by(|a, b| a.bestand.cmp(&b.bestand));
    Ok(out)
}

/// Findings per file and rule, split into warnings and the rest.
pub fn bevindingen(b: &Bevindingen) -> (Vec<BevindingTelling>, Vec<BevindingTelling>) {
    b.per_bestand
        .iter()
        .map(|((l, bestand, regel), t)| BevindingTelling {
            bestand: bestand.clone(),
            partij: l.partij.clone(),
            jaar: l.jaar,
            regel: regel.to_string(),
            zwaarte: t
                .voorbeelden
                .first()
                .map(|b| b.zwaarte.code().to_string())
                .unwrap_or_default(),
            aantal: t.aantal,
            voorbeelden: t.voorbeelden.iter().map(Bevinding::als_tekst).collect(),
        })
        .partition(|t| t.zwaarte == "waarschuwing")
}

/// The outcome of `vth verify`: files checked and every difference found.
#[derive(Debug, Default)]
pub struct Verificatie {
    pub gecontroleerd: usize,
    pub afwijkingen: Vec<String>,
}

/// Re-hash an output tree against the `uitvoer` list of its manifest: every listed
/// file present with the same sha256, and no file that is not listed.
pub fn verify(root: &Path) -> Result<Verificatie> {
    let pad = root.join("manifest.json");
    let tekst = crate::error::read_text(&pad)?;
    let m: serde_json::Value = serde_json::from_str(&tekst).map_err(|e| Error::Manifest {
        path: pad.clone(),
        message: format!("no valid JSON: {e}"),
    })?;
    let lijst = m["uitvoer"].as_array().ok_or_else(|| Error::Manifest {
        path: pad.clone(),
        message: "no `uitvoer` list".into(),
    })?;
    let mut v = Verificatie::default();
    let werkelijk: BTreeMap<String, String> = hash_tree(root, "")?
        .into_iter()
        .map(|h| (h.bestand, h.sha256))
        .collect();
    let mut genoemd = std::collections::BTreeSet::new();
    for item in lijst {
        let bestand = item["bestand"].as_str().unwrap_or_default().to_string();
        let sha = item["sha256"].as_str().unwrap_or_default();
        genoemd.insert(bestand.clone());
        v.gecontroleerd += 1;
        match werkelijk.get(&bestand) {
            None => v.afwijkingen.push(format!("missing: {bestand}")),
            Some(h) if h != sha => v
                .afwijkingen
                .push(format!("changed: {bestand} (sha256 {h}, manifest {sha})")),
            Some(_) => {}
        }
    }
    for bestand in werkelijk.keys() {
        if bestand != "manifest.json" && !genoemd.contains(bestand) {
            v.afwijkingen
                .push(format!("not in the manifest: {bestand}"));
        }
    }
    Ok(v)
}

/// The run id: a hash of everything that determines the output.
pub fn run_id(
    config_text: &str,
    invoer: &[Bestandshash],
    queries: &[Bestandshash],
    tekorten: &[String],
) -> String {
    let mut s = String::new();
    s.push_str(super::TOOL_VERSIE);
    s.push('\n');
    s.push_str(config_text);
    for h in invoer.iter().chain(queries) {
        s.push_str(&format!("\n{} {}", h.bestand, h.sha256));
    }
    for t in tekorten {
        s.push_str(&format!("\nniet ontvangen {t}"));
    }
    sha256_hex(s.as_bytes())[..16].to_string()
}
