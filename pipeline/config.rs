//! The resolved configuration of a run: command-line paths plus `queries/config.toml`,
//! which the monitoring team edits (edition, years, peildatum, disclosure control,
//! rule severities). Paths in the file are relative to the file's own folder.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::contract::rules::{Regel, Zwaarte};
use crate::error::{read_text, Error, Result};

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    /// Edition of the report, e.g. "2026" for the Staat van VTH 2026.
    pub editie: String,
    /// Reporting years. Empty: every year found in the input.
    #[serde(default)]
    pub jaren: Vec<i32>,
    #[serde(default)]
    pub peildatum: PeildatumConfig,
    #[serde(default)]
    pub openbaarheid: Openbaarheid,
    #[serde(default)]
    pub grenzen: Grenzen,
    #[serde(default)]
    pub verwacht: Verwacht,
    #[serde(default)]
    pub robuustheid: Robuustheid,
    /// The previous edition, whose open indicators give the trend in the report.
    #[serde(default)]
    pub vorige_editie: Option<VorigeEditie>,
    /// Severity per rule code: `waarschuwing`, `quarantaine`, `weigeren` (or the
    /// English `warn`, `quarantine`, `fail`).
    #[serde(default)]
    pub regels: BTreeMap<String, Zwaarte>,
}

/// The date up to which follow-up of a year is observed: by default 31 March of the
/// following year.
#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PeildatumConfig {
    pub maand: u32,
    pub dag: u32,
}

