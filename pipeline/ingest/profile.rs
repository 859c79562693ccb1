//! Party profiles (`queries/profielen/<partij>.toml`): how one party's delivery
//! deviates in structure from the exchange format. File names, workbook sheets,
//! column names, a date format and the mapping tables that apply. The monitoring
//! team keeps one small file per deviating party under version control.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::contract::format::kolommen;
use crate::error::{read_text, Error, Result};
use crate::model::Tabel;

/// The file format of a delivery.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Formaat {
    #[default]
    Csv,
    Json,
    Xlsx,
}

impl Formaat {
    pub fn extensie(self) -> &'static str {
        match self {
            Formaat::Csv => "csv",
            Formaat::Json => "json",
            Formaat::Xlsx => "xlsx",
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profiel {
    /// The party code; must equal the file name.
    pub partij: String,
    /// Who the party is and which case system it exports from (for reviewers).
    #[serde(default)]
    pub omschrijving: String,
    #[serde(default)]
    pub formaat: Formaat,
    /// csv/json: table → file name in the party's folder (default `<tabel>.<ext>`).
    #[serde(default)]
    pub bestanden: BTreeMap<String, String>,
    /// xlsx: the workbook's file name (default: the only `.xlsx` in the folder).
    #[serde(default)]
    pub werkmap: Option<String>,
    /// xlsx: table → sheet name (default: a sheet named after the table).
    #[serde(default)]
    pub bladen: BTreeMap<String, String>,
    /// Table → local column name → exchange-format column.
    #[serde(default)]
    pub kolommen: BTreeMap<String, BTreeMap<String, String>>,
    /// A date format (chrono strftime, e.g. `%d/%m/%Y`) the party uses besides ISO.
    #[serde(default)]
    pub datumformaat: Option<String>,
    /// Mapping tables of `queries/mappings/` (file names without `.csv`), in order.
    #[serde(default)]
    pub mappings: Vec<String>,
}

impl Profiel {
    /// The national name of a (lower-cased) column of `tabel`.
    pub fn kolom(&self, tabel: Tabel, lokaal: &str) -> Option<&str> {
        self.kolommen
            .get(tabel.name())?
            .iter()
            .find(|(k, _)| k.trim().to_lowercase() == lokaal)
            .map(|(_, v)| v.as_str())
    }

    pub fn bestand(&self, tabel: Tabel) -> String {
        self.bestanden
            .get(tabel.name())
            .cloned()
            .unwrap_or_else(|| format!("{}.{}", tabel.name(), self.formaat.extensie()))
    }
}

pub type Profielen = BTreeMap<String, Profiel>;

/// Load every profile of `dir` and check it against the exchange format and the
/// mapping tables that exist, so a typo fails the run before any data is read.
pub fn load(dir: &Path, mappings: &[String]) -> Result<Profielen> {
    let mut out = Profielen::new();
    if !dir.is_dir() {
        return Ok(out);
    }
    for pad in crate::error::files_with_extension(dir, "toml")? {
        let err = |message: String| Error::Queries {
            path: pad.clone(),
            message,
        };
        let p: Profiel = toml::from_str(&read_text(&pad)?).map_err(|e| err(e.to_string()))?;
        let stem = pad
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if p.partij != stem {
            return Err(err(format!(
                "partij = \"{}\" but the file is named {stem}.toml; name the file after the party code",
                p.partij
            )));
        }
        for t in p
            .bestanden
            .keys()
            .chain(p.bladen.keys())
            .chain(p.kolommen.keys())
        {
            if Tabel::from_name(t).is_none() {
                return Err(err(format!(
                    "unknown table `{t}`; tables: {}",
                    Tabel::namen()
                )));
            }
        }
        for (t, renames) in &p.kolommen {
            let tabel = Tabel::from_name(t).unwrap_or(Tabel::Controles);
            for (lokaal, landelijk) in renames {
                if !kolommen(tabel).any(|(k, _)| k == landelijk) {
                    return Err(err(format!(
                        "[kolommen.{t}] maps `{lokaal}` to `{landelijk}`, which is not a column of {t} in the exchange format"
                    )));
                }
            }
        }
        if let Some(f) = &p.datumformaat {
            let ok = chrono::format::StrftimeItems::new(f)
                .all(|i| !matches!(i, chrono::format::Item::Error));
            if !ok || f.is_empty() {
                return Err(err(format!(
                    "datumformaat `{f}` is not a valid date format"
                )));
            }
        }
        for m in &p.mappings {
            if !mappings.contains(m) {
                return Err(err(format!(
                    "mapping table `{m}` does not exist in queries/mappings/ (known: {})",
                    mappings.join(", ")
                )));
            }
        }
        out.insert(p.partij.clone(), p);
    }
    Ok(out)
}
