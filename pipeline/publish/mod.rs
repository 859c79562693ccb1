//! Stage 5 — publish: the output tree of `spec/outputs.md`, written into a temporary
//! folder beside the target and renamed into place only when everything succeeded,
//! so a failed or killed run leaves the previous output as it was.

pub mod codebook;
pub mod datapackage;
pub mod dcat;
pub mod manifest;
pub mod pseudonym;
pub mod release;
pub mod report;
pub mod tree;

use std::path::{Path, PathBuf};

use crate::datasets::{Dataset, Release};
use crate::engine;
use crate::error::{Error, Result};

/// Identification carried by every published file.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Herkomst {
    pub schema_versie: &'static str,
    pub editie: String,
    pub jaren: Vec<i32>,
    pub tool_versie: &'static str,
    pub run_id: String,
}

/// 2: `indicatoren.parquet` gained `gemeenten_gedekt` and `gemeenten_totaal`, and
/// the comparable-years rows (`spec/dekking.md`).
pub const SCHEMA_VERSIE: &str = "2";
pub const TOOL_VERSIE: &str = env!("CARGO_PKG_VERSION");

/// The folder a run writes into before it is renamed to the target.
pub struct Staging {
    pub tmp: PathBuf,
    pub target: PathBuf,
}

/// Whether a process id belongs to a running process (Linux; elsewhere assume so,
/// which only means a leftover folder is kept).
fn levend(pid: u32) -> bool {
    let proc = Path::new("/proc");
    !proc.is_dir() || proc.join(pid.to_string()).exists()
}

impl Staging {
    pub fn new(target: &Path) -> Result<Staging> {
        let (parent, naam) = herstel_doel(target)?;
        let tmp = parent.join(format!(".{naam}.tmp-{}", std::process::id()));
        if tmp.exists() {
            std::fs::remove_dir_all(&tmp).map_err(|e| Error::write(&tmp, e))?;
        }
        for sub in [Release::Open.map(), Release::Restricted.map(), "rapport"] {
            let d = tmp.join(sub);
            std::fs::create_dir_all(&d).map_err(|e| Error::write(&d, e))?;
        }
        Ok(Staging {
            tmp,
            target: target.to_path_buf(),
        })
    }

    /// Where a dataset file of a release is written.
    pub fn pad(&self, release: Release, bestand: &str) -> PathBuf {
        self.tmp.join(release.map()).join(bestand)
    }

    /// Swap the finished tree into place. The old tree is moved aside first and
    /// removed only after the new one is in place; a run killed in between is
    /// repaired by the next run (`herstel`).
    pub fn commit(self) -> Result<()> {
        let old = self.tmp.with_extension("old");
        if old.exists() {
            std::fs::remove_dir_all(&old).map_err(|e| Error::write(&old, e))?;
        }
        if self.target.exists() {
            std::fs::rename(&self.target, &old).map_err(|e| Error::write(&self.target, e))?;
        }
        if let Err(e) = std::fs::rename(&self.tmp, &self.target) {
            // Put the previous tree back before reporting.
            let _ = std::fs::rename(&old, &self.target);
            return Err(Error::write(&self.target, e));
        }
        if old.exists() {
            std::fs::remove_dir_all(&old).map_err(|e| Error::write(&old, e))?;
        }
        Ok(())
    }
}

/// Repair what killed runs left beside `target` (see `herstel`), before anything
/// else of a run can fail; returns the target's folder and name.
pub fn herstel_doel(target: &Path) -> Result<(PathBuf, String)> {
    let parent = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    std::fs::create_dir_all(&parent).map_err(|e| Error::write(&parent, e))?;
    let naam = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    herstel(&parent, &naam, target)?;
    Ok((parent, naam))
}

/// Repair what killed runs left beside the target: a previous tree moved aside
/// during the final swap goes back into place, and staging folders of processes
/// that no longer run are removed.
fn herstel(parent: &Path, naam: &str, target: &Path) -> Result<()> {
    let prefix = format!(".{naam}.tmp-");
    let mut resten: Vec<PathBuf> = std::fs::read_dir(parent)
        .map_err(|e| Error::io(parent, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(&prefix))
        })
        .collect();
    resten.sort();
    for pad in resten {
        let n = pad
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let rest = &n[prefix.len()..];
        let (pid, is_old) = match rest.strip_suffix(".old") {
            Some(p) => (p, true),
            None => (rest, false),
        };
        let Ok(pid) = pid.parse::<u32>() else {
            continue;
        };
        if pid == std::process::id() || levend(pid) {
            continue;
        }
        if is_old && !target.exists() {
            std::fs::rename(&pad, target).map_err(|e| Error::write(&pad, e))?;
            tracing::warn!(from = %pad.display(), "restored the previous output of a run killed during publication");
        } else {
            std::fs::remove_dir_all(&pad).map_err(|e| Error::write(&pad, e))?;
        }
    }
    Ok(())
}

impl Drop for Staging {
    fn drop(&mut self) {
        // An abandoned run (error) leaves no half-written tree behind.
        if self.tmp.exists() {
            let _ = std::fs::remove_dir_all(&self.tmp);
        }
    }
}

/// Write one dataset of one release as Parquet with the `staat_van_vth` metadata,
/// after checking the frame against the dataset's description.
pub fn write_dataset(
    staging: &Staging,
    ds: &'static Dataset,
    release: Release,
    inhoud: &engine::Inhoud,
    herkomst: &Herkomst,
) -> Result<datapackage::Geschreven> {
    let mut meta = serde_json::to_value(herkomst).map_err(|fout| Error::Json {
        wat: "the provenance of a dataset",
        fout,
    })?;
    meta["dataset"] = serde_json::Value::String(ds.naam.to_string());
    meta["release"] = serde_json::Value::String(release.code().to_string());
    let path = staging.pad(release, ds.bestand);
    let (typen, afdruk) = engine::write_parquet(
        &path,
        inhoud,
        &[("staat_van_vth".to_string(), meta.to_string())],
        &|frame| {
            ds.controleer(frame).map_err(|message| Error::Dataset {
                dataset: ds.naam,
                message,
            })
        },
    )?;
    let rijen = match inhoud {
        engine::Inhoud::Geheel(f) => f.height(),
        engine::Inhoud::Delen(hoogte, _) => *hoogte,
    };
    Ok(datapackage::Geschreven {
        dataset: ds,
        release,
        typen,
        rijen: rijen as u64,
        bytes: afdruk.bytes,
        sha256: afdruk.sha256,
    })
}

/// Write a text file into the staging tree; returns its size and sha256.
pub fn write_text(staging: &Staging, relatief: &str, text: &str) -> Result<(u64, String)> {
    let path = staging.tmp.join(relatief);
    std::fs::write(&path, text).map_err(|e| Error::write(&path, e))?;
    Ok((
        text.len() as u64,
        crate::ingest::sha256_hex(text.as_bytes()),
    ))
}