impl Default for PeildatumConfig {
    fn default() -> Self {
        PeildatumConfig { maand: 3, dag: 31 }
    }
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Openbaarheid {
    pub min_celwaarde: i64,
    pub min_noemer: i64,
}

impl Default for Openbaarheid {
    fn default() -> Self {
        Openbaarheid {
            min_celwaarde: 5,
            min_noemer: 10,
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Verwacht {
    /// Party kinds of which every party is expected to deliver (D1).
    #[serde(default)]
    pub partijsoorten: Vec<String>,
    /// Further individual parties that are expected.
    #[serde(default)]
    pub partijen: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct VorigeEditie {
    /// Its name, e.g. "2024".
    pub editie: String,
    /// Its published open `indicatoren.parquet`, relative to the queries/ folder.
    #[serde(default)]
    pub indicatoren: Option<String>,
    /// Its peildatum (`jjjj-mm-dd`): S6 shows the change of each recommendation's
    /// status since then.
    #[serde(default)]
    pub peildatum: Option<String>,
}

/// A threshold and where it comes from; the report prints both.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Drempel {
    pub waarde: f64,
    pub bron: String,
    /// How the report prints the value: `procent`, `aandeel` (0–1, printed as a
    /// percentage), `uren`, `ratio`, `jaren`, ….
    #[serde(default)]
    pub eenheid: Option<String>,
    /// What the threshold is, for the report's table of thresholds.
    #[serde(default)]
    pub omschrijving: Option<String>,
}

/// Thresholds of the robustness criteria (robuustheidscriteria, June 2023) and the
/// stelsel conditions.
/// What one delivered file or value may cost: beyond these a sheet or workbook is
/// refused before it is read whole, and a value is set aside.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Grenzen {
    /// Rows of one workbook sheet (Excel itself stops at 1,048,576).
    pub max_blad_rijen: u64,
    /// Bytes one part of an `.xlsx` (a zip) may inflate to, in MiB.
    pub max_zip_deel_mb: u64,
    /// Characters of one delivered value; a longer one goes to quarantine
    /// (`waarde_te_lang`).
    pub max_waarde_tekens: usize,
    /// Characters of a delivered value a report page shows, then "…".
    pub rapport_waarde_tekens: usize,
}

impl Default for Grenzen {
    fn default() -> Self {
        Grenzen {
            max_blad_rijen: 1_048_576,
            max_zip_deel_mb: 1024,
            max_waarde_tekens: 4000,
            rapport_waarde_tekens: 200,
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Robuustheid {
    /// The date by which every omgevingsdienst should be robust (`jjjj-mm-dd`).
    pub deadline: String,
    /// The thresholds are illustrative (sample configuration), not adopted values.
    #[serde(default)]
    pub illustratief: bool,
    /// The thresholds the condition queries (`queries/randvoorwaarden/`) read as
    /// `{{ drempel.<naam>.waarde }}`, by name.
    #[serde(flatten)]
    pub drempels: BTreeMap<String, Drempel>,
}

impl Default for Robuustheid {
    fn default() -> Self {
        let d = |waarde: f64, eenheid: &str, omschrijving: &str, bron: &str| Drempel {
            waarde,
            bron: bron.into(),
            eenheid: Some(eenheid.into()),
            omschrijving: Some(omschrijving.into()),
        };
        let illustratief = "standaardwaarde van de pijplijn (illustratief)";
        Robuustheid {
            deadline: "2026-04-01".into(),
            illustratief: true,
            drempels: BTreeMap::from([
                (
                    "vth_uren".into(),
                    d(
                        150_000.0,
                        "uren",
                        "R1: VTH-uren in het regionale werkprogramma, ten minste",
                        illustratief,
                    ),
                ),
                (
                    "aandeel_eigen_dienst".into(),
                    d(
                        0.7,
                        "aandeel",
                        "R1: aandeel fte in eigen dienst, ten minste",
                        illustratief,
                    ),
                ),
                (
                    "weerstandsratio".into(),
                    d(
                        1.0,
                        "ratio",
                        "R4: weerstandsvermogen / benodigd weerstandsvermogen, ten minste",
                        illustratief,
                    ),
                ),
                (
                    "basistaken_pct".into(),
                    d(
                        100.0,
                        "procent",
                        "S1: gemeenten met het volledige basistakenpakket, ten minste",
                        "spec/indicators.md: volledig basistakenpakket",
                    ),
                ),
                (
                    "visitatie_jaren".into(),
                    d(
                        4.0,
                        "jaren",
                        "S2: jaren sinds de laatste visitatie, ten hoogste",
                        "spec/exchange-format.md: visitatie elke vier jaar",
                    ),
                ),
            ]),
        }
    }
}

/// Everything a run needs to know, resolved once before the run starts.
#[derive(Debug, Clone)]
pub struct Config {
    pub input: PathBuf,
    pub output: PathBuf,
    pub config_path: PathBuf,
    /// The `queries/` folder: indicators, code lists, mappings, profiles, reference data.
    pub queries: PathBuf,
    pub templates: PathBuf,
    pub file: ConfigFile,
    /// Raw text of the configuration file, hashed into the manifest.
    pub file_text: String,
}

impl Config {
    pub fn load(
        input: PathBuf,
        output: PathBuf,
        config_path: PathBuf,
        templates: Option<PathBuf>,
    ) -> Result<Config> {
        if !config_path.is_file() {
            return Err(Error::NotFound {
                wat: "the batch configuration",
                path: std::path::absolute(&config_path).unwrap_or(config_path.clone()),
                hoe: "pass --config <path to queries/config.toml>, or run vth from the repository root (the default is queries/config.toml)".into(),
            });
        }
        let file_text = read_text(&config_path)?;
        let file: ConfigFile = toml::from_str(&file_text).map_err(|e| Error::Config {
            path: config_path.clone(),
            message: e.to_string(),
        })?;
        for (code, zwaarte) in &file.regels {
            let Some(regel) = Regel::from_code(code) else {
                return Err(Error::Config {
                    path: config_path.clone(),
                    message: format!(
                        "[regels] names unknown rule `{code}`; known rules: {}",
                        Regel::ALL
                            .iter()
                            .map(|r| r.code())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                });
            };
            if *zwaarte < regel.minimum_zwaarte() {
                return Err(Error::Config {
                    path: config_path.clone(),
                    message: format!(
                        "[regels] {code} = \"{}\" is not possible: a row or file that breaks this rule cannot be kept; use \"{}\" or stricter",
                        zwaarte.code(),
                        regel.minimum_zwaarte().code()
                    ),
                });
            }
        }
        if NaiveDate::parse_from_str(&file.robuustheid.deadline, "%Y-%m-%d").is_err() {
            return Err(Error::Config {
                path: config_path.clone(),
                message: format!(
                    "[robuustheid] deadline = \"{}\" is not a date; write it as \"2026-04-01\"",
                    file.robuustheid.deadline
                ),
            });
        }
        if let Some(p) = file
            .vorige_editie
            .as_ref()
            .and_then(|v| v.peildatum.as_ref())
        {
            if NaiveDate::parse_from_str(p, "%Y-%m-%d").is_err() {
                return Err(Error::Config {
                    path: config_path.clone(),
                    message: format!(
                        "[vorige_editie] peildatum = \"{p}\" is not a date; write it as \"2025-03-31\""
                    ),
                });
            }
        }
        let queries = config_path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        let templates = templates.unwrap_or_else(|| {
            queries
                .parent()
                .unwrap_or(Path::new("."))
                .join("report-templates")
        });
        Ok(Config {
            input,
            output,
            config_path,
            queries,
            templates,
            file,
            file_text,
        })
    }

    /// The report templates are where the run will look for them; checked before a
    /// run starts, so a long run does not fail at its last step.
    pub fn check_templates(&self) -> Result<()> {
        if !self.templates.join("index.html").is_file() {
            return Err(Error::NotFound {
                wat: "the report templates",
                path: std::path::absolute(&self.templates).unwrap_or(self.templates.clone()),
                hoe: "pass --templates <folder with the report's templates>; by default report-templates/ beside the folder of --config is used".into(),
            });
        }
        // The files Rust renders from by name, besides the pages.
        let nodig = [
            crate::publish::report::bijschriften::BESTAND,
            crate::publish::codebook::BESTAND,
        ];
        match nodig.iter().map(|b| self.templates.join(b)).find(|p| !p.is_file()) {
            None => Ok(()),
            Some(pad) => Err(Error::NotFound {
                wat: "a template the run renders from",
                path: std::path::absolute(&pad).unwrap_or(pad),
                hoe: "copy it from the project's report-templates/ into the folder given with --templates".into(),
            }),
        }
    }

    pub fn peildatum(&self, jaar: i32) -> NaiveDate {
        let p = self.file.peildatum;
        NaiveDate::from_ymd_opt(jaar + 1, p.maand, p.dag)
            // 29 February in a year without it: the last day of February.
            .or_else(|| NaiveDate::from_ymd_opt(jaar + 1, p.maand, 28))
            .unwrap_or(NaiveDate::MAX)
    }

    pub fn deadline(&self) -> NaiveDate {
        NaiveDate::parse_from_str(&self.file.robuustheid.deadline, "%Y-%m-%d").unwrap_or_default()
    }

    /// The peildatum of the previous edition, when configured (checked at load).
    pub fn vorige_peildatum(&self) -> Option<NaiveDate> {
        let p = self.file.vorige_editie.as_ref()?.peildatum.as_ref()?;
        NaiveDate::parse_from_str(p, "%Y-%m-%d").ok()
    }

    pub fn zwaarte(&self, regel: Regel) -> Zwaarte {
        self.file
            .regels
            .get(regel.code())
            .copied()
            .unwrap_or_else(|| regel.standaard_zwaarte())
    }
}
