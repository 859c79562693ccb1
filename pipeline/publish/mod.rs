//! Stage 5 — publish: the output tree of `spec/outputs.md`, written into a temporary
//! folder beside the target and renamed into place only when everything succeeded,
//! so a failed or killed run leaves the previous output as it was.

pub mod feedback;
pub mod manifest;
pub mod omgevingsdiensten;
pub mod report;

use std::path::{Path, PathBuf};

use crate::datasets::{self, Dataset};
use crate::engine::{self, Frame};
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

pub const SCHEMA_VERSIE: &str = "1";
pub const TOOL_VERSIE: &str = env!("CARGO_PKG_VERSION");

/// The folder a run writes into before it is renamed to the target.
pub struct Staging {
    pub tmp: PathBuf,
    pub target: PathBuf,
}

impl Staging {
    pub fn new(target: &Path) -> Result<Staging> {
        let parent = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        let naam = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "out".into());
        let tmp = parent.join(format!(".{naam}.tmp-{}", std::process::id()));
        if tmp.exists() {
            std::fs::remove_dir_all(&tmp).map_err(|e| Error::io(&tmp, e))?;
        }
        for sub in ["data", "rapport"] {
            let d = tmp.join(sub);
            std::fs::create_dir_all(&d).map_err(|e| Error::io(&d, e))?;
        }
        Ok(Staging {
            tmp,
            target: target.to_path_buf(),
        })
    }

    pub fn data(&self, bestand: &str) -> PathBuf {
        self.tmp.join("data").join(bestand)
    }

    /// Swap the finished tree into place. The old tree is moved aside first and
    /// removed only after the new one is in place.
    pub fn commit(self) -> Result<()> {
        let old = self.tmp.with_extension("old");
        if old.exists() {
            std::fs::remove_dir_all(&old).map_err(|e| Error::io(&old, e))?;
        }
        if self.target.exists() {
            std::fs::rename(&self.target, &old).map_err(|e| Error::io(&self.target, e))?;
        }
        if let Err(e) = std::fs::rename(&self.tmp, &self.target) {
            // Put the previous tree back before reporting.
            let _ = std::fs::rename(&old, &self.target);
            return Err(Error::io(&self.target, e));
        }
        if old.exists() {
            std::fs::remove_dir_all(&old).map_err(|e| Error::io(&old, e))?;
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        // An abandoned run (error) leaves no half-written tree behind.
        if self.tmp.exists() {
            let _ = std::fs::remove_dir_all(&self.tmp);
        }
    }
}

pub fn write_dataset(
    staging: &Staging,
    ds: &Dataset,
    frame: &Frame,
    herkomst: &Herkomst,
) -> Result<PathBuf> {
    let mut meta = serde_json::to_value(herkomst).map_err(|e| Error::Output(e.to_string()))?;
    meta["dataset"] = serde_json::Value::String(ds.naam.to_string());
    let path = staging.data(ds.bestand);
    engine::write_parquet(
        &path,
        frame,
        &[("staat_van_vth".to_string(), meta.to_string())],
    )?;
    Ok(path)
}

/// All datasets of the run, in a fixed order.
pub fn datasets() -> [&'static Dataset; 5] {
    [
        &datasets::INDICATOREN,
        &datasets::CONTROLES,
        &datasets::OVERTREDINGEN,
        &datasets::MAATREGELEN,
        &datasets::QUARANTAINE,
    ]
}
